"""The codebook: the shipped themes, and clear errors for a broken codebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikmpolicy import fgd

ROOT = Path(__file__).resolve().parents[2]
CODES = [
    "partnership",
    "quality_standardisation",
    "certification_testing",
    "human_resources_training",
    "equipment_technology",
    "raw_material_supply",
    "market_supply_chain",
    "digital_marketing",
    "licensing_legality",
    "integrated_centre",
    "interregional_study_visits",
    "regional_revenue",
]
HEADER = "code,label_id,label_en,definition_id,definition_en,keywords\n"


def test_shipped_codebook_has_the_twelve_themes_with_definitions(sample):
    cb = fgd.load_codebook(ROOT / "data" / "cilegon" / "codebook.csv")
    assert list(cb["code"]) == CODES
    assert cb["definition_id"].str.len().min() > 20
    assert all(len(k) >= 1 for k in cb["keywords"])
    # the commitments' themes are codes of the codebook
    assert set(sample["commitments"]["theme"]) <= set(cb["code"])
    sources = set(sample["sources"]["source_id"])
    assert all(set(s) <= sources for s in cb["source_ids"])


def test_duplicate_code_names_file_and_rows(tmp_path):
    path = tmp_path / "codebook.csv"
    path.write_text(
        HEADER + "partnership,a,b,c,d,mitra\nquality,a,b,c,d,mutu\npartnership,a,b,c,d,sinergi\n",
        encoding="utf-8",
    )
    with pytest.raises(
        fgd.CodebookError, match=r"codebook.csv, row 4, column 'code': found 'partnership'.*row 2"
    ):
        fgd.load_codebook(path)


def test_other_broken_codebooks(tmp_path):
    path = tmp_path / "codebook.csv"
    path.write_text("code,label_id,keywords\nx,a,mitra\n", encoding="utf-8")
    with pytest.raises(fgd.CodebookError, match="missing columns"):
        fgd.load_codebook(path)
    path.write_text(HEADER + "x,a,b,c,d,\n", encoding="utf-8")
    with pytest.raises(fgd.CodebookError, match="row 2, column 'keywords': found no keyword"):
        fgd.load_codebook(path)
    path.write_text(HEADER + "x,a,b,c,d,mitra;dan yang\n", encoding="utf-8")
    with pytest.raises(fgd.CodebookError, match="'dan yang'.*stop words"):
        fgd.load_codebook(path)
    path.write_text(HEADER + "x,a,b,c,d,mitra\ny,a,b,c,d,Mitra\n", encoding="utf-8")
    with pytest.raises(fgd.CodebookError, match="row 3.*already under code 'x'"):
        fgd.load_codebook(path)
    path.write_text(HEADER + "Bad Code,a,b,c,d,mitra\n", encoding="utf-8")
    with pytest.raises(fgd.CodebookError, match="found 'Bad Code'"):
        fgd.load_codebook(path)
