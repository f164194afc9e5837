"""Benchmark of ikmpolicy.recommend: prints timings and peak memory; not a test.

Cases (each in its own process, so that peak memory is the case's own):

1. ``portfolio``: the best portfolio over 200 candidate actions (10 programmes x 20 target
   groups, 2,000 firms, 50 requirements, overlapping firm-requirement pairs, programme
   capacities that bind) under a budget of Rp2 miliar,
   then the budget curve at the brief's steps (Rp250 juta, Rp500 juta, Rp1 miliar) and the
   budget that buys everything;
2. ``session``: ``recommend_for_session`` on the shipped sample (500 Monte Carlo runs, follow-up
   of the earlier sessions included), as a brief calls it.

Targets on a 2-core machine: case 1 under 10 s; case 2 a few seconds.

Usage: ``python benchmarks/bench_recommend.py [case ...]`` (default: all).
"""

from __future__ import annotations

import json
import resource
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
    return {
        "case": "session",
        "actions_shown": len(rec.actions),
        "excluded": len(rec.excluded),
        "runs": rec.parameters["n_runs"],
        "total_s": round(t1 - t0, 3),
    }


CASES = {"portfolio": case_portfolio, "session": case_session}


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
