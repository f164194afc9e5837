"""Fixtures of the readiness tests."""

import pandas as pd
import pytest

from .readiness_data import make_meta, make_sample


@pytest.fixture
def meta() -> pd.DataFrame:
    return make_meta()


@pytest.fixture
def sample() -> tuple[pd.DataFrame, pd.DataFrame]:
    return make_sample()
