"""Benchmark of ikmpolicy.matching: prints timings and peak memory; not a test.

Cases (each in its own process, so that peak memory is the case's own):

1. ``match_10k``: 10,000 firms (``ikmpolicy.synthetic.generate_firms`` and
   ``generate_assessments``, seeded) x 500 buyer requirements: firm profile, every pair's gaps,
   status and fit (``requirement_gaps``), and the best assignment (``assign_suppliers``, milp).
   Target: under 10 s.
2. ``near_10k``: on the same data, the cheapest programme path of every near-ready pair
   (``near_ready``) and the summary by sub-sector (no target; shown for scale).
3. ``eligibility_4.4m``: eligibility counts of 4.4 million firms (a fast vectorised generator
   below, with the same shape as ``generate_firms``) against 50 requirements, in chunks, by
   sub-sector (``eligibility_counts``). Target: under 60 s and 4 GB.

Each line gives the wall time, the CPU time of the process (the two differ when other programs
share the cores: compare the load average printed first), and the peak memory, the process's
maximum resident set (``resource.getrusage``), inputs included.

Usage: ``python benchmarks/bench_matching.py [case ...]`` (default: all).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from ikmpolicy.synthetic import INDICATOR_OFFSETS

INDICATORS = list(INDICATOR_OFFSETS)  # the sample's nine indicators, in its order
KBLI = {
    "light_steel": "25111",
    "agricultural_tools": "25931",
    "parts_fabrication": "25920",
    "other_metal_goods": "25999",
}


def indicator_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": INDICATORS,
            "dimension": INDICATORS,
            "scale_min": 1.0,
            "scale_max": 5.0,
            "direction": 1,
        }
    )


def make_requirements(n: int, seed: int = 0) -> pd.DataFrame:
    """``n`` buyer requirements: 1-2 KBLI codes, NIB (+ SNI or ISO 9001 for some), levels 2-4
    on most indicators, a yearly volume in tons or units, 1-5 suppliers."""
    rng = np.random.default_rng(seed)
    codes = list(KBLI.values())
    kbli = [tuple(rng.choice(codes, size=rng.integers(1, 3), replace=False)) for _ in range(n)]
    certs = [
        ("nib",) + (("sni",) if u < 0.3 else ("iso9001",) if u < 0.45 else ())
        for u in rng.random(n)
    ]
    levels = rng.choice([np.nan, 2.0, 2.0, 3.0, 3.0, 4.0], size=(n, len(INDICATORS)))
    frame = pd.DataFrame(
        {
            "requirement_id": [f"REQ-{k:04d}" for k in range(1, n + 1)],
            "buyer_id": [f"buyer_{k % 40:02d}" for k in range(n)],
            "product": "synthetic",
            "kbli": kbli,
            "certificates": certs,
            "yearly_volume": np.round(rng.uniform(100, 5000, n), -1),
            "volume_unit": rng.choice(["ton", "unit"], n),
            "max_suppliers": pd.array(rng.integers(1, 6, n), dtype="Int64"),
        }
    )
    return pd.concat([frame, pd.DataFrame(levels, columns=INDICATORS)], axis=1)


def make_profile(n: int, seed: int = 0) -> pd.DataFrame:
    """A firm profile of ``n`` firms, generated in vectorised blocks (scores 1-5 driven by a
    latent readiness, 3% missing; certificates and capacity as in ``generate_firms``)."""
    rng = np.random.default_rng(seed)
    subs = np.array(list(KBLI))
    sector = rng.choice(len(subs), size=n, p=[0.30, 0.15, 0.35, 0.20])
    scores = np.empty((n, len(INDICATORS)), dtype=float)
    step = 1 << 20
    for start in range(0, n, step):
        k = min(step, n - start)
        latent = rng.standard_normal((k, 1), dtype=np.float32)
        block = np.clip(
            np.rint(
                3 + 0.8 * latent + 0.6 * rng.standard_normal((k, len(INDICATORS)), dtype=np.float32)
            ),
            1,
            5,
        )
        block[rng.random((k, len(INDICATORS)), dtype=np.float32) < 0.03] = np.nan
        scores[start : start + k] = block
    workforce = np.clip(np.round(np.exp(rng.normal(np.log(12), 0.6, n))), 5, 99)
    unit = np.where(sector == 0, "ton", "unit").astype(object)
    capacity = np.where(sector == 0, 8.0, 50.0) * workforce
    unknown = rng.random(n) < 0.3
    capacity[unknown] = np.nan
    unit[unknown] = None
    profile = pd.DataFrame(
        {
            "sub_sector": pd.Categorical.from_codes(sector, subs),
            "kbli": pd.Categorical.from_codes(sector, [KBLI[s] for s in subs]),
            "has_nib": rng.random(n) < 0.8,
            "has_sni": rng.random(n) < 0.2,
            "has_iso9001": rng.random(n) < 0.08,
            "capacity_yearly": capacity,
            "capacity_unit": unit,
        },
        index=pd.RangeIndex(n, name="firm_id"),
    )
    return pd.concat(
        [profile, pd.DataFrame(scores, columns=INDICATORS, index=profile.index)], axis=1
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_10k():
    from ikmpolicy.synthetic import generate_assessments, generate_firms

    firms = generate_firms(10_000, seed=1)
    assessments = generate_assessments(firms, INDICATORS, seed=1)
    assessments["assessment_date"] = pd.to_datetime(assessments["assessment_date"])
    return firms, assessments, make_requirements(500)


def case_match() -> dict:
    from ikmpolicy.matching import assign_suppliers, firm_profile, requirement_gaps

    firms, assessments, requirements = sample_10k()
    ind = indicator_table()
    c0, t0 = time.process_time(), time.perf_counter()
    profile = firm_profile(firms, assessments, ind, as_of="2025-12-31")
    t1 = time.perf_counter()
    pairs = requirement_gaps(profile, requirements, ind)
    t2 = time.perf_counter()
    chosen = assign_suppliers(pairs, max_buyers_per_firm=2)
    t3 = time.perf_counter()
    return {
        "case": "matching 10,000 firms x 500 requirements",
        "seconds": t3 - t0,
        "cpu": time.process_time() - c0,
        "detail": f"profile {t1 - t0:.2f} s, gaps {t2 - t1:.2f} s ({len(pairs):,} pairs), "
        f"assignment {t3 - t2:.2f} s ({int(pairs['eligible'].sum()):,} eligible "
        f"pairs, {len(chosen):,} assigned)",
    }


def case_near() -> dict:
    from ikmpolicy.matching import (
        firm_profile,
        near_ready,
        partnership_summary,
        requirement_gaps,
    )
    from ikmpolicy.programmes import load_catalogue
    from ikmpolicy.synthetic import (
        generate_intervention_effects,
        generate_intervention_prerequisites,
        generate_interventions,
    )

    firms, assessments, requirements = sample_10k()
    ind = indicator_table()

    catalogue = load_catalogue(
        {
            "interventions": generate_interventions(),
            "intervention_effects": generate_intervention_effects(),
            "intervention_prerequisites": generate_intervention_prerequisites(),
            "indicators": ind,
        }
    )
    profile = firm_profile(firms, assessments, ind, as_of="2025-12-31")
    pairs = requirement_gaps(profile, requirements, ind)
    c0, t0 = time.process_time(), time.perf_counter()
    near = near_ready(pairs, profile, catalogue, requirements, ind)
    t1 = time.perf_counter()
    summary = partnership_summary(pairs, profile, near)
    t2 = time.perf_counter()
    return {
        "case": "near-ready paths + summary, 10,000 x 500",
        "seconds": t2 - t0,
        "cpu": time.process_time() - c0,
        "detail": f"near_ready {t1 - t0:.2f} s ({len(near):,} pairs, "
        f"{int(near['reachable'].sum()):,} reachable), summary {t2 - t1:.2f} s "
        f"({len(summary):,} rows)",
    }


def case_eligibility(n: int = 4_400_000) -> dict:
    from ikmpolicy.matching import eligibility_counts

    profile = make_profile(n)
    requirements = make_requirements(50, seed=2)
    ind = indicator_table()
    c0, t0 = time.process_time(), time.perf_counter()
    counts = eligibility_counts(profile, requirements, ind, by="sub_sector")
    t1 = time.perf_counter()
    return {
        "case": f"eligibility {n:,} firms x 50 requirements (chunks)",
        "seconds": t1 - t0,
        "cpu": time.process_time() - c0,
        "detail": f"{int(counts['eligible'].sum()):,} eligible pairs, "
        f"{int(counts['near_ready'].sum()):,} near-ready",
    }


CASES = {
    "match_10k": case_match,
    "near_10k": case_near,
    "eligibility_4.4m": case_eligibility,
}


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--child":
        out = CASES[argv[1]]()
        out["peak_mb"] = peak_mb()
        print(json.dumps(out))
        return
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.1f} at start", flush=True)
    for name in argv or list(CASES):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name], capture_output=True, text=True, check=False
        )
        if proc.returncode:
            print(f"{name}: failed\n{proc.stderr[-2000:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"{r['case']:<52} {r['seconds']:6.2f} s wall  {r['cpu']:6.2f} s CPU   "
            f"peak {r['peak_mb']:5.0f} MB   {r['detail']}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
