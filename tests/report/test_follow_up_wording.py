"""What open commitments need, in words: every count named once, no count of zero written."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikmpolicy.report.i18n import Locale
from ikmpolicy.report.sections.ledger import NEEDS, needs_of, needs_phrase

WORDS = {
    "id": {
        "overdue": "lewat tenggat",
        "no_owner": "tanpa penanggung jawab",
        "no_due": "tanpa tenggat",
    },
    "en": {"overdue": "overdue", "no_owner": "without an owner", "no_due": "without a due date"},
}


@pytest.mark.parametrize("lang", ["id", "en"])
@given(counts=st.lists(st.integers(0, 1500), min_size=3, max_size=3), extra=st.integers(0, 3))
def test_each_need_is_counted_once_and_zero_never_written(lang, counts, extra):
    needs = pd.Series(
        [k for k, n in zip(NEEDS, counts, strict=True) for _ in range(n)], dtype=object
    )
    present = {k: n for k, n in zip(NEEDS, counts, strict=True) if n}
    if not present:
        return
    loc = Locale(lang)
    whole = len(needs) + extra
    phrase = needs_phrase(loc, needs, whole)
    if len(present) == 1 and extra == 0:
        (only,) = present
        assert phrase == loc.t(f"needs.all_{only}")
        return
    for need, n in present.items():
        assert f"{loc.number(n)} {WORDS[lang][need]}" in phrase
    assert not phrase.startswith("0 ") and " 0 " not in phrase


def test_each_commitment_needs_one_thing_in_the_order_an_official_acts():
    led = pd.DataFrame(
        {
            "state": ["overdue", "overdue", "no_due_date", "no_due_date", "open", "done"],
            "overdue": [True, True, False, False, False, False],
            "org_id": ["a", None, None, "b", "c", None],
        }
    )
    needs = needs_of(led)
    # overdue comes first even without an owner; a done commitment needs nothing
    assert needs.tolist() == ["overdue", "overdue", "no_owner", "no_due", None, None]
    phrase = needs_phrase(Locale("id"), needs.dropna(), 4)
    assert phrase == "2 lewat tenggat, 1 tanpa penanggung jawab, dan 1 tanpa tenggat"
    assert needs_phrase(Locale("en"), needs.dropna(), 4) == (
        "2 overdue, 1 without an owner and 1 without a due date"
    )
