"""Matplotlib as every figure of the project uses it: the Agg backend (no window, same PNG
bytes from the same data) and text drawn as text.

Labels come from the data (organisation names, themes, programme names). Matplotlib would read
a label holding two ``$`` signs ("Rp$5$ juta") as mathematics and draw it in another font, or
fail on an unbalanced one; ``text.parse_math = False`` draws every label as it is written.
Import this module before pyplot in any module that draws.

Examples
--------
>>> import matplotlib
>>> import ikmpolicy.plotting
>>> matplotlib.rcParams["text.parse_math"], matplotlib.get_backend().lower()
(False, 'agg')
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["text.parse_math"] = False
matplotlib.rcParams["font.family"] = "DejaVu Sans"
# stable SVG ids and no creation dates, should anyone save a figure as SVG or PDF
matplotlib.rcParams["svg.hashsalt"] = "ikmpolicy"
