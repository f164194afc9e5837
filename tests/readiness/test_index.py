"""build_index: the record, results, rebuilding, and the index-level properties."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ikmpolicy.readiness import IndexDataError, IndexSpec, IndexSpecError, build_index, read_record

from .readiness_data import INDICATORS, make_meta


def test_record_holds_every_step(meta, sample):
    a, firms = sample
    rec = build_index(a, meta, firms)
    assert rec.spec == IndexSpec()
    assert list(rec.raw.columns) == INDICATORS and len(rec.raw) == 60
    assert rec.assessment_date == pd.Timestamp("2024-05-01")
    for table in (
        rec.missing_firm,
        rec.missing_indicator,
        rec.coverage,
        rec.imputation.data,
        rec.treatment.details,
        rec.normalised,
        rec.weights,
        rec.dimension_scores,
    ):
        assert len(table)
    assert rec.weights["effective_weight"].sum() == pytest.approx(1)
    assert rec.overall.notna().sum() == rec.included.sum()
    assert rec.ranks["overall"].min() == 1


def test_results_table_is_tidy(meta, sample):
    a, firms = sample
    rec = build_index(a, meta, firms)
    res = rec.results()
    assert len(res) == 60 * 10
    assert set(res["dimension"].astype(str)) == set(INDICATORS) | {"overall"}
    ov = res[res["level"] == "overall"].set_index(
        res[res["level"] == "overall"]["firm_id"].astype(str)
    )
    assert np.allclose(ov["score"].to_numpy(), rec.overall.to_numpy(), equal_nan=True)
    assert {"sub_sector", "district", "rank", "included"} <= set(res.columns)


def test_strengths_weaknesses_pull(meta, sample):
    a, firms = sample
    rec = build_index(a, meta, firms)
    sw = rec.strengths_weaknesses(n=2)
    assert set(sw["kind"]) == {"strength", "weakness"}
    assert (sw.loc[sw["kind"] == "strength", "pull"] > 0).all()
    assert (sw.loc[sw["kind"] == "weakness", "pull"] < 0).all()
    # for an arithmetic index the pulls of one firm add up to zero
    f = rec.overall.idxmax()
    s = rec.dimension_scores.loc[f]
    w = rec.dimension_weights
    pull = w * (s - (s * w).sum() / w[s.notna()].sum())
    assert pull.sum() == pytest.approx(0, abs=1e-9)
    top = sw[(sw.firm_id == f) & (sw.kind == "strength") & (sw.order == 1)]["dimension"]
    if len(top):
        assert top.iloc[0] == pull.idxmax()


def test_group_summaries(meta, sample):
    a, firms = sample
    rec = build_index(a, meta, firms)
    g = rec.group_summaries()
    assert set(g) == {"sub_sector", "district"}
    assert g["sub_sector"]["n_firms"].sum() == rec.included.sum()
    m = rec.overall[firms.set_index("firm_id")["sub_sector"] == "mesin"].mean()
    assert g["sub_sector"].loc["mesin", "overall_mean"] == pytest.approx(m)


def test_coverage_exclusion_is_said(meta, sample):
    a, firms = sample
    a = a.copy()
    a.loc[0, INDICATORS[:5]] = np.nan
    rec = build_index(a, meta, firms, min_coverage=0.7)
    assert not rec.included["IKM000"]
    assert "coverage 0.44 < 0.70" in str(rec.coverage.loc["IKM000", "exclusion_reason"])
    assert np.isnan(rec.overall["IKM000"]) and np.isnan(rec.ranks.loc["IKM000", "overall"])
    assert any("left out" in n for n in rec.notes)


def test_excel_round_trip_and_rebuild(meta, sample, tmp_path):
    a, firms = sample
    rec = build_index(
        a,
        meta,
        firms,
        imputation="subsector_mean",
        dimension_weights={d: k + 1 for k, d in enumerate(INDICATORS)},
        overall_method="geometric",
        zero="offset",
    )
    path = rec.to_excel(tmp_path / "index.xlsx")
    back = read_record(path)
    assert back.spec == rec.spec
    assert np.allclose(back.overall, rec.overall, equal_nan=True)
    assert np.allclose(rec.rebuild().overall, rec.overall, equal_nan=True)
    import openpyxl

    sheets = openpyxl.load_workbook(path, read_only=True).sheetnames
    for s in (
        "spec",
        "metadata",
        "raw",
        "coverage",
        "imputed",
        "imputation_flags",
        "outliers",
        "normalised",
        "weights",
        "dimension_scores",
        "results",
        "strengths_weaknesses",
        "groups_sub_sector",
        "groups_district",
    ):
        assert s in sheets


def test_weighting_choices(meta, sample):
    a, firms = sample
    ahp = {d: w for d, w in zip(INDICATORS, [5, 1, 1, 1, 1, 1, 1, 1, 1], strict=False)}
    rec = build_index(a, meta, firms, dimension_weights=ahp)
    assert rec.dimension_weights["product_quality"] == pytest.approx(5 / 13)
    pca = build_index(a, meta, firms, dimension_weights="pca", imputation="indicator_mean")
    assert pca.dimension_weights.sum() == pytest.approx(1) and "dimensions" in pca.pca
    weighted = build_index(a, make_meta(weight=[2.0] + [1.0] * 8), firms)
    assert weighted.dimension_weights["product_quality"] == pytest.approx(0.2)
    with pytest.raises(IndexSpecError, match="dimension weights do not match"):
        build_index(a, meta, firms, dimension_weights={"product_quality": 1})


def test_several_indicators_per_dimension_and_method_per_level(sample):
    a, firms = sample
    dims = ["quality", "quality", "quality", "info", "tech", "tech", "tech", "supply", "info"]
    meta = make_meta(dims=dims)
    rec = build_index(
        a,
        meta,
        firms,
        dimension_method="geometric",
        overall_method="arithmetic",
        zero="offset",
        imputation="dimension_mean",
    )
    assert list(rec.dimension_scores.columns) == ["quality", "info", "tech", "supply"]
    q = rec.normalised[["product_quality", "human_resources", "quality_management"]]
    expected = np.exp(np.log(q + 1).mean(axis=1)) - 1
    assert np.allclose(rec.dimension_scores["quality"], expected)
    cop = build_index(a, meta, firms, overall_method="copeland")
    assert cop.ranks["overall"].min() == 1


@pytest.mark.parametrize(
    "choices, words",
    [
        ({"normalisation": "zscore", "overall_method": "geometric"}, "z-scores"),
        ({"normalisation": "goalposts", "outliers": "log"}, "units"),
        ({"imputation": "hot_deck"}, "imputation 'hot_deck' is unknown"),
        ({"indicator_weights": "entropy"}, "unknown"),
    ],
)
def test_bad_choices(meta, sample, choices, words):
    a, firms = sample
    with pytest.raises(IndexSpecError, match=words):
        build_index(a, meta, firms, **choices)


def test_one_date_only(meta, sample):
    a, firms = sample
    b = a.assign(assessment_date=pd.Timestamp("2025-01-01"))
    with pytest.raises(IndexDataError, match="2 dates"):
        build_index(pd.concat([a, b]), meta, firms)


scores = arrays(
    np.float64, st.tuples(st.integers(3, 15), st.just(4)), elements=st.integers(1, 5).map(float)
)
SPECS = [
    dict(),
    dict(normalisation="rank"),
    dict(normalisation="goalposts"),
    dict(overall_method="geometric", zero="offset"),
    dict(overall_method="harmonic"),
    dict(normalisation="zscore"),
    dict(overall_method="copeland"),
]


def _frame(x):
    meta = make_meta(list("abcd"))
    data = pd.DataFrame(x, columns=list("abcd"))
    data.insert(0, "firm_id", [f"F{i:02d}" for i in range(len(x))])
    return data, meta


@given(scores, st.sampled_from(SPECS), st.data())
@settings(max_examples=60, deadline=None)
def test_better_on_every_indicator_never_ranked_lower(x, spec, data):
    bump = data.draw(arrays(np.int64, 4, elements=st.integers(0, 2)))
    better = np.minimum(x[0] + bump, 5)
    d, meta = _frame(np.vstack([x, better]))
    rec = build_index(d, meta, outliers="none", **spec)
    r = rec.ranks["overall"]
    assert r.iloc[-1] <= r.iloc[0]


@given(scores, st.sampled_from(SPECS), st.randoms(use_true_random=False))
@settings(max_examples=40, deadline=None)
def test_results_do_not_depend_on_row_order(x, spec, rnd):
    d, meta = _frame(x)
    perm = list(range(len(d)))
    rnd.shuffle(perm)
    a = build_index(d, meta, **spec)
    b = build_index(d.iloc[perm], meta, **spec)
    assert np.allclose(a.overall.sort_index(), b.overall.sort_index(), equal_nan=True)
    assert (a.ranks.sort_index().fillna(-1) == b.ranks.sort_index().fillna(-1)).all().all()


def test_dimension_mean_imputation_reads_each_indicator_direction(sample):
    # the index hands the metadata's directions to the imputation: in a dimension whose second
    # indicator is "higher is worse", a missing first indicator is filled on the mirrored scale
    # (COINr's row imputation, tests/readiness/test_missing.py)
    from ikmpolicy.readiness import impute

    a, firms = sample
    dims = ["quality", "quality", "quality", "info", "tech", "tech", "tech", "supply", "info"]
    direction = [1, -1, 1, 1, 1, 1, -1, 1, 1]
    meta = make_meta(dims=dims, direction=direction)
    rec = build_index(a, meta, firms, imputation="dimension_mean", outliers="none")
    raw = rec.raw.loc[rec.included[rec.included].index]
    expected = impute(
        raw,
        "dimension_mean",
        dimension_of=pd.Series(dims, index=INDICATORS),
        directions=dict(zip(INDICATORS, direction, strict=True)),
    )
    assert raw.isna().any().any()
    pd.testing.assert_frame_equal(rec.imputation.data, expected.data)
    without = impute(raw, "dimension_mean", dimension_of=pd.Series(dims, index=INDICATORS))
    assert not np.allclose(rec.imputation.data, without.data)
