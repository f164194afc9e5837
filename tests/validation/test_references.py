"""References: required ones reject and cascade, charged to their root; optional ones blank."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ikmpolicy.validation import load_dataset
from tests.conftest import SAMPLE, edit_csv


def test_a_cascade_is_charged_to_its_root(data_copy):
    edit_csv(data_copy / "sub_sectors.csv", 2, "sector", "")  # light_steel rejected
    ds = load_dataset(data_copy)
    report = ds.report
    [root] = [k for k, p in enumerate(report.problems) if p.location == "sub_sectors.csv"]
    firms = [p for p in report.problems if p.location == "firms.csv"]
    assessments = [p for p in report.problems if p.location == "assessments.csv"]
    assert firms and assessments
    assert all(p.cause == root for p in firms + assessments)  # transitively: the same root
    taken = report.cascades[root]
    assert taken["firms"] == len(firms) and taken["assessments"] == len(assessments)
    assert report.counts["firms"].rejected == len(firms)
    assert f"its rejection took {len(firms) + len(assessments)} row(s)" in report.summary()


def test_an_optional_reference_is_blanked_not_rejected(data_copy):
    edit_csv(data_copy / "commitments.csv", 2, "partner_ids", "industri_besar_cilegon;tidak_ada")
    ds = load_dataset(data_copy)
    [p] = [p for p in ds.report.problems if p.location == "commitments.csv"]
    assert p.severity == "warning" and p.value == "tidak_ada" and p.cause is None
    row = ds["commitments"].set_index("_row").loc[2]
    assert row["partner_ids"] == () and ds.report.counts["commitments"].rejected == 0


def test_an_unreadable_table_charges_the_rows_that_need_it(data_copy):
    (data_copy / "sub_sectors.csv").write_bytes(b"%PDF-1.4")
    ds = load_dataset(data_copy)
    report = ds.report
    [root] = [k for k, p in enumerate(report.problems) if p.location == "sub_sectors.csv"]
    assert report.problems[root].fatal
    assert report.cascades[root]["firms"] == 60
    assert len(ds["firms"]) == 0 and len(ds["assessments"]) == 0


def test_rows_that_refer_to_a_lost_table_are_one_problem_not_one_per_row(data_copy):
    # a misspelt required header loses the whole firms table; the 114 assessments that refer to
    # it were 114 lines saying the same thing
    edit_csv(data_copy / "firms.csv", 1, "workforce", "workforse")
    ds = load_dataset(data_copy)
    report = ds.report
    [root] = [k for k, p in enumerate(report.problems) if p.location == "firms.csv"]
    [p] = [p for p in report.problems if p.location == "assessments.csv"]
    assert (p.row, p.column, p.cause) == (2, "firm_id", root) and len(p.rows) == 114
    assert "the table 'firms' could not be used" in p.expected
    assert "(rows 2–115)" in p.expected
    assert report.cascades[root]["assessments"] == 114 == report.counts["assessments"].rejected


def test_an_optional_reference_to_a_lost_table_is_one_warning_and_the_cells_empty(data_copy):
    (data_copy / "stakeholders.csv").write_bytes(b"%PDF-1.4")
    ds = load_dataset(data_copy)
    [p] = [p for p in ds.report.problems if p.location == "interventions.csv"]
    assert (p.severity, p.column, p.row) == ("warning", "owner_id", 2)
    assert "rows 2–11 left empty" in p.expected
    assert ds["interventions"]["owner_id"].isna().all() and len(ds["interventions"]) == 10
    # and every table that needs the stakeholders says so once, not once per row (commitments:
    # owners and partners are optional, so a warning for each column emptied, rows kept)
    assert len(ds.report.problems) == 13
    owners = [p for p in ds.report.problems if p.location == "commitments.csv"]
    assert {(p.severity, p.column) for p in owners} == {
        ("warning", "org_id"),
        ("warning", "partner_ids"),
    }


def test_rows_two_tables_from_a_lost_table_are_grouped_and_blame_it(data_copy):
    # without sources every table citing it loses its rows, and the rows that refer to those
    # were one line each (1418 lines), each saying a readable table "could not be used"
    (data_copy / "sources.csv").unlink()
    ds = load_dataset(data_copy)
    [p] = [p for p in ds.report.problems if p.location == "publisher.csv"]
    assert "the stakeholders row it names was rejected, as sources.csv could not be used" in (
        p.expected
    )
    assert "the table 'stakeholders' could not be used" not in p.expected
    assert len(ds.report.problems) < 50


def test_indicator_headers_are_not_called_unknown_when_the_indicators_are_lost(data_copy):
    # with indicators.csv unreadable, the nine correct indicator headers of assessments and of
    # buyer_requirements were each "a known column; this one is ignored" (18 warnings)
    (data_copy / "indicators.csv").write_bytes(b"%PDF-1.4")
    ds = load_dataset(data_copy)
    for table in ("assessments", "buyer_requirements"):
        headers = [p for p in ds.report.problems if p.location == f"{table}.csv" and p.row == 1]
        warnings = [p for p in headers if p.severity == "warning"]
        assert len(warnings) == 1 and "these 9 are not read" in warnings[0].expected
        assert not [p for p in headers if "this one is ignored" in p.expected]


def test_a_lost_table_is_charged_with_every_row_it_took(data_copy):
    # the assessments rejected for want of indicators were left out of "its rejection took N
    # row(s) with it": 915 were said, 1029 rows were lost
    (data_copy / "indicators.csv").write_bytes(b"%PDF-1.4")
    ds = load_dataset(data_copy)
    [fatal] = [k for k, p in enumerate(ds.report.problems) if p.fatal]
    taken = ds.report.cascades[fatal]
    lost = {name: c.rejected for name, c in ds.report.counts.items() if c.rejected}
    assert dict(taken) == lost
    assert taken["assessments"] == ds.report.counts["assessments"].read


@pytest.mark.parametrize(
    ("absent", "table", "column", "required"),
    [
        ("fgd_elements", "ssim", "element_i", True),
        ("mactor_objectives", "mactor_positions", "objective_id", True),
        ("codebook", "interventions", "themes", False),
    ],
)
def test_rows_that_refer_to_an_absent_optional_table_are_one_problem(
    data_copy, absent, table, column, required
):
    # an optional table left out gave one line per referring row: 216 for the SSIM
    (data_copy / f"{absent}.csv").unlink()
    ds = load_dataset(data_copy)
    read = ds.report.counts[table].read
    [p] = [p for p in ds.report.problems if p.location == f"{table}.csv"]
    assert p.column == column and f"the table '{absent}' is empty or missing" in p.expected
    assert f"rows 2–{read + 1}" in p.expected
    assert p.severity == ("error" if required else "warning")
    assert ds.report.counts[table].rejected == (read if required else 0)
    if not required:
        assert ds[table][column].map(len).eq(0).all()  # the cells are left empty, as said


def _lose(path: Path, how: str) -> None:
    if how == "missing":
        path.unlink()
    elif how == "unreadable":
        path.write_bytes(b"%PDF-1.4")
    else:  # header only
        header = path.read_text(encoding="utf-8").splitlines()[0]
        path.write_text(header + "\n", encoding="utf-8")


@pytest.mark.parametrize("how", ["missing", "unreadable", "header only"])
@pytest.mark.parametrize("table", sorted(p.stem for p in SAMPLE.glob("*.csv")))
def test_a_table_lost_as_a_whole_gives_few_problems_in_each_file(data_copy, table, how):
    # one cause, one problem: a lost or empty table is named once per column that refers to
    # it, and the rows two tables away once per column too (they were one line per row: 1380
    # lines for sources with a header only, 42 for participation, 9 per indicator header)
    _lose(data_copy / f"{table}.csv", how)
    ds = load_dataset(data_copy)
    per_file = Counter(p.location for p in ds.report.problems)
    assert max(per_file.values(), default=0) <= 2, per_file.most_common(3)


def test_an_id_that_differs_only_in_case_or_leading_zeros_is_named_with_the_one_meant(data_copy):
    """Ids are compared exactly; the error names the id of the other table it was meant as,
    and, for an id whose zeros Excel dropped (001 stored as the number 1), why."""
    edit_csv(data_copy / "assessments.csv", 2, "firm_id", "ikm-001")
    edit_csv(data_copy / "assessments.csv", 3, "firm_id", "IKM-2")
    edit_csv(data_copy / "assessments.csv", 4, "firm_id", "IKM-999")
    problems = {p.row: p for p in load_dataset(data_copy).report.problems}
    assert "firms has 'IKM-001', which differs only in capitals" in problems[2].expected
    assert "Excel drops the leading zeros" not in problems[2].expected
    assert "firms has 'IKM-002'" in problems[3].expected
    assert "Excel drops the leading zeros" in problems[3].expected
    assert problems[4].expected.endswith("(it is missing there)")  # no near id: no hint


def test_a_reference_to_an_example_id_says_that_example_rows_are_skipped(data_copy):
    # rows made by copying the template's example row keep its source_id: the error said
    # 'CONTOH-survei-2025' was "missing" from sources, where the analyst sees it in row 18
    path = data_copy / "sources.csv"
    rows = path.read_text("utf-8").splitlines()
    path.write_text("\n".join([*rows, "CONTOH-survei-2025,Dinas,Survei (contoh),,,,true"]) + "\n")
    edit_csv(data_copy / "firms.csv", 2, "source_id", "CONTOH-survei-2025")
    edit_csv(data_copy / "firms.csv", 3, "source_id", "contoh-survei-2025")
    problems = {
        p.row: p for p in load_dataset(data_copy).report.problems if p.location == "firms.csv"
    }
    for row in (2, 3):
        expected = problems[row].expected
        assert problems[row].column == "source_id" and "missing there" not in expected
        assert (
            "example rows" in expected and "skipped" in expected and "an id of your own" in expected
        )


def test_a_reference_typed_as_the_label_of_an_id_names_that_id(data_copy):
    # the template shows each reference table with its labels: "Baja ringan" typed for the
    # sub-sector, an organisation's name for its id; the error said only "missing there"
    edit_csv(data_copy / "firms.csv", 2, "sub_sector", "baja  ringan")
    edit_csv(
        data_copy / "participation.csv", 2, "org_id", "Pemerintah Kota Cilegon (Wali Kota Cilegon)"
    )
    edit_csv(data_copy / "commitments.csv", 2, "theme", "Kemitraan")
    problems = {(p.location, p.row): p.expected for p in load_dataset(data_copy).report.problems}
    assert (
        "'baja  ringan' is the label of 'light_steel' in sub_sectors: write the id"
        in (problems[("firms.csv", 2)])
    )
    assert "is the name of 'pemkot_cilegon' in stakeholders" in problems[("participation.csv", 2)]
    assert "is the label of 'partnership' in codebook" in problems[("commitments.csv", 2)]
