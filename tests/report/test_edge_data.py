"""The brief's sentences on data shaped unlike the sample: scores all alike, tables all
rejected, groups all too small."""

from __future__ import annotations

import dataclasses

import pandas as pd

from ikmpolicy.report import sections
from ikmpolicy.report.content import plain_text
from ikmpolicy.report.sections.messages import _readiness_finding


def context_of(dataset, lang: str = "en"):
    return sections.load_context(
        "data/cilegon", "fgd-2025-05-15", lang, as_of="2025-12-01", dataset=dataset
    )


def with_table(sample, name: str, frame: pd.DataFrame):
    return dataclasses.replace(sample, tables={**sample.tables, name: frame})


def test_identical_scores_name_no_weakest_dimension(sample):
    # every firm scored 3 on every dimension: page 1 named "product quality" the weakest
    scores = sample["assessments"].copy()
    scores[list(sample["indicators"]["indicator"])] = 3.0
    flat = with_table(sample, "assessments", scores)
    for lang, said, unsaid in (
        ("en", "so no dimension is the weakest", "The weakest dimension"),
        ("id", "sehingga tidak ada dimensi yang paling lemah", "Dimensi terlemah"),
    ):
        text = plain_text(_readiness_finding(context_of(flat, lang)))
        assert said in text and unsaid not in text, text


def test_commitments_all_rejected_are_not_said_to_be_none(sample):
    # every commitment lacked its owner (org_id) and was rejected: page 2 said "the data
    # record no commitments yet", as if the session had promised nothing
    import copy

    report = copy.deepcopy(sample.report)
    counts = report.counts["commitments"]
    counts.rejected = counts.read
    empty = dataclasses.replace(
        with_table(sample, "commitments", sample["commitments"].iloc[:0]), report=report
    )
    ctx = context_of(empty)
    for section in (sections.follow_up_needed(ctx), sections.commitments_ledger(ctx)):
        assert f"all {counts.read} rows were rejected" in section.omitted, section.omitted


def test_sub_sectors_all_too_small_leave_no_empty_figure_or_table(sample):
    # three firms in two sub-sectors: page 1 showed a grid with no cell, the annex a table of
    # headers and a page-high empty box plot
    from ikmpolicy.report.content import Figure, Table

    firms = sample["firms"].head(3)
    small = with_table(sample, "firms", firms)
    scores = sample["assessments"]
    small = with_table(small, "assessments", scores[scores["firm_id"].isin(firms["firm_id"])])
    ctx = context_of(small)
    grid = sections.partnership_potential(ctx)
    assert not any(isinstance(b, Figure) for b in grid.blocks)
    index = sections.readiness_index(ctx)
    captions = [b.caption for b in index.blocks if isinstance(b, Table | Figure)]
    assert not any("sub-sector" in c for c in captions), captions
    assert "Not shown because fewer than 3 IKM" in index.text()


def test_a_grid_of_many_buyers_shows_the_eight_with_most_ikm_and_says_so(sample):
    # thirty buyers' requirements made page 2's grid thirty columns wide, its labels unreadable
    from ikmpolicy.report.content import Figure
    from ikmpolicy.report.sections.partnership import (
        MAX_GRID_REQUIREMENTS,
        _shown_requirements,
        partnership_of,
    )

    reqs = sample["buyer_requirements"]
    copies = [reqs.assign(requirement_id=reqs["requirement_id"] + f"-{k}") for k in range(3)]
    many = with_table(sample, "buyer_requirements", pd.concat(copies, ignore_index=True))
    ctx = context_of(many)
    section = sections.partnership_potential(ctx)
    assert any(isinstance(b, Figure) for b in section.blocks)
    total = len(copies) * len(reqs)
    assert f"shows {MAX_GRID_REQUIREMENTS} of the {total} buyer requirements" in section.text()

    summary = partnership_of(ctx).summary
    ids = list(many["buyer_requirements"]["requirement_id"])
    shown = _shown_requirements(summary, ids)
    assert len(shown) == MAX_GRID_REQUIREMENTS and shown == [r for r in ids if r in shown]
    score = summary.groupby("requirement_id")[["eligible_now", "near_ready"]].sum()
    key = {r: tuple(score.loc[r]) if r in score.index else (0, 0) for r in ids}
    assert min(key[r] for r in shown) >= max(key[r] for r in ids if r not in shown)


def two_tied_at_the_bottom(sample):
    """The sample with every firm scored 2 on the first two dimensions and 4 on the rest."""
    scores = sample["assessments"].copy()
    indicators = list(sample["indicators"]["indicator"])
    scores[indicators] = 4.0
    scores[indicators[:2]] = 2.0
    return with_table(sample, "assessments", scores), indicators


def test_two_dimensions_tied_at_the_bottom_are_both_named(sample):
    # two dimensions with the same mean to one decimal: page 1 named the first as "the weakest"
    tied, indicators = two_tied_at_the_bottom(sample)
    text = plain_text(_readiness_finding(context_of(tied, "en")))
    names = sample["indicators"].set_index("indicator")["label_en"].str.lower()
    assert text.startswith("The weakest dimensions of the IKM are "), text
    assert all(names[i] in text for i in indicators[:2]), text


def test_a_commitment_the_meeting_gave_no_owner_is_kept_and_asked_for_first(sample, tmp_path):
    # the commitments table required an owner: a row without one was rejected by validate, so
    # page 1's "without an owner" could never be said; then a kept one failed the brief
    import shutil

    from ikmpolicy.validation import load_dataset

    data = tmp_path / "data"
    shutil.copytree("data/cilegon", data)
    path = data / "commitments.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    mine = frame.index[frame["session_id"] == "fgd-2025-05-15"][-1]
    frame.loc[mine, "org_id"] = ""
    frame.to_csv(path, index=False)
    ds = load_dataset(data)
    assert ds.report.counts["commitments"].rejected == 0 and not ds.report.problems
    ctx = context_of(ds)
    follow = sections.follow_up_needed(ctx)
    text = follow.text()
    assert "without an owner" in text, text
    # none is overdue in the sample: the one without an owner comes first, before no due date
    first = follow.blocks[1].rows[0]
    assert plain_text(first[0]) == "no owner yet" and plain_text(first[3]) == "name an owner"
    for name in ("commitments_ledger", "collaboration", "power_interest", "statements"):
        getattr(sections, name)(ctx)._repr_mimebundle_()
    assert "no owner yet" in sections.commitments_ledger(ctx).text()


def glance_caption(dataset, lang: str) -> str:
    from ikmpolicy.report.content import Figure

    section = sections.readiness_at_a_glance(context_of(dataset, lang))
    [fig] = [b for b in section.blocks if isinstance(b, Figure)]
    return fig.caption


def test_page_twos_caption_names_every_dimension_tied_at_the_bottom(sample):
    # the caption under page 2's readiness figure said "weakest: <the first of the tied>"
    # while page 1 named both
    tied, indicators = two_tied_at_the_bottom(sample)
    names = sample["indicators"].set_index("indicator")["label_en"].str.lower()
    caption = glance_caption(tied, "en")
    assert caption.endswith(f"weakest: {names[indicators[0]]} and {names[indicators[1]]}"), caption


def test_page_twos_caption_names_no_weakest_when_all_are_equal(sample):
    scores = sample["assessments"].copy()
    scores[list(sample["indicators"]["indicator"])] = 3.0
    flat = with_table(sample, "assessments", scores)
    assert glance_caption(flat, "en").endswith("weakest: none (every dimension has the same mean)")
    assert glance_caption(flat, "id").endswith("terlemah: tidak ada (rata-rata semua dimensi sama)")


def test_page_twos_caption_names_the_one_weakest_dimension(sample):
    from ikmpolicy import profile

    ctx = context_of(sample, "en")
    caption = glance_caption(sample, "en")
    scores = sections.context.latest_assessment(ctx)
    indicators = list(sample["indicators"]["indicator"])
    means = profile.dimension_profile(scores, sample["firms"], indicators)[indicators].iloc[0]
    names = sample["indicators"].set_index("indicator")["label_en"].str.lower()
    assert caption.endswith(f"weakest: {names[means.astype(float).idxmin()]}"), caption


def test_page_twos_caption_names_the_only_dimension_as_the_weakest(sample):
    # one dimension is its own lowest: "none (every dimension has the same mean)" would be wrong
    one = with_table(sample, "indicators", sample["indicators"].head(1))
    one = with_table(one, "pairwise", sample["pairwise"].iloc[:0])  # no pairs of one dimension
    name = sample["indicators"]["label_en"].iloc[0].lower()
    assert glance_caption(one, "en").endswith(f"weakest: {name}")
