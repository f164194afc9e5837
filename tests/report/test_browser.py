"""The HTML briefs as a reader meets them: headless Chromium on a phone-sized window.

Each page is opened at 390 px wide (a common phone): no console error, every image loaded, no
element wider than the window (no sideways scrolling), no table scrolling inside its box but a
matrix (a table too wide becomes cards), headings in order, every image with a text
alternative, every table with header cells; a screenshot is saved with the test's files.
A brief made from data holding script and markup runs no script.

Needs Debian's ``chromium`` and ``chromium-driver`` (``make test`` installs them where it can,
as CI does); without them these tests are skipped, saying so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM and DRIVER),
        reason="needs chromium and chromedriver (Debian: apt-get install "
        "chromium chromium-driver; make test installs them as root)",
    ),
]

PHONE_WIDTH = 390

#: Measured in the page: widest element, images, headings, tables, scripts.
PROBE = """
const doc = document.documentElement;
const wide = [...document.querySelectorAll('body *')].filter(
    e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'));
const images = [...document.images];
const levels = [...document.querySelectorAll('h1,h2,h3,h4')].map(h => +h.tagName[1]);
const tables = [...document.querySelectorAll('table')];
const scrolling = [...document.querySelectorAll('.table-wrap')].filter(
    w => w.scrollWidth > w.clientWidth + 1 && !w.querySelector('table.matrix'));
return {
  scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth,
  wide: wide.slice(0, 5).map(e => e.tagName + '.' + e.className),
  brokenImages: images.filter(i => !i.complete || i.naturalWidth === 0).length,
  imagesWithoutAlt: images.filter(i => !(i.getAttribute('alt') || '').trim()).length,
  images: images.length,
  levels: levels,
  tablesWithoutHeaders: tables.filter(t => !t.querySelector('th')).length,
  scrollingTables: scrolling.map(w => w.querySelector('table').textContent.slice(0, 60)),
  cards: document.querySelectorAll('table.cards').length,
  scripts: document.scripts.length,
  pwned: window.__pwned === true,
};
"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        f"--window-size={PHONE_WIDTH},844",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def open_page(browser, path: Path, shot: Path) -> dict:
    browser.get(path.resolve().as_uri())
    # the viewport, not the window frame, must be 390 px: correct for the browser's chrome
    inner = browser.execute_script("return window.innerWidth")
    if inner != PHONE_WIDTH:
        size = browser.get_window_size()
        browser.set_window_size(size["width"] + PHONE_WIDTH - inner, size["height"])
        browser.get(path.resolve().as_uri())
    result = browser.execute_script(PROBE)
    result["console"] = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    browser.save_screenshot(str(shot))
    return result


def check_page(result: dict, name: str) -> None:
    assert result["innerWidth"] == PHONE_WIDTH, name
    assert result["console"] == [], (name, result["console"])
    assert result["brokenImages"] == 0, name
    assert result["imagesWithoutAlt"] == 0, name
    assert result["scrollWidth"] <= PHONE_WIDTH, (name, result["scrollWidth"], result["wide"])
    assert result["wide"] == [], (name, result["wide"])
    assert result["tablesWithoutHeaders"] == 0, name
    # a table too wide for the phone becomes cards; only a matrix scrolls inside its box
    assert result["scrollingTables"] == [], (name, result["scrollingTables"])
    levels = result["levels"]
    assert levels and levels[0] == 1 and levels.count(1) == 1, (name, levels)
    # no heading level is skipped
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)
    assert result["scripts"] == 0, name  # the briefs are plain documents: no script at all


def test_sample_briefs_and_annexes_read_on_a_phone(browser, briefs, tmp_path):
    first, _, english, out = briefs
    from ikmpolicy.overview import write_index
    from ikmpolicy.validation import load_dataset
    from tests.conftest import AS_OF

    index = write_index(
        load_dataset(Path(__file__).resolve().parents[2] / "data" / "cilegon"),
        out,
        "id",
        as_of=AS_OF,
    )
    pages = [first.html, first.annex_html, english.html, english.annex_html, index]
    for page in pages:
        shot = tmp_path / f"{page.parent.name}-{page.stem}.png"
        result = open_page(browser, page, shot)
        check_page(result, page.name)
        assert shot.stat().st_size > 10_000  # a real picture of the page
    assert open_page(browser, first.annex_html, tmp_path / "a.png")["images"] >= 3
    # the brief's recommendation table is too wide for a phone: it is read as cards
    assert open_page(browser, first.html, tmp_path / "b.png")["cards"] >= 1


HOSTILE = (
    '<script>window.__pwned = true</script><img src=x onerror="window.__pwned=true">'
    '<a href="javascript:window.__pwned=true">tautan</a> **tebal** $x$ ' + "A" * 400
)


def test_hostile_text_runs_nothing_in_the_browser(browser, data_copy, tmp_path):
    """Script, event handlers and javascript: links from the data stay text."""
    import csv

    from ikmpolicy.pipeline import run_brief
    from tests.conftest import AS_OF

    path = data_copy / "statements.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["session_id"] == "fgd-2025-05-15":
            row["text"] = HOSTILE
            row["speaker_office"] = HOSTILE[:80]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    files = run_brief("fgd-2025-05-15", "id", str(data_copy), str(tmp_path / "out"), as_of=AS_OF)
    for page in (files.html, files.annex_html):
        result = open_page(browser, page, tmp_path / f"{page.stem}.png")
        assert result["pwned"] is False and result["scripts"] == 0
        assert result["scrollWidth"] <= PHONE_WIDTH  # 400 unbroken letters wrap
        text = page.read_text("utf-8")
        assert "<script>" not in text and 'href="javascript:' not in text
    # the statements (annex) show the hostile text as text
    assert "&lt;script&gt;window.__pwned" in files.annex_html.read_text("utf-8")


def test_a_figure_tapped_on_a_phone_is_enlarged_in_a_box_that_scrolls(browser, briefs, tmp_path):
    """A figure fits the phone's screen (its labels a few pixels high); tapped, it is 2.5 times
    as wide, in its own box that scrolls sideways while the page does not; tapped again, it
    fits again. The hint says so on a phone only: the printed brief does not show it."""
    from selenium.webdriver.common.by import By

    first = briefs[0]
    open_page(browser, first.html, tmp_path / "fit.png")
    figure = browser.find_elements(By.CSS_SELECTOR, "figure.brief-figure")[0]
    image = figure.find_element(By.TAG_NAME, "img")
    box = figure.find_element(By.CSS_SELECTOR, ".zoom-box")
    fitted = image.rect["width"]
    assert fitted <= PHONE_WIDTH
    assert figure.find_element(By.CSS_SELECTOR, ".zoom-hint").is_displayed()
    image.click()
    enlarged = image.rect["width"]
    browser.save_screenshot(str(tmp_path / "enlarged.png"))
    assert enlarged > 2 * fitted
    assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", box)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE_WIDTH
    image.click()
    assert image.rect["width"] == fitted
    from pypdf import PdfReader

    printed = " ".join(page.extract_text() for page in PdfReader(first.pdf).pages)
    assert "Subsektor IKM" in printed and "ketuk" not in printed  # captions, without the hint
