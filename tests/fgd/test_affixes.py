"""The stemmer's tables against the published ones (Asian et al. 2005; Adriani et al. 2007;
Arifin et al. 2009), and the prefix rules by property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikmpolicy.fgd import affixes
from ikmpolicy.fgd.affixes import is_disallowed, prefix_first, prefix_options

# Asian, Williams & Tahaghoghi (2005), Table 1: "Disallowed prefix and suffix combinations".
TABLE_1 = {
    "be": {"i"},
    "di": {"an"},
    "ke": {"i", "kan"},
    "me": {"an"},
    "se": {"i", "kan"},
    "te": {"an"},
}


@pytest.mark.parametrize("prefix", ["be", "di", "ke", "me", "se", "te", "pe", "per"])
@pytest.mark.parametrize("suffix", ["i", "an", "kan"])
def test_table_1(prefix, suffix):
    assert is_disallowed(prefix, suffix, "root") == (suffix in TABLE_1.get(prefix, set()))


def test_table_1_exception_and_no_suffix():
    # "The only exception is that the root word 'tahu' is permitted with the prefix 'ke-' and
    # the suffix '-i'" (Asian et al. 2005, s. 2.1)
    assert not is_disallowed("ke", "i", "tahu")
    assert is_disallowed("ke", "i", "tahun")
    assert not any(is_disallowed(p, None) for p in TABLE_1)


def test_suffix_groups_as_published():
    assert set(affixes.PARTICLES) == {"lah", "kah", "tah", "pun"}
    assert set(affixes.POSSESSIVES) == {"ku", "mu", "nya"}
    assert affixes.DERIVATIONAL == ("i", "an")  # "-kan" = "-an" + "-k" (step 3a)
    assert affixes.PLAIN_PREFIXES == ("di", "ke", "se")


def test_rule_numbers_are_unique_and_sourced():
    numbers = [r.number for r in affixes.PREFIX_RULES]
    assert len(numbers) == len(set(numbers))
    assert all(r.source.split(";")[0] in {"N&A", "CS"} for r in affixes.PREFIX_RULES)
    ecs = {r.number for r in affixes.PREFIX_RULES if "ECS" in r.source}
    assert ecs == {"14", "19", "29"}  # men+s, mem+pA, peng+C (Arifin et al. 2009)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # conditions of the constructs: C != 'r', P != 'er', C not in {r, w, y, l, m, n}
        ("bersuara", [("suara", "be", "2")]),
        ("berdaerah", [("daerah", "be", "3")]),
        ("bekerja", [("kerja", "be", "5")]),
        ("berrasa", []),
        ("terperangkap", [("perangkap", "te", "7")]),
        ("terpuruk", [("puruk", "te", "8")]),
        ("terpercaya", [("percaya", "te", "35")]),
        ("tepercaya", [("percaya", "te", "9")]),
        ("menyapu", [("sapu", "me", "18"), ("nyapu", "me", "18")]),
        ("menulis", [("nulis", "me", "15"), ("tulis", "me", "15")]),
        ("mengecat", [("ecat", "me", "17"), ("kecat", "me", "17"), ("cat", "me", "17c")]),
        ("memproses", [("proses", "me", "19")]),
        ("mempesona", [("pesona", "me", "12")]),
        ("mensyukuri", [("syukuri", "me", "14")]),
        ("mentraktir", []),  # no published rule for men + t (Sastrawi adds one)
        ("perahu", [("ahu", "per", "21"), ("rahu", "pe", "21")]),
        ("pelari", [("lari", "pe", "32")]),
        ("pelajar", [("ajar", "pe", "32x")]),
        ("belajar", [("ajar", "be", "4")]),
        ("pemain", [("main", "pe", "26"), ("pain", "pe", "26")]),
        ("petani", [("tani", "pe", "34")]),
        ("pekerja", [("kerja", "pe", "36")]),
        ("pengkajian", [("kajian", "pe", "29")]),
        ("dipakai", [("pakai", "di", "plain")]),
        ("rumah", []),
    ],
)
def test_prefix_options(word, expected):
    assert prefix_options(word) == expected


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("bersekolah", True),
        ("berjalan", True),
        ("membeli", True),
        ("dibeli", True),
        ("pembeli", True),
        ("terbeli", True),
        ("memasarkan", False),
        ("kemitraan", False),
        ("berlari", False),
    ],
)
def test_rule_precedence_pairs(word, first):
    assert prefix_first(word) == first


@given(st.text(alphabet="abcdegikmnprstuwy", min_size=0, max_size=12))
def test_a_removal_keeps_the_tail_and_restores_at_most_the_swallowed_letters(word):
    """Every candidate is the word's tail after the prefix, with at most the letter(s) the
    nasal or r swallowed put back (m, n, p, t, k, s, r, ny), and is shorter than the word."""
    for cand, cls, _rule in prefix_options(word):
        assert len(cand) < len(word)
        assert cls in {"di", "ke", "se", "be", "te", "me", "pe", "per"}
        assert any(
            cand == head + word[len(word) - len(cand) + len(head) :]
            for head in ("", "m", "n", "p", "t", "k", "s", "r", "ny")
        )
