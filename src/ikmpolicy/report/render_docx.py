"""The brief as a Word document (python-docx), so an office can turn it into a memo.

Same sections and blocks as the HTML; text stays text (no field codes, no macros). The file is
reproducible: fixed core properties and fixed dates inside the zip.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from ikmpolicy.report.content import (
    BulletList,
    Callout,
    Code,
    Emph,
    Figure,
    Group,
    Heading,
    Link,
    Masthead,
    Paragraph,
    Quote,
    Runs,
    Section,
    Strong,
    Table,
)

#: Printable width of an A4 page with 2 cm margins.
TEXT_WIDTH_CM = 17.0
_FIXED_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


def _add_runs(paragraph, value: Runs, *, bold: bool = False, size: float | None = None) -> None:
    from docx.shared import Pt

    for item in value:
        if isinstance(item, str):
            run = paragraph.add_run(item)
        elif isinstance(item, Link):
            # a visible address is the safest link in a document that will be edited and printed
            run = paragraph.add_run(item.text)
            run.underline = True
            if item.href != item.text and item.href.startswith("http"):
                paragraph.add_run(f" ({item.href})")
        elif isinstance(item, Strong):
            run = paragraph.add_run(item.text)
            run.bold = True
        elif isinstance(item, Emph):
            run = paragraph.add_run(item.text)
            run.italic = True
        elif isinstance(item, Code):
            run = paragraph.add_run(item.text)
            run.font.name = "DejaVu Sans Mono"
        else:
            run = paragraph.add_run(str(item))
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)


def _table(doc, block: Table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if block.caption:
        caption = doc.add_paragraph()
        _add_runs(caption, (block.caption,), bold=True, size=9)
    table = doc.add_table(rows=1, cols=len(block.headers))
    table.style = "Table Grid"
    size = 8 if block.style == "compact" else 9
    for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
        cell.text = ""
        _add_runs(cell.paragraphs[0], (header,), bold=True, size=size)
    for row in block.rows:
        cells = table.add_row().cells
        for k, (cell, value) in enumerate(zip(cells, row, strict=True)):
            paragraph = cell.paragraphs[0]
            _add_runs(paragraph, value, size=size, bold=block.row_headers and k == 0)
            if block.numeric and block.numeric[k]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _figure(doc, block: Figure) -> None:
    from docx.shared import Cm, Pt

    doc.add_picture(io.BytesIO(block.png), width=Cm(TEXT_WIDTH_CM * min(1.0, block.width)))
    caption = doc.add_paragraph()
    _add_runs(caption, (block.caption,), size=8.5)
    caption.paragraph_format.space_after = Pt(8)


def _block(doc, block) -> None:  # noqa: C901 - one branch per block type, nothing else
    if isinstance(block, Paragraph):
        _add_runs(doc.add_paragraph(), block.runs, size=9 if block.style == "small" else None)
    elif isinstance(block, Heading):
        doc.add_heading(block.text, level=min(block.level, 4))
    elif isinstance(block, BulletList):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            _add_runs(doc.add_paragraph(style=style), item)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Figure):
        _figure(doc, block)
    elif isinstance(block, Callout):
        paragraph = doc.add_paragraph(style="Intense Quote")
        _add_runs(paragraph, block.runs)
    elif isinstance(block, Quote):
        paragraph = doc.add_paragraph(style="Quote")
        _add_runs(paragraph, (f"“{block.text}”" if block.verbatim else block.text,))
        who = doc.add_paragraph()
        _add_runs(who, block.attribution, size=8.5)
    elif isinstance(block, Masthead):
        kicker = doc.add_paragraph()
        _add_runs(kicker, (block.kicker,), size=8.5)
        doc.add_heading(block.title, level=0)
        for line in (block.subtitle, block.issued):
            _add_runs(doc.add_paragraph(), (line,), size=9.5)
        if block.synthetic_notice:
            _add_runs(doc.add_paragraph(style="Intense Quote"), (block.synthetic_notice,))
    elif isinstance(block, Group):
        for inner in block.blocks:
            _block(doc, inner)
    else:
        raise TypeError(f"no Word rendering for {type(block).__name__}")


def render_docx(
    sections: Sequence[Section],
    *,
    title: str,
    lang: str,
    issued: dt.date,
    running_header: str = "",
    footer: str = "",
) -> bytes:
    """The brief edition as DOCX bytes (same bytes for the same sections and date)."""
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    for section in doc.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.0)
        section.top_margin = section.bottom_margin = Cm(2.0)
        if running_header:
            section.header.paragraphs[0].text = running_header
        if footer:
            section.footer.paragraphs[0].text = footer
    props = doc.core_properties
    props.title, props.language, props.author = _property(title), lang, "ikmpolicy"
    moment = dt.datetime.combine(issued, dt.time())
    props.created = props.modified = moment
    props.last_modified_by, props.revision = "ikmpolicy", 1
    for section in sections:
        if section.omitted:
            continue
        if section.anchor != "masthead":
            doc.add_heading(section.title, level=1)
        for block in section.blocks:
            _block(doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_zip_dates(buffer.getvalue())


#: Most characters in a document property of a Word file (python-docx refuses more).
PROPERTY_LIMIT = 255


def _property(text: str) -> str:
    """``text`` as a document property holds it: cut at a word, with an ellipsis, when longer
    than :data:`PROPERTY_LIMIT` (the brief's title, a message naming long organisation or
    programme names, can be; the heading in the document keeps it whole).

    Examples
    --------
    >>> _property("pendek"), len(_property("kata " * 100)), _property("kata " * 100)[-3:]
    ('pendek', 250, 'ta…')
    """
    if len(text) <= PROPERTY_LIMIT:
        return text
    cut = text[: PROPERTY_LIMIT - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _fixed_zip_dates(data: bytes) -> bytes:
    """Rewrite the zip with one fixed date per member (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
