"""Uncertainty and sensitivity of the ranking: Monte Carlo over the construction choices and
variance-based (Sobol') indices, as in the Handbook (2008, ch. 7) and COINr's
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
sensitivity analysis of ranks). Its first-order (``S1``) and total (``ST``) Sobol' indices,
with confidence intervals and the reliability rule, come from :func:`~.sensitivity.sensitivity`:
SALib's Sobol' design (``N`` a power of two, ``N (D + 2)`` runs for ``D`` factors) and
SALib's estimators. Each factor's level is read off its uniform coordinate (level
``floor(u × levels)``). The runs of that design also serve as the Monte Carlo sample for rank
intervals (every run's inputs are uniformly distributed), so one set of runs answers both
questions. With ``sobol=False`` the runs are ``n_replicates`` plain pseudo-random draws.

Memory does not grow with the number of runs: runs are processed in chunks and each firm's
ranks go into a histogram of ``rank_bins`` bins. Quantiles are exact ("inverted CDF" definition,
as ``numpy.quantile(method="inverted_cdf")``) when there are at most ``rank_bins`` ranked
firms; above that, a rank is known to within ``n / rank_bins`` places (the bin midpoint is
reported). All randomness comes from ``seed``.
"""

from __future__ import annotations

import math
import os
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
from .sensitivity import SENSITIVITY_COLUMNS, base_size, sensitivity

ROBUSTNESS_CODES = ("robust", "fragile", "not_ranked")
FACTORS = ("weights", "imputation", "normalisation", "aggregation")
#: Score cells per chunk of runs (e.g. 64 runs of 100,000 firms): arrays small enough for the
#: allocator to reuse, so no page-fault storm.
CHUNK_CELLS = 6_400_000


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
        One row per uncertain factor, the table of :func:`~.sensitivity.sensitivity`:
        ``factor``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf``, ``S1_reliable``, ``ST_reliable``,
        ``reliable``, ``runs_needed`` (no rows when ``sobol=False``). An index that is not
        reliable must not be shown as a number.
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


def rank_robustness(
    ranks: pd.DataFrame, n_ranked: int | None = None, max_width_share: float = 0.10
) -> pd.Series:
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
    codes = np.where(
        np.isnan(nom) | np.isnan(lo) | np.isnan(hi), "not_ranked", np.where(ok, "robust", "fragile")
    )
    return pd.Series(codes, index=ranks.index, name="robustness", dtype=object)


def _dedupe(seq):
    return list(dict.fromkeys(seq))


@dataclass(frozen=True)
class _Levels:
    """The levels of each factor, nominal first."""

    imputations: list[str]
    normalisations: list[str]
    aggregations: list[tuple[str, str]]


def _aggregation_pairs(aggregations) -> list[tuple[str, str]]:
    out = []
    for a in aggregations:
        pair = (a, a) if isinstance(a, str) else tuple(a)
        if len(pair) != 2 or any(m not in AGGREGATION_METHODS for m in pair):
            raise IndexSpecError(
                f"aggregation option {a!r}: expected a method or a pair "
                f"(dimension, overall) of {list(AGGREGATION_METHODS)}"
            )
        out.append(pair)
    return out


def _imputation_levels(nominal: str, imputations, has_sub: bool) -> list[str]:
    if imputations is None:
        imps = [nominal]
    elif imputations == "default":
        imps = [nominal, "none", "indicator_mean", "dimension_mean"] + (
            ["subsector_mean"] if has_sub else []
        )
    else:
        imps = [nominal, *imputations]
    imps = _dedupe(imps)
    for m in imps:
        if m not in IMPUTATION_METHODS:
            raise IndexSpecError(
                f"imputation option {m!r} is unknown; expected one of {list(IMPUTATION_METHODS)}"
            )
        if m == "subsector_mean" and not has_sub:
            raise IndexSpecError(
                "imputation option 'subsector_mean' needs firms with a "
                "'sub_sector' column in the record"
            )
    return imps


def _factor_levels(record: IndexRecord, imputations, normalisations, aggregations) -> _Levels:
    spec = record.spec
    has_sub = record.firms is not None and "sub_sector" in record.firms.columns
    imps = _imputation_levels(spec.imputation, imputations, has_sub)
    norms = _dedupe([spec.normalisation, *(normalisations or ())])
    for m in norms:
        if m not in NORMALISATION_METHODS:
            raise IndexSpecError(
                f"normalisation option {m!r} is unknown; expected one of "
                f"{list(NORMALISATION_METHODS)}"
            )
    if isinstance(aggregations, str) and aggregations == "default":
        unbounded = any(nm not in BOUNDED_METHODS for nm in norms)
        aggregations = ("arithmetic",) if unbounded else ("arithmetic", "geometric")
    aggs = _dedupe(
        _aggregation_pairs([(spec.dimension_method, spec.overall_method), *(aggregations or ())])
    )
    for nm in norms:
        for pair in aggs:
            if nm not in BOUNDED_METHODS and set(pair) & {"geometric", "harmonic"}:
                raise IndexSpecError(
                    f"normalisation {nm!r} gives negative values, which "
                    f"aggregation {pair} cannot take; drop one of them"
                )
    n = int(record.included.sum())
    if any("copeland" in p for p in aggs) and n > 2000:
        raise IndexSpecError(
            f"copeland in the Monte Carlo is computed run by run; {n} firms is "
            "too many (limit 2000)"
        )
    return _Levels(imps, norms, aggs)


def _weight_sets(
    record: IndexRecord, weight_noise: float, n_weight_sets: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Indicator weights within dimensions and dimension weights, one row per set (0 nominal)."""
    if weight_noise < 0 or weight_noise >= 1:
        raise IndexSpecError(f"weight_noise must lie in [0, 1), got {weight_noise!r}")
    inds = list(record.metadata.index)
    dim_names = list(record.dimensions)
    k = max(1, int(n_weight_sets)) if weight_noise > 0 else 1
    wi = np.tile(record.weights["indicator_weight"].reindex(inds).to_numpy(), (k, 1))
    wd = np.tile(record.dimension_weights.reindex(dim_names).to_numpy(), (k, 1))
    if k > 1:
        wi[1:] *= rng.uniform(1 - weight_noise, 1 + weight_noise, size=(k - 1, len(inds)))
        wd[1:] *= rng.uniform(1 - weight_noise, 1 + weight_noise, size=(k - 1, len(dim_names)))
    col = {c: j for j, c in enumerate(inds)}
    for members in record.dimensions.values():  # re-normalise within each dimension
        j = [col[i] for i in members]
        wi[:, j] /= wi[:, j].sum(axis=1, keepdims=True)
    wd /= wd.sum(axis=1, keepdims=True)
    return wi, wd


def _normalised_matrices(record: IndexRecord, levels: _Levels) -> dict:
    """Firms × indicators after each (imputation, normalisation) pair, as numpy arrays."""
    spec, meta = record.spec, record.metadata
    work = record.raw.loc[record.included[record.included].index]
    fr = record.firms
    groups = (
        fr["sub_sector"].reindex(work.index)
        if fr is not None and "sub_sector" in fr.columns
        else None
    )
    out, treated = {}, {}
    for a, im in enumerate(levels.imputations):
        imp = impute(
            work,
            im,
            dimension_of=meta["dimension"],
            groups=groups,
            directions=meta["direction"].reindex(work.columns),
        ).data
        for b, nm in enumerate(levels.normalisations):
            om = spec.outliers
            if om == "auto" and nm in ("goalposts", "target"):
                om = "winsorise"  # a log would break goalposts written in raw units
            if (a, om) not in treated:
                treated[a, om] = treat_outliers(
                    imp,
                    om,
                    winmax=spec.winmax,
                    skew_thresh=spec.skew_thresh,
                    kurt_thresh=spec.kurt_thresh,
                ).data
            out[a, b] = normalise_with_metadata(
                treated[a, om], meta, nm, scale=spec.scale
            ).to_numpy()
    return out


class _RankModel:
    """The Monte Carlo model: design rows in ``[0, 1)^D`` → mean absolute rank shift.

    Calling it runs every row of the design (in chunks), ranks the firms in each run, keeps a
    histogram of each firm's ranks and returns the output of each run, so that the same call
    feeds the Sobol' estimator and the rank intervals.
    """

    def __init__(
        self,
        record: IndexRecord,
        levels: _Levels,
        wi: np.ndarray,
        wd: np.ndarray,
        factors: list[str],
        rank_bins: int,
        chunk_size: int | None,
        keep_ranks: bool,
    ):
        self.spec = record.spec
        self.levels = levels
        self.wi, self.wd = wi, wd
        self.factors = factors
        self.counts = {
            "weights": len(wi),
            "imputation": len(levels.imputations),
            "normalisation": len(levels.normalisations),
            "aggregation": len(levels.aggregations),
        }
        self.inds = list(record.metadata.index)
        self.dims = record.dimensions
        self.dim_names = list(self.dims)
        inc = record.included[record.included].index
        self.n = len(inc)
        self.nominal = record.ranks["overall"].loc[inc].to_numpy().astype(np.int32)
        self.x = _normalised_matrices(record, levels)
        col = {c: j for j, c in enumerate(self.inds)}
        self.single = [d for d in self.dim_names if len(self.dims[d]) == 1]
        self.multi = [
            (d, [col[i] for i in self.dims[d]]) for d in self.dim_names if len(self.dims[d]) > 1
        ]
        self.s_cols = [col[self.dims[d][0]] for d in self.single]
        self.s_dpos = [self.dim_names.index(d) for d in self.single]
        self.bins = int(min(self.n, rank_bins))
        self.chunk_size = chunk_size
        self.keep_ranks = keep_ranks
        self._prepared: dict = {}
        self.choices: dict[str, np.ndarray] = {}

    # ------------------------------------------------------------------ design → levels
    def _choose(self, u: np.ndarray) -> dict[str, np.ndarray]:
        choice = {f: np.zeros(len(u), dtype=np.int64) for f in FACTORS}
        for j, f in enumerate(self.factors):
            k = self.counts[f]
            choice[f] = np.minimum((u[:, j] * k).astype(np.int64), k - 1)
        return choice

    # ------------------------------------------------------------------ scores of a chunk
    def _prepare(self, key, arr, method):
        k = (key, method)
        if k not in self._prepared:
            f, m = prepare(arr, method, self.spec.zero, self.spec.offset)
            self._prepared[k] = (np.ascontiguousarray(f.T), np.ascontiguousarray(m.T))
        return self._prepared[k]

    def _mean_scores(self, x, a, b, ks, dm, om) -> np.ndarray:
        spec = self.spec
        num = np.zeros((len(ks), self.n))
        den = np.zeros((len(ks), self.n))
        if self.single:
            f_t, m_t = self._prepare(("single", a, b), x[:, self.s_cols], om)
            wsub = self.wd[ks][:, self.s_dpos]
            num += wsub @ f_t
            den += wsub @ m_t
        for d, j in self.multi:
            f_t, m_t = self._prepare(("dim", d, a, b), x[:, j], dm)
            wi = self.wi[ks][:, j]
            sd = finish(wi @ f_t, wi @ m_t, dm, spec.zero, spec.offset)  # (runs, n)
            fd, md = prepare(sd, om, spec.zero, spec.offset)
            wdd = self.wd[ks, self.dim_names.index(d)][:, None]
            num += fd * wdd
            den += md * wdd
        return finish(num, den, om, spec.zero, spec.offset)

    def _copeland_scores(self, x, ks, dm, om) -> np.ndarray:
        frame = pd.DataFrame(x, columns=self.inds)
        out = np.empty((len(ks), self.n))
        for r, k in enumerate(ks):  # run by run: small n only (checked in _factor_levels)
            out[r] = aggregate_levels(
                frame,
                self.dims,
                pd.Series(self.wi[k], index=self.inds),
                pd.Series(self.wd[k], index=self.dim_names),
                dm,
                om,
                self.spec.zero,
                self.spec.offset,
            )[1].to_numpy()
        return out

    def _chunk_scores(self, choice, start: int, stop: int) -> np.ndarray:
        n_norm, n_agg = len(self.levels.normalisations), len(self.levels.aggregations)
        s = np.empty((stop - start, self.n))  # runs × firms: each run contiguous for sorting
        combo = (
            choice["imputation"][start:stop] * n_norm + choice["normalisation"][start:stop]
        ) * n_agg + choice["aggregation"][start:stop]
        for c in np.unique(combo):  # a handful of choice combinations per chunk
            runs = np.flatnonzero(combo == c)
            a, b = int(c // (n_norm * n_agg)), int((c // n_agg) % n_norm)
            dm, om = self.levels.aggregations[int(c % n_agg)]
            ks = choice["weights"][start:stop][runs]
            if "copeland" in (dm, om):
                s[runs] = self._copeland_scores(self.x[a, b], ks, dm, om)
            else:
                s[runs] = self._mean_scores(self.x[a, b], a, b, ks, dm, om)
        return s

    # ------------------------------------------------------------------ the run
    def __call__(self, u: np.ndarray) -> np.ndarray:
        u = np.asarray(u, dtype=float)
        n_runs, n = len(u), self.n
        self.choices = choice = self._choose(u)
        count_dtype = np.uint16 if n_runs < 65535 else np.uint32
        self.hist = np.zeros((n, self.bins), dtype=count_dtype)
        self.rank_sum = np.zeros(n)
        self.kept = np.empty((n, n_runs), dtype=np.int32) if self.keep_ranks else None
        y = np.empty(n_runs)
        chunk = self.chunk_size or max(1, min(n_runs, int(CHUNK_CELLS // max(n, 1))))
        workers = max(1, min(2, os.cpu_count() or 1))
        pool = ThreadPoolExecutor(workers) if workers > 1 and n >= 10_000 else None
        try:
            for start in range(0, n_runs, chunk):
                stop = min(start + chunk, n_runs)
                ranks = _rank_block(self._chunk_scores(choice, start, stop), pool, workers)
                y[start:stop] = np.abs(ranks - self.nominal[None, :]).mean(axis=1)
                self._accumulate(ranks, start, stop)
        finally:
            if pool is not None:
                pool.shutdown()
        self.y = y
        return y

    def _accumulate(self, ranks: np.ndarray, start: int, stop: int) -> None:
        self.rank_sum += ranks.sum(axis=0, dtype=np.int64)
        if self.kept is not None:
            self.kept[:, start:stop] = ranks.T
        ranks -= 1
        bins = ranks.astype(np.int64)
        if self.bins < self.n:  # coarser bins than ranks: integer scaling, in place
            bins *= self.bins
            bins //= self.n
        bins += (np.arange(self.n, dtype=np.int64) * self.bins)[None, :]
        np.add.at(self.hist.reshape(-1), bins.ravel(), self.hist.dtype.type(1))

    def quantiles(self, qs: dict[str, float], n_runs: int) -> dict[str, np.ndarray]:
        """Per firm, the rank at each quantile (exact up to ``rank_bins`` firms)."""
        n, nb = self.n, self.bins
        out = {k: np.empty(n) for k in qs}
        edges = np.arange(nb + 1) * n / nb
        for r0 in range(0, n, 20_000):  # row blocks keep the cumulative sums small
            cum = np.cumsum(self.hist[r0 : r0 + 20_000], axis=1, dtype=np.int64)
            for key, q in qs.items():
                t = max(1, math.ceil(q * n_runs - 1e-9))
                bidx = (cum >= t).argmax(axis=1)
                if nb == n:
                    out[key][r0 : r0 + 20_000] = bidx + 1
                else:  # a bin holds several ranks: report its middle
                    out[key][r0 : r0 + 20_000] = (
                        np.floor(edges[bidx]) + 1 + np.floor(edges[bidx + 1])
                    ) / 2
        return out


def _rank_block(s: np.ndarray, pool, workers: int) -> np.ndarray:
    ranks = np.empty(s.shape, dtype=np.int32)
    if pool is None or s.shape[0] < 2:
        return rank_rows(s, out=ranks)
    # numpy's sort releases the GIL: two threads rank half the runs each, in place
    parts = np.array_split(np.arange(s.shape[0]), workers)
    list(
        pool.map(
            lambda p: ranks.__setitem__(slice(p[0], p[-1] + 1), rank_rows(s[p[0] : p[-1] + 1])),
            parts,
        )
    )
    return ranks


def _check_run_options(n_replicates: int, interval) -> None:
    if n_replicates < 1:
        raise IndexSpecError(f"n_replicates must be >= 1, got {n_replicates!r}")
    lo_q, hi_q = interval
    if not 0 <= lo_q < hi_q <= 1:
        raise IndexSpecError(f"interval must be (low, high) quantiles in [0, 1], got {interval!r}")


def monte_carlo(
    record: IndexRecord,
    n_replicates: int = 1000,
    seed: int = 12345,
    *,
    weight_noise: float = 0.25,
    n_weight_sets: int = 100,
    imputations: Sequence[str] | str | None = "default",
    normalisations: Sequence[str] | None = ("minmax", "goalposts", "rank"),
    aggregations: Sequence | str | None = "default",
    sobol: bool = True,
    interval: tuple[float, float] = (0.05, 0.95),
    rank_bins: int = 1000,
    chunk_size: int | None = None,
    keep_ranks: bool = False,
    max_width_share: float = 0.10,
    conf_level: float = 0.95,
) -> UncertaintyResult:
    """Monte Carlo over weights, imputation, normalisation and aggregation (module docstring).

    Parameters
    ----------
    record : IndexRecord
        The nominal index (:func:`~.index.build_index`).
    n_replicates : int
        Runs wanted. With ``sobol=True`` the design has ``N (D + 2)`` runs, ``N`` the smallest
        power of two reaching ``n_replicates`` (:func:`~.sensitivity.base_size`); otherwise
        exactly ``n_replicates``.
    seed : int
        Seeds the weight sets, the Sobol' design and its bootstrap: same seed, same result.
    weight_noise : float
        Half-width of the multiplicative weight noise (0.25 = ±25 %); 0 fixes the weights.
    n_weight_sets : int
        Distinct weight sets drawn (set 0 is nominal).
    imputations, normalisations, aggregations : sequence or None
        Levels of each factor; ``None`` keeps the nominal choice only. The nominal choice is
        always added. ``imputations="default"`` means ``("none", "indicator_mean",
        "dimension_mean")`` plus ``"subsector_mean"`` when firms have a sub-sector.
        ``aggregations="default"`` means ``("arithmetic", "geometric")``, without the
        geometric mean when a normalisation can be negative (``"zscore"``), which it cannot
        take.
    sobol : bool
        Estimate Sobol' indices (SALib).
    interval : tuple of float
        Quantiles reported as ``q_low``, ``q_high``.
    rank_bins : int
        Histogram bins per firm (exact quantiles up to this many ranked firms).
    chunk_size : int, optional
        Runs per chunk (default: about 6.4 million score cells, :data:`CHUNK_CELLS`).
    keep_ranks : bool
        Also return every run's ranks (memory grows with runs: small cases only).
    max_width_share : float
        Passed to :func:`rank_robustness`.
    conf_level : float
        Level of the Sobol' indices' confidence intervals.

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
    >>> res.n_runs, res.sobol["factor"].tolist()
    (96, ['weights', 'imputation', 'normalisation', 'aggregation'])
    """
    _check_run_options(n_replicates, interval)
    levels = _factor_levels(record, imputations, normalisations, aggregations)
    rng = np.random.default_rng(seed)
    wi, wd = _weight_sets(record, weight_noise, n_weight_sets, rng)
    counts = {
        "weights": len(wi),
        "imputation": len(levels.imputations),
        "normalisation": len(levels.normalisations),
        "aggregation": len(levels.aggregations),
    }
    factors = [f for f in FACTORS if counts[f] > 1]
    if not factors:
        raise IndexSpecError(
            "nothing is uncertain: give weight_noise > 0 or more than one "
            "imputation, normalisation or aggregation option"
        )
    model = _RankModel(record, levels, wi, wd, factors, rank_bins, chunk_size, keep_ranks)
    d = len(factors)
    if sobol:
        problem = {"num_vars": d, "names": factors, "bounds": [[0.0, 1.0]] * d}
        sob = sensitivity(
            model, problem, base_size(n_replicates, d), seed=seed, conf_level=conf_level
        )
    else:
        model(rng.random((n_replicates, d)))
        sob = pd.DataFrame({c: [] for c in SENSITIVITY_COLUMNS})
    n_runs = len(model.y)
    table = _rank_table(record, model, interval, n_runs, max_width_share)
    settings = {
        "seed": seed,
        "n_replicates": n_replicates,
        "weight_noise": weight_noise,
        "n_weight_sets": len(wi),
        "imputations": levels.imputations,
        "normalisations": levels.normalisations,
        "aggregations": ["/".join(p) for p in levels.aggregations],
        "sobol": sobol,
        "base_size": sob.attrs.get("n"),
        "conf_level": conf_level,
        "interval": tuple(interval),
        "rank_bins": model.bins,
        "exact_quantiles": model.bins == model.n,
        "chunk_size": chunk_size,
        "factors": factors,
        "max_width_share": max_width_share,
    }
    return UncertaintyResult(
        ranks=table,
        sobol=sob,
        design=_design_table(model, levels),
        n_runs=n_runs,
        n_ranked=model.n,
        settings=settings,
        rank_samples=model.kept,
    )


def _rank_table(
    record: IndexRecord, model: _RankModel, interval, n_runs: int, max_width_share: float
) -> pd.DataFrame:
    qv = model.quantiles({"q_low": interval[0], "median_rank": 0.5, "q_high": interval[1]}, n_runs)
    table = pd.DataFrame(
        {
            "nominal_rank": model.nominal,
            "median_rank": qv["median_rank"],
            "q_low": qv["q_low"],
            "q_high": qv["q_high"],
            "mean_rank": model.rank_sum / n_runs,
        },
        index=record.included[record.included].index,
    )
    table["width"] = table["q_high"] - table["q_low"]
    table = table.reindex(record.raw.index)
    table["robustness"] = rank_robustness(table, model.n, max_width_share)
    return table


def _design_table(model: _RankModel, levels: _Levels) -> pd.DataFrame:
    c = model.choices
    return pd.DataFrame(
        {
            "weights_set": c["weights"],
            "imputation": np.asarray(levels.imputations, dtype=object)[c["imputation"]],
            "normalisation": np.asarray(levels.normalisations, dtype=object)[c["normalisation"]],
            "aggregation": np.asarray(["/".join(p) for p in levels.aggregations], dtype=object)[
                c["aggregation"]
            ],
            "rank_shift": model.y,
        }
    )
