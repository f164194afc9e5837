"""The methods notes of the ISM/MICMAC and MACTOR sections state the rule the numbers follow."""

from __future__ import annotations

from ikmpolicy.report import content
from ikmpolicy.report.sections import structure as section
from ikmpolicy.structure import annex

from .brief_helpers import context


def test_micmac_note_names_the_cut_micmac_used(monkeypatch):
    # the note quotes the cut of the MICMAC table it describes, not n / 2 recomputed: with a cut
    # of 2.5 given to session_ism the note says 2.5 (the sample session has 9 elements: n / 2 = 4.5)
    ctx = context(lang="en")
    default = section.ism_structure(ctx)
    n = len(annex.session_ism(ctx.dataset, ctx.session["session_id"], "en").micmac)
    assert f"cut at {n / 2:.1f}" in content.plain_text(default.methods)
    original = annex.session_ism

    def with_cut(*args, **kwargs):
        return original(*args, **kwargs, midpoint=2.5)

    monkeypatch.setattr(section, "session_ism", with_cut)
    note = content.plain_text(section.ism_structure(ctx).methods)
    assert "cut at 2.5" in note and f"cut at {n / 2:.1f}" not in note


def test_mactor_note_says_what_influence_and_dependence_hold():
    note = content.plain_text(section.actor_analysis(context(lang="en")).methods)
    assert "row and column sums of MIDI, its diagonal" in note
    assert "averages 1" in note
