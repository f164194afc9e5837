"""Errors of the pentahelix analyses, and a helper that names where bad input sits."""

from __future__ import annotations

from ikmpolicy.errors import InputError
from ikmpolicy.io import row_location as where  # noqa: F401  (re-exported)


class HelixModelError(InputError):
    """An unknown helix model or helix was asked for."""


class PentahelixInputError(InputError):
    """A table given to a pentahelix analysis holds a value the analysis cannot use."""
