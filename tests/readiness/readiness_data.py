"""Small data for the readiness tests: the sample's 9 indicators, ~60 firms."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ikmpolicy.synthetic import INDICATOR_OFFSETS

INDICATORS = list(INDICATOR_OFFSETS)  # the sample's nine indicators, in its order


def make_meta(indicators=INDICATORS, dims=None, **cols) -> pd.DataFrame:
    meta = pd.DataFrame(
        {
            "indicator": indicators,
            "dimension": dims if dims is not None else indicators,
            "label_id": indicators,
            "label_en": indicators,
            "scale_min": 1.0,
            "scale_max": 5.0,
            "direction": 1,
            "goal_low": np.nan,
            "goal_high": np.nan,
            "target": np.nan,
            "weight": np.nan,
        }
    )
    for k, v in cols.items():
        meta[k] = v
    return meta


def make_sample(
    n: int = 60, seed: int = 7, missing: float = 0.05, date: str = "2024-05-01"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, 1))
    vals = np.clip(np.rint(3 + latent + rng.normal(scale=0.8, size=(n, 9))), 1, 5)
    vals[rng.random(vals.shape) < missing] = np.nan
    a = pd.DataFrame(vals, columns=INDICATORS)
    a.insert(0, "firm_id", [f"IKM{i:03d}" for i in range(n)])
    a.insert(1, "assessment_date", pd.Timestamp(date))
    a["assessor"] = "survey"
    firms = pd.DataFrame(
        {
            "firm_id": a["firm_id"],
            "sub_sector": rng.choice(["logam_dasar", "barang_logam", "mesin", "perbaikan"], n),
            "district": rng.choice([f"kec_{i}" for i in range(8)], n),
        }
    )
    return a, firms
