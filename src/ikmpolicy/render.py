"""From an executed brief notebook to the documents its readers get.

The notebook's cells display :class:`~ikmpolicy.report.content.Section` objects; each carries
itself as JSON in the cell's output. This module reads them back, splits them into the brief
edition (at most four printed pages) and the technical annex, and renders each: HTML through the
Jinja2 templates (one self-contained file), PDF from the same HTML with WeasyPrint (no TeX), and
the brief as DOCX with python-docx.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ikmpolicy.errors import RunError
from ikmpolicy.paths import annex_file, brief_file
from ikmpolicy.report.content import Figure, Group, Link, Masthead, Section, runs, sections_of
from ikmpolicy.report.i18n import Locale

if TYPE_CHECKING:
    import nbformat


#: The brief edition prints on at most this many A4 pages (issue 10).
BRIEF_PAGES = 4


class RenderError(RunError):
    """The executed notebook does not hold a brief that can be rendered."""


@dataclass(frozen=True)
class Documents:
    """The rendered documents of one brief."""

    brief_html: str
    annex_html: str
    brief_docx: bytes
    title: str
    #: the sections as the notebook displayed them (for tests and the index)
    sections: tuple[Section, ...]
    #: optional figures of the brief edition left out (levels 1..left_out; see Figure.optional)
    left_out: int = 0

    def brief_pdf(self) -> bytes:
        """The brief as PDF bytes."""
        return pdf_bytes(self.brief_html)

    def annex_pdf(self) -> bytes:
        """The annex as PDF bytes."""
        return pdf_bytes(self.annex_html)

    def recommendations(self):
        """The recommendations table the notebook computed (a DataFrame), or None."""
        import pandas as pd

        for section in self.sections:
            if "recommendations" in section.meta:
                return pd.DataFrame(section.meta["recommendations"])
        return None


def _meta(sections: list[Section]) -> dict:
    meta: dict = {}
    for section in sections:
        meta.update(section.meta)
    return meta


def _optional_figures(sections) -> list[Figure]:
    """The optional figures of ``sections``, those inside groups too, in reading order."""

    def walk(blocks):
        for b in blocks:
            if isinstance(b, Group):
                yield from walk(b.blocks)
            elif isinstance(b, Figure) and b.optional > 0:
                yield b

    return [f for s in sections for f in walk(s.blocks)]


def _leave_out(section: Section, left_out: int) -> Section:
    """``section`` without its optional figures of levels 1..``left_out``."""

    def kept(blocks) -> tuple:
        out = []
        for b in blocks:
            if isinstance(b, Figure) and 0 < b.optional <= left_out:
                continue
            out.append(dataclasses.replace(b, blocks=kept(b.blocks)) if isinstance(b, Group) else b)
        return tuple(out)

    return dataclasses.replace(section, blocks=kept(section.blocks))


def omitted_list(sections: list[Section], loc: Locale) -> list[tuple[str, str]]:
    """The "not computed" list: each reason once, after the titles of the sections it left out
    (the brief's two recommendation sections lack the same table, for one reason); a remark
    that follows several reasons (rows rejected from the table they lack) is kept with the
    first only.

    Examples
    --------
    >>> parts = [Section("a", "A", omitted="No rows. Rows were rejected."), Section("b", "B"),
    ...          Section("c", "C", omitted="No rows. Rows were rejected."),
    ...          Section("d", "D", omitted="No links. Rows were rejected.")]
    >>> omitted_list(parts, Locale("en"))
    [('A and C', 'No rows. Rows were rejected.'), ('D', 'No links.')]
    """
    titles: dict[str, list[str]] = {}
    for section in sections:
        if section.omitted:
            titles.setdefault(section.omitted, []).append(section.title)
    listed, said = [], set()
    for reason, names in titles.items():
        first, *remarks = _SENTENCE_END.split(reason)
        kept = [r for r in remarks if r not in said]
        said.update(remarks)
        listed.append((loc.join(names), " ".join([first, *kept])))
    return listed


#: The space between two sentences of a reason
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def render(notebook: nbformat.NotebookNode, lang: str, left_out: int = 0) -> Documents:
    """The brief and its annex from an executed brief notebook.

    ``left_out``: the brief edition (HTML, DOCX and so PDF alike) leaves out the optional figures
    of levels 1 to ``left_out`` (see :func:`fit_brief`); the annex keeps every figure.

    Raises
    ------
    RenderError
        When the notebook displayed no masthead (it is not a brief notebook, or a cell
        failed silently).
    """
    from ikmpolicy.report.references import bibliography
    from ikmpolicy.report.render_docx import render_docx
    from ikmpolicy.report.render_html import document_words, render_document

    loc = Locale(lang)
    sections = sections_of(notebook)
    if not any(s.anchor == "masthead" for s in sections):
        raise RenderError(
            "the notebook shows no brief masthead: is it the brief notebook, "
            "and did every cell run?"
        )
    meta = _meta(sections)
    title = meta.get("title", "")
    words = document_words(loc)
    brief = [_leave_out(s, left_out) for s in sections if s.edition == "brief"]
    annex = [s for s in sections if s.edition == "annex"]
    header = meta.get("running_header", "")
    annex_name = annex_file(lang, ".html")
    footer_brief = runs(loc.t("doc.footer_brief"), " ", Link(loc.t("doc.annex_link"), annex_name))
    brief_html = render_document(
        brief,
        lang=lang,
        title=title,
        edition="brief",
        words=words,
        footer=footer_brief,
        running_header=header,
        running_header_screen=header,
        omitted=omitted_list(brief, loc),
    )
    cited = [key for s in annex if not s.omitted for key in s.references]
    annex_title = loc.t("doc.annex_title", title=title)
    top = next(
        (b for s in brief if s.anchor == "masthead" for b in s.blocks if isinstance(b, Masthead)),
        None,
    )
    if top is not None:
        annex = [
            Section(
                "masthead",
                "",
                (Masthead(top.kicker, annex_title, top.subtitle, top.issued),),
                edition="annex",
            ),
            *annex,
        ]
    annex_html = render_document(
        annex,
        lang=lang,
        title=annex_title,
        edition="annex",
        words=words,
        footer=runs(
            loc.t("doc.footer_annex"), " ", Link(loc.t("doc.brief_link"), brief_file(lang, ".html"))
        ),
        running_header=header,
        running_header_screen=header,
        omitted=omitted_list(annex, loc),
        references=bibliography(cited),
    )
    issued = dt.date.fromisoformat(meta["issued"]) if meta.get("issued") else dt.date(2000, 1, 1)
    docx = render_docx(
        brief,
        title=title,
        lang=lang,
        issued=issued,
        running_header=header,
        footer=loc.t("doc.footer_brief"),
    )
    return Documents(brief_html, annex_html, docx, title, tuple(sections), left_out)


def fit_brief(
    notebook: nbformat.NotebookNode,
    lang: str,
    docs: Documents | None = None,
    pages: int = BRIEF_PAGES,
) -> tuple[Documents, bytes, int]:
    """The documents, the brief's PDF and its page count, with the brief on at most ``pages``.

    While the brief would print on more pages, its optional figures are left out, level 1
    first (each says what the text beside it says too); the HTML and the DOCX leave out the
    same ones, so the three agree. A brief still too long after that is returned as it is.
    ``docs``: :func:`render` of the notebook, when already made.
    """
    docs = docs if docs is not None else render(notebook, lang)
    brief = [s for s in docs.sections if s.edition == "brief"]
    levels = max((f.optional for f in _optional_figures(brief)), default=0)
    pdf, count = pdf_and_pages(docs.brief_html)
    while count > pages and docs.left_out < levels:
        docs = render(notebook, lang, left_out=docs.left_out + 1)
        pdf, count = pdf_and_pages(docs.brief_html)
    return docs, pdf, count


def fit_notes(docs: Documents, pages: int, limit: int = BRIEF_PAGES) -> tuple[str, ...]:
    """What a brief's maker should know of :func:`fit_brief`: the figures it left out, and
    pages beyond ``limit`` that no optional figure could save.

    Examples
    --------
    >>> fit_notes(Documents("", "", b"", "t", ()), 5)
    ('the brief runs to 5 pages, more than 4: shorten what the data put on its pages',)
    """
    notes = []
    brief = [s for s in docs.sections if s.edition == "brief"]
    gone = [f.caption for f in _optional_figures(brief) if f.optional <= docs.left_out]
    if gone:
        notes.append(
            f"left out of the brief to keep it to {limit} pages (the annex has them; the text "
            f"beside them says the same): {'; '.join(gone)}"
        )
    if pages > limit:
        notes.append(
            f"the brief runs to {pages} pages, more than {limit}: shorten what the data put on "
            "its pages"
        )
    return tuple(notes)


def pdf_and_pages(html: str) -> tuple[bytes, int]:
    """A page as PDF bytes (WeasyPrint; no dates in the metadata: reproducible) and its number
    of pages."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=None).render()
    return document.write_pdf(), len(document.pages)


def pdf_bytes(html: str) -> bytes:
    """A page as PDF bytes (see :func:`pdf_and_pages`)."""
    return pdf_and_pages(html)[0]


def _warm() -> None:
    """Import WeasyPrint in the worker before any page arrives (the import takes a second)."""
    import weasyprint  # noqa: F401


def _ready() -> None:
    """A first task for the worker, so that its process starts (and runs :func:`_warm`) now."""


class PdfWorker:
    """Renders a page to PDF in a second process while this one does the rest.

    A brief has two PDFs (the brief and the annex); the annex is the longer, so it goes to the
    worker, started (and WeasyPrint imported there) while the notebook still runs. On a machine
    with one core, in a daemonic process (a Dask worker under its nanny may have no children),
    or when the worker cannot start, pages are rendered here instead.

    Examples
    --------
    >>> with PdfWorker(enabled=False) as worker:
    ...     worker.submit("<p>x</p>").result()[:5]
    b'%PDF-'
    """

    def __init__(self, enabled: bool | None = None):
        from ikmpolicy.background import second_process_possible

        self.enabled = second_process_possible() if enabled is None else enabled
        self._pool = None

    def __enter__(self) -> PdfWorker:
        if self.enabled:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            try:  # spawn: a clean process, whatever threads the kernel client left here
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_warm,
                )
                # a pool starts its process at the first task, not when it is made: without
                # this one, WeasyPrint was imported after the notebook, on the critical path
                self._pool.submit(_ready)
            except (OSError, RuntimeError):
                self._pool = None
        return self

    def submit(self, html: str):
        """A future of the PDF bytes of ``html``."""
        from concurrent.futures import Future

        if self._pool is not None:
            try:
                return self._pool.submit(pdf_bytes, html)
            except RuntimeError:  # the pool broke: render here
                self._pool = None
        done: Future = Future()
        done.set_result(pdf_bytes(html))
        return done

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
