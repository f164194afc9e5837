"""Internal shortlists: business names, never personal data, formula-safe, atomic, per buyer."""

from __future__ import annotations

import os

import openpyxl
import pytest

from ikmpolicy.matching import (
    PERSONAL_COLUMNS,
    MatchingError,
    assign_suppliers,
    firm_profile,
    near_ready,
    requirement_gaps,
    sheet_names,
    shortlist,
    write_shortlist,
)
from ikmpolicy.programmes import load_catalogue
from ikmpolicy.workbook import unsafe_cell

DANGEROUS = ['=HYPERLINK("http://evil.example","x")', "+62 cmd|' /C calc'!A0", "@SUM(1+1)", "-1+2"]


@pytest.fixture(scope="module")
def matched(sample):
    ind = sample.indicators
    prof = firm_profile(sample["firms"], sample["assessments"], ind, "2025-12-31")
    reqs = sample["buyer_requirements"]
    pairs = requirement_gaps(prof, reqs, ind)
    near = near_ready(pairs, prof, load_catalogue(sample), reqs, ind)
    chosen = assign_suppliers(pairs)
    # give firms that are on a shortlist names a spreadsheet would run as formulas
    listed = pairs.loc[pairs["status"].isin(["eligible", "near_ready"]), "firm_id"].unique()
    firms = sample["firms"].copy()
    for firm_id, name in zip(listed, DANGEROUS, strict=False):
        firms.loc[firms["firm_id"] == firm_id, "business_name"] = name
    return firms, reqs, pairs, near, chosen


def test_shortlist_lists_eligible_then_near_ready_by_name(matched):
    firms, reqs, pairs, near, chosen = matched
    for rid in reqs["requirement_id"]:
        s = shortlist(pairs, firms, rid, near=near, assignment=chosen)
        mine = pairs[pairs["requirement_id"] == rid]
        assert len(s) == int(mine["status"].isin(["eligible", "near_ready"]).sum())
        assert s["status"].tolist() == sorted(s["status"], key=["eligible", "near_ready"].index)
        names = firms.set_index("firm_id")["business_name"]
        assert (s["business_name"] == s["firm_id"].map(names)).all()
        assert set(s.loc[s["assigned"], "firm_id"]) == set(
            chosen.loc[chosen["requirement_id"] == rid, "firm_id"]
        )
        near_rows = s[s["status"] == "near_ready"]
        assert near_rows["reachable"].notna().all()


def test_shortlist_never_carries_personal_columns_or_values(matched):
    firms, reqs, pairs, near, chosen = matched
    for rid in reqs["requirement_id"]:
        s = shortlist(pairs.assign(owner_name="leak"), firms, rid, near=near, assignment=chosen)
        assert not PERSONAL_COLUMNS & set(s.columns)
        text = s.astype(str).to_string()
        for value in firms["owner_name"].dropna().tolist() + firms["owner_phone"].dropna().tolist():
            assert value not in text


def test_workbook_is_formula_safe_personal_free_and_one_sheet_per_requirement(matched, tmp_path):
    firms, reqs, pairs, near, chosen = matched
    path = write_shortlist(
        tmp_path / "internal" / "shortlist.xlsx", pairs, firms, reqs, near=near, assignment=chosen
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["README", *reqs["requirement_id"]]
    personal = set(firms["owner_name"].dropna()) | set(firms["owner_phone"].dropna())
    seen_names = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
                    assert cell.value not in personal
                    seen_names.add(unsafe_cell(cell.value))
    # the dangerous names come back as the text they were, never as formulas
    assert set(DANGEROUS) <= seen_names
    headers = [c.value for c in book[reqs["requirement_id"].iloc[0]][1]]
    assert headers[:2] == ["firm_id", "business_name"]
    assert not PERSONAL_COLUMNS & set(headers)


def test_write_replaces_atomically_and_leaves_no_temporary_file(matched, tmp_path):
    firms, reqs, pairs, near, chosen = matched
    target = tmp_path / "shortlist.xlsx"
    target.write_bytes(b"old")
    write_shortlist(target, pairs, firms, reqs)
    assert target.read_bytes()[:2] == b"PK"  # a zip (xlsx), not the old bytes
    assert os.listdir(tmp_path) == ["shortlist.xlsx"]
    with pytest.raises(MatchingError, match=r"must be an \.xlsx file"):
        write_shortlist(tmp_path / "shortlist.csv", pairs, firms, reqs)


def test_sheet_names_are_valid_and_unique():
    names = sheet_names(["REQ/01", "REQ:01", "x" * 40, "x" * 40, "README", "'q'"])
    assert len(set(n.lower() for n in names)) == len(names)
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert "readme" not in [n.lower() for n in names]


def test_unknown_status_is_refused(matched):
    firms, reqs, pairs, *_ = matched
    with pytest.raises(MatchingError, match="statuses: found ready"):
        shortlist(pairs, firms, "REQ-01", statuses=("ready",))
