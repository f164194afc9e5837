"""Brief section on the themes of a session (FGD coding).

The HTML must hold what the fgd library computes: code frequencies of the session, per helix,
supporting quotes attributed to the organisation, and agreement only when human codes exist.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ikmpolicy import fgd, pentahelix
from ikmpolicy.agreement import cohen_kappa
from ikmpolicy.report import sections

from .brief_helpers import FGD, cell, context, plain_cells


def edit_statements(path: Path, columns: dict[str, dict[str, str]]) -> None:
    """Set ``columns[column][statement_id]`` in statements.csv, adding missing columns."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = list(reader.fieldnames), list(reader)
    fields += [c for c in columns if c not in fields]
    for row in rows:
        for column, values in columns.items():
            row[column] = values.get(row["statement_id"], row.get(column) or "")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def final_of(ctx):
    ds = ctx.dataset
    codebook = fgd.validate_codebook(ds["codebook"])
    final = fgd.final_codes(
        ds["statements"], fgd.code_statements(ds["statements"], codebook), codebook
    )
    return codebook, final[final["session_id"] == ctx.session["session_id"]]


@pytest.fixture(scope="module")
def ctx():
    return context()


def test_themes_table_holds_the_code_frequencies_of_the_session(ctx):
    html = plain_cells(sections.fgd_themes(ctx).html)
    codebook, final = final_of(ctx)
    freq = fgd.code_frequencies(final, codebook["code"]).loc[FGD]
    labels = dict(zip(codebook["code"], codebook["label_id"], strict=True))
    present = freq[freq > 0]
    assert len(present) >= 5 and present["partnership"] == 5
    for code, n in present.items():
        assert cell(labels[code]) + cell(str(n), True) in html
    for code in freq[freq == 0].index:  # themes not raised are not listed
        assert cell(labels[code]) not in html
    assert f"{len(final)} pernyataan dari kegiatan ini" in html
    # rows in order of frequency: partnership (5) before quality (3) before market (2)
    assert (
        html.index(cell("Kemitraan"))
        < html.index(cell("Mutu produk dan standardisasi"))
        < html.index(cell("Kepastian pasar dan rantai pasok"))
    )
    assert "berkolaborasi" in html  # the matched words are shown for checking


def test_frequencies_per_helix_match_the_library(ctx):
    html = plain_cells(sections.fgd_themes(ctx).html)
    codebook, final = final_of(ctx)
    ds = ctx.dataset
    assigned = pentahelix.assign_helices(
        ds["stakeholders"], ds["helix_models"], ds["helix_assignment"], "classic"
    )
    helix_of = dict(zip(ds["stakeholders"]["org_id"], assigned, strict=True))
    per_helix = fgd.code_frequencies(final, codebook["code"], by="org_id", group_of=helix_of)
    assert list(per_helix.index) == ["government"]
    row = (
        cell("Sertifikasi dan pengujian")
        + cell(str(per_helix.loc["government", "certification_testing"]), True)
        + cell("1", True)
    )
    assert row in html
    assert '<th scope="col" class="num">Pemerintah</th>' in html


def test_quotes_are_shown_once_in_the_statements_section_and_referred_to_by_number(ctx):
    """Each quote appears once (statements); the themes table names the statements by number,
    attributed to organisations, never to a person."""
    themes = sections.fgd_themes(ctx)
    said = sections.statements(ctx)
    assert "<blockquote" not in themes.html
    statements = ctx.dataset["statements"]
    mine = statements[statements["session_id"] == FGD]
    assert said.html.count("<blockquote") == len(mine)
    for text in mine["text"]:
        assert text not in themes.text()
    assert "P1" in themes.text() and "Dinas Perindustrian dan Perdagangan" in themes.text()


def test_cooccurrence_map_only_with_enough_statements(ctx):
    html = plain_cells(sections.fgd_themes(ctx).html)
    assert html.count("<img ") == 1
    few = sections.fgd_themes(context("monitoring-2024-12-08")).html
    assert few.count("<img ") == 0
    assert "sedikitnya 5 pernyataan bertema" in few and "memiliki 4 pernyataan bertema" in few


def test_without_human_codes_the_brief_says_agreement_cannot_be_computed(ctx):
    html = plain_cells(sections.fgd_themes(ctx).html)
    assert "Belum ada kode dari pengode manusia" in html
    assert "Kappa Cohen" not in html


def test_human_codes_take_precedence_and_agreement_is_reported(data_copy):
    h1 = {
        "st-001": "regional_revenue",
        "st-002": "quality_standardisation",
        "st-003": "partnership",
        "st-004": "partnership;market_supply_chain",
    }
    h2 = {
        "st-001": "regional_revenue",
        "st-002": "market_supply_chain",
        "st-003": "partnership",
        "st-004": "partnership",
    }
    edit_statements(data_copy / "statements.csv", {"code_human_1": h1, "code_human_2": h2})
    ctx = context(data=str(data_copy))
    html = plain_cells(sections.fgd_themes(ctx).html)
    codebook, final = final_of(ctx)
    assert final.set_index("statement_id").loc["st-001", "codes"] == ("regional_revenue",)
    freq = fgd.code_frequencies(final, codebook["code"]).loc[FGD]
    assert cell("Pendapatan daerah") + cell(str(freq["regional_revenue"]), True) in html
    assert cell("Kemitraan") + cell(str(freq["partnership"]), True) in html
    assert freq["partnership"] == 5  # st-001 lost its automatic code, st-003 gained one
    assert "4 oleh pengode manusia" in html
    agreement = fgd.human_agreement(final, codebook["code"]).set_index("code")
    overall = agreement.loc[fgd.OVERALL]
    loc = ctx.loc
    assert (
        cell("Semua tema (gabungan)")
        + cell(str(int(overall["segments"])), True)
        + cell(loc.percent(overall["agreement"]), True)
        + cell(loc.number(overall["kappa"], 2), True)
        + cell(loc.number(overall["alpha"], 2), True)
    ) in html
    # the market code over the four coded statements: coder 1 on st-004, coder 2 on st-002
    a = [int("market_supply_chain" in h1[s]) for s in sorted(h1)]
    b = [int("market_supply_chain" in h2[s]) for s in sorted(h2)]
    kappa = cohen_kappa(a, b, categories=[0, 1])
    assert cell(loc.number(agreement.loc["market_supply_chain", "kappa"], 2), True) in html
    assert abs(agreement.loc["market_supply_chain", "kappa"] - kappa) < 1e-12
    assert "Belum ada kode dari pengode manusia" not in html
    assert "Pengode 1 dan pengode 2" in html and "Pengode 1 dan pengode otomatis" in html


def test_a_hostile_statement_is_escaped(data_copy):
    edit_statements(
        data_copy / "statements.csv",
        {"text": {"st-001": "<script>alert('x')</script> kami ingin kemitraan **tebal**"}},
    )
    html = plain_cells(sections.statements(context(data=str(data_copy))).html)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; kami ingin kemitraan **tebal**" in html


def test_a_session_without_statements_says_so():
    section = sections.fgd_themes(context("temu-kemitraan-2022"))
    assert section.omitted and "tidak mencatat pernyataan" in section.omitted
    assert section.blocks == ()


def test_themes_in_english():
    ctx = context(lang="en")
    html = plain_cells(sections.fgd_themes(ctx).html)
    assert "Themes discussed" in html
    assert cell("Partnership") + cell("5", True) in html
    assert "No human coder has coded this session" in html
    assert '<th scope="col" class="num">Government</th>' in html
