"""Benchmark of ikmpolicy.recommend: prints timings and peak memory; not a test.

Cases (each in its own process, so that peak memory is the case's own):

1. ``portfolio``: the best portfolio over 200 candidate actions (10 programmes x 20 target
   groups, 2,000 firms, 50 requirements, overlapping firm-requirement pairs, programme
   capacities that bind) under a budget of Rp2 miliar,
   then the budget curve at the brief's steps (Rp250 juta, Rp500 juta, Rp1 miliar) and the
   budget that buys everything;
2. ``session``: ``recommend_for_session`` on the shipped sample (500 Monte Carlo runs, follow-up
   of the earlier sessions included), as a brief calls it: the May 2025 FGD with a budget as of
   today, then every session as of 2025-12-01 (the median of 5 calls each, after the imports);
3. ``ranking``: the Monte Carlo ranking alone, 500 runs of 45 actions (the May 2025 FGD's size),
   all runs at once (:func:`~ikmpolicy.recommend.batch_ranking.rank_runs`) against one
   ``rank_matrix`` per run, for TOPSIS and VIKOR; the ranks must be equal.

Targets on a 2-core machine: case 1 under 10 s; case 2 about a second a session or less;
case 3 the batch at least 10x faster than the loop.

Figures on the 2-core development machine (load average 2-3 from other jobs), December 2026:
``recommend_for_session`` as of 2025-12-01, 500 runs, CPU time, median of 5, two interleaved
rounds, before and after the batch ranking, the faster eligibility and evidence, and the
follow-up without budget curves:

==============================  ===========  ===========
session                         before, s    after, s
==============================  ===========  ===========
temu-kemitraan-2022             0.38-0.42    0.21-0.23
monitoring-2024-12-08           0.71         0.45-0.52
fgd-2025-05-15                  0.83-0.86    0.58-0.62
studi-tiru-bandung-2025-10      1.18-1.19    0.76-0.79
fgd-kemenperin-royale-krakatau  1.46-1.50    0.96
==============================  ===========  ===========

Case 3 on the same machine: TOPSIS 0.12 s run by run -> 0.008 s at once, VIKOR 0.13 -> 0.005 s.

Usage: ``python benchmarks/bench_recommend.py [case ...]`` (default: all).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def make_actions(
    n_programmes: int = 10,
    n_groups: int = 20,
    n_firms: int = 2000,
    n_requirements: int = 50,
    seed: int = 0,
):
    """Candidate actions shaped like the real ones: a group's firms, a capped number of seats,
    pairs made eligible among the participants, costs in the tens of millions of rupiah."""
    rng = np.random.default_rng(seed)
    group_of = rng.integers(0, n_groups, n_firms)
    capacity = {f"p{k}": int(rng.integers(20, 80)) for k in range(n_programmes)}
    unit = {f"p{k}": float(rng.integers(1, 30)) * 1e6 for k in range(n_programmes)}
    rows, ids = [], []
    for k in range(n_programmes):
        programme = f"p{k}"
        for g in range(n_groups):
            members = np.flatnonzero(group_of == g)
            # a group gets a share of the programme's seats, so actions compete for them
            seats = min(len(members), int(rng.integers(5, 40)))
            take = rng.choice(members, size=seats, replace=False)
            firms = tuple(f"F{f:05d}" for f in sorted(take))
            hits = rng.random(len(firms)) < 0.15
            pairs = tuple(
                (f, f"R{int(rng.integers(0, n_requirements)):02d}")
                for f, h in zip(firms, hits, strict=True)
                if h
            )
            rows.append(
                {
                    "intervention_id": programme,
                    "programmes": (programme,),
                    "cost_idr": unit[programme] * len(firms),
                    "participants": firms,
                    "eligible_pairs": pairs,
                    "readiness_gain_total": float(rng.gamma(2.0, 1.5) * len(firms)),
                }
            )
            ids.append(f"{programme}@g{g:02d}")
    return pd.DataFrame(rows, index=ids), capacity


def case_portfolio() -> dict:
    from ikmpolicy.recommend import budget_curve, select_portfolio

    actions, capacity = make_actions()
    t0 = time.perf_counter()
    p = select_portfolio(actions, 2e9, capacity)
    t1 = time.perf_counter()
    curve = budget_curve(actions, capacity)
    t2 = time.perf_counter()
    return {
        "case": "portfolio",
        "actions": len(actions),
        "pairs": len({q for ps in actions["eligible_pairs"] for q in ps}),
        "portfolio_s": round(t1 - t0, 3),
        "curve_s": round(t2 - t1, 3),
        "total_s": round(t2 - t0, 3),
        "selected": len(p.selected),
        "pairs_bought": p.eligible_pairs,
        "buys_everything_idr": float(curve.loc[curve["kind"] == "all", "budget_idr"].iloc[0]),
    }


def case_session() -> dict:
    from ikmpolicy.recommend import recommend_for_session
    from ikmpolicy.validation import load_dataset

    ds = load_dataset(ROOT / "data" / "cilegon")
    recommend_for_session(ds, "fgd-2025-05-15", None, n_runs=5, follow_up=False)  # imports
    t0 = time.perf_counter()
    rec = recommend_for_session(ds, "fgd-2025-05-15", None, budget_idr=500e6)
    t1 = time.perf_counter()
    medians = {}
    for session in ds["fgd_sessions"]["session_id"]:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            recommend_for_session(ds, session, "2025-12-01")
            times.append(time.perf_counter() - start)
        medians[session] = round(statistics.median(times), 3)
    return {
        "case": "session",
        "actions_shown": len(rec.actions),
        "excluded": len(rec.excluded),
        "runs": rec.parameters["n_runs"],
        "total_s": round(t1 - t0, 3),
        "median_s_as_of_2025_12_01": medians,
        "load_average": round(os.getloadavg()[0], 1),
    }


def case_ranking() -> dict:
    from ikmpolicy.recommend.batch_ranking import rank_runs
    from ikmpolicy.recommend.ranking import criteria_weights, rank_matrix

    rng = np.random.default_rng(0)
    n, a = 500, 45
    x = np.empty((n, a, 5))
    x[:, :, 0] = rng.integers(0, 6, (n, a))  # pairs made eligible: small counts, many ties
    x[:, :, 1] = rng.gamma(2.0, 10.0, (n, a))  # readiness gained
    x[:, :, 2] = rng.integers(5, 40, a) * 25e6  # cost and time as planned: the same every run
    x[:, :, 3] = rng.choice([3.0, 6.0, 12.0], a)
    x[:, :, 4] = rng.dirichlet(np.ones(a), n)  # priority
    w = criteria_weights().to_numpy()
    out = {"case": "ranking", "runs": n, "actions": a}
    for method in ("topsis", "vikor"):
        t0 = time.perf_counter()
        batch = rank_runs(x, w, method)
        t1 = time.perf_counter()
        loop = np.stack([rank_matrix(run, w, method)[1] for run in x])
        t2 = time.perf_counter()
        if not np.array_equal(batch, loop):
            raise AssertionError(f"{method}: the batch ranks differ from the per-run ranks")
        out[f"{method}_batch_s"] = round(t1 - t0, 4)
        out[f"{method}_per_run_s"] = round(t2 - t1, 4)
    return out


CASES = {"portfolio": case_portfolio, "session": case_session, "ranking": case_ranking}


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--one":
        result = CASES[argv[1]]()
        result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(result))
        return 0
    for name in argv or list(CASES):
        out = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, check=True
        )
        print(out.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
