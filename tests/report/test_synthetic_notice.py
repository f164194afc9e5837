"""The masthead's synthetic notice and the method on page 4 say that the session's facts,
statements and commitments come from the sources cited only of those that are not synthetic.

The end-to-end check that the notice is given once is in ``tests/test_pipeline.py``.
"""

from __future__ import annotations

import pytest

from ikmpolicy.report.i18n import Locale
from ikmpolicy.report.sections.context import synthetic_inputs
from ikmpolicy.report.sections.front import synthetic_notice
from ikmpolicy.report.sections.messages import method_sentences

from .brief_helpers import context, rewrite

SYNTHETIC_SOURCE = "ikmpolicy-synthetic"

#: The claim of the old, fixed wording, in its forms on page 1 (notice) and page 4 (method).
CITED = {
    "id": ("sumber yang dikutip",),
    "en": ("from the sources cited", "from their sources"),
}


def _claims_sources(text: str, lang: str) -> bool:
    return any(words in text for words in CITED[lang])


@pytest.mark.parametrize(
    ("lang", "notice_end", "method"),
    [
        (
            "id",
            "(MACTOR). Fakta kegiatan, pernyataan, dan komitmen berasal dari sumber yang dikutip.",
            "Fakta kegiatan, pernyataan, dan komitmen diambil dari sumber yang dikutip satu per "
            "satu.",
        ),
        (
            "en",
            "(MACTOR). Session facts, statements and commitments come from the sources cited.",
            "Session facts, statements and commitments come from their sources, each cited.",
        ),
    ],
)
def test_with_the_sample_the_notice_still_names_what_comes_from_the_sources(
    lang, notice_end, method
):
    # in the sample only the survey, the programmes and the scores are synthetic: the session's
    # own records are real, and the sentence after the notice names all three
    ctx = context(lang=lang)
    loc = Locale(lang)
    notice = synthetic_notice(ctx)
    records = [loc.t(f"table_name.{t}") for t in ("fgd_sessions", "statements", "commitments")]
    assert notice.endswith(notice_end)
    assert notice.endswith(
        " " + loc.t("brief.synthetic_sourced", records=loc.sentence(loc.join(records)))
    )
    assert method_sentences(ctx)[0] == method


@pytest.mark.parametrize("lang", ["id", "en"])
def test_synthetic_session_records_are_not_said_to_come_from_the_sources(data_copy, lang):
    # every row of the session's own tables cites the generator
    for table in ("fgd_sessions", "statements", "commitments"):
        rewrite(data_copy / f"{table}.csv", lambda row: row.update(source_id=SYNTHETIC_SOURCE))
    ctx = context(lang=lang, data=str(data_copy))
    loc = Locale(lang)
    notice = synthetic_notice(ctx)
    inputs = synthetic_inputs(ctx)
    assert {"fgd_sessions", "statements", "commitments"} <= set(inputs)
    # nowhere said to come from the sources cited, neither on page 1 nor on page 4 ...
    assert not _claims_sources(notice, lang), notice
    assert [s for s in method_sentences(ctx) if _claims_sources(s, lang)] == []
    # ... but named among the synthetic inputs, in the brief's language (not "fgd_sessions"):
    # the notice is its list, no more
    names = loc.join([loc.t(f"table_name.{t}") for t in inputs])
    assert notice == loc.t("brief.synthetic_notice", inputs=names)


@pytest.mark.parametrize(
    ("lang", "sentence", "method"),
    [
        (
            "id",
            "Fakta kegiatan dan pernyataan berasal dari sumber yang dikutip.",
            "Fakta kegiatan dan pernyataan diambil dari sumber yang dikutip satu per satu.",
        ),
        (
            "en",
            "Session facts and statements come from the sources cited.",
            "Session facts and statements come from their sources, each cited.",
        ),
    ],
)
def test_only_the_records_that_are_not_synthetic_are_said_to_be_cited(
    data_copy, lang, sentence, method
):
    # one commitment citing the generator makes the commitments table synthetic
    first = []

    def cite_the_first(row):
        if not first:
            first.append(row["commitment_id"])
            row["source_id"] = SYNTHETIC_SOURCE

    rewrite(data_copy / "commitments.csv", cite_the_first)
    ctx = context(lang=lang, data=str(data_copy))
    assert "commitments" in synthetic_inputs(ctx)
    assert not {"fgd_sessions", "statements"} & set(synthetic_inputs(ctx))
    notice = synthetic_notice(ctx)
    assert notice.endswith(" " + sentence)
    assert method_sentences(ctx)[0] == method
    assert Locale(lang).t("table_name.commitments") in notice


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("id", "Fakta kegiatan dan komitmen berasal dari sumber yang dikutip."),
        ("en", "Session facts and commitments come from the sources cited."),
    ],
)
def test_records_the_data_do_not_hold_are_not_said_to_be_cited(data_copy, lang, sentence):
    rewrite(data_copy / "statements.csv", lambda row: None, keep=lambda row: False)
    notice = synthetic_notice(context(lang=lang, data=str(data_copy)))
    assert notice.endswith(" " + sentence)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_table_that_can_be_synthetic_has_a_name_in_the_notice(lang):
    """A table whose rows can be flagged ``synthetic`` or cite a source is named in words, not
    by its file name ('participation'), when the notice lists it."""
    from ikmpolicy.schema import TABLES

    marks = {"synthetic", "source_id", "scores_source", "cost_source"}
    loc = Locale(lang)
    can_be = [
        name
        for name, table in TABLES.items()
        if name != "sources" and marks & {c.name for c in table.columns}
    ]
    assert "participation" in can_be
    assert [name for name in can_be if not loc.has(f"table_name.{name}")] == []
