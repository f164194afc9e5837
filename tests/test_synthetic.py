"""The synthetic survey: reproducible, labelled, plausible, valid."""

from __future__ import annotations

import pandas as pd

from ikmpolicy.synthetic import generate_firms, write_sample
from ikmpolicy.validation import load_dataset


def test_same_seed_same_firms_other_seed_other_firms():
    pd.testing.assert_frame_equal(generate_firms(50, seed=7), generate_firms(50, seed=7))
    assert not generate_firms(50, seed=7).equals(generate_firms(50, seed=8))


def test_firms_are_labelled_and_calibrated():
    firms = generate_firms(2000, seed=3)
    assert firms["synthetic"].all() and (firms["source_id"] == "ikmpolicy-synthetic").all()
    # small (5-19) and medium (20-99) IKM per BPS size classes
    assert firms["workforce"].between(5, 99).all()
    assert 8 <= firms["workforce"].median() <= 16
    assert firms["has_nib"].mean() > 0.6
    assert (firms["has_iso9001"] <= firms["has_nib"]).all()
    assert firms["owner_phone"].str.startswith("+62 800-0000-").all()
    assert firms["firm_id"].is_unique


def test_shipped_sample_is_what_the_generator_writes(sample_dir, data_copy):
    write_sample(data_copy)
    for name in (
        "firms",
        "assessments",
        "buyer_requirements",
        "interventions",
        "pairwise",
        "stakeholders",
    ):
        written = (data_copy / f"{name}.csv").read_bytes()
        assert written == (sample_dir / f"{name}.csv").read_bytes(), name


def test_any_size_validates(data_copy):
    write_sample(data_copy, n_firms=300, seed=11)
    ds = load_dataset(data_copy)
    assert ds.report.ok
    assert len(ds["firms"]) == 300
    assert set(ds["assessments"]["assessment_date"].dt.strftime("%Y-%m-%d")) == {
        "2025-03-10",
        "2025-11-10",
    }


def test_actor_scores_touch_only_their_columns(sample_dir, data_copy):
    before = pd.read_csv(sample_dir / "stakeholders.csv", dtype=str, keep_default_na=False)
    write_sample(data_copy, seed=99)
    after = pd.read_csv(data_copy / "stakeholders.csv", dtype=str, keep_default_na=False)
    facts = [c for c in before.columns if c not in ("power", "interest", "scores_source")]
    pd.testing.assert_frame_equal(before[facts], after[facts])
    assert (after["scores_source"] == "ikmpolicy-synthetic").all()
    assert after["power"].astype(float).between(0, 5).all()


def _rename_sessions(folder, prefix: str = "kota-lain-") -> None:
    """Another region's data: the same tables under session ids of its own."""
    for name in ("fgd_sessions", "participation", "statements", "commitments", "pairwise"):
        path = folder / f"{name}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["session_id"] = prefix + frame["session_id"]
        frame.to_csv(path, index=False)
    for name in (
        "fgd_elements",
        "ssim",
        "mactor_objectives",
        "mactor_influence",
        "mactor_positions",
    ):
        path = folder / f"{name}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.iloc[0:0].to_csv(path, index=False)


def test_another_regions_sessions_get_judgements_and_no_sample_structure(data_copy):
    # the sample's session ids are not in this folder: synth crashed (ZeroDivisionError)
    _rename_sessions(data_copy)
    write_sample(data_copy, n_firms=20, seed=5)
    pairwise = pd.read_csv(data_copy / "pairwise.csv", dtype=str)
    participation = pd.read_csv(data_copy / "participation.csv", dtype=str)
    assert set(pairwise["session_id"]) <= set(participation["session_id"])
    assert len(set(pairwise["session_id"])) == 2
    # the 15 May 2025 FGD's elements are not written for a region that did not hold it
    assert pd.read_csv(data_copy / "ssim.csv").empty
    assert pd.read_csv(data_copy / "fgd_elements.csv").empty
    assert not pd.read_csv(data_copy / "level_anchors.csv").empty
    assert load_dataset(data_copy).report.ok


def test_a_chosen_session_without_participants_is_refused_by_name(data_copy):
    import pytest

    from ikmpolicy.errors import InputError

    with pytest.raises(InputError, match="'nowhere' has no participants"):
        write_sample(data_copy, n_firms=5, pairwise_sessions=("nowhere",))


def _digests(folder):
    import hashlib

    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.csv")}


def test_synth_keeps_a_table_holding_a_real_row_and_the_tables_that_refer_to_it(data_copy):
    # synth rewrote assessments.csv whole: a real assessment typed into the folder was lost
    path = data_copy / "assessments.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[4, ["synthetic", "source_id"]] = ["false", "faktabanten-2025-05-15"]
    frame.to_csv(path, index=False)
    before = _digests(data_copy)
    written = write_sample(data_copy, seed=99)  # another seed: every generated table changes
    after = _digests(data_copy)
    # the firms the assessments refer to are kept with them; the rest is written anew
    assert after["assessments.csv"] == before["assessments.csv"]
    assert after["firms.csv"] == before["firms.csv"]
    assert after["pairwise.csv"] != before["pairwise.csv"]
    assert data_copy / "assessments.csv" not in written.paths
    [reason] = written.kept
    assert reason.startswith("firms.csv, assessments.csv kept as they are: ")
    assert "assessments.csv, row 6, column 'synthetic': found 'false', not true" in reason
    assert "1 row(s) not generated by synth" in reason
    assert load_dataset(data_copy).report.counts["assessments"].rejected == 0


def test_synth_keeps_scores_from_elsewhere(data_copy):
    path = data_copy / "stakeholders.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[2, ["power", "interest", "scores_source"]] = ["4", "5", "fgd-scoring-2026"]
    frame.to_csv(path, index=False)
    before = path.read_bytes()
    written = write_sample(data_copy, seed=99)
    assert path.read_bytes() == before
    [reason] = written.kept
    assert "stakeholders.csv, row 4, column 'scores_source': found 'fgd-scoring-2026'" in reason


def test_synth_rewrites_its_own_tables_and_the_sample_facts_it_wrote(data_copy):
    # every row of the sample is generated (or, for the FGD elements and objectives, what synth
    # writes again): writing twice is allowed and gives the same bytes
    write_sample(data_copy)
    first = _digests(data_copy)
    write_sample(data_copy)
    assert _digests(data_copy) == first


def test_the_command_says_which_table_it_kept_and_why(data_copy, capsys):
    from ikmpolicy.cli import main

    path = data_copy / "firms.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[0, "synthetic"] = "tidak"
    frame.to_csv(path, index=False)
    assert main(["synth", "--out", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert "kept: firms.csv, assessments.csv kept as they are: " in out
    assert "firms.csv, row 2, column 'synthetic': found 'tidak', not true" in out
    assert "written: " + str(data_copy / "pairwise.csv") in out
