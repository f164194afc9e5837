"""The Word edition of a brief."""

from __future__ import annotations

import datetime as dt
import io

from ikmpolicy.report.content import Paragraph, Section, runs
from ikmpolicy.report.render_docx import PROPERTY_LIMIT, render_docx


def test_a_title_longer_than_a_document_property_is_cut_for_the_property_only():
    """A brief's title (its message) names organisations and programmes as the data spell
    them; a long one stopped the brief ('exceeded 255 char limit for property')."""
    from docx import Document

    title = "Satu IKM baja ringan dapat memenuhi syarat " + "PT Nama Pembeli Yang Panjang " * 12
    section = Section("masthead", "", (Paragraph(runs(title)),))
    data = render_docx([section], title=title, lang="id", issued=dt.date(2025, 5, 15))
    doc = Document(io.BytesIO(data))
    assert len(doc.core_properties.title) <= PROPERTY_LIMIT
    assert doc.core_properties.title.endswith("…")
    assert title.startswith(doc.core_properties.title[:-1])
    assert doc.paragraphs[0].text == title  # the document itself keeps it whole
