"""Property tests: for generated tables with random faults, nothing is lost without a message.

Hypothesis writes ``firms`` and ``assessments`` tables whose cells are sometimes valid and
sometimes broken (empty, garbage, out of range, decimal commas, duplicates, dangling
references, blank and example rows). Whatever it writes: every data row is either accepted into
the clean table or rejected with an error naming its row; the counts add up; accepted rows keep
their values and references; and what validation accepts, the readiness index can be built
from (the rows reach the analyses).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from ikmpolicy import profile, readiness
from ikmpolicy.io import RawTable, frame_from_rows, read_dataset
from ikmpolicy.schema import TABLES
from ikmpolicy.validation import validate_tables

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "cilegon"
REFERENCE, _, _ = read_dataset(SAMPLE)
BASE = {name: REFERENCE[name] for name in ("sources", "sub_sectors", "indicators")}
INDICATORS = list(REFERENCE["indicators"].frame["indicator"])
SUB_SECTORS = dict(
    zip(
        REFERENCE["sub_sectors"].frame["sub_sector"],
        REFERENCE["sub_sectors"].frame["kbli"],
        strict=True,
    )
)
FIRM_COLUMNS = TABLES["firms"].column_names
ASSESSMENT_COLUMNS = TABLES["assessments"].column_names + INDICATORS


def cell(valid: st.SearchStrategy, *faults: str) -> st.SearchStrategy:
    """A cell that is valid nine times in ten, else one of the faults."""
    if not faults:
        return valid
    return st.integers(0, 9).flatmap(lambda k: valid if k else st.sampled_from(faults))


@st.composite
def firm_row(draw, k: int) -> list[str]:
    sector = draw(st.sampled_from(sorted(SUB_SECTORS)))
    return [
        draw(cell(st.just(f"IKM-{k:03d}"), "", "IKM-001", f" IKM-{k:03d} ")),
        draw(cell(st.text('abc xyz,"', max_size=12))),
        draw(cell(st.just(SUB_SECTORS[sector]), "2511", "")),
        draw(cell(st.just(sector), "baja_berat")),
        draw(cell(st.integers(1, 99).map(str), "0", "12.5", "dua", "")),
        draw(cell(st.integers(0, 10**10).map(str), "4.293.000", "1,234", "x", "-5")),
        draw(cell(st.integers(1900, 2100).map(str), "19", "")),
        draw(cell(st.sampled_from(["Grogol", "Ciwandan"]), "")),
        *[
            draw(cell(st.sampled_from(["true", "false", "ya", "tidak", "1"]), "mungkin", ""))
            for _ in range(3)
        ],
        draw(cell(st.one_of(st.just(""), st.integers(0, 5000).map(str)), "banyak", "-1", "3,5")),
        draw(st.sampled_from(["", "unit", "ton"])),
        draw(st.sampled_from(["", "Budi Santoso"])),
        draw(st.sampled_from(["", "+62 800-0000-0001"])),
        draw(cell(st.just("true"), "")),
        draw(cell(st.just("ikmpolicy-synthetic"), "tidak-ada")),
    ]


@st.composite
def assessment_row(draw, firms: int) -> list[str]:
    k = draw(st.integers(1, firms + 2))  # sometimes a firm that does not exist
    return [
        f"IKM-{k:03d}",
        draw(cell(st.sampled_from(["2025-03-10", "10/03/2025", "2025-11-10"]), "2025-02-30", "")),
        draw(st.sampled_from(["", "dinas"])),
        "true",
        draw(cell(st.just("ikmpolicy-synthetic"), "x")),
        *[draw(cell(st.integers(1, 5).map(str), "", "7", "tiga", "3,5")) for _ in INDICATORS],
    ]


def raw_table(name: str, header: list[str], rows: list[list[str]], blank_every: int) -> RawTable:
    numbered, blanks, number = [], [], 1
    for k, row in enumerate(rows):
        number += 1
        if blank_every and k % blank_every == blank_every - 1:
            blanks.append(number)
            number += 1
        numbered.append((number, [c.strip() for c in row]))
    frame, duplicates = frame_from_rows(numbered, header)
    return RawTable(name, f"{name}.csv", frame, tuple(blanks), duplicates)


@st.composite
def datasets(draw):
    n = draw(st.integers(1, 25))
    firms = [draw(firm_row(k)) for k in range(1, n + 1)]
    if draw(st.booleans()):
        firms.append(["CONTOH-IKM-001"] + firms[0][1:])
    assessments = draw(st.lists(assessment_row(n), min_size=0, max_size=40))
    blank = draw(st.sampled_from([0, 3, 7]))
    return {
        **BASE,
        "firms": raw_table("firms", FIRM_COLUMNS, firms, blank),
        "assessments": raw_table("assessments", ASSESSMENT_COLUMNS, assessments, blank),
    }


def nothing_lost(ds, raw: dict) -> None:
    report = ds.report
    for name in ("firms", "assessments"):
        counts = report.counts[name]
        rows = set(raw[name].frame["_row"])
        examples = {
            r
            for r, key in zip(raw[name].frame["_row"], raw[name].frame["firm_id"], strict=True)
            if key.lower().startswith("contoh-")
        }
        kept = set(ds[name]["_row"])
        rejected = {row for (table, row) in report.rejected if table == name}
        assert counts.read == len(rows) - len(examples) == counts.accepted + counts.rejected
        assert kept | rejected == rows - examples and not kept & rejected
        assert counts.accepted == len(ds[name]) and counts.rejected == len(rejected)
        assert counts.blank == len(raw[name].blank_rows)
        for row in rejected:
            assert [
                p
                for p in report.errors
                if p.location == f"{name}.csv" and (p.row == row or row in p.rows)
            ], f"{name} row {row} rejected without a message"


def accepted_rows_reach_the_analyses(ds) -> None:
    firms, assessments = ds["firms"], ds["assessments"]
    assert set(assessments["firm_id"]) <= set(firms["firm_id"])  # references hold
    assert firms["firm_id"].is_unique
    assert firms["workforce"].between(1, 99).all()
    assert not firms["firm_id"].str.lower().str.startswith("contoh-").any()
    if assessments.empty:
        return
    as_of = assessments["assessment_date"].max()
    latest = profile.latest_assessments(assessments, as_of)
    current = assessments[assessments["assessment_date"] == as_of]
    assert set(latest["firm_id"]) >= set(current["firm_id"])
    record = readiness.build_index(current, ds.indicators, firms, zero="offset")
    assert set(record.coverage.index) == set(current["firm_id"])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(datasets())
def test_every_row_is_accepted_or_reported(raw):
    ds = validate_tables(raw, "generated", [])
    nothing_lost(ds, raw)
    accepted_rows_reach_the_analyses(ds)
    text = ds.report.summary()
    assert "Budi Santoso" not in text and "+62 800-0000-0001" not in text


def test_the_strategy_makes_tables_with_accepted_and_rejected_rows():
    """The property above is only worth something if generated tables mix both kinds."""

    def mixed(raw) -> bool:
        counts = validate_tables(raw, "generated", []).report.counts
        return bool(
            counts["firms"].accepted
            and counts["firms"].rejected
            and counts["assessments"].accepted
            and counts["assessments"].rejected
        )

    raw = find(
        datasets(),
        mixed,
        settings=settings(max_examples=500, deadline=None, database=None, phases=[Phase.generate]),
    )
    assert mixed(raw)
