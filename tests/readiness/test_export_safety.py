"""The index's Excel export cannot carry a formula, and still rebuilds the same index."""

from __future__ import annotations

import pandas as pd
from openpyxl import load_workbook

from ikmpolicy.readiness import build_index, read_record


def test_formula_like_text_is_neutralised_and_round_trips(tmp_path):
    meta = pd.DataFrame(
        {
            "indicator": ["q", "t"],
            "dimension": ["q", "t"],
            "scale_min": 1,
            "scale_max": 5,
            "direction": 1,
        }
    )
    data = pd.DataFrame(
        {"firm_id": ['=HYPERLINK("http://x")', "B", "@C"], "q": [5, 3, 1], "t": [4, 4, 2]}
    )
    record = build_index(data, meta)
    path = record.to_excel(tmp_path / "record.xlsx")
    sheet = load_workbook(path)["raw"]
    ids = [sheet.cell(row=r, column=1).value for r in range(2, 5)]
    assert ids[0] == '\'=HYPERLINK("http://x")' and ids[2] == "'@C"
    rebuilt = read_record(path)
    pd.testing.assert_series_equal(rebuilt.overall, record.overall)
    assert list(rebuilt.overall.index) == list(data["firm_id"])


def _sample_record(tmp_path=None):
    from pathlib import Path

    from ikmpolicy.validation import load_dataset

    data = (Path(__file__).resolve().parents[2] / "data" / "cilegon").resolve()
    ds = load_dataset(str(data))  # an absolute path, as `--data /abs/path` gives
    a = ds["assessments"]
    current = a[a["assessment_date"] == a["assessment_date"].max()]
    firms = ds["firms"].copy()
    # two firms form a sub-sector of their own: too small to be described
    firms.loc[firms["firm_id"].isin(current["firm_id"].iloc[:2]), "sub_sector"] = "forging"
    return build_index(current, ds.indicators, firms), ds, data


def test_workbook_holds_no_personal_data_and_no_absolute_path(tmp_path):
    record, ds, data = _sample_record()
    path = record.to_excel(tmp_path / "record.xlsx")
    wb = load_workbook(path)
    cells = {
        str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    personal = set(ds["firms"]["owner_name"].dropna()) | set(ds["firms"]["owner_phone"].dropna())
    assert personal and not (cells & personal)
    assert not {"owner_name", "owner_phone"} & cells
    assert not any(str(data) in v for v in cells)  # no folder of the analyst's machine
    files = {
        ws.cell(row=r, column=c).value
        for ws in wb.worksheets
        for c in range(1, ws.max_column + 1)
        if ws.cell(row=1, column=c).value == "_file"
        for r in range(2, ws.max_row + 1)
    }
    assert files and files <= {"firms.csv", "indicators.csv"}
    # and the workbook still rebuilds the index
    pd.testing.assert_series_equal(read_record(path).overall, record.overall)


def test_small_groups_are_suppressed_in_the_workbook(tmp_path):
    record, _, _ = _sample_record()
    path = record.to_excel(tmp_path / "record.xlsx")
    groups = pd.read_excel(path, sheet_name="groups_sub_sector").set_index("sub_sector")
    assert groups.loc["forging", "n_firms"] == 2 and groups.loc["forging", "suppressed"]
    assert groups.drop(columns=["n_firms", "suppressed"]).loc["forging"].isna().all()
    assert not groups.drop("forging")["suppressed"].any()
    assert groups.drop("forging")["overall_mean"].notna().all()
    # the threshold is a parameter
    strict = record.rebuild(min_group=15).group_summary("sub_sector")
    assert strict["suppressed"].to_dict() == {k: bool(v < 15) for k, v in strict["n_firms"].items()}
    assert record.group_summary("sub_sector", min_group=1)["suppressed"].sum() == 0


def test_notebook_excel_out_holds_no_personal_data(tmp_path):
    # the path issue 12 names: readiness_index.ipynb with excel_out set
    from pathlib import Path

    import papermill as pm

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "record.xlsx"
    pm.execute_notebook(
        str(root / "notebooks" / "readiness_index.ipynb"),
        str(tmp_path / "run.ipynb"),
        kernel_name="python3",
        cwd=str(root),
        progress_bar=False,
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        parameters={
            "data": str(root / "data" / "cilegon"),
            "excel_out": str(out),
            "replicates": 60,
        },
    )
    wb = load_workbook(out)
    cells = {
        str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }
    firms = pd.read_csv(root / "data" / "cilegon" / "firms.csv", dtype=str)
    personal = set(firms["owner_name"].dropna()) | set(firms["owner_phone"].dropna())
    assert personal and not (cells & personal)
    assert not any(str(root) in v for v in cells)
