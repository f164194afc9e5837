"""Wording: every template exists and renders in both languages; the issue's example sentence."""

from __future__ import annotations

import re
import string

import pandas as pd
import pytest

from ikmpolicy.recommend.portfolio import Portfolio
from ikmpolicy.recommend.wording import (
    Names,
    action_sentence,
    excluded_sentence,
    gaps_sentence,
    next_step_sentence,
    portfolio_sentence,
    short_name,
)
from ikmpolicy.report.i18n import Locale, catalogue

PLURAL = re.compile(r"\.(zero|one|two|few|many|other)$")


def recommend_keys(lang: str) -> dict[str, str]:
    return {k: v for k, v in catalogue(lang).items() if k.startswith("recommend.")}


def base(key: str) -> str:
    return PLURAL.sub("", key)


def test_every_key_exists_in_both_catalogues():
    ids, ens = recommend_keys("id"), recommend_keys("en")
    assert ids and ens
    # the same keys but for plural forms: CLDR gives Bahasa Indonesia 'other' only, English
    # 'one' and 'other'
    assert {base(k) for k in ids} == {base(k) for k in ens}
    for key in {base(k) for k in ids if PLURAL.search(k)}:
        assert f"{key}.other" in ids and f"{key}.other" in ens
        assert f"{key}.one" in ens and f"{key}.one" not in ids


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_template_renders(lang):
    loc = Locale(lang)
    for key, text in recommend_keys(lang).items():
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        values = {f: "X" for f in fields}
        if PLURAL.search(key):
            rendered = loc.tn(base(key), 2, **{f: "X" for f in fields if f != "count"})
        else:
            rendered = loc.t(key, **values)
        assert "{" not in rendered and "}" not in rendered, key
        assert rendered.strip(), key


def names() -> Names:
    return Names(
        orgs={
            "bb": "BBSPJI Logam dan Mesin (dahulu BBLM Bandung)",
            "ds": "Dinas Perindustrian dan Perdagangan (Disperindag) Kota Cilegon",
            "ks": "PT Krakatau Steel (Persero)",
        },
        groups={
            "id": {"parts": "Fabrikasi suku cadang"},
            "en": {"parts": "Spare-part fabrication"},
        },
        indicators={
            "id": {"qm": "Sistem manajemen mutu"},
            "en": {"qm": "Quality management system"},
        },
        programmes={
            "id": {"cert": "Pendampingan sertifikasi SNI"},
            "en": {"cert": "SNI certification assistance"},
        },
        helices={"id": {"government": "Pemerintah"}, "en": {"government": "Government"}},
        buyers={"REQ-02": "ks"},
        sessions={},
    )


def action(**changes) -> pd.Series:
    row = {
        "lead_id": "bb",
        "lead_helix": "government",
        "partner_ids": ("ds",),
        "programmes": ("cert",),
        "target_kind": "sub_sector",
        "target_id": "parts",
        "firms": 12,
        "cost_idr": 316.8e6,
        "months": 6.0,
        "n_eligible_firms": 7,
        "requirements_opened": (("REQ-02", 7),),
        "readiness_gain_mean": 3.14,
    }
    row.update(changes)
    return pd.Series(row)


def test_the_issue_example():
    """Issue 8: "BBSPJI Logam dan Mesin bersama Disperindag Cilegon mendampingi sertifikasi SNI
    12 IKM fabrikasi suku cadang (Rp316,8 juta; 6 bulan); 7 di antaranya lalu memenuhi syarat
    REQ-02 PT Krakatau Steel." — the same facts in the catalogue's template."""
    text = action_sentence(action(), Locale("id"), names())
    assert text == (
        "BBSPJI Logam dan Mesin bersama Dinas Perindustrian dan Perdagangan Kota "
        "Cilegon menjalankan pendampingan sertifikasi SNI bagi 12 IKM fabrikasi suku "
        "cadang (Rp316,8 juta; 6 bulan); 7 di antaranya lalu memenuhi syarat REQ-02 "
        "PT Krakatau Steel."
    )
    en = action_sentence(action(), Locale("en"), names())
    assert en == (
        "BBSPJI Logam dan Mesin with Dinas Perindustrian dan Perdagangan Kota Cilegon "
        "runs SNI certification assistance for 12 IKM in spare-part fabrication "
        "(Rp316.8 million; 6 months); 7 of them then meet REQ-02 of PT Krakatau Steel."
    )


def test_plural_forms_and_other_branches():
    one = action(n_eligible_firms=1, months=1.0, partner_ids=())
    en = action_sentence(one, Locale("en"), names())
    assert "1 of them then meets" in en and "(Rp316.8 million; 1 month)" in en
    assert en.startswith("BBSPJI Logam dan Mesin runs")
    none = action(n_eligible_firms=0, requirements_opened=(), months=float("nan"))
    text = action_sentence(none, Locale("id"), names())
    assert "waktu belum diketahui" in text and "naik rata-rata 3,1 poin" in text
    req = action(target_kind="requirement", target_id="REQ-02", lead_id=None)
    text = action_sentence(req, Locale("id"), names())
    assert text.startswith("Lembaga pemerintah yang belum ditentukan")
    assert "IKM yang hampir memenuhi syarat REQ-02 PT Krakatau Steel" in text


def opens_with_a_numeral(sentence: str) -> bool:
    first = sentence.split()[0]
    return any(ch.isdigit() for ch in first)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_sentence_opens_with_a_numeral(lang):
    loc = Locale(lang)
    gaps = pd.DataFrame(
        {
            "item": ["qm", "sni"],
            "kind": ["indicator", "certificate"],
            "firms": [5, 2],
            "mean_gap": [0.75, float("nan")],
        }
    )
    excluded = pd.DataFrame({"reason": ["fewer_firms", "fewer_firms", "no_session_link"]})
    p = Portfolio(500e6, ("a", "b"), 450e6, 4, 3, 90.0, 20, firms_served=18)
    texts = [
        action_sentence(action(), loc, names()),
        gaps_sentence(gaps, loc, names()),
        excluded_sentence(excluded, loc),
        portfolio_sentence(p, loc),
        portfolio_sentence(Portfolio(250e6, (), 0.0, 0, 0, 0.0, 0), loc),
        next_step_sentence(
            {
                "budget_idr": 1e9,
                "extra_pairs": 2,
                "extra_gain": 4.0,
                "firms_served": 25,
                "mean_gain": 4.4,
            },
            loc,
        ),
        next_step_sentence(None, loc),
    ]
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert not opens_with_a_numeral(sentence), sentence
    assert "0,75" not in texts[1] and ("0,8" in texts[1] or "0.8" in texts[1])
    assert ("3" in texts[2]) and ("2" in texts[2])


def test_gap_means_are_not_worded_when_suppressed():
    gaps = pd.DataFrame(
        {"item": ["qm"], "kind": ["indicator"], "firms": [2], "mean_gap": [float("nan")]}
    )
    assert (
        gaps_sentence(gaps, Locale("id"), names())
        == "Celah: 2 IKM di bawah syarat sistem manajemen mutu."
    )
    assert gaps_sentence(gaps.assign(firms=0), Locale("id"), names()) is None


def test_short_names_drop_only_bracketed_asides():
    assert short_name("PT Krakatau Steel (Persero)") == "PT Krakatau Steel"
    assert short_name("Akademisi peserta FGD (lembaga tidak disebut)") == "Akademisi peserta FGD"
    assert (
        short_name("Cilegon Metal Manufaktur (CMM), asosiasi IKM logam")
        == "Cilegon Metal Manufaktur, asosiasi IKM logam"
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_evidence_weights_and_follow_up_in_words(recs, lang):
    from ikmpolicy.recommend.wording import (
        commitments_sentence,
        follow_up_sentences,
        session_label,
        sources_sentence,
        statement_sentences,
        weights_sentence,
    )

    loc = Locale(lang)
    aid = recs.top.index[0]
    ev = recs.evidence[aid]
    said = statement_sentences(ev.statements, loc, recs.names)
    assert len(said) == len(ev.statements) > 0
    for text, org in zip(said, ev.statements["org_id"], strict=True):
        assert recs.names.org(org) in text  # attributed to the organisation
    commitments = pd.DataFrame({"commitment_id": ["cm-005"], "org_id": ["bbspji_lm"]})
    assert "cm-005" in commitments_sentence(commitments, loc, recs.names)
    assert commitments_sentence(commitments.iloc[:0], loc, recs.names) is None
    assert ev.sources[0] in sources_sentence(ev.sources, loc)
    assert "12" in weights_sentence(recs, loc)
    label = session_label("fgd-2025-05-15", loc, recs.names)
    assert label == ("DKT, 15 Mei 2025" if lang == "id" else "FGD, 15 May 2025")
    history = pd.DataFrame(
        [
            {
                "session_id": "fgd-2025-05-15",
                "programmes": ("standardisation",),
                "target_kind": "sub_sector",
                "target_id": "parts_fabrication",
                "firms": 14,
                "taken_up": True,
                "commitment_ids": ("cm-099",),
            }
        ]
    )
    texts = (
        follow_up_sentences(history, loc, recs.names)
        + follow_up_sentences(history.assign(taken_up=False), loc, recs.names)
        + follow_up_sentences(history.iloc[:0], loc, recs.names)
    )
    assert "cm-099" in texts[0] and label in texts[1]
    for text in [*said, *texts, weights_sentence(recs, loc)]:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert not opens_with_a_numeral(sentence), sentence


def test_the_budget_that_buys_everything():
    assert (
        next_step_sentence(None, Locale("id"), 5.8061e9)
        == "Seluruh hasil yang dapat dicapai memerlukan anggaran Rp5,8 miliar."
    )
    assert next_step_sentence(
        {"budget_idr": 1e9, "extra_pairs": 0, "extra_gain": 0.0}, Locale("en")
    ) == Locale("en").t("recommend.next_none")


def test_a_long_list_of_requirements_and_partners_is_counted_past_two():
    # a region with thirty buyers: one programme opened six requirements and the sentence
    # named all six (with twelve partners), so page 1 ran over its page
    names = Names(
        {f"b{k}": f"PT Pembeli {k}" for k in range(12)},
        {"id": {"parts": "Fabrikasi"}, "en": {"parts": "Fabrication"}},
        {},
        {"id": {"cert": "Sertifikasi"}, "en": {"cert": "Certification"}},
        {},
        {f"REQ-{k}": f"b{k}" for k in range(6)},
        {},
    )
    action = pd.Series(
        {
            "lead_id": "b0",
            "lead_helix": "government",
            "partner_ids": tuple(f"b{k}" for k in range(1, 12)),
            "programmes": ("cert",),
            "target_kind": "sub_sector",
            "target_id": "parts",
            "firms": 20,
            "cost_idr": 1e8,
            "months": 6.0,
            "n_eligible_firms": 20,
            "requirements_opened": tuple((f"REQ-{k}", 20) for k in range(6)),
            "readiness_gain_mean": 1.0,
        }
    )
    en = action_sentence(action, Locale("en"), names)
    assert "REQ-0 of PT Pembeli 0, REQ-1 of PT Pembeli 1 and 4 other requirements" in en
    assert "REQ-2" not in en and "9 other partners" in en
    idn = action_sentence(action, Locale("id"), names)
    assert "REQ-1 PT Pembeli 1, dan 4 syarat lain." in idn


@pytest.mark.parametrize("lang", ["id", "en"])
def test_what_a_budget_buys_is_a_mean_rise_per_ikm_served(lang):
    # before: "menambah indeks kesiapan 90,0 poin, atau 0,20 poin per Rp1 juta": a sum over
    # 20 seats on a 0-100 index, which no firm sees; 18 firms served rise by 5.0 on average
    loc = Locale(lang)
    text = portfolio_sentence(
        Portfolio(500e6, ("a", "b"), 450e6, 4, 3, 90.0, 20, firms_served=18), loc
    )
    assert loc.tn("recommend.n_firms", 18) in text, text
    assert loc.number(90.0 / 18, 1) in text, text
    assert loc.number(90.0, 1) not in text and "Rp1 " not in text, text
