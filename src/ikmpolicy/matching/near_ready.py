"""Near-ready firms and the cheapest set of programmes that makes each one eligible.

Search
------
For a firm and a requirement, a *path* is a set of programmes of the catalogue such that the
firm can take part in each (prerequisite certificates held and prerequisite levels reached,
possibly thanks to other programmes of the set) and, after all of them, with the expected gains
(``gain_mid``), meets every required level and holds every required certificate. Because gains
only ever move a score in the good direction (clipped to the scale) and certificates once
delivered stay, a set is feasible exactly when repeatedly taking every programme the firm can
take part in uses up the set; the end state does not depend on the order. The cheapest path
minimises the total unit cost (rupiah per firm); ties go to fewer programmes, then the shorter
path, then the programme ids in alphabetical order.

Only programmes that can matter are searched: those that raise an indicator with a gap or
deliver a missing certificate, and, repeatedly, those that raise an indicator or deliver a
certificate a searched programme needs and the firm lacks. Every subset of these is tried in
order of cost (all of them when ``max_programmes`` is None; a cheapest path never contains a
programme outside them, so the search is exact). If taking every one of them the firm can
does not close the gaps, nothing does, and the pair is unreachable at once.

Many pairs are in the same situation: only the levels a firm does not reach yet, the scores on
those and on the indicators some prerequisite reads, and the missing certificates can change
the answer (on a short indicator no prerequisite reads, only the size of the gap matters). Each
distinct situation is searched once.

Gains are the expected ones (``gain_mid``) unless told otherwise; a programme is taken at most
once.

Time (``path_months``)
----------------------
Programmes run in parallel, except that a programme whose prerequisite is met only by another
programme of the path starts when that programme has taken effect (``months_to_effect``). Each
programme starts as soon as the firm can take part; the path takes as long as the last
programme to take effect. Unknown when a programme of the path has no ``months_to_effect``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from ikmpolicy.programmes import EPS, Catalogue, _gain_values, _meta_for, as_tuple

from ._errors import MatchingError
from .gaps import MAX_CERTIFICATES, MAX_GAPS
from .requirements import CERT_BITS, MASK_TUPLES, cert_mask, requirement_arrays

_POP = [bin(m).count("1") for m in range(8)]


@dataclass(frozen=True)
class Path:
    """The cheapest path of one firm to one requirement.

    Attributes
    ----------
    programmes : tuple of str
        Programme ids, in the order they can start (empty when not reachable or nothing to do).
    cost_idr : float
        Sum of unit costs (NaN when not reachable).
    months : float
        Months until the last programme takes effect (NaN when unknown or not reachable).
    reachable : bool
    """

    programmes: tuple[str, ...]
    cost_idr: float
    months: float
    reachable: bool


class PathFinder:
    """Exact cheapest-path search over a catalogue (see the module text).

    Parameters
    ----------
    catalogue : Catalogue
    indicators : pandas.DataFrame, optional
        The indicator table (default: the catalogue's).
    gain : str or pandas.Series
        Gains to count on (``gain_mid`` by default), as in
        :func:`~ikmpolicy.programmes.apply_programmes`.
    max_programmes : int, optional
        Largest path searched; None = no limit (exact).

    Examples
    --------
    >>> from ikmpolicy.programmes import _example_catalogue
    >>> finder = PathFinder(_example_catalogue())  # train: q +1; cert: SNI, needs NIB, q >= 3
    >>> score, nib, sni = np.array([2.5]), 1, 2
    >>> finder.can_take_part(1, score, nib), finder.can_take_part(1, score + 1, nib)
    (False, True)
    >>> left, end, certs = finder.run([0, 1], score, nib)  # train, then cert
    >>> left, end.tolist(), certs == nib | sni
    ([], [3.5], True)
    >>> finder.months_of([0, 1], score, nib)  # cert waits for training: 3 + 6 months
    (9.0, [0, 1])
    >>> finder.find(score, nib, np.array([3.0]), sni).programmes
    ('train', 'cert')
    """

    def __init__(
        self,
        catalogue: Catalogue,
        indicators: pd.DataFrame | None = None,
        gain="gain_mid",
        max_programmes: int | None = None,
    ):
        meta = _meta_for(catalogue, indicators)
        self.meta = meta
        self.indicators = list(meta.index)
        self.direction = meta["direction"].to_numpy(float)
        self.lo = meta["scale_min"].to_numpy(float)
        self.hi = meta["scale_max"].to_numpy(float)
        prog = catalogue.programmes
        self.ids = [str(i) for i in prog.index]
        self.cost = prog["unit_cost_idr"].to_numpy(float)
        self.months = np.array(
            [np.nan if pd.isna(m) else float(m) for m in prog["months_to_effect"]]
        )
        values = _gain_values(catalogue, gain)
        wide = values.unstack("indicator", fill_value=0.0) if len(values) else pd.DataFrame()
        self.gain = wide.reindex(
            index=prog.index, columns=self.indicators, fill_value=0.0
        ).to_numpy(float)
        self.prereq = catalogue.prerequisite_matrix(self.indicators).to_numpy(float)
        self.prereq_mask = np.array([cert_mask(as_tuple(c)) for c in prog["prereq_certificates"]])
        self.delivers = np.array([cert_mask(as_tuple(c)) for c in prog["delivers"]])
        self.max_programmes = max_programmes
        self._prereq_indicators = ~np.isnan(self.prereq).all(axis=0)
        self._cache: dict = {}
        self._orders: dict = {}

    # -- state ------------------------------------------------------------------------------
    def reaches(self, score: np.ndarray, level: np.ndarray) -> np.ndarray:
        """Per indicator: no level, or the score reaches it in the good direction."""
        return np.isnan(level) | (self.direction * (score - level) >= -EPS)  # NaN: False

    def can_take_part(self, p: int, score: np.ndarray, certs: int) -> bool:
        """Whether a firm with these scores and certificates may take programme ``p``."""
        return (certs & self.prereq_mask[p]) == self.prereq_mask[p] and bool(
            self.reaches(score, self.prereq[p]).all()
        )

    def apply(self, p: int, score: np.ndarray, certs: int) -> tuple[np.ndarray, int]:
        """Scores and certificates after programme ``p`` (expected gains, clipped)."""
        moved = np.clip(score + self.direction * self.gain[p], self.lo, self.hi)
        return np.where(np.isnan(score), np.nan, moved), certs | int(self.delivers[p])

    def run(self, subset, score: np.ndarray, certs: int) -> tuple[list[int], np.ndarray, int]:
        """Take every programme the firm can take part in until none is left or none can start;
        return the programmes left over, the end scores and certificates."""
        left = list(subset)
        while left:
            now = [p for p in left if self.can_take_part(p, score, certs)]
            if not now:
                break
            for p in now:
                score, certs = self.apply(p, score, certs)
            left = [p for p in left if p not in now]
        return left, score, certs

    def months_of(self, subset, score: np.ndarray, certs: int) -> tuple[float, list[int]]:
        """Months until the last programme takes effect, and the start order (module text).

        A programme without ``months_to_effect`` makes the total unknown (NaN); the order is
        then worked out as if it took no time.
        """
        months = np.nan_to_num(self.months, nan=0.0)
        pending, running, order, clock = sorted(subset), {}, [], 0.0
        while pending or running:
            for p in list(pending):
                if self.can_take_part(p, score, certs):
                    running[p] = clock + months[p]
                    pending.remove(p)
                    order.append(p)
            if not running:
                return np.nan, order + pending  # cannot happen for a feasible set
            clock = min(running.values())
            for p in [q for q, t in running.items() if t <= clock]:
                score, certs = self.apply(p, score, certs)
                del running[p]
        unknown = np.isnan(self.months[list(subset)]).any() if len(subset) else False
        return (np.nan if unknown else float(clock)), order

    # -- search -----------------------------------------------------------------------------
    def _relevant(self, score, certs, level, required) -> list[int]:
        short = ~self.reaches(score, level)
        wanted_certs = required & ~certs
        chosen = {
            p
            for p in range(len(self.ids))
            if (self.gain[p][short] > 0).any() or self.delivers[p] & wanted_certs
        }
        frontier = set(chosen)
        while frontier:
            needs = np.zeros(len(self.indicators), dtype=bool)
            need_certs = 0
            for p in frontier:
                needs |= ~self.reaches(score, self.prereq[p])
                need_certs |= int(self.prereq_mask[p]) & ~certs
            frontier = {
                p
                for p in range(len(self.ids))
                if p not in chosen
                and ((self.gain[p][needs] > 0).any() or self.delivers[p] & need_certs)
            }
            chosen |= frontier
        return sorted(chosen)

    def _subsets(self, relevant: tuple[int, ...]) -> list:
        """Every subset of ``relevant`` (up to ``max_programmes``) with its (cost, size),
        cheapest first; cached, since many situations share the same relevant programmes."""
        if relevant not in self._orders:
            largest = (
                len(relevant)
                if self.max_programmes is None
                else min(self.max_programmes, len(relevant))
            )
            keyed = [
                ((float(self.cost[list(s)].sum()), len(s)), s)
                for k in range(1, largest + 1)
                for s in combinations(relevant, k)
            ]
            keyed.sort(key=lambda item: item[0])
            self._orders[relevant] = keyed
        return self._orders[relevant]

    def _closes(self, subset, score, certs, level, required) -> bool:
        left, end, end_certs = self.run(subset, score, certs)
        return (
            not left and bool(self.reaches(end, level).all()) and (end_certs & required) == required
        )

    def _reduce(
        self, score: np.ndarray, certs: np.ndarray, level: np.ndarray, required: np.ndarray
    ):
        """Keep only what can change the answer (rows = pairs): levels not reached yet (a
        reached level stays reached: gains never go backwards), scores on those and on the
        catalogue's prerequisite indicators, required certificates not held."""
        short = ~self.reaches(score, level)
        score = np.where(short | self._prereq_indicators, score, np.nan)
        level = np.where(short, level, np.nan)
        # on a short indicator no prerequisite looks at, only the gap matters (gains add up and
        # the level lies on the scale): move score and level to the bottom of the scale
        slide = short & ~self._prereq_indicators
        bottom = np.where(self.direction > 0, self.lo, self.hi)
        gap = self.direction * (level - score)
        score = np.where(slide, bottom, score)
        level = np.where(slide, bottom + self.direction * gap, level)
        return score, certs, level, required & ~certs

    def find(self, score: np.ndarray, certs: int, level: np.ndarray, required: int) -> Path:
        """The cheapest path for one firm (scores, certificate mask) to one requirement
        (levels, certificate mask); firms in the same situation share one search.
        """
        score, certs, level, required = self._reduce(score, certs, level, required)
        key = (score.tobytes(), certs, level.tobytes(), required)
        if key not in self._cache:
            self._cache[key] = self._search(score, certs, level, required)
        return self._cache[key]

    def find_many(
        self, scores: np.ndarray, certs: np.ndarray, levels: np.ndarray, required: np.ndarray
    ) -> list[Path]:
        """:meth:`find` for many pairs (rows), searching each distinct situation once."""
        score, certs, level, required = self._reduce(
            scores, certs[:, None], levels, required[:, None]
        )
        keys = np.concatenate([score, level, certs, required], axis=1)
        keys = np.where(np.isnan(keys), -1.0, keys)  # scores and levels are never negative
        unique, inverse = _distinct_rows(keys)
        m = scores.shape[1]
        paths = [
            self.find(
                np.where(u[:m] == -1.0, np.nan, u[:m]),
                int(u[2 * m]),
                np.where(u[m : 2 * m] == -1.0, np.nan, u[m : 2 * m]),
                int(u[2 * m + 1]),
            )
            for u in unique
        ]
        return [paths[k] for k in inverse.ravel()]

    def _search(self, score, certs, level, required) -> Path:
        if self.reaches(score, level).all() and (certs & required) == required:
            return Path((), 0.0, 0.0, True)
        relevant = self._relevant(score, certs, level, required)
        # gains only add up: if taking every programme it can does not close the gaps, no set
        # of them does
        _, end, end_certs = self.run(relevant, score, certs)
        if not self.reaches(end, level).all() or (end_certs & required) != required:
            return Path((), np.nan, np.nan, False)
        best = None
        for key, subset in self._subsets(tuple(relevant)):
            if best is not None and key > best[0][:2]:
                break
            if self._closes(subset, score, certs, level, required):
                months, order = self.months_of(subset, score, certs)
                rank = (
                    *key,
                    np.inf if np.isnan(months) else months,
                    tuple(sorted(self.ids[p] for p in subset)),
                )
                if best is None or rank < best[0]:
                    best = (rank, months, order)
        if best is None:
            return Path((), np.nan, np.nan, False)
        (cost, _, _, _), months, order = best
        return Path(tuple(self.ids[p] for p in order), float(cost), float(months), True)


def _distinct_rows(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows and each row's position among them: rows hashed (pandas), the grouping
    checked row by row, ``np.unique`` should two different rows ever share a hash."""
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64)
    hashes = pd.util.hash_pandas_object(pd.DataFrame(keys), index=False).to_numpy()
    inverse, _ = pd.factorize(hashes)
    first = np.zeros(inverse.max() + 1, dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(keys))[::-1]
    if np.array_equal(keys[first[inverse]], keys):
        return keys[first], inverse
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    return unique, inverse.ravel()


def cheapest_path(
    scores: pd.Series,
    certificates,
    levels: pd.Series,
    required_certificates,
    catalogue: Catalogue,
    indicators: pd.DataFrame | None = None,
    *,
    gain="gain_mid",
    max_programmes: int | None = None,
) -> Path:
    """The cheapest set of programmes that makes one firm meet one requirement.

    Parameters
    ----------
    scores : pandas.Series
        Indicator -> the firm's score (NaN = none).
    certificates : iterable of str
        Certificates the firm holds.
    levels : pandas.Series
        Indicator -> required level (NaN = none; the highest level for direction -1).
    required_certificates : iterable of str
    catalogue : Catalogue
    indicators : pandas.DataFrame, optional
        Default: the catalogue's indicator table.
    gain, max_programmes
        See :class:`PathFinder`.

    Returns
    -------
    Path

    Examples
    --------
    >>> from ikmpolicy.programmes import _example_catalogue
    >>> cat = _example_catalogue()  # train: q +1 (Rp5 juta, 3 months); cert: SNI, needs q >= 3
    >>> path = cheapest_path(pd.Series({"q": 2.5}), ["nib"], pd.Series({"q": 3.0}), ["sni"], cat)
    >>> path.programmes, path.cost_idr, path.months
    (('train', 'cert'), 25000000.0, 9.0)
    >>> cheapest_path(pd.Series({"q": 2.5}), [], pd.Series({"q": 3.0}), ["sni"], cat).reachable
    False
    """
    finder = PathFinder(catalogue, indicators, gain, max_programmes)
    names = finder.indicators
    score = pd.Series(scores, dtype=float).reindex(names).to_numpy(float)
    level = pd.Series(levels, dtype=float).reindex(names).to_numpy(float)
    return finder.find(
        score, cert_mask(as_tuple(certificates)), level, cert_mask(as_tuple(required_certificates))
    )


def near_mask(
    pairs: pd.DataFrame, max_gaps: int = MAX_GAPS, max_certificates: int = MAX_CERTIFICATES
) -> pd.Series:
    """Pairs that are near-ready: KBLI fit, nothing unknown, not eligible, at most ``max_gaps``
    things missing of which at most ``max_certificates`` certificates.

    Examples
    --------
    >>> p = pd.DataFrame({"kbli_fit": [True, True, True], "unknown_dimensions": [0, 0, 1],
    ...                   "dimension_gaps": [1, 2, 1], "eligible": False,
    ...                   "missing_certificates": [("sni",), ("sni",), ()]})
    >>> near_mask(p).tolist()
    [True, False, False]
    """
    missing = pairs["missing_certificates"].map(len)
    away = pairs["dimension_gaps"] + missing
    return (
        pairs["kbli_fit"].astype(bool)
        & (pairs["unknown_dimensions"] == 0)
        & ~pairs["eligible"].astype(bool)
        & (away >= 1)
        & (away <= max_gaps)
        & (missing <= max_certificates)
    )


_NEAR_COLUMNS = [
    "firm_id",
    "requirement_id",
    "buyer_id",
    "gaps",
    "missing_certificates",
    "path",
    "path_cost_idr",
    "path_months",
    "reachable",
]


def near_ready(
    pairs: pd.DataFrame,
    profile: pd.DataFrame,
    catalogue: Catalogue,
    requirements: pd.DataFrame,
    indicators: pd.DataFrame,
    max_gaps: int = MAX_GAPS,
    *,
    max_certificates: int = MAX_CERTIFICATES,
    gain="gain_mid",
    max_programmes: int | None = None,
) -> pd.DataFrame:
    """Firms one or two steps from a requirement they fit by KBLI, with their cheapest path.

    Parameters
    ----------
    pairs : pandas.DataFrame
        From :func:`~ikmpolicy.matching.requirement_gaps`.
    profile : pandas.DataFrame
        From :func:`~ikmpolicy.matching.firm_profile`.
    catalogue : Catalogue
    requirements, indicators : pandas.DataFrame
        The ``buyer_requirements`` and ``indicators`` tables.
    max_gaps, max_certificates : int
        Near-ready: at most ``max_gaps`` indicator gaps and certificates missing in all, of
        which at most ``max_certificates`` certificates (see :func:`near_mask`).
    gain, max_programmes
        See :class:`PathFinder`.

    Returns
    -------
    pandas.DataFrame
        ``firm_id``, ``requirement_id``, ``buyer_id``, ``gaps`` (tuple of indicators),
        ``missing_certificates``, ``path`` (tuple of programme ids in start order),
        ``path_cost_idr`` (rupiah per firm; NaN when not reachable), ``path_months`` (Int64;
        NA when unknown or not reachable), ``reachable``; by requirement, then reachable first,
        cheapest first, then firm.

    Examples
    --------
    >>> from ikmpolicy.programmes import _example_catalogue
    >>> cat = _example_catalogue()
    >>> ind = pd.DataFrame({"indicator": ["q"], "scale_min": [1.0], "scale_max": [5.0],
    ...                     "direction": [1]})
    >>> prof = pd.DataFrame({"kbli": "25111", "has_nib": [True, False], "has_sni": False,
    ...                      "has_iso9001": False, "q": [2.5, 2.5]},
    ...                     index=pd.Index(["a", "b"], name="firm_id"))
    >>> req = pd.DataFrame({"requirement_id": ["R1"], "buyer_id": ["ks"],
    ...                     "kbli": [("25111",)], "certificates": [("sni",)], "q": [3.0]})
    >>> from ikmpolicy.matching import requirement_gaps
    >>> near = near_ready(requirement_gaps(prof, req, ind), prof, cat, req, ind)
    >>> near[["firm_id", "path", "path_months", "reachable"]].values.tolist()
    [['a', ('train', 'cert'), 9, True], ['b', (), <NA>, False]]
    """
    for column in (
        "firm_id",
        "requirement_id",
        "kbli_fit",
        "dimension_gaps",
        "unknown_dimensions",
        "eligible",
        "missing_certificates",
    ):
        if column not in pairs.columns:
            raise MatchingError(
                f"pairs: missing column '{column}'; build them with "
                "ikmpolicy.matching.requirement_gaps"
            )
    reqs = requirement_arrays(requirements, indicators)
    finder = PathFinder(catalogue, indicators, gain, max_programmes)
    names = finder.indicators
    chosen = pairs[near_mask(pairs, max_gaps, max_certificates)]
    req_pos = {rid: k for k, rid in enumerate(reqs.ids)}
    unknown_req = set(chosen["requirement_id"]) - set(req_pos)
    if unknown_req:
        raise MatchingError(
            f"pairs: requirement(s) {', '.join(sorted(unknown_req))} are not in "
            "the requirements table given"
        )
    firm_scores = profile.reindex(columns=names).to_numpy(float)
    f_idx = pd.Index(profile.index).get_indexer(chosen["firm_id"])
    if (f_idx < 0).any():
        raise MatchingError(
            f"pairs: firm {chosen['firm_id'].to_numpy()[f_idx < 0][0]!r} is not in the profile"
        )
    r_idx = pd.Index(reqs.ids).get_indexer(chosen["requirement_id"])
    certs = np.zeros(len(profile), dtype=np.int64)
    for cert, bit in CERT_BITS.items():
        certs |= np.where(
            profile[f"has_{cert}"].astype("boolean").fillna(False).to_numpy(bool), bit, 0
        )
    short = chosen[[f"gap_{i}" for i in names]].to_numpy(float) > 0
    missing = reqs.cert_masks[r_idx] & ~certs[f_idx] & 7
    paths = (
        finder.find_many(
            firm_scores[f_idx], certs[f_idx], reqs.levels[r_idx], reqs.cert_masks[r_idx]
        )
        if len(f_idx)
        else []
    )
    bits = short.astype(np.int64) @ (1 << np.arange(len(names), dtype=np.int64))
    gap_tuples = {b: tuple(n for k, n in enumerate(names) if b >> k & 1) for b in set(bits)}
    months = [np.nan if np.isnan(p.months) else p.months for p in paths]
    out = pd.DataFrame(
        {
            "firm_id": np.asarray(profile.index, dtype=object)[f_idx],
            "requirement_id": reqs.ids[r_idx].astype(object),
            "buyer_id": reqs.buyer_ids[r_idx].astype(object),
            "gaps": pd.Series([gap_tuples[b] for b in bits], dtype=object),
            "missing_certificates": pd.Series(MASK_TUPLES[missing], dtype=object),
            "path": pd.Series([p.programmes for p in paths], dtype=object),
            "path_cost_idr": np.array([p.cost_idr for p in paths], dtype=float),
            "path_months": pd.array(
                [None if np.isnan(v) else round(v) for v in months], dtype="Int64"
            ),
            "reachable": np.array([p.reachable for p in paths], dtype=bool),
        },
        columns=_NEAR_COLUMNS,
    )
    out = out.sort_values(
        ["requirement_id", "reachable", "path_cost_idr", "firm_id"],
        ascending=[True, False, True, True],
        kind="stable",
        na_position="last",
    ).reset_index(drop=True)
    out.attrs.update(
        {
            "gain": gain if isinstance(gain, str) else "sampled",
            "max_gaps": max_gaps,
            "max_certificates": max_certificates,
        }
    )
    return out
