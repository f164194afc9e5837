"""Automatic coding of sentences from the seed articles; expected codes written by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ikmpolicy import fgd

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def codebook():
    return fgd.load_codebook(ROOT / "data" / "cilegon" / "codebook.csv")


# (sentence from a seed article, codes a human assigns from the codebook's definitions)
SENTENCES = [
    # ANTARA Banten (seed 002)
    (
        "Dalam kemitraan ini IKM dapat memperoleh kepastian pasar, kepastian pasokan bahan baku "
        "serta mengharuskan IKM melakukan perbaikan kualitas serta kuantitas, sistem manajemen, "
        "sumber daya manusia, akses informasi, teknologi, perizinan dan hal lainnya.",
        {
            "partnership",
            "market_supply_chain",
            "raw_material_supply",
            "quality_standardisation",
            "human_resources_training",
            "equipment_technology",
            "licensing_legality",
        },
    ),
    # Mitra Aspirasi (seed 001): marketing is not "market"
    (
        "Strategi penguatan daya saing IKM logam Cilegon juga mencakup program digitalisasi "
        "pemasaran, pendampingan legalitas usaha, serta pelatihan produksi berbasis standar mutu.",
        {
            "digital_marketing",
            "licensing_legality",
            "human_resources_training",
            "quality_standardisation",
        },
    ),
    (
        "Pemerintah memberikan pelatihan dan bantuan peralatan produksi, akademisi berkontribusi "
        "melalui riset dan pengembangan teknologi, industri besar membuka peluang kemitraan, dan "
        "komunitas lokal memperkuat jaringan antar pelaku IKM.",
        {"human_resources_training", "equipment_technology", "partnership"},
    ),
    (
        "Kami siap mendampingi pelaku IKM dalam proses sertifikasi dan pengujian produk.",
        {"certification_testing"},
    ),
    # Beritain (seed 003)
    (
        "CMM juga optimis dapat membawa inovasi baru dan mendorong peningkatan kontribusi sektor "
        "IKM logam terhadap Pendapatan Asli Daerah (PAD) Kota Cilegon di masa mendatang.",
        {"equipment_technology", "regional_revenue"},
    ),
    # Al News Banten (seed 004)
    (
        "Pemerintah juga terus berupaya untuk melakukan kerjasama antar daerah dalam memenuhi "
        "kebutuhan daerah lain yang mampu diproduksi oleh Kota Cilegon.",
        {"partnership", "interregional_study_visits"},
    ),
    # a sentence with no theme
    ("Cilegon merupakan kota di Provinsi Banten.", set()),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_seed_sentences_get_the_hand_codes(codebook, text, expected):
    assert set(fgd.match_codes(text, codebook)) == expected


def test_assignments_keep_the_matched_words(codebook):
    found = fgd.match_codes(SENTENCES[0][0], codebook)
    assert found["licensing_legality"] == (("izin",), ("perizinan",))
    assert found["raw_material_supply"] == (("bahan baku",), ("bahan", "baku"))
    assert found["partnership"][1] == ("kemitraan",)


def test_sample_statements_coded_with_sources(sample, codebook):
    coded = fgd.code_statements(sample["statements"], codebook)
    by_statement = coded.groupby("statement_id")["code"].agg(set).to_dict()
    # st-007: "standar industri ... mutu ... sertifikasi dan pengujian produk"
    assert by_statement["st-007"] == {"quality_standardisation", "certification_testing"}
    # st-013: the study visits promised in December 2024
    assert "interregional_study_visits" in by_statement["st-013"]
    assert "st-011" not in by_statement  # a general appeal: no theme
    assert set(coded["code"]) <= set(codebook["code"])


def test_human_codes_take_precedence_and_are_checked(sample, codebook):
    st = sample["statements"].copy()
    st["code_human_1"] = None
    st["code_human_2"] = None
    st.loc[st["statement_id"] == "st-001", "code_human_1"] = "partnership"
    st.loc[st["statement_id"] == "st-002", "code_human_2"] = "market_supply_chain;"
    final = fgd.final_codes(st, fgd.code_statements(st, codebook), codebook)
    final = final.set_index("statement_id")
    assert final.loc["st-001", "codes"] == ("partnership",)
    assert final.loc["st-001", "code_source"] == "human_1"
    assert final.loc["st-002", "codes"] == ("market_supply_chain",)
    assert final.loc["st-002", "code_source"] == "human_2"
    assert final.loc["st-007", "code_source"] == "auto"
    assert final.loc["st-011", "code_source"] == "none"
    st.loc[st["statement_id"] == "st-003", "code_human_1"] = "kemitraan"
    with pytest.raises(
        fgd.FGDInputError, match=r"statements.csv, row 4, column 'code_human_1': found 'kemitraan'"
    ):
        fgd.final_codes(st, fgd.code_statements(st, codebook), codebook)


def test_statements_without_human_columns_use_automatic_codes(sample, codebook):
    final = fgd.final_codes(
        sample["statements"], fgd.code_statements(sample["statements"], codebook), codebook
    )
    assert set(final["code_source"]) == {"auto", "none"}
    assert final["code_human_1"].isna().all()
    assert isinstance(final, pd.DataFrame) and len(final) == len(sample["statements"])
