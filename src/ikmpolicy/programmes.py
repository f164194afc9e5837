"""The programme catalogue as data: what a programme costs, needs, delivers and changes.

A :class:`Catalogue` joins three tables of a dataset: ``interventions`` (one row per programme:
owner, unit cost, capacity, months to effect, certificates it delivers and needs),
``intervention_effects`` (expected gain per indicator for a participating firm, low / mid / high)
and ``intervention_prerequisites`` (lowest level a firm needs on an indicator before it can take
part). :func:`load_catalogue` checks the tables against each other and against the indicator
catalogue; :func:`can_take_part` says which firms may join a programme and
:func:`apply_programmes` moves a firm profile (:func:`ikmpolicy.matching.firm_profile`) by the
expected gains.

Conventions
-----------
* A gain is a number of scale points in the indicator's *good* direction: up for an indicator with
  ``direction`` +1, down for ``direction`` -1; the result is clipped to the indicator's scale.
* A prerequisite ``min_level`` is the level a firm must *reach*: at least ``min_level`` for
  direction +1, at most ``min_level`` for direction -1. A firm without a score on a prerequisite
  indicator cannot be shown to meet it, so it cannot take part (nothing is guessed).
* A missing certificate flag (``NA``) counts as not held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ikmpolicy.errors import InputError
from ikmpolicy.io import row_location
from ikmpolicy.schema import CERTIFICATES, TABLES

__all__ = [
    "Catalogue",
    "CatalogueError",
    "apply_programmes",
    "can_take_part",
    "load_catalogue",
]

#: Scores closer than this to a level count as reaching it (sums of gains such as 2.7 + 0.3 are
#: not exact in floating point).
EPS = 1e-9

#: The catalogue's columns after its key, as the schema declares them.
_PROGRAMME_COLUMNS = tuple(TABLES["interventions"].column_names[1:])
_LIST_COLUMNS = ("targets", "delivers", "prereq_certificates", "partner_helices", "themes")
_GAINS = ("gain_low", "gain_mid", "gain_high")


class CatalogueError(InputError):
    """A programme catalogue that cannot be used (unknown indicator, negative cost, ...)."""


def bad_value(
    frame: pd.DataFrame,
    index,
    table: str,
    column: str,
    value,
    expected: str,
    error: type[InputError] = InputError,
) -> InputError:
    """An error naming the file (or table), row, column, the value found and what was expected.

    Examples
    --------
    >>> f = pd.DataFrame({"unit_cost_idr": [-5.0], "_file": ["interventions.csv"], "_row": [4]})
    >>> str(bad_value(f, 0, "interventions", "unit_cost_idr", -5.0, "a cost of at least 0"))
    "interventions.csv, row 4, column 'unit_cost_idr': found -5.0; expected a cost of at least 0"
    """
    where = row_location(frame, index, table)
    if "_file" not in frame.columns:
        where = (
            f"table '{table}', " + where.split(", ", 1)[-1]
            if "_row" in frame.columns
            else f"table '{table}', index {index!r}"
        )
    return error(f"{where}, column '{column}': found {value!r}; expected {expected}")


def as_tuple(value) -> tuple:
    """A list cell as a tuple: tuples and lists as they are, ``'a;b'`` split, empty as ``()``.

    Examples
    --------
    >>> as_tuple("nib; sni"), as_tuple(None), as_tuple(("x",))
    (('nib', 'sni'), (), ('x',))
    """
    if isinstance(value, tuple):
        return value
    if isinstance(value, list | np.ndarray):
        return tuple(value)
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ()
    return tuple(item.strip() for item in str(value).split(";") if item.strip())


@dataclass(frozen=True)
class Catalogue:
    """The programme catalogue, checked.

    Attributes
    ----------
    programmes : pandas.DataFrame
        Index ``intervention_id``; ``name_id``, ``name_en``, ``owner_helix``, ``owner_id``,
        ``targets``, ``unit_cost_idr``, ``capacity``, ``months_to_effect`` (Int64, NA =
        unknown), ``delivers``, ``prereq_certificates``, ``partner_helices``, ``themes`` (tuples),
        ``synthetic``, ``source_id``, ``cost_source``.
    effects : pandas.DataFrame
        MultiIndex (``intervention_id``, ``indicator``): ``gain_low``, ``gain_mid``,
        ``gain_high``, ``source_id``.
    prerequisites : pandas.DataFrame
        MultiIndex (``intervention_id``, ``indicator``): ``min_level``, ``source_id``.
    indicators : pandas.DataFrame, optional
        The indicator catalogue the programmes were checked against (index ``indicator``;
        ``scale_min``, ``scale_max``, ``direction``), used by :func:`apply_programmes` and
        :func:`can_take_part` when no indicators are passed.
    """

    programmes: pd.DataFrame
    effects: pd.DataFrame
    prerequisites: pd.DataFrame
    indicators: pd.DataFrame | None = None

    def gain_matrix(self, gain="gain_mid", indicators: Iterable[str] | None = None) -> pd.DataFrame:
        """Gains as a programmes x indicators matrix (0 where a programme has no effect).

        Examples
        --------
        >>> cat = _example_catalogue()
        >>> cat.gain_matrix()["q"].tolist()
        [1.0, 0.0]
        """
        values = _gain_values(self, gain)
        cols = list(indicators) if indicators is not None else list(self.indicators.index)
        wide = values.unstack("indicator", fill_value=0.0) if len(values) else pd.DataFrame()
        return wide.reindex(index=self.programmes.index, columns=cols, fill_value=0.0).astype(float)

    def prerequisite_matrix(self, indicators: Iterable[str] | None = None) -> pd.DataFrame:
        """Prerequisite levels as a programmes x indicators matrix (NaN = none).

        Examples
        --------
        >>> _example_catalogue().prerequisite_matrix().loc["cert", "q"]
        np.float64(3.0)
        """
        cols = list(indicators) if indicators is not None else list(self.indicators.index)
        levels = self.prerequisites["min_level"]
        wide = levels.unstack("indicator") if len(levels) else pd.DataFrame()
        return wide.reindex(index=self.programmes.index, columns=cols).astype(float)


def _tables(dataset) -> Mapping[str, pd.DataFrame]:
    if isinstance(dataset, Mapping):
        return dataset
    return dataset.tables


def _indicator_meta(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicator catalogue indexed by id, with checked scale and direction."""
    frame = indicators.set_index("indicator") if "indicator" in indicators.columns else indicators
    missing = [c for c in ("scale_min", "scale_max", "direction") if c not in frame.columns]
    if missing:
        raise InputError(
            f"table 'indicators': missing column(s) {', '.join(missing)}; expected "
            "scale_min, scale_max and direction for every indicator"
        )
    meta = pd.DataFrame(
        {
            "scale_min": frame["scale_min"].astype(float),
            "scale_max": frame["scale_max"].astype(float),
            "direction": pd.to_numeric(frame["direction"]).astype(float),
        },
        index=pd.Index(frame.index.astype(str), name="indicator"),
    )
    if "dimension" in frame.columns:
        meta["dimension"] = frame["dimension"].astype(object).to_numpy()
    else:
        meta["dimension"] = meta.index.to_numpy()
    for pos, (name, row) in enumerate(meta.iterrows()):
        raw = indicators.iloc[[pos]].reset_index(drop="indicator" not in indicators.columns)
        if row["direction"] not in (1.0, -1.0):
            raise bad_value(
                raw,
                raw.index[0],
                "indicators",
                "direction",
                row["direction"],
                "+1 (higher is better) or -1 (higher is worse)",
            )
        if not row["scale_min"] < row["scale_max"]:
            raise bad_value(
                raw,
                raw.index[0],
                "indicators",
                "scale_max",
                row["scale_max"],
                f"a value above scale_min ({row['scale_min']:g}) for '{name}'",
            )
    return meta


def _check_programmes(frame: pd.DataFrame, known: set[str]) -> None:
    seen: dict[str, object] = {}
    for idx, row in frame.iterrows():
        iid = row["intervention_id"]
        if iid in seen:
            raise bad_value(
                frame,
                idx,
                "interventions",
                "intervention_id",
                iid,
                "a unique programme id (it appears twice)",
                CatalogueError,
            )
        seen[iid] = idx
        for item in as_tuple(row["targets"]):
            if item not in known:
                raise bad_value(
                    frame,
                    idx,
                    "interventions",
                    "targets",
                    item,
                    "an indicator of the indicators table (known: "
                    + ", ".join(sorted(known))
                    + ")",
                    CatalogueError,
                )
        cost = row["unit_cost_idr"]
        if pd.isna(cost) or float(cost) < 0:
            raise bad_value(
                frame,
                idx,
                "interventions",
                "unit_cost_idr",
                cost,
                "a cost per firm in rupiah of at least 0",
                CatalogueError,
            )
        for column in ("capacity", "months_to_effect"):
            value = row.get(column)
            if value is not None and not pd.isna(value) and float(value) < 0:
                raise bad_value(
                    frame,
                    idx,
                    "interventions",
                    column,
                    value,
                    "a whole number of at least 0",
                    CatalogueError,
                )
        for column in ("delivers", "prereq_certificates"):
            for item in as_tuple(row.get(column)):
                if item not in CERTIFICATES:
                    raise bad_value(
                        frame,
                        idx,
                        "interventions",
                        column,
                        item,
                        "certificates from: " + ", ".join(CERTIFICATES),
                        CatalogueError,
                    )


def _check_effects(frame: pd.DataFrame, programmes: pd.DataFrame, known: set[str]) -> None:
    seen: set[tuple] = set()
    for idx, row in frame.iterrows():
        iid, ind = row["intervention_id"], row["indicator"]
        if iid not in programmes.index:
            raise bad_value(
                frame,
                idx,
                "intervention_effects",
                "intervention_id",
                iid,
                "a programme of the interventions table",
                CatalogueError,
            )
        if ind not in known:
            raise bad_value(
                frame,
                idx,
                "intervention_effects",
                "indicator",
                ind,
                "an indicator of the indicators table (known: " + ", ".join(sorted(known)) + ")",
                CatalogueError,
            )
        targets = programmes.at[iid, "targets"]
        if ind not in targets:
            raise bad_value(
                frame,
                idx,
                "intervention_effects",
                "indicator",
                ind,
                f"one of the programme's targets ({', '.join(targets)}; see interventions.targets)",
                CatalogueError,
            )
        if (iid, ind) in seen:
            raise bad_value(
                frame,
                idx,
                "intervention_effects",
                "intervention_id+indicator",
                f"{iid}/{ind}",
                "each programme and indicator once",
                CatalogueError,
            )
        seen.add((iid, ind))
        gains = [row[c] for c in _GAINS]
        for column, value in zip(_GAINS, gains, strict=True):
            if pd.isna(value) or float(value) < 0:
                raise bad_value(
                    frame,
                    idx,
                    "intervention_effects",
                    column,
                    value,
                    "a gain in scale points of at least 0",
                    CatalogueError,
                )
        if not gains[0] <= gains[1] <= gains[2]:
            raise bad_value(
                frame,
                idx,
                "intervention_effects",
                "gain_mid",
                "/".join(f"{g:g}" for g in gains),
                "gain_low <= gain_mid <= gain_high",
                CatalogueError,
            )


def _check_prerequisites(frame: pd.DataFrame, programmes: pd.DataFrame, meta: pd.DataFrame) -> None:
    seen: set[tuple] = set()
    for idx, row in frame.iterrows():
        iid, ind, level = row["intervention_id"], row["indicator"], row["min_level"]
        if iid not in programmes.index:
            raise bad_value(
                frame,
                idx,
                "intervention_prerequisites",
                "intervention_id",
                iid,
                "a programme of the interventions table",
                CatalogueError,
            )
        if ind not in meta.index:
            raise bad_value(
                frame,
                idx,
                "intervention_prerequisites",
                "indicator",
                ind,
                "an indicator of the indicators table",
                CatalogueError,
            )
        if (iid, ind) in seen:
            raise bad_value(
                frame,
                idx,
                "intervention_prerequisites",
                "intervention_id+indicator",
                f"{iid}/{ind}",
                "each programme and indicator once",
                CatalogueError,
            )
        seen.add((iid, ind))
        lo, hi = meta.at[ind, "scale_min"], meta.at[ind, "scale_max"]
        if pd.isna(level) or not lo <= float(level) <= hi:
            raise bad_value(
                frame,
                idx,
                "intervention_prerequisites",
                "min_level",
                level,
                f"a level on the indicator's scale ({lo:g} to {hi:g})",
                CatalogueError,
            )


def load_catalogue(dataset) -> Catalogue:
    """Build the programme catalogue from a dataset and check it.

    Parameters
    ----------
    dataset : ikmpolicy.validation.Dataset or mapping of table name to DataFrame
        Needs ``interventions`` and ``indicators``; ``intervention_effects`` and
        ``intervention_prerequisites`` may be absent (no effects, no prerequisites).

    Returns
    -------
    Catalogue

    Raises
    ------
    CatalogueError
        Naming the file (or table), row, column, value and what was expected, for a programme
        targeting an unknown indicator, a negative cost, capacity or time, an unknown
        certificate, an effect for an unknown programme or for an indicator not in the
        indicator catalogue or not among the programme's targets, gains out of order, or a
        prerequisite level outside the indicator's scale.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["q"], "scale_min": [1.0], "scale_max": [5.0],
    ...                     "direction": [1]})
    >>> prog = pd.DataFrame({"intervention_id": ["train"], "targets": [("q",)],
    ...                      "unit_cost_idr": [5e6], "months_to_effect": [3]})
    >>> eff = pd.DataFrame({"intervention_id": ["train"], "indicator": ["q"], "gain_low": [0.2],
    ...                     "gain_mid": [0.5], "gain_high": [0.8], "source_id": ["x"]})
    >>> cat = load_catalogue({"interventions": prog, "intervention_effects": eff,
    ...                       "indicators": ind})
    >>> float(cat.effects.loc[("train", "q"), "gain_mid"])
    0.5
    >>> bad = prog.assign(unit_cost_idr=[-1.0])
    >>> load_catalogue({"interventions": bad, "indicators": ind})
    Traceback (most recent call last):
    ...
    ikmpolicy.programmes.CatalogueError: table 'interventions', index 0, column 'unit_cost_idr': \
found -1.0; expected a cost per firm in rupiah of at least 0
    """
    tables = _tables(dataset)
    meta = _indicator_meta(tables["indicators"])
    known = set(meta.index)
    raw = tables["interventions"]
    _check_programmes(raw, known)
    programmes = raw.set_index("intervention_id")
    programmes.index = programmes.index.astype(object)
    for column in _PROGRAMME_COLUMNS:
        if column not in programmes.columns:
            programmes[column] = (
                [() for _ in range(len(programmes))] if column in _LIST_COLUMNS else None
            )
    programmes = programmes[list(_PROGRAMME_COLUMNS)].copy()
    for column in _LIST_COLUMNS:
        programmes[column] = [as_tuple(v) for v in programmes[column]]
    programmes["unit_cost_idr"] = programmes["unit_cost_idr"].astype(float)
    programmes["months_to_effect"] = pd.array(
        [None if pd.isna(v) else int(v) for v in programmes["months_to_effect"]], dtype="Int64"
    )
    programmes["capacity"] = pd.array(
        [None if pd.isna(v) else int(v) for v in programmes["capacity"]], dtype="Int64"
    )

    effects_raw = _optional(
        tables, "intervention_effects", ["intervention_id", "indicator", *_GAINS, "source_id"]
    )
    _check_effects(effects_raw, programmes, known)
    effects = effects_raw.set_index(["intervention_id", "indicator"])[[*_GAINS, "source_id"]]
    effects[list(_GAINS)] = effects[list(_GAINS)].astype(float)

    prereq_raw = _optional(
        tables,
        "intervention_prerequisites",
        ["intervention_id", "indicator", "min_level", "source_id"],
    )
    _check_prerequisites(prereq_raw, programmes, meta)
    prerequisites = prereq_raw.set_index(["intervention_id", "indicator"])[
        ["min_level", "source_id"]
    ]
    prerequisites["min_level"] = prerequisites["min_level"].astype(float)
    return Catalogue(programmes, effects.sort_index(), prerequisites.sort_index(), meta)


def _optional(tables: Mapping[str, pd.DataFrame], name: str, columns: list[str]) -> pd.DataFrame:
    frame = tables.get(name) if isinstance(tables, Mapping) else None
    if frame is None:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    for column in columns:
        if column not in frame.columns:
            raise InputError(f"table '{name}': missing column '{column}'")
    return frame


def _meta_for(catalogue: Catalogue, indicators: pd.DataFrame | None) -> pd.DataFrame:
    if indicators is not None:
        return _indicator_meta(indicators)
    if catalogue.indicators is None:
        raise InputError(
            "the catalogue carries no indicator catalogue; pass `indicators` "
            "(the indicators table) to know each indicator's scale and direction"
        )
    return catalogue.indicators


def _gain_values(catalogue: Catalogue, gain) -> pd.Series:
    """The gain per (programme, indicator) to use: a column name or sampled values."""
    if isinstance(gain, str):
        if gain not in _GAINS:
            raise InputError(
                f"gain {gain!r}: expected one of {', '.join(_GAINS)} or sampled "
                "gains with the index of catalogue.effects"
            )
        return catalogue.effects[gain].astype(float)
    if isinstance(gain, pd.DataFrame):
        if gain.shape[1] != 1:
            raise InputError(
                "sampled gains: expected a Series, or a DataFrame with one column, "
                f"indexed like catalogue.effects; got {gain.shape[1]} columns"
            )
        gain = gain.iloc[:, 0]
    if not isinstance(gain, pd.Series):
        raise InputError(
            f"gain: expected a column name or a Series of sampled gains; got {type(gain).__name__}"
        )
    values = gain.reindex(catalogue.effects.index)
    if values.isna().any():
        absent = values.index[values.isna()][0]
        raise InputError(
            f"sampled gains: no value for programme {absent[0]!r}, indicator "
            f"{absent[1]!r}; expected one gain per row of catalogue.effects"
        )
    if (values < 0).any():
        bad = values.index[values < 0][0]
        raise InputError(f"sampled gains: {float(values[bad]):g} for {bad}; expected >= 0")
    return values.astype(float)


def _held(profile: pd.DataFrame, certificates: Iterable[str]) -> pd.Series:
    held = pd.Series(True, index=profile.index)
    for cert in certificates:
        column = f"has_{cert}"
        if column not in profile.columns:
            raise InputError(f"profile: missing column '{column}' (certificate {cert!r})")
        held &= profile[column].astype("boolean").fillna(False).astype(bool)
    return held


def _meets_levels(profile: pd.DataFrame, levels: pd.Series, meta: pd.DataFrame) -> pd.Series:
    """Whether each firm reaches every level (direction-aware); an absent score never does."""
    ok = pd.Series(True, index=profile.index)
    for indicator, level in levels.dropna().items():
        if indicator not in profile.columns:
            raise InputError(f"profile: missing the score column '{indicator}'")
        score = profile[indicator].astype(float)
        if meta.at[indicator, "direction"] > 0:
            ok &= score >= level - EPS
        else:
            ok &= score <= level + EPS
    return ok


def can_take_part(
    profile: pd.DataFrame,
    catalogue: Catalogue,
    intervention_id: str,
    indicators: pd.DataFrame | None = None,
) -> pd.Series:
    """Which firms can join a programme: they hold its prerequisite certificates and reach every
    prerequisite level (a firm without a score on a prerequisite indicator cannot).

    Parameters
    ----------
    profile : pandas.DataFrame
        Index ``firm_id``; ``has_<certificate>`` columns and one score column per indicator
        (see :func:`ikmpolicy.matching.firm_profile`).
    catalogue : Catalogue
    intervention_id : str
    indicators : pandas.DataFrame, optional
        The indicator table; by default the one the catalogue was checked against.

    Returns
    -------
    pandas.Series
        bool per ``firm_id``.

    Examples
    --------
    >>> cat = _example_catalogue()
    >>> prof = pd.DataFrame({"has_nib": [True, True, False], "has_sni": False,
    ...                      "has_iso9001": False, "q": [3.0, 2.0, 4.0]},
    ...                     index=pd.Index(["a", "b", "c"], name="firm_id"))
    >>> can_take_part(prof, cat, "cert").tolist()
    [True, False, False]
    """
    if intervention_id not in catalogue.programmes.index:
        raise InputError(
            f"programme {intervention_id!r}: not in the catalogue (known: "
            + ", ".join(map(str, catalogue.programmes.index))
            + ")"
        )
    meta = _meta_for(catalogue, indicators)
    row = catalogue.programmes.loc[intervention_id]
    ok = _held(profile, row["prereq_certificates"])
    if intervention_id in catalogue.prerequisites.index.get_level_values(0):
        levels = catalogue.prerequisites.loc[intervention_id, "min_level"]
        ok &= _meets_levels(profile, levels, meta)
    return ok.rename(intervention_id)


def apply_programmes(
    profile: pd.DataFrame,
    catalogue: Catalogue,
    intervention_ids: Iterable[str],
    gain="gain_mid",
    indicators: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The profile after the firms that can take part follow the programmes, in order.

    Each programme is taken in the order given; a firm joins when it can take part at that
    moment (:func:`can_take_part`), so a prerequisite may be met by an earlier programme. A
    participating firm's scores move by the gain in the indicator's good direction, clipped to
    the scale (a missing score stays missing: nothing is known to move), and the certificates the
    programme ``delivers`` become held. Firms that cannot take part are unchanged.

    Parameters
    ----------
    profile : pandas.DataFrame
        See :func:`can_take_part`.
    catalogue : Catalogue
    intervention_ids : iterable of str
    gain : str, pandas.Series or one-column pandas.DataFrame
        ``"gain_low"``, ``"gain_mid"`` (default) or ``"gain_high"``, or sampled gains indexed
        like ``catalogue.effects`` (Monte Carlo).
    indicators : pandas.DataFrame, optional
        The indicator table; by default the one the catalogue was checked against.

    Returns
    -------
    pandas.DataFrame
        A changed copy of ``profile``; ``.attrs["participants"]`` maps each programme to the
        number of firms that took part.

    Examples
    --------
    >>> cat = _example_catalogue()
    >>> prof = pd.DataFrame({"has_nib": [True, True], "has_sni": [False, False],
    ...                      "has_iso9001": False, "q": [2.5, 4.5]},
    ...                     index=pd.Index(["a", "b"], name="firm_id"))
    >>> after = apply_programmes(prof, cat, ["train", "cert"])
    >>> after["q"].tolist(), after["has_sni"].tolist()
    ([3.5, 5.0], [True, True])
    >>> apply_programmes(prof, cat, ["cert"])["has_sni"].tolist()  # a needs training first
    [False, True]
    """
    meta = _meta_for(catalogue, indicators)
    values = _gain_values(catalogue, gain)
    result = profile.copy()
    participants: dict[str, int] = {}
    for iid in intervention_ids:
        joins = can_take_part(result, catalogue, iid, meta.reset_index())
        participants[iid] = int(joins.sum())
        mask = joins.to_numpy(bool)
        if iid in values.index.get_level_values(0):
            for indicator, amount in values.loc[iid].items():
                if indicator not in result.columns:
                    raise InputError(f"profile: missing the score column '{indicator}'")
                lo, hi = meta.at[indicator, "scale_min"], meta.at[indicator, "scale_max"]
                sign = meta.at[indicator, "direction"]
                score = result[indicator].to_numpy(float).copy()
                score[mask] = np.clip(score[mask] + sign * amount, lo, hi)
                result[indicator] = score
        for cert in catalogue.programmes.at[iid, "delivers"]:
            held = result[f"has_{cert}"].astype("boolean").fillna(False).to_numpy(bool)
            result[f"has_{cert}"] = pd.array(held | mask, dtype="boolean")
    result.attrs["participants"] = participants
    return result


def _example_catalogue() -> Catalogue:
    """A two-programme catalogue for the examples: training raises q; cert needs q >= 3."""
    ind = pd.DataFrame(
        {"indicator": ["q"], "scale_min": [1.0], "scale_max": [5.0], "direction": [1]}
    )
    prog = pd.DataFrame(
        {
            "intervention_id": ["train", "cert"],
            "targets": [("q",), ("q",)],
            "unit_cost_idr": [5e6, 20e6],
            "months_to_effect": [3, 6],
            "delivers": [(), ("sni",)],
            "prereq_certificates": [(), ("nib",)],
        }
    )
    eff = pd.DataFrame(
        {
            "intervention_id": ["train"],
            "indicator": ["q"],
            "gain_low": [0.5],
            "gain_mid": [1.0],
            "gain_high": [1.5],
            "source_id": ["x"],
        }
    )
    pre = pd.DataFrame(
        {"intervention_id": ["cert"], "indicator": ["q"], "min_level": [3.0], "source_id": ["x"]}
    )
    return load_catalogue(
        {
            "interventions": prog,
            "intervention_effects": eff,
            "intervention_prerequisites": pre,
            "indicators": ind,
        }
    )
