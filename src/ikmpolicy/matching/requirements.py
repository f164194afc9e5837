"""Buyer requirements and firm profiles as arrays, checked once (the kernels' inputs)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ikmpolicy.programmes import _indicator_meta, as_tuple, bad_value
from ikmpolicy.schema import CERTIFICATES, TABLES

from ._errors import MatchingError
from .profile import indicator_ids

_FIXED = frozenset(TABLES["buyer_requirements"].column_names) | {"_row", "_file"}
#: Bit of each certificate in a certificate mask (nib = 1, sni = 2, iso9001 = 4).
CERT_BITS = {cert: 1 << k for k, cert in enumerate(CERTIFICATES)}


def _mask_tuples() -> np.ndarray:
    """Certificate tuple of every mask 0..7, in catalogue order, shared objects."""
    out = np.empty(1 << len(CERTIFICATES), dtype=object)
    for mask in range(len(out)):
        out[mask] = tuple(c for c in CERTIFICATES if mask & CERT_BITS[c])
    return out


MASK_TUPLES = _mask_tuples()


def cert_mask(certificates) -> int:
    """Bit mask of a tuple of certificates.

    Examples
    --------
    >>> cert_mask(("nib", "iso9001")), MASK_TUPLES[5]
    (5, ('nib', 'iso9001'))
    """
    return sum(CERT_BITS[c] for c in set(certificates))


@dataclass(frozen=True)
class RequirementArrays:
    """Requirements as arrays: ids, levels (requirements x indicators, NaN = none), KBLI
    lists, certificate masks, yearly volume and unit, supplier limits."""

    ids: np.ndarray
    buyer_ids: np.ndarray
    levels: np.ndarray
    kbli: tuple[tuple[str, ...], ...]
    cert_masks: np.ndarray
    volume: np.ndarray
    unit: np.ndarray
    max_suppliers: np.ndarray  # float, NaN = no limit given
    meta: pd.DataFrame  # indicator catalogue (index indicator): scale_min/max, direction


def _unknown_indicator_columns(requirements: pd.DataFrame, known: list[str]) -> None:
    for column in requirements.columns:
        if column in _FIXED or column in known:
            continue
        values = requirements[column]
        filled = values.notna() & (values.astype(str).str.strip() != "")
        if filled.any():
            idx = requirements.index[filled.to_numpy()][0]
            raise bad_value(
                requirements,
                idx,
                "buyer_requirements",
                column,
                values[idx],
                "a level for an indicator of the indicators table (known: "
                + ", ".join(known)
                + "); this column names no indicator",
                MatchingError,
            )


def _check_levels(requirements: pd.DataFrame, meta: pd.DataFrame) -> np.ndarray:
    levels = np.full((len(requirements), len(meta)), np.nan)
    for j, indicator in enumerate(meta.index):
        if indicator not in requirements.columns:
            continue  # an absent column sets no level, as an empty one
        column = pd.to_numeric(requirements[indicator], errors="coerce").astype(float)
        bad = (
            column.isna()
            & requirements[indicator].notna()
            & (requirements[indicator].astype(str).str.strip() != "")
        )
        lo, hi = meta.at[indicator, "scale_min"], meta.at[indicator, "scale_max"]
        bad |= (column < lo) | (column > hi)
        if bad.any():
            idx = requirements.index[bad.to_numpy()][0]
            raise bad_value(
                requirements,
                idx,
                "buyer_requirements",
                indicator,
                requirements.at[idx, indicator],
                f"a level on the indicator's scale ({lo:g} to {hi:g}) or empty",
                MatchingError,
            )
        levels[:, j] = column.to_numpy()
    return levels


def _check_row(requirements: pd.DataFrame, idx, row, seen: set) -> tuple:
    rid = row["requirement_id"]
    if rid in seen:
        raise bad_value(
            requirements,
            idx,
            "buyer_requirements",
            "requirement_id",
            rid,
            "a unique requirement id",
            MatchingError,
        )
    seen.add(rid)
    kbli = tuple(str(k).strip() for k in as_tuple(row["kbli"]))
    if not kbli:
        raise bad_value(
            requirements,
            idx,
            "buyer_requirements",
            "kbli",
            row["kbli"],
            "at least one KBLI 2020 code",
            MatchingError,
        )
    certs = as_tuple(row.get("certificates"))
    for cert in certs:
        if cert not in CERTIFICATES:
            raise bad_value(
                requirements,
                idx,
                "buyer_requirements",
                "certificates",
                cert,
                "certificates from: " + ", ".join(CERTIFICATES),
                MatchingError,
            )
    volume = row.get("yearly_volume")
    if volume is not None and not pd.isna(volume) and float(volume) < 0:
        raise bad_value(
            requirements,
            idx,
            "buyer_requirements",
            "yearly_volume",
            volume,
            "a yearly volume of at least 0",
            MatchingError,
        )
    limit = row.get("max_suppliers")
    if limit is not None and not pd.isna(limit) and float(limit) < 1:
        raise bad_value(
            requirements,
            idx,
            "buyer_requirements",
            "max_suppliers",
            limit,
            "at least 1 supplier, or empty for no limit",
            MatchingError,
        )
    return kbli, cert_mask(certs)


def requirement_arrays(requirements: pd.DataFrame, indicators: pd.DataFrame) -> RequirementArrays:
    """Check the ``buyer_requirements`` table against the indicator catalogue; return arrays.

    Raises :class:`~ikmpolicy.matching.MatchingError` naming file (or table), row and column
    for a level given for an unknown indicator, a level off the indicator's scale, an unknown
    certificate, an empty KBLI list, a duplicate id, a negative volume or a supplier limit
    below 1.

    Examples
    --------
    >>> ind = pd.DataFrame({"indicator": ["q"], "scale_min": [1.0], "scale_max": [5.0],
    ...                     "direction": [1]})
    >>> req = pd.DataFrame({"requirement_id": ["R1"], "buyer_id": ["b"], "kbli": [("25111",)],
    ...                     "certificates": [("nib",)], "q": [3.0]})
    >>> requirement_arrays(req, ind).levels.tolist()
    [[3.0]]
    >>> requirement_arrays(req.assign(innovation=[4.0]), ind)
    Traceback (most recent call last):
    ...
    ikmpolicy.matching._errors.MatchingError: table 'buyer_requirements', index 0, column \
'innovation': found np.float64(4.0); expected a level for an indicator of the indicators table \
(known: q); this column names no indicator
    """
    meta = _indicator_meta(indicators)
    known = indicator_ids(indicators)
    for column in ("requirement_id", "buyer_id", "kbli"):
        if column not in requirements.columns:
            raise MatchingError(f"table 'buyer_requirements': missing column '{column}'")
    _unknown_indicator_columns(requirements, known)
    levels = _check_levels(requirements, meta)
    seen: set = set()
    kbli, masks = [], []
    for idx, row in requirements.iterrows():
        codes, mask = _check_row(requirements, idx, row, seen)
        kbli.append(codes)
        masks.append(mask)
    n = len(requirements)

    def numbers(name):
        if name not in requirements.columns:
            return np.full(n, np.nan)
        return pd.to_numeric(requirements[name], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan
        )

    units = np.full(n, None, dtype=object)
    if "volume_unit" in requirements.columns:
        for k, value in enumerate(requirements["volume_unit"]):
            units[k] = None if value is None or pd.isna(value) else str(value).strip().lower()
    return RequirementArrays(
        ids=requirements["requirement_id"].astype(object).to_numpy(),
        buyer_ids=requirements["buyer_id"].astype(object).to_numpy(),
        levels=levels,
        kbli=tuple(kbli),
        cert_masks=np.array(masks, dtype=np.int64),
        volume=numbers("yearly_volume"),
        unit=units,
        max_suppliers=numbers("max_suppliers"),
        meta=meta,
    )


@dataclass(frozen=True)
class FirmArrays:
    """Firm profile as arrays: scores (firms x indicators), KBLI and capacity unit as codes
    into their distinct values (-1 = none), certificate masks, capacity."""

    ids: np.ndarray
    scores: np.ndarray
    kbli_codes: np.ndarray
    kbli_values: tuple[str, ...]
    cert_masks: np.ndarray
    capacity: np.ndarray
    unit_codes: np.ndarray
    unit_values: tuple[str, ...]


def _factor(values: pd.Series, lower: bool = False) -> tuple[np.ndarray, tuple[str, ...]]:
    """Codes into the distinct stripped values (hash-based: fast for millions of rows)."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    cleaned = [str(u).strip() for u in uniques]
    cleaned = [u.lower() for u in cleaned] if lower else cleaned
    return codes.astype(np.int64), tuple(cleaned)


def firm_arrays(profile: pd.DataFrame, meta: pd.DataFrame) -> FirmArrays:
    """The arrays of a firm profile (see :func:`~ikmpolicy.matching.firm_profile`).

    Examples
    --------
    >>> meta = pd.DataFrame({"scale_min": [1.0], "scale_max": [5.0], "direction": [1.0]},
    ...                     index=pd.Index(["q"], name="indicator"))
    >>> prof = pd.DataFrame({"kbli": ["25111"], "has_nib": [True], "has_sni": [None],
    ...                      "has_iso9001": [True], "q": [2.0]}, index=["a"])
    >>> int(firm_arrays(prof, meta).cert_masks[0])  # NA counts as not held
    5
    """
    missing = [c for c in ("kbli", *meta.index) if c not in profile.columns]
    if missing:
        raise MatchingError(
            "profile: missing column(s) "
            + ", ".join(missing)
            + "; build it with ikmpolicy.matching.firm_profile"
        )
    masks = np.zeros(len(profile), dtype=np.int64)
    for cert, bit in CERT_BITS.items():
        column = f"has_{cert}"
        if column not in profile.columns:
            raise MatchingError(f"profile: missing column '{column}'")
        held = profile[column].astype("boolean").fillna(False).to_numpy(bool)
        masks |= np.where(held, bit, 0)
    capacity = (
        profile["capacity_yearly"].astype(float).to_numpy()
        if "capacity_yearly" in profile.columns
        else np.full(len(profile), np.nan)
    )
    units = (
        profile["capacity_unit"]
        if "capacity_unit" in profile.columns
        else pd.Series(None, index=profile.index, dtype=object)
    )
    kbli_codes, kbli_values = _factor(profile["kbli"])
    unit_codes, unit_values = _factor(units, lower=True)
    return FirmArrays(
        ids=np.asarray(profile.index, dtype=object),
        scores=profile[list(meta.index)].to_numpy(dtype=float, na_value=np.nan),
        kbli_codes=kbli_codes,
        kbli_values=kbli_values,
        cert_masks=masks,
        capacity=capacity,
        unit_codes=unit_codes,
        unit_values=unit_values,
    )


def kbli_fit_matrix(
    firms: FirmArrays, reqs: RequirementArrays, rows: slice = slice(None)
) -> np.ndarray:
    """Firms x requirements: whether the firm's KBLI is in the requirement's list.

    Examples
    --------
    >>> meta = pd.DataFrame({"scale_min": [1.0], "scale_max": [5.0], "direction": [1.0]},
    ...                     index=pd.Index(["q"], name="indicator"))
    >>> prof = pd.DataFrame({"kbli": ["25111", "25920", None], "has_nib": True,
    ...                      "has_sni": True, "has_iso9001": True, "q": 2.0})
    >>> req = pd.DataFrame({"requirement_id": ["R1", "R2"], "buyer_id": "b",
    ...                     "kbli": [("25111",), ("25920", "25111")]})
    >>> kbli_fit_matrix(firm_arrays(prof, meta), requirement_arrays(req, meta.reset_index()
    ...                 )).tolist()
    [[True, True], [False, True], [False, False]]
    """
    table = np.zeros((len(firms.kbli_values) + 1, len(reqs.ids)), dtype=bool)
    for i, code in enumerate(firms.kbli_values):
        table[i] = [code in allowed for allowed in reqs.kbli]
    return table[firms.kbli_codes[rows]]


def unit_match_matrix(
    firms: FirmArrays, reqs: RequirementArrays, rows: slice = slice(None)
) -> np.ndarray:
    """Firms x requirements: whether the firm's capacity unit is the requirement's volume unit
    (compared stripped and lower-cased; no conversion between units is attempted).

    Examples
    --------
    >>> meta = pd.DataFrame({"scale_min": [1.0], "scale_max": [5.0], "direction": [1.0]},
    ...                     index=pd.Index(["q"], name="indicator"))
    >>> prof = pd.DataFrame({"kbli": "25111", "has_nib": True, "has_sni": True,
    ...                      "has_iso9001": True, "q": 2.0, "capacity_yearly": 10.0,
    ...                      "capacity_unit": [" Ton", "kg", None]})
    >>> req = pd.DataFrame({"requirement_id": ["R"], "buyer_id": "b", "kbli": [("25111",)],
    ...                     "volume_unit": ["ton"]})
    >>> unit_match_matrix(firm_arrays(prof, meta), requirement_arrays(req, meta.reset_index())
    ...                   ).ravel().tolist()
    [True, False, False]
    """
    table = np.zeros((len(firms.unit_values) + 1, len(reqs.ids)), dtype=bool)
    for i, unit in enumerate(firms.unit_values):
        table[i] = [unit == other for other in reqs.unit]
    return table[firms.unit_codes[rows]]
