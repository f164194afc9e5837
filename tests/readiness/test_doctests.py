"""The Examples sections of the readiness docstrings run and give what they say."""

import doctest
import importlib

import pytest

MODULES = [
    "metadata",
    "missing",
    "outliers",
    "normalise",
    "weights",
    "aggregate",
    "index",
    "uncertainty",
    "change",
    "figures",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    mod = importlib.import_module(f"ikmpolicy.readiness.{name}")
    res = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert res.failed == 0
