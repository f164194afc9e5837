"""The reading of a day given in text (``ikmpolicy.days``), against pandas' own ISO reading,
which :func:`ikmpolicy.sessions.parse_day` used before the command line needed one without
pandas."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikmpolicy.cli import _day
from ikmpolicy.days import DayParameterError, day_from_text
from ikmpolicy.sessions import parse_day

ROOT = Path(__file__).resolve().parents[1]

digits = st.text("0123456789", min_size=1, max_size=1)
# texts in the accepted shape, with days and times that exist and many that don't
iso_shaped = st.builds(
    lambda y, m, d, time: f"{y:04d}-{m:02d}-{d:02d}{time}",
    st.integers(1678, 2261),  # the years pandas can hold
    st.integers(0, 13),
    st.integers(0, 32),
    st.one_of(
        st.just(""),
        st.builds(
            lambda sep, h, mi, sec: f"{sep}{h:02d}:{mi:02d}{sec}",
            st.sampled_from([" ", "T"]),
            st.integers(0, 25),
            st.integers(0, 61),
            st.one_of(
                st.just(""),
                st.builds(lambda s: f":{s:02d}", st.integers(0, 61)),
                st.builds(
                    lambda s, f: f":{s:02d}.{f}",
                    st.integers(0, 59),
                    st.text("0123456789", min_size=1, max_size=9),
                ),
            ),
        ),
    ),
)


def _pandas_day(text):
    """The day pandas reads from an ISO-shaped text, or None where it refuses it."""
    try:
        stamp = pd.Timestamp(text.strip())
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.normalize().date()


@given(iso_shaped, st.sampled_from(["", " ", "  "]))
def test_a_text_in_the_iso_shape_is_read_as_pandas_reads_it(text, pad):
    expected = _pandas_day(text)
    if expected is None:
        with pytest.raises(DayParameterError):
            day_from_text(pad + text + pad, "as_of")
    else:
        assert day_from_text(pad + text + pad, "as_of") == expected


@pytest.mark.parametrize(
    "text", ["01/12/2025", "20251201", "2025-12-1", "1 Desember 2025", "2025-12-01Z", "", "  "]
)
def test_any_other_form_is_refused_naming_the_parameter_and_the_text(text):
    with pytest.raises(DayParameterError) as caught:
        day_from_text(text, "--as-of")
    assert str(caught.value) == f"--as-of: found {text!r}; expected a date YYYY-MM-DD"


@pytest.mark.parametrize("text", ["2025-12-01", " 2025-12-01 15:30 ", "2024-02-29T23:59:59.5"])
def test_the_command_and_the_notebook_read_one_day(text):
    assert _day(text) == parse_day(text, "as_of").date().isoformat()


def test_reading_a_day_imports_no_pandas():
    code = (
        "import sys\nfrom ikmpolicy.days import day_from_text\n"
        "day_from_text('2025-12-01', 'x')\nprint('pandas' in sys.modules, 'numpy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip() == "False False", result.stdout + result.stderr
