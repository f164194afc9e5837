"""Benchmark of the MCDA hot paths (a plain script, not a test).

Run: ``python benchmarks/bench_mcda.py``. Prints:

* TOPSIS on 1,000,000 alternatives x 10 criteria (input validation included), next to pymcdm's
  TOPSIS on the same data in the same run, as a time ratio (goal: <= 0.05x pymcdm; pymcdm is in
  the `test` extra);
* AHP on 100,000 perturbed 9 x 9 matrices with ``ahp_batch`` (goal: < 2 s), next to
  numpy.linalg.eig on the same stack.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from ikmpolicy.mcda import ahp_batch, topsis


def _best_of(fn, repeat=3):
    best, out = np.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench_topsis(m=1_000_000, n=10):
    rng = np.random.default_rng(0)
    x = rng.uniform(1, 100, (m, n))
    w = rng.uniform(0.5, 1.5, n)
    w /= w.sum()
    benefit = np.array([True, False] * (n // 2) + [True] * (n % 2))
    df = pd.DataFrame(x, columns=[f"c{j}" for j in range(n)])
    t_np, res = _best_of(lambda: topsis(x, w, benefit))
    t_df, _ = _best_of(lambda: topsis(df, w, benefit))
    print(
        f"TOPSIS {m:,} x {n}: ikmpolicy (numpy input) {t_np:.3f} s, (DataFrame input) {t_df:.3f} s"
    )
    try:
        from pymcdm.methods import TOPSIS
        from pymcdm.normalizations import vector_normalization
    except ImportError:
        print("  pymcdm is not installed: no side-by-side ratio (pip install pymcdm)")
        return
    types = np.where(benefit, 1, -1)
    # pymcdm's default is min-max normalisation; ask for Hwang & Yoon's vector normalisation
    # (its cost variant 1 - x/|x| is an affine flip, so closeness is the same as ours).
    t_pm, pm = _best_of(lambda: TOPSIS(vector_normalization)(x, w, types), repeat=1)
    same = np.allclose(pm, res["closeness"].to_numpy(), rtol=1e-9, atol=1e-12)
    print(
        f"  pymcdm TOPSIS {t_pm:.3f} s; ratio ikmpolicy/pymcdm = {t_np / t_pm:.4f}x "
        f"(DataFrame: {t_df / t_pm:.4f}x); same closeness: {same}"
    )


def bench_ahp(k=100_000, n=9):
    rng = np.random.default_rng(1)
    w = rng.dirichlet(np.ones(n))
    base = w[:, None] / w[None, :]
    # Multiplicative log-normal perturbation of the upper triangle, reciprocity kept.
    eps = np.exp(rng.normal(0, 0.25, (k, n, n)))
    iu = np.triu_indices(n, 1)
    stack = np.broadcast_to(base, (k, n, n)).copy()
    stack[:, iu[0], iu[1]] *= eps[:, iu[0], iu[1]]
    stack[:, iu[1], iu[0]] = 1.0 / stack[:, iu[0], iu[1]]
    for method in ("eigenvector", "geometric", "column_mean"):
        t, res = _best_of(lambda m=method: ahp_batch(stack, method=m))
        print(
            f"AHP batch {k:,} x {n}x{n} ({method}): {t:.3f} s (median CR {np.median(res.cr):.4f})"
        )
    t_eig, (vals, vecs) = _best_of(lambda: np.linalg.eig(stack), repeat=1)
    idx = np.argmax(vals.real, axis=-1)
    ref = np.abs(np.take_along_axis(vecs.real, idx[:, None, None], axis=2)[..., 0])
    ref /= ref.sum(axis=1, keepdims=True)
    res = ahp_batch(stack)
    print(
        f"  numpy.linalg.eig on the same stack: {t_eig:.3f} s; max |w - w_eig| = "
        f"{np.abs(res.weights - ref).max():.1e}"
    )


if __name__ == "__main__":
    bench_topsis()
    bench_ahp()
