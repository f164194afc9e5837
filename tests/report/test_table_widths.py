"""The printed annex's tables carry their columns' widths (report/table_widths.py), so that
WeasyPrint lays them out at once (``table-layout: fixed``) instead of measuring every cell: the
widths must add up to the table's width, give every column at least its longest word at the
print type size, and leave every word whole when WeasyPrint lays the annex out."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.report.content import Code, Section, Strong, Table
from ikmpolicy.report.i18n import Locale
from ikmpolicy.report.render_html import document_words, render_document
from ikmpolicy.report.table_widths import (
    CELL_PADDING,
    SAFETY,
    cell_widths,
    column_needs,
    print_widths,
    table_width_em,
)

WORD = st.text(
    alphabet=st.sampled_from(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.-/()%–é"
    ),
    min_size=1,
    max_size=18,
)
CELL = st.lists(WORD, min_size=0, max_size=8).map(" ".join)


@st.composite
def tables(draw):
    columns = draw(st.integers(1, 9))
    headers = tuple(draw(st.lists(CELL, min_size=columns, max_size=columns)))
    rows = draw(
        st.lists(
            st.lists(CELL.map(lambda t: (t,)), min_size=columns, max_size=columns).map(tuple),
            max_size=6,
        )
    )
    style = draw(st.sampled_from(["", "compact"]))
    return Table(headers, tuple(rows), style=style)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_printed_widths_add_up_to_the_table_and_hold_each_longest_word(table):
    widths = print_widths(table)
    least, most = column_needs(table)
    width = table_width_em(table.style)
    floor = [(lo - CELL_PADDING) * SAFETY + CELL_PADDING for lo in least]
    if widths is None:  # too wide for the page: the table keeps the automatic layout
        assert sum(floor) > width
        return
    assert len(widths) == len(table.headers)
    assert round(sum(widths), 2) == 100.0
    for share, needed in zip(widths, floor, strict=True):
        # each column, in em of the table's type, at least its longest word (with the margin)
        assert share / 100 * width >= needed - 0.01 * width / 100


def test_a_word_is_measured_as_wide_as_it_prints():
    # bold headers are wider; a Code run is monospace; a long token breaks at soft_wrap's points
    assert cell_widths("Skor", "bold")[0] > cell_widths("Skor")[0]
    assert cell_widths((Code("a" * 10),))[0] == pytest.approx(10 * 1233 / 2048 * 0.85)
    assert cell_widths(("Rp", Strong("175")))[0] > cell_widths("Rp175")[0]  # one word
    assert cell_widths("x" * 60)[0] == cell_widths("x" * 30)[0] < cell_widths("x" * 29)[0]
    # where Pango breaks inside a word, and where it does not
    assert cell_widths("rata-rata")[0] == pytest.approx(cell_widths("rata-")[0])
    assert cell_widths("REQ-03")[0] == pytest.approx(cell_widths("REQ-03")[1])


def _page(edition: str, table: Table) -> str:
    words = document_words(Locale("id"))
    return render_document(
        [Section("t", "T", (table,), edition=edition)],
        lang="id",
        title="T",
        edition=edition,
        words=words,
    )


def test_only_the_annex_carries_column_widths():
    table = Table(("Dimensi", "Skor"), ((("Mutu",), ("3,14",)),), (False, True))
    annex, brief = _page("annex", table), _page("brief", table)
    assert "<colgroup>" not in brief and "print-widths" not in brief.split("</style>")[1]
    widths = [float(w) for w in re.findall(r"--print-width: ([\d.]+)%", annex)]
    assert len(widths) == 2 and round(sum(widths), 2) == 100.0
    assert 'class="brief-table print-widths"' in annex
    too_wide = Table(("x",) * 4, (tuple(("W" * 40,) for _ in range(4)),))
    assert print_widths(too_wide) is None
    assert "<colgroup>" not in _page("annex", too_wide)


# -- the laid-out annex: no word broken, no cell overflowing --------------------------------


def _boxes(box, kind):
    if isinstance(box, kind):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _boxes(child, kind)


def _texts(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def table_cell_problems(html: str) -> tuple[int, int, list[str]]:
    """WeasyPrint's layout of ``html``: the number of tables laid out with printed widths, of
    their cells, and each line of them that runs past its cell or ends inside a word (where no
    space, zero-width space, hyphen, slash or dash is)."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    document = HTML(string=html, base_url=None).render()
    lines: dict[int, tuple] = {}
    problems, tables = [], set()
    for page in document.pages:
        for table in _boxes(page._page_box, boxes.TableBox):  # the layout tree (not public API)
            if "print-widths" not in (table.element.get("class") or ""):
                continue
            tables.add(id(table.element))
            for cell in _boxes(table, boxes.TableCellBox):
                right = cell.content_box_x() + cell.width
                for line in _boxes(cell, boxes.LineBox):
                    texts = list(_texts(line))
                    text = "".join(t.text for t in texts)
                    if any(t.position_x + t.width > right + 0.01 for t in texts):
                        problems.append(f"runs past its cell: {text!r}")
                    lines.setdefault(id(cell.element), (cell.element, []))[1].append(text)
    for element, texts in lines.values():
        whole, at = "".join(element.itertext()), 0
        for text in (t.rstrip() for t in texts[:-1]):
            start = whole.find(text, at) if text else -1
            if start < 0:
                continue
            at = start + len(text)
            if at < len(whole) and not (whole[at].isspace() or whole[at] == "\u200b"):
                if text[-1] not in "-/–—":
                    problems.append(f"a word broken: {text!r} | {whole[at : at + 20]!r}")
    return len(tables), len(lines), problems


@pytest.mark.slow
def test_the_printed_annex_breaks_no_word_and_overflows_no_cell(briefs):
    first, _, english, _ = briefs
    for files in (first, english):
        html = files.annex_html.read_text("utf-8")
        laid_out, cells, problems = table_cell_problems(html)
        # every table of the sample's annexes fits with its words whole, so each has widths
        assert laid_out == len(re.findall(r"<table ", html)) and cells > 500, files.annex_html
        assert problems == [], (files.annex_html, problems[:10])


def test_the_check_sees_a_squeezed_column():
    """Equal widths (what ``table-layout: fixed`` gives a table without widths) break a long
    word: the check above finds it."""
    long = "Penandatanganan"
    table = Table(("No.", "Keterangan panjang sekali", "x"), ((("1",), (long,), ("y",)),))
    html = _page("annex", table)
    shares = iter(("6", "6", "88"))
    narrow = re.sub(r"--print-width: [\d.]+%", lambda m: f"--print-width: {next(shares)}%", html)
    _, _, problems = table_cell_problems(narrow)
    assert problems and "broken" in problems[0]
    assert table_cell_problems(html)[2] == []


def test_the_page_and_type_sizes_are_those_of_the_stylesheet():
    """The widths are computed for the printed page brief.css sets: a change there must be
    made here too, or a column could be narrower than its longest word."""
    from importlib import resources

    from ikmpolicy.report import table_widths as tw

    css = resources.files("ikmpolicy").joinpath("templates", "brief", "brief.css").read_text()
    margins = re.search(
        r"@page\s*\{[^}]*?margin:\s*([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm", css
    )
    right, left = float(margins[2]), float(margins[4])
    assert tw.PRINT_WIDTH_PT == pytest.approx((210 - right - left) / 25.4 * 72)
    printed = css[css.index("@media print") : css.index("@media screen")]  # not the phone's
    assert re.search(r"body\s*\{[^}]*font-size:\s*([\d.]+)pt", printed)[1] == str(tw.PRINT_FONT_PT)
    sizes = dict(
        re.findall(
            r"table\.brief-table(\.compact)?\s*\{[^}]*font-size:\s*([\d.]+)em",
            css[: css.index("@media screen")],
        )
    )
    assert {k.lstrip("."): float(v) for k, v in sizes.items()} == tw.TABLE_SIZE
    padding = re.search(
        r"table\.brief-table th, table\.brief-table td\s*\{[^}]*padding:\s*[\d.]+em ([\d.]+)em", css
    )
    assert 2 * float(padding[1]) == pytest.approx(tw.CELL_PADDING)
    assert re.search(r'html\s*\{[^}]*font-family:\s*"DejaVu Sans"', css)
