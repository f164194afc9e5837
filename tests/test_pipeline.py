"""The main job end to end: papermill runs the brief notebook on the sample data and the
pipeline writes the brief (HTML, PDF, DOCX), the technical annex (HTML, PDF) and the executed
notebook."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ikmpolicy.overview import write_index
from ikmpolicy.profile import dimension_profile, latest_assessments
from ikmpolicy.report.i18n import Locale
from tests.conftest import AS_OF

pytestmark = pytest.mark.slow


def text_of(path: Path) -> str:
    """What a reader sees: tags removed, entities decoded, zero-width breaks dropped."""
    from html import unescape

    html = path.read_text("utf-8")
    text = unescape(re.sub(r"<[^>]+>", " ", html)).replace("\u200b", "")
    return re.sub(r"\s+", " ", text)


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join([p.text for p in doc.paragraphs] + cells)


def test_the_brief_holds_page_one_and_the_annex_the_analyses(briefs, sample):
    first, *_ = briefs
    brief = text_of(first.html)
    for heading in ("Pesan kunci", "Perlu tindak lanjut", "Cara membaca risalah ini"):
        assert heading in brief, heading
    annex = text_of(first.annex_html)
    for heading in (
        "Tentang kegiatan",
        "Cakupan dan keseimbangan heliks",
        "Profil kesiapan IKM",
        "Kualitas data",
        "Asal-usul risalah ini",
        "Daftar pustaka",
    ):
        assert heading in annex, heading
    assert "The Royale Krakatau Hotel" in brief and "The Royale Krakatau Hotel" in annex
    assert "Jumlah peserta 40" in annex
    assert "tanggal tidak diketahui (hari Senin" in annex
    assert "SINTETIS" in brief and "SINTETIS" in annex
    assert "ANTARA Banten" in annex
    # no code and no prompts reach the brief
    assert "load_context" not in first.html.read_text("utf-8")
    # the brief links its annex, the annex its brief
    assert 'href="brief_id_annex.html"' in first.html.read_text("utf-8")
    assert 'href="brief_id.html"' in first.annex_html.read_text("utf-8")


def test_annex_numbers_come_from_the_data(briefs, sample):
    first, *_ = briefs
    text = text_of(first.annex_html)
    indicators = list(sample.indicators["indicator"])
    latest = latest_assessments(sample["assessments"], AS_OF)
    overall = dimension_profile(latest, sample["firms"], indicators).iloc[0]
    loc = Locale("id")
    label = dict(zip(sample.indicators["indicator"], sample.indicators["label_id"], strict=True))
    for ind in indicators:
        assert f"{label[ind]} {loc.number(overall[ind], 2)}" in text, ind
    assert f"penilaian terakhir dari {len(latest)} IKM" in text
    firms_sha = [f.sha256 for f in sample.files if f.path.endswith("firms.csv")][0]
    assert firms_sha[:16] in text


def test_one_count_of_assessed_firms_everywhere(briefs, sample):
    """Page 1, the profile and the index count the same firms (each one's latest assessment)."""
    first, *_ = briefs
    n = len(latest_assessments(sample["assessments"], AS_OF))
    brief, annex = text_of(first.html), text_of(first.annex_html)
    assert f"pada {n} IKM yang dinilai" in brief
    assert f"sebanyak {n} IKM" in annex and f"dari {n} IKM" in annex


def test_annex_shows_the_group_judgement(briefs, sample):
    from ikmpolicy.mcda import session_judgement

    _, _, english, _ = briefs
    text = text_of(english.annex_html)
    assert "Weights of the readiness dimensions from the participants (AHP)" in text
    rows = sample["pairwise"][sample["pairwise"]["session_id"] == "fgd-2025-05-15"]
    helix = sample["stakeholders"].set_index("org_id")["helix"]
    groups = rows.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"]
    result = session_judgement(rows, groups.map(helix))
    loc = Locale("en")
    assert f"Kendall's W = {loc.number(result.agreement['W'], 2)}" in text
    top = result.weights["all"].idxmax()
    label = dict(zip(sample.indicators["dimension"], sample.indicators["label_en"], strict=True))
    assert f"{label[top]} {loc.percent(result.weights['all'].max(), 1)}" in text
    flagged = int((~result.respondents["consistent"]).sum())
    assert f"Respondents with a CR above 0.10: {flagged} of {len(result.respondents)}." in text


def test_annex_shows_the_readiness_index(briefs, sample):
    _, _, english, _ = briefs
    text = text_of(english.annex_html)
    assert "Partnership-readiness index" in text
    latest = latest_assessments(sample["assessments"], AS_OF)
    counts = latest["assessment_date"].value_counts()
    loc = Locale("en")
    for date, n in counts.items():
        assert f"{n} on {loc.date(date)}" in text
    assert "Change from 10 March 2025 to 10 November 2025" in text


def test_no_personal_data_in_any_output(briefs, sample):
    from pypdf import PdfReader

    first, _, english, _ = briefs
    owners = list(sample["firms"]["owner_name"]) + list(sample["firms"]["owner_phone"])
    for files in (first, english):
        texts = [
            files.html.read_text("utf-8"),
            files.annex_html.read_text("utf-8"),
            files.notebook.read_text("utf-8"),
            docx_text(files.docx),
            " ".join(p.extract_text() for p in PdfReader(files.pdf).pages),
            " ".join(p.extract_text() for p in PdfReader(files.annex_pdf).pages),
        ]
        for text in texts:
            assert "+62 800" not in text
            assert not [o for o in owners if o in text]


def test_same_inputs_same_bytes(briefs):
    first, second, *_ = briefs
    for a, b in (
        (first.html, second.html),
        (first.pdf, second.pdf),
        (first.docx, second.docx),
        (first.annex_html, second.annex_html),
        (first.annex_pdf, second.annex_pdf),
        (first.notebook, second.notebook),
    ):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_brief_is_at_most_four_pages_and_the_pdfs_are_real(briefs):
    from pypdf import PdfReader

    for files in briefs[:3]:
        reader = PdfReader(files.pdf)
        assert 1 <= len(reader.pages) <= 4, files.pdf
        assert len(PdfReader(files.annex_pdf).pages) >= 3
    text = " ".join(p.extract_text() for p in PdfReader(briefs[0].pdf).pages)
    assert "Pesan kunci" in text and "Royale Krakatau" in text


def test_every_printed_page_says_the_data_are_synthetic(briefs):
    from pypdf import PdfReader

    for path in (briefs[0].pdf, briefs[0].annex_pdf, briefs[2].pdf):
        for page in PdfReader(path).pages:
            text = page.extract_text()
            assert "SINTETIS" in text or "SYNTHETIC" in text


def test_the_synthetic_notice_is_given_once_in_the_brief(briefs):
    # it opened page 1 and was repeated whole under "limits of the data" on the last page
    from ikmpolicy.report.i18n import Locale

    for files, lang in ((briefs[0], "id"), (briefs[2], "en")):
        text = text_of(files.html)
        opening = Locale(lang).t("brief.synthetic_notice", inputs="{}").split("{}")[0]
        assert text.count(opening.strip()) == 1
        assert Locale(lang).t("reading.limit_synthetic") in text


def test_docx_of_the_brief(briefs):
    first, _, english, _ = briefs
    text = docx_text(first.docx)
    assert "Pesan kunci" in text and "SINTETIS" in text
    assert "Key messages" in docx_text(english.docx)


def test_executed_notebook_is_kept_with_parameters(briefs):
    first, *_ = briefs
    nb = json.loads(first.notebook.read_text("utf-8"))
    params = nb["metadata"]["papermill"]["parameters"]
    assert params["fgd_id"] == "fgd-kemenperin-royale-krakatau" and params["lang"] == "id"
    assert params["as_of"] == AS_OF
    assert "start_time" not in json.dumps(nb)


def test_english_brief(briefs):
    _, _, english, _ = briefs
    text = text_of(english.html)
    assert "Key messages" in text and "How to read this brief" in text
    assert "15 May 2025" in text
    assert "Pesan kunci" not in text
    assert english.html.name == "brief_en.html"
    annex = text_of(english.annex_html)
    assert "How this brief was made" in annex and "Asal-usul" not in annex


def test_index_links_the_briefs(briefs, sample):
    *_, out = briefs
    index = write_index(sample, out, "id", as_of=AS_OF)
    html = index.read_text("utf-8")
    assert 'href="fgd-kemenperin-royale-krakatau/brief_id.html"' in html
    assert 'href="fgd-2025-05-15/brief_en.pdf"' in html
    assert 'href="fgd-2025-05-15/brief_en_annex.html"' in html
    for title in sample["fgd_sessions"]["title"]:
        assert title in html
    # the overview across sessions: commitments, themes, readiness, recommendations taken up
    for heading in (
        "Komitmen dari waktu ke waktu",
        "Tema yang menguat atau melemah",
        "Rekomendasi dan tindak lanjutnya",
    ):
        assert heading in html
    assert "internal" not in html  # the internal edition is never linked
