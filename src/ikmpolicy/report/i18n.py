"""Bilingual wording and locale-aware formatting of dates, numbers and rupiah.

Every string a brief shows comes from a message catalogue, one YAML file per language in
``ikmpolicy/locales/``; formatting uses Babel with the language's CLDR conventions
("1.234,5" and "15 Mei 2025" in Bahasa Indonesia; "1,234.5" and "15 May 2025" in English, whose
conventions are British, as its spelling is: "organisation", "a, b and c").
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources

import yaml
from babel import Locale as _BabelLocale
from babel.dates import format_date as _babel_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent

from ikmpolicy.errors import InputError

LANGUAGES = ("id", "en")
#: CLDR locale of a language's conventions, where it is not the language itself: the English
#: brief spells in British English, so its dates and lists are British too
_CLDR_LOCALE = {"en": "en_GB"}


class UnknownLanguageError(InputError):
    """A language without a message catalogue was asked for."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key repeated in one mapping (PyYAML keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise ValueError(f"message key {key!r} repeated (line {line})")
            seen.add(key)
        return super().construct_mapping(node, deep)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The message catalogue of a language (flat keys such as ``"section.session"``).

    A language's messages are the YAML files in ``ikmpolicy/locales/<lang>/``, one per topic of
    the brief, merged; a key defined in two files is an error.
    """
    if lang not in LANGUAGES:
        raise UnknownLanguageError(
            f"language {lang!r} has no message catalogue; expected one of {', '.join(LANGUAGES)}"
        )
    folder = resources.files("ikmpolicy").joinpath("locales", lang)
    messages: dict[str, str] = {}
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if not item.name.endswith(".yaml"):
            continue
        tree = yaml.load(item.read_text("utf-8"), Loader=_UniqueKeyLoader) or {}
        for key, text in _flatten(tree).items():
            if key in messages:
                raise ValueError(f"message {key!r} is defined twice in locales/{lang}/")
            messages[key] = text
    return messages


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


#: Per language, the conjunction of a list and the one used instead when an item holds it.
_CONJUNCTIONS = {"id": ("dan", "serta"), "en": ("and", "as well as")}


@dataclass(frozen=True)
class Locale:
    """Wording and formatting for one language.

    Examples
    --------
    >>> loc = Locale("id")
    >>> loc.number(1234.5, 1)
    '1.234,5'
    >>> loc.rupiah(4293000000)
    'Rp4.293.000.000'
    >>> loc.rupiah_compact(316_800_000), loc.rupiah_compact(1_250_000_000)
    ('Rp316,8 juta', 'Rp1,3 miliar')
    >>> Locale("en").rupiah_compact(316_800_000)
    'Rp316.8 million'
    >>> loc.date_range("2025-10-14", "2025-10-16")
    '14–16 Oktober 2025'
    >>> Locale("en").date_range("2025-09-28", "2025-10-02")
    '28 September – 2 October 2025'
    >>> loc.p_value(0.00002), loc.p_value(0.0428)
    ('p < 0,001', 'p = 0,043')
    >>> Locale("en").date("2025-05-15", "day")
    '15 May 2025'
    """

    lang: str = "id"

    def __post_init__(self) -> None:
        catalogue(self.lang)  # fail early on an unknown language

    @property
    def cldr(self) -> str:
        """The CLDR locale of the language's dates, numbers and lists ("en_GB" for English)."""
        return _CLDR_LOCALE.get(self.lang, self.lang)

    def t(self, key: str, **values: object) -> str:
        """The message ``key`` with ``{placeholders}`` filled in.

        Whole numbers are written with the language's thousands separator ("1.536" in Bahasa
        Indonesia), so no count is ever printed raw; other values are used as given.

        Examples
        --------
        >>> Locale("id").t("date.unknown")
        'tanggal tidak diketahui'
        """
        messages = catalogue(self.lang)
        if key not in messages:
            raise KeyError(f"message {key!r} missing from the {self.lang!r} catalogue")
        if not values:
            return messages[key]
        shown = {k: self.number(v) if _is_count(v) else v for k, v in values.items()}
        return messages[key].format(**shown)

    def has(self, key: str) -> bool:
        """Whether the catalogue holds ``key``."""
        return key in catalogue(self.lang)

    @staticmethod
    def sentence(text: str) -> str:
        """``text`` with a capital first letter and the rest unchanged ("DKT/FGD" stays).

        Examples
        --------
        >>> Locale.sentence("diskusi kelompok terpumpun (DKT/FGD)")
        'Diskusi kelompok terpumpun (DKT/FGD)'
        """
        return text[:1].upper() + text[1:]

    def tn(self, key: str, count: int, **values: object) -> str:
        """The message ``key`` in the plural form CLDR gives ``count`` in this language.

        The catalogue holds ``key.one``, ``key.other`` (and any other CLDR category the
        language uses); Indonesian has only ``other``. ``{count}`` is filled with the number.

        Examples
        --------
        >>> Locale("en").plural_category(1), Locale("en").plural_category(3)
        ('one', 'other')
        >>> Locale("id").plural_category(1)
        'other'
        """
        category = self.plural_category(count)
        chosen = f"{key}.{category}" if self.has(f"{key}.{category}") else f"{key}.other"
        return self.t(chosen, count=self.number(count), **values)

    def join(self, items: list[str]) -> str:
        """Items as a list in a sentence, by CLDR's list pattern (Babel): "a, b, dan c" with
        the comma before *dan* that PUEBI asks for in a list of three or more; British English
        ("a, b and c"), as the English brief's spelling is British.

        Every list in a sentence goes through here, so a brief never mixes the two styles.
        When an item holds the conjunction itself ("perizinan dan legalitas"), the last one is
        *serta* / *as well as*, so the list cannot be read as three items.

        Examples
        --------
        >>> Locale("id").join(["a", "b", "c"]), Locale("id").join(["a", "b"])
        ('a, b, dan c', 'a dan b')
        >>> Locale("en").join(["a", "b", "c"]), Locale("en").join(["a"])
        ('a, b and c', 'a')
        >>> Locale("id").join(["sumber daya manusia", "perizinan dan legalitas"])
        'sumber daya manusia serta perizinan dan legalitas'
        >>> Locale("en").join(["skills", "licensing and legality", "quality"])
        'skills, licensing and legality, as well as quality'
        """
        from babel.lists import format_list

        items = list(items)
        if not items:
            return ""
        word, other = _CONJUNCTIONS[self.lang]
        if len(items) > 1 and any(f" {word} " in item for item in items):
            comma = "," if len(items) > 2 else ""
            return f"{', '.join(items[:-1])}{comma} {other} {items[-1]}"
        return format_list(items, locale=self.cldr)

    def plural_category(self, count: float) -> str:
        """CLDR plural category (``one``, ``other``, ...) of ``count`` in this language."""
        return _BabelLocale.parse(self.lang).plural_form(abs(count))

    def number(self, value: float | int | None, digits: int = 0) -> str:
        """A number with the locale's separators; ``–`` for missing."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.cldr)

    def percent(self, share: float | None, digits: int = 0) -> str:
        """A share (0.123) as a percentage ("12%")."""
        if share is None or (isinstance(share, float) and math.isnan(share)):
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(share, format=pattern, locale=self.cldr)

    def p_value(self, p: float) -> str:
        """``p = 0,043``, or ``p < 0,001`` when smaller (never ``p = 0,000``)."""
        if p < 0.001:
            return "p < " + self.number(0.001, 3)
        return "p = " + self.number(p, 3)

    def rupiah(self, value: float | None) -> str:
        """An amount in rupiah, without decimals, written as EYD asks ("Rp4.293.000")."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        # "Rp" in both languages: English CLDR would write "IDR", which readers of an
        # Indonesian policy brief in English do not expect
        return "Rp" + format_decimal(round(value), format="#,##0", locale=self.cldr)

    def rupiah_compact(self, value: float | None, digits: int = 1) -> str:
        """A rounded amount in words of the language: "Rp316,8 juta", "Rp1,2 miliar".

        CLDR's long compact forms (ribu, juta, miliar, triliun; thousand, million, billion)
        with ``digits`` decimals at most; "Rp" stands before the number without a space (EYD).
        """
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        if abs(value) < 1000:
            return self.rupiah(value)
        # round half up at the magnitude shown (CLDR would round half to even: 1,25 -> 1,2)
        magnitude = 10 ** (3 * min(4, int(math.log10(abs(value)) // 3)))
        shown = Decimal(str(value / magnitude)).quantize(
            Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
        )
        words = format_compact_decimal(
            float(shown) * magnitude, format_type="long", locale=self.cldr, fraction_digits=digits
        )
        return "Rp" + words

    def date_range(self, start: str | dt.date, end: str | dt.date) -> str:
        """Two days written as one range: "14–16 Oktober 2025", "14–16 October 2025"."""
        first, last = _as_date(start), _as_date(end)
        if first == last:
            return self.date(first)
        dash = "–"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.day}{dash}{self.date(last)}"
        if first.year == last.year:
            return f"{_babel_date(first, 'd MMMM', locale=self.cldr)} {dash} {self.date(last)}"
        return f"{self.date(first)} {dash} {self.date(last)}"

    def date(self, value: str | dt.date | None, precision: str = "day") -> str:
        """A date written to its precision: day ("15 Mei 2025"), month ("Mei 2025"), year."""
        if value is None or precision == "unknown" or value == "":
            return self.t("date.unknown")
        if isinstance(value, str):
            padded = value + {4: "-01-01", 7: "-01"}.get(len(value), "")
            value = dt.date.fromisoformat(padded[:10])
        elif isinstance(value, dt.datetime):
            value = value.date()
        if precision == "year":
            return str(value.year)
        if precision == "month":
            return _babel_date(value, "MMMM y", locale=self.cldr)
        return _babel_date(value, "long", locale=self.cldr)


def _as_date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _is_count(value: object) -> bool:
    import numbers

    return isinstance(value, numbers.Integral) and not isinstance(value, bool)
