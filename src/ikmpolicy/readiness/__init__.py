"""Readiness index of IKM to supply a large industry: composite indicator with its uncertainty.

The pipeline follows the OECD/JRC *Handbook on Constructing Composite Indicators* (2008) and the
choices of the JRC's COINr package, on pandas objects: indicator metadata
(:mod:`.metadata`), missing data (:mod:`.missing`), outliers (:mod:`.outliers`), normalisation
(:mod:`.normalise`), weights (:mod:`.weights`), aggregation (:mod:`.aggregate`), the whole
construction in one record (:mod:`.index`), Monte Carlo uncertainty and Sobol sensitivity
(:mod:`.uncertainty`, on top of the general :func:`~.sensitivity.sensitivity`), change between
two dates (:mod:`.change`) and figures (:mod:`.figures`). Errors: :class:`IndexSpecError` for a
bad choice, :class:`IndexDataError` for data that cannot be used (:mod:`.errors`).
"""

from .aggregate import AGGREGATION_METHODS, aggregate, aggregate_levels, copeland
from .change import ChangeResult, assessments_on, change_over_time
from .errors import IndexDataError, IndexSpecError
from .index import IndexRecord, IndexSpec, build_index, rank_desc, read_record
from .metadata import dimensions, parse_metadata
from .missing import coverage_exclusions, impute, missing_by_firm, missing_by_indicator
from .normalise import NORMALISATION_METHODS, normalise
from .outliers import check_outliers, kurt, skew, treat_outliers, winsorise
from .sensitivity import sensitivity
from .uncertainty import (
    ROBUSTNESS_CODES,
    UncertaintyResult,
    monte_carlo,
    rank_robustness,
)
from .weights import check_weights, equal_weights, pca_weights, perturb_weights, varimax

__all__ = [
    "AGGREGATION_METHODS",
    "NORMALISATION_METHODS",
    "ROBUSTNESS_CODES",
    "ChangeResult",
    "IndexDataError",
    "IndexRecord",
    "IndexSpec",
    "IndexSpecError",
    "UncertaintyResult",
    "aggregate",
    "aggregate_levels",
    "assessments_on",
    "build_index",
    "change_over_time",
    "check_outliers",
    "check_weights",
    "copeland",
    "coverage_exclusions",
    "dimensions",
    "equal_weights",
    "impute",
    "kurt",
    "missing_by_firm",
    "missing_by_indicator",
    "monte_carlo",
    "normalise",
    "parse_metadata",
    "pca_weights",
    "perturb_weights",
    "rank_desc",
    "rank_robustness",
    "read_record",
    "sensitivity",
    "skew",
    "treat_outliers",
    "varimax",
    "winsorise",
]
