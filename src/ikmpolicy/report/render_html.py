"""HTML of briefs, annexes and the index: Jinja2 templates with autoescape, and nothing else.

Every page the project writes goes through :func:`environment`; text from the data reaches the
templates as plain strings and is escaped there. The only markup is in the templates
(``ikmpolicy/templates/brief/``). Styles are inlined and pictures are data URIs, so a page is one
self-contained file that can be e-mailed, opened on a phone or printed by WeasyPrint.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

from markupsafe import Markup

from ikmpolicy.report.content import Runs, Section, Table, plain_text
from ikmpolicy.report.table_widths import print_widths

# web, mail and in-page links, and relative links without a scheme (the brief's own files)
_SAFE_HREF = re.compile(r"^(https?://|mailto:|#|(?![^/?#]*:))[^\s\"'<>\\]*$", re.IGNORECASE)


def _kind(value: object) -> str:
    return "str" if isinstance(value, str) else type(value).__name__


def _safe_href(href: str) -> bool:
    """Only web, mail, in-page and relative links: never ``javascript:`` or ``data:``.

    Examples
    --------
    >>> [_safe_href(h) for h in ("https://a.id/x", "annex_id.html", "#top", "javascript:x()",
    ...                          "data:text/html,x", " java script:x")]
    [True, True, True, False, False, False]
    """
    return bool(_SAFE_HREF.match(href or ""))


def _datauri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


_LONG_TOKEN = re.compile(r"\S{30,}")
#: Where a long token breaks best: after the punctuation of addresses, paths and ids
_BREAK_AFTER = frozenset("/@_.-?&=:;,|\\")


def soft_wrap(text: str, every: int = 20) -> str:
    """Allow a line break inside very long unbroken strings (addresses, ids, hostile input).

    A token of 30 or more characters gets a zero-width space at least every ``every``
    characters, so that the browser and WeasyPrint can wrap it and it is never cut off at the
    page edge (or widens a table column beyond the page). Each break goes after the last
    punctuation of the stretch (``@``, ``/``, ``-``, ``.``, ``_``...) where there is one, so
    that an address breaks between its parts ("info@disperindag-" / "cilegon.example"), not
    inside a word ("...-cil" / "egon.example"); a stretch without punctuation is cut at
    ``every``. Ordinary words are left alone, and the text a reader copies is unchanged apart
    from those invisible breaks.

    Examples
    --------
    >>> soft_wrap("short words stay") == "short words stay"
    True
    >>> soft_wrap("x" * 45).count("\u200b")
    2
    >>> soft_wrap("info@disperindag-cilegon.example").split("\u200b")
    ['info@disperindag-', 'cilegon.example']
    """
    if not text or len(text) < 30:
        return text
    return _LONG_TOKEN.sub(lambda m: "\u200b".join(_pieces(m.group(0), every)), text)


def _pieces(token: str, every: int) -> list[str]:
    """``token`` cut into pieces of at most ``every`` characters, each ending after the last
    punctuation it holds (past its first quarter) when it has one."""
    pieces, start = [], 0
    while len(token) - start > every:
        stretch = token[start : start + every]
        cut = max((i + 1 for i, c in enumerate(stretch) if c in _BREAK_AFTER), default=0)
        cut = cut if cut > every // 4 else every
        pieces.append(token[start : start + cut])
        start += cut
    pieces.append(token[start:])
    return pieces


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, safe inside a ``<style>`` element.

    Examples
    --------
    >>> str(css_string('a "b" </style>'))
    '"a \\\\22 b\\\\22  \\\\3C /style\\\\3E "'
    """
    out = []
    for char in text or "":
        if char in '"\\<>' or ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    return Markup('"' + "".join(out) + '"')


#: What a table's text may take on a phone 390 px wide (the body's 357 px), in characters of the
#: phone's table type, 12 px: measured in Chromium on the sample's 43 tables, every table the
#: estimate below puts at 50 or under fitted, and the first one over 50 did not
PHONE_CHARACTERS = 50
#: Padding and border of one cell, in characters
_CELL_CHARACTERS = 1.0


def phone_layout(table: Table) -> str:
    """How ``table`` is laid out on a phone: "table", "cards" or "scroll".

    A table whose columns, each as narrow as its longest word, fit a phone's width stays a
    table. One that does not becomes cards on a narrow screen: one card per row, each value
    under its column's header (the header row stays for screen readers). A matrix (numbers
    under a row header that labels its rows as its columns, perhaps with a row of totals) keeps
    its grid and scrolls inside its own box, as a list of its cells would say less. Print and
    DOCX are not affected.

    Examples
    --------
    >>> narrow = Table(("Dimensi", "Skor"), ((("Mutu",), ("3,14",)),), (False, True))
    >>> wide = Table(("Tindakan", "Pelaksana", "Biaya; waktu", "Dampak", "Bukti"),
    ...              (tuple((w,) for w in ("Pendampingan", "Kementerian", "Rp175 juta",
    ...                                    "memenuhi syarat", "Disampaikan")),))
    >>> codes = [f"E{i}" for i in range(1, 15)]
    >>> matrix = Table(("Elemen", *codes, "Daya dorong"),
    ...                tuple(((c,), *[("1*",)] * 15) for c in (*codes, "Ketergantungan")),
    ...                (False,) + (True,) * 15, row_headers=True)
    >>> phone_layout(narrow), phone_layout(wide), phone_layout(matrix)
    ('table', 'cards', 'scroll')
    """
    columns = len(table.headers)
    widest = [_longest_word(h) * 1.1 for h in table.headers]  # headers are bold
    for row in table.rows:
        for j, cell in enumerate(row[:columns]):
            widest[j] = max(widest[j], _longest_word(plain_text(cell)))
    if sum(widest) + columns * _CELL_CHARACTERS <= PHONE_CHARACTERS:
        return "table"
    numbers = table.numeric[1:] if table.numeric else ()
    shared = sum(plain_text(row[0]) in table.headers[1:] for row in table.rows)
    if table.row_headers and numbers and all(numbers) and shared >= len(table.rows) - 1:
        return "scroll"
    return "cards"


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


@cache
def environment():
    """The Jinja2 environment of the project's pages (autoescape on for every template)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("ikmpolicy", "templates"),
        autoescape=select_autoescape(
            enabled_extensions=("j2", "html"), default_for_string=True, default=True
        ),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters.update(
        kind=_kind,
        safe_href=_safe_href,
        datauri=_datauri,
        css_string=css_string,
        soft_wrap=soft_wrap,
        phone_layout=phone_layout,
        print_widths=print_widths,
    )
    return env


@cache
def stylesheet() -> str:
    """The brief's stylesheet (screen, phone and print)."""
    return (
        resources.files("ikmpolicy").joinpath("templates", "brief", "brief.css").read_text("utf-8")
    )


def _words(words: dict | None) -> dict:
    base = {"methods": "Methods", "not_computed": "Not computed", "references": "References"}
    return base | (words or {})


def render_section(section: Section, words: dict | None = None) -> str:
    """One section as an HTML fragment (what a notebook cell shows)."""
    if words is None:
        from ikmpolicy.report.i18n import Locale

        words = document_words(Locale(section.meta.get("lang", "id")))
    # a notebook shows the section without the page's stylesheet, which the tap-to-enlarge of
    # a figure needs: the figure is shown plainly there
    words = {k: v for k, v in _words(words).items() if k not in ("zoom", "zoom_hint")}
    template = environment().get_template("brief/section.html.j2")
    return template.render(s=section, words=words)


def document_words(loc) -> dict:
    """The few words the page template itself shows, in the brief's language (with them, a
    figure on a phone is enlarged when tapped: ``zoom``, ``zoom_hint``)."""
    return {
        "methods": loc.t("doc.methods"),
        "not_computed": loc.t("doc.not_computed"),
        "references": loc.t("doc.references"),
        "zoom": loc.t("doc.zoom"),
        "zoom_hint": loc.t("doc.zoom_hint"),
    }


def render_document(
    sections: Sequence[Section],
    *,
    lang: str,
    title: str,
    edition: str,
    words: dict,
    footer: Runs = (),
    running_header: str = "",
    running_header_screen: str = "",
    omitted: Sequence[tuple[str, str]] = (),
    references: Sequence[Runs] = (),
) -> str:
    """A whole page: the sections of one edition, what was not computed, the references.

    Parameters
    ----------
    sections : sequence of Section
        In reading order; sections with ``omitted`` set are not shown (list them in
        ``omitted``).
    lang : str
        Language of the page (``<html lang>``).
    title : str
        Page title.
    edition : {"brief", "annex", "index"}
        Which document this is (a class on ``<body>`` for the stylesheet).
    words : dict
        From :func:`document_words`.
    footer : Runs
        The last line of the page.
    running_header : str
        Text printed at the top of every PDF page (the synthetic-data warning), or "".
    running_header_screen : str
        The same warning shown on screen at the top of the page, or "".
    omitted : sequence of (title, reason)
        Sections not computed, each listed once with why.
    references : sequence of Runs
        Full reference entries, already ordered.
    """
    template = environment().get_template("brief/page.html.j2")
    return template.render(
        lang=lang,
        title=title,
        edition=edition,
        css=Markup(stylesheet()),
        sections=[s for s in sections if not s.omitted],
        words=_words(words),
        footer=footer,
        running_header=running_header,
        running_header_screen=running_header_screen,
        omitted=list(omitted),
        references=list(references),
    )
