"""Text from data is escaped everywhere a brief shows it; exported cells cannot be formulas."""

from __future__ import annotations

import pandas as pd

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
