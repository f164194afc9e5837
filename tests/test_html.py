"""Text from data is escaped everywhere a brief shows it; exported cells cannot be formulas."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.report import sections
from ikmpolicy.report.blocks import paragraph, table
from ikmpolicy.report.content import Link, Section
from ikmpolicy.workbook import safe_cell

HOSTILE = '<script>alert("x")</script> **tebal** <b>tag</b> & [tautan](javascript:alert(1))'


def test_tables_paragraphs_and_links_escape_text():
    section = Section(
        "x",
        HOSTILE,
        (
            table(pd.DataFrame({"a": [HOSTILE]}), [HOSTILE]),
            paragraph(HOSTILE, Link(HOSTILE, "javascript:alert(1)")),
        ),
    )
    html = section.html
    assert "<script>" not in html and "<b>tag</b>" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html
    assert "javascript:" not in html.replace("(javascript:alert(1))", "")  # no unsafe href


def test_statement_with_raw_html_shows_as_text(sample):
    statements = sample["statements"].copy()
    row = statements.index[statements["session_id"] == "fgd-2025-05-15"][0]
    statements.loc[row, "text"] = HOSTILE
    sample_copy = type(sample)(
        sample.root, {**sample.tables, "statements": statements}, sample.report, sample.files
    )
    ctx = sections.load_context("data/cilegon", "fgd-2025-05-15", dataset=sample_copy)
    html = sections.statements(ctx).html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html


def test_safe_cell_neutralises_formulas():
    for text in ("=1+1", "+1", "-1+2", "@SUM(A1)", "\t=x"):
        assert safe_cell(text) == "'" + text
    assert safe_cell("Rp 1.000") == "Rp 1.000"
    assert safe_cell(-5) == -5


# -- tables on a phone: a table, cards, or a matrix that scrolls ---------------------------------


def _words(n: int, length: int) -> list[str]:
    return ["x" * length] * n


def test_a_table_becomes_cards_exactly_when_its_words_exceed_a_phone():
    """The estimate: each column as wide as its longest word (headers bold, 1.1x), plus a cell's
    padding; a table at the limit stays a table, one character more makes cards."""
    from ikmpolicy.report.content import Table
    from ikmpolicy.report.render_html import PHONE_CHARACTERS, phone_layout

    columns = 5
    longest = (PHONE_CHARACTERS - columns) // columns  # words this long just fit
    fits = Table(tuple(_words(columns, 1)), (tuple((w,) for w in _words(columns, longest)),))
    assert phone_layout(fits) == "table"
    wider = Table(
        tuple(_words(columns, 1)),
        (tuple((w,) for w in _words(columns - 1, longest) + ["x" * (longest + columns)]),),
    )
    assert phone_layout(wider) == "cards"
    # a long sentence in a cell is no wider than its longest word
    sentence = Table(("a", "b"), ((("kata " * 40,), ("1",)),))
    assert phone_layout(sentence) == "table"


def test_cards_label_every_value_with_its_column_and_keep_the_table_roles():
    from ikmpolicy.report.blocks import table as make_table

    headers = ["Tindakan", "Pelaksana (heliks)", "Biaya; waktu", "Dampak", "Bukti"]
    frame = pd.DataFrame(
        [
            [
                "Pendampingan sertifikasi",
                "Kementerian Perindustrian",
                "Rp175 juta",
                "indeks +2,6 poin",
                "Sumber: kemenperin.go.id",
            ]
        ]
    )
    html = Section("x", "x", (make_table(frame, headers, row_headers=True),)).html
    assert 'class="brief-table cards"' in html and 'role="table"' in html
    assert '<th scope="row" role="rowheader">Pendampingan sertifikasi</th>' in html
    for header in headers[1:]:
        assert f'role="cell" data-label="{header}"' in html
    assert html.count('role="columnheader"') == len(headers)


def test_a_square_matrix_keeps_its_grid():
    from ikmpolicy.report.blocks import table as make_table

    codes = [f"K{i}" for i in range(1, 16)]
    frame = pd.DataFrame([[c, *["1*"] * 15, 4] for c in codes] + [["Ketergantungan", *[3] * 16]])
    html = Section(
        "x",
        "x",
        (
            make_table(
                frame,
                ["Elemen", *codes, "Daya dorong"],
                numeric=list(frame.columns[1:]),
                row_headers=True,
            ),
        ),
    ).html
    assert 'class="brief-table matrix"' in html and "data-label" not in html


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab@-./_ xyZ"), max_size=120))
def test_long_tokens_get_invisible_breaks_between_their_parts(text):
    """The text is unchanged but for zero-width spaces; only tokens of 30 or more characters
    get them; no piece is longer than 20; a piece ends after punctuation where its stretch had
    any past its first quarter (an address breaks between its parts, not inside a word)."""
    from ikmpolicy.report.render_html import _BREAK_AFTER, soft_wrap

    wrapped = soft_wrap(text)
    assert wrapped.replace("\u200b", "") == text
    for token, out in zip(text.split(" "), wrapped.split(" "), strict=True):
        pieces = out.split("\u200b")
        if len(token) < 30:
            assert pieces == [token]
            continue
        assert all(0 < len(p) <= 20 for p in pieces)
        for piece in pieces[:-1]:
            if any(c in _BREAK_AFTER for c in piece[5:]):
                assert piece[-1] in _BREAK_AFTER, (token, pieces)


def test_a_figure_is_enlarged_on_tap_in_the_documents_not_in_a_notebook():
    """The brief's pages carry the tap-to-enlarge (a checkbox named in the page's language, a
    hint for phones); a notebook shows the section without the page's stylesheet, so there the
    figure is a plain image and no bare checkbox appears."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ikmpolicy.report.blocks import figure
    from ikmpolicy.report.i18n import Locale
    from ikmpolicy.report.render_html import document_words, render_document

    fig, ax = plt.subplots()
    ax.plot([1, 2])
    section = Section("x", "Judul", (figure(fig, "Keterangan"),), meta={"lang": "id"})
    assert "checkbox" not in section.html and "<img" in section.html
    page = render_document(
        [section], lang="id", title="t", edition="brief", words=document_words(Locale("id"))
    )
    assert 'type="checkbox" aria-label="Perbesar gambar"' in page
    assert '<span class="zoom-hint"> (ketuk untuk memperbesar)</span>' in page
