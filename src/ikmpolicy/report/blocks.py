"""Builders of brief blocks from pandas objects and matplotlib figures.

Sections call these instead of assembling blocks by hand: a DataFrame becomes a :class:`Table`
with every cell formatted for the reader's language, a figure becomes a PNG :class:`Figure` whose
bytes do not change between runs.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pandas as pd

from ikmpolicy.report.content import (
    BulletList,
    Callout,
    Figure,
    Inline,
    Paragraph,
    Runs,
    Table,
    runs,
)

#: PNG metadata that would otherwise name the matplotlib version (bytes differ across installs).
_PNG_METADATA = {"Software": None}
#: Resolution of the pictures: sharp on paper, small enough for an e-mail attachment.
DPI = 150


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell(value: object, formatter: Callable[[object], object] | None) -> Runs:
    if formatter is not None:
        value = formatter(value)
    elif _missing(value):
        value = ""
    if isinstance(value, tuple):
        return runs(value)
    if isinstance(value, Inline.__args__):  # a single run
        return runs(value)
    return runs(str(value))


def table(
    frame: pd.DataFrame,
    headers: Sequence[str] | None = None,
    formats: dict[str, Callable[[object], object]] | None = None,
    numeric: Sequence[str] = (),
    caption: str = "",
    row_headers: bool = False,
    style: str = "",
) -> Table:
    """A :class:`Table` from a DataFrame (the index is not shown).

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows to show, in order.
    headers : sequence of str, optional
        Column headings (default: the column names).
    formats : dict, optional
        Column name to a function turning a value into text or runs.
    numeric : sequence of str
        Columns aligned right.
    caption : str
        Table caption.
    row_headers : bool
        The first column names the row.
    style : str
        "" or "compact".

    Examples
    --------
    >>> t = table(pd.DataFrame({"a": ["x"], "n": [1234]}), ["A", "N"],
    ...           formats={"n": lambda v: f"{v:,}"}, numeric=["n"])
    >>> t.rows, t.numeric
    (((('x',), ('1,234',)),), (False, True))
    """
    formats = formats or {}
    headers = tuple(headers) if headers is not None else tuple(str(c) for c in frame.columns)
    if len(headers) != frame.shape[1]:
        raise ValueError(f"{len(headers)} headers for {frame.shape[1]} columns")
    columns = list(frame.columns)
    rows = tuple(
        tuple(_cell(value, formats.get(col)) for col, value in zip(columns, record, strict=True))
        for record in frame.itertuples(index=False)
    )
    return Table(headers, rows, tuple(c in numeric for c in columns), caption, row_headers, style)


def figure(
    fig, caption: str, alt: str | None = None, width: float = 1.0, optional: int = 0
) -> Figure:
    """A :class:`Figure` from a matplotlib figure (saved as PNG, then closed).

    ``alt`` says in words what the picture shows (default: the caption); ``optional`` (see
    :class:`Figure`) lets a brief that would exceed its pages leave the figure out.
    """
    import matplotlib.pyplot as plt

    png = png_bytes(fig)
    plt.close(fig)
    return Figure(png, caption, alt or caption, width, optional)


def png_bytes(fig) -> bytes:
    """A matplotlib figure as PNG bytes at :data:`DPI`, cropped to what is drawn on it plus
    savefig's padding: the picture ``savefig(bbox_inches="tight")`` gives, drawn once.

    ``bbox_inches="tight"`` draws a figure twice, once to measure it and once to save it; a
    brief's figures spent a third of their time on the second draw. Here the figure is drawn
    once and the picture cropped, which is the same picture whenever what is drawn lies inside
    the figure (otherwise, and for a see-through figure, the figure is saved the usual way).
    An opaque picture is stored without its alpha channel, which a PDF would otherwise keep as
    a second image.

    Examples
    --------
    >>> from matplotlib.figure import Figure as MplFigure
    >>> fig = MplFigure(figsize=(2, 1), layout="constrained")
    >>> _ = fig.add_subplot().plot([0, 1], [0, 1])
    >>> png = png_bytes(fig)
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig.set_dpi(DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    box = fig.get_tightbbox(canvas.get_renderer())
    wide, high = canvas.get_width_height(physical=True)
    x0, y0, x1, y1 = (v * DPI for v in box.extents)
    opaque = fig.get_facecolor()[3] == 1.0
    if not opaque or x0 < 0 or y0 < 0 or x1 > wide or y1 > high:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata=_PNG_METADATA)
        return buffer.getvalue()
    pad = mpl.rcParams["savefig.pad_inches"] * DPI
    # display coordinates grow upwards, picture rows downwards
    left, right = round(x0 - pad), round(x1 + pad)
    top, bottom = round(high - y1 - pad), round(high - y0 + pad)
    drawn = Image.frombuffer("RGBA", (wide, high), canvas.buffer_rgba()).convert("RGB")
    background = tuple(round(255 * c) for c in fig.get_facecolor()[:3])
    picture = Image.new("RGB", (right - left, bottom - top), background)
    # the padding may reach past the figure's edge: there it is the figure's colour
    inside = (max(left, 0), max(top, 0), min(right, wide), min(bottom, high))
    picture.paste(drawn.crop(inside), (inside[0] - left, inside[1] - top))
    buffer = io.BytesIO()
    picture.save(buffer, format="png", dpi=(DPI, DPI))
    return buffer.getvalue()


def paragraph(*parts: Inline | Runs | None, style: str = "") -> Paragraph:
    """A :class:`Paragraph` of runs (``style``: "", "lead", "small")."""
    return Paragraph(runs(*parts), style)


def bullets(items: Sequence[Inline | Runs]) -> BulletList:
    """A :class:`BulletList`, one item per entry."""
    return BulletList(tuple(runs(item) for item in items))


def note(*parts: Inline | Runs | None, kind: str = "note") -> Callout:
    """A boxed remark (``kind``: note, warning, synthetic, key)."""
    return Callout(runs(*parts), kind)
