"""The shipped sample gives the same partnership results on every run."""

from __future__ import annotations

import openpyxl
import pandas as pd

from ikmpolicy.matching import (
    assign_suppliers,
    eligibility_counts,
    firm_profile,
    near_ready,
    partnership_summary,
    requirement_gaps,
    write_shortlist,
)
from ikmpolicy.programmes import load_catalogue
from ikmpolicy.validation import load_dataset


def _run(path, out):
    ds = load_dataset(path)
    ind = ds.indicators
    prof = firm_profile(ds["firms"], ds["assessments"], ind, "2025-12-31")
    reqs = ds["buyer_requirements"]
    pairs = requirement_gaps(prof, reqs, ind)
    near = near_ready(pairs, prof, load_catalogue(ds), reqs, ind)
    chosen = assign_suppliers(pairs)
    book = write_shortlist(out, pairs, ds["firms"], reqs, near=near, assignment=chosen)
    cells = [
        [c.value for c in row]
        for sheet in openpyxl.load_workbook(book).worksheets
        for row in sheet.iter_rows()
    ]
    return (
        pairs,
        near,
        chosen,
        partnership_summary(pairs, prof, near),
        eligibility_counts(prof, reqs, ind),
        cells,
    )


def test_sample_results_are_identical_on_rerun(sample_dir, tmp_path):
    first = _run(sample_dir, tmp_path / "a.xlsx")
    second = _run(sample_dir, tmp_path / "b.xlsx")
    for a, b in zip(first[:-1], second[:-1], strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert first[-1] == second[-1]
    pairs, near, chosen, summary, counts, _ = first
    # the sample has something in every class the brief talks about
    assert pairs["eligible"].any() and near["reachable"].any() and len(chosen)
    assert set(summary["outlook"]) == {"now", "soon", "not_yet"}
    assert counts["eligible"].sum() == pairs["eligible"].sum()
