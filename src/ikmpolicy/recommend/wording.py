"""Recommendations in words, from the message catalogues (``locales/{id,en}/recommend.yaml``).

Every sentence opens with a word (an organisation, "Dengan", "Perkiraan", ...), never with a
numeral; amounts use :meth:`~ikmpolicy.report.i18n.Locale.rupiah_compact`, counts the
language's plural forms (:meth:`~ikmpolicy.report.i18n.Locale.tn`). Organisations are named as
in ``stakeholders.name`` without the asides in brackets (``"PT Krakatau Steel (Persero)"`` is
written ``"PT Krakatau Steel"``); statements are attributed to the organisation, never to a
person.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import session_labels

__all__ = [
    "Names",
    "action_sentence",
    "commitments_sentence",
    "excluded_sentence",
    "expected_sentence",
    "follow_up_sentences",
    "gaps_sentence",
    "names_from",
    "next_step_sentence",
    "portfolio_sentence",
    "rank_sentence",
    "session_label",
    "short_name",
    "sources_sentence",
    "statement_sentences",
    "weights_sentence",
]


def short_name(name: str) -> str:
    """An organisation's name without the asides in brackets.

    Examples
    --------
    >>> short_name("BBSPJI Logam dan Mesin (dahulu BBLM Bandung), Kementerian Perindustrian")
    'BBSPJI Logam dan Mesin, Kementerian Perindustrian'
    >>> short_name("Dinas Perindustrian dan Perdagangan (Disperindag) Kota Cilegon")
    'Dinas Perindustrian dan Perdagangan Kota Cilegon'
    """
    text = re.sub(r"\s*\([^()]*\)", "", str(name))
    return re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", text)).strip()


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the word is an acronym.

    Examples
    --------
    >>> lower_first("Baja ringan"), lower_first("SNI produk"), lower_first("Sentra IKM")
    ('baja ringan', 'SNI produk', 'sentra IKM')
    """
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class Names:
    """Look-ups the sentences need, per language (``{"id": {...}, "en": {...}}`` where the
    data has both)."""

    orgs: dict
    groups: dict
    indicators: dict
    programmes: dict
    helices: dict
    buyers: dict
    sessions: dict

    def org(self, org_id) -> str:
        """An organisation's name without its bracketed note."""
        return short_name(self.orgs.get(org_id, org_id))


def names_from(dataset, catalogue) -> Names:
    """The look-ups of a dataset: organisations, sub-sectors, indicators, programmes, helices,
    requirement buyers and sessions."""
    st = dataset["stakeholders"]
    sub = dataset["sub_sectors"]
    ind = dataset.indicators
    hm = dataset["helix_models"]
    hm = hm[hm["model"] == "classic"] if "classic" in set(hm["model"]) else hm
    progs = catalogue.programmes
    reqs = dataset["buyer_requirements"]
    sessions = dataset["fgd_sessions"]

    def by_lang(keys, frame, column):
        return {
            lang: dict(zip(keys, frame[f"{column}_{lang}"], strict=True)) for lang in ("id", "en")
        }

    return Names(
        orgs=dict(zip(st["org_id"], st["name"], strict=True)),
        groups=by_lang(sub["sub_sector"], sub, "label"),
        indicators=by_lang(ind["indicator"], ind, "label"),
        programmes=by_lang(progs.index, progs, "name"),
        helices=by_lang(hm["helix"], hm, "label"),
        buyers=dict(zip(reqs["requirement_id"], reqs["buyer_id"], strict=True)),
        sessions={
            s.session_id: (
                s.kind,
                s.date if isinstance(s.date, str) else None,
                s.date_precision,
                s.title,
            )
            for s in sessions.itertuples(index=False)
        },
    )


def requirement_phrase(requirement_id: str, loc: Locale, names: Names) -> str:
    """``"REQ-02 PT Krakatau Steel"`` / ``"REQ-02 of PT Krakatau Steel"``."""
    buyer = names.org(names.buyers.get(requirement_id, ""))
    return loc.t("recommend.requirement", requirement=requirement_id, buyer=buyer)


def programme_phrase(programmes: Sequence[str], loc: Locale, names: Names) -> str:
    """Programme names in order, lower-cased as the middle of a sentence."""
    labels = [lower_first(str(names.programmes[loc.lang].get(p, p))) for p in programmes]
    return loc.t("recommend.then").join(labels)


def firms_phrase(action: pd.Series, loc: Locale, names: Names) -> str:
    """``"12 IKM baja ringan"`` or ``"4 IKM yang hampir memenuhi syarat REQ-01 ..."``."""
    if action["target_kind"] == "requirement":
        return loc.tn(
            "recommend.firms_requirement",
            int(action["firms"]),
            requirement=requirement_phrase(action["target_id"], loc, names),
        )
    group = lower_first(str(names.groups[loc.lang].get(action["target_id"], action["target_id"])))
    return loc.tn("recommend.firms_sub_sector", int(action["firms"]), group=group)


def _lead(action: pd.Series, loc: Locale, names: Names) -> str:
    if action["lead_id"] is None or pd.isna(action["lead_id"]):
        helix = lower_first(
            str(names.helices[loc.lang].get(action["lead_helix"], action["lead_helix"]))
        )
        return loc.t("recommend.lead_unknown", helix=helix)
    return names.org(action["lead_id"])


#: Partners named in a sentence; the others are counted ("dan 4 mitra lain").
MAX_PARTNERS_NAMED = 2
#: Buyer requirements named in a sentence; the others are counted ("dan 4 syarat lain").
MAX_REQUIREMENTS_NAMED = 2


def named_few(items: Sequence[str], limit: int, more: Callable[[int], str]) -> list[str]:
    """The first ``limit`` of ``items`` and the rest counted by ``more`` (a number of them in
    words), so that a list in a brief stays readable however large the data: the sample names
    two partners, a city with thirty buyers would name thirty.

    Examples
    --------
    >>> more = lambda n: Locale("en").tn("recommend.more_partners", n)
    >>> named_few(["a", "b", "c", "d"], 2, more)
    ['a', 'b', '2 other partners']
    >>> named_few(["a", "b", "c"], 2, more), named_few(["a", "b"], 2, more)
    (['a', 'b', '1 other partner'], ['a', 'b'])
    """
    items = list(items)
    if len(items) <= limit:
        return items
    return [*items[:limit], more(len(items) - limit)]


def action_sentence(action: pd.Series, loc: Locale, names: Names) -> str:
    """The recommendation in one sentence.

    Examples
    --------
    >>> names = Names({"bb": "BBSPJI Logam dan Mesin (dahulu BBLM)", "ds": "Disperindag Cilegon",
    ...                "ks": "PT Krakatau Steel (Persero)"},
    ...               {"id": {"parts": "Fabrikasi suku cadang"}}, {},
    ...               {"id": {"cert": "Pendampingan sertifikasi SNI"}}, {}, {"REQ-02": "ks"}, {})
    >>> a = pd.Series({"lead_id": "bb", "lead_helix": "government", "partner_ids": ("ds",),
    ...                "programmes": ("cert",), "target_kind": "sub_sector",
    ...                "target_id": "parts", "firms": 12, "cost_idr": 316.8e6, "months": 6.0,
    ...                "n_eligible_firms": 7, "requirements_opened": (("REQ-02", 7),),
    ...                "readiness_gain_mean": 3.1})
    >>> action_sentence(a, Locale("id"), names)
    'BBSPJI Logam dan Mesin bersama Disperindag Cilegon menjalankan pendampingan sertifikasi SNI \
bagi 12 IKM fabrikasi suku cadang (Rp316,8 juta; 6 bulan); 7 di antaranya lalu memenuhi syarat \
REQ-02 PT Krakatau Steel.'
    """
    # a sentence an official can read: name two partners, two requirements
    partners = named_few(
        [names.org(p) for p in action["partner_ids"]],
        MAX_PARTNERS_NAMED,
        lambda n: loc.tn("recommend.more_partners", n),
    )
    with_partners = loc.t("recommend.with_partners", names=loc.join(partners)) if partners else ""
    months = action["months"]
    time = (
        loc.t("recommend.months_unknown")
        if months is None or pd.isna(months)
        else loc.tn("recommend.months", int(round(float(months))))
    )
    if int(action["n_eligible_firms"]) > 0:
        reqs = named_few(
            [requirement_phrase(r, loc, names) for r, _ in action["requirements_opened"]],
            MAX_REQUIREMENTS_NAMED,
            lambda n: loc.tn("recommend.more_requirements", n),
        )
        effect = loc.tn(
            "recommend.effect_eligible",
            int(action["n_eligible_firms"]),
            requirements=loc.join(reqs),
        )
    else:
        effect = loc.t(
            "recommend.effect_readiness", gain=loc.number(float(action["readiness_gain_mean"]), 1)
        )
    return loc.t(
        "recommend.action",
        lead=_lead(action, loc, names),
        partners=with_partners,
        programme=programme_phrase(action["programmes"], loc, names),
        firms=firms_phrase(action, loc, names),
        cost=loc.rupiah_compact(float(action["cost_idr"])),
        time=time,
        effect=effect,
    )


def _range(low, high, loc: Locale, digits: int = 0) -> str:
    lo, hi = loc.number(float(low), digits), loc.number(float(high), digits)
    return lo if lo == hi else f"{lo}–{hi}"


def expected_sentence(action: pd.Series, loc: Locale) -> str | None:
    """The 5-95 % intervals of the expected effects (None without a simulation)."""
    if pd.isna(action.get("eligible_pairs_low", math.nan)):
        return None
    return loc.t(
        "recommend.expected",
        pairs=_range(action["eligible_pairs_low"], action["eligible_pairs_high"], loc),
        low=loc.number(float(action["readiness_mean_low"]), 1),
        high=loc.number(float(action["readiness_mean_high"]), 1),
    )


def rank_sentence(action: pd.Series, loc: Locale, total: int, runs: int) -> str:
    """The rank, its 5-95 % range and robust/fragile."""
    rank = loc.number(int(action["rank"]))
    if runs == 0 or pd.isna(action.get("q_low", math.nan)):
        return loc.t("recommend.rank_untested", rank=rank, total=loc.number(total))
    return loc.t(
        "recommend.rank",
        rank=rank,
        total=loc.number(total),
        robustness=loc.t(f"recommend.robustness.{action['robustness']}"),
        low=loc.number(int(action["q_low"])),
        high=loc.number(int(action["q_high"])),
        runs=loc.number(runs),
    )


def gaps_sentence(gaps: pd.DataFrame, loc: Locale, names: Names) -> str | None:
    """The gaps in one sentence ("Celah: 5 IKM di bawah syarat sistem manajemen mutu ...")."""
    items = []
    for row in gaps[gaps["firms"] > 0].itertuples(index=False):
        if row.kind == "indicator":
            label = lower_first(str(names.indicators[loc.lang].get(row.item, row.item)))
            text = loc.tn("recommend.gap_indicator", int(row.firms), item=label)
            if not pd.isna(row.mean_gap):
                text += loc.t("recommend.gap_mean", gap=loc.number(float(row.mean_gap), 1))
        else:
            text = loc.tn(
                "recommend.gap_certificate",
                int(row.firms),
                item=loc.t(f"recommend.certificate.{row.item}"),
            )
        items.append(text)
    return loc.t("recommend.gaps", items="; ".join(items)) if items else None


def excluded_sentence(excluded: pd.DataFrame, loc: Locale) -> str | None:
    """How many candidate actions are not shown, and why."""
    if excluded.empty:
        return None
    counts = excluded["reason"].value_counts()
    reasons = [
        loc.tn("recommend.reason_count", int(n), reason=loc.t(f"recommend.reason.{r}"))
        for r, n in sorted(counts.items())
    ]
    return loc.tn("recommend.excluded", len(excluded), reasons="; ".join(reasons))


def portfolio_sentence(portfolio, loc: Locale) -> str:
    """What a budget buys; the readiness gain is the mean rise per IKM served
    (:attr:`~ikmpolicy.recommend.portfolio.Portfolio.mean_gain`)."""
    budget = loc.rupiah_compact(portfolio.budget_idr)
    if not portfolio.selected:
        return loc.t("recommend.portfolio_none", budget=budget)
    served = portfolio.firms_served
    return loc.t(
        "recommend.portfolio",
        budget=budget,
        actions=loc.tn("recommend.n_actions", len(portfolio.selected)),
        cost=loc.rupiah_compact(portfolio.cost_idr),
        pairs=loc.tn("recommend.n_pairs", portfolio.eligible_pairs),
        firms=loc.tn("recommend.n_firms", portfolio.eligible_firms),
        served=loc.tn("recommend.n_firms", served),
        gain=loc.number(portfolio.mean_gain if served else 0.0, 1),
    )


def next_step_sentence(step: dict | None, loc: Locale, everything_idr: float | None = None) -> str:
    """What the next budget step would add (and, when given, the budget that buys everything)."""
    if step is None or (step["extra_pairs"] == 0 and step["extra_gain"] <= 1e-9):
        if everything_idr is not None:
            return loc.t("recommend.everything", budget=loc.rupiah_compact(everything_idr))
        return loc.t("recommend.next_none")
    return loc.t(
        "recommend.next_step",
        budget=loc.rupiah_compact(step["budget_idr"]),
        pairs=loc.tn("recommend.n_pairs", step["extra_pairs"]),
        served=loc.tn("recommend.n_firms", step["firms_served"]),
        gain=loc.number(step["mean_gain"], 1),
    )


def statement_sentences(statements: pd.DataFrame, loc: Locale, names: Names) -> list[str]:
    """The session's statements behind an action, quoted and attributed to the organisation."""
    return [
        loc.t("recommend.said", org=names.org(s.org_id), text=str(s.text).strip())
        for s in statements.itertuples(index=False)
    ]


def commitments_sentence(commitments: pd.DataFrame, loc: Locale, names: Names) -> str | None:
    """Open commitments on the action's themes: "Komitmen terbuka pada tema ini: ..."."""
    if commitments.empty:
        return None
    items = [
        f"{names.org(c.org_id) if isinstance(c.org_id, str) else loc.t('follow_up.nobody')} "
        f"({c.commitment_id})"
        for c in commitments.itertuples(index=False)
    ]
    return loc.t("recommend.commitments", items="; ".join(items))


def sources_sentence(sources: Sequence[str], loc: Locale) -> str | None:
    """The source ids of an action's evidence (the brief links them to its reference list)."""
    return loc.t("recommend.sources", items=", ".join(sources)) if sources else None


def weights_sentence(recommendations, loc: Locale) -> str:
    """Where the participants' weights come from and how their uncertainty was drawn."""
    par = recommendations.parameters
    if par.get("weights_source") == "ahp":
        return loc.t("recommend.weights_ahp", respondents=loc.number(par["respondents"]))
    return loc.t("recommend.weights_equal")


def session_label(session_id: str, loc: Locale, names: Names) -> str:
    """The brief's session label ("DKT, 15 Mei 2025"; see
    :func:`ikmpolicy.sessions.session_labels`), else the session's id."""
    return _labels(loc, names).get(session_id, session_id)


def _labels(loc: Locale, names: Names) -> dict[str, str]:
    frame = pd.DataFrame(
        [(sid, *values) for sid, values in names.sessions.items()],
        columns=["session_id", "kind", "date", "date_precision", "title"],
    )
    return session_labels({"fgd_sessions": frame}, loc)


def follow_up_sentences(history: pd.DataFrame, loc: Locale, names: Names) -> list[str]:
    """What earlier sessions recommended and whether a commitment took it up."""
    if history.empty:
        return [loc.t("recommend.follow_up_none")]
    out = []
    labels = _labels(loc, names)  # once: each label depends on every session
    for row in history.to_dict("records"):
        action = loc.t(
            "recommend.follow_up_action",
            programme=programme_phrase(row["programmes"], loc, names),
            firms=firms_phrase(pd.Series(row), loc, names),
        )
        label = labels.get(row["session_id"], row["session_id"])
        if row["taken_up"]:
            out.append(
                loc.t(
                    "recommend.follow_up_taken",
                    session=label,
                    action=action,
                    commitments=", ".join(row["commitment_ids"]),
                )
            )
        else:
            out.append(loc.t("recommend.follow_up_open", session=label, action=action))
    return out
