"""Brief sections on stakeholders: helix coverage, commitments ledger, network and grid.

Each test checks that the HTML holds what the pentahelix library computes for a session of
the sample, so a section that drops, rounds wrongly or mislabels a number fails.
"""

from __future__ import annotations

import base64
import re
import struct

import pandas as pd
import pytest

from ikmpolicy import pentahelix
from ikmpolicy.report import sections
from ikmpolicy.report.i18n import Locale

from .brief_helpers import DATA, FGD, cell, context, plain_cells, rewrite


def warnings_of(html: str) -> list[str]:
    return re.findall(r'<div class="callout callout-warning"[^>]*>(.*?)</div>', html)


@pytest.fixture(scope="module")
def ctx():
    return context()


def coverage_numbers(ctx):
    ds = ctx.dataset
    helices = pentahelix.helix_model(ds["helix_models"], ctx.helix_model)
    assigned = pentahelix.assign_helices(
        ds["stakeholders"], ds["helix_models"], ds["helix_assignment"], ctx.helix_model
    )
    cov = pentahelix.helix_coverage(ds["participation"], ds["stakeholders"], assigned, helices)
    return cov, pentahelix.helix_balance(cov).set_index("session_id")


# -- helix coverage ---------------------------------------------------------------------------


def test_coverage_shows_the_counts_shares_and_balance_the_library_computes(ctx):
    html = plain_cells(sections.helix_coverage(ctx).html)
    cov, balance = coverage_numbers(ctx)
    loc = ctx.loc
    here = cov[cov["session_id"] == FGD]
    labels = {
        r.helix: r.label_id
        for r in ctx.dataset["helix_models"].itertuples()
        if r.model == "classic"
    }
    for row in here.itertuples(index=False):
        assert (
            cell(labels[row.helix])
            + cell(loc.number(row.organisations), True)
            + cell(loc.percent(row.share), True)
        ) in html
    j = balance.loc[FGD, "balance"]
    assert f"J = {loc.number(j, 2)}" in html and loc.number(j, 2) == "0,66"
    for sid in balance.index:  # the across-sessions table has every session's J
        assert cell(loc.number(balance.loc[sid, "balance"], 2), True) in html
    assert "Pielou" in html and "Shannon" in html and "ln k" in html
    assert 'id="helix-coverage"' in html
    assert html.count("<img ") == 1


def test_classic_model_warns_that_media_is_absent_and_what_it_costs(ctx):
    warnings = warnings_of(sections.helix_coverage(ctx).html)
    media = [w for w in warnings if w.startswith("Media tidak hadir")]
    assert len(media) == 1
    assert "Promosi dan publikasi" in media[0]
    assert any(w.startswith("Komunitas tidak hadir") for w in warnings)
    assert len(warnings) == 2  # community and media, nothing else


def test_cilegon_model_has_no_media_warning():
    ctx = context(model="cilegon")
    html = plain_cells(sections.helix_coverage(ctx).html)
    warnings = warnings_of(html)
    assert not [w for w in warnings if "Media" in w or "Promosi" in w]
    assert [w for w in warnings if w.startswith("Komunitas lokal tidak hadir")]
    _, balance = coverage_numbers(ctx)
    assert f"J = {ctx.loc.number(balance.loc[FGD, 'balance'], 2)}" in html


def test_coverage_in_english():
    html = plain_cells(sections.helix_coverage(context(lang="en")).html)
    assert "Helix coverage and balance" in html
    assert any(
        w.startswith("Media was absent") and "Promotion and publicity" in w
        for w in warnings_of(html)
    )
    assert "J = 0.66" in html and "Pielou" in html


# -- commitments ledger -----------------------------------------------------------------------


def test_ledger_lists_every_commitment_and_says_no_due_date_is_recorded(ctx):
    html = plain_cells(sections.commitments_ledger(ctx).html)
    cm = ctx.dataset["commitments"]
    for row in cm.itertuples(index=False):
        assert cell(row.commitment_id) in html
    assert html.count(cell("tidak tercatat")) == len(cm)  # no due date in the sample
    warnings = warnings_of(html)
    assert len(warnings) == 1 and "Tidak ada satu pun komitmen" in warnings[0]
    assert f"{len(cm)} komitmen dari {cm['session_id'].nunique()} kegiatan" in html
    assert f"{len(cm)} tanpa tenggat tercatat" in html
    assert html.count("<img ") == 1


def test_ledger_follow_up_per_session_matches_the_library(ctx):
    html = plain_cells(sections.commitments_ledger(ctx).html)
    led = pentahelix.commitment_ledger(ctx.dataset["commitments"], ctx.as_of)
    summary = pentahelix.ledger_summary(led, by="session_id")
    row = summary.loc[FGD]
    expected = cell("DKT, 15 Mei 2025 (kegiatan ini)") + "".join(
        cell(str(int(row[c])), True) for c in ["total", *pentahelix.STATES]
    )
    assert expected in html
    assert row["total"] == 5


def test_ledger_flags_an_overdue_commitment_with_the_days_the_library_counts(data_copy):
    def edit(row):
        if row["commitment_id"] == "cm-004":
            row.update(due_date="2025-06", due_precision="month", status="planned")
        if row["commitment_id"] == "cm-003":
            row.update(due_date="2026", due_precision="year", status="in_progress")
        if row["commitment_id"] == "cm-005":
            row.update(text="<script>alert('x')</script> Mendampingi IKM")

    rewrite(data_copy / "commitments.csv", edit)
    ctx = context(data=str(data_copy))
    html = plain_cells(sections.commitments_ledger(ctx).html)
    led = pentahelix.commitment_ledger(ctx.dataset["commitments"], ctx.as_of).set_index(
        "commitment_id"
    )
    days = int(led.loc["cm-004", "days_overdue"])
    assert days == (ctx.as_of - pd.Timestamp("2025-06-30")).days > 0
    assert (
        f"cm-004 (Dinas Perindustrian dan Perdagangan (Disperindag) Kota Cilegon, "
        f"{days} hari)" in html
    )
    assert f"direncanakan; lewat tenggat {days} hari" in html
    assert cell("Juni 2025") in html and cell("2026") in html
    assert "1 lewat tenggat, 1 berjalan" in html
    assert "<script>" not in html and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html


def test_ledger_leaves_out_commitments_made_after_the_reference_day(sample):
    # before: a brief as of 1 June 2025 counted, on page 1 and in the annex, the commitment
    # made at the study visit of 14 October 2025 among those needing follow-up
    ctx = sections.load_context(DATA, FGD, "en", as_of="2025-06-01", dataset=sample)
    later = set(
        sample["commitments"].query("session_id == 'studi-tiru-bandung-2025-10'")["commitment_id"]
    )
    assert later
    html = plain_cells(sections.commitments_ledger(ctx).html)
    assert not any(cell(c) in html for c in later)
    total = len(sample["commitments"]) - len(later)
    follow_up = plain_cells(sections.follow_up_needed(ctx).html)
    assert f"On 1 June 2025, {total} commitments need follow-up" in follow_up
    messages = plain_cells(sections.key_messages(ctx).html)
    assert f"All {total} commitments recorded are still open" in messages


def test_ledger_in_english():
    html = plain_cells(sections.commitments_ledger(context(lang="en")).html)
    assert "no due date recorded" in html and "No commitment has a due date recorded" in html
    assert html.count(cell("not recorded")) == 11


# -- collaboration network and power-interest grid -------------------------------------------


def test_network_shows_degree_betweenness_and_brokers_from_the_library(ctx):
    html = plain_cells(sections.collaboration(ctx).html)
    ds = ctx.dataset
    assigned = pentahelix.assign_helices(
        ds["stakeholders"], ds["helix_models"], ds["helix_assignment"], "classic"
    )
    g = pentahelix.collaboration_graph(
        ds["participation"], ds["commitments"], ds["stakeholders"], assigned
    )
    table = pentahelix.centrality_table(g)
    names = dict(zip(ds["stakeholders"]["org_id"], ds["stakeholders"]["name"], strict=True))
    loc = ctx.loc
    for number, row in enumerate(table.itertuples(index=False), start=1):
        assert (cell(str(number), True) + cell(names[row.org_id])) in html
        assert (
            cell(loc.number(row.degree), True)
            + cell(loc.number(row.betweenness, 2), True)
            + cell(loc.number(row.brokerage), True)
        ) in html
    top = table.iloc[0]
    assert f"{names[top.org_id]} ({top.brokerage} pasangan)" in html
    assert "Tidak ada organisasi yang terisolasi" in html
    assert f"{g.number_of_nodes()} organisasi dan {g.number_of_edges()} hubungan" in html
    assert html.count("<img ") == 1  # the network (the grid is a section of its own)


def test_grid_names_the_quadrants_and_says_the_scores_are_synthetic(ctx):
    html = plain_cells(sections.power_interest(ctx).html)
    assert html.count('class="callout callout-synthetic"') == 1
    assert "SINTETIS" in html
    grid = pentahelix.power_interest_grid(ctx.dataset["stakeholders"])
    for quadrant in ("Kelola dengan erat", "Jaga kepuasannya", "Beri informasi", "Pantau"):
        assert cell(quadrant) in html
    manage = grid.loc[grid["quadrant"] == "manage_closely", "org_id"]
    row = re.search(r"<td>Kelola dengan erat</td><td>[^<]*</td><td>([^<]*)</td>", html)
    names = dict(
        zip(ctx.dataset["stakeholders"]["org_id"], ctx.dataset["stakeholders"]["name"], strict=True)
    )
    assert len(manage) > 0
    for org in manage:
        assert names[org] in row.group(1)


def test_no_synthetic_note_when_scores_were_assessed(data_copy):
    rewrite(
        data_copy / "stakeholders.csv",
        lambda row: row.update(scores_source="faktabanten-2025-05-15"),
    )
    html = plain_cells(sections.power_interest(context(data=str(data_copy))).html)
    assert "callout-synthetic" not in html and "Kelola dengan erat" in html


def test_a_hostile_organisation_name_is_escaped(data_copy):
    rewrite(
        data_copy / "stakeholders.csv",
        lambda row: (
            row.update(name="<img src=x onerror=alert(1)>") if row["org_id"] == "cmm" else None
        ),
    )
    ctx = context(data=str(data_copy))
    for section in (sections.collaboration, sections.power_interest):
        html = plain_cells(section(ctx).html)
        assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_collaboration_in_english():
    ctx = context(lang="en")
    html = plain_cells(sections.collaboration(ctx).html)
    assert "Collaboration network" in html and cell("0.41", True) in html
    grid = plain_cells(sections.power_interest(ctx).html)
    assert "SYNTHETIC" in grid and cell("Manage closely") in grid


# -- sessions with few actors -----------------------------------------------------------------


@pytest.mark.parametrize(
    "fgd_id", ["temu-kemitraan-2022", "monitoring-2024-12-08", "fgd-kemenperin-royale-krakatau"]
)
def test_small_sessions_render(fgd_id):
    ctx = context(fgd_id)
    html = plain_cells(sections.helix_coverage(ctx).html)
    _, balance = coverage_numbers(ctx)
    assert f"J = {ctx.loc.number(balance.loc[fgd_id, 'balance'], 2)}" in html
    assert "(kegiatan ini)" in sections.commitments_ledger(ctx).html
    assert sections.collaboration(ctx).html.count("<img ") == 1
    assert sections.power_interest(ctx).html.count("<img ") == 1


def test_a_session_without_participants_says_so(data_copy):
    rewrite(
        data_copy / "participation.csv",
        lambda row: None,
        keep=lambda row: row["session_id"] != "monitoring-2024-12-08",
    )
    ctx = context("monitoring-2024-12-08", data=str(data_copy))
    html = plain_cells(sections.helix_coverage(ctx).html)
    assert Locale("id").t("coverage.no_participants") in html
    assert "tidak hadir pada kegiatan ini" not in html
    assert Locale("id").t("coverage.balance_none") in html


# -- figures: drawn to fit the page, the same every time --------------------------------------


def png_sizes(html: str) -> list[tuple[float, float]]:
    """Width and height (inches at the brief's 150 dpi) of every PNG embedded in ``html``."""
    sizes = []
    for data in re.findall(r'src="data:image/png;base64,([^"]+)"', html):
        header = base64.b64decode(data)[:24]
        width, height = struct.unpack(">II", header[16:24])
        sizes.append((width / 150, height / 150))
    return sizes


def test_stakeholder_figures_fit_an_a4_page(ctx):
    pad = 0.2  # the 0.1 in margin that ``bbox_inches="tight"`` adds on each side
    for fragment in (sections.helix_coverage, sections.commitments_ledger):
        [(width, height)] = png_sizes(fragment(ctx).html)
        assert width <= 7.0 + pad and height <= 8.0 + pad
    drawings = [
        *png_sizes(sections.collaboration(ctx).html),  # network and map
        *png_sizes(sections.power_interest(ctx).html),
    ]
    assert len(drawings) == 2
    assert all(w <= 7.0 + pad and h <= 6.0 + pad for w, h in drawings)


def test_stakeholder_figures_are_the_same_bytes_twice(ctx):
    for fragment in (
        sections.helix_coverage,
        sections.commitments_ledger,
        sections.collaboration,
        sections.power_interest,
    ):
        assert fragment(ctx).html == fragment(ctx).html


def test_public_section_names_stay_importable():
    from ikmpolicy.report.sections import ledger, stakeholders

    assert sections.commitments_ledger is ledger.commitments_ledger
    assert sections.helix_coverage is stakeholders.helix_coverage
    assert sections.collaboration is stakeholders.collaboration
    assert sections.power_interest is stakeholders.power_interest


def _organisations(sample, session_id: str) -> dict[str, int]:
    """Distinct organisations per helix (classic model) at a session, counted here directly."""
    part = sample["participation"]
    orgs = set(part.loc[part["session_id"] == session_id, "org_id"])
    assigned = pentahelix.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "classic"
    )
    helix_of = dict(zip(sample["stakeholders"]["org_id"], assigned, strict=True))
    return pd.Series([helix_of[o] for o in orgs], dtype=object).value_counts().to_dict()


def test_page_two_shows_who_came_to_each_session_up_to_this_one(sample):
    ctx = context(FGD)
    section = sections.helices_at_the_table(ctx)
    (fig,) = [b for b in section.blocks if type(b).__name__ == "Figure"]
    order = list(sample["fgd_sessions"].sort_values("date")["session_id"])
    earlier = order[: order.index(FGD) + 1]
    assert fig.caption.startswith(f"Organisasi per heliks pada {len(earlier)} kegiatan")
    # the text alternative lists each helix's organisations session by session, oldest first
    lines = dict(item.split(": ", 1) for item in fig.alt.split(": ", 1)[1].split("; "))
    labels = {
        h.helix: h.label_id for h in sample["helix_models"].itertuples() if h.model == "classic"
    }
    for helix, label in labels.items():
        expected = [str(_organisations(sample, s).get(helix, 0)) for s in earlier]
        assert lines[label].split(", ") == expected
    never = [
        labels[h] for h in labels if all(_organisations(sample, s).get(h, 0) == 0 for s in earlier)
    ]
    assert (
        fig.caption.endswith(Locale("id").join(never))
        if never
        else "tidak pernah" not in fig.caption
    )


def test_a_first_session_has_no_attendance_figure(sample):
    first = sample["fgd_sessions"].sort_values("date")["session_id"].iloc[0]
    section = sections.helices_at_the_table(context(first))
    assert [type(b).__name__ for b in section.blocks] == ["BulletList"]


@pytest.mark.parametrize(
    ("done", "expected"),
    [
        (0, "All 11 commitments recorded are still open"),
        (10, "Of the 11 commitments recorded, 1 is not done"),
        (9, "Of the 11 commitments recorded, 2 are not done"),
    ],
)
def test_page_one_counts_open_commitments_in_words_that_read(sample, done, expected):
    # "Of the 11 commitments recorded, 11 are not done" (and "1 are") on page 1
    import dataclasses

    frame = sample["commitments"].copy()
    frame.loc[frame.index[:done], "status"] = "done"
    dataset = dataclasses.replace(sample, tables={**sample.tables, "commitments": frame})
    ctx = sections.load_context(DATA, FGD, "en", as_of="2025-12-01", dataset=dataset)
    messages = plain_cells(sections.key_messages(ctx).html)
    assert expected in messages, messages


def test_page_one_speaks_of_the_one_commitment_recorded(sample):
    import dataclasses

    frame = sample["commitments"].iloc[:1].copy()
    frame["status"] = "unknown"
    dataset = dataclasses.replace(sample, tables={**sample.tables, "commitments": frame})
    for lang, expected in (
        ("en", "The one commitment recorded is still open"),
        ("id", "Satu-satunya komitmen yang tercatat belum selesai"),
    ):
        ctx = sections.load_context(DATA, FGD, lang, as_of="2025-12-01", dataset=dataset)
        assert expected in plain_cells(sections.key_messages(ctx).html)
