"""Wording and locale formatting of briefs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ikmpolicy.report.i18n import Locale, UnknownLanguageError, catalogue

SRC = Path(__file__).resolve().parents[1] / "src" / "ikmpolicy"


def test_catalogues_have_the_same_keys():
    assert set(catalogue("id")) == set(catalogue("en"))


def test_every_literal_key_used_in_code_exists():
    used = set()
    for path in SRC.rglob("*.py"):
        # complete literal keys only: t("a.b") or t("a.b", ...), not t("a." + name)
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.]+)"\s*[,)]', path.read_text("utf-8")))
    assert used, "the scan found no keys: the pattern is wrong"
    missing = sorted(k for k in used if k not in catalogue("id"))
    assert missing == []


def test_placeholders_match_between_languages():
    for key, text in catalogue("id").items():
        english = catalogue("en")[key]
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", english)), key


@pytest.mark.parametrize(("lang", "number", "rupiah", "day", "month"), [
    ("id", "1.234.567,9", "Rp4.293.000.000", "15 Mei 2025", "Mei 2025"),
    ("en", "1,234,567.9", "Rp4,293,000,000", "May 15, 2025", "May 2025"),
])
def test_formats_follow_the_locale(lang, number, rupiah, day, month):
    loc = Locale(lang)
    assert loc.number(1234567.89, 1) == number
    assert loc.rupiah(4_293_000_000) == rupiah
    assert loc.date("2025-05-15", "day") == day
    assert loc.date("2025-05", "month") == month
    assert loc.date("2022", "year") == "2022"


def test_missing_values_and_unknown_dates():
    loc = Locale("id")
    assert loc.number(float("nan")) == "–"
    assert loc.date(None, "unknown") == "tanggal tidak diketahui"
    assert Locale("en").date("2025-01-01", "unknown") == "date unknown"
    assert loc.percent(0.125, 1) == "12,5%"


def test_unknown_language_and_key():
    with pytest.raises(UnknownLanguageError, match="id, en"):
        Locale("fr")
    with pytest.raises(KeyError, match="no.such"):
        Locale("id").t("no.such")


def test_a_repeated_key_in_a_catalogue_file_is_refused():
    import yaml

    from ikmpolicy.report.i18n import _UniqueKeyLoader

    with pytest.raises(ValueError, match="'index' repeated"):
        yaml.load("index:\n  a: x\nindex:\n  b: y\n", Loader=_UniqueKeyLoader)


@pytest.mark.parametrize(("lang", "value", "text"), [
    ("id", 316_800_000, "Rp316,8 juta"),      # the issue's own example (EYD: no space after Rp)
    ("id", 1_200_000_000, "Rp1,2 miliar"),
    ("id", 1_250_000_000, "Rp1,3 miliar"),    # half up, not CLDR's half to even
    ("id", 850_000, "Rp850 ribu"),
    ("id", 999, "Rp999"),
    ("en", 316_800_000, "Rp316.8 million"),
    ("en", 2_000_000_000_000, "Rp2 trillion"),
])
def test_compact_rupiah_in_words(lang, value, text):
    assert Locale(lang).rupiah_compact(value) == text


@pytest.mark.parametrize(("lang", "start", "end", "text"), [
    ("id", "2025-10-14", "2025-10-16", "14–16 Oktober 2025"),
    ("en", "2025-10-14", "2025-10-16", "October 14–16, 2025"),
    ("id", "2025-09-28", "2025-10-02", "28 September – 2 Oktober 2025"),
    ("id", "2024-12-28", "2025-01-02", "28 Desember 2024 – 2 Januari 2025"),
    ("en", "2025-05-15", "2025-05-15", "May 15, 2025"),
])
def test_date_ranges(lang, start, end, text):
    assert Locale(lang).date_range(start, end) == text
