"""The internal edition: per-buyer shortlists with business names, never personal data."""

from __future__ import annotations

import openpyxl

from ikmpolicy.internal import write_internal
from ikmpolicy.report.sections import load_context
from ikmpolicy.report.sections.partnership import partnership_of
from tests.conftest import AS_OF, SAMPLE


def test_shortlists_name_businesses_and_never_owners(tmp_path, sample):
    path = write_internal(tmp_path, str(SAMPLE), "fgd-2025-05-15", as_of=AS_OF, dataset=sample)
    assert path == tmp_path / "internal" / "shortlist.xlsx"
    book = openpyxl.load_workbook(path)
    cells = [
        str(c)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c is not None
    ]
    text = " ".join(cells)
    firms = sample["firms"]
    for owner in [*firms["owner_name"], *firms["owner_phone"]]:
        assert owner not in text
    # every firm the brief counts as eligible is named, by its business name, on its buyer's sheet
    part = partnership_of(load_context(str(SAMPLE), "fgd-2025-05-15", as_of=AS_OF, dataset=sample))
    eligible = part.pairs[part.pairs["eligible"]]
    names = dict(zip(firms["firm_id"], firms["business_name"], strict=True))
    assert len(eligible) > 0
    for row in eligible.itertuples(index=False):
        sheet = book[row.requirement_id]
        values = {str(c) for r in sheet.iter_rows(values_only=True) for c in r if c is not None}
        assert names[row.firm_id] in values
    # no cell the office opens can run as a formula
    assert not [c for c in cells if c[:1] in "=+@"]
