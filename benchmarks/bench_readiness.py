"""Benchmark of ikmpolicy.readiness: prints timings and peak memory; not a test.

Cases (each in its own process, so that peak memory is the case's own):

1. deterministic index for 100,000 firms;
2. Monte Carlo with 1,000 replicates asked on 100,000 firms (SALib's Sobol' design: N = 256, a
   power of two, so 1,536 runs; chunked);
3. deterministic index for 4.4 million firms;
4. the naive way — a row-wise ``DataFrame.apply`` computing each firm's score — on a sample,
   against the vectorised index on the same sample, as a ratio.

Targets on a 2-core machine: case 3 under 30 s, case 2 under 20 s, peak memory under 4 GB.

Usage: ``python benchmarks/bench_readiness.py [case ...]`` (default: all).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from ikmpolicy.synthetic import INDICATOR_OFFSETS

INDICATORS = list(INDICATOR_OFFSETS)  # the sample's nine indicators, in its order


def make_data(n: int, seed: int = 0, missing: float = 0.03):
    """Synthetic 1–5 assessments with a firm-level latent readiness, some values missing."""
    rng = np.random.default_rng(seed)
    m = len(INDICATORS)
    vals = np.empty((n, m))
    step = 1 << 20
    for r0 in range(0, n, step):  # in blocks: generation should not dominate peak memory
        k = min(step, n - r0)
        latent = rng.standard_normal((k, 1), dtype=np.float32)
        block = 3 + latent + 0.8 * rng.standard_normal((k, m), dtype=np.float32)
        block = np.clip(np.rint(block), 1, 5)
        block[rng.random((k, m), dtype=np.float32) < missing] = np.nan
        vals[r0 : r0 + k] = block
    ids = pd.Index([f"F{i:08d}" for i in range(n)], dtype=object)
    data = pd.DataFrame(vals, columns=INDICATORS, copy=False)
    data.insert(0, "firm_id", ids)
    firms = pd.DataFrame(
        {
            "firm_id": ids,
            "sub_sector": pd.Categorical.from_codes(
                rng.integers(0, 4, n), ["logam_dasar", "barang_logam", "mesin", "perbaikan"]
            ),
            "district": pd.Categorical.from_codes(
                rng.integers(0, 8, n), [f"kec_{i}" for i in range(8)]
            ),
        }
    )
    meta = pd.DataFrame(
        {
            "indicator": INDICATORS,
            "dimension": INDICATORS,
            "label_id": INDICATORS,
            "label_en": INDICATORS,
            "scale_min": 1.0,
            "scale_max": 5.0,
            "direction": 1,
            "goal_low": np.nan,
            "goal_high": np.nan,
            "target": np.nan,
            "weight": np.nan,
        }
    )
    return data, firms, meta


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def case_index(n: int) -> dict:
    from ikmpolicy.readiness import build_index

    data, firms, meta = make_data(n)
    t = time.perf_counter()
    rec = build_index(data, meta, firms)
    rec.group_summaries()
    return {
        "case": f"index, {n:,} firms",
        "seconds": time.perf_counter() - t,
        "ranked": int(rec.included.sum()),
    }


def case_mc(n: int, runs: int) -> dict:
    from ikmpolicy.readiness import build_index, monte_carlo

    data, firms, meta = make_data(n)
    rec = build_index(data, meta, firms)
    t = time.perf_counter()
    res = monte_carlo(rec, n_replicates=runs, seed=1)
    return {
        "case": f"Monte Carlo, {res.n_runs:,} runs on {n:,} firms",
        "seconds": time.perf_counter() - t,
        # SALib's Sobol' design: N a power of two, N (D + 2) runs; unreliable indices marked
        "sobol_ST": {
            f: (round(float(v), 3) if ok else "unreliable")
            for f, v, ok in zip(
                res.sobol["factor"], res.sobol["ST"], res.sobol["ST_reliable"], strict=True
            )
        },
    }


def naive_scores(data: pd.DataFrame, meta: pd.DataFrame) -> pd.Series:
    """The same default index (min–max 0–100, equal weights, arithmetic), row by row."""
    lo = data[INDICATORS].min()
    hi = data[INDICATORS].max()

    def one(row):
        vals = [(row[c] - lo[c]) / (hi[c] - lo[c]) * 100 for c in INDICATORS if not pd.isna(row[c])]
        return sum(vals) / len(vals)

    return data.apply(one, axis=1)


def case_naive(n: int) -> dict:
    from ikmpolicy.readiness import build_index

    data, firms, meta = make_data(n, missing=0.0)
    t = time.perf_counter()
    slow = naive_scores(data, meta)
    t_naive = time.perf_counter() - t
    t = time.perf_counter()
    rec = build_index(data, meta, outliers="none")
    t_vec = time.perf_counter() - t
    same = bool(np.allclose(slow.to_numpy(), rec.overall.to_numpy()))
    return {
        "case": f"naive row-wise apply vs vectorised, {n:,} firms",
        "seconds": t_vec,
        "naive_seconds": t_naive,
        "ratio": t_naive / t_vec,
        "same_scores": same,
    }


CASES = {
    "index_100k": lambda: case_index(100_000),
    "mc_100k": lambda: case_mc(100_000, 1000),
    "index_4.4m": lambda: case_index(4_400_000),
    "naive": lambda: case_naive(20_000),
}


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "--child":
        out = CASES[argv[1]]()
        out["peak_mb"] = peak_mb()
        print(json.dumps(out))
        return
    for name in argv or list(CASES):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", name], capture_output=True, text=True, check=False
        )
        if proc.returncode:
            print(f"{name}: failed\n{proc.stderr[-2000:]}")
            continue
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        line = f"{r['case']:<55} {r['seconds']:8.2f} s   peak {r['peak_mb']:7.0f} MB"
        if "ratio" in r:
            line += (
                f"   naive {r['naive_seconds']:.2f} s, ratio {r['ratio']:.0f}x"
                f" (same scores: {r['same_scores']})"
            )
        if "sobol_ST" in r:
            line += f"   ST {r['sobol_ST']}"
        print(line, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
