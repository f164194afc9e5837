"""Uncertainty and sensitivity of the ranking: Monte Carlo over the construction choices and
variance-based (Sobol) indices, as in the Handbook (2008, ch. 7) and COINr's
``get_sensitivity()``.

Uncertain inputs ("factors"), each drawn uniformly:

``weights``
    One of ``n_weight_sets`` weight sets: set 0 is the nominal one, the others multiply every
    indicator weight (within its dimension) and every dimension weight by an independent
    factor from ``U(1 - weight_noise, 1 + weight_noise)`` and re-normalise (COINr's
    ``get_noisy_weights`` scheme).
``imputation``
    One of ``imputations`` (:data:`~.missing.IMPUTATION_METHODS`).
``normalisation``
    One of ``normalisations``.
``aggregation``
    One of ``aggregations``: a method name used at both levels, or a pair
    ``(dimension_method, overall_method)``.

Coverage rule, outlier treatment, scale and zero rule stay as in the nominal record. Each run
ranks the ranked firms; per firm we report the median rank and the 5–95 % interval.

Sensitivity: the output of a run is the *mean absolute rank shift* against the nominal
ranking, ``mean_f |rank_f(run) - rank_f(nominal)|`` (the scalar COINr uses for its
sensitivity analysis of ranks). First-order (``S1``) and total (``ST``) Sobol indices of that
output are estimated by SALib (``SALib.analyze.sobol``, Saltelli 2010 / Jansen estimators) from
a radial design of ``N`` base rows: ``N (D + 2)`` runs for ``D`` factors. The runs of that design
also serve as the Monte Carlo sample for rank intervals (every run's inputs are uniformly
distributed), so one set of runs answers both questions.

Memory does not grow with the number of runs: runs are processed in chunks and each firm's
ranks go into a histogram of ``rank_bins`` bins. Quantiles are exact ("inverted CDF" definition,
as ``numpy.quantile(method="inverted_cdf")``) when there are at most ``rank_bins`` ranked
firms; above that, a rank is known to within ``n / rank_bins`` places (the bin midpoint is
reported). All randomness comes from one ``numpy.random.Generator`` seeded by ``seed``.
"""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .aggregate import AGGREGATION_METHODS, aggregate_levels, finish, prepare
from .errors import IndexSpecError
from .index import IndexRecord, rank_rows
from .missing import IMPUTATION_METHODS, impute
from .normalise import BOUNDED_METHODS, NORMALISATION_METHODS, normalise_with_metadata
from .outliers import treat_outliers

ROBUSTNESS_CODES = ("robust", "fragile", "not_ranked")
FACTORS = ("weights", "imputation", "normalisation", "aggregation")


@dataclass
class UncertaintyResult:
    """Result of :func:`monte_carlo`.

    Attributes
    ----------
    ranks : pandas.DataFrame
        Per firm (all firms; NaN for those not ranked): ``nominal_rank``, ``median_rank``,
        ``q_low`` and ``q_high`` (5 % and 95 % by default), ``mean_rank``, ``width``
        (``q_high - q_low``) and ``robustness`` (:func:`rank_robustness`).
    sobol : pandas.DataFrame
        Per factor: ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (empty when ``sobol=False``).
    design : pandas.DataFrame
        One row per run: the level chosen for each factor and ``rank_shift`` (the output).
    n_runs, n_ranked : int
        Runs made; firms ranked.
    settings : dict
        Every option, the seed and the factor levels, for reproduction.
    rank_samples : numpy.ndarray or None
        ``(n_ranked, n_runs)`` ranks when ``keep_ranks=True``.
    """

    ranks: pd.DataFrame
    sobol: pd.DataFrame
    design: pd.DataFrame
    n_runs: int
    n_ranked: int
    settings: dict = field(default_factory=dict)
    rank_samples: np.ndarray | None = None


def rank_robustness(ranks: pd.DataFrame, n_ranked: int | None = None,
                    max_width_share: float = 0.10) -> pd.Series:
    """Word each firm's rank as ``"robust"`` or ``"fragile"`` from its Monte Carlo interval.

    Rule: a rank is **robust** when its 5–95 % interval spans at most
    ``max(1, max_width_share × n_ranked)`` places (10 % of the ranked firms by default, e.g. 6
    places among 60 firms) *and* the nominal rank lies inside the interval; otherwise it is
    **fragile**, and a reader should not read more into it than "somewhere between q_low and
    q_high". Firms without an interval get ``"not_ranked"``. The codes are translated by the
    report layer.

    Parameters
    ----------
    ranks : pandas.DataFrame
        With columns ``nominal_rank``, ``q_low``, ``q_high``.
    n_ranked : int, optional
        Number of ranked firms (default: non-missing ``nominal_rank``).
    max_width_share : float
        Widest interval, as a share of ranked firms, still called robust.

    Returns
    -------
    pandas.Series
        One code of :data:`ROBUSTNESS_CODES` per firm.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"nominal_rank": [1, 5, None], "q_low": [1, 2, None],
    ...                   "q_high": [2, 40, None]})
    >>> rank_robustness(t, n_ranked=60).tolist()
    ['robust', 'fragile', 'not_ranked']
    """
    if not 0 < max_width_share <= 1:
        raise IndexSpecError(f"max_width_share must lie in (0, 1], got {max_width_share!r}")
    nom = pd.to_numeric(ranks["nominal_rank"], errors="coerce").to_numpy(dtype=float)
    lo = pd.to_numeric(ranks["q_low"], errors="coerce").to_numpy(dtype=float)
    hi = pd.to_numeric(ranks["q_high"], errors="coerce").to_numpy(dtype=float)
    n = int(n_ranked if n_ranked is not None else np.isfinite(nom).sum())
    limit = max(1.0, max_width_share * n)
    ok = (hi - lo <= limit) & (nom >= lo) & (nom <= hi)
    codes = np.where(np.isnan(nom) | np.isnan(lo) | np.isnan(hi), "not_ranked",
                     np.where(ok, "robust", "fragile"))
    return pd.Series(codes, index=ranks.index, name="robustness", dtype=object)


def _levels_of_aggregation(aggregations) -> list[tuple[str, str]]:
    out = []
    for a in aggregations:
        pair = (a, a) if isinstance(a, str) else tuple(a)
        if len(pair) != 2 or any(m not in AGGREGATION_METHODS for m in pair):
            raise IndexSpecError(f"aggregation option {a!r}: expected a method or a pair "
                                 f"(dimension, overall) of {list(AGGREGATION_METHODS)}")
        out.append(pair)
    return out


def _dedupe(seq):
    seen, out = set(), []
    for s in seq:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def monte_carlo(record: IndexRecord, n_replicates: int = 1000, seed: int = 12345, *,
                weight_noise: float = 0.25, n_weight_sets: int = 100,
                imputations: Sequence[str] | str | None = "default",
                normalisations: Sequence[str] | None = ("minmax", "goalposts", "rank"),
                aggregations: Sequence | None = ("arithmetic", "geometric"),
                sobol: bool = True, interval: tuple[float, float] = (0.05, 0.95),
                rank_bins: int = 1000, chunk_size: int | None = None,
                keep_ranks: bool = False, max_width_share: float = 0.10) -> UncertaintyResult:
    """Monte Carlo over weights, imputation, normalisation and aggregation (module docstring).

    Parameters
    ----------
    record : IndexRecord
        The nominal index (:func:`~.index.build_index`).
    n_replicates : int
        Runs wanted. With ``sobol=True`` the design has ``N (D + 2)`` runs, ``N`` the smallest
        whole number reaching ``n_replicates``; otherwise exactly ``n_replicates``.
    seed : int
        Seed of the only random generator: same seed, same result.
    weight_noise : float
        Half-width of the multiplicative weight noise (0.25 = ±25 %); 0 fixes the weights.
    n_weight_sets : int
        Distinct weight sets drawn (set 0 is nominal).
    imputations, normalisations, aggregations : sequence or None
        Levels of each factor; ``None`` keeps the nominal choice only. The nominal choice is
        always added. ``imputations="default"`` means ``("none", "indicator_mean",
        "dimension_mean")`` plus ``"subsector_mean"`` when firms have a sub-sector.
    sobol : bool
        Estimate Sobol indices (SALib).
    interval : tuple of float
        Quantiles reported as ``q_low``, ``q_high``.
    rank_bins : int
        Histogram bins per firm (exact quantiles up to this many ranked firms).
    chunk_size : int, optional
        Runs per chunk (default: about 6.4 million score cells, e.g. 64 runs of 100,000
        firms: arrays small enough for the allocator to reuse, so no page-fault storm).
    keep_ranks : bool
        Also return every run's ranks (memory grows with runs: small cases only).
    max_width_share : float
        Passed to :func:`rank_robustness`.

    Returns
    -------
    UncertaintyResult

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from ikmpolicy.readiness import build_index
    >>> rng = np.random.default_rng(0)
    >>> meta = pd.DataFrame({"indicator": list("abc"), "dimension": list("abc"),
    ...                      "scale_min": 1, "scale_max": 5, "direction": 1})
    >>> data = pd.DataFrame(rng.integers(1, 6, size=(30, 3)), columns=list("abc"))
    >>> data.insert(0, "firm_id", [f"F{i:02d}" for i in range(30)])
    >>> res = monte_carlo(build_index(data, meta), n_replicates=60, seed=1)
    >>> res.n_runs, sorted(res.sobol.index)
    (60, ['aggregation', 'imputation', 'normalisation', 'weights'])
    """
    if n_replicates < 1:
        raise IndexSpecError(f"n_replicates must be >= 1, got {n_replicates!r}")
    lo_q, hi_q = interval
    if not 0 <= lo_q < hi_q <= 1:
        raise IndexSpecError(f"interval must be (low, high) quantiles in [0, 1], got {interval!r}")
    spec = record.spec
    meta = record.metadata
    dims = record.dimensions
    dim_names = list(dims)
    inds = list(meta.index)
    col = {c: j for j, c in enumerate(inds)}
    inc_index = record.included[record.included].index
    work = record.raw.loc[inc_index]
    n = len(work)
    fr = record.firms
    has_sub = fr is not None and "sub_sector" in fr.columns

    # ---- factor levels (nominal first)
    if imputations is None:
        imps = [spec.imputation]
    elif imputations == "default":
        imps = [spec.imputation, "none", "indicator_mean", "dimension_mean"] + \
            (["subsector_mean"] if has_sub else [])
    else:
        imps = [spec.imputation, *imputations]
    imps = _dedupe(imps)
    for m in imps:
        if m not in IMPUTATION_METHODS:
            raise IndexSpecError(f"imputation option {m!r} is unknown; expected one of "
                                 f"{list(IMPUTATION_METHODS)}")
        if m == "subsector_mean" and not has_sub:
            raise IndexSpecError("imputation option 'subsector_mean' needs firms with a "
                                 "'sub_sector' column in the record")
    norms = _dedupe([spec.normalisation, *(normalisations or ())])
    for m in norms:
        if m not in NORMALISATION_METHODS:
            raise IndexSpecError(f"normalisation option {m!r} is unknown; expected one of "
                                 f"{list(NORMALISATION_METHODS)}")
    aggs = _dedupe(_levels_of_aggregation([(spec.dimension_method, spec.overall_method),
                                           *(aggregations or ())]))
    for nm in norms:
        for pair in aggs:
            if nm not in BOUNDED_METHODS and set(pair) & {"geometric", "harmonic"}:
                raise IndexSpecError(f"normalisation {nm!r} gives negative values, which "
                                     f"aggregation {pair} cannot take; drop one of them")
    uses_copeland = any("copeland" in p for p in aggs)
    if uses_copeland and n > 2000:
        raise IndexSpecError(f"copeland in the Monte Carlo is computed run by run; {n} firms is "
                             "too many (limit 2000)")

    rng = np.random.default_rng(seed)
    # ---- weight sets (set 0 nominal)
    w_within = record.weights["indicator_weight"].reindex(inds).to_numpy()
    w_dim = record.dimension_weights.reindex(dim_names).to_numpy()
    K = max(1, int(n_weight_sets)) if weight_noise > 0 else 1
    if weight_noise < 0 or weight_noise >= 1:
        raise IndexSpecError(f"weight_noise must lie in [0, 1), got {weight_noise!r}")
    Wi = np.tile(w_within, (K, 1))
    Wd = np.tile(w_dim, (K, 1))
    if K > 1:
        Wi[1:] *= rng.uniform(1 - weight_noise, 1 + weight_noise, size=(K - 1, len(inds)))
        Wd[1:] *= rng.uniform(1 - weight_noise, 1 + weight_noise, size=(K - 1, len(dim_names)))
    for members in dims.values():  # re-normalise within each dimension
        j = [col[i] for i in members]
        Wi[:, j] /= Wi[:, j].sum(axis=1, keepdims=True)
    Wd /= Wd.sum(axis=1, keepdims=True)

    levels = {"weights": K, "imputation": len(imps), "normalisation": len(norms),
              "aggregation": len(aggs)}
    factors = [f for f in FACTORS if levels[f] > 1]
    D = len(factors)
    if D == 0:
        raise IndexSpecError("nothing is uncertain: give weight_noise > 0 or more than one "
                             "imputation, normalisation or aggregation option")

    # ---- design: radial Saltelli blocks (A, AB_1..AB_D, B) or plain Monte Carlo
    if sobol:
        N = max(2, math.ceil(n_replicates / (D + 2)))
        A = rng.random((N, D))
        B = rng.random((N, D))
        blocks = [A]
        for j in range(D):
            ab = A.copy()
            ab[:, j] = B[:, j]
            blocks.append(ab)
        blocks.append(B)
        U = np.stack(blocks, axis=1).reshape(N * (D + 2), D)  # SALib's row order
    else:
        U = rng.random((n_replicates, D))
    n_runs = U.shape[0]
    choice = {f: np.zeros(n_runs, dtype=np.int64) for f in FACTORS}
    for j, f in enumerate(factors):
        choice[f] = np.minimum((U[:, j] * levels[f]).astype(np.int64), levels[f] - 1)

    # ---- precompute normalised matrices per (imputation, normalisation)
    groups = fr["sub_sector"].reindex(work.index) if has_sub else None
    X = {}
    treated_cache: dict = {}
    for a, im in enumerate(imps):
        imp = impute(work, im, dimension_of=meta["dimension"], groups=groups).data
        for b, nm in enumerate(norms):
            om = spec.outliers
            if om == "auto" and nm in ("goalposts", "target"):
                om = "winsorise"  # a log would break goalposts written in raw units
            if (a, om) not in treated_cache:
                treated_cache[a, om] = treat_outliers(
                    imp, om, winmax=spec.winmax, skew_thresh=spec.skew_thresh,
                    kurt_thresh=spec.kurt_thresh).data
            X[a, b] = normalise_with_metadata(treated_cache[a, om], meta, nm,
                                              scale=spec.scale).to_numpy()
    del treated_cache

    single = [d for d in dim_names if len(dims[d]) == 1]
    multi = [d for d in dim_names if len(dims[d]) > 1]
    s_cols = [col[dims[d][0]] for d in single]
    s_dpos = [dim_names.index(d) for d in single]
    cache: dict = {}

    def prepared(key, arr, method):
        k = (key, method)
        if k not in cache:
            F, M = prepare(arr, method, spec.zero, spec.offset)
            cache[k] = (np.ascontiguousarray(F.T), np.ascontiguousarray(M.T))  # (m, n)
        return cache[k]

    nominal = record.ranks["overall"].loc[inc_index].to_numpy().astype(np.int32)
    B_ = int(min(n, rank_bins))
    count_dtype = np.uint16 if n_runs < 65535 else np.uint32
    one = count_dtype(1)
    hist = np.zeros((n, B_), dtype=count_dtype)
    rank_sum = np.zeros(n)
    Y = np.empty(n_runs)
    kept = np.empty((n, n_runs), dtype=np.int32) if keep_ranks else None
    if chunk_size is None:
        chunk_size = max(1, min(n_runs, int(6_400_000 // max(n, 1))))
    row_base = np.arange(n, dtype=np.int64) * B_
    workers = max(1, min(2, os.cpu_count() or 1))
    pool = ThreadPoolExecutor(workers) if workers > 1 and n >= 10_000 else None

    def rank_block(S):
        ranks = np.empty(S.shape, dtype=np.int32)
        if pool is None or S.shape[0] < 2:
            return rank_rows(S, out=ranks)
        # numpy's sort releases the GIL: two threads rank half the runs each, in place
        parts = np.array_split(np.arange(S.shape[0]), workers)
        list(pool.map(lambda p: ranks.__setitem__(slice(p[0], p[-1] + 1),
                                                  rank_rows(S[p[0]:p[-1] + 1])), parts))
        return ranks

    try:
        for start in range(0, n_runs, chunk_size):
            stop = min(start + chunk_size, n_runs)
            R = stop - start
            S = np.empty((R, n))  # runs × firms: each run's scores contiguous for sorting
            combo = (choice["imputation"][start:stop] * len(norms)
                     + choice["normalisation"][start:stop]) * len(aggs) \
                + choice["aggregation"][start:stop]
            for c in np.unique(combo):  # a handful of choice combinations per chunk
                runs = np.flatnonzero(combo == c)
                a = int(c // (len(norms) * len(aggs)))
                b = int((c // len(aggs)) % len(norms))
                dm, om = aggs[int(c % len(aggs))]
                x = X[a, b]
                ks = choice["weights"][start:stop][runs]
                if dm == "copeland" or om == "copeland":
                    frame = pd.DataFrame(x, columns=inds)
                    for r, k in zip(runs, ks, strict=False):  # small n only (checked above)
                        S[r] = aggregate_levels(
                            frame, dims, pd.Series(Wi[k], index=inds),
                            pd.Series(Wd[k], index=dim_names), dm, om, spec.zero,
                            spec.offset)[1].to_numpy()
                    continue
                num = np.zeros((len(runs), n))
                den = np.zeros((len(runs), n))
                if single:
                    FoT, MoT = prepared(("single", a, b), x[:, s_cols], om)
                    wsub = Wd[ks][:, s_dpos]
                    num += wsub @ FoT
                    den += wsub @ MoT
                for d in multi:
                    j = [col[i] for i in dims[d]]
                    FiT, MiT = prepared(("dim", d, a, b), x[:, j], dm)
                    wi = Wi[ks][:, j]
                    sd = finish(wi @ FiT, wi @ MiT, dm, spec.zero, spec.offset)  # (runs, n)
                    Fd, Md = prepare(sd, om, spec.zero, spec.offset)
                    wd = Wd[ks, dim_names.index(d)][:, None]
                    num += Fd * wd
                    den += Md * wd
                S[runs] = finish(num, den, om, spec.zero, spec.offset)
            ranks = rank_block(S)  # (R, n)
            del S
            rank_sum += ranks.sum(axis=0, dtype=np.int64)
            Y[start:stop] = np.abs(ranks - nominal[None, :]).mean(axis=1)
            if kept is not None:
                kept[:, start:stop] = ranks.T
            ranks -= 1
            if B_ < n:  # coarser bins than ranks: integer scaling, in place
                bins = ranks.astype(np.int64)
                bins *= B_
                bins //= n
            else:
                bins = ranks.astype(np.int64)
            bins += row_base[None, :]
            np.add.at(hist.reshape(-1), bins.ravel(), one)
            del bins
            del ranks
    finally:
        if pool is not None:
            pool.shutdown()

    # ---- quantiles from the histograms (row blocks keep the cumulative sums small)
    qs = {"q_low": lo_q, "median_rank": 0.5, "q_high": hi_q}
    qv = {k: np.empty(n) for k in qs}
    edges = np.arange(B_ + 1) * n / B_
    for r0 in range(0, n, 20_000):
        cum = np.cumsum(hist[r0:r0 + 20_000], axis=1, dtype=np.int64)
        for key, q in qs.items():
            t = max(1, math.ceil(q * n_runs - 1e-9))
            bidx = (cum >= t).argmax(axis=1)
            if B_ == n:
                qv[key][r0:r0 + 20_000] = bidx + 1
            else:
                # a bin holds several ranks: report its middle
                qv[key][r0:r0 + 20_000] = (np.floor(edges[bidx]) + 1
                                           + np.floor(edges[bidx + 1])) / 2
    table = pd.DataFrame({"nominal_rank": nominal, "median_rank": qv["median_rank"],
                          "q_low": qv["q_low"], "q_high": qv["q_high"],
                          "mean_rank": rank_sum / n_runs}, index=inc_index)
    table["width"] = table["q_high"] - table["q_low"]
    table = table.reindex(record.raw.index)
    table["robustness"] = rank_robustness(table, n, max_width_share)

    design = pd.DataFrame({
        "weights_set": choice["weights"],
        "imputation": np.asarray(imps, dtype=object)[choice["imputation"]],
        "normalisation": np.asarray(norms, dtype=object)[choice["normalisation"]],
        "aggregation": np.asarray(["/".join(p) for p in aggs], dtype=object)[
            choice["aggregation"]],
        "rank_shift": Y})
    sob = pd.DataFrame(columns=["S1", "S1_conf", "ST", "ST_conf"], dtype=float)
    if sobol:
        from SALib.analyze import sobol as salib_sobol

        problem = {"num_vars": D, "names": factors, "bounds": [[0.0, 1.0]] * D}
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            si = salib_sobol.analyze(problem, Y, calc_second_order=False, num_resamples=100,
                                     conf_level=0.95, seed=seed)
        sob = pd.DataFrame({"S1": si["S1"], "S1_conf": si["S1_conf"], "ST": si["ST"],
                            "ST_conf": si["ST_conf"]}, index=pd.Index(factors, name="factor"))
    settings = {"seed": seed, "n_replicates": n_replicates, "weight_noise": weight_noise,
                "n_weight_sets": K, "imputations": imps, "normalisations": norms,
                "aggregations": ["/".join(p) for p in aggs], "sobol": sobol,
                "interval": tuple(interval), "rank_bins": B_, "exact_quantiles": B_ == n,
                "chunk_size": chunk_size, "factors": factors,
                "max_width_share": max_width_share}
    return UncertaintyResult(ranks=table, sobol=sob, design=design, n_runs=n_runs,
                             n_ranked=n, settings=settings, rank_samples=kept)
