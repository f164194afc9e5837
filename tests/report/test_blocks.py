"""Figures as PNG: :func:`ikmpolicy.report.blocks.png_bytes` against matplotlib's own
``savefig(bbox_inches="tight")``, the independent computation it replaces."""

from __future__ import annotations

import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from PIL import Image

from ikmpolicy.report.blocks import DPI, png_bytes


def savefig_tight(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return buffer.getvalue()


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def differing_share(a: np.ndarray, b: np.ndarray, shift: int = 2) -> float:
    """Share of pixels that differ strongly, at the best shift of up to ``shift`` pixels: the
    two crops may start a pixel apart, and a sub-pixel offset changes only the anti-aliased
    edges, not what is drawn."""
    best = 1.0
    for dy in range(-shift, shift + 1):
        for dx in range(-shift, shift + 1):
            a2 = a[max(dy, 0) :, max(dx, 0) :]
            b2 = b[max(-dy, 0) :, max(-dx, 0) :]
            h, w = min(a2.shape[0], b2.shape[0]), min(a2.shape[1], b2.shape[1])
            differ = np.abs(a2[:h, :w] - b2[:h, :w]).max(axis=2) > 160
            best = min(best, float(differ.mean()))
    return best


def ink(image: np.ndarray) -> tuple[int, int, int, int, int]:
    """Where something is drawn (first and last row and column that are not white) and how
    many pixels are dark."""
    dark = image.min(axis=2) < 128
    rows, cols = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    return rows[0], image.shape[0] - rows[-1], cols[0], image.shape[1] - cols[-1], dark.sum()


def chart(layout: str | None = "constrained", legend_outside: bool = False) -> Figure:
    fig = Figure(figsize=(5, 3), layout=layout)
    ax = fig.add_subplot()
    ax.bar(["Akademisi", "Bisnis", "Pemerintah"], [3, 5, 2], color="#0072B2", label="hadir")
    ax.set_title("Organisasi per heliks")
    ax.set_ylabel("jumlah")
    if legend_outside:
        ax.legend(loc="center left", bbox_to_anchor=(1.2, 0.5))
    if layout is None and not legend_outside:
        fig.tight_layout()
    return fig


@pytest.mark.parametrize("layout", ["constrained", None])
def test_the_picture_is_savefigs_tight_picture(layout):
    fast, slow = pixels(png_bytes(chart(layout))), pixels(savefig_tight(chart(layout)))
    assert abs(fast.shape[0] - slow.shape[0]) <= 2 and abs(fast.shape[1] - slow.shape[1]) <= 2
    # the same margins around what is drawn (to a pixel) and as much drawn (to 1 %)
    *margins_fast, dark_fast = ink(fast)
    *margins_slow, dark_slow = ink(slow)
    assert np.abs(np.subtract(margins_fast, margins_slow)).max() <= 1
    assert dark_fast == pytest.approx(dark_slow, rel=0.01)
    assert differing_share(fast, slow) < 0.005


def test_an_opaque_picture_has_no_alpha_channel():
    image = Image.open(io.BytesIO(png_bytes(chart())))
    assert image.mode == "RGB"
    assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.02)  # PNG stores dots per metre


def test_the_padding_past_the_figure_edge_is_the_figure_colour():
    fig = Figure(figsize=(2, 2), facecolor="#FFF5CC")
    ax = fig.add_axes((0, 0, 1, 1))  # drawn to the very edge: the padding lies outside
    ax.set_axis_off()
    ax.add_patch(Rectangle((0, 0), 1, 1, color="k"))
    image = pixels(png_bytes(fig))
    pad = round(0.1 * DPI)
    assert image.shape[:2] == (300 + 2 * pad, 300 + 2 * pad)
    assert (image[:pad, :, :] == (255, 245, 204)).all()  # the band above
    assert (image[pad + 5 : -pad - 5, pad + 5 : -pad - 5] == 0).all()  # the black square


def test_what_lies_outside_the_figure_is_kept_as_savefig_keeps_it():
    # a legend placed beyond the right edge (no layout engine to make room): cropping could not
    # show it, so the figure is saved as savefig saves it
    def outside():
        return chart(layout=None, legend_outside=True)

    assert np.array_equal(pixels(png_bytes(outside())), pixels(savefig_tight(outside())))
    assert Image.open(io.BytesIO(png_bytes(outside()))).width > 5 * DPI  # the legend is in it


def test_a_see_through_figure_keeps_its_alpha():
    fig = chart()
    fig.patch.set_alpha(0.0)
    assert Image.open(io.BytesIO(png_bytes(fig))).mode == "RGBA"


def test_the_same_figure_gives_the_same_bytes():
    assert png_bytes(chart()) == png_bytes(chart())
