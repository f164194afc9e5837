"""Errors of the FGD analyses and a helper that names where bad input sits."""

from __future__ import annotations

from ikmpolicy.errors import InputError
from ikmpolicy.io import row_location as where  # noqa: F401  (re-exported)


class FGDInputError(InputError):
    """A codebook, statement table or code column the FGD analyses cannot use."""


class CodebookError(FGDInputError):
    """A codebook with a missing column, a duplicate code or an unusable keyword."""
