"""What a brief says, as data: sections made of blocks (paragraphs, tables, figures, ...).

A section function of the brief returns a :class:`Section`. The same object renders to HTML
(Jinja2 templates with autoescape, :mod:`ikmpolicy.report.render_html`), to DOCX
(:mod:`ikmpolicy.report.render_docx`) and, through the HTML, to PDF. In a notebook a section
shows itself as HTML and also carries itself as JSON (:data:`MIME_TYPE`), so the pipeline rebuilds
the brief from the executed notebook's outputs without parsing HTML.

Text is never HTML here: a paragraph is a tuple of *runs* (plain strings, :class:`Link`,
:class:`Strong`, :class:`Emph`, :class:`Code`), and the renderers escape it. A statement that
holds ``<script>`` therefore shows as text in every format.

Examples
--------
>>> s = Section("demo", "Demo", (Paragraph(runs("Read ", Link("this", "https://e.org"), ".")),))
>>> Section.from_json(s.to_json()) == s
True
>>> plain_text(s.blocks[0].runs)
'Read this.'
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, fields

#: Notebook output type that carries a section as JSON (read back by the pipeline).
MIME_TYPE = "application/vnd.ikmpolicy.section+json"
EDITIONS = ("brief", "annex")


# -- inline runs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """Text linked to an address."""

    text: str
    href: str


@dataclass(frozen=True)
class Strong:
    """Text in bold."""

    text: str


@dataclass(frozen=True)
class Emph:
    """Text in italics."""

    text: str


@dataclass(frozen=True)
class Code:
    """Text as typed (an id, a file name, a problem message)."""

    text: str


Inline = str | Link | Strong | Emph | Code
Runs = tuple[Inline, ...]


def runs(*parts: Inline | Runs | None) -> Runs:
    """Flatten strings, inline runs and tuples of runs into one tuple (``None`` is dropped)."""
    out: list[Inline] = []
    for part in parts:
        if part is None or part == "":
            continue
        if isinstance(part, tuple):
            out.extend(runs(*part))
        elif isinstance(part, str | Link | Strong | Emph | Code):
            out.append(part)
        else:
            out.append(str(part))
    return tuple(out)


def plain_text(value: Runs | Inline) -> str:
    """The text of runs without any markup."""
    if isinstance(value, tuple):
        return "".join(plain_text(v) for v in value)
    return value if isinstance(value, str) else value.text


# -- blocks -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of runs."""

    runs: Runs
    #: "" (body text), "lead" (a section's one-sentence summary), "small", "method"
    style: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (level 3 and below)."""

    text: str
    level: int = 3


@dataclass(frozen=True)
class BulletList:
    """A list of items, each a tuple of runs."""

    items: tuple[Runs, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table of text cells; ``numeric`` marks right-aligned columns.

    ``row_headers``: the first column names the row (rendered as ``<th scope="row">``).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Runs, ...], ...]
    numeric: tuple[bool, ...] = ()
    caption: str = ""
    row_headers: bool = False
    #: "" or "compact" (smaller type, for dense tables)
    style: str = ""


@dataclass(frozen=True)
class Figure:
    """A PNG picture with its caption and a text alternative for screen readers."""

    png: bytes
    caption: str
    alt: str
    #: share of the text width the picture takes when printed (0 < width <= 1)
    width: float = 1.0
    #: 0: always shown. 1, 2, ...: a figure whose content the text beside it also says, which the
    #: brief edition leaves out when it would not fit its pages otherwise (1 goes first)
    optional: int = 0


@dataclass(frozen=True)
class Callout:
    """A boxed remark; ``kind`` is note, warning, synthetic or key."""

    runs: Runs
    kind: str = "note"


@dataclass(frozen=True)
class Quote:
    """What someone said, with who said it (an organisation and office, never a private name)."""

    text: str
    attribution: Runs
    verbatim: bool = True


@dataclass(frozen=True)
class Masthead:
    """The top of page 1: issuing office and series, the message as title, the event, dates."""

    kicker: str
    title: str
    subtitle: str
    issued: str
    synthetic_notice: str = ""


@dataclass(frozen=True)
class Group:
    """Blocks that belong together: kept on one page, or set side by side (``columns`` 2)."""

    blocks: tuple[Block, ...]
    keep_together: bool = True
    columns: int = 1


Block = Paragraph | Heading | BulletList | Table | Figure | Callout | Quote | Masthead | Group
_BLOCK_TYPES = {
    cls.__name__: cls
    for cls in (Paragraph, Heading, BulletList, Table, Figure, Callout, Quote, Masthead, Group)
}
_INLINE_TYPES = {cls.__name__: cls for cls in (Link, Strong, Emph, Code)}


@dataclass(frozen=True)
class Section:
    """One section of a brief or its annex.

    Parameters
    ----------
    anchor : str
        Id of the section (HTML anchor), unique in a brief.
    title : str
        Heading; empty for the masthead.
    blocks : tuple of Block
        What the section shows; empty when the section was not computed.
    edition : {"brief", "annex"}
        Where the section belongs.
    lead : Runs
        One sentence saying what the section shows (annex sections open with it).
    methods : Runs
        The methods note (author-year citations in the text).
    references : tuple of str
        Keys of :mod:`ikmpolicy.report.references` cited by the section.
    omitted : str
        Why the section was not computed (then it has no blocks and is listed once).
    page_break : bool
        Start the section on a new printed page.
    meta : dict
        Document-level facts a section knows best (title, synthetic notice, ...).
    """

    anchor: str
    title: str
    blocks: tuple[Block, ...] = ()
    edition: str = "annex"
    lead: Runs = ()
    methods: Runs = ()
    references: tuple[str, ...] = ()
    omitted: str = ""
    page_break: bool = False
    meta: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.edition not in EDITIONS:
            raise ValueError(f"section {self.anchor!r}: edition must be one of {EDITIONS}")

    @property
    def html(self) -> str:
        """The section as an HTML fragment (escaped; what a notebook cell shows)."""
        from ikmpolicy.report.render_html import render_section

        return render_section(self)

    def text(self) -> str:
        """Everything the section says, as plain text (titles, cells, captions, notes)."""
        return " ".join(
            [
                self.title,
                plain_text(self.lead),
                *map(_block_text, self.blocks),
                plain_text(self.methods),
                self.omitted,
            ]
        ).strip()

    # Jupyter shows the HTML; the pipeline reads the JSON back. The plain text is a short
    # label: left out, IPython would store the full repr, figures and all (megabytes a brief).
    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/plain": f"<{self.edition} section {self.anchor!r}: {self.title}>",
            "text/html": self.html,
            MIME_TYPE: self.to_json(),
        }

    def to_json(self) -> dict:
        """The section as plain JSON (figures as base64 PNG)."""
        return {
            "anchor": self.anchor,
            "title": self.title,
            "edition": self.edition,
            "blocks": [_encode(b) for b in self.blocks],
            "lead": _encode_runs(self.lead),
            "methods": _encode_runs(self.methods),
            "references": list(self.references),
            "omitted": self.omitted,
            "page_break": self.page_break,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict) -> Section:
        """The section a :meth:`to_json` dictionary describes."""
        return cls(
            data["anchor"],
            data["title"],
            tuple(_decode(b) for b in data["blocks"]),
            data["edition"],
            _decode_runs(data["lead"]),
            _decode_runs(data["methods"]),
            tuple(data["references"]),
            data["omitted"],
            data["page_break"],
            dict(data.get("meta", {})),
        )


def _block_text(block) -> str:
    if isinstance(block, Paragraph | Callout):
        return plain_text(block.runs)
    if isinstance(block, Heading):
        return block.text
    if isinstance(block, BulletList):
        return " ".join(plain_text(i) for i in block.items)
    if isinstance(block, Table):
        cells = [plain_text(c) for row in block.rows for c in row]
        return " ".join([block.caption, *block.headers, *cells])
    if isinstance(block, Figure):
        return f"{block.caption} {block.alt}"
    if isinstance(block, Quote):
        return f"{block.text} {plain_text(block.attribution)}"
    if isinstance(block, Masthead):
        return " ".join(
            [block.kicker, block.title, block.subtitle, block.issued, block.synthetic_notice]
        )
    if isinstance(block, Group):
        return " ".join(_block_text(b) for b in block.blocks)
    return ""


# -- JSON encoding (plain dicts, PNG as base64) ---------------------------------------------


def _encode_runs(value: Runs) -> list:
    return [v if isinstance(v, str) else {"type": type(v).__name__, **v.__dict__} for v in value]


def _decode_runs(value: list) -> Runs:
    out: list[Inline] = []
    for item in value:
        if isinstance(item, str):
            out.append(item)
        else:
            item = dict(item)
            out.append(_INLINE_TYPES[item.pop("type")](**item))
    return tuple(out)


def _encode(block: Block) -> dict:
    data: dict = {"type": type(block).__name__}
    for f in fields(block):
        value = getattr(block, f.name)
        if f.name == "png":
            value = base64.b64encode(value).decode("ascii")
        elif f.name in ("runs", "attribution"):
            value = _encode_runs(value)
        elif f.name == "items":
            value = [_encode_runs(item) for item in value]
        elif f.name == "rows":
            value = [[_encode_runs(cell) for cell in row] for row in value]
        elif f.name == "blocks":
            value = [_encode(b) for b in value]
        elif isinstance(value, tuple):
            value = list(value)
        data[f.name] = value
    return data


def _decode(data: dict) -> Block:
    data = dict(data)
    cls = _BLOCK_TYPES[data.pop("type")]
    for name, value in list(data.items()):
        if name == "png":
            data[name] = base64.b64decode(value)
        elif name in ("runs", "attribution"):
            data[name] = _decode_runs(value)
        elif name == "items":
            data[name] = tuple(_decode_runs(item) for item in value)
        elif name == "rows":
            data[name] = tuple(tuple(_decode_runs(c) for c in row) for row in value)
        elif name == "blocks":
            data[name] = tuple(_decode(b) for b in value)
        elif isinstance(value, list):
            data[name] = tuple(value)
    return cls(**data)


def sections_of(notebook) -> list[Section]:
    """The sections an executed notebook displayed, in order (outputs without one are ignored).

    Examples
    --------
    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook()
    >>> s = Section("a", "A")
    >>> nb.cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
    ...     "display_data", data={MIME_TYPE: s.to_json()})])]
    >>> sections_of(nb) == [s]
    True
    """
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME_TYPE in data:
                found.append(Section.from_json(data[MIME_TYPE]))
    return found
