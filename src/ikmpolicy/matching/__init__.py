"""Partnership potential: which IKM can supply which buyer, now, soon or not yet.

Profile
    :func:`firm_profile` (one row per firm: certificates, capacity, latest scores).
Gaps and eligibility
    :func:`requirement_gaps` (every firm x requirement: KBLI fit, gaps, certificates, status,
    fit, capacity), :data:`STATUSES`; :func:`eligibility_counts` (the same, counted in chunks
    for millions of firms).
Fit
    :func:`indicator_weights` (equal or AHP weights per indicator); the fit definition is in
    :mod:`ikmpolicy.matching.fit`.
Assignment
    :func:`assign_suppliers` (best firm-to-requirement assignment, ``scipy.optimize.milp``).
Near-ready firms
    :func:`near_ready` and :func:`cheapest_path` (cheapest programme set to eligibility).
Summaries and shortlists
    :func:`partnership_summary` (by sub-sector and requirement), :func:`shortlist` and
    :func:`write_shortlist` (internal, business names, never personal data).
Errors
    :class:`MatchingError` (an :class:`~ikmpolicy.errors.InputError`).
"""

from ._errors import MatchingError
from .assignment import assign_suppliers
from .chunked import eligibility_counts
from .fit import indicator_weights
from .gaps import CAPACITY_STATUSES, STATUSES, requirement_gaps
from .near_ready import Path, PathFinder, cheapest_path, near_mask, near_ready
from .profile import PERSONAL_COLUMNS, firm_profile
from .shortlist import sheet_names, shortlist, write_shortlist
from .summary import partnership_summary

__all__ = [
    "CAPACITY_STATUSES",
    "PERSONAL_COLUMNS",
    "STATUSES",
    "MatchingError",
    "Path",
    "PathFinder",
    "assign_suppliers",
    "cheapest_path",
    "eligibility_counts",
    "firm_profile",
    "indicator_weights",
    "near_mask",
    "near_ready",
    "partnership_summary",
    "requirement_gaps",
    "sheet_names",
    "shortlist",
    "write_shortlist",
]
