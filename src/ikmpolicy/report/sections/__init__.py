"""The sections of a per-FGD policy brief and its technical annex.

Each section is one function ``section(ctx) -> Section`` and one cell of the brief notebook;
adding a section means adding one function (in the module of its topic) and one cell.
:func:`load_context` gathers what every section needs (validated data, the session, the
wording) once. The brief edition (at most four printed pages) comes first in the notebook, the
annex after it; each :class:`~ikmpolicy.report.content.Section` says which edition it belongs to.
"""

from ikmpolicy.report.sections.context import (
    BriefContext,
    UnknownSessionError,
    load_context,
)
from ikmpolicy.report.sections.front import (
    follow_up_needed,
    how_to_read,
    key_messages,
    masthead,
)
from ikmpolicy.report.sections.index import index_change, index_sensitivity, readiness_index
from ikmpolicy.report.sections.judgement import group_judgement
from ikmpolicy.report.sections.ledger import commitments_ledger
from ikmpolicy.report.sections.partnership import partnership_detail, partnership_potential
from ikmpolicy.report.sections.profile import readiness_at_a_glance, readiness_profile
from ikmpolicy.report.sections.quality import data_quality, provenance
from ikmpolicy.report.sections.recommendations import (
    recommendation_table,
    recommendations_detail,
    top_recommendations,
)
from ikmpolicy.report.sections.session import session_facts, statements
from ikmpolicy.report.sections.stakeholders import (
    collaboration,
    helices_at_the_table,
    helix_coverage,
    power_interest,
)
from ikmpolicy.report.sections.structure import actor_analysis, ism_structure
from ikmpolicy.report.sections.themes import fgd_themes

__all__ = [
    "BriefContext",
    "UnknownSessionError",
    "actor_analysis",
    "collaboration",
    "commitments_ledger",
    "data_quality",
    "fgd_themes",
    "follow_up_needed",
    "group_judgement",
    "helices_at_the_table",
    "helix_coverage",
    "how_to_read",
    "index_change",
    "index_sensitivity",
    "ism_structure",
    "key_messages",
    "load_context",
    "masthead",
    "partnership_detail",
    "partnership_potential",
    "power_interest",
    "provenance",
    "readiness_at_a_glance",
    "readiness_index",
    "readiness_profile",
    "recommendation_table",
    "recommendations_detail",
    "session_facts",
    "statements",
    "top_recommendations",
]
