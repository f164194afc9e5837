"""The order of sessions shared by ``brief --all``, the overview and the follow-up."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikmpolicy.sessions import (
    SessionChoiceError,
    check_held,
    held_after,
    parse_day,
    reference_day,
    session_order,
    session_rows,
)

# a year alone ("2022") is a date of year precision; no known date sorts after year 9999
KNOWN = st.dates(max_value=dt.date(2999, 12, 31)).map(lambda d: d.isoformat())
DATES = st.one_of(st.none(), KNOWN, st.sampled_from(["2022"]))


def test_the_sample_runs_in_time_order(sample):
    order = session_order(sample)
    dates = sample["fgd_sessions"].set_index("session_id").loc[order, "date"].tolist()
    known = [d for d in dates if pd.notna(d)]
    assert sorted(order) == sorted(sample["fgd_sessions"]["session_id"])
    assert known == sorted(known)


@given(st.lists(DATES, min_size=1, max_size=12))
def test_unknown_dates_come_last_and_ties_go_by_id(dates):
    ids = [f"s{i:02d}" for i in range(len(dates))][::-1]
    order = session_order({"fgd_sessions": pd.DataFrame({"session_id": ids, "date": dates})})
    by_id = dict(zip(ids, dates, strict=True))
    keys = [(by_id[s] is None, by_id[s] or "", s) for s in order]
    assert keys == sorted(keys)


KINDS = st.sampled_from(["fgd", "monitoring", "study_visit", "partnership_meeting"])


@given(
    st.lists(
        st.tuples(KINDS, st.one_of(st.none(), st.sampled_from(["2025-05-15", "2024-12-08"]))),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["id", "en"]),
    st.booleans(),
)
def test_no_label_names_two_sessions(sessions, lang, same_titles):
    """Kinds and dates drawn from few values collide often; titles may collide too."""
    from ikmpolicy.report.i18n import Locale
    from ikmpolicy.sessions import session_labels

    ids = [f"s{i}" for i in range(len(sessions))]
    frame = pd.DataFrame(
        {
            "session_id": ids,
            "kind": [k for k, _ in sessions],
            "title": ["FGD IKM" if same_titles else f"FGD {i}" for i in ids],
            "date": [d for _, d in sessions],
            "date_precision": ["day" if d else "unknown" for _, d in sessions],
        }
    )
    labels = session_labels({"fgd_sessions": frame}, Locale(lang))
    assert sorted(labels) == ids
    assert len(set(labels.values())) == len(ids)
    loc = Locale(lang)
    for sid, (kind, date) in zip(ids, sessions, strict=True):
        short = loc.t(f"session_label.{kind}", date=loc.date(date, "day" if date else "unknown"))
        alone = sum(1 for k, d in sessions if (k, d) == (kind, date)) == 1
        assert (labels[sid] == short) == alone  # the short label whenever it is unique


def test_session_rows_gives_the_session_rows(sample):
    rows = session_rows(sample, "fgd-2025-05-15", "statements")
    assert len(rows) > 0 and (rows["session_id"] == "fgd-2025-05-15").all()


@pytest.mark.parametrize(
    ("session_id", "why"),
    [
        ("fgd-2025-05-16", "not a session_id of fgd_sessions"),  # a typo
        ("monitoring-2024-12-08", "this session has no rows in pairwise"),  # no AHP there
    ],
)
def test_session_rows_stops_on_a_session_without_rows(sample, session_id, why):
    with pytest.raises(SessionChoiceError) as err:
        session_rows(sample, session_id, "pairwise", parameter="fgd_id")
    message = str(err.value)
    assert message.startswith(f"fgd_id {session_id!r}: {why}")
    assert message.endswith("fgd-2025-05-15, fgd-kemenperin-royale-krakatau")  # session order
    assert isinstance(err.value, ValueError)  # an InputError: the command shows no traceback


@pytest.mark.parametrize(
    "given", ["2025-12-01", "2025-12-01 15:30", pd.Timestamp("2025-12-01"), dt.date(2025, 12, 1)]
)
def test_reference_day_reads_dates(given):
    assert reference_day(given) == pd.Timestamp("2025-12-01")


@pytest.mark.parametrize("given", ["01/12/2025", "2025-13-01", "1 Desember 2025", "tomorrow"])
def test_reference_day_refuses_a_text_that_is_not_yyyy_mm_dd(given):
    """pandas reads 01/12/2025 as 12 January and raises its own parser error on 2025-13-01."""
    with pytest.raises(SessionChoiceError, match=r"^as_of: found .*; expected a date YYYY-MM-DD$"):
        reference_day(given)


@pytest.mark.parametrize("given", [20251201, 1.5, True, pd.NaT, "20251201", "2025-12-01T15:30Z"])
def test_reference_day_refuses_a_number_or_another_iso_form(given):
    """A number was read as nanoseconds since 1970 (so 1 January 1970), and Python's own
    ISO reader takes '20251201' or a time zone: none of them is the YYYY-MM-DD asked for."""
    with pytest.raises(SessionChoiceError, match=r"^as_of: found .*; expected a date YYYY-MM-DD$"):
        reference_day(given)


@pytest.mark.parametrize("given", [None, "", "  "])
def test_reference_day_is_today_when_none_is_given(given):
    assert reference_day(given) == pd.Timestamp.today().normalize()


@pytest.mark.parametrize("given", ["01/12/2025", "2025-13-01", "tomorrow", 20251201])
def test_as_of_and_assessment_date_are_read_by_one_parse(sample, given):
    """The same value is refused by both with the same words, each naming its parameter."""
    from ikmpolicy.readiness import IndexSpecError, assessments_on

    with pytest.raises(SessionChoiceError) as as_of:
        reference_day(given)
    with pytest.raises(IndexSpecError) as on:
        assessments_on(sample["assessments"], given)
    words = f"found {given!r}; expected a date YYYY-MM-DD"
    assert str(as_of.value) == f"as_of: {words}"
    assert str(on.value).startswith(f"assessment_date: {words}; dates in the data: ")
    assert parse_day("2025-03-10 09:30", "x") == pd.Timestamp("2025-03-10")
    date, rows = assessments_on(sample["assessments"], "2025-03-10 09:30")  # as as_of reads it
    assert date == pd.Timestamp("2025-03-10") and len(rows) > 0


def test_a_brief_is_not_made_as_of_a_day_before_its_session(sample):
    # before: a brief of the 15 May 2025 FGD "issued 1 January 2020" listed that FGD's
    # commitments as needing follow-up
    check_held(sample, "fgd-2025-05-15", pd.Timestamp("2025-05-15"), "as_of")
    with pytest.raises(SessionChoiceError) as refused:
        check_held(sample, "fgd-2025-05-15", pd.Timestamp("2020-01-01"), "--as-of")
    assert str(refused.value) == (
        "--as-of 2020-01-01 is before session 'fgd-2025-05-15' was held (2025-05-15): its "
        "brief can be made as of that date or later"
    )
    # a year counts from its first day; a session of unknown date is never refused
    assert held_after(sample, session_order(sample), pd.Timestamp("2022-01-01")) == [
        "monitoring-2024-12-08",
        "fgd-2025-05-15",
        "studi-tiru-bandung-2025-10",
    ]


def test_a_notebook_is_refused_an_as_of_before_its_session(sample):
    from ikmpolicy.report.sections import load_context

    with pytest.raises(SessionChoiceError, match="as_of 2025-05-14 is before session"):
        load_context("data/cilegon", "fgd-2025-05-15", "en", as_of="2025-05-14", dataset=sample)
