"""Pentahelix analyses: who is at the table, who committed to what, who connects whom.

One module per idea:

* :mod:`.model` - helix models held as data, each organisation's helix, session participants;
* :mod:`.coverage` - organisations per helix, balance (Pielou's evenness), absent helices;
* :mod:`.ledger` - commitments with due dates, state and overdue flag on an ``as_of`` day;
* :mod:`.network` - collaboration network, centralities, brokers, isolated actors;
* :mod:`.grid` - power-interest grid;
* :mod:`.mactor` - MACTOR actor analysis (Godet);
* :mod:`.figures` - matplotlib figures for the brief.
"""

from ._errors import HelixModelError, PentahelixInputError
from .coverage import (
    ALL_SESSIONS,
    absent_helix_warnings,
    balance_index,
    helix_balance,
    helix_coverage,
)
from .grid import QUADRANTS, power_interest_grid
from .ledger import STATES, commitment_ledger, ledger_summary, period_end, period_start
from .mactor import (
    MactorInputError,
    actor_power,
    convergences,
    direct_indirect_influence,
    divergences,
    mobilisation,
    weighted_positions,
)
from .model import (
    UNASSIGNED,
    assign_helices,
    helix_counts,
    helix_model,
    helix_roles,
    session_participants,
)
from .network import brokerage, centrality_table, collaboration_graph

__all__ = [
    "ALL_SESSIONS",
    "QUADRANTS",
    "STATES",
    "UNASSIGNED",
    "HelixModelError",
    "MactorInputError",
    "PentahelixInputError",
    "absent_helix_warnings",
    "actor_power",
    "assign_helices",
    "balance_index",
    "brokerage",
    "centrality_table",
    "collaboration_graph",
    "commitment_ledger",
    "convergences",
    "direct_indirect_influence",
    "divergences",
    "helix_balance",
    "helix_counts",
    "helix_coverage",
    "helix_model",
    "helix_roles",
    "ledger_summary",
    "mobilisation",
    "period_end",
    "period_start",
    "power_interest_grid",
    "session_participants",
    "weighted_positions",
]
