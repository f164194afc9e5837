"""The main job end to end: papermill runs the brief notebook on the sample data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ikmpolicy.pipeline import run_brief, write_index
from ikmpolicy.profile import dimension_profile, latest_assessments
from ikmpolicy.report.i18n import Locale

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    """Two Indonesian runs (for reproducibility) and one English run."""
    import os

    out = tmp_path_factory.mktemp("reports")
    again = tmp_path_factory.mktemp("reports-again")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        first = run_brief("fgd-kemenperin-royale-krakatau", "id", "data/cilegon", str(out))
        second = run_brief("fgd-kemenperin-royale-krakatau", "id", "data/cilegon", str(again))
        english = run_brief("fgd-2025-05-15", "en", "data/cilegon", str(out))
    finally:
        os.chdir(cwd)
    return first, second, english, out


def text_of(path: Path) -> str:
    html = path.read_text("utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_brief_has_every_section_and_the_facts(briefs, sample):
    first, *_ = briefs
    text = text_of(first.html)
    for heading in ("Pokok-pokok", "Tentang kegiatan", "Siapa yang hadir, menurut heliks",
                    "Apa yang disampaikan", "Profil kesiapan IKM", "Kualitas data",
                    "Asal-usul ringkasan ini"):
        assert heading in text, heading
    assert "The Royale Krakatau Hotel" in text
    assert "Jumlah peserta 40" in text
    assert "tanggal tidak diketahui (hari Senin" in text
    assert "SINTETIS" in text
    assert "ANTARA Banten" in text
    # no code and no prompts reach the brief
    assert "load_context" not in first.html.read_text("utf-8")


def test_brief_numbers_come_from_the_data(briefs, sample):
    first, *_ = briefs
    text = text_of(first.html)
    indicators = list(sample.indicators["indicator"])
    latest = latest_assessments(sample["assessments"])
    overall = dimension_profile(latest, sample["firms"], indicators).iloc[0]
    loc = Locale("id")
    label = dict(zip(sample.indicators["indicator"], sample.indicators["label_id"], strict=True))
    for ind in indicators:
        assert f"{label[ind]} {loc.number(overall[ind], 2)}" in text, ind
    assert f"Penilaian terakhir dari {len(latest)} IKM" in text
    firms_sha = [f.sha256 for f in sample.files if f.path.endswith("firms.csv")][0]
    assert firms_sha[:16] in text


def test_brief_shows_the_group_judgement(briefs, sample):
    from ikmpolicy.mcda import session_judgement

    _, _, english, _ = briefs
    text = text_of(english.html)
    assert "Criteria weights from the participants (AHP)" in text
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
    assert f"{flagged} of {len(result.respondents)} respondents have a CR above 0.10" in text


def test_brief_shows_the_readiness_index(briefs, sample):
    from ikmpolicy.mcda import session_judgement
    from ikmpolicy.readiness import build_index

    _, _, english, _ = briefs
    text = text_of(english.html)
    assert "Partnership-readiness index" in text
    rows = sample["pairwise"][sample["pairwise"]["session_id"] == "fgd-2025-05-15"]
    groups = rows.drop_duplicates("respondent_id").set_index("respondent_id")["org_id"]
    weights = session_judgement(rows, groups.map(lambda _: "all")).weights["all"]
    a = sample["assessments"]
    latest = a[a["assessment_date"] == a["assessment_date"].max()]
    record = build_index(latest, sample.indicators, sample["firms"],
                         dimension_weights=weights.to_dict(), zero="offset")
    best = record.ranks["overall"].idxmin()
    loc = Locale("en")
    assert f"1 {best} " in text
    assert loc.number(record.overall[best], 1) in text
    assert f"{len(latest)} IKM were assessed on November 10, 2025" in text
    assert "Change from March 10, 2025 to November 10, 2025" in text


def test_brief_has_no_personal_data(briefs, sample):
    first, _, english, _ = briefs
    for files in (first, english):
        html = files.html.read_text("utf-8")
        for name in sample["firms"]["owner_name"].head(20):
            assert name not in html
        assert "+62 800" not in html


def test_same_inputs_same_bytes(briefs):
    first, second, *_ = briefs
    for a, b in ((first.html, second.html), (first.pdf, second.pdf),
                 (first.notebook, second.notebook)):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_pdf_is_a_real_document(briefs):
    first, *_ = briefs
    from pypdf import PdfReader

    assert first.pdf.read_bytes().startswith(b"%PDF-")
    reader = PdfReader(first.pdf)
    assert len(reader.pages) >= 3
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Pokok-pokok" in text and "Royale Krakatau" in text


def test_executed_notebook_is_kept_with_parameters(briefs):
    first, *_ = briefs
    nb = json.loads(first.notebook.read_text("utf-8"))
    params = nb["metadata"]["papermill"]["parameters"]
    assert params["fgd_id"] == "fgd-kemenperin-royale-krakatau" and params["lang"] == "id"
    assert "start_time" not in json.dumps(nb)


def test_english_brief(briefs):
    _, _, english, _ = briefs
    text = text_of(english.html)
    assert "Key points" in text and "How this brief was made" in text
    assert "May 15, 2025" in text
    assert "Pokok-pokok" not in text
    assert english.html.name == "brief_en.html"


def test_index_links_the_briefs(briefs, sample):
    *_, out = briefs
    index = write_index(sample, out, "id")
    html = index.read_text("utf-8")
    assert 'href="fgd-kemenperin-royale-krakatau/brief_id.html"' in html
    assert 'href="fgd-2025-05-15/brief_en.pdf"' in html
    for title in sample["fgd_sessions"]["title"]:
        assert title in html


def test_a_kernel_of_another_python_is_refused(tmp_path, monkeypatch):
    import json as _json

    import pytest

    from ikmpolicy.pipeline import BriefError, check_kernel

    check_kernel()  # this environment's own kernel is accepted
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(_json.dumps({
        "argv": ["/opt/other/bin/python", "-m", "ipykernel_launcher", "-f",
                 "{connection_file}"], "display_name": "other", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    with pytest.raises(BriefError, match="/opt/other/bin/python"):
        check_kernel()
