"""Cross-column checks: registered by name, and whatever would stop a brief is reported by
validation with its row (``validate`` and ``brief`` agree)."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from ikmpolicy.io import rows_text
from ikmpolicy.report import sections
from ikmpolicy.schema import TABLES, Table
from ikmpolicy.validation import CHECKS, check, load_dataset
from ikmpolicy.validation.checks import UnknownCheckError, verify_registry
from tests.conftest import edit_csv

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
_spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
corpus = sys.modules.setdefault("make_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)

FGD = "fgd-2025-05-15"
#: every section of the brief notebook, in its order (read from the notebook: never stale)
SECTIONS = tuple(
    re.match(
        r"sections\.(\w+)\(ctx\)",
        cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"]),
    ).group(1)
    for cell in json.loads(
        (
            Path(__file__).resolve().parents[2] / "src" / "ikmpolicy" / "notebooks" / "brief.ipynb"
        ).read_text("utf-8")
    )["cells"]
    if cell["cell_type"] == "code" and re.match(r"sections\.\w+\(ctx\)", "".join(cell["source"]))
)


def test_every_check_the_schema_names_is_registered():
    named = {name for table in TABLES.values() for name in table.checks}
    assert named <= set(CHECKS)
    verify_registry()


def test_a_check_named_but_not_registered_fails(monkeypatch):
    monkeypatch.setitem(TABLES, "extra", Table("extra", (), key=(), checks=("no_such_check",)))
    with pytest.raises(UnknownCheckError, match="no_such_check"):
        verify_registry()


def test_a_check_registered_twice_fails():
    with pytest.raises(UnknownCheckError, match="twice"):
        check("kbli_code")(lambda ctx: None)


def test_validation_refuses_to_import_with_an_unregistered_check(tmp_path):
    """The failure happens at import, before any data is read."""
    import subprocess

    code = (
        "from ikmpolicy import schema\n"
        "schema._table(schema.Table('x', (), key=(), checks=('typo_check',)))\n"
        "import ikmpolicy.validation\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "typo_check" in result.stderr


@pytest.mark.parametrize(
    ("edits", "column", "words"),
    [
        ([(2, "scale_min", "5"), (2, "scale_max", "1")], "scale_max", "above scale_min"),
        ([(3, "direction", "-2")], "direction", "between -1 and 1"),
        ([(3, "direction", "0")], "direction", "+1 (higher is better)"),
        ([(3, "scale_max", "x")], "scale_max", "a number"),
    ],
)
def test_indicator_scale_errors_are_reported_not_crashed_on(data_copy, edits, column, words):
    for row, col, value in edits:
        edit_csv(data_copy / "indicators.csv", row, col, value)
    ds = load_dataset(data_copy)
    found = [p for p in ds.report.errors if p.location == "indicators.csv" and p.column == column]
    assert found and (words is None or words in found[0].expected)


def brief_sections(data: Path, fgd: str = FGD) -> None:
    """Every section of one brief, as the notebook calls them (the brief's own code)."""
    ctx = sections.load_context(str(data), fgd, "id")
    for name in SECTIONS:
        getattr(sections, name)(ctx)


#: corpus files whose fault stops a brief unless validation rejects the rows behind it
BRIEF_BREAKERS = [
    "pairwise__not_reciprocal.csv",
    "pairwise__disconnected.csv",
    "codebook__header_only.csv",
    "codebook__stopword_keyword.csv",
    "codebook__bad_code.csv",
    "codebook__keyword_two_codes.csv",
    "commitments__unknown_theme.csv",
    "commitments__due_date_unknown_precision.csv",
    "indicators__zero_weights.csv",
    "indicators__scale_reversed.csv",
]


@pytest.mark.parametrize("name", BRIEF_BREAKERS)
def test_validate_and_brief_agree(name, data_copy):
    """The brief runs on what validation keeps, and validation named the rows it dropped."""
    [case] = [c for c in corpus.cases() if c.file == name]
    shutil.copy(BAD / name, data_copy / f"{case.table}.csv")
    ds = load_dataset(data_copy)
    assert ds.report.problems, "validation saw nothing wrong"
    brief_sections(data_copy)


def _rewrite(path: Path, change) -> None:
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows = [rows[0]] + [r for r in (change(rows[0], r) for r in rows[1:]) if r is not None]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _latest_date_unscored(head, row):
    if row[head.index("assessment_date")] == "2025-11-10":
        row[head.index("digital_marketing")] = ""  # one indicator never scored on that date
    return row


def _one_respondent(head, row):
    keep = (
        row[head.index("session_id")] != "fgd-kemenperin-royale-krakatau"
        or row[head.index("respondent_id")] == "R01"
    )
    return row if keep else None


def _extreme(head, row):
    row[head.index("value")] = "9"  # completed comparisons then exceed Saaty's scale
    return row


def test_extreme_judgements_are_weighed_not_refused(data_copy):
    """Every judgement 9: pairs completed by Harker's method lie beyond Saaty's scale, which
    the AHP of a completed matrix accepts; validation keeps the rows and the brief runs."""
    _rewrite(data_copy / "pairwise.csv", _extreme)
    ds = load_dataset(data_copy)
    assert not [p for p in ds.report.errors if p.location == "pairwise.csv"]
    assert ds.report.counts["pairwise"].rejected == 0
    brief_sections(data_copy)


def _all_equal(head, row):
    if row[head.index("session_id")] == FGD:
        row[head.index("value")] = "1"  # every respondent: every dimension equally important
    return row


def test_judgements_that_rank_nothing_are_kept_and_said_in_words(data_copy):
    """Every respondent judges all dimensions equal: the weights stand (equal), Kendall's W is
    0/0; validation keeps the rows and the group-judgement section says so in words."""
    _rewrite(data_copy / "pairwise.csv", _all_equal)
    ds = load_dataset(data_copy)
    assert ds.report.counts["pairwise"].rejected == 0
    ctx = sections.load_context(str(data_copy), FGD, "en")
    text = json.dumps(sections.group_judgement(ctx).to_json())
    assert "Kendall's W of their agreement on the order is not defined" in text
    assert "W = nan" not in text and "W = " not in text
    brief_sections(data_copy)


@pytest.mark.parametrize(
    ("table", "change", "words"),
    [
        ("assessments", _latest_date_unscored, "digital_marketing have no score"),
        ("pairwise", _one_respondent, "at least two respondents"),
    ],
)
def test_validate_reports_what_the_analyses_refuse(data_copy, table, change, words):
    """Found by making briefs from broken data: each stopped a brief before these checks."""
    _rewrite(data_copy / f"{table}.csv", change)
    ds = load_dataset(data_copy)
    found = [p for p in ds.report.errors if p.location == f"{table}.csv" and words in p.expected]
    assert found and all(p.row for p in found)
    if table == "assessments":  # one error for the date, naming its rows; not one per row
        [p] = found
        dated = sorted(p.rows)
        assert p.row == dated[0] and len(dated) > 1 and rows_text(p.rows) in p.expected
        assert [e for e in ds.report.errors if e.location == "assessments.csv"] == [p]
    else:  # the respondent left alone: one error naming the rows, not one per judgement
        [p] = found
        assert p.value == "R01" and len(p.rows) > 1 and rows_text(p.rows) in p.expected
    brief_sections(data_copy, "fgd-kemenperin-royale-krakatau")
    brief_sections(data_copy)


def _cut_off_one_dimension(head, row):
    # respondent R01 of the session no longer compares 'licensing' with anything
    mine = row[head.index("session_id")] == FGD and row[head.index("respondent_id")] == "R01"
    pair = {row[head.index("criterion_a")], row[head.index("criterion_b")]}
    return None if mine and "licensing" in pair else row


def test_a_respondent_whose_judgements_fall_apart_is_one_error(data_copy):
    _rewrite(data_copy / "pairwise.csv", _cut_off_one_dimension)
    ds = load_dataset(data_copy)
    found = [p for p in ds.report.errors if p.location == "pairwise.csv"]
    [p] = found
    assert (p.column, p.value) == ("respondent_id", "R01") and "fall apart into" in p.expected
    assert len(p.rows) == 28 and ds.report.counts["pairwise"].rejected == 28
    assert f"(rows {min(p.rows)}–{max(p.rows)})" in p.expected  # one block, named whole
    brief_sections(data_copy, "fgd-kemenperin-royale-krakatau")
    brief_sections(data_copy)


def test_a_lead_that_took_part_in_no_session_is_warned_of(data_copy):
    """A catalogue copied from another region (``template --from``) keeps its leads: the
    programme is kept, with a warning on its row naming the organisation."""
    import csv

    path = data_copy / "stakeholders.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    head = rows[0]
    other = list(rows[1])
    other[head.index("org_id")] = "disperindag_lain"
    other[head.index("name")] = "Dinas Perindustrian Kota Lain"
    with open(path, "a", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerow(other)
    edit_csv(data_copy / "interventions.csv", 3, "owner_id", "disperindag_lain")
    edit_csv(data_copy / "interventions.csv", 5, "owner_id", "disperindag_lain")
    ds = load_dataset(data_copy)
    # one warning for the organisation, on its first row, naming its other rows
    [warning] = [p for p in ds.report.warnings if p.location == "interventions.csv"]
    assert (warning.row, warning.column, warning.value) == (3, "owner_id", "disperindag_lain")
    assert "Dinas Perindustrian Kota Lain took part in none" in warning.expected
    assert "leads the programmes of rows 3 and 5 in this region" in warning.expected
    assert ds.report.counts["interventions"].rejected == 0
    kept = ds["interventions"].set_index("intervention_id")
    assert kept.at["equipment_aid", "owner_id"] == "disperindag_lain"


@pytest.mark.parametrize(
    ("row", "end", "warned"),
    [
        (4, "2025-05-01", "2025-05-15"),  # before a day
        (2, "2021-12-31", "2022"),  # before the year of a session dated by its year only
        (2, "2022-03-01", None),  # within that year: kept
    ],
)
def test_a_session_that_ends_before_it_starts_is_warned_of(data_copy, row, end, warned):
    """Found by fuzzing workbooks: an end_date before the date was accepted, and the brief
    printed the range "15–1 Mei 2025". The session is kept; its end date is left empty."""
    edit_csv(data_copy / "fgd_sessions.csv", row, "end_date", end)
    ds = load_dataset(data_copy)
    found = [p for p in ds.report.problems if p.location == "fgd_sessions.csv"]
    if warned is None:
        assert found == []
        return
    [warning] = found
    assert (warning.severity, warning.row, warning.column, warning.value) == (
        "warning",
        row,
        "end_date",
        end,
    )
    assert f"a last day on or after the session's date ({warned})" in warning.expected
    assert ds.report.counts["fgd_sessions"].rejected == 0
    assert ds["fgd_sessions"]["end_date"].isna().iloc[row - 2]


@pytest.mark.parametrize(
    ("row", "due", "precision", "warned"),
    [
        (4, "2024-12-31", "day", "fgd-2025-05-15, held 2025-05-15"),  # the day before: a typo
        (2, "2021-06", "month", "temu-kemitraan-2022, held 2022"),  # before a year-dated session
        (4, "2025", "year", None),  # its year holds the session: kept, not warned of
        (4, "2025-05", "month", None),
        (3, "2020-01-01", "day", None),  # a session of unknown date: nothing to compare with
    ],
)
def test_a_commitment_due_before_its_session_is_warned_of(data_copy, row, due, precision, warned):
    """Found importing a commitments sheet typed by hand: a due date of 01/05/2025 for a
    commitment made on 15 May 2025 was accepted without a word, and shown overdue at once."""
    edit_csv(data_copy / "commitments.csv", row, "due_date", due)
    edit_csv(data_copy / "commitments.csv", row, "due_precision", precision)
    ds = load_dataset(data_copy)
    found = [p for p in ds.report.problems if p.location == "commitments.csv"]
    assert ds.report.counts["commitments"].rejected == 0
    if warned is None:
        assert found == []
        return
    [warning] = found
    assert (warning.severity, warning.row, warning.column, warning.value) == (
        "warning",
        row,
        "due_date",
        due,
    )
    assert f"a due date on or after its session ({warned})" in warning.expected
    kept = ds["commitments"].set_index("_row")
    assert str(kept.at[row, "due_date"]) == due  # kept as typed: the brief shows it overdue


def test_an_assessment_without_any_score_is_kept_with_a_warning(data_copy):
    path = data_copy / "assessments.csv"
    indicators = list(load_dataset(data_copy)["indicators"]["indicator"])
    blanked = []

    def blank_one(head, row):
        if not blanked and row[head.index("assessment_date")] == "2025-11-10":
            blanked.append(row[head.index("firm_id")])
            for name in indicators:
                row[head.index(name)] = ""
        return row

    _rewrite(path, blank_one)
    ds = load_dataset(data_copy)
    [warning] = [p for p in ds.report.warnings if p.location == "assessments.csv"]
    assert f"this assessment of {blanked[0]} on 2025-11-10 has none" in warning.expected
    assert ds.report.counts["assessments"].rejected == 0  # a warning: the row is kept


def test_a_lost_participation_table_is_no_evidence_that_nobody_took_part(data_copy):
    # participation unreadable: every MACTOR actor and two programme leads were warned of as
    # absent from the session (42 warnings, none of them true)
    (data_copy / "participation.csv").write_bytes(b"%PDF-1.4")
    ds = load_dataset(data_copy)
    took_part = [p for p in ds.report.warnings if "took part" in p.expected]
    assert took_part == []
    assert [p.location for p in ds.report.fatal] == ["participation.csv"]
    assert ds.report.unusable("participation") and not ds.report.unusable("interventions")


@pytest.mark.parametrize(("header", "said"), [("dat", 1), ("tanggal_acara", 2)])
def test_a_missing_date_column_is_said_once_not_once_per_session(data_copy, header, said):
    # the date's header misspelt (dat) or another word: each session with a precision was
    # warned of an empty date, one line per row, "found ''" while the cell held its date
    path = data_copy / "fgd_sessions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = lines[0].replace(",date,", f",{header},")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = load_dataset(data_copy)
    found = [p for p in ds.report.problems if p.location == "fgd_sessions.csv"]
    assert len(found) == said and all(p.row == 1 for p in found)
    if header == "dat":
        assert "the header 'date'" in found[0].expected
    else:
        assert "rows 2 and 4–6 give a precision in 'date_precision'" in found[1].expected


@pytest.mark.parametrize(("cost", "warned"), [("0", True), ("0,00", True), ("8100000", False)])
def test_a_programme_at_rp0_is_warned_of(data_copy, cost, warned):
    """Found on a region whose catalogue had every cost left at 0: no word from validate, and
    the brief recommended programmes "(Rp0; 3 months)", funded first under any budget."""
    edit_csv(data_copy / "interventions.csv", 2, "unit_cost_idr", cost)
    ds = load_dataset(data_copy)
    found = [p for p in ds.report.problems if p.location == "interventions.csv"]
    assert ds.report.counts["interventions"].rejected == 0
    if not warned:
        assert found == []
        return
    [warning] = found
    assert (warning.severity, warning.row, warning.column) == ("warning", 2, "unit_cost_idr")
    assert "a cost per firm above 0" in warning.expected


def test_a_date_short_of_its_precision_is_named_as_it_was_typed(data_copy):
    # "Desember 2025" in a cell of precision day was reported as found '2025-12', a value the
    # analyst never typed and cannot find in the sheet
    edit_csv(data_copy / "commitments.csv", 10, "due_date", "Desember 2025")
    edit_csv(data_copy / "commitments.csv", 10, "due_precision", "day")
    ds = load_dataset(data_copy)
    [p] = [p for p in ds.report.problems if p.location == "commitments.csv"]
    assert (p.row, p.column, p.value) == (10, "due_date", "Desember 2025")
    assert "written to the precision in 'due_precision' (day: YYYY-MM-DD)" in p.expected
