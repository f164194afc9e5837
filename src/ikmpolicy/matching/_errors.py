"""Errors of the partnership matching."""

from __future__ import annotations

from ikmpolicy.errors import InputError


class MatchingError(InputError):
    """A profile, requirement table or weight the matching cannot use."""
