"""Sample data for the FGD instruments' tables, with a fixed seed.

What is fact and what is invented:

* ``fgd_elements`` and ``mactor_objectives``: the programmes and aims that the articles on the
  FGD of 15 May 2025 name (cited to them); the labels are taken from the articles.
* ``ssim``, ``mactor_influence`` and ``mactor_positions``: judgements nobody published; they are
  generated here from a stated structure with noise, one set per expert, ``synthetic = true``
  and source ``ikmpolicy-synthetic``.
* ``level_anchors``: descriptions of levels 1, 3 and 5 of each readiness indicator, written by
  the project as a draft for a region to replace (source ``ikmpolicy-draft``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy.synthetic import DEFAULT_SEED, SYNTHETIC_SOURCE

DRAFT_SOURCE = "ikmpolicy-draft"
DRAFT_SOURCE_ROW = [
    DRAFT_SOURCE,
    "ikmpolicy",
    "Rancangan proyek ikmpolicy untuk diganti oleh daerah / a draft by the "
    "ikmpolicy project for a region to replace",
    "",
    "",
    "",
    "false",
]
SESSION = "fgd-2025-05-15"
_MITRA, _FAKTA = "mitraaspirasi-2025-05-15", "faktabanten-2025-05-15"

#: Programmes and needs named at (or reported from) the FGD of 15 May 2025.
ELEMENTS = [
    (
        "K1",
        "Standardisasi dan sertifikasi produk logam",
        "Standardisation and certification of metal products",
        _MITRA,
    ),
    (
        "K2",
        "Pelatihan produksi berbasis standar mutu",
        "Quality-standard production training",
        _MITRA,
    ),
    ("K3", "Bantuan peralatan produksi", "Production-equipment aid", _MITRA),
    (
        "K4",
        "Akses laboratorium pengujian nasional",
        "Access to national testing laboratories",
        _MITRA,
    ),
    ("K5", "Pendampingan legalitas usaha", "Business-licensing assistance", _MITRA),
    ("K6", "Digitalisasi pemasaran", "Digital marketing", _MITRA),
    ("K7", "Sentra IKM logam terpadu", "Integrated IKM metal centre", _MITRA),
    (
        "K8",
        "Riset dan pengembangan teknologi bersama akademisi",
        "Research and technology development with academia",
        _MITRA,
    ),
    (
        "K9",
        "Kemitraan IKM dengan industri besar dalam rantai pasok",
        "IKM partnership with large industry in the supply chain",
        _FAKTA,
    ),
]
#: The structure the synthetic experts judge around (i leads to j); invented, not from a source.
_STRUCTURE = [
    ("K5", "K1"),
    ("K2", "K1"),
    ("K4", "K1"),
    ("K8", "K3"),
    ("K3", "K7"),
    ("K2", "K7"),
    ("K1", "K9"),
    ("K7", "K9"),
    ("K6", "K9"),
    ("K7", "K6"),
    ("K9", "K7"),
]

OBJECTIVES = [
    (
        "O1",
        "Produk IKM logam masuk rantai pasok industri besar",
        "IKM metal products enter large industry's supply chain",
        _FAKTA,
    ),
    (
        "O2",
        "Produk IKM logam memenuhi standar dan bersertifikat",
        "IKM metal products meet standards and are certified",
        _MITRA,
    ),
    (
        "O3",
        "Sentra IKM logam terpadu berdiri di Cilegon",
        "An integrated IKM metal centre is set up in Cilegon",
        _MITRA,
    ),
    ("O4", "Pemasaran IKM logam beralih ke digital", "IKM metal marketing goes digital", _MITRA),
]
#: Who leads on what (sub-type -> typical position on O1..O4); noise is added per actor.
_POSITIONS = {
    "city_office": (3, 2, 4, 2),
    "technical_centre": (2, 4, 1, 0),
    "ikm": (4, 2, 3, 1),
    "university": (1, 3, 1, 1),
    "industry_practitioner": (3, 1, -1, 0),
}
_INFLUENCE = {
    "city_office": 3,
    "technical_centre": 3,
    "ikm": 1,
    "university": 1,
    "industry_practitioner": 2,
}

#: Draft anchors: (indicator, {level: (Indonesian, English)}).
ANCHORS = {
    "product_quality": {
        1: (
            "Mutu produk belum diperiksa; cacat sering ditemukan pembeli.",
            "Product quality is not checked; buyers often find defects.",
        ),
        3: (
            "Produk diperiksa secara visual dan ukuran sebelum dikirim; cacat kadang lolos.",
            "Products are checked by eye and measured before delivery; defects sometimes pass.",
        ),
        5: (
            "Produk memenuhi spesifikasi pembeli atau SNI dan diuji di laboratorium.",
            "Products meet the buyer's specification or SNI and are tested in a laboratory.",
        ),
    },
    "human_resources": {
        1: (
            "Pekerja belajar sambil bekerja; tidak ada pelatihan atau sertifikat kompetensi.",
            "Workers learn on the job; no training or competence certificates.",
        ),
        3: (
            "Sebagian pekerja pernah ikut pelatihan teknis (las, bubut, gambar teknik).",
            "Some workers have had technical training (welding, turning, technical drawing).",
        ),
        5: (
            "Pekerja kunci bersertifikat kompetensi dan ada rencana pelatihan tahunan.",
            "Key workers hold competence certificates and there is a yearly training plan.",
        ),
    },
    "quality_management": {
        1: (
            "Tidak ada prosedur tertulis; mutu bergantung pada pemilik.",
            "No written procedures; quality depends on the owner.",
        ),
        3: (
            "Ada prosedur kerja dan catatan pemeriksaan untuk produk utama.",
            "Work procedures and inspection records exist for the main products.",
        ),
        5: (
            "Sistem manajemen mutu berjalan (setara ISO 9001) dan diaudit.",
            "A quality management system runs (ISO 9001 or equivalent) and is audited.",
        ),
    },
    "information_access": {
        1: (
            "Tidak tahu kebutuhan industri besar atau program pemerintah.",
            "Does not know what large industry needs or which government programmes exist.",
        ),
        3: (
            "Menerima informasi dari dinas atau asosiasi, tetapi tidak rutin.",
            "Receives information from the office or the association, but not regularly.",
        ),
        5: (
            "Rutin menerima dan menanggapi kebutuhan pembeli dan info tender.",
            "Regularly receives and answers buyers' needs and tender notices.",
        ),
    },
    "technology_equipment": {
        1: (
            "Hanya alat tangan dan mesin sederhana yang sudah tua.",
            "Hand tools and simple, old machines only.",
        ),
        3: (
            "Mesin produksi utama layak, tetapi belum ada mesin presisi (CNC).",
            "The main production machines are sound, but there is no precision (CNC) machine.",
        ),
        5: (
            "Mesin presisi terawat dengan jadwal perawatan dan kalibrasi.",
            "Precision machines maintained on a maintenance and calibration schedule.",
        ),
    },
    "licensing": {
        1: ("Belum memiliki NIB atau izin usaha.", "No NIB or business licence yet."),
        3: (
            "Memiliki NIB; izin lain (lingkungan, SNI) belum lengkap.",
            "Holds an NIB; other permits (environment, SNI) incomplete.",
        ),
        5: (
            "NIB, izin lingkungan dan sertifikat produk yang diminta pembeli lengkap.",
            "NIB, environmental permit and the product certificates buyers ask for are complete.",
        ),
    },
    "production_capacity": {
        1: (
            "Hanya bisa melayani pesanan kecil dan tidak rutin.",
            "Can serve small, occasional orders only.",
        ),
        3: (
            "Bisa memenuhi pesanan rutin satu pembeli besar dengan lembur.",
            "Can meet one large buyer's regular orders with overtime.",
        ),
        5: (
            "Kapasitas terencana untuk beberapa pembeli besar dengan waktu kirim tepat.",
            "Planned capacity for several large buyers with on-time delivery.",
        ),
    },
    "raw_material_supply": {
        1: (
            "Membeli bahan baku eceran saat ada pesanan; harga dan mutu tidak pasti.",
            "Buys raw material at retail when an order comes; price and quality uncertain.",
        ),
        3: (
            "Punya pemasok tetap, tetapi stok sering kurang.",
            "Has regular suppliers, but stock often runs short.",
        ),
        5: (
            "Kontrak pasokan bahan baku bersertifikat dengan stok pengaman.",
            "Contracts for certified raw material with a safety stock.",
        ),
    },
    "digital_marketing": {
        1: ("Tidak memakai media digital untuk pemasaran.", "No digital marketing."),
        3: (
            "Memakai media sosial atau marketplace, tetapi tidak terkelola.",
            "Uses social media or a marketplace, but not managed.",
        ),
        5: (
            "Katalog digital terkelola, terdaftar di e-katalog atau platform pengadaan.",
            "A managed digital catalogue, listed in e-catalogues or procurement platforms.",
        ),
    },
}


def generate_ssim(
    experts: pd.DataFrame,
    elements: list[str],
    structure: list[tuple[str, str]],
    seed: int = DEFAULT_SEED,
    noise: float = 0.12,
) -> pd.DataFrame:
    """SSIM judgements of synthetic experts around a stated structure.

    Each expert judges every pair once; each direction of a pair is seen as in ``structure``
    except with probability ``noise``, when it is flipped.

    Parameters
    ----------
    experts : pandas.DataFrame
        Columns ``session_id``, ``expert_id``, ``org_id``.
    elements : list of str
        Element ids in order; pair (i, j) is judged with i before j.
    structure : list of (str, str)
        Links "i leads to j" the experts see, before noise.

    Examples
    --------
    >>> ex = pd.DataFrame({"session_id": ["s"], "expert_id": ["E1"], "org_id": ["o"]})
    >>> t = generate_ssim(ex, ["a", "b"], [("a", "b")], seed=1, noise=0.0)
    >>> t[["element_i", "element_j", "relation"]].values.tolist()
    [['a', 'b', 'V']]
    """
    rng = np.random.default_rng(seed + 11)
    links = set(structure)
    symbol = {(1, 0): "V", (0, 1): "A", (1, 1): "X", (0, 0): "O"}
    rows = []
    for expert in experts.itertuples(index=False):
        for a in range(len(elements)):
            for b in range(a + 1, len(elements)):
                i, j = elements[a], elements[b]
                forward = int((i, j) in links) ^ int(rng.random() < noise)
                backward = int((j, i) in links) ^ int(rng.random() < noise / 2)
                rows.append(
                    [
                        expert.session_id,
                        expert.expert_id,
                        expert.org_id,
                        i,
                        j,
                        symbol[(forward, backward)],
                        True,
                        SYNTHETIC_SOURCE,
                    ]
                )
    return pd.DataFrame(
        rows,
        columns=[
            "session_id",
            "expert_id",
            "org_id",
            "element_i",
            "element_j",
            "relation",
            "synthetic",
            "source_id",
        ],
    )


def generate_mactor(
    session: str, actors: pd.DataFrame, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Synthetic MACTOR influences (0-4) and positions (-4..4) for the actors of a session.

    Parameters
    ----------
    actors : pandas.DataFrame
        Columns ``org_id`` and ``sub_type``.
    """
    rng = np.random.default_rng(seed + 12)
    influence, positions = [], []
    for actor in actors.itertuples(index=False):
        base = _INFLUENCE.get(actor.sub_type, 2)
        for target in actors.itertuples(index=False):
            if target.org_id == actor.org_id:
                continue
            value = int(np.clip(base + rng.integers(-1, 2), 0, 4))
            influence.append([session, actor.org_id, target.org_id, value, True, SYNTHETIC_SOURCE])
        typical = _POSITIONS.get(actor.sub_type, (1, 1, 1, 1))
        for (objective, *_), stance in zip(OBJECTIVES, typical, strict=True):
            value = int(np.clip(stance + rng.integers(-1, 2), -4, 4))
            positions.append([session, actor.org_id, objective, value, True, SYNTHETIC_SOURCE])
    return (
        pd.DataFrame(
            influence,
            columns=["session_id", "org_id", "target_id", "influence", "synthetic", "source_id"],
        ),
        pd.DataFrame(
            positions,
            columns=["session_id", "org_id", "objective_id", "position", "synthetic", "source_id"],
        ),
    )


def level_anchor_rows(indicators: list[str]) -> pd.DataFrame:
    """The project's draft anchors for the indicators it has text for."""
    rows = [
        (ind, float(level), text_id, text_en, DRAFT_SOURCE)
        for ind in indicators
        for level, (text_id, text_en) in ANCHORS.get(ind, {}).items()
    ]
    return pd.DataFrame(
        rows, columns=["indicator", "level", "description_id", "description_en", "source_id"]
    )


def add_draft_source(folder: Path) -> Path:
    """Add the ``ikmpolicy-draft`` source (of the level anchors) to ``sources.csv``, once."""
    path = folder / "sources.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if any(r and r[0] == DRAFT_SOURCE for r in rows[1:]):
        return path
    header = rows[0]
    record = dict(
        zip(
            ["source_id", "publisher", "title", "date_text", "url", "seed_file", "synthetic"],
            DRAFT_SOURCE_ROW,
            strict=True,
        )
    )
    rows.append([record.get(h, "") for h in header])
    tmp = path.with_suffix(".csv.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    tmp.replace(path)
    return path


def structure_sample_tables(
    folder: str | Path, seed: int = DEFAULT_SEED, experts_per_session: int = 6
) -> dict[str, pd.DataFrame]:
    """The sample instruments' tables for a data folder (see the module notes), not written.

    Reads ``participation``, ``stakeholders`` and ``indicators`` from the folder; returns
    ``fgd_elements``, ``ssim``, ``mactor_objectives``, ``mactor_influence``,
    ``mactor_positions`` and ``level_anchors``. The first five describe the sample's FGD of
    15 May 2025 (:data:`SESSION`, citing its articles): for a folder without that session
    (another region's), ``level_anchors`` only, so its own structure tables are left as they
    are.
    """
    folder = Path(folder)
    read = {
        name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in ("participation", "stakeholders", "indicators")
    }
    present = read["participation"].loc[read["participation"]["session_id"] == SESSION]
    orgs = list(dict.fromkeys(present["org_id"]))
    anchors = level_anchor_rows(list(read["indicators"]["indicator"]))
    if not orgs:
        return {"level_anchors": anchors}
    actors = read["stakeholders"].set_index("org_id").loc[orgs, ["sub_type"]].reset_index()
    experts = pd.DataFrame(
        {
            "session_id": SESSION,
            "expert_id": [f"E{k + 1:02d}" for k in range(experts_per_session)],
            "org_id": [orgs[k % len(orgs)] for k in range(experts_per_session)],
        }
    )
    element_ids = [e[0] for e in ELEMENTS]
    influence, positions = generate_mactor(SESSION, actors, seed)
    return {
        "fgd_elements": pd.DataFrame(
            [(SESSION, eid, lid, len_, "programme", src) for eid, lid, len_, src in ELEMENTS],
            columns=["session_id", "element_id", "label_id", "label_en", "kind", "source_id"],
        ),
        "ssim": generate_ssim(experts, element_ids, _STRUCTURE, seed),
        "mactor_objectives": pd.DataFrame(
            [(SESSION, oid, lid, len_, src) for oid, lid, len_, src in OBJECTIVES],
            columns=["session_id", "objective_id", "label_id", "label_en", "source_id"],
        ),
        "mactor_influence": influence,
        "mactor_positions": positions,
        "level_anchors": anchors,
    }
