"""Benchmark (not a test): forms for a session of 40 participants, wall and CPU time.

Run: python benchmarks/bench_forms.py  (target: under 10 s)
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from ikmpolicy.forms.make import write_session_forms
from ikmpolicy.validation import load_dataset

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    work = Path(tempfile.mkdtemp())
    data = work / "data"
    shutil.copytree(ROOT / "data" / "cilegon", data)
    dataset = load_dataset(data)
    # the FGD of 15 May 2025 has elements (SSIM forms too); 40 questionnaires in all
    known = len(dataset["participation"].query("session_id == 'fgd-2025-05-15'")["org_id"].unique())
    start, cpu = time.perf_counter(), time.process_time()
    paths = write_session_forms(
        dataset, "fgd-2025-05-15", work / "out", extra_participants=40 - known
    )
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    ahp = sum(p.parent.name == "ahp" for p in paths)
    print(
        f"forms for 40 participants: {len(paths)} files ({ahp} AHP workbooks), "
        f"wall {wall:.2f} s, CPU {used:.2f} s (target < 10 s)"
    )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
