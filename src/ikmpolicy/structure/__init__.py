"""Structural analysis of what an FGD named: ISM and MICMAC, figures, and the annex tables.

* :mod:`.ism` - SSIM -> reachability matrices -> levels (Warfield; Sage);
* :mod:`.micmac` - driving power / dependence quadrants;
* :mod:`.figures` - the ISM digraph by level and the MICMAC plane (matplotlib);
* :mod:`.annex` - a session's ISM and MACTOR tables and figures for the technical annex.
"""

from .ism import (
    RELATIONS,
    AggregatedSSIM,
    ISMInputError,
    ISMResult,
    LevelPartition,
    aggregate_reachability,
    driving_dependence,
    initial_reachability,
    ism,
    level_partition,
    ssim_from_matrix,
    transitive_closure,
)
from .micmac import QUADRANTS, micmac, quadrant

__all__ = [
    "QUADRANTS",
    "RELATIONS",
    "AggregatedSSIM",
    "ISMInputError",
    "ISMResult",
    "LevelPartition",
    "aggregate_reachability",
    "driving_dependence",
    "initial_reachability",
    "ism",
    "level_partition",
    "micmac",
    "quadrant",
    "ssim_from_matrix",
    "transitive_closure",
]
