"""The internal edition for the industry office: per-buyer shortlists with business names.

Made only on request (``ikmpolicy brief --internal``), written to
``reports/<fgd-id>/internal/shortlist.xlsx`` and never linked from the public index. It holds
business names (the public brief shows counts only) and never an owner's name or phone. It is
made in the pipeline, not in the notebook, so the executed notebook kept with the public brief
holds no business name either. The numbers are those of the brief: the same computation
(:func:`ikmpolicy.report.sections.partnership.partnership_of`) on the same data and date.
"""

from __future__ import annotations

from pathlib import Path

from ikmpolicy.matching import write_shortlist
from ikmpolicy.report.sections.context import load_context
from ikmpolicy.report.sections.partnership import partnership_of

#: Folder of the internal edition inside a brief's folder.
FOLDER = "internal"


def write_internal(
    folder: str | Path,
    data: str,
    fgd_id: str,
    *,
    as_of: str | None = None,
    helix_model: str = "classic",
    dataset=None,
) -> Path | None:
    """Write ``folder/internal/shortlist.xlsx``; None when the data hold no matching.

    Examples
    --------
    >>> import tempfile, openpyxl
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = write_internal(tmp, "data/cilegon", "fgd-2025-05-15", as_of="2025-12-01")
    ...     book = openpyxl.load_workbook(path)
    ...     path.parent.name, book.sheetnames[0]
    ('internal', 'README')
    """
    ctx = load_context(data, fgd_id, "id", helix_model, as_of, dataset)
    part = partnership_of(ctx)
    if part is None:
        return None
    return write_shortlist(
        Path(folder) / FOLDER / "shortlist.xlsx",
        part.pairs,
        ctx.dataset["firms"],
        ctx.dataset["buyer_requirements"],
        near=part.near,
        assignment=part.assignment,
    )
