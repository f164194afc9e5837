"""Benchmark of loading data: validate a folder of 1,000,000 firms, then build their readiness
index; prints wall time and peak memory per step. Not a test.

The data folder holds the sample's factual tables (sessions, stakeholders, codebook, ...) and
synthetic firms (1,000,000 by default) with two assessment dates (about 1.9 million rows),
written by a vectorised writer (``ikmpolicy.synthetic.write_sample`` numbers owners' phones
from a pool of 10,000). Each step runs in its own process so that its peak memory is its own:

1. ``write``: write the folder (not timed as part of the target);
2. ``validate``: ``ikmpolicy.validation.load_dataset`` (reading, every check);
3. ``index``: ``load_dataset`` then ``readiness.build_index`` on the latest assessments, as a
   brief does.

Target on a 2-core machine: within the readiness benchmarks' memory (peak under 4 GB), with a
progress bar on the long steps.

Usage: ``python benchmarks/bench_validation.py [--firms N] [--keep FOLDER] [step ...]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy.schema import FORM_TABLES, TABLE_ORDER

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "cilegon"
# every sample table but the two the benchmark generates (and the FGD instruments' tables)
FACTUAL = tuple(t for t in TABLE_ORDER if t not in (*FORM_TABLES, "firms", "assessments"))
CHUNK = 200_000


def peak_mb() -> float:
    """Peak resident memory of this process, MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_firms(folder: Path, n: int, seed: int) -> pd.DataFrame:
    """Firms like ``synthetic.generate_firms``, vectorised; the columns the assessments need."""
    from tqdm import tqdm

    from ikmpolicy.synthetic import SYNTHETIC_SOURCE, generate_firms

    sub_sectors = pd.read_csv(folder / "sub_sectors.csv", dtype=str, keep_default_na=False)
    sub_sectors["kbli"] = [tuple(k.split(";")) for k in sub_sectors["kbli"]]
    rng = np.random.default_rng(seed)
    keep = []
    path = folder / "firms.csv"
    path.unlink(missing_ok=True)
    for start in tqdm(range(0, n, CHUNK), desc="writing firms", unit="chunk", file=sys.stderr):
        k = min(CHUNK, n - start)
        block = generate_firms(min(k, 10_000), int(rng.integers(1 << 31)), sub_sectors)
        block = block.sample(k, replace=True, random_state=int(rng.integers(1 << 31)))
        ids = np.arange(start + 1, start + k + 1)
        block["firm_id"] = [f"IKM-{i:07d}" for i in ids]
        block["owner_phone"] = [f"+62 800-{i:07d}" for i in ids]
        block["synthetic"] = "true"
        block["source_id"] = SYNTHETIC_SOURCE
        for col in ("has_nib", "has_sni", "has_iso9001"):
            block[col] = np.where(block[col], "true", "false")
        block.to_csv(
            path,
            mode="a",
            header=start == 0,
            index=False,
            lineterminator="\n",
            float_format="%.10g",
        )
        keep.append(
            block[["firm_id", "workforce", "has_iso9001"]].assign(
                has_iso9001=lambda b: b["has_iso9001"] == "true"
            )
        )
    return pd.concat(keep, ignore_index=True)


def write_assessments(folder: Path, firms: pd.DataFrame, seed: int) -> None:
    from tqdm import tqdm

    from ikmpolicy.synthetic import generate_assessments

    indicators = list(pd.read_csv(folder / "indicators.csv")["indicator"])
    path = folder / "assessments.csv"
    path.unlink(missing_ok=True)
    for start in tqdm(
        range(0, len(firms), CHUNK), desc="writing assessments", unit="chunk", file=sys.stderr
    ):
        block = generate_assessments(firms.iloc[start : start + CHUNK], indicators, seed + start)
        block["synthetic"] = "true"
        block.to_csv(
            path,
            mode="a",
            header=start == 0,
            index=False,
            lineterminator="\n",
            float_format="%.10g",
        )


def write(folder: Path, n: int, seed: int = 20250515) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in FACTUAL:
        shutil.copy(SAMPLE / f"{name}.csv", folder / f"{name}.csv")
    firms = write_firms(folder, n, seed)
    write_assessments(folder, firms, seed)


def step_validate(folder: Path) -> dict:
    from ikmpolicy.validation import load_dataset

    start = time.perf_counter()
    ds = load_dataset(folder, progress=True)
    took = time.perf_counter() - start
    counts = ds.report.counts
    return {
        "seconds": took,
        "peak_mb": peak_mb(),
        "firms": counts["firms"].accepted,
        "assessments": counts["assessments"].accepted,
        "errors": len(ds.report.errors),
    }


def step_index(folder: Path) -> dict:
    from ikmpolicy import readiness
    from ikmpolicy.validation import load_dataset

    start = time.perf_counter()
    ds = load_dataset(folder, progress=True)
    loaded = time.perf_counter()
    assessments = ds["assessments"]
    current = assessments[assessments["assessment_date"] == assessments["assessment_date"].max()]
    record = readiness.build_index(current, ds.indicators, ds["firms"], zero="offset")
    end = time.perf_counter()
    return {
        "seconds": end - start,
        "load_seconds": loaded - start,
        "index_seconds": end - loaded,
        "peak_mb": peak_mb(),
        "ranked": int(record.included.sum()),
    }


STEPS = {"validate": step_validate, "index": step_index}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("steps", nargs="*", default=list(STEPS))
    parser.add_argument("--firms", type=int, default=1_000_000)
    parser.add_argument("--keep", default=None, help="write the data here and keep it")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(STEPS[args.child[0]](Path(args.child[1]))))
        return
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-validation-"))
    try:
        if not (folder / "firms.csv").exists():
            start = time.perf_counter()
            write(folder, args.firms)
            print(
                f"write: {args.firms:,} firms in {time.perf_counter() - start:.1f} s "
                f"({sum(p.stat().st_size for p in folder.iterdir()) / 1e6:,.0f} MB)"
            )
        for step in args.steps:
            result = subprocess.run(
                [sys.executable, __file__, "--child", step, str(folder)],
                capture_output=False,
                stdout=subprocess.PIPE,
                text=True,
                check=True,
            )
            figures = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{step}: "
                + ", ".join(
                    f"{k} {v:,.1f}" if isinstance(v, float) else f"{k} {v:,}"
                    for k, v in figures.items()
                )
            )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
