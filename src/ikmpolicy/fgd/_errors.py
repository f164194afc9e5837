"""Errors of the FGD analyses and a helper that names where bad input sits."""

from __future__ import annotations

import pandas as pd


class FGDInputError(ValueError):
    """A codebook, statement table or code column the FGD analyses cannot use."""


class CodebookError(FGDInputError):
    """A codebook with a missing column, a duplicate code or an unusable keyword."""


def where(frame: pd.DataFrame, index, table: str) -> str:
    """``'<file>, row <n>'`` when the frame carries ``_file``/``_row``, else table and index."""
    row = frame.loc[index]
    file = row["_file"] if "_file" in frame.columns and pd.notna(row["_file"]) else table
    if "_row" in frame.columns and pd.notna(row["_row"]):
        return f"{file}, row {int(row['_row'])}"
    return f"{file}, index {index!r}"
