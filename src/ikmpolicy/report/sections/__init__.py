"""The sections of a per-FGD policy brief.

Each section is one function ``section(ctx) -> Fragment`` and one cell of the brief notebook;
adding a section means adding one function (in the module of its topic) and one cell.
:func:`load_context` gathers what every section needs (validated data, the session, the
wording) once.
"""

from ikmpolicy.report.sections.context import (
    BriefContext,
    UnknownSessionError,
    default_as_of,
    load_context,
)
from ikmpolicy.report.sections.index import readiness_index
from ikmpolicy.report.sections.judgement import group_judgement
from ikmpolicy.report.sections.ledger import commitments_ledger
from ikmpolicy.report.sections.profile import readiness_profile
from ikmpolicy.report.sections.quality import data_quality, provenance
from ikmpolicy.report.sections.session import (
    key_points,
    participation,
    session_facts,
    statements,
    title_block,
)
from ikmpolicy.report.sections.stakeholders import collaboration, helix_coverage
from ikmpolicy.report.sections.themes import fgd_themes

__all__ = [
    "BriefContext", "UnknownSessionError", "data_quality", "default_as_of", "group_judgement",
    "key_points", "load_context", "participation", "provenance", "readiness_index",
    "readiness_profile", "session_facts", "statements", "title_block",
    "collaboration", "commitments_ledger", "fgd_themes", "helix_coverage",
]
