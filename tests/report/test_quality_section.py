"""The data-quality section counts and lists every rejected row."""

from __future__ import annotations

from ikmpolicy.report import sections
from tests.conftest import edit_csv


def test_rejected_rows_are_counted_and_listed(data_copy):
    edit_csv(data_copy / "firms.csv", 4, "workforce", "banyak")
    ctx = sections.load_context(str(data_copy), "fgd-2025-05-15", "en")
    html = sections.data_quality(ctx).html
    counts = ctx.dataset.report.counts
    assert counts["firms"].rejected == 1
    total = sum(c.rejected for c in counts.values())
    assert f"; {total} rejected" in html
    where = "firms.csv, row 4, column &#39;workforce&#39;"  # relative to the dataset
    assert f"{where}: found &#39;banyak&#39;" in html
    # the firm's assessments are rejected in turn, and listed as well
    rejected_assessments = counts["assessments"].rejected
    assert rejected_assessments >= 1 and total == 1 + rejected_assessments
    # in one line that names each of their rows (they differ only in row)
    from ikmpolicy.io import rows_text

    rows = sorted(r for (table, r) in ctx.dataset.report.rejected if table == "assessments")
    assert len(rows) == rejected_assessments
    assert html.count("assessments.csv, row") == 1
    assert f"assessments.csv, {rows_text(rows, limit=len(rows))}" in html


def test_a_clean_dataset_lists_no_problem(sample):
    ctx = sections.load_context("data/cilegon", "fgd-2025-05-15", "id", dataset=sample)
    html = sections.data_quality(ctx).html
    assert "0 ditolak" in html and "Masalah yang ditemukan" not in html
