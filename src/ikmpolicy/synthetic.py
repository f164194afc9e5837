"""Synthetic survey data for a region, generated with a fixed seed.

The seed articles give the sessions, organisations, statements and commitments; they give no
firm-level survey. To let the whole pipeline run, this module invents one: firms, their
assessments at two dates, buyer requirements of the large companies the articles name, pairwise
judgements of FGD participants, and the cost and capacity of the programmes the articles name.
Every row it writes carries ``synthetic = true`` and the source ``ikmpolicy-synthetic``; every
brief that uses such rows says so.

Calibration (see ``data/README.md``): nationally, micro and small manufacturing units have about
two workers each (BPS 2023), but the Cilegon metal IKM that aim to supply large industry are the
larger and more formal ones, so firm sizes are drawn from BPS's small (5-19 workers) and medium
(20-99) classes and most firms hold an NIB.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy.errors import InputError
from ikmpolicy.schema import TABLES


class SyntheticDataError(InputError):
    """The data folder lacks what the synthetic tables refer to."""


SYNTHETIC_SOURCE = "ikmpolicy-synthetic"
DEFAULT_SEED = 20250515  # the date of the FGD "Membangun Kemitraan Industri Logam"

# Kecamatan of Kota Cilegon; the industrial coast (Ciwandan, Citangkil, Grogol) weighs more.
CILEGON_DISTRICTS = {
    "Ciwandan": 0.20,
    "Citangkil": 0.18,
    "Grogol": 0.12,
    "Cilegon": 0.12,
    "Jombang": 0.10,
    "Purwakarta": 0.10,
    "Cibeber": 0.10,
    "Pulomerak": 0.08,
}
SUB_SECTOR_SHARES = {
    "light_steel": 0.30,
    "agricultural_tools": 0.15,
    "parts_fabrication": 0.35,
    "other_metal_goods": 0.20,
}
# Where synthetic firms tend to be weaker or stronger than their overall readiness.
INDICATOR_OFFSETS = {
    "product_quality": 0.2,
    "human_resources": 0.0,
    "quality_management": -0.5,
    "information_access": -0.2,
    "technology_equipment": -0.1,
    "licensing": 0.5,
    "production_capacity": 0.1,
    "raw_material_supply": -0.3,
    "digital_marketing": -0.7,
}
_FIRST = [
    "Ahmad",
    "Budi",
    "Dedi",
    "Eko",
    "Hendra",
    "Iwan",
    "Joko",
    "Siti",
    "Rina",
    "Slamet",
    "Tatang",
    "Ujang",
    "Wawan",
    "Yuli",
    "Asep",
    "Dewi",
    "Heru",
    "Nur",
    "Agus",
    "Rudi",
]
_LAST = [
    "Hidayat",
    "Santoso",
    "Saputra",
    "Wijaya",
    "Kurniawan",
    "Setiawan",
    "Rahmat",
    "Suryadi",
    "Pratama",
    "Nugraha",
    "Maulana",
    "Hermawan",
]
_NAME_A = ["Baja", "Logam", "Teknik", "Karya", "Mitra", "Putra", "Sinar", "Cahaya", "Prima"]
_NAME_B = ["Mandiri", "Jaya", "Sejahtera", "Abadi", "Utama", "Perkasa", "Makmur", "Presisi"]
SAATY_SCALE = np.array(
    [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
)


def generate_firms(
    n: int,
    seed: int = DEFAULT_SEED,
    sub_sectors: pd.DataFrame | None = None,
    districts: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Generate ``n`` synthetic IKM with plausible size, revenue and certification.

    Parameters
    ----------
    n : int
        Number of firms.
    seed : int
        Seed of the random generator; the same seed gives the same firms.
    sub_sectors : pandas.DataFrame, optional
        The ``sub_sectors`` table (ids and KBLI codes); Cilegon's metal sub-sectors by default.
    districts : dict, optional
        District name to share; Cilegon's kecamatan by default.

    Examples
    --------
    >>> firms = generate_firms(5, seed=1)
    >>> list(firms.columns[:4])
    ['firm_id', 'business_name', 'kbli', 'sub_sector']
    >>> bool(firms["synthetic"].all())
    True
    """
    rng = np.random.default_rng(seed)
    if sub_sectors is None:
        sub_sectors = pd.DataFrame(
            {
                "sub_sector": list(SUB_SECTOR_SHARES),
                "kbli": [("25111",), ("25931",), ("25920",), ("25999",)],
            }
        )
    ids = list(sub_sectors["sub_sector"])
    shares = np.array([SUB_SECTOR_SHARES.get(s, 1.0) for s in ids], dtype=float)
    kbli = {
        s: (k[0] if isinstance(k, tuple | list) else str(k).split(";")[0])
        for s, k in zip(sub_sectors["sub_sector"], sub_sectors["kbli"], strict=True)
    }
    districts = districts or CILEGON_DISTRICTS
    names = list(districts)
    dshares = np.array(list(districts.values()), dtype=float)
    sector = rng.choice(ids, size=n, p=shares / shares.sum())
    workforce = np.clip(np.round(np.exp(rng.normal(np.log(12), 0.6, n))), 5, 99).astype(int)
    revenue = np.round(workforce * np.exp(rng.normal(np.log(120e6), 0.4, n)), -6)
    founded = rng.integers(1985, 2023, n)
    size = (np.log(workforce) - np.log(12)) / 0.6
    has_nib = rng.random(n) < np.clip(0.8 + 0.1 * size, 0.5, 0.98)
    has_sni = rng.random(n) < np.clip(0.2 + 0.1 * size, 0.05, 0.6)
    has_iso = has_nib & (rng.random(n) < np.clip(0.08 + 0.08 * size, 0.02, 0.4))
    capacity, capacity_unit = _capacity(sector, workforce, seed)
    first = rng.choice(_FIRST, n)
    last = rng.choice(_LAST, n)
    form = rng.choice(["CV", "UD", "PT"], n, p=[0.6, 0.3, 0.1])
    width = max(3, len(str(n)))
    return pd.DataFrame(
        {
            "firm_id": [f"IKM-{i + 1:0{width}d}" for i in range(n)],
            "business_name": [
                f"{f} {a} {b}"
                for f, a, b in zip(
                    form, rng.choice(_NAME_A, n), rng.choice(_NAME_B, n), strict=True
                )
            ],
            "kbli": [kbli[s] for s in sector],
            "sub_sector": sector,
            "workforce": workforce,
            "revenue_idr": revenue,
            "founded": founded,
            "district": rng.choice(names, n, p=dshares / dshares.sum()),
            "has_nib": has_nib,
            "has_sni": has_sni,
            "has_iso9001": has_iso,
            "capacity_yearly": capacity,
            "capacity_unit": capacity_unit,
            "owner_name": [f"{a} {b}" for a, b in zip(first, last, strict=True)],
            # +62 800 is not an Indonesian mobile prefix: these numbers cannot reach a person
            "owner_phone": [f"+62 800-0000-{i:04d}" for i in rng.permutation(10000)[:n]],
            "synthetic": True,
            "source_id": SYNTHETIC_SOURCE,
        }
    )


# Yearly output per worker by sub-sector (unit, low, high); light steel is sold by weight.
CAPACITY_PER_WORKER = {"light_steel": ("ton", 4.0, 12.0)}
DEFAULT_CAPACITY_PER_WORKER = ("unit", 20.0, 80.0)


def _capacity(
    sector: np.ndarray, workforce: np.ndarray, seed: int, unknown_share: float = 0.3
) -> tuple[list, list]:
    """Yearly capacity with its unit; about 30% of firms did not report it (empty = unknown).

    Uses its own random stream so that adding capacity left every other column unchanged.
    """
    rng = np.random.default_rng(seed + 7)
    values, units = [], []
    for sub, workers in zip(sector, workforce, strict=True):
        unit, low, high = CAPACITY_PER_WORKER.get(sub, DEFAULT_CAPACITY_PER_WORKER)
        per_worker = rng.uniform(low, high)
        if rng.random() < unknown_share:
            values.append(None)
            units.append(None)
        else:
            values.append(float(np.round(per_worker * workers, -1 if unit == "unit" else 0)))
            units.append(unit)
    return values, units


def generate_assessments(
    firms: pd.DataFrame,
    indicators: list[str],
    seed: int = DEFAULT_SEED,
    dates: tuple[str, str] = ("2025-03-10", "2025-11-10"),
    missing_share: float = 0.03,
    follow_up_share: float = 0.9,
) -> pd.DataFrame:
    """Scores 1-5 per indicator at a baseline and a follow-up date.

    A latent readiness per firm (larger firms and certified firms score higher) drives all
    indicators; the follow-up improves on average, unevenly. A small share of scores is left
    missing and some firms are not revisited, as happens in a real survey.
    """
    rng = np.random.default_rng(seed + 1)
    n = len(firms)
    size = (np.log(firms["workforce"].to_numpy(float)) - np.log(12)) / 0.6
    latent = 0.6 * rng.normal(size=n) + 0.4 * size + 0.5 * firms["has_iso9001"].to_numpy(float)
    offsets = np.array([INDICATOR_OFFSETS.get(i, 0.0) for i in indicators])
    base = 3.0 + 0.8 * latent[:, None] + offsets[None, :]
    gain = np.clip(rng.normal(0.35, 0.35, size=(n, len(indicators))), -0.5, 1.5)
    frames = []
    for k, date in enumerate(dates):
        keep = np.ones(n, bool) if k == 0 else rng.random(n) < follow_up_share
        values = base + k * gain + rng.normal(0, 0.45, size=base.shape)
        scores = np.clip(np.round(values), 1, 5)
        scores[rng.random(scores.shape) < missing_share] = np.nan
        frame = pd.DataFrame(scores[keep], columns=indicators)
        frame.insert(0, "firm_id", firms["firm_id"].to_numpy()[keep])
        frame.insert(1, "assessment_date", date)
        frame.insert(2, "assessor", "synthetic")
        frame.insert(3, "synthetic", True)
        frame.insert(4, "source_id", SYNTHETIC_SOURCE)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def generate_pairwise(
    respondents: pd.DataFrame,
    criteria: list[str],
    helix_of: dict[str, str],
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Pairwise judgements (Saaty 1/9..9) from FGD participants.

    Each helix has its own view of what matters; each respondent judges that view with noise
    (some respondents much noisier, so their consistency ratio exceeds 0.10), and a few
    comparisons are left out.

    Parameters
    ----------
    respondents : pandas.DataFrame
        Columns ``session_id``, ``respondent_id``, ``org_id``.
    criteria : list of str
        Criteria compared (the readiness dimensions).
    helix_of : dict
        Organisation id to classic helix.
    """
    rng = np.random.default_rng(seed + 2)
    m = len(criteria)
    views = {h: np.exp(rng.normal(0, 0.6, m)) for h in sorted(set(helix_of.values()))}
    rows = []
    for r in respondents.itertuples(index=False):
        truth = views[helix_of[r.org_id]] * np.exp(rng.normal(0, 0.25, m))
        noise = 0.9 if rng.random() < 0.2 else 0.2
        skip = rng.random() < 0.15
        for i in range(m):
            for j in range(i + 1, m):
                if skip and rng.random() < 0.08:
                    continue
                ratio = truth[i] / truth[j] * np.exp(rng.normal(0, noise))
                value = SAATY_SCALE[np.argmin(np.abs(np.log(SAATY_SCALE) - np.log(ratio)))]
                text = f"{value:g}" if value >= 1 else f"1/{round(1 / value)}"
                rows.append(
                    [
                        r.session_id,
                        r.respondent_id,
                        r.org_id,
                        criteria[i],
                        criteria[j],
                        text,
                        True,
                        SYNTHETIC_SOURCE,
                    ]
                )
    return pd.DataFrame(
        rows,
        columns=[
            "session_id",
            "respondent_id",
            "org_id",
            "criterion_a",
            "criterion_b",
            "value",
            "synthetic",
            "source_id",
        ],
    )


# Programmes named in the seed articles; unit cost (rupiah per firm) and capacity (firms a
# year) are synthetic, except the unit costs in PUBLISHED_COSTS.
INTERVENTIONS = [
    (
        "training",
        "Pelatihan produksi berbasis standar mutu",
        "Quality-standard production training",
        "government",
        "disperindag_cilegon",
        "human_resources;product_quality",
        "mitraaspirasi-2025-05-15",
        7.5e6,
        40,
    ),
    (
        "equipment_aid",
        "Bantuan peralatan produksi",
        "Production-equipment aid",
        "government",
        "disperindag_cilegon",
        "technology_equipment;production_capacity",
        "mitraaspirasi-2025-05-15",
        60e6,
        10,
    ),
    (
        "certification_testing",
        "Pendampingan sertifikasi dan pengujian produk",
        "Certification and product-testing assistance",
        "government",
        "bbspji_lm",
        "product_quality;quality_management",
        "mitraaspirasi-2025-05-15",
        25e6,
        20,
    ),
    (
        "standardisation",
        "Penerapan standar dan sistem manajemen mutu",
        "Standards and quality-management adoption",
        "government",
        "bbspji_lm",
        "quality_management;product_quality",
        "antara-banten-251244",
        30e6,
        15,
    ),
    (
        "digital_marketing",
        "Digitalisasi pemasaran",
        "Digital marketing",
        "government",
        "disperindag_cilegon",
        "digital_marketing;information_access",
        "mitraaspirasi-2025-05-15",
        5e6,
        50,
    ),
    (
        "licensing_assistance",
        "Pendampingan legalitas usaha",
        "Business-licensing assistance",
        "government",
        "disperindag_cilegon",
        "licensing",
        "mitraaspirasi-2025-05-15",
        2e6,
        80,
    ),
    (
        "integrated_centre",
        "Sentra IKM logam terpadu",
        "Integrated IKM metal centre",
        "government",
        "disperindag_cilegon",
        "production_capacity;technology_equipment;raw_material_supply;information_access",
        "mitraaspirasi-2025-05-15",
        120e6,
        30,
    ),
    (
        "study_visit",
        "Studi tiru ke daerah lain",
        "Study visit to another region",
        "business",
        "cmm",
        "information_access;human_resources",
        "beritain-2025-10-14",
        10e6,
        25,
    ),
    (
        "partnership_meeting",
        "Temu kemitraan IKM dan industri besar",
        "IKM-large industry partnership meeting",
        "government",
        "kemenperin_ikm_lmea",
        "information_access;raw_material_supply",
        "antara-banten-251244",
        3e6,
        60,
    ),
    (
        "joint_research",
        "Riset dan pengembangan teknologi bersama akademisi",
        "Joint research and technology development with academia",
        "academia",
        "akademisi_fgd",
        "technology_equipment;product_quality",
        "mitraaspirasi-2025-05-15",
        40e6,
        8,
    ),
]


ASSUMPTION_SOURCE = "ikmpolicy-assumption"
ASSUMPTION_NOTE = "asumsi proyek; ganti dengan hasil evaluasi program"

# What a programme needs and does beyond its name and owner: (months to effect, certificates it
# delivers, certificates a firm needs first, helices whose organisations can partner, FGD themes,
# {indicator: (low, expected, high) gain in scale points}, {indicator: minimum level}).
# None of this is in the articles, and no published evaluation of an Indonesian IKM programme
# reports gains on a 1-5 readiness scale: every gain, time and prerequisite is a labelled
# assumption (source ikmpolicy-assumption) until an analyst replaces it with an evaluation.
# Where published figures bear on an assumption, EFFECT_NOTES says which (by source_id).
PROGRAMME_DETAILS = {
    # lower bound 0: an ILO business-training RCT in Indonesia found largely null effects
    "training": (
        3,
        "",
        "",
        "academia;business",
        "human_resources_training;quality_standardisation",
        {"human_resources": (0.0, 0.6, 1.0), "product_quality": (0.0, 0.4, 0.7)},
        {},
    ),
    "equipment_aid": (
        9,
        "",
        "nib",
        "business;academia",
        "equipment_technology",
        {"technology_equipment": (0.5, 1.0, 1.5), "production_capacity": (0.3, 0.7, 1.2)},
        {},
    ),
    # 6 months: the upper end of BSN's "3-6 months from coaching to the SNI mark" (IDN Times)
    "certification_testing": (
        6,
        "sni",
        "nib",
        "academia;business",
        "certification_testing",
        {"product_quality": (0.3, 0.6, 1.0), "quality_management": (0.2, 0.5, 0.8)},
        {"quality_management": 3.0},
    ),
    "standardisation": (
        12,
        "iso9001",
        "nib",
        "academia;business",
        "quality_standardisation",
        {"quality_management": (0.5, 1.0, 1.5), "product_quality": (0.2, 0.4, 0.6)},
        {"quality_management": 2.0},
    ),
    "digital_marketing": (
        3,
        "",
        "",
        "media;community",
        "digital_marketing",
        {"digital_marketing": (0.4, 0.8, 1.2), "information_access": (0.2, 0.4, 0.6)},
        {},
    ),
    "licensing_assistance": (
        2,
        "nib",
        "",
        "community",
        "licensing_legality",
        {"licensing": (0.5, 1.0, 1.5)},
        {},
    ),
    "integrated_centre": (
        24,
        "",
        "",
        "business;community;academia",
        "integrated_centre;raw_material_supply",
        {
            "production_capacity": (0.3, 0.8, 1.2),
            "technology_equipment": (0.3, 0.6, 1.0),
            "raw_material_supply": (0.4, 0.8, 1.2),
            "information_access": (0.2, 0.4, 0.6),
        },
        {},
    ),
    "study_visit": (
        3,
        "",
        "",
        "government;community",
        "interregional_study_visits",
        {"information_access": (0.2, 0.4, 0.7), "human_resources": (0.1, 0.3, 0.5)},
        {},
    ),
    "partnership_meeting": (
        1,
        "",
        "",
        "business;community",
        "partnership;market_supply_chain",
        {"information_access": (0.2, 0.5, 0.8), "raw_material_supply": (0.1, 0.3, 0.6)},
        {},
    ),
    "joint_research": (
        12,
        "",
        "",
        "government;business",
        "equipment_technology",
        {"technology_equipment": (0.3, 0.7, 1.2), "product_quality": (0.2, 0.5, 0.8)},
        {"human_resources": 3.0},
    ),
}

# Unit costs (rupiah per firm) taken from published programme figures, with the source that
# gives them (a row of sources.csv); they replace the generated cost and are not jittered.
# Capacity stays a labelled assumption (the programmes are national; Cilegon's share is not
# published), so these rows keep synthetic = true.
PUBLISHED_COSTS = {
    # Kemenperin budgeted "sekitar Rp15-20 juta per IKM" for SNI certification (toys, 2014):
    # the midpoint
    "certification_testing": (17_500_000, "sindonews-2014-04-15"),
    # machine-restructuring reimbursements 2015-2019: Rp46 miliar to 427 IKM = Rp107,7 juta each
    "equipment_aid": (107_700_000, "kontan-2020-07-03"),
    # e-Smart IKM 2017: Rp3 miliar + Rp1,5 miliar deconcentration funds for about 1.400 IKM
    "digital_marketing": (3_200_000, "kontan-2017-10-23"),
}

# Notes on assumed gains where a published figure bears on them (intervention, indicator).
EFFECT_NOTES = {
    ("training", "human_resources"): (
        "asumsi proyek; batas bawah 0 karena uji acak pelatihan usaha ILO di Indonesia umumnya "
        "tidak menemukan dampak (ilo-training-rct-jds-2024)"
    ),
    ("training", "product_quality"): (
        "asumsi proyek; batas bawah 0 karena uji acak pelatihan usaha ILO di Indonesia umumnya "
        "tidak menemukan dampak (ilo-training-rct-jds-2024)"
    ),
    ("certification_testing", "product_quality"): (
        "asumsi proyek; sertifikat SNI dianggap diperoleh semua peserta, padahal insentif BSN "
        "mengantar 34 dari lebih 400 UMK peserta ke SNI (menara62-2018-03-06)"
    ),
    ("licensing_assistance", "licensing"): (
        "asumsi proyek; NIB dianggap diperoleh semua peserta, padahal pendampingan NIB di Malang "
        "mengantar 63,6% peserta ke NIB baru (unisma-nib-2022)"
    ),
}


def generate_interventions(seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """The programme catalogue: names and owners from the articles; unit costs from published
    figures where :data:`PUBLISHED_COSTS` has one (``cost_source`` names it); capacity, time to
    effect, certificates delivered, prerequisites and the other costs are labelled assumptions."""
    rng = np.random.default_rng(seed + 3)
    rows = []
    for iid, name_id, name_en, helix, owner, targets, source, cost, cap in INTERVENTIONS:
        # jitter the round figures so nobody mistakes them for quoted prices (a published cost
        # is kept as published; the draw is made anyway so the other costs stay as they were)
        jitter = rng.uniform(0.85, 1.15)
        cost_source = ASSUMPTION_SOURCE
        if iid in PUBLISHED_COSTS:
            cost, cost_source = PUBLISHED_COSTS[iid]
            cost = float(cost)
        else:
            cost = float(np.round(cost * jitter, -5))
        months, delivers, prereq, partners, themes, _, _ = PROGRAMME_DETAILS[iid]
        rows.append(
            [
                iid,
                name_id,
                name_en,
                helix,
                owner,
                targets,
                cost,
                cap,
                months,
                delivers,
                prereq,
                partners,
                themes,
                True,
                source,
                cost_source,
            ]
        )
    return pd.DataFrame(rows, columns=TABLES["interventions"].column_names)


def generate_intervention_effects() -> pd.DataFrame:
    """Expected gain per indicator for a participating firm (assumptions, labelled)."""
    rows = [
        (
            iid,
            indicator,
            low,
            mid,
            high,
            ASSUMPTION_SOURCE,
            EFFECT_NOTES.get((iid, indicator), ASSUMPTION_NOTE),
        )
        for iid, details in PROGRAMME_DETAILS.items()
        for indicator, (low, mid, high) in details[5].items()
    ]
    return pd.DataFrame(rows, columns=TABLES["intervention_effects"].column_names)


def generate_intervention_prerequisites() -> pd.DataFrame:
    """Levels a firm needs before a programme can help it (assumptions, labelled)."""
    rows = [
        (iid, indicator, level, ASSUMPTION_SOURCE)
        for iid, details in PROGRAMME_DETAILS.items()
        for indicator, level in details[6].items()
    ]
    return pd.DataFrame(rows, columns=["intervention_id", "indicator", "min_level", "source_id"])


# (buyer, product, sub-sector KBLI, certificates, volume, unit): who the articles name as
# large industry; what they would buy is synthetic.
BUYERS = [
    (
        "krakatau_baja_konstruksi",
        "Rangka baja ringan dan komponen konstruksi",
        "25111",
        "nib;sni",
        1200,
        "ton",
    ),
    (
        "krakatau_steel",
        "Suku cadang dan komponen mesin pabrik",
        "25920",
        "nib;iso9001",
        800,
        "unit",
    ),
    ("krakatau_jasa_industri", "Fabrikasi dan perbaikan komponen", "25920", "nib", 1500, "unit"),
    (
        "krakatau_niaga_indonesia",
        "Barang logam untuk perdagangan",
        "25999;25931",
        "nib;sni",
        5000,
        "unit",
    ),
    ("multi_fabrindo_gemilang", "Fabrikasi struktur baja", "25111;25920", "nib", 600, "ton"),
    (
        "karunia_berca_indonesia",
        "Komponen logam presisi",
        "25920;25999",
        "nib;iso9001",
        2000,
        "unit",
    ),
]


def generate_buyer_requirements(indicators: list[str], seed: int = DEFAULT_SEED) -> pd.DataFrame:
    """Minimum readiness levels and certificates the named large companies would ask for."""
    rng = np.random.default_rng(seed + 4)
    rows = []
    for k, (buyer, product, kbli, certs, volume, unit) in enumerate(BUYERS, start=1):
        levels = rng.choice([2.0, 3.0, 3.0, 4.0], size=len(indicators))
        max_suppliers = 3 + k % 3  # buyers keep their supplier lists short
        row = {
            "requirement_id": f"REQ-{k:02d}",
            "buyer_id": buyer,
            "product": product,
            "kbli": kbli,
            "certificates": certs,
            "yearly_volume": volume,
            "volume_unit": unit,
            "max_suppliers": max_suppliers,
            "synthetic": True,
            "source_id": SYNTHETIC_SOURCE,
        }
        row.update(dict(zip(indicators, levels, strict=True)))
        rows.append(row)
    return pd.DataFrame(rows)


# Illustrative power (0-5) by kind of organisation: the seeds say who decides and who funds,
# not how much; an analyst replaces these with the FGD's own scoring.
POWER_BY_SUB_TYPE = {
    "ministry_unit": 4.5,
    "city_government": 4.5,
    "city_office": 4.0,
    "large_industry": 4.0,
    "technical_centre": 3.5,
    "province_office": 3.0,
    "ikm_association": 2.5,
    "press": 2.5,
    "university": 2.0,
    "industry_practitioner": 2.0,
    "ikm": 1.5,
    "community_group": 1.5,
}


def generate_actor_scores(
    stakeholders: pd.DataFrame, participation: pd.DataFrame, seed: int = DEFAULT_SEED
) -> pd.DataFrame:
    """Synthetic power and interest scores (0-5) for the power-interest grid.

    Power follows the kind of organisation (:data:`POWER_BY_SUB_TYPE`), interest the number of
    sessions the organisation took part in; both with a little noise, one decimal.

    Examples
    --------
    >>> st = pd.DataFrame({"org_id": ["a", "b"], "sub_type": ["ministry_unit", "ikm"]})
    >>> pa = pd.DataFrame({"session_id": ["s1", "s2", "s1"], "org_id": ["a", "a", "b"]})
    >>> scores = generate_actor_scores(st, pa, seed=1)
    >>> bool(scores.loc[0, "power"] > scores.loc[1, "power"])
    True
    """
    rng = np.random.default_rng(seed + 6)
    sessions = participation.groupby("org_id")["session_id"].nunique()
    n = len(stakeholders)
    power = np.array([POWER_BY_SUB_TYPE.get(t, 2.5) for t in stakeholders["sub_type"]])
    visits = stakeholders["org_id"].map(sessions).fillna(0).to_numpy(float)
    interest = 1.5 + 0.9 * np.minimum(visits, 3)
    return pd.DataFrame(
        {
            "org_id": stakeholders["org_id"].to_numpy(),
            "power": np.round(np.clip(power + rng.normal(0, 0.3, n), 0, 5), 1),
            "interest": np.round(np.clip(interest + rng.normal(0, 0.3, n), 0, 5), 1),
        }
    )


def _write_actor_scores(folder: Path, participation: pd.DataFrame, seed: int) -> Path:
    """Fill the power, interest and scores_source columns of stakeholders.csv, keeping the rest
    of the file (the organisations are facts from the sources) byte for byte."""
    path = folder / "stakeholders.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    if "scores_source" not in header:
        header.append("scores_source")
        for row in rows[1:]:
            row.append("")
    frame = pd.DataFrame(rows[1:], columns=header)
    scores = generate_actor_scores(frame, participation, seed)
    for row, power, interest in zip(rows[1:], scores["power"], scores["interest"], strict=True):
        row[header.index("power")] = f"{power:g}"
        row[header.index("interest")] = f"{interest:g}"
        row[header.index("scores_source")] = SYNTHETIC_SOURCE
    tmp = path.with_suffix(".csv.tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    tmp.replace(path)
    return path


#: The sample's sessions with pairwise judgements.
PAIRWISE_SESSIONS = ("fgd-2025-05-15", "fgd-kemenperin-royale-krakatau")


def default_pairwise_sessions(participation: pd.DataFrame) -> tuple[str, ...]:
    """The sessions that give pairwise judgements: those of :data:`PAIRWISE_SESSIONS` with
    participants, else the last two sessions (in the order of ``participation``) that have any.

    Examples
    --------
    >>> pa = pd.DataFrame({"session_id": ["a", "b", "c", "c"], "org_id": ["x", "y", "x", "y"]})
    >>> default_pairwise_sessions(pa)
    ('b', 'c')
    """
    present = list(dict.fromkeys(participation["session_id"]))
    sample = tuple(s for s in PAIRWISE_SESSIONS if s in present)
    return sample or tuple(present[-2:])


def _respondents(
    participation: pd.DataFrame, sessions: list[str], per_session: int, rng: np.random.Generator
) -> pd.DataFrame:
    rows = []
    for session in sessions:
        orgs = sorted(participation.loc[participation["session_id"] == session, "org_id"].unique())
        if not orgs:
            raise SyntheticDataError(
                f"participation.csv: session {session!r} has no participants to give pairwise "
                "judgements; add its participation rows or choose another session"
            )
        # spread respondents evenly over the organisations present, in a random order
        order = rng.permutation(orgs)
        picks = sorted(order[k % len(order)] for k in range(per_session))
        for k, org in enumerate(picks, start=1):
            rows.append((session, f"R{k:02d}", org))
    return pd.DataFrame(rows, columns=["session_id", "respondent_id", "org_id"])


def _write(frame: pd.DataFrame, path: Path) -> None:
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == bool:
            frame[col] = frame[col].map({True: "true", False: "false"})
    tmp = path.with_suffix(".csv.tmp")
    frame.to_csv(
        tmp, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n", float_format="%.10g"
    )
    tmp.replace(path)


def write_sample(
    folder: str | Path,
    n_firms: int = 60,
    seed: int = DEFAULT_SEED,
    pairwise_sessions: tuple[str, ...] | None = None,
    respondents_per_session: int = 12,
) -> SampleWritten:
    """Write the synthetic tables into a data folder that already holds the factual ones.

    Reads ``indicators``, ``sub_sectors``, ``stakeholders`` and ``participation`` from the folder
    (so the synthetic rows refer to real ids) and writes ``firms``, ``assessments``,
    ``buyer_requirements``, ``interventions`` and ``pairwise``, and the synthetic power and
    interest scores into ``stakeholders`` (source ``ikmpolicy-synthetic`` in ``scores_source``).

    ``pairwise_sessions``: the sessions whose participants give pairwise judgements; by default
    those of :data:`PAIRWISE_SESSIONS` the folder has participants for, else its last two
    sessions with participants (another region's data has other session ids).

    Tables are written whole, so a table holding a row synth did not generate is kept as it
    is, with the tables that refer to it (:data:`TABLE_GROUPS`), and so are power and interest
    scores from another source; :attr:`SampleWritten.kept` says which and why.

    Returns the paths written and what was kept.
    """
    folder = Path(folder)
    read = {
        name: pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for name in ("indicators", "sub_sectors", "stakeholders", "participation")
    }
    indicators = list(read["indicators"]["indicator"])
    dimensions = list(dict.fromkeys(read["indicators"]["dimension"]))
    firms = generate_firms(n_firms, seed, read["sub_sectors"])
    rng = np.random.default_rng(seed + 5)
    if pairwise_sessions is None:
        pairwise_sessions = default_pairwise_sessions(read["participation"])
    respondents = _respondents(
        read["participation"], list(pairwise_sessions), respondents_per_session, rng
    )
    helix_of = dict(zip(read["stakeholders"]["org_id"], read["stakeholders"]["helix"], strict=True))
    from ikmpolicy.synthetic_structure import add_draft_source, structure_sample_tables

    outputs = {
        "firms": firms,
        "assessments": generate_assessments(firms, indicators, seed),
        "buyer_requirements": generate_buyer_requirements(indicators, seed),
        "interventions": generate_interventions(seed),
        "intervention_effects": generate_intervention_effects(),
        "intervention_prerequisites": generate_intervention_prerequisites(),
        "pairwise": generate_pairwise(respondents, dimensions, helix_of, seed),
        # the FGD instruments' sample tables (SSIM, MACTOR, level anchors)
        **structure_sample_tables(folder, seed),
    }
    kept = []
    for group in TABLE_GROUPS:
        names = [n for n in group if n in outputs]
        reasons = [r for n in names if (r := real_row(folder / f"{n}.csv", outputs[n]))]
        if reasons:
            kept.append(f"{_files(names)} kept as they are: {reasons[0]}")
            for name in names:
                del outputs[name]
    paths = []
    for name, frame in outputs.items():
        path = folder / f"{name}.csv"
        _write(frame, path)
        paths.append(path)
    scores = real_scores(folder / "stakeholders.csv")
    if scores:
        kept.append(f"power and interest scores kept as they are: {scores}")
    else:
        paths.append(_write_actor_scores(folder, read["participation"], seed))
    if "level_anchors" in outputs:
        paths.append(add_draft_source(folder))
    return SampleWritten(paths, kept)


def _files(names: list[str]) -> str:
    return ", ".join(f"{n}.csv" for n in names)


#: Sources of the rows the project generates (invented values, stated assumptions, draft
#: anchors): the rows ``synth`` may write again.
GENERATED_SOURCES = frozenset({SYNTHETIC_SOURCE, "ikmpolicy-assumption", "ikmpolicy-draft"})


#: Tables that refer to each other: kept or written together.
TABLE_GROUPS = (
    ("firms", "assessments"),
    ("buyer_requirements",),
    ("interventions", "intervention_effects", "intervention_prerequisites"),
    ("pairwise",),
    ("fgd_elements", "ssim", "mactor_objectives", "mactor_influence", "mactor_positions"),
    ("level_anchors",),
)


@dataclass(frozen=True)
class SampleWritten:
    """What :func:`write_sample` did: the files written, and the tables (or scores) it kept
    because they hold data it did not generate, each with the first such row."""

    paths: list[Path]
    kept: list[str]


def real_row(path: Path, new: pd.DataFrame) -> str | None:
    """The first row of the table at ``path`` that synth did not generate, as a message naming
    the file, row (as a spreadsheet numbers it) and column; None when there is none.

    A generated row is labelled: ``synthetic`` true where the table has that column, else a
    source of :data:`GENERATED_SOURCES`; a row of ``new`` (what synth would write) is its own
    too, as the sample's FGD elements and objectives, which cite their articles.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "firms.csv"
    >>> real = pd.DataFrame({"firm_id": ["IKM-1"], "synthetic": ["false"], "source_id": ["bps"]})
    >>> real.to_csv(path, index=False)
    >>> real_row(path, real.assign(synthetic="true")).split("firms.csv")[1]
    ", row 2, column 'synthetic': found 'false', not true; 1 row(s) not generated by synth"
    >>> real_row(path, real) is None
    True
    """
    from ikmpolicy.schema import BOOLEAN_TRUE

    if not path.is_file():
        return None
    old = pd.read_csv(path, dtype=str, keep_default_na=False)
    column = "synthetic" if "synthetic" in old.columns else "source_id"
    if column in old.columns:
        values = old[column].str.strip()
        generated = (
            values.str.lower().isin(BOOLEAN_TRUE)
            if column == "synthetic"
            else values.isin(GENERATED_SOURCES)
        )
    else:
        generated = pd.Series(False, index=old.index)
    shared = [c for c in old.columns if c in new.columns]
    if len(shared) == len(old.columns):
        again = set(new[shared].astype(str).itertuples(index=False, name=None))
        rows = old[shared].itertuples(index=False, name=None)
        generated |= pd.Series([r in again for r in rows], index=old.index, dtype=bool)
    real = old.index[~generated]
    if not len(real):
        return None
    row = int(real[0])
    found = old.at[row, column] if column in old.columns else ""
    expected = "true" if column == "synthetic" else "a source of synth's"
    return (
        f"{path}, row {row + 2}, column {column!r}: found {found!r}, not {expected}; "
        f"{len(real)} row(s) not generated by synth"
    )


def real_scores(path: Path) -> str | None:
    """The first organisation in ``stakeholders.csv`` whose power or interest score came from
    another source than synth, as a message (None when there is none)."""
    old = pd.read_csv(path, dtype=str, keep_default_na=False)
    blank = pd.Series("", index=old.index)
    source = old["scores_source"].str.strip() if "scores_source" in old.columns else blank
    scored = (old.get("power", blank).str.strip() != "") | (
        old.get("interest", blank).str.strip() != ""
    )
    real = old.index[scored & ~source.isin(GENERATED_SOURCES)]
    if not len(real):
        return None
    row = int(real[0])
    return (
        f"{path}, row {row + 2}, column 'scores_source': found {source[row]!r}, not "
        f"{SYNTHETIC_SOURCE}; {len(real)} organisation(s) scored from another source"
    )
