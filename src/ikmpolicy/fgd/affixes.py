"""The affix tables of the Indonesian confix-stripping stemmer, as data with small matchers.

The stemmer (:mod:`ikmpolicy.fgd.stemming`) follows Nazief & Adriani's algorithm as described by
Asian, Williams & Tahaghoghi (2005), with the confix-stripping (CS) changes of Adriani et al.
(2007) and the Enhanced Confix Stripping (ECS) changes of Arifin, Mahendra & Ciptaningtyas (2009).
This module holds only what those papers tabulate:

* the inflectional suffixes (particles ``-lah -kah -tah -pun``; possessive pronouns ``-ku -mu
  -nya``) and the derivational suffixes (``-i``, ``-an``; ``-kan`` is ``-an`` followed by ``-k``,
  step 3a of the algorithm);
* the disallowed prefix-suffix pairs (Asian et al. 2005, Table 1) with their one exception, the
  root *tahu* with ``ke-...-i``;
* the plain prefixes ``di- ke- se-`` and the prefix rule table for ``be- te- me- pe-``: each rule
  a construct (``V`` a vowel, ``C`` a consonant, ``A`` any letter, ``P`` any fragment) with the
  forms it returns, in the order the recoding tries them;
* the CS rule-precedence pairs (prefix removed before suffix).

Rule numbers are those of the confix-stripping prefix table (Asian et al. 2005, Table 2; Adriani
et al. 2007), numbered as in the reproduction of that table in Sastrawi's rule notes (MIT code,
consulted for the numbering and the CS/ECS attributions only; none of its code or data is used).
Rules 22 and 33 do not appear in that reproduction and are not used here; ``17c`` and ``30c``
are the ``menge-``/``penge-`` returns of rules 17 and 30 and ``32x`` the *pelajar* exception of
rule 32, each as a row of its own. Each rule names its source: ``N&A`` (Nazief & Adriani, as
printed by Asian et al. 2005), ``CS`` (a change or an addition of Adriani et al. 2007) and
``ECS`` (a change of Arifin et al. 2009).

Examples
--------
>>> [(stem, cls, rule) for stem, cls, rule in prefix_options("memakan")]
[('makan', 'me', '13'), ('pakan', 'me', '13')]
>>> is_disallowed("ke", "kan", "rusak"), is_disallowed("ke", "i", "tahu")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "DERIVATIONAL",
    "DISALLOWED",
    "PARTICLES",
    "PLAIN_PREFIXES",
    "POSSESSIVES",
    "PREFIX_RULES",
    "PrefixRule",
    "is_disallowed",
    "prefix_first",
    "prefix_options",
]

#: Particles (P), removed first (Asian et al. 2005, step 2).
PARTICLES: tuple[str, ...] = ("lah", "kah", "tah", "pun")
#: Possessive pronouns (PP), removed after a particle (step 2).
POSSESSIVES: tuple[str, ...] = ("nya", "ku", "mu")
#: Derivational suffixes (DS) of step 3; "-kan" is "-an" then "-k" (step 3a), so "-an" wins
#: the tie: ``tindakan`` is tried as ``tindak`` before ``tinda``.
DERIVATIONAL: tuple[str, ...] = ("i", "an")
#: Prefixes removed as they are (step 4d-i).
PLAIN_PREFIXES: tuple[str, ...] = ("di", "ke", "se")

#: Asian et al. (2005), Table 1: prefix class -> suffixes it cannot form a confix with.
DISALLOWED: dict[str, frozenset[str]] = {
    "be": frozenset({"i"}),
    "di": frozenset({"an"}),
    "ke": frozenset({"i", "kan"}),
    "me": frozenset({"an"}),
    "se": frozenset({"i", "kan"}),
    "te": frozenset({"an"}),
}
#: The table's one exception: the root "tahu" takes ke-...-i ("ketahui").
_ALLOWED_EXCEPTIONS = frozenset({("ke", "i", "tahu")})

# Letter classes of the rule constructs.
_V = "[aiueo]"
_C = "[bcdfghjklmnpqrstvwxyz]"


@dataclass(frozen=True)
class PrefixRule:
    """One row of the prefix rule table.

    ``pattern`` matches the whole word and captures the remainder as group ``r``; ``returns``
    lists ``(template, prefix class)`` in recoding order, a template being the remainder with
    the letters the prefix swallowed put back (``"p\\g<r>"`` restores the *p* of *pakai*).
    """

    number: str
    construct: str
    source: str
    pattern: re.Pattern
    returns: tuple[tuple[str, str], ...]

    def apply(self, word: str) -> list[tuple[str, str]]:
        """The (candidate, prefix class) pairs this rule gives for ``word``; [] if no match."""
        m = self.pattern.match(word)
        return [(m.expand(t), cls) for t, cls in self.returns] if m else []


def _rule(number, construct, source, pattern, *returns) -> PrefixRule:
    pattern = pattern.replace("V", _V).replace("C", _C)
    return PrefixRule(number, construct, source, re.compile(pattern), tuple(returns))


R = r"\g<r>"
#: The prefix rule table for be-, te-, me- and pe- (see the module notes for numbering).
PREFIX_RULES: tuple[PrefixRule, ...] = (
    # -- be- (class "be") ------------------------------------------------------------------------
    _rule(
        "1", "berV... -> ber-V... | be-rV...", "N&A", r"^ber(?P<r>V.*)$", (R, "be"), ("r" + R, "be")
    ),
    _rule(
        "2",
        "berCAP... -> ber-CAP... where C != 'r' and P != 'er'",
        "N&A",
        r"^ber(?P<r>(?!r)C[a-z](?!er).*)$",
        (R, "be"),
    ),
    _rule(
        "3",
        "berCAerV... -> ber-CAerV... where C != 'r'",
        "N&A",
        r"^ber(?P<r>(?!r)C[a-z]erV.*)$",
        (R, "be"),
    ),
    _rule("4", "belajar -> bel-ajar", "N&A", r"^bel(?P<r>ajar)$", (R, "be")),
    _rule(
        "5",
        "beC1erC2... -> be-C1erC2... where C1 != 'r'",
        "N&A",
        r"^be(?P<r>(?!r)CerC.*)$",
        (R, "be"),
    ),
    # -- te- (class "te") ------------------------------------------------------------------------
    _rule(
        "6", "terV... -> ter-V... | te-rV...", "N&A", r"^ter(?P<r>V.*)$", (R, "te"), ("r" + R, "te")
    ),
    _rule(
        "7",
        "terCerV... -> ter-CerV... where C != 'r'",
        "N&A",
        r"^ter(?P<r>(?!r)CerV.*)$",
        (R, "te"),
    ),
    _rule(
        "8",
        "terCP... -> ter-CP... where C != 'r' and P != 'er'",
        "N&A",
        r"^ter(?P<r>(?!r)C(?!er).*)$",
        (R, "te"),
    ),
    _rule(
        "9",
        "teC1erC2... -> te-C1erC2... where C1 != 'r'",
        "N&A",
        r"^te(?P<r>(?!r)CerC.*)$",
        (R, "te"),
    ),
    _rule(
        "35",
        "terC1erC2... -> ter-C1erC2... where C1 != 'r'",
        "CS",
        r"^ter(?P<r>(?!r)CerC.*)$",
        (R, "te"),
    ),
    # -- me- (class "me") ------------------------------------------------------------------------
    _rule("10", "me{l|r|w|y}V... -> me-{l|r|w|y}V...", "N&A", r"^me(?P<r>[lrwy]V.*)$", (R, "me")),
    _rule("11", "mem{b|f|v}... -> mem-{b|f|v}...", "N&A", r"^mem(?P<r>[bfv].*)$", (R, "me")),
    _rule("12", "mempe... -> mem-pe...", "CS", r"^mem(?P<r>pe.*)$", (R, "me")),
    _rule(
        "13",
        "mem{rV|V}... -> me-m{rV|V}... | me-p{rV|V}...",
        "N&A",
        r"^mem(?P<r>r?V.*)$",
        ("m" + R, "me"),
        ("p" + R, "me"),
    ),
    # ECS adds s (mensyaratkan -> syarat) to N&A's men{c|d|j|z}.
    _rule(
        "14",
        "men{c|d|j|s|z}... -> men-{c|d|j|s|z}...",
        "N&A; s: ECS",
        r"^men(?P<r>[cdjsz].*)$",
        (R, "me"),
    ),
    _rule(
        "15",
        "menV... -> me-nV... | me-tV...",
        "N&A",
        r"^men(?P<r>V.*)$",
        ("n" + R, "me"),
        ("t" + R, "me"),
    ),
    # CS adds k (mengkritik -> kritik) to N&A's meng{g|h|q}.
    _rule(
        "16",
        "meng{g|h|q|k}... -> meng-{g|h|q|k}...",
        "N&A; k: CS",
        r"^meng(?P<r>[ghqk].*)$",
        (R, "me"),
    ),
    _rule(
        "17",
        "mengV... -> meng-V... | meng-kV...",
        "N&A",
        r"^meng(?P<r>V.*)$",
        (R, "me"),
        ("k" + R, "me"),
    ),
    # CS: menge- before a one-syllable root (mengebom -> bom), tried after rule 17.
    _rule(
        "17c",
        "mengeC... -> menge-C... (mengV- where V = 'e')",
        "CS",
        r"^menge(?P<r>C.*)$",
        (R, "me"),
    ),
    # CS keeps ny (menyanyi -> nyanyi) after N&A's recoding to s (menyapu -> sapu).
    _rule(
        "18",
        "menyV... -> meny-sV... | me-nyV...",
        "N&A; me-ny: CS",
        r"^meny(?P<r>V.*)$",
        ("s" + R, "me"),
        ("ny" + R, "me"),
    ),
    # ECS widens N&A's mempV (V != 'e') to any letter A != 'e' (memproteksi -> proteksi).
    _rule(
        "19",
        "mempA... -> mem-pA... where A != 'e'",
        "N&A; A: ECS",
        r"^mem(?P<r>p(?!e)[a-z].*)$",
        (R, "me"),
    ),
    # -- pe- (class "pe") and per- (class "per") -------------------------------------------------
    _rule("20", "pe{w|y}V... -> pe-{w|y}V...", "N&A", r"^pe(?P<r>[wy]V.*)$", (R, "pe")),
    _rule(
        "21",
        "perV... -> per-V... | pe-rV...",
        "N&A",
        r"^per(?P<r>V.*)$",
        (R, "per"),
        ("r" + R, "pe"),
    ),
    _rule(
        "23",
        "perCAP... -> per-CAP... where C != 'r' and P != 'er'",
        "N&A",
        r"^per(?P<r>(?!r)C[a-z](?!er).*)$",
        (R, "per"),
    ),
    _rule(
        "24",
        "perCAerV... -> per-CAerV... where C != 'r'",
        "N&A",
        r"^per(?P<r>(?!r)C[a-z]erV.*)$",
        (R, "per"),
    ),
    _rule("25", "pem{b|f|v}... -> pem-{b|f|v}...", "N&A", r"^pem(?P<r>[bfv].*)$", (R, "pe")),
    _rule(
        "26",
        "pem{rV|V}... -> pe-m{rV|V}... | pe-p{rV|V}...",
        "N&A",
        r"^pem(?P<r>r?V.*)$",
        ("m" + R, "pe"),
        ("p" + R, "pe"),
    ),
    _rule("27", "pen{c|d|j|z}... -> pen-{c|d|j|z}...", "N&A", r"^pen(?P<r>[cdjz].*)$", (R, "pe")),
    _rule(
        "28",
        "penV... -> pe-nV... | pe-tV...",
        "N&A",
        r"^pen(?P<r>V.*)$",
        ("n" + R, "pe"),
        ("t" + R, "pe"),
    ),
    # ECS widens N&A's peng{g|h|q} to any consonant (pengkajian -> kaji).
    _rule("29", "pengC... -> peng-C...", "N&A; C: ECS", r"^peng(?P<r>C.*)$", (R, "pe")),
    _rule(
        "30",
        "pengV... -> peng-V... | peng-kV...",
        "N&A",
        r"^peng(?P<r>V.*)$",
        (R, "pe"),
        ("k" + R, "pe"),
    ),
    _rule(
        "30c",
        "pengeC... -> penge-C... (pengV- where V = 'e')",
        "CS",
        r"^penge(?P<r>C.*)$",
        (R, "pe"),
    ),
    _rule(
        "31",
        "penyV... -> peny-sV... | pe-nyV...",
        "N&A; pe-ny: CS",
        r"^peny(?P<r>V.*)$",
        ("s" + R, "pe"),
        ("ny" + R, "pe"),
    ),
    _rule(
        "32",
        "pelV... -> pe-lV... except pelajar -> ajar",
        "N&A",
        r"^pe(?P<r>(?!lajar$)lV.*)$",
        (R, "pe"),
    ),
    _rule("32x", "pelajar -> pel-ajar", "N&A", r"^pel(?P<r>ajar)$", (R, "pe")),
    _rule(
        "34",
        "peCP... -> pe-CP... where C not in {r, w, y, l, m, n} and P != 'er'",
        "N&A",
        r"^pe(?P<r>(?![rwylmn])C(?!er).*)$",
        (R, "pe"),
    ),
    _rule(
        "36",
        "peC1erC2... -> pe-C1erC2... where C1 not in {r, w, y, l, m, n}",
        "CS",
        r"^pe(?P<r>(?![rwylmn])CerC.*)$",
        (R, "pe"),
    ),
)

_BY_HEAD: dict[str, tuple[PrefixRule, ...]] = {
    head: tuple(r for r in PREFIX_RULES if r.pattern.pattern.startswith("^" + head))
    for head in ("be", "te", "me", "pe")
}

# CS rule precedence (Adriani et al. 2007; the pairs as listed in Asian 2007, pp. 78-79): these
# confixes lose their prefix before their suffix.
_PREFIX_FIRST = re.compile(r"^(?:be.*lah|be.*an|(?:me|di|pe|ter).*i)$")


def prefix_options(word: str) -> list[tuple[str, str, str]]:
    """Every (remainder, prefix class, rule) one prefix removal allows, in recoding order.

    Plain prefixes come off as they are (rule ``"plain"``); ``be- te- me- pe-`` follow the rule
    table, so *menulis* gives *nulis* before *tulis* and the dictionary decides.

    Examples
    --------
    >>> prefix_options("berambut")
    [('ambut', 'be', '1'), ('rambut', 'be', '1')]
    >>> prefix_options("pelajar"), prefix_options("dipakai")
    ([('ajar', 'pe', '32x')], [('pakai', 'di', 'plain')])
    """
    head = word[:2]
    if head in PLAIN_PREFIXES:
        return [(word[2:], head, "plain")]
    out = []
    for rule in _BY_HEAD.get(head, ()):
        out += [(cand, cls, rule.number) for cand, cls in rule.apply(word)]
    return out


def is_disallowed(prefix_class: str, suffix: str | None, root: str = "") -> bool:
    """Whether prefix and derivational suffix cannot form a confix (Asian et al. 2005, Table 1).

    Examples
    --------
    >>> is_disallowed("di", "an"), is_disallowed("di", "kan"), is_disallowed("me", None)
    (True, False, False)
    """
    if suffix is None or (prefix_class, suffix, root) in _ALLOWED_EXCEPTIONS:
        return False
    return suffix in DISALLOWED.get(prefix_class, ())


def prefix_first(word: str) -> bool:
    """CS rule precedence: be-...-lah, be-...-an, me-/di-/pe-/ter-...-i lose the prefix first.

    Examples
    --------
    >>> prefix_first("bersekolah"), prefix_first("disukai"), prefix_first("memasarkan")
    (True, True, False)
    """
    return bool(_PREFIX_FIRST.match(word))
