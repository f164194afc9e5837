"""Every form out and back in: written, filled with openpyxl, imported, found in the data."""

from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest
from openpyxl import load_workbook

from ikmpolicy.cli import main
from ikmpolicy.mcda import session_judgement
from ikmpolicy.validation import load_dataset

from .helpers import SESSION, fill_ahp, hashes, items, meta

WEIGHTS = {
    "product_quality": 4,
    "human_resources": 2,
    "quality_management": 2,
    "information_access": 1,
    "technology_equipment": 2,
    "licensing": 1,
    "production_capacity": 2,
    "raw_material_supply": 1,
    "digital_marketing": 1,
}


@pytest.fixture
def session_forms(data_copy, tmp_path):
    out = tmp_path / "forms"
    assert main(["forms", "--fgd", SESSION, "--data", str(data_copy), "--out", str(out)]) == 0
    return out / SESSION


def test_forms_are_written_with_pdf_and_prefilled(session_forms, sample):
    names = {p.name for p in session_forms.iterdir()}
    assert {
        "ahp",
        "ssim",
        "ahp.pdf",
        "readiness.pdf",
        "attendance.pdf",
        "commitments.pdf",
        "ssim.pdf",
        "readiness.xlsx",
        "attendance.xlsx",
        "commitments.xlsx",
    } <= names
    for pdf in session_forms.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF")
    book = load_workbook(session_forms / "ahp" / "P001.xlsx")
    info = meta(book)
    assert info["respondent_id"] == "P001" and info["session_id"] == SESSION
    ws = book["AHP"]
    org_cell = ws[info["field:org_id"]].value
    org = org_cell.rsplit("[", 1)[1].rstrip("]")
    assert org in set(sample["participation"].query("session_id == @SESSION")["org_id"])
    assert ws.protection.sheet and not any(
        c.data_type == "f" for row in ws.iter_rows() for c in row
    )
    assert len(items(book)) == 36  # 9 dimensions, 36 pairs
    texts = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "sama penting" in texts and "mutlak lebih penting" in texts


def test_ahp_roundtrip_reaches_the_group_judgement(session_forms, data_copy, tmp_path, capsys):
    filled = tmp_path / "filled"
    filled.mkdir()
    given = {}
    for code in ("P001", "P002", "P003"):
        shutil.copy(session_forms / "ahp" / f"{code}.xlsx", filled / f"{code}.xlsx")
        given[code] = fill_ahp(filled / f"{code}.xlsx", WEIGHTS)
    assert main(["import-forms", str(filled), "--into", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "P001" in out and "CR =" in out and "pairwise: 108 new row(s)" in out
    assert f"forms read for session {SESSION}: 3 ahp" in out  # which session, said
    ds = load_dataset(data_copy)
    assert ds.report.ok
    rows = ds["pairwise"].query("session_id == @SESSION and respondent_id.str.startswith('P')")
    assert len(rows) == 108 and not rows["synthetic"].any()
    for r in rows.itertuples():
        assert r.value == pytest.approx(given[r.respondent_id][(r.criterion_a, r.criterion_b)])
    # the judgements are in the session's group judgement of the next brief
    every = ds["pairwise"].query("session_id == @SESSION")
    helix = dict(zip(ds["stakeholders"]["org_id"], ds["stakeholders"]["helix"], strict=True))
    groups = every.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"].map(helix)
    result = session_judgement(every, groups, list(WEIGHTS))
    assert {"P001", "P002", "P003"} <= set(result.respondents.index)
    assert result.respondents.loc["P001", "cr"] < 0.1
    # a second import adds nothing
    before = hashes(data_copy)
    assert main(["import-forms", str(filled), "--into", str(data_copy)]) == 0
    assert "already in the data" in capsys.readouterr().out
    assert hashes(data_copy) == before


def test_ssim_attendance_commitments_readiness_roundtrip(session_forms, data_copy, tmp_path):
    filled = tmp_path / "filled"
    filled.mkdir()
    # SSIM: expert P001 judges every pair V
    shutil.copy(session_forms / "ssim" / "P001.xlsx", filled / "ssim_P001.xlsx")
    book = load_workbook(filled / "ssim_P001.xlsx")
    for row, _, _ in items(book):
        book["SSIM"][f"C{row}"] = "v"
    book.save(filled / "ssim_P001.xlsx")
    # attendance: two organisations
    shutil.copy(session_forms / "attendance.xlsx", filled / "attendance.xlsx")
    book = load_workbook(filled / "attendance.xlsx")
    ws = book["Daftar hadir"]
    rows = [r for (r,) in items(book)]
    ws[f"B{rows[0]}"] = "Cilegon Metal Manufaktur (CMM), asosiasi IKM logam [cmm]"
    ws[f"C{rows[0]}"], ws[f"D{rows[0]}"], ws[f"E{rows[0]}"] = (
        "Bisnis [business]",
        "peserta [participant]",
        3,
    )
    ws[f"B{rows[1]}"], ws[f"D{rows[1]}"], ws[f"E{rows[1]}"] = "krakatau_steel", "participant", 2
    book.save(filled / "attendance.xlsx")
    # commitments: one, with hostile text that must stay text
    shutil.copy(session_forms / "commitments.xlsx", filled / "commitments.xlsx")
    book = load_workbook(filled / "commitments.xlsx")
    ws = book["Komitmen"]
    row = items(book)[0][0]
    ws[f"B{row}"] = "disperindag_cilegon"
    ws[f"C{row}"] = "Membuka kelas sertifikasi SNI <script>alert(1)</script>"
    ws[f"D{row}"] = "Sertifikasi dan pengujian [certification_testing]"
    ws[f"E{row}"] = dt.datetime(2025, 12, 1)
    book.save(filled / "commitments.xlsx")
    # readiness self-assessment of one firm
    shutil.copy(session_forms / "readiness.xlsx", filled / "readiness.xlsx")
    book = load_workbook(filled / "readiness.xlsx")
    info = meta(book)
    ws = book["Kesiapan"]
    ws[info["field:firm_id"]] = "IKM-001"
    ws[info["field:assessment_date"]] = "2025-05-15"
    levels = {}
    for k, (r, indicator) in enumerate(items(book)):
        ws[f"D{r}"] = 1 + k % 5
        levels[indicator] = 1 + k % 5
    book.save(filled / "readiness.xlsx")

    assert main(["import-forms", str(filled), "--into", str(data_copy)]) == 0
    ds = load_dataset(data_copy)
    assert ds.report.ok
    ssim = ds["ssim"].query("expert_id == 'P001'")
    assert len(ssim) == 36 and set(ssim["relation"]) == {"V"}
    part = ds["participation"].query(
        "session_id == @SESSION and org_id in ['cmm', 'krakatau_steel']"
    )
    assert sorted(part["people"].tolist()) == [2, 3]
    cm = ds["commitments"].query("session_id == @SESSION and text.str.contains('<script>')")
    assert len(cm) == 1 and "<script>" in cm["text"].iloc[0]
    assert cm["due_date"].iloc[0] == "2025-12-01" and cm["status"].iloc[0] == "planned"
    a = ds["assessments"]
    row = a[(a["firm_id"] == "IKM-001") & (a["assessment_date"] == pd.Timestamp("2025-05-15"))]
    assert len(row) == 1
    assert {k: row[k].iloc[0] for k in levels} == pytest.approx(levels)
    assert "forms-" + SESSION in set(ds["sources"]["source_id"])
