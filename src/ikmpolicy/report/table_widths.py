"""Column widths of the printed annex's tables, computed from their text.

WeasyPrint's automatic table layout measures the narrowest and the widest width of every cell
(each cell's text broken into lines twice) before it lays a table out; the annex has 30 to 35
tables and 1,000 to 1,800 cells, and those measures take about a quarter of the time its PDF
takes. A table with ``table-layout: fixed`` and a width on each column skips them. The widths
here follow the rule of the automatic layout (CSS 2.1 as WeasyPrint does it: each column gets at
least its longest word; when the whole texts do not fit on one line, the width left over goes in
proportion to how much wider each column's text would be on one line), with the text measured
from the advance widths of the print font, DejaVu Sans, instead of laid out.

On the sample's annexes the estimate of a column's longest word is within 1% of WeasyPrint's
measure (Pango's kerning and rounding make a few words up to 0.7% wider, and it breaks a few
words at a hyphen or a slash where this keeps them whole: wider here), so each column gets at
least :data:`SAFETY` times its longest word. A character outside ASCII counts as its base letter
(é as e) or as one em. A table whose longest words would not fit side by side on the page gets no
widths and keeps the automatic layout.
"""

from __future__ import annotations

import re
import unicodedata

from ikmpolicy.report.content import Code, Runs, Strong, Table

# -- the print font ---------------------------------------------------------------------------

#: Advance widths of DejaVu Sans (Book; Oblique is the same) for the characters " " to "~", in
#: units of 1/2048 em, read from DejaVuSans.ttf with fontTools (``hmtx``)
_REGULAR = (
    "651 821 942 1716 1303 1946 1597 563 799 799 1024 1716 651 739 651 690 1303 1303 1303 1303 "
    "1303 1303 1303 1303 1303 1303 690 690 1716 1716 1716 1087 2048 1401 1405 1430 1577 1294 "
    "1178 1587 1540 604 604 1343 1141 1767 1532 1612 1235 1612 1423 1300 1251 1499 1401 2025 "
    "1403 1251 1403 799 690 799 1716 1024 1024 1255 1300 1126 1300 1260 721 1300 1298 569 569 "
    "1186 569 1995 1298 1253 1300 1300 842 1067 803 1298 1212 1675 1212 1212 1075 1303 690 "
    "1303 1716"
)
#: The same for DejaVu Sans Bold (DejaVuSans-Bold.ttf)
_BOLD = (
    "713 934 1067 1716 1425 2052 1786 627 936 936 1071 1716 778 850 778 748 1425 1425 1425 1425 "
    "1425 1425 1425 1425 1425 1425 819 819 1716 1716 1716 1188 2048 1585 1561 1503 1700 1399 "
    "1399 1681 1714 762 762 1587 1305 2038 1714 1741 1501 1741 1577 1475 1397 1663 1585 2259 "
    "1579 1483 1485 936 748 936 1716 1024 1024 1382 1466 1214 1466 1389 891 1466 1458 702 702 "
    "1362 702 2134 1458 1407 1466 1466 1010 1219 979 1458 1335 1892 1321 1335 1192 1458 748 "
    "1458 1716"
)
_UNITS = 2048
_ASCII = {
    weight: {chr(32 + i): int(w) / _UNITS for i, w in enumerate(table.split())}
    for weight, table in (("regular", _REGULAR), ("bold", _BOLD))
}
#: DejaVu Sans Mono (``<code>``): every character 1233/2048 em, at 0.85 of the cell's size
_CODE = 1233 / _UNITS * 0.85
#: A character outside ASCII without an ASCII base letter: as wide as "M", or wider (an em)
_OTHER = 1.0
#: Where a word ends: a space, or a zero-width space (soft_wrap's break points)
_BREAKS = re.compile(r"[\s\u200b]+")
_BREAKS_KEPT = re.compile(r"([\s\u200b]+)")
#: Where Pango breaks inside a word (checked against WeasyPrint's measures; a subset: a break it
#: would make that is missing here only makes the estimate wider)
_INNER_BREAK = re.compile(
    r"(?<=[^\W_]-)(?=[^\W\d_])|(?<=[^\W\d_]/)(?=[^\W\d_])|(?<=[^\W_][–—])(?=[^\W_])"
)


def _char_width(char: str, weight: str) -> float:
    table = _ASCII[weight]
    if char in table:
        return table[char]
    if char == "\u200b":
        return 0.0
    base = unicodedata.normalize("NFD", char)[0]  # é is as wide as e (DejaVu's accents)
    return table.get(base, _OTHER)


def text_width(text: str, weight: str = "regular") -> float:
    """The width of ``text`` on one line, in em of its font (DejaVu Sans, no kerning).

    Examples
    --------
    >>> round(text_width("Skor"), 3), round(text_width("Skor", "bold"), 3)
    (2.237, 2.565)
    """
    return sum(_char_width(c, weight) for c in text)


def _pieces(value: Runs | str, weight: str) -> list[tuple[str, str]]:
    """The text of a cell as (text, font) stretches: "bold" for headers and ``Strong``, "code"
    for ``Code``, else ``weight``."""
    if isinstance(value, str):
        return [(value, weight)]
    return [
        (run, weight)
        if isinstance(run, str)
        else (
            run.text,
            "code" if isinstance(run, Code) else "bold" if isinstance(run, Strong) else weight,
        )
        for run in value
    ]


def _width(text: str, font: str) -> float:
    return _CODE * len(text) if font == "code" else text_width(text, font)


def cell_widths(value: Runs | str, weight: str = "regular") -> tuple[float, float]:
    """The widths of a cell's longest word and of its whole text on one line, in em.

    A word runs on across runs ("Rp" and a bold "175" with no space between are one word); it
    ends at a space, at a zero-width space of :func:`~.render_html.soft_wrap` (which the template
    applies to every text) and where WeasyPrint (Pango) would break it too: after a hyphen
    before a letter ("rata-" / "rata"; not in "REQ-03"), after a slash between letters
    ("logam/" / "fabrikasi") and after a dash between letters or digits ("0–" / "100").

    Examples
    --------
    >>> [round(w, 2) for w in cell_widths("Pendampingan teknis")]
    [7.5, 10.84]
    >>> [round(w, 2) for w in cell_widths("logam/fabrikasi REQ-03")]
    [4.28, 11.79]
    >>> cell_widths("") == (0.0, 0.0)
    True
    """
    from ikmpolicy.report.render_html import soft_wrap

    longest = whole = word = 0.0
    for text, font in _pieces(value, weight):
        for part in _BREAKS_KEPT.split(soft_wrap(text)):
            if not part:
                continue
            if _BREAKS.fullmatch(part):
                longest, word = max(longest, word), 0.0
                if part.replace("\u200b", ""):
                    whole += _width(" ", font)  # spaces collapse to one
                continue
            for i, piece in enumerate(_INNER_BREAK.split(part)):
                if i:
                    longest, word = max(longest, word), 0.0
                width = _width(piece, font)
                word += width
                whole += width
    return max(longest, word), whole


# -- the printed page -------------------------------------------------------------------------

#: The width of the printed text (A4, 210 mm, less the margins of 16 mm each side in
#: brief.css's ``@page``), in points
PRINT_WIDTH_PT = (210 - 2 * 16) / 25.4 * 72
#: The print type size of the text (brief.css, ``@media print``: body 9.2pt) and the share of
#: it a table takes (``table.brief-table``: 0.88 em; ``.compact``: 0.8 em)
PRINT_FONT_PT = 9.2
TABLE_SIZE = {"": 0.88, "compact": 0.8}
#: A cell's padding left and right (``th, td``: 0.4 em each side), in em of the table's type
CELL_PADDING = 0.8
#: How much wider than its longest word (as estimated here) a column is at least: Pango's
#: measure of a word may exceed the sum of its advance widths a little ("REQ-03": 0.7%)
SAFETY = 1.03


def table_width_em(style: str = "") -> float:
    """The width of a printed table (the text's full width), in em of the table's type."""
    return PRINT_WIDTH_PT / (PRINT_FONT_PT * TABLE_SIZE.get(style, TABLE_SIZE[""]))


def column_needs(table: Table) -> tuple[list[float], list[float]]:
    """Each column's narrowest width (its longest word) and widest (its longest text on one
    line), in em of the table's type, the cell's padding included: what WeasyPrint's automatic
    layout would measure."""
    columns = len(table.headers)
    least = [0.0] * columns
    most = [0.0] * columns
    rows = [[(h, "bold") for h in table.headers]]
    # the cells of the first column are <th scope="row"> when row_headers: normal weight still
    rows += [[(c, "regular") for c in row[:columns]] for row in table.rows]
    for row in rows:
        for j, (value, weight) in enumerate(row):
            word, whole = cell_widths(value, weight)
            least[j] = max(least[j], word + CELL_PADDING)
            most[j] = max(most[j], whole + CELL_PADDING)
    return least, most


def print_widths(table: Table) -> tuple[float, ...] | None:
    """The printed widths of ``table``'s columns, in percent of the table's width (they add up to
    100, in hundredths), or None when its longest words would not fit side by side (the table
    then keeps the automatic layout).

    As WeasyPrint's automatic layout: when every column's text fits on one line, each column
    gets that width and the rest is shared in proportion to it; otherwise each gets its longest
    word, and what is left goes in proportion to how much wider each column's text would be on
    one line. Then a column whose longest word would have less than :data:`SAFETY` times its
    width takes that from the columns with room to spare.

    Examples
    --------
    >>> t = Table(("Dimensi", "Skor"), ((("Mutu",), ("3,14",)), (("Kapasitas produksi",), ("2",))))
    >>> print_widths(t)
    (75.31, 24.69)
    >>> sum(print_widths(t))
    100.0
    >>> print_widths(Table(("x " * 5,) * 3, ((("W" * 30,),) * 3,))) is None
    True
    """
    if not table.headers:
        return None
    least, most = column_needs(table)
    width = table_width_em(table.style)
    if sum(least) > width:
        return None
    if sum(most) <= width:
        total = sum(most)
        widths = [m * width / total for m in most]
    else:
        extra = [m - lo for m, lo in zip(most, least, strict=True)]
        share = (width - sum(least)) / sum(extra)
        widths = [lo + e * share for lo, e in zip(least, extra, strict=True)]
    floor = [(lo - CELL_PADDING) * SAFETY + CELL_PADDING for lo in least]
    if sum(floor) > width:
        return None
    return _hundredths(_at_least(widths, floor), floor, width)


def _at_least(widths: list[float], floor: list[float]) -> list[float]:
    """``widths`` with each raised to its ``floor``, what that takes shared out among the others
    in proportion to their room above their own floors (same total)."""
    widths = list(widths)
    while short := sum(max(f - w, 0.0) for w, f in zip(widths, floor, strict=True)):
        room = [max(w - f, 0.0) for w, f in zip(widths, floor, strict=True)]
        spare = sum(room)
        widths = [
            max(w, f) - (r / spare * short if spare else 0.0)
            for w, f, r in zip(widths, floor, room, strict=True)
        ]
        if spare <= short:  # cannot happen when the floors fit the width
            break
    return widths


def _hundredths(widths: list[float], floor: list[float], width: float) -> tuple[float, ...]:
    """``widths`` (em) as percents of ``width`` in hundredths adding up to exactly 100: each
    rounded down, the remainder to the columns with the most room above their floor."""
    cents = [int(w / width * 10_000) for w in widths]
    room = sorted(range(len(cents)), key=lambda j: floor[j] - widths[j])
    for j in room[: 10_000 - sum(cents)]:
        cents[j] += 1
    return tuple(c / 100 for c in cents)
