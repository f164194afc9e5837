"""Commitments ledger: due-date ends, overdue logic with built dates, the sample's honesty."""

from __future__ import annotations

import pandas as pd
import pytest

from ikmpolicy import pentahelix as ph


def _frame(rows):
    cols = [
        "commitment_id",
        "session_id",
        "org_id",
        "partner_ids",
        "text",
        "theme",
        "due_date",
        "due_precision",
        "status",
    ]
    return pd.DataFrame([dict(zip(cols, r, strict=True)) for r in rows])


def test_period_end_of_each_precision():
    assert ph.period_end("2024-02", "month") == pd.Timestamp("2024-02-29")
    assert ph.period_end("2025-12", "month") == pd.Timestamp("2025-12-31")
    assert ph.period_end("2025", "year") == pd.Timestamp("2025-12-31")
    assert ph.period_end("2025-03-31", "day") == pd.Timestamp("2025-03-31")
    assert ph.period_end(None, "unknown") is pd.NaT
    with pytest.raises(ValueError, match="does not match"):
        ph.period_end("2025-03", "day")


@pytest.mark.parametrize(
    ("due", "precision", "as_of", "state", "days"),
    [
        ("2025-03-31", "day", "2025-03-31", "open", None),  # due today: not late yet
        ("2025-03-31", "day", "2025-04-01", "overdue", 1),
        ("2025-03", "month", "2025-03-31", "open", None),  # "by March" ends on the 31st
        ("2025-03", "month", "2025-04-01", "overdue", 1),
        ("2024", "year", "2024-12-31", "open", None),
        ("2024", "year", "2025-01-10", "overdue", 10),
        (None, "unknown", "2099-01-01", "no_due_date", None),  # never overdue without a date
    ],
)
def test_overdue_logic(due, precision, as_of, state, days):
    led = ph.commitment_ledger(
        _frame([("c", "s", "o", (), "", "t", due, precision, "planned")]), as_of
    )
    assert led.loc[0, "state"] == state
    assert bool(led.loc[0, "overdue"]) is (state == "overdue")
    if days is None:
        assert pd.isna(led.loc[0, "days_overdue"])
    else:
        assert led.loc[0, "days_overdue"] == days


def test_done_is_never_overdue_and_unknown_status_past_due_is():
    led = ph.commitment_ledger(
        _frame(
            [
                ("a", "s", "o", (), "", "t", "2020", "year", "done"),
                ("b", "s", "o", (), "", "t", "2020", "year", "unknown"),
                ("c", "s", "o", (), "", "t", "2020", "year", "in_progress"),
            ]
        ),
        "2025-01-01",
    ).set_index("commitment_id")
    assert led["state"].to_dict() == {"a": "done", "b": "overdue", "c": "overdue"}
    assert led.loc["b", "status"] == "unknown"  # the brief can say the status is not known
    summary = ph.ledger_summary(led.reset_index(), by="theme")
    assert summary.loc["t"].to_dict() == {
        "done": 1,
        "overdue": 2,
        "open": 0,
        "no_due_date": 0,
        "total": 3,
    }


def test_sample_has_no_due_dates_and_follows_sessions_in_time(sample):
    led = ph.commitment_ledger(
        sample["commitments"],
        "2030-01-01",
        stakeholders=sample["stakeholders"],
        sessions=sample["fgd_sessions"],
    )
    assert set(led["state"]) == {"no_due_date"}
    assert not led["overdue"].any()
    order = list(dict.fromkeys(led["session_id"]))
    assert order == [
        "temu-kemitraan-2022",
        "monitoring-2024-12-08",
        "fgd-2025-05-15",
        "studi-tiru-bandung-2025-10",
        "fgd-kemenperin-royale-krakatau",
    ]
    assert led.loc[led["commitment_id"] == "cm-001", "partner_ids"].iloc[0] == (
        "industri_besar_cilegon",
    )


def test_commitment_pointing_to_missing_actor_is_a_clear_error(sample):
    cm = sample["commitments"].copy()
    cm.loc[cm.index[2], "org_id"] = "pt_hantu"
    with pytest.raises(
        ph.PentahelixInputError, match=r"commitments.csv, row 4, column 'org_id': found 'pt_hantu'"
    ):
        ph.commitment_ledger(cm, "2026-01-01", stakeholders=sample["stakeholders"])
    cm = sample["commitments"].copy()
    cm.at[cm.index[0], "partner_ids"] = ("nobody",)
    with pytest.raises(ph.PentahelixInputError, match=r"row 2, column 'partner_ids'.*'nobody'"):
        ph.commitment_ledger(cm, "2026-01-01", stakeholders=sample["stakeholders"])


def test_bad_due_date_theme_and_status_are_clear_errors():
    bad_date = _frame([("c", "s", "o", (), "", "t", "2025-13", "day", "planned")])
    with pytest.raises(ph.PentahelixInputError, match="column 'due_date': found '2025-13'"):
        ph.commitment_ledger(bad_date, "2026-01-01")
    bad_theme = _frame([("c", "s", "o", "", "", "kemitraan", None, "unknown", "planned")])
    with pytest.raises(ph.PentahelixInputError, match="column 'theme': found 'kemitraan'"):
        ph.commitment_ledger(bad_theme, "2026-01-01", themes=["partnership"])
    bad_status = _frame([("c", "s", "o", "", "", "t", None, "unknown", "finished")])
    with pytest.raises(ph.PentahelixInputError, match="column 'status': found 'finished'"):
        ph.commitment_ledger(bad_status, "2026-01-01")


def test_impossible_calendar_dates_are_input_errors():
    with pytest.raises(ph.PentahelixInputError, match="not a calendar date"):
        ph.period_end("2025-02-30", "day")
    with pytest.raises(ph.PentahelixInputError, match="expected one of day, month, year"):
        ph.period_start("2025", "decade")
    led = _frame([("c", "s", "o", (), "", "t", "2025-02-30", "day", "planned")])
    with pytest.raises(ph.PentahelixInputError, match="column 'due_date': found '2025-02-30'"):
        ph.commitment_ledger(led, "2026-01-01")


def test_allowed_values_come_from_the_schema():
    from ikmpolicy import schema
    from ikmpolicy.pentahelix import ledger

    assert ledger.STATUSES is schema.COMMITMENT_STATUSES
    assert ledger.PRECISIONS is schema.DATE_PRECISIONS
    assert schema.TABLES["commitments"].column("status").allowed == ledger.STATUSES


def test_a_commitment_with_no_owner_yet_is_kept_and_an_unknown_owner_refused():
    st = pd.DataFrame({"org_id": ["x"], "name": ["X"]})
    rows = [
        ("c1", "s", None, (), "t", "th", None, "unknown", "planned"),
        ("c2", "s", "x", (), "t", "th", None, "unknown", "planned"),
    ]
    led = ph.commitment_ledger(_frame(rows), "2025-01-01", stakeholders=st)
    assert led["org_id"].isna().tolist() == [True, False]
    rows[1] = ("c2", "s", "nobody", (), "t", "th", None, "unknown", "planned")
    with pytest.raises(ph.PentahelixInputError, match="an org_id that exists in stakeholders"):
        ph.commitment_ledger(_frame(rows), "2025-01-01", stakeholders=st)
