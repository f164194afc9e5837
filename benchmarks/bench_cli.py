"""Benchmark of the command and the batch (a plain script, not a test).

Run from the project folder: ``python benchmarks/bench_cli.py [--quick]``. Prints:

* ``ikmpolicy --help`` wall time, best and median of 10 runs (goal: < 0.3 s);
* ``ikmpolicy brief --all --force`` on the sample data with ``--jobs 1`` and ``--jobs 2``, and the
  ratio (goal: ``--jobs 2`` at most 0.65x the serial time on two cores);
* the same batch sent with ``--scheduler`` to a local Dask cluster of two worker processes.

``--force`` makes every brief, so nothing is skipped. The figures depend on the machine and on
what else runs on it; the script prints the number of cores it had.
"""

from __future__ import annotations

import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return seconds


def bench_help(runs: int = 10) -> None:
    script = Path(sys.executable).with_name("ikmpolicy")
    commands = {"ikmpolicy --help": [str(script), "--help"]} if script.exists() else {}
    commands["python -m ikmpolicy --help"] = [sys.executable, "-m", "ikmpolicy", "--help"]
    for label, command in commands.items():
        times = [wall(command) for _ in range(runs)]
        print(
            f"{label}: best {min(times):.3f} s, median {statistics.median(times):.3f} s "
            f"over {runs} runs (goal < 0.3 s)"
        )


def load() -> str:
    """The machine's 1-minute load average: other work on the cores skews every figure."""
    return f"load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "load ?"


def brief_all(out: Path, *extra: str) -> float:
    before = load()
    seconds = wall(
        [
            sys.executable,
            "-m",
            "ikmpolicy",
            "brief",
            "--all",
            "--force",
            "--quiet",
            "--out",
            str(out),
            *extra,
        ]
    )
    print(f"  ({before} before, {load()} after)")
    return seconds


def bench_batch(folder: Path) -> None:
    serial = brief_all(folder / "serial", "--jobs", "1")
    print(f"brief --all --jobs 1 (serial): {serial:.1f} s")
    parallel = brief_all(folder / "parallel", "--jobs", "2")
    print(
        f"brief --all --jobs 2: {parallel:.1f} s = {parallel / serial:.2f}x serial (goal <= 0.65x)"
    )
    differ = [
        str(p.relative_to(folder / "parallel"))
        for p in sorted((folder / "parallel").rglob("brief_*.*"))
        if (folder / "serial" / p.relative_to(folder / "parallel")).read_bytes() != p.read_bytes()
    ]
    print(f"  files that differ from the serial run: {differ or 'none'}")
    from distributed import LocalCluster

    # silence_logs: the workers' own chatter when the cluster closes is not a figure
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    ) as cluster:
        start = time.perf_counter()
        dask = brief_all(folder / "dask", "--scheduler", cluster.scheduler_address)
        print(
            f"brief --all --scheduler (local Dask cluster, 2 worker processes): {dask:.1f} s "
            f"= {dask / serial:.2f}x serial (cluster start-up not counted; "
            f"{time.perf_counter() - start - dask:.1f} s outside the command)"
        )


def main() -> None:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"cores available: {cores}; Python {sys.version.split()[0]}")
    bench_help()
    if "--quick" in sys.argv:
        return
    folder = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    try:
        bench_batch(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
