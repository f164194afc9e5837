"""Small hand-made and random matching data, and a plain-Python reference for one pair.

The reference follows the definitions in the docstrings of :mod:`ikmpolicy.matching.gaps` and
:mod:`ikmpolicy.matching.fit` one firm and one requirement at a time, with no numpy, so that the
vectorised kernels are checked against an independent computation.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import strategies as st

CERTS = ("nib", "sni", "iso9001")
EPS = 1e-9


def indicators(directions=(1, 1, -1), lo=1.0, hi=5.0) -> pd.DataFrame:
    names = [f"i{k}" for k in range(len(directions))]
    return pd.DataFrame(
        {
            "indicator": names,
            "dimension": [f"d{k}" for k in range(len(directions))],
            "scale_min": lo,
            "scale_max": hi,
            "direction": list(directions),
        }
    )


def profile(rows: list[dict], names: list[str]) -> pd.DataFrame:
    """Firms from dicts: kbli, certificates (tuple), scores (list), capacity, unit, sub."""
    data = {
        "sub_sector": [r.get("sub", "s") for r in rows],
        "kbli": [r.get("kbli", "25111") for r in rows],
        **{f"has_{c}": [c in r.get("certs", ()) for r in rows] for c in CERTS},
        "capacity_yearly": [r.get("capacity", np.nan) for r in rows],
        "capacity_unit": [r.get("unit") for r in rows],
    }
    frame = pd.DataFrame(
        data, index=pd.Index([r.get("id", f"F{k}") for k, r in enumerate(rows)], name="firm_id")
    )
    for c in CERTS:
        frame[f"has_{c}"] = frame[f"has_{c}"].astype("boolean")
    scores = pd.DataFrame(
        [r["scores"] for r in rows], columns=names, index=frame.index, dtype=float
    )
    return pd.concat([frame, scores], axis=1)


def requirements(rows: list[dict], names: list[str]) -> pd.DataFrame:
    """Requirements from dicts: kbli (tuple), certs, levels (list, None = no level), volume,
    unit, max_suppliers."""
    data = pd.DataFrame(
        {
            "requirement_id": [r.get("id", f"R{k}") for k, r in enumerate(rows)],
            "buyer_id": [r.get("buyer", f"B{k}") for k, r in enumerate(rows)],
            "product": "p",
            "kbli": [tuple(r.get("kbli", ("25111",))) for r in rows],
            "certificates": [tuple(r.get("certs", ())) for r in rows],
            "yearly_volume": [r.get("volume", 100.0) for r in rows],
            "volume_unit": [r.get("unit", "unit") for r in rows],
            "max_suppliers": pd.array([r.get("max_suppliers") for r in rows], dtype="Int64"),
        }
    )
    levels = pd.DataFrame(
        [[np.nan if v is None else v for v in r["levels"]] for r in rows],
        columns=names,
        dtype=float,
    )
    return pd.concat([data, levels], axis=1)


def reference_pair(
    scores,
    certs,
    kbli,
    levels,
    req_certs,
    req_kbli,
    meta: pd.DataFrame,
    weights: dict[str, float],
    max_gaps=2,
    max_certificates=1,
) -> dict:
    """Everything requirement_gaps says about one pair, computed from the definitions."""
    gaps, shares, wsum, gap_count, unknown = {}, 0.0, 0.0, 0, 0
    for name, x, level in zip(meta["indicator"], scores, levels, strict=True):
        row = meta.set_index("indicator").loc[name]
        lo, hi, d = float(row.scale_min), float(row.scale_max), int(row.direction)
        if level is None or math.isnan(level):
            gaps[name] = 0.0
            continue
        w = weights[name]
        wsum += w
        if x is None or math.isnan(x):
            gaps[name] = math.nan
            unknown += 1
            continue  # share 0
        short = (level - x) if d > 0 else (x - level)
        gaps[name] = short if short > EPS else 0.0
        gap_count += short > EPS
        if short <= EPS:
            share = 1.0
        else:
            room = (level - lo) if d > 0 else (hi - level)
            got = (x - lo) if d > 0 else (hi - x)
            share = 1.0 if room <= EPS else min(1.0, max(0.0, got / room))
        shares += w * share
    fit = shares / wsum if wsum > 0 else 1.0
    missing = tuple(c for c in CERTS if c in req_certs and c not in certs)
    kbli_fit = kbli in req_kbli
    away = gap_count + len(missing)
    close = away <= max_gaps and len(missing) <= max_certificates
    if not kbli_fit:
        status = "no_kbli_fit"
    elif away == 0 and unknown == 0:
        status = "eligible"
    elif unknown:
        status = "unknown" if close else "not_yet"
    else:
        status = "near_ready" if close else "not_yet"
    return {
        "gaps": gaps,
        "fit": fit,
        "missing_certificates": missing,
        "kbli_fit": kbli_fit,
        "dimension_gaps": gap_count,
        "unknown_dimensions": unknown,
        "status": status,
        "eligible": status == "eligible",
    }


KBLIS = ("25111", "25920", "25931")
score_values = st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, 2.5, 3.7]), st.just(math.nan))
level_values = st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0]), st.none())


@st.composite
def instances(draw, max_firms=6, max_reqs=4):
    """A random small instance: indicators with both directions, firms, requirements."""
    directions = draw(st.lists(st.sampled_from([1, -1]), min_size=1, max_size=4))
    names = [f"i{k}" for k in range(len(directions))]
    firms = [
        {
            "scores": draw(st.lists(score_values, min_size=len(names), max_size=len(names))),
            "certs": tuple(draw(st.sets(st.sampled_from(CERTS)))),
            "kbli": draw(st.sampled_from(KBLIS)),
            "capacity": draw(st.sampled_from([np.nan, 50.0, 100.0, 400.0])),
            "unit": draw(st.sampled_from([None, "ton", "unit", "Unit"])),
        }
        for _ in range(draw(st.integers(1, max_firms)))
    ]
    reqs = [
        {
            "levels": draw(st.lists(level_values, min_size=len(names), max_size=len(names))),
            "certs": tuple(draw(st.sets(st.sampled_from(CERTS)))),
            "kbli": tuple(draw(st.sets(st.sampled_from(KBLIS), min_size=1))),
            "volume": draw(st.sampled_from([0.0, 100.0, 200.0])),
            "unit": draw(st.sampled_from(["ton", "unit"])),
        }
        for _ in range(draw(st.integers(1, max_reqs)))
    ]
    return indicators(directions), firms, reqs
