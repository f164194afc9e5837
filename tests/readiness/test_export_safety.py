"""The index's Excel export cannot carry a formula, and still rebuilds the same index."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook

from ikmpolicy.readiness import build_index, read_record


def test_formula_like_text_is_neutralised_and_round_trips(tmp_path):
    meta = pd.DataFrame({"indicator": ["q", "t"], "dimension": ["q", "t"], "scale_min": 1,
                         "scale_max": 5, "direction": 1})
    data = pd.DataFrame({"firm_id": ["=HYPERLINK(\"http://x\")", "B", "@C"],
                         "q": [5, 3, 1], "t": [4, 4, 2]})
    record = build_index(data, meta)
    path = record.to_excel(tmp_path / "record.xlsx")
    sheet = load_workbook(path)["raw"]
    ids = [sheet.cell(row=r, column=1).value for r in range(2, 5)]
    assert ids[0] == "'=HYPERLINK(\"http://x\")" and ids[2] == "'@C"
    rebuilt = read_record(path)
    pd.testing.assert_series_equal(rebuilt.overall, record.overall)
    assert list(rebuilt.overall.index) == list(data["firm_id"])
