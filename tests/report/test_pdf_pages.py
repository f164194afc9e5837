"""The PDFs as a reader holds them: pages turned into pictures with poppler's pdftoppm.

Needs Debian's ``poppler-utils`` (``make test`` installs it as root, as CI does); without it the
test is skipped, saying so.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

PDFTOPPM = shutil.which("pdftoppm")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        PDFTOPPM is None,
        reason="needs pdftoppm (Debian: apt-get install poppler-utils; make test installs it)",
    ),
]


def pages_of(pdf, folder):
    subprocess.run([PDFTOPPM, "-r", "40", "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def ink(png) -> float:
    """Share of the page that is not white (a page with nothing on it has none)."""
    from PIL import Image

    grey = Image.open(png).convert("L")
    dark = sum(grey.histogram()[:200])
    return dark / (grey.width * grey.height)


def test_the_brief_prints_on_at_most_four_pages_each_with_content(briefs, tmp_path):
    # the first two are the same session run twice; one folder per run
    for number, files in enumerate(briefs[:3]):
        folder = tmp_path / f"{number}-{files.fgd_id}-{files.lang}"
        folder.mkdir()
        pages = pages_of(files.pdf, folder)
        assert 1 <= len(pages) <= 4, (files.pdf, len(pages))
        # no half-empty page in the middle: every page but the last carries real content
        assert all(ink(p) > 0.02 for p in pages[:-1]), [round(ink(p), 3) for p in pages]


def test_the_annex_pages_are_pictures_too(briefs, tmp_path):
    pages = pages_of(briefs[0].annex_pdf, tmp_path)
    assert len(pages) >= 3 and all(ink(p) > 0.005 for p in pages)
