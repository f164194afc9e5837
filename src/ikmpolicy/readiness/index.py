"""Build the readiness index and keep the whole construction in one record.

:func:`build_index` runs the steps of the OECD/JRC Handbook (2008) in order — missing data and
coverage, imputation, outlier treatment, normalisation, weighting, aggregation — with every
choice held in an :class:`IndexSpec`. The returned :class:`IndexRecord`, like COINr's "coin",
keeps the metadata, every choice and every intermediate table, can be written to Excel with
all steps (:meth:`IndexRecord.to_excel`) and rebuilt from itself or from that workbook
(:meth:`IndexRecord.rebuild`, :func:`read_record`).

Weights, two levels:

* ``indicator_weights`` (within a dimension): ``"metadata"`` (the ``weight`` column; empty means
  equal), ``"equal"``, ``"pca"`` (Handbook PCA within each dimension that has two or more
  indicators) or a mapping indicator → weight;
* ``dimension_weights`` (in the overall score): ``"metadata"`` (each dimension weighs the sum
  of its indicators' metadata weights when weights are given, else all dimensions are equal),
  ``"equal"``, ``"pca"`` (PCA on the dimension scores) or a mapping dimension → weight, e.g. the
  vector an AHP gives.

Firms whose share of observed indicators is below ``min_coverage`` are left out of the index
(their scores and ranks are NaN) and the reason is recorded per firm.

Privacy: the record keeps no personal data. Columns the schema marks personal (owner names and
phones) are dropped from the firms table where it enters :func:`build_index`, and a ``_file``
column (the loader's note of where a row came from) keeps the file name only, never the folder
it was read from. Groups of fewer than ``min_group`` firms (3 by default) are suppressed in every
group summary: the record, its workbook and its figures never describe one or two firms.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ikmpolicy.io import write_atomic
from ikmpolicy.profile import MIN_GROUP
from ikmpolicy.schema import TABLES
from ikmpolicy.workbook import safe_cell, unsafe_cell

from .aggregate import AGGREGATION_METHODS, ZERO_RULES, aggregate_levels
from .errors import IndexDataError, IndexSpecError
from .metadata import (
    dimensions,
    indicator_matrix,
    parse_metadata,
    select_indicators,
)
from .missing import (
    IMPUTATION_METHODS,
    Imputation,
    coverage_exclusions,
    impute,
    missing_by_firm,
    missing_by_indicator,
)
from .normalise import BOUNDED_METHODS, NORMALISATION_METHODS, normalise_with_metadata
from .outliers import OUTLIER_METHODS, Treatment, treat_outliers
from .weights import PCAWeights, check_weights, pca_weights

WEIGHT_SCHEMES = ("metadata", "equal", "pca")
EXCEL_MAX_ROWS = 1_048_575
#: Columns any table of the schema marks personal: never kept in a record.
PERSONAL_COLUMNS = frozenset(c for table in TABLES.values() for c in table.personal_columns)


@dataclass(frozen=True)
class IndexSpec:
    """Every choice made in building the index (defaults in brackets).

    Attributes
    ----------
    indicators : tuple of str or None
        Indicators used (all declared).
    imputation : str
        ``"none"``, ``"indicator_mean"``, ``"dimension_mean"``, ``"subsector_mean"`` ("none":
        aggregate over what exists).
    min_coverage : float
        Least share of indicators observed for a firm to be ranked (2/3).
    outliers : str
        ``"none"``, ``"winsorise"``, ``"log"``, ``"auto"`` ("auto", COINr's default). With
        goalposts or target normalisation, ``"auto"`` winsorises only, because a log changes
        the units the goalposts are written in.
    winmax, skew_thresh, kurt_thresh : int, float, float
        Outlier rule (5, 2, 3.5: COINr's defaults).
    normalisation : str
        ``"minmax"``, ``"zscore"``, ``"rank"``, ``"target"``, ``"goalposts"`` ("minmax", COINr's
        default).
    scale : tuple of float
        Range of bounded normalisations ((0, 100)).
    indicator_weights, dimension_weights : str or mapping
        See the module docstring ("metadata").
    dimension_method, overall_method : str
        Aggregation at each level ("arithmetic").
    zero : str
        Zero rule of geometric/harmonic means ("absorb").
    offset : float
        Shift for ``zero="offset"`` (1.0).
    group_columns : tuple of str
        Firm columns to summarise by (("sub_sector", "district")).
    min_group : int
        Groups with fewer firms are suppressed in summaries and figures (3).
    """

    indicators: tuple[str, ...] | None = None
    imputation: str = "none"
    min_coverage: float = 2 / 3
    outliers: str = "auto"
    winmax: int = 5
    skew_thresh: float = 2.0
    kurt_thresh: float = 3.5
    normalisation: str = "minmax"
    scale: tuple[float, float] = (0.0, 100.0)
    indicator_weights: str | Mapping[str, float] = "metadata"
    dimension_weights: str | Mapping[str, float] = "metadata"
    dimension_method: str = "arithmetic"
    overall_method: str = "arithmetic"
    zero: str = "absorb"
    offset: float = 1.0
    group_columns: tuple[str, ...] = ("sub_sector", "district")
    min_group: int = MIN_GROUP

    def __post_init__(self) -> None:
        checks = (
            ("imputation", IMPUTATION_METHODS),
            ("outliers", OUTLIER_METHODS),
            ("normalisation", NORMALISATION_METHODS),
            ("dimension_method", AGGREGATION_METHODS),
            ("overall_method", AGGREGATION_METHODS),
            ("zero", ZERO_RULES),
        )
        for name, allowed in checks:
            if getattr(self, name) not in allowed:
                raise IndexSpecError(
                    f"{name} {getattr(self, name)!r} is unknown; expected one of {list(allowed)}"
                )
        for name in ("indicator_weights", "dimension_weights"):
            v = getattr(self, name)
            if isinstance(v, str) and v not in WEIGHT_SCHEMES:
                raise IndexSpecError(
                    f"{name} {v!r} is unknown; expected one of "
                    f"{list(WEIGHT_SCHEMES)} or a mapping name -> weight"
                )
        if self.outliers == "log" and self.normalisation in ("goalposts", "target"):
            raise IndexSpecError(
                "outliers='log' changes the indicators' units, so the "
                f"{self.normalisation} written in those units would not apply; "
                "use 'winsorise', 'auto' or 'none'"
            )
        if (
            self.normalisation == "zscore"
            and "geometric" in (self.dimension_method, self.overall_method)
            or self.normalisation == "zscore"
            and "harmonic" in (self.dimension_method, self.overall_method)
        ):
            raise IndexSpecError(
                "z-scores are negative for below-average firms; geometric and "
                "harmonic means need values >= 0: use a bounded normalisation "
                f"{list(BOUNDED_METHODS)}"
            )
        if not 0 <= self.min_coverage <= 1:
            raise IndexSpecError(f"min_coverage must lie in [0, 1], got {self.min_coverage!r}")
        if not isinstance(self.min_group, int | np.integer) or self.min_group < 1:
            raise IndexSpecError(f"min_group must be a whole number >= 1, got {self.min_group!r}")

    def replace(self, **changes) -> IndexSpec:
        """A copy with some choices changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """Plain JSON-friendly dict (mappings become dicts, tuples lists)."""
        out = {}
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if isinstance(v, Mapping):
                v = {str(k): float(x) for k, x in v.items()}
            elif isinstance(v, tuple):
                v = list(v)
            out[f.name] = v
        return out

    @classmethod
    def from_dict(cls, d: Mapping) -> IndexSpec:
        """Inverse of :meth:`to_dict`; unknown keys raise :class:`IndexSpecError`."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = [k for k in d if k not in names]
        if unknown:
            raise IndexSpecError(f"index spec: unknown choice(s) {unknown}; known: {sorted(names)}")
        kw = dict(d)
        for k in ("indicators", "scale", "group_columns"):
            if kw.get(k) is not None:
                kw[k] = tuple(kw[k])
        return cls(**kw)


@dataclass
class IndexRecord:
    """The whole construction of one index (see the module docstring).

    Attributes
    ----------
    spec : IndexSpec
        Every choice.
    metadata : pandas.DataFrame
        Parsed indicator metadata (index: indicator).
    raw : pandas.DataFrame
        Indicator values as given, firms × indicators (index: firm_id).
    firms : pandas.DataFrame or None
        Firm attributes (index: firm_id).
    assessment_date : pandas.Timestamp or None
        Date of the assessments, when one was given.
    missing_firm, missing_indicator : pandas.DataFrame
        Missing-data reports.
    coverage : pandas.DataFrame
        Per firm: coverage, included, exclusion_reason.
    imputation : Imputation
        Imputed data (included firms) and a flag per filled cell.
    treatment : Treatment
        Treated data, flag per changed cell, skew/kurtosis per indicator before and after.
    normalised : pandas.DataFrame
        Normalised indicators (included firms).
    weights : pandas.DataFrame
        Per indicator: dimension, indicator_weight (within dimension), dimension_weight,
        effective_weight (their product).
    pca : dict
        ``"dimensions"`` and/or dimension ids → :class:`~.weights.PCAWeights`, when used.
    dimension_scores : pandas.DataFrame
        Firms × dimensions (all firms; NaN for excluded ones).
    overall : pandas.Series
        Overall score per firm (NaN for excluded firms).
    ranks : pandas.DataFrame
        Rank per dimension and ``overall`` (1 = most ready; ties share the best rank).
    notes : list of str
        What was decided on the way (fallbacks, exclusions).
    """

    spec: IndexSpec
    metadata: pd.DataFrame
    raw: pd.DataFrame
    firms: pd.DataFrame | None
    assessment_date: pd.Timestamp | None
    missing_firm: pd.DataFrame
    missing_indicator: pd.DataFrame
    coverage: pd.DataFrame
    imputation: Imputation
    treatment: Treatment
    normalised: pd.DataFrame
    weights: pd.DataFrame
    pca: dict = field(default_factory=dict)
    dimension_scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    overall: pd.Series = field(default_factory=pd.Series)
    ranks: pd.DataFrame = field(default_factory=pd.DataFrame)
    notes: list = field(default_factory=list)

    # ----------------------------------------------------------------- views
    @property
    def dimensions(self) -> dict[str, list[str]]:
        """Dimension → indicators."""
        return dimensions(self.metadata)

    @property
    def dimension_weights(self) -> pd.Series:
        """Dimension → weight in the overall score."""
        w = self.weights.drop_duplicates("dimension").set_index("dimension")["dimension_weight"]
        return w.reindex(list(self.dimensions))

    @property
    def included(self) -> pd.Series:
        """Firm → True when ranked."""
        return self.coverage["included"]

    def scores(self) -> pd.DataFrame:
        """Wide table: firm × (dimension scores, overall, ranks, included, exclusion_reason)."""
        out = self.dimension_scores.copy()
        out["overall"] = self.overall
        ranks = self.ranks.add_prefix("rank_")
        out = out.join(ranks)
        out["included"] = self.coverage["included"]
        out["exclusion_reason"] = self.coverage["exclusion_reason"]
        return out

    def results(self) -> pd.DataFrame:
        """Tidy table: one row per firm and level (each dimension, then ``overall``).

        Columns: ``firm_id``, ``level`` ("dimension" or "overall"), ``dimension`` (id, or
        "overall"), ``score``, ``rank``, ``n_ranked``, ``included``, ``exclusion_reason``,
        plus the firm's group columns when firms were given.
        """
        dims = list(self.dimension_scores.columns)
        names = dims + ["overall"]
        n = len(self.overall)
        k = len(names)
        score = np.column_stack([self.dimension_scores.to_numpy(), self.overall.to_numpy()])
        rank = self.ranks[names].to_numpy()
        firm_codes = np.repeat(np.arange(n), k)
        out = pd.DataFrame(
            {
                # categoricals keep a many-million-row long table small
                "firm_id": pd.Categorical.from_codes(
                    firm_codes, categories=self.overall.index.astype(str)
                )
                if self.overall.index.is_unique
                else np.repeat(self.overall.index, k),
                "level": pd.Categorical.from_codes(
                    np.tile((np.arange(k) == k - 1).astype(int), n),
                    categories=["dimension", "overall"],
                ),
                "dimension": pd.Categorical.from_codes(np.tile(np.arange(k), n), categories=names),
                "score": score.ravel(),
                "rank": rank.ravel(),
                "n_ranked": int(self.included.sum()),
                "included": np.repeat(self.coverage["included"].to_numpy(), k),
                "exclusion_reason": np.repeat(self.coverage["exclusion_reason"].to_numpy(), k),
            }
        )
        if self.firms is not None:
            for col in self.spec.group_columns:
                if col in self.firms.columns:
                    out[col] = np.repeat(self.firms[col].reindex(self.overall.index).to_numpy(), k)
        return out

    def strengths_weaknesses(self, n: int = 2) -> pd.DataFrame:
        """The dimensions that pull each firm's score up (strengths) and down (weaknesses).

        A dimension's *pull* on firm ``f`` is ``w_d × (s_fd − m_f)``, where ``w_d`` is the
        dimension weight, ``s_fd`` the dimension score and ``m_f`` the firm's weighted mean of its
        dimension scores. For an arithmetic overall score the pulls add up to zero and say how
        far each dimension moves the score away from a flat profile. Strengths are the ``n``
        largest positive pulls, weaknesses the ``n`` most negative; a flat profile has neither.

        Returns
        -------
        pandas.DataFrame
            Columns ``firm_id``, ``kind`` ("strength"/"weakness"), ``order`` (1 = strongest
            pull), ``dimension``, ``score``, ``pull``; ranked firms only.
        """
        mask = self.included.to_numpy()
        dims = np.asarray(self.dimension_scores.columns)
        x = self.dimension_scores.to_numpy()[mask]
        firm_ids = self.dimension_scores.index.to_numpy()[mask]
        w = self.dimension_weights.reindex(dims).to_numpy()
        obs = ~np.isnan(x)
        wm = np.where(obs, w, 0.0)
        mean = np.where(obs, x, 0.0) @ w / wm.sum(axis=1)
        pull = np.where(obs, w * (x - mean[:, None]), np.nan)
        n = max(1, min(int(n), len(dims)))
        frames = []
        for kind, sign in (("strength", 1.0), ("weakness", -1.0)):
            key = np.where(np.isnan(pull), -np.inf, sign * pull)
            order = np.argsort(-key, axis=1, kind="stable")[:, :n]
            rows = np.repeat(np.arange(len(x)), n)
            cols = order.ravel()
            p = pull[rows, cols]
            keep = sign * p > 1e-12
            frames.append(
                pd.DataFrame(
                    {
                        "firm_id": firm_ids[rows][keep],
                        "kind": kind,
                        "order": np.tile(np.arange(1, n + 1), len(x))[keep],
                        "dimension": dims[cols][keep],
                        "score": x[rows, cols][keep],
                        "pull": p[keep],
                    }
                )
            )
        out = pd.concat(frames, ignore_index=True)
        return out.sort_values(["firm_id", "kind", "order"], kind="stable").reset_index(drop=True)

    def group_summary(self, by: str, min_group: int | None = None) -> pd.DataFrame:
        """Scores of ranked firms summarised per group (e.g. ``"sub_sector"``, ``"district"``).

        Parameters
        ----------
        by : str
            Column of the firms table.
        min_group : int, optional
            Groups with fewer ranked firms are suppressed: their row keeps ``n_firms`` and
            ``suppressed=True``, every score is NaN. Default: the spec's ``min_group`` (3).

        Returns
        -------
        pandas.DataFrame
            One row per group: ``n_firms``, ``suppressed``, ``overall_mean``,
            ``overall_median``, ``overall_min``, ``overall_max``, ``rank_median`` and the mean
            of each dimension.
        """
        if self.firms is None or by not in self.firms.columns:
            raise IndexDataError(f"group summary: no firm column {by!r}; pass firms with it")
        min_group = self.spec.min_group if min_group is None else int(min_group)
        mask = self.included.to_numpy()  # positions, not labels: fast at millions of firms
        dims = list(self.dimension_scores.columns)
        df = pd.DataFrame(self.dimension_scores.to_numpy()[mask], columns=dims)
        df["overall"] = self.overall.to_numpy()[mask]
        df["rank"] = self.ranks["overall"].to_numpy()[mask]
        g = np.asarray(self.firms[by].to_numpy())[mask]
        grp = df.groupby(g, sort=True, dropna=False, observed=True)
        out = pd.DataFrame(
            {
                "n_firms": grp.size(),
                "overall_mean": grp["overall"].mean(),
                "overall_median": grp["overall"].median(),
                "overall_min": grp["overall"].min(),
                "overall_max": grp["overall"].max(),
                "rank_median": grp["rank"].median(),
            }
        )
        dim_means = grp[list(self.dimension_scores.columns)].mean().add_suffix("_mean")
        out = out.join(dim_means)
        small = out["n_firms"] < min_group
        out.loc[small, out.columns.drop("n_firms")] = np.nan
        out.insert(1, "suppressed", small)
        out.index.name = by
        return out

    def group_summaries(self) -> dict[str, pd.DataFrame]:
        """:meth:`group_summary` for every group column the firms table has."""
        if self.firms is None:
            return {}
        return {
            c: self.group_summary(c) for c in self.spec.group_columns if c in self.firms.columns
        }

    # ------------------------------------------------------------ rebuilding
    def rebuild(self, **changes) -> IndexRecord:
        """Build the index again from this record's inputs and spec (optionally changed)."""
        return build_index(
            _assessments_from(self.raw, self.assessment_date),
            self.metadata.reset_index(),
            self.firms_frame(),
            spec=self.spec.replace(**changes) if changes else self.spec,
        )

    def firms_frame(self) -> pd.DataFrame | None:
        """The firms table as given (firm_id as a column)."""
        return None if self.firms is None else self.firms.reset_index()

    def sheets(self) -> dict[str, pd.DataFrame]:
        """Every table of the construction, in pipeline order, as Excel would hold them."""
        spec = pd.DataFrame(
            {
                "choice": list(self.spec.to_dict()),
                "value": [json.dumps(v) for v in self.spec.to_dict().values()],
            }
        )
        if self.assessment_date is not None:
            spec.loc[len(spec)] = [
                "assessment_date",
                json.dumps(pd.Timestamp(self.assessment_date).isoformat()),
            ]
        out = {
            "spec": spec,
            "metadata": self.metadata.reset_index(),
            "raw": self.raw.reset_index(),
            "missing_by_firm": self.missing_firm.reset_index(),
            "missing_by_indicator": self.missing_indicator.reset_index(),
            "coverage": self.coverage.reset_index(),
            "imputed": self.imputation.data.reset_index(),
            "imputation_flags": self.imputation.flag_labels().reset_index(),
            "outliers": self.treatment.details.reset_index(),
            "treated": self.treatment.data.reset_index(),
            "treatment_flags": self.treatment.flag_labels().reset_index(),
            "normalised": self.normalised.reset_index(),
            "weights": self.weights.reset_index(),
        }
        for key, p in self.pca.items():
            out[f"pca_{key}"[:31]] = _pca_table(p)
        out["dimension_scores"] = self.dimension_scores.reset_index()
        out["scores"] = self.scores().reset_index()
        out["results"] = self.results()
        out["strengths_weaknesses"] = self.strengths_weaknesses()
        for by, table in self.group_summaries().items():
            out[f"groups_{by}"[:31]] = table.reset_index()
        out["notes"] = pd.DataFrame({"note": self.notes})
        if self.firms is not None:
            out["firms"] = self.firms.reset_index()
        return out

    def to_excel(self, path: str | Path) -> Path:
        """Write every step to one workbook (openpyxl), one sheet per table.

        The workbook holds the spec, metadata, raw data and firms, so :func:`read_record`
        rebuilds the same index from it.

        Raises
        ------
        IndexDataError
            More firms than an Excel sheet has rows.
        """
        if len(self.raw) * (len(self.dimension_scores.columns) + 1) > EXCEL_MAX_ROWS:
            raise IndexDataError(
                f"{len(self.raw)} firms do not fit an Excel sheet "
                f"({EXCEL_MAX_ROWS} rows); export a sample or use CSV/parquet"
            )
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as xw:
            for name, table in self.sheets().items():
                t = table.copy()
                for c in t.columns:  # Excel has no categorical or tz-aware types
                    if isinstance(t[c].dtype, pd.CategoricalDtype):
                        t[c] = t[c].astype(object)
                    if not pd.api.types.is_numeric_dtype(t[c]):
                        # text from the data must not run as a formula in the reader's Excel
                        t[c] = t[c].map(safe_cell)
                t.to_excel(xw, sheet_name=name, index=False)
        return write_atomic(path, buffer.getvalue())


def _pca_table(p: PCAWeights) -> pd.DataFrame:
    t = p.rotated.add_prefix("rotated_").join(p.loadings.add_prefix("loading_"))
    t["component"] = p.assignment
    t["weight"] = p.weights
    t = t.reset_index(names="item")
    ev = pd.DataFrame(
        {
            "item": [f"eigenvalue_{k}" for k in p.eigenvalues.index],
            "weight": p.eigenvalues.to_numpy(),
        }
    )
    return pd.concat([t, ev], ignore_index=True)


def _assessments_from(raw: pd.DataFrame, date) -> pd.DataFrame:
    out = raw.reset_index()
    if date is not None:
        out.insert(1, "assessment_date", pd.Timestamp(date))
    return out


def read_record(path: str | Path) -> IndexRecord:
    """Rebuild an index from a workbook written by :meth:`IndexRecord.to_excel`.

    Only the ``spec``, ``metadata``, ``raw`` and ``firms`` sheets are read; everything else is
    recomputed, so the result equals the record that was exported.
    """
    sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    for need in ("spec", "metadata", "raw"):
        if need not in sheets:
            raise IndexDataError(
                f"workbook {str(path)!r} has no sheet {need!r}; "
                "was it written by IndexRecord.to_excel?"
            )
    spec_sheet = pd.read_excel(
        path, sheet_name="spec", engine="openpyxl", dtype=str, keep_default_na=False
    )  # "null" must stay JSON text
    d = {r.choice: json.loads(r.value) for r in spec_sheet.itertuples()}
    date = d.pop("assessment_date", None)
    spec = IndexSpec.from_dict(d)
    sheets = {name: frame.map(unsafe_cell) for name, frame in sheets.items()}
    raw = sheets["raw"]
    raw["firm_id"] = raw["firm_id"].astype(str)
    if date is not None:
        raw.insert(1, "assessment_date", pd.Timestamp(date))
    firms = sheets.get("firms")
    if firms is not None:
        firms["firm_id"] = firms["firm_id"].astype(str)
    return build_index(raw, sheets["metadata"], firms, spec=spec)


# ---------------------------------------------------------------------- build
def _without_private(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without personal columns, and ``_file`` reduced to the file's name.

    Examples
    --------
    >>> f = pd.DataFrame({"firm_id": ["A"], "owner_phone": ["+62 800"],
    ...                   "_file": ["/home/me/data/firms.csv"]})
    >>> _without_private(f).to_dict("list")
    {'firm_id': ['A'], '_file': ['firms.csv']}
    """
    if not isinstance(frame, pd.DataFrame):
        return frame  # the caller's own check names the problem
    personal = [c for c in frame.columns if c in PERSONAL_COLUMNS]
    out = frame.drop(columns=personal) if personal else frame
    if "_file" in out.columns:
        # the last part of a POSIX or Windows path: no folder of the analyst's machine is kept
        out = out.assign(
            _file=out["_file"].map(lambda p: p if pd.isna(p) else re.split(r"[\\/]", str(p))[-1])
        )
    return out


def _resolve_weights(
    spec: IndexSpec, meta: pd.DataFrame, dims: dict[str, list[str]], norm: pd.DataFrame, notes: list
) -> tuple[pd.Series, pd.Series, dict]:
    pca: dict = {}
    meta_w = meta["weight"]
    have_meta = meta_w.notna().all()
    # indicator weights, re-normalised within each dimension
    iw = spec.indicator_weights
    if isinstance(iw, str):
        if iw == "metadata" and have_meta:
            raw_i = meta_w.astype(float)
        elif iw == "pca":
            raw_i = pd.Series(1.0, index=meta.index)
            for d, inds in dims.items():
                if len(inds) >= 2:
                    p = pca_weights(norm[inds])
                    pca[d] = p
                    raw_i[inds] = p.weights
                else:
                    notes.append(
                        f"PCA indicator weights: dimension {d!r} has one indicator; its weight is 1"
                    )
        else:
            raw_i = pd.Series(1.0, index=meta.index)
    else:
        raw_i = check_weights(iw, list(meta.index), "indicator weights")
    within = pd.Series(np.nan, index=meta.index)
    for d, inds in dims.items():
        s = raw_i[inds].sum()
        if s <= 0:
            raise IndexSpecError(f"dimension {d!r}: its indicators' weights are all zero")
        within[inds] = raw_i[inds] / s
    # dimension weights
    dw = spec.dimension_weights
    names = list(dims)
    if isinstance(dw, str):
        if dw == "metadata" and have_meta:
            dimw = check_weights(
                [meta_w[inds].sum() for inds in dims.values()],
                names,
                "dimension weights (from metadata)",
            )
        elif dw == "pca":
            if len(names) < 2:
                raise IndexSpecError("PCA dimension weights need at least two dimensions")
            # PCA on provisional dimension scores (arithmetic within dimension)
            prov = pd.DataFrame(
                {
                    d: (norm[inds] * within[inds]).sum(axis=1, min_count=1)
                    / norm[inds].notna().mul(within[inds]).sum(axis=1)
                    for d, inds in dims.items()
                }
            )
            p = pca_weights(prov)
            pca["dimensions"] = p
            dimw = p.weights
        else:
            dimw = check_weights(None, names)
    else:
        dimw = check_weights(dw, names, "dimension weights")
    return within, dimw, pca


def build_index(
    assessments: pd.DataFrame,
    metadata: pd.DataFrame,
    firms: pd.DataFrame | None = None,
    spec: IndexSpec | None = None,
    **choices,
) -> IndexRecord:
    """Build the readiness index from one date's assessments and the indicator metadata.

    Parameters
    ----------
    assessments : pandas.DataFrame
        Wide: ``firm_id``, optionally ``assessment_date`` (one date only), one column per
        indicator; other columns are ignored.
    metadata : pandas.DataFrame
        Indicator metadata, the ``indicators`` table (see :func:`~.metadata.parse_metadata`).
    firms : pandas.DataFrame, optional
        ``firm_id`` plus group columns (``sub_sector``, ``district``, ...); needed for
        ``imputation="subsector_mean"`` and group summaries.
    spec : IndexSpec, optional
        All choices; defaults to ``IndexSpec()``.
    **choices
        Override fields of ``spec``, e.g. ``normalisation="goalposts"``.

    Returns
    -------
    IndexRecord

    Raises
    ------
    IndexSpecError
        A bad choice or indicator table, with the choice or indicator named.
    IndexDataError
        Assessments or firms that cannot be used (a score outside its scale, a firm assessed
        twice, several dates, no firm with enough data to be ranked), with the firm named.

    Examples
    --------
    >>> import pandas as pd
    >>> meta = pd.DataFrame({"indicator": ["q", "t"], "dimension": ["quality", "tech"],
    ...                      "scale_min": 1, "scale_max": 5, "direction": 1})
    >>> data = pd.DataFrame({"firm_id": ["A", "B", "C"], "q": [5, 3, 1], "t": [4, 4, 2]})
    >>> rec = build_index(data, meta)
    >>> rec.overall.round(1).tolist(), rec.ranks["overall"].tolist()
    ([100.0, 75.0, 0.0], [1.0, 2.0, 3.0])
    """
    spec = (spec or IndexSpec()).replace(**choices) if choices else (spec or IndexSpec())
    if not isinstance(assessments, pd.DataFrame):
        raise IndexDataError(f"assessments must be a DataFrame, got {type(assessments).__name__}")
    notes: list[str] = []
    meta = select_indicators(parse_metadata(_without_private(metadata)), spec.indicators)
    date = None
    if "assessment_date" in assessments.columns:
        dates = pd.unique(assessments["assessment_date"].dropna())
        if len(dates) > 1:
            raise IndexDataError(
                f"assessments hold {len(dates)} dates; build_index takes one "
                "date (filter first; change_over_time compares two)"
            )
        date = pd.Timestamp(dates[0]) if len(dates) else None
    raw = indicator_matrix(assessments, meta)
    dims = dimensions(meta)
    fr = None
    if firms is not None:
        if "firm_id" not in firms.columns:
            raise IndexDataError("firms: missing column 'firm_id'")
        fr = _without_private(firms).set_index("firm_id")
        if not fr.index.equals(raw.index):  # aligned already (the usual case): no look-up
            if not fr.index.is_unique:
                fr = fr[~fr.index.duplicated()]
            pos = fr.index.get_indexer(raw.index)
            if (pos < 0).any():
                notes.append(
                    f"{int((pos < 0).sum())} assessed firm(s) missing from the firms "
                    f"table, e.g. {raw.index[pos < 0][0]!r}; their groups are unknown"
                )
            fr = fr.reindex(raw.index)
    missing_f = missing_by_firm(raw, meta["dimension"])
    missing_i = missing_by_indicator(raw)
    cov = coverage_exclusions(raw, spec.min_coverage)
    inc = cov["included"].to_numpy()
    if not inc.any():
        raise IndexDataError(
            f"no firm reaches min_coverage={spec.min_coverage:.2f}; lower it or supply data"
        )
    if not inc.all():
        notes.append(f"{int((~inc).sum())} firm(s) left out of the ranking for low coverage")
    work = raw if inc.all() else raw.loc[inc]
    groups = None
    if spec.imputation == "subsector_mean":
        if fr is None or "sub_sector" not in fr.columns:
            raise IndexSpecError(
                "imputation 'subsector_mean' needs firms with a 'sub_sector' column"
            )
        groups = fr["sub_sector"] if work is raw else fr["sub_sector"][inc]
    imp = impute(
        work,
        spec.imputation,
        dimension_of=meta["dimension"],
        groups=groups,
        directions=meta["direction"].reindex(work.columns),
    )
    method = spec.outliers
    if method == "auto" and spec.normalisation in ("goalposts", "target"):
        method = "winsorise"
        notes.append("outliers 'auto' ran as 'winsorise': a log would break the goalposts")
    treat = treat_outliers(
        imp.data,
        method,
        winmax=spec.winmax,
        skew_thresh=spec.skew_thresh,
        kurt_thresh=spec.kurt_thresh,
    )
    norm = normalise_with_metadata(treat.data, meta, spec.normalisation, scale=spec.scale)
    within, dimw, pca = _resolve_weights(spec, meta, dims, norm, notes)
    weights = pd.DataFrame(
        {
            "dimension": meta["dimension"],
            "indicator_weight": within,
            "dimension_weight": meta["dimension"].map(dimw).astype(float),
        }
    )
    weights["effective_weight"] = weights["indicator_weight"] * weights["dimension_weight"]
    dim_scores, overall = aggregate_levels(
        norm, dims, within, dimw, spec.dimension_method, spec.overall_method, spec.zero, spec.offset
    )
    if not inc.all():  # excluded firms: NaN, placed by position (no label look-up)
        full = np.full((len(raw), dim_scores.shape[1]), np.nan)
        full[inc] = dim_scores.to_numpy()
        dim_scores = pd.DataFrame(full, index=raw.index, columns=dim_scores.columns, copy=False)
        o = np.full(len(raw), np.nan)
        o[inc] = overall.to_numpy()
        overall = pd.Series(o, index=raw.index)
    overall.name = "overall"
    ranks = _ranks(dim_scores, overall)
    return IndexRecord(
        spec=spec,
        metadata=meta,
        raw=raw,
        firms=fr,
        assessment_date=date,
        missing_firm=missing_f,
        missing_indicator=missing_i,
        coverage=cov,
        imputation=imp,
        treatment=treat,
        normalised=norm,
        weights=weights,
        pca=pca,
        dimension_scores=dim_scores,
        overall=overall,
        ranks=ranks,
        notes=notes,
    )


#: Scores closer than this count as tied (a matrix product may sum in another order).
TIE_TOLERANCE = 1e-9


def rank_rows(S: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Ranks within each row of a 2-D array: 1 = highest, ties share the best rank ("min").

    Values within :data:`TIE_TOLERANCE` of their neighbour in sorted order are tied. NaN ranks
    last. Vectorised: one ``argsort`` per row, no loop over firms. ``out`` (an int array of
    the same shape) receives the ranks when given.

    Examples
    --------
    >>> rank_rows(np.array([[3.0, 5.0, 3.0, 1.0]])).tolist()
    [[2, 1, 2, 4]]
    """
    S = np.asarray(S, dtype=float)
    neg = -S
    nan = np.isnan(neg)
    if nan.any():
        neg[nan] = np.inf
    order = np.argsort(neg, axis=1)
    sv = np.take_along_axis(neg, order, axis=1)
    n = S.shape[1]
    itype = np.int32 if n < 2**31 - 1 else np.int64
    start = np.zeros(S.shape, dtype=itype)
    if n > 1:
        # position where each run of tied values starts, carried forward along the row
        new = sv[:, 1:] - sv[:, :-1] > TIE_TOLERANCE
        start[:, 1:] = np.where(new, np.arange(1, n, dtype=itype)[None, :], 0)
        np.maximum.accumulate(start, axis=1, out=start)
    start += 1
    if out is None:
        out = np.empty(S.shape, dtype=itype)
    np.put_along_axis(out, order, start, axis=1)
    return out


def rank_desc(values: np.ndarray) -> np.ndarray:
    """Rank 1 = highest value; ties (within 1e-9) share the best rank ("min"); NaN stays NaN.

    Same tie rule as :func:`rank_rows`. When the values take few distinct levels (scores built
    from 1–5 answers do), they are hashed (``pandas.factorize``) and only the distinct values
    are sorted, which is several times faster than sorting millions of firms.

    Examples
    --------
    >>> rank_desc(np.array([3.0, 5.0, 3.0, np.nan])).tolist()
    [2.0, 1.0, 2.0, nan]
    """
    v = np.asarray(values, dtype=float)
    out = np.full(v.shape, np.nan)
    obs = ~np.isnan(v)
    if not obs.any():
        return out
    vo = v[obs]
    if vo.size < 10_000:
        out[obs] = rank_rows(vo[None, :])[0]
        return out
    codes, uniq = pd.factorize(vo)
    k = len(uniq)
    if k > vo.size // 8:  # mostly distinct values: hashing does not pay, sort everything
        out[obs] = rank_rows(vo[None, :])[0]
        return out
    order = np.argsort(-uniq)
    su = -uniq[order]
    counts = np.bincount(codes, minlength=k)[order]
    before = np.concatenate([[0], np.cumsum(counts)[:-1]])  # values ranked above each level
    new = np.ones(k, dtype=bool)
    new[1:] = ~(su[1:] - su[:-1] <= TIE_TOLERANCE)
    start = np.maximum.accumulate(np.where(new, before, 0))
    rank_u = np.empty(k)
    rank_u[order] = start + 1
    out[obs] = rank_u[codes]
    return out


def _ranks(dim_scores: pd.DataFrame, overall: pd.Series) -> pd.DataFrame:
    cols = [dim_scores[d].to_numpy() for d in dim_scores.columns] + [overall.to_numpy()]
    if len(overall) >= 200_000:  # numpy's sort releases the GIL: rank two levels at a time
        with ThreadPoolExecutor(max(1, min(2, os.cpu_count() or 1))) as ex:
            ranked = list(ex.map(rank_desc, cols))
    else:
        ranked = [rank_desc(c) for c in cols]
    data = dict(zip(list(dim_scores.columns) + ["overall"], ranked, strict=False))
    out = pd.DataFrame(data, index=overall.index, copy=False)
    out.columns.name = "level"
    return out
