"""Wording and locale formatting of briefs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ikmpolicy.report.i18n import Locale, UnknownLanguageError, catalogue

SRC = Path(__file__).resolve().parents[1] / "src" / "ikmpolicy"


#: CLDR plural categories; a key ending in one of them is a plural form of its base key.
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _base(key: str) -> str:
    head, _, last = key.rpartition(".")
    return head if last in PLURAL_CATEGORIES and head else key


def _plural_forms(lang: str) -> dict[str, set[str]]:
    """Plural base key -> the CLDR categories the language's catalogue gives it."""
    forms: dict[str, set[str]] = {}
    for key in catalogue(lang):
        if _base(key) != key:
            forms.setdefault(_base(key), set()).add(key.rpartition(".")[2])
    return forms


def test_catalogues_have_the_same_keys():
    # the same keys in both languages, except plural forms, which follow each language's CLDR
    # categories (English: one, other; Bahasa Indonesia: other only)
    assert {_base(k) for k in catalogue("id")} == {_base(k) for k in catalogue("en")}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_plural_forms_are_the_cldr_categories_of_the_language(lang):
    from babel import Locale as BabelLocale

    expected = set(BabelLocale.parse(lang).plural_form.tags) | {"other"}
    forms = _plural_forms(lang)
    assert forms, "no plural message found: the scan is wrong"
    wrong = {base: sorted(found) for base, found in forms.items() if found != expected}
    assert wrong == {}, f"{lang}: plural forms should be {sorted(expected)}"


def _tn_keys() -> set[str]:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r'\.tn\(\s*"([a-z_]+\.[a-z_.]+)"', path.read_text("utf-8")))
    return used


def test_keys_used_with_tn_have_plural_forms_and_no_others_do():
    used = _tn_keys()
    assert "recommend.months" in used, "the scan found no Locale.tn call: the pattern is wrong"
    for lang in ("id", "en"):
        forms = _plural_forms(lang)
        assert sorted(used - set(forms)) == [], f"{lang}: used with tn but not plural"
        assert sorted(set(forms) - used) == [], f"{lang}: plural but never used with tn"


@pytest.mark.parametrize("key", sorted(_tn_keys()))
def test_english_counts_agree_with_their_noun(key):
    # rendered for one and for three, an English count is never followed by a plural noun
    # ("1 months") and a count above one never by a singular one ("3 month")
    loc = Locale("en")
    names = set(re.findall(r"{(\w+)}", loc.t(f"{key}.other"))) - {"count"}
    values = dict.fromkeys(names, "x")
    one, three = loc.tn(key, 1, **values), loc.tn(key, 3, **values)
    assert not re.search(r"\b1 (?!IKM\b|is\b)[A-Za-z]+s\b", one), one  # "1 is" is a verb
    assert re.search(r"\b3\b", three), three


def test_every_literal_key_used_in_code_exists():
    used = set()
    for path in SRC.rglob("*.py"):
        # complete literal keys only: t("a.b") or t("a.b", ...), not t("a." + name)
        used |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[a-z_.]+)"\s*[,)]', path.read_text("utf-8")))
    assert used, "the scan found no keys: the pattern is wrong"
    missing = sorted(k for k in used if k not in catalogue("id"))
    assert missing == []


def test_placeholders_match_between_languages():
    indonesian = catalogue("id")
    for key, english in catalogue("en").items():
        # an English plural form is compared with the Indonesian "other" form of its base
        text = indonesian[key] if key in indonesian else indonesian[f"{_base(key)}.other"]
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}", english)), key


@pytest.mark.parametrize(
    ("lang", "number", "rupiah", "day", "month"),
    [
        ("id", "1.234.567,9", "Rp4.293.000.000", "15 Mei 2025", "Mei 2025"),
        ("en", "1,234,567.9", "Rp4,293,000,000", "15 May 2025", "May 2025"),
    ],
)
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


@pytest.mark.parametrize(
    ("lang", "value", "text"),
    [
        ("id", 316_800_000, "Rp316,8 juta"),  # the issue's own example (EYD: no space after Rp)
        ("id", 1_200_000_000, "Rp1,2 miliar"),
        ("id", 1_250_000_000, "Rp1,3 miliar"),  # half up, not CLDR's half to even
        ("id", 850_000, "Rp850 ribu"),
        ("id", 999, "Rp999"),
        ("en", 316_800_000, "Rp316.8 million"),
        ("en", 2_000_000_000_000, "Rp2 trillion"),
    ],
)
def test_compact_rupiah_in_words(lang, value, text):
    assert Locale(lang).rupiah_compact(value) == text


@pytest.mark.parametrize(
    ("lang", "start", "end", "text"),
    [
        ("id", "2025-10-14", "2025-10-16", "14–16 Oktober 2025"),
        ("en", "2025-10-14", "2025-10-16", "14–16 October 2025"),
        ("en", "2025-09-28", "2025-10-02", "28 September – 2 October 2025"),
        ("id", "2025-09-28", "2025-10-02", "28 September – 2 Oktober 2025"),
        ("id", "2024-12-28", "2025-01-02", "28 Desember 2024 – 2 Januari 2025"),
        ("en", "2025-05-15", "2025-05-15", "15 May 2025"),
    ],
)
def test_date_ranges(lang, start, end, text):
    assert Locale(lang).date_range(start, end) == text


# -- no sentence opens with a numeral (EYD; issue 10) ----------------------------------------------
#
# Which placeholders hold a number? Found by reading every ``Locale.t``/``Locale.tn`` call in the
# code (``grep -rn '\.tn\?(' src``): a placeholder is numeric when the code fills it with a
# number, a number written by ``Locale.number``/``percent``, a count phrase from ``Locale.tn``
# ("12 bulan", "7 tindakan"), or a date (Indonesian dates open with the day: "15 Mei 2025").
# ``test_the_numeric_placeholder_list_covers_the_code`` re-reads the code so that a new numeric
# placeholder cannot slip past this list unnoticed.
NUMERIC_PLACEHOLDERS = frozenset(
    {
        # counts
        "n",
        "count",
        "total",
        "firms",
        "reached",
        "served",
        "now",
        "soon",
        "requirements",
        "pairs",
        "actions",
        "shown",
        "present",
        "here",
        "done",
        "overdue",
        "open",
        "no_due",
        "sessions",
        "tables",
        "days",
        "ranked",
        "robust",
        "fragile",
        "runs",
        "needed",
        "respondents",
        "orgs",
        "links",
        "criteria",
        "experts",
        "statements",
        "codes",
        "human",
        "auto",
        "uncoded",
        "read",
        "rejected",
        "errors",
        "warnings",
        "coded",
        "minimum",
        "per_code",
        "words",
        "enough",
        "partial",
        "unknown",
        "k",
        # ranks, scores, shares, bounds
        "rank",
        "top",
        "low",
        "high",
        "mean",
        "weight",
        "gain",
        "gap",
        "per_million",
        "j",
        "w",
        "threshold",
        "midpoint",
        "implied",
        "value",
        "level",
        "seed",
        # count phrases from Locale.tn ("12 bulan")
        "time",
        # dates and date ranges
        "date",
        "dates",
        "first",
        "last",
        "before",
        "after",
        "start",
        "end",
        "when",
    }
)

#: (key, placeholder) filled with a number written in words, which may open a sentence: the
#: headline's count is ``capitalised_count`` ("Tujuh IKM ...", "Seven IKM ...").
IN_WORDS = frozenset({("headline.eligible", "count"), ("headline.readiness", "count")})

#: Phrases the code only ever places inside a sentence or in a table cell, never at its start;
#: they may open with a number. Where each goes:
FRAGMENTS = {
    "rindex.on_date": "inside parentheses of rindex.intro",
    "forms.readiness.anchor_line": "one line of a form's level legend ('1 = ...')",
    "partnership.capacity_counts": "a table cell ('0 / 1 / 3')",
    "coverage.present_of": "a table cell ('3 dari 5')",
    "recommendations.target_group": "table cell after 'Programme: '",
    "recommendations.target_requirement": "table cell after 'Programme: '",
    "recommend.more_partners": "the last item of a list of partner names",
    "recommend.more_requirements": "the last item of a list of buyer requirements",
    "headline.more_buyers": "the last item of the headline's list of buyers",
    "recommendations.more_ids": "the last item of a list of statement or commitment ids",
    "recommendations.funds_more": "the last item of recommendations.funds' list of actions",
    "recommend.firms_sub_sector": "after 'bagi' / 'for' in recommend.action",
    "recommend.firms_requirement": "after 'bagi' / 'for' in recommend.action",
    "recommend.months": "after the cost in parentheses, a table cell, the headline",
    "recommend.gap_indicator": "after 'Celah: ' / 'Gaps: '",
    "recommend.gap_certificate": "after 'Celah: ' / 'Gaps: '",
    "recommend.reason_count": "after the colon of recommend.excluded",
    "recommend.n_actions": "after the comma of recommend.portfolio",
    "recommend.n_pairs": "inside recommend.portfolio and recommend.next_step",
    "recommend.n_firms": "inside parentheses of recommend.portfolio, after 'melayani' / 'serve'",
    "needs.overdue": "after the colon of points.commitments* and follow_up.intro",
    "needs.no_owner": "after the colon of points.commitments* and follow_up.intro",
    "needs.no_due": "after the colon of points.commitments* and follow_up.intro",
}


#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = ("dkk.", "et al.", "e.g.", "i.e.", "No.", "s.d.", "hlm.")


def _numeric(key: str, name: str) -> bool:
    return name in NUMERIC_PLACEHOLDERS and (_base(key), name) not in IN_WORDS


def _filled_with_a_number(node) -> bool:
    """Whether a keyword value in a ``t``/``tn`` call is, on its face, a number or a date."""
    import ast

    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.BinOp):  # loc.number(n) + " IKM"
        return _filled_with_a_number(node.left)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute):
            return func.attr in {"number", "percent", "date", "date_range", "tn"}
        if isinstance(func, ast.Name):
            return func.id in {"len", "int", "float", "round", "min", "max", "sum"}
    return False


def _numeric_placeholders_in_code() -> set[str]:
    import ast

    found = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"t", "tn"}
            ):
                found |= {
                    kw.arg for kw in node.keywords if kw.arg and _filled_with_a_number(kw.value)
                }
    return found


def test_the_numeric_placeholder_list_covers_the_code():
    found = _numeric_placeholders_in_code()
    assert {"firms", "date", "pairs"} <= found, "the scan found too little: it is wrong"
    assert sorted(found - NUMERIC_PLACEHOLDERS) == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_message_opens_with_a_number(lang):
    opening = []
    for key, text in catalogue(lang).items():
        first = re.match(r"\s*{(\w+)}", text)
        if first and _numeric(key, first.group(1)) and _base(key) not in FRAGMENTS:
            opening.append(f"{key}: {text}")
        if re.match(r"\s*\d", text) and not re.match(r"\d+\. \D", text):  # "1. Pilih ..." steps
            opening.append(f"{key}: {text}")
    assert opening == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_sentence_inside_a_message_opens_with_a_number(lang):
    found = []
    for key, text in catalogue(lang).items():
        for end in re.finditer(r"[.!?…]\s+(?:{(\w+)}|\d)", text):
            if text[: end.start() + 1].endswith(ABBREVIATIONS):  # "Saltelli dkk. 2010"
                continue
            if end.group(1) is None or _numeric(key, end.group(1)):
                found.append(f"{key}: …{text[max(0, end.start() - 30) : end.end() + 20]}…")
    assert found == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_fragments_are_not_sentences(lang):
    # a phrase allowed to open with a number must not itself end or hold a sentence
    messages = catalogue(lang)
    for key, where in FRAGMENTS.items():
        texts = [t for k, t in messages.items() if _base(k) == key]
        assert texts, f"{key} ({where}) is not in the catalogue"
        for text in texts:
            assert not re.search(r"[.!?](\s|$)", text), f"{key}: {text}"


# -- each catalogue in its own language, in standard terms -----------------------------------------

#: Words that give away the other language. English strings may keep Indonesian only in quotes
#: (“kemitraan”), proper names and the term IKM; Indonesian strings keep method names (AHP,
#: TOPSIS, Monte Carlo, Sobol, MICMAC...) but no English word where Bahasa Indonesia has one.
INDONESIAN_WORDS = frozenset(
    "yang dan dengan untuk dari pada tidak belum sudah kegiatan heliks tenggat risalah lampiran "
    "komitmen peserta syarat pembeli bulan tindakan rekomendasi".split()
)
ENGLISH_WORDS = frozenset(
    "the of and with for not seed goalpost goalposts pairwise monitoring session sessions brief "
    "annex broker brokerage skewness kurtosis coding coder coders weight weights score scores "
    "rank ranks due overdue deadline stakeholder stakeholders helix event".split()
)
#: KBBI/EYD forms: the left-hand forms are not standard, or not this project's term.
NON_STANDARD_ID = {
    r"\bpengkode": "pengode, pengodean (KBBI)",
    r"\bdikodekan": "dikode (mengode, KBBI)",
    r"\bantar-|\bantar [a-z]": "antar- is written joined: antarheliks, antarkegiatan",
    r"\bsesi\b": "kegiatan",
    r"\bringkasan kebijakan": "risalah kebijakan",
    r"\bpialang": "keperantaraan (brokerage), perantara (broker)",
    r"\bmonitoring\b": "pemantauan",
    r"\bseed\b": "benih acak",
    r"\btenggat waktu\b": "tenggat",
}


def _words(text: str) -> set[str]:
    text = re.sub(r"{\w+}", " ", text)  # placeholders
    text = re.sub(r"“[^”]*”", " ", text)  # quotes keep their original language
    text = re.sub(r"ikmpolicy [a-z]+|\S*[_.]\S*", " ", text)  # commands, file and code names
    return set(re.findall(r"[a-z]+", text.lower()))


def test_english_messages_hold_no_indonesian():
    found = {k: sorted(_words(t) & INDONESIAN_WORDS) for k, t in catalogue("en").items()}
    assert {k: w for k, w in found.items() if w} == {}


def test_indonesian_messages_hold_no_english():
    found = {k: sorted(_words(t) & ENGLISH_WORDS) for k, t in catalogue("id").items()}
    assert {k: w for k, w in found.items() if w} == {}


def test_indonesian_messages_use_standard_forms():
    found = [
        f"{key}: {fix}"
        for key, text in catalogue("id").items()
        for pattern, fix in NON_STANDARD_ID.items()
        if re.search(pattern, re.sub(r"{\w+}", " ", text).lower())
    ]
    assert found == []


#: "a, b dan c" (or "atau c"): a short list of three at the start of a clause, without PUEBI's
#: comma before the conjunction. A second item opened by a preposition ("hadir, dengan heliks
#: dan perannya") is an adverbial phrase, not an item of the list.
SERIAL_COMMA_MISSING = re.compile(
    r"(?:^|[.:;] |\(|, serta )"
    r"((?:[\w{}-]+ ){0,3}[\w{}-]+, (?!(?:dengan|menurut|termasuk|untuk|yaitu) )"
    r"(?:[\w{}-]+ ){0,3}[\w{}-]+ (?:dan|atau) )"
    # a conjunction inside an item ("tema yang menguat atau melemah, dan ...") is not the list's
    r"(?![^.;:)]*, (?:dan|atau|serta) )"
)


def test_indonesian_lists_of_three_take_a_comma_before_dan_or_atau():
    # PUEBI (Permendikbud 50/2015), tanda koma, kaidah 1: "Buku, majalah, dan jurnal termasuk
    # sumber kepustakaan"; lists built in code follow it through Locale.join
    found = {
        key: m.group(1)
        for key, text in catalogue("id").items()
        for m in SERIAL_COMMA_MISSING.finditer(text)
    }
    assert found == {}
    assert SERIAL_COMMA_MISSING.search("Fakta kegiatan, pernyataan dan komitmen")
    assert SERIAL_COMMA_MISSING.search("(hari, bulan atau tahun)")
    assert not SERIAL_COMMA_MISSING.search(": tindak lanjut, tema yang naik atau turun, dan hasil")
    assert Locale("id").join(["Buku", "majalah", "jurnal"]) == "Buku, majalah, dan jurnal"


def test_english_lists_follow_british_usage_as_the_spelling_does():
    assert Locale("en").join(["data", "parameters", "code version"]) == (
        "data, parameters and code version"
    )
    assert Locale("en").join(["a", "b"]) == "a and b"


def test_fgd_is_introduced_as_dkt_in_indonesian():
    # "FGD" appears in Indonesian only beside its standard name, on first mention
    messages = catalogue("id")
    assert messages["kind.fgd"] == "diskusi kelompok terpumpun (DKT/FGD)"
    assert [k for k, t in messages.items() if re.search(r"(?<!DKT/)FGD", t)] == []
