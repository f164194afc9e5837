"""The overview across sessions (``reports/index.html``) describes the data as they stood on its
reference day, as the briefs made that day do: a session held after the day, its statements and
commitments, and assessments dated after the day are in none of its sections."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from ikmpolicy.overview import briefs_table, overview_sections, themes_over_time, write_index
from ikmpolicy.report.content import Callout, Table
from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import held_after, known_on, session_labels, session_order

JUNE = pd.Timestamp("2025-06-01")  # after the FGD of 15 May 2025, before the October study visit
DECEMBER = pd.Timestamp("2025-12-01")  # every session of the sample held by then
LATER = "studi-tiru-bandung-2025-10"
UNDATED = "fgd-kemenperin-royale-krakatau"


def _text(cell) -> str:
    return "".join(part if isinstance(part, str) else part.text for part in cell)


def _rows(section) -> list[list[str]]:
    (tab,) = [b for b in section.blocks if isinstance(b, Table)]
    return [[_text(cell) for cell in row] for row in tab.rows]


def _headers(section) -> tuple[str, ...]:
    (tab,) = [b for b in section.blocks if isinstance(b, Table)]
    return tab.headers


def _notes(section) -> list[str]:
    return [_text(b.runs) for b in section.blocks if isinstance(b, Callout)]


@pytest.fixture(scope="module")
def sections(sample):
    """The overview's sections as of June and as of December, by anchor."""
    return {
        day: {s.anchor: s for s in overview_sections(sample, "en", day.date().isoformat())}
        for day in (JUNE, DECEMBER)
    }


@pytest.fixture(scope="module")
def labels(sample):
    return session_labels(sample, Locale("en"))


def test_the_sample_has_one_session_after_june_and_none_after_december(sample):
    order = session_order(sample)
    assert held_after(sample, order, JUNE) == [LATER]
    assert held_after(sample, order, DECEMBER) == []
    assert (sample["assessments"]["assessment_date"] > JUNE).any()
    assert (sample["statements"]["session_id"] == LATER).any()
    assert (sample["commitments"]["session_id"] == LATER).any()


def test_known_on_leaves_out_later_sessions_their_rows_and_later_assessments(sample):
    june = known_on(sample, JUNE)
    assert LATER not in set(june["fgd_sessions"]["session_id"])
    assert UNDATED in set(june["fgd_sessions"]["session_id"])  # unknown date: kept, as briefed
    for name, frame in june.tables.items():
        if "session_id" in frame.columns:
            assert LATER not in set(frame["session_id"]), name
            kept = sample[name][sample[name]["session_id"] != LATER].reset_index(drop=True)
            pd.testing.assert_frame_equal(frame, kept)
    assert (june["assessments"]["assessment_date"] <= JUNE).all()
    assert len(june["assessments"]) == (sample["assessments"]["assessment_date"] <= JUNE).sum()
    assert june["firms"] is sample["firms"]  # tables without sessions or dates are untouched
    assert june.report is sample.report


def test_known_on_is_the_data_themselves_when_nothing_was_later(sample):
    assert known_on(sample, DECEMBER) is sample


def test_the_sessions_table_lists_only_sessions_held_by_the_day_and_names_the_others(
    sample, labels, tmp_path
):
    titles = sample["fgd_sessions"].set_index("session_id")["title"]
    loc = Locale("en")
    june = briefs_table(known_on(sample, JUNE), loc, tmp_path, [labels[LATER]], JUNE)
    listed = [row[0] for row in _rows(june)]
    assert titles[LATER] not in listed
    assert listed == [titles[s] for s in session_order(sample) if s != LATER]
    (left,) = _notes(june)
    assert labels[LATER] in left and "1 June 2025" in left

    html = write_index(sample, tmp_path, "en", as_of=JUNE.date().isoformat()).read_text("utf-8")
    assert titles[LATER] not in html
    assert labels[LATER] in html  # in the note only
    for sid in session_order(sample):
        if sid != LATER:
            assert titles[sid] in html

    html = write_index(sample, tmp_path, "en", as_of=DECEMBER.date().isoformat()).read_text("utf-8")
    assert all(title in html for title in titles)
    assert "left out" not in html


def test_commitments_over_time_count_only_commitments_made_by_the_day(sample, sections, labels):
    for day, dropped in ((JUNE, {LATER}), (DECEMBER, set())):
        rows = _rows(sections[day]["commitments"])
        assert (labels[LATER] in [r[0] for r in rows]) == (not dropped)
        made = ~sample["commitments"]["session_id"].isin(dropped)
        assert sum(int(r[1]) for r in rows) == int(made.sum())


def test_themes_over_time_leave_out_statements_of_later_sessions(sample, sections):
    loc = Locale("en")
    statements = sample["statements"]
    without = dataclasses.replace(
        sample,
        tables={
            **sample.tables,
            "fgd_sessions": sample["fgd_sessions"][sample["fgd_sessions"]["session_id"] != LATER],
            "statements": statements[statements["session_id"] != LATER],
        },
    )
    june = _rows(sections[JUNE]["themes"])
    assert june == _rows(themes_over_time(without, loc))
    assert june != _rows(sections[DECEMBER]["themes"])
    assert _rows(sections[DECEMBER]["themes"]) == _rows(themes_over_time(sample, loc))


def test_readiness_over_time_shows_only_assessments_dated_by_the_day(sections):
    june = " ".join(_headers(sections[JUNE]["readiness"]))
    december = " ".join(_headers(sections[DECEMBER]["readiness"]))
    assert "10 March 2025" in june and "November 2025" not in june
    assert "10 March 2025" in december and "10 November 2025" in december


def test_recommendations_followed_up_are_those_of_sessions_over_by_the_day(sections, labels):
    june = {r[0] for r in _rows(sections[JUNE]["recommendations"])}
    assert labels[LATER] not in june
    assert june <= {
        labels[s] for s in ("temu-kemitraan-2022", "monitoring-2024-12-08", "fgd-2025-05-15")
    }
