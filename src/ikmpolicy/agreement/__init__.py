"""Agreement and reliability statistics: among raters, coders and scale items.

:func:`kendall_w` (concordance of rankings), :func:`cronbach_alpha` (internal consistency of a
scale), :func:`cohen_kappa` (two raters, nominal or ordinal, weighted variants) and
:func:`krippendorff_alpha` (any number of coders, missing data, four levels of measurement).
One implementation each, shared by the MCDA consensus and the FGD coding checks.
"""

from .cohen import cohen_kappa
from .cronbach import cronbach_alpha
from .errors import AgreementError, NoRankingError
from .kendall import agreement_strength, kendall_w
from .krippendorff import krippendorff_alpha

__all__ = [
    "AgreementError",
    "NoRankingError",
    "agreement_strength",
    "cohen_kappa",
    "cronbach_alpha",
    "kendall_w",
    "krippendorff_alpha",
]
