"""Root lists: the shipped common roots and lists read from files."""

from __future__ import annotations

import re

import pytest

from ikmpolicy import fgd
from ikmpolicy.errors import InputError
from ikmpolicy.fgd.roots import COMMON_ROOTS_FILE, parse_roots


def test_common_roots_are_shipped_words_and_cached():
    roots = fgd.common_roots()
    assert len(roots) > 3000
    assert fgd.common_roots() is roots  # one object: the stemmer's memo is reused
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", w) for w in roots)
    # the codebook's roots that are roots (not kept-whole derived keywords) are there
    assert {"mitra", "latih", "uji", "izin", "alat", "pasar", "mutu", "standar"} <= roots


def test_common_roots_hold_roots_not_derived_words():
    derived = {
        "pelatihan",
        "pemerintah",
        "kebijakan",
        "perusahaan",
        "pendidikan",
        "pameran",
        "pemasaran",
        "kemitraan",
        "pengusaha",
        "merosot",
        "pakaian",
        "karyawan",
    }
    assert derived & fgd.common_roots() == set()


def test_the_file_states_origin_and_licence():
    from importlib import resources

    text = (
        resources.files("ikmpolicy.fgd")
        .joinpath("data", COMMON_ROOTS_FILE)
        .read_text(encoding="utf-8")
    )
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "Licence: MIT" in header and "Not copied or derived from KBBI, Kateglo" in header


def test_read_roots_from_a_file(tmp_path):
    path = tmp_path / "roots.txt"
    path.write_text("# my roots\nmitra\n\nkerja\nkupu-kupu\n", encoding="utf-8")
    assert fgd.read_roots(path) == {"mitra", "kerja", "kupu-kupu"}
    assert fgd.stem("bermitra", fgd.read_roots(path)) == "mitra"


def test_bad_root_lists_name_file_and_line(tmp_path):
    path = tmp_path / "roots.txt"
    path.write_text("mitra\nKerja\n", encoding="utf-8")
    with pytest.raises(fgd.RootListError, match=r"roots.txt, line 2: found 'Kerja'"):
        fgd.read_roots(path)
    with pytest.raises(InputError, match="cannot read the root list"):
        fgd.read_roots(tmp_path / "missing.txt")
    with pytest.raises(ValueError, match="line 1: found 'dua kata'"):
        parse_roots(["dua kata"])
