"""Fixtures of the recommendation tests: one session's recommendations, computed once."""

from __future__ import annotations

import pytest

from ikmpolicy.recommend import recommend_for_session


@pytest.fixture(scope="session")
def recs(sample):
    """Recommendations of the May 2025 FGD on the shipped sample, with a budget (the tests read
    the budget, runs and seed back from ``parameters``)."""
    return recommend_for_session(
        sample, "fgd-2025-05-15", None, budget_idr=500e6, n_runs=120, seed=7
    )
