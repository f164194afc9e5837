import numpy as np
import pandas as pd
import pytest

from ikmpolicy.readiness import IndexDataError, IndexSpecError, build_index, parse_metadata
from ikmpolicy.readiness.metadata import dimensions, indicator_matrix, select_indicators

from .readiness_data import INDICATORS, make_meta, make_sample


def test_parse_fills_goalposts_from_scale(meta):
    m = parse_metadata(meta)
    assert list(m.index) == INDICATORS
    assert (m["goal_low"] == 1).all() and (m["goal_high"] == 5).all()
    assert m["direction"].dtype.kind == "i"


def test_several_indicators_per_dimension():
    m = parse_metadata(make_meta(["a", "b", "c"], dims=["x", "y", "x"]))
    assert dimensions(m) == {"x": ["a", "c"], "y": ["b"]}


@pytest.mark.parametrize(
    "change, words",
    [
        ({"direction": [0] + [1] * 8}, "direction must be \\+1"),
        ({"scale_min": 6.0}, "scale_min must be a number below scale_max"),
        ({"weight": [1.0] + [np.nan] * 8}, "give all weights or none"),
        ({"weight": [-1.0] * 9}, "weight must be a finite number >= 0"),
        ({"goal_low": 4.0, "goal_high": 2.0}, "goal_low must be below goal_high"),
    ],
)
def test_bad_metadata_is_named(change, words):
    with pytest.raises(IndexSpecError, match=words):
        parse_metadata(make_meta(**change))


def test_missing_column_and_duplicates():
    with pytest.raises(IndexSpecError, match="missing column"):
        parse_metadata(make_meta().drop(columns="direction"))
    dup = make_meta(["a", "a"], dims=["x", "y"])
    with pytest.raises(IndexSpecError, match="duplicate indicator"):
        parse_metadata(dup)


def test_unknown_indicator_is_refused(meta):
    with pytest.raises(IndexSpecError, match="unknown indicator.*'nope'"):
        select_indicators(parse_metadata(meta), ["product_quality", "nope"])
    a, firms = make_sample()
    with pytest.raises(IndexSpecError, match="unknown indicator"):
        build_index(a, meta, firms, indicators=("nope",))


def test_data_errors_name_indicator_and_firm(meta):
    m = parse_metadata(meta)
    a, _ = make_sample()
    with pytest.raises(IndexDataError, match="no column for indicator.*licensing"):
        indicator_matrix(a.drop(columns="licensing"), m)
    b = a.copy()
    b["licensing"] = np.nan
    with pytest.raises(IndexDataError, match="licensing.*every value is missing"):
        indicator_matrix(b, m)
    c = a.copy()
    c.loc[3, "licensing"] = 9
    with pytest.raises(IndexDataError, match="licensing.*IKM003.*outside the scale"):
        indicator_matrix(c, m)
    d = pd.concat([a, a.iloc[[0]]])
    with pytest.raises(IndexDataError, match="IKM000.*more than once"):
        indicator_matrix(d, m)
    e = a.copy()
    e["licensing"] = e["licensing"].astype(object)
    e.loc[2, "licensing"] = "lima"
    with pytest.raises(IndexDataError, match="licensing.*IKM002.*non-numeric"):
        indicator_matrix(e, m)


def test_negative_direction_read_from_metadata():
    meta = make_meta(["good", "bad"], direction=[1, -1])
    data = pd.DataFrame({"firm_id": ["A", "B"], "good": [5, 1], "bad": [1, 5]})
    rec = build_index(data, meta)
    assert rec.overall.tolist() == [100.0, 0.0]
