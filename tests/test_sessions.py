"""The order of sessions shared by ``brief --all``, the overview and the follow-up."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from ikmpolicy.sessions import session_order

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
