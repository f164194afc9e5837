"""Short citations of the data's sources in the brief and annex."""

from __future__ import annotations

from ikmpolicy.report import sections
from ikmpolicy.report.content import plain_text
from ikmpolicy.report.sections.context import cite


def test_two_articles_of_one_publisher_cite_as_two(sample):
    # before: an evidence line read "Sources: Kontan, Kontan" (2017 and 2020 articles)
    ctx = sections.load_context(
        "data/cilegon", "fgd-2025-05-15", "en", as_of="2025-12-01", dataset=sample
    )
    src = sample["sources"].set_index("source_id")
    kontan = sorted(src.index[src["publisher"] == "Kontan"])
    texts = [plain_text(cite(ctx, s)) for s in kontan]
    assert len(set(texts)) == len(kontan) >= 2, texts
    for sid, text in zip(kontan, texts, strict=True):
        assert text == f"Kontan {src.loc[sid, 'date_text'][-4:]}", text
    # a publisher with one source is cited by its name alone
    single = src.index[~src["publisher"].duplicated(keep=False)][0]
    assert plain_text(cite(ctx, single)) == src.loc[single, "publisher"]
