"""ikmpolicy: tested analyses and per-FGD policy briefs for pentahelix partnerships of IKM.

The package is a small library of plain functions over pandas objects; the notebooks in
``notebooks/`` call it and papermill executes them into briefs under ``reports/``.
"""

__version__ = "0.1.0"

from ikmpolicy.startup import defer_iri_grammars

defer_iri_grammars()
