"""Errors of the recommendations."""

from __future__ import annotations

from ikmpolicy.errors import InputError, RunError


class RecommendError(InputError):
    """A parameter or table given to the recommendations cannot be used as it is."""


class PortfolioError(RecommendError):
    """A portfolio problem that cannot be set up (negative cost, unknown programme, ...)."""


class SolverError(RunError):
    """The optimiser could not solve a portfolio problem it should always solve."""
