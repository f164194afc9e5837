"""Bilingual wording and locale-aware formatting of dates, numbers and rupiah.

Every string a brief shows comes from a message catalogue, one YAML file per language in
``ikmpolicy/locales/``; formatting uses Babel with the language's CLDR conventions
("1.234,5" and "15 Mei 2025" in Bahasa Indonesia, "1,234.5" and "May 15, 2025" in English).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent

from ikmpolicy.errors import InputError

LANGUAGES = ("id", "en")


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


@dataclass(frozen=True)
class Locale:
    """Wording and formatting for one language.

    Examples
    --------
    >>> loc = Locale("id")
    >>> loc.number(1234.5, 1)
    '1.234,5'
    >>> loc.rupiah(4293000000)
    'Rp 4.293.000.000'
    >>> loc.p_value(0.00002), loc.p_value(0.0428)
    ('p < 0,001', 'p = 0,043')
    >>> Locale("en").date("2025-05-15", "day")
    'May 15, 2025'
    """

    lang: str = "id"

    def __post_init__(self) -> None:
        catalogue(self.lang)  # fail early on an unknown language

    def t(self, key: str, **values: object) -> str:
        """The message ``key`` with ``{placeholders}`` filled in."""
        messages = catalogue(self.lang)
        if key not in messages:
            raise KeyError(f"message {key!r} missing from the {self.lang!r} catalogue")
        return messages[key].format(**values) if values else messages[key]

    def has(self, key: str) -> bool:
        return key in catalogue(self.lang)

    def number(self, value: float | int | None, digits: int = 0) -> str:
        """A number with the locale's separators; ``–`` for missing."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.lang)

    def percent(self, share: float | None, digits: int = 0) -> str:
        """A share (0.123) as a percentage ("12%")."""
        if share is None or (isinstance(share, float) and math.isnan(share)):
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(share, format=pattern, locale=self.lang)

    def p_value(self, p: float) -> str:
        """``p = 0,043``, or ``p < 0,001`` when smaller (never ``p = 0,000``)."""
        if p < 0.001:
            return "p < " + self.number(0.001, 3)
        return "p = " + self.number(p, 3)

    def rupiah(self, value: float | None) -> str:
        """An amount in rupiah, without decimals."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        return format_currency(value, "IDR", format="¤ #,##0", locale=self.lang,
                               currency_digits=False)

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
            return _babel_date(value, "MMMM y", locale=self.lang)
        return _babel_date(value, "long", locale=self.lang)
