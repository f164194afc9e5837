"""Small HTML building blocks for briefs: escaped text, tables and embedded figures.

Text that came from data is always escaped here, so a statement holding ``<script>`` or
markdown shows as text in the brief. Figures are embedded as PNG (same inputs, same bytes).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

#: Metadata that would otherwise vary between runs or leak the environment.
_PNG_METADATA = {"Software": None}


@dataclass(frozen=True)
class Fragment:
    """A piece of trusted HTML produced by this package (its parts were escaped)."""

    html: str

    def _repr_html_(self) -> str:  # Jupyter shows this; nbconvert copies it into the brief
        return self.html

    def __add__(self, other: Fragment) -> Fragment:
        return Fragment(self.html + other.html)


def esc(value: object) -> str:
    """Escape any value for HTML text or attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def join(parts: Iterable[Fragment | str]) -> Fragment:
    """Concatenate fragments; plain strings are escaped."""
    return Fragment("".join(p.html if isinstance(p, Fragment) else esc(p) for p in parts))


def tag(name: str, content: Fragment | str = "", cls: str | None = None, **attrs: str
        ) -> Fragment:
    """``<name class=cls ...>content</name>`` with content escaped unless it is a Fragment."""
    inner = content.html if isinstance(content, Fragment) else esc(content)
    attributes = "".join(f' {k.rstrip("_")}="{esc(v)}"' for k, v in attrs.items())
    if cls:
        attributes = f' class="{esc(cls)}"' + attributes
    return Fragment(f"<{name}{attributes}>{inner}</{name}>")


def section(anchor: str, title: str, *body: Fragment | str) -> Fragment:
    """A numbered brief section with a heading and an anchor for the table of contents."""
    return tag("section", join([tag("h2", title), *body]), cls="brief-section", id=anchor)


def keep_together(*parts: Fragment | str) -> Fragment:
    """Parts that a printed page must not split (e.g. a heading and its short table)."""
    return tag("div", join(parts), cls="keep-together")


def paragraph(text: str | Fragment, cls: str | None = None) -> Fragment:
    return tag("p", text, cls=cls)


def bullets(items: Sequence[str | Fragment]) -> Fragment:
    return tag("ul", join(tag("li", i) for i in items))


def note(text: str | Fragment, kind: str = "note") -> Fragment:
    """A boxed remark (``kind``: note, warning, synthetic)."""
    return tag("div", text, cls=f"callout callout-{kind}")


def table(frame: pd.DataFrame, headers: Sequence[str] | None = None,
          formats: dict[str, Callable[[object], str]] | None = None,
          numeric: Sequence[str] = (), caption: str | None = None) -> Fragment:
    """An HTML table from a DataFrame; every cell is formatted then escaped.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows to show, in order; the index is not shown.
    headers : sequence of str, optional
        Column headings (default: the column names).
    formats : dict, optional
        Column name to a function turning a value into display text.
    numeric : sequence of str
        Columns aligned right.
    caption : str, optional
        Table caption.
    """
    formats = formats or {}
    headers = list(headers) if headers is not None else [str(c) for c in frame.columns]
    head = "".join(
        f'<th{" class=num" if c in numeric else ""}>{esc(h)}</th>'
        for c, h in zip(frame.columns, headers, strict=True)
    )
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for col, value in zip(frame.columns, record, strict=True):
            text = formats[col](value) if col in formats else ("" if _missing(value) else value)
            cells.append(f'<td{" class=num" if col in numeric else ""}>{esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return Fragment(f'<table class="brief-table">{cap}<thead><tr>{head}</tr></thead>'
                    f'<tbody>{"".join(rows)}</tbody></table>')


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def figure(fig, caption: str, alt: str | None = None) -> Fragment:
    """Embed a matplotlib figure as a PNG data URI with a caption, then close it."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight", metadata=_PNG_METADATA)
    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    img = f'<img src="data:image/png;base64,{data}" alt="{esc(alt or caption)}">'
    return Fragment(f'<figure class="brief-figure">{img}'
                    f"<figcaption>{esc(caption)}</figcaption></figure>")
