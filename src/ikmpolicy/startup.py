"""Start-up cost that ikmpolicy's processes need not pay.

When ``rfc3987-syntax`` is installed (Jupyter's own dependencies pull it in), jsonschema imports
it at its own import, and that import compiles 39 Lark grammars: about a second in every process
that imports nbformat or papermill, that is in every brief. nbformat never validates an IRI, so
the grammars are deferred to the first IRI that anything validates; what jsonschema answers does
not change.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types

IRI_GRAMMARS = "rfc3987_syntax"


def defer_iri_grammars() -> None:
    """Put a stand-in for ``rfc3987_syntax`` in ``sys.modules`` that imports it on first use.

    Does nothing when the module is already imported or not installed.

    Examples
    --------
    >>> defer_iri_grammars()
    >>> from jsonschema import FormatChecker
    >>> FormatChecker().conforms("https://example.org/ü", "iri")
    True
    """
    if IRI_GRAMMARS in sys.modules or importlib.util.find_spec(IRI_GRAMMARS) is None:
        return
    stand_in = types.ModuleType(IRI_GRAMMARS)
    real: list = []

    def is_valid_syntax(term: str, value: str) -> bool:
        if not real:
            if sys.modules.get(IRI_GRAMMARS) is stand_in:
                del sys.modules[IRI_GRAMMARS]
            real.append(importlib.import_module(IRI_GRAMMARS))
        return real[0].is_valid_syntax(term, value)

    stand_in.is_valid_syntax = is_valid_syntax  # the one name jsonschema imports
    sys.modules[IRI_GRAMMARS] = stand_in
