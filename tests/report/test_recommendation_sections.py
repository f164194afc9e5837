"""The brief's recommendation sections when the data cannot support a recommendation."""

from __future__ import annotations

import copy
import dataclasses
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from ikmpolicy.report import sections
from ikmpolicy.report.content import plain_text
from ikmpolicy.report.i18n import Locale
from ikmpolicy.report.sections.messages import key_findings, message_title
from ikmpolicy.report.sections.partnership import partnership_finding
from ikmpolicy.report.sections.recommendations import (
    _robustness_phrase,
    missing_inputs,
    no_data_sentence,
)

AS_OF = pd.Timestamp("2025-12-01")


def context_of(dataset, lang: str = "en", as_of: str = "2025-12-01", budget_idr=None):
    """The brief context of the sample session on ``dataset`` (with ``--budget``)."""
    return sections.load_context(
        "data/cilegon",
        "fgd-2025-05-15",
        lang,
        as_of=as_of,
        dataset=dataset,
        budget_idr=budget_idr,
    )


def without(sample, table):
    tables = dict(sample.tables)
    tables[table] = sample[table].iloc[:0]
    return dataclasses.replace(sample, tables=tables)


def test_missing_inputs_name_each_lacking_table(sample):
    assert missing_inputs(sample, AS_OF) == []
    assert missing_inputs(without(sample, "buyer_requirements"), AS_OF) == ["requirements"]
    assert missing_inputs(without(sample, "interventions"), AS_OF) == ["programmes"]
    assert missing_inputs(sample, pd.Timestamp("2000-01-01")) == ["assessed"]


def test_the_sentence_names_only_what_is_missing(sample):
    both = no_data_sentence(Locale("id"), ["assessed", "requirements"], sample)
    assert "(tabel assessments) dan syarat pembeli besar (tabel buyer_requirements)" in both
    assert "interventions" not in both
    assert no_data_sentence(Locale("en"), ["programmes"], sample) == (
        "Recommendations cannot be computed yet: the data hold no programme catalogue "
        "(table interventions)."
    )


def test_a_brief_without_buyer_requirements_says_which_table_to_fill(sample):
    # a new city's workbook often has no buyer requirement yet: the brief must say so exactly
    ctx = context_of(without(sample, "buyer_requirements"))
    omitted = sections.top_recommendations(ctx).omitted
    assert "buyer requirement (table buyer_requirements)" in omitted
    assert "assessments" not in omitted and "interventions" not in omitted


def rejected(sample, table):
    """``sample`` as validation leaves it when a header typo rejects every row of ``table``."""
    tables = dict(sample.tables)
    tables[table] = sample[table].iloc[:0]
    report = copy.deepcopy(sample.report)
    counts = report.counts[table]
    counts.rejected = counts.read
    return dataclasses.replace(sample, tables=tables, report=report)


def test_a_brief_whose_assessments_were_all_rejected_says_so_on_page_one(sample):
    # a misspelt indicator header rejects every assessment: page 1 must point at the data
    # problem, not say that the data hold no assessment
    read = sample.report.counts["assessments"].read
    for lang, rejected_words in (
        ("en", f"In table assessments, all {read} rows were rejected for data problems"),
        ("id", f"Pada tabel assessments, seluruh {read} baris ditolak karena masalah data"),
    ):
        ctx = context_of(rejected(sample, "assessments"), lang)
        first = key_findings(ctx)[0]
        text = plain_text(first)
        assert text.startswith(no_data_sentence(ctx.loc, ["assessed"], ctx.dataset)[:40])
        assert rejected_words in text
        for section in (sections.readiness_profile, sections.readiness_index):
            assert rejected_words in section(ctx).omitted
        assert rejected_words in sections.partnership_potential(ctx).omitted


def test_a_table_that_lost_no_rows_is_not_said_to_have_lost_any(sample):
    # a session held before every assessment: none rejected
    ctx = sections.load_context(
        "data/cilegon", "temu-kemitraan-2022", "en", as_of="2024-12-31", dataset=sample
    )
    assert "rejected" not in sections.readiness_index(ctx).omitted
    assert "rejected" not in plain_text(key_findings(ctx)[0])


def test_a_brief_that_recommends_nothing_says_why_first_on_page_one(sample):
    ctx = context_of(without(sample, "buyer_requirements"))
    first = plain_text(key_findings(ctx)[0])
    assert first == no_data_sentence(ctx.loc, ["requirements"], ctx.dataset)
    # and its title says so, rather than repeating the event's name as if it were a message
    event = ctx.session["title"]
    assert (
        message_title(ctx)
        == f"No recommendation can yet be drawn from “{event}” with the data at hand"
    )
    assert message_title(context_of(sample)) != event
    recommending = context_of(sample)
    assert not any(
        "cannot be computed" in plain_text(finding) for finding in key_findings(recommending)
    )


@pytest.mark.parametrize(
    "low,high,expected",
    [(1, 1, "Kokoh: peringkat 1 dari 2 dalam simulasi."), (1, 3, "Kokoh: peringkat 1–3 dari 2")],
)
def test_a_rank_interval_of_one_place_is_written_as_one_rank(low, high, expected):
    ctx = SimpleNamespace(loc=Locale("id"))
    action = {"q_low": low, "q_high": high, "robustness": "robust"}
    assert _robustness_phrase(ctx, action, 2).startswith(expected)


def test_page_one_says_none_rather_than_zero_when_no_firm_meets_a_buyer(sample):
    tables = dict(sample.tables)
    reqs = sample["buyer_requirements"].copy()
    indicators = [c for c in reqs.columns if c in set(sample["indicators"]["indicator"])]
    reqs[indicators] = 5.0  # every dimension at the top of the scale: nobody is even near
    tables["buyer_requirements"] = reqs
    strict = dataclasses.replace(sample, tables=tables)
    for lang, opening in (("id", "Belum ada dari "), ("en", "None of the ")):
        ctx = context_of(strict, lang)
        text = "".join(str(r) for r in partnership_finding(ctx))
        assert text.startswith(opening), text
        assert " 0 " not in text


def test_page_one_says_what_the_budget_given_buys(sample):
    # before: with --budget 500000000 page 1 still spoke of the default steps (Rp250 million,
    # up to Rp1 billion); only page 3 named the budget asked for
    ctx = context_of(sample, budget_idr=500_000_000.0)
    budget = [plain_text(f) for f in key_findings(ctx) if "budget" in plain_text(f)]
    assert len(budget) == 1
    assert budget[0].startswith("With a budget of Rp500 million, "), budget
    assert "Rp250 million" not in budget[0] and "Rp1 billion" not in budget[0]


def test_page_one_names_what_the_budget_funds_and_marks_each_top_recommendation(sample):
    # before: with --budget 100000000 page 1 said "1 action (Rp94.2 million)" without naming it,
    # and its top three (the first costing Rp439.6 million) gave no hint that none is funded
    from ikmpolicy.report.sections.recommendations import recommendations_of

    ctx = context_of(sample, budget_idr=100_000_000.0)
    rec = recommendations_of(ctx)
    (funded,) = rec.portfolio.selected  # one action fits Rp100 million in the sample
    assert rec.portfolio.cost_idr <= 100_000_000.0
    rank = int(rec.actions.loc[funded, "rank"])
    finding = next(plain_text(f) for f in key_findings(ctx) if "budget" in plain_text(f))
    assert "It funds " in finding, finding
    assert f"(ranked {rank} of {len(rec.actions)})." in finding, finding
    assert str(rec.actions.loc[funded, "target_id"]) in finding, finding

    items = sections.top_recommendations(ctx).blocks[0].items
    for aid, item in zip(rec.top.index, items, strict=True):
        text = plain_text(item)
        expected = "Within" if aid in rec.portfolio.selected else "Not in"
        assert text.endswith(f"{expected} the Rp100 million package."), text

    items = sections.top_recommendations(context_of(sample)).blocks[0].items
    assert not any("package" in plain_text(i) for i in items)


def _firms_in(text: str, before: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) IKM " + before, text)]


def test_page_one_counts_ikm_served_not_seats(sample):
    # the sample's page 1 said "Budgets up to Rp1 billion serve 201 IKM and add readiness
    # (+398 index points)": 201 seats of 60 firms, and a sum of gains on a 0–100 index
    ctx = context_of(sample, "en")
    text = " ".join(plain_text(f) for f in key_findings(ctx) if "budget" in plain_text(f))
    served = re.findall(r"(?:and|serve) ([\d,]+) IKM", text)
    assert served, text
    assert all(int(n.replace(",", "")) <= len(sample["firms"]) for n in served), text
    gain = re.search(r"by ([\d.]+) points on average", text)
    assert gain is None or float(gain.group(1)) <= 100, text


def _with_many(sample, ctx):
    """The sample's recommendations as a region with many buyers and commitments has them: the
    top action opens six requirements and has sixty open commitments as evidence."""
    from ikmpolicy.report.sections.recommendations import recommendations_of

    rec = recommendations_of(ctx)
    top = rec.top.copy()
    reqs = list(sample["buyer_requirements"]["requirement_id"])
    top.at[top.index[0], "requirements_opened"] = tuple((r, 1) for r in reqs)
    top.at[top.index[0], "n_eligible_firms"] = 3
    aid = rec.actions.index[0]
    ev = rec.evidence[aid]
    many = pd.concat([ev.commitments.head(1)] * 60, ignore_index=True)
    many["commitment_id"] = [f"cm-{k:03d}" for k in range(60)]
    evidence = {**rec.evidence, aid: dataclasses.replace(ev, commitments=many)}
    ctx.cache["recommendations"] = dataclasses.replace(rec, top=top, evidence=evidence)
    return aid


def test_the_title_and_the_evidence_name_a_few_and_count_the_rest(sample):
    from ikmpolicy.report.sections.recommendations import _evidence_line, headline

    ctx = context_of(sample, "en")
    aid = _with_many(sample, ctx)
    title = headline(ctx)
    assert "and 4 other buyers" in title, title
    assert title.count("PT ") == 2, title
    rec = ctx.cache["recommendations"]
    line = plain_text(_evidence_line(ctx, rec, aid))
    assert "cm-005 and 54 more." in line and "cm-006" not in line, line
    # the annex lists them all
    assert "cm-059" in plain_text(_evidence_line(ctx, rec, aid, None))


def test_page_four_says_why_no_earlier_recommendation_is_followed_up(sample):
    # before: "Earlier sessions produced no recommendation (no IKM assessment existed yet)"
    # whatever the reason, even in the brief of the first session on record
    from ikmpolicy.report.sections.recommendations import previous_recommendations

    def page_four(session):
        ctx = sections.load_context(
            "data/cilegon", session, "en", as_of="2025-12-01", dataset=sample
        )
        blocks = previous_recommendations(ctx)
        return " ".join(
            plain_text(b.runs) if hasattr(b, "runs") else " ".join(map(plain_text, b.items))
            for b in blocks
        )

    # the sample's earlier sessions (2022, 2024) were held before any assessment
    text = page_four("fgd-2025-05-15")
    assert "the data then lacked IKM readiness assessments" in text, text
    text = page_four("temu-kemitraan-2022")
    assert "first session on record" in text and "lacked" not in text, text
    # each earlier recommendation names its target group, so one programme for two groups
    # does not read as the same line twice
    text = page_four("studi-tiru-bandung-2025-10")
    assert text.count("Recommended at") == text.count(" IKM in "), text


def test_page_four_claims_robust_or_fragile_only_of_recommendations_it_makes(sample):
    from ikmpolicy.report.sections.messages import method_sentences

    with_recs = " ".join(method_sentences(context_of(sample)))
    assert "robust or fragile" in with_recs, with_recs
    # without a programme catalogue nothing is recommended: the method says so of the index
    ctx = context_of(without(sample, "interventions"))
    text = " ".join(method_sentences(ctx))
    assert "robust or fragile" not in text and "readiness index has a range" in text, text


def test_one_assessment_day_and_one_session_of_commitments_read_as_one(sample):
    # before: "(10 March 2025 to 10 March 2025)" and "from the first, X, to the latest, X"
    tables = dict(sample.tables)
    tables["assessments"] = (
        sample["assessments"]
        .assign(assessment_date=pd.Timestamp("2025-03-10"))
        .drop_duplicates("firm_id")
    )
    one = sample["commitments"]["session_id"].iloc[0]
    tables["commitments"] = sample["commitments"][sample["commitments"]["session_id"] == one]
    ctx = context_of(dataclasses.replace(sample, tables=tables))
    intro = plain_text(sections.readiness_profile(ctx).blocks[0].runs)
    assert "(10 March 2025)" in intro and " to " not in intro, intro
    ledger = plain_text(sections.commitments_ledger(ctx).blocks[0].runs)
    assert "all from one session" in ledger and "to the latest" not in ledger, ledger


def test_the_budget_figure_and_its_paragraph_give_page_ones_mean_rise(sample):
    # the figure's line was the sum of index points over participants ("total points", 398 on
    # a 0–100 index) while page 1 gave the mean rise per IKM served
    from ikmpolicy.report.content import Figure, Paragraph
    from ikmpolicy.report.sections.recommendations import recommendations_of

    ctx = context_of(sample, "en")
    curve = recommendations_of(ctx).budget_curve
    served = curve["firms_served"] > 0
    assert served.any()
    expected = curve["readiness_gain"][served] / curve["firms_served"][served]
    assert curve["mean_gain"][served].to_numpy() == pytest.approx(expected.to_numpy())
    assert (curve["mean_gain"][served] <= 100).all()

    section = sections.recommendation_table(ctx)
    [figure] = [b for b in section.blocks if isinstance(b, Figure)]
    assert figure.caption.endswith("the mean readiness rise per IKM served"), figure.caption
    paragraph = next(
        plain_text(b.runs)
        for b in section.blocks
        if isinstance(b, Paragraph) and "served" in plain_text(b.runs)
    )
    top = curve[curve["kind"] == "step"].iloc[-1]
    rise = f"{top['mean_gain']:.1f} points on average"
    assert rise in paragraph and rise in figure.alt, paragraph
    # one sentence per budget step, each opening with words, not with "Rp250 million: ..."
    steps = re.split(r"(?<=\.)\s+(?=[A-Z])", paragraph)
    assert all(s.startswith(("A budget of Rp", "Everything")) for s in steps), steps
    page_one = " ".join(plain_text(f) for f in key_findings(ctx) if "budget" in plain_text(f))
    if "on average" in page_one:
        assert f"by {top['mean_gain']:.1f} points on average" in page_one, page_one
