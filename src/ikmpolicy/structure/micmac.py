"""MICMAC classification of ISM elements by driving power and dependence.

Each element of the final reachability matrix has a driving power (row sum) and a dependence
(column sum), both between 1 and n. The plane is cut at a midpoint on each axis, by default
n / 2 (n = number of elements). A value **above** the midpoint is high; a value **equal to or
below** it is low, the rule of Marimin (2004) ("DP <= 0.5 X" is weak, X the number of
sub-elements). The four quadrants (Mandal & Deshmukh 1994):

* I ``autonomous``: low driving power, low dependence (weakly connected to the system);
* II ``dependent``: low driving power, high dependence (outcomes);
* III ``linkage``: high driving power, high dependence (unstable: any action on them echoes back);
* IV ``independent``: high driving power, low dependence (the key drivers).

Why n / 2, and other conventions. The cut at half the number of elements, a tie counting as low,
is Marimin's (2004) rule as Indonesian ISM studies apply it (sector I when DP <= 0.5 X and
D <= 0.5 X, sector II when DP <= 0.5 X and D > 0.5 X, and so on); the cut depends on n only,
not on how the powers are spread. Studies do not all cut there: the R package ISMtools
(``micmac_analysis``, 2026) cuts each axis at the median of the driving powers and of the
dependences. ``midpoint`` sets another cut, the same on both axes.

Godet's MICMAC proper also ranks variables by the row and column sums of powers of a valued
direct-influence matrix (its indirect classification); that is not done here: these are the
quadrants of ISM studies, read from the final reachability matrix.

References
----------
Duperrin, J. C. & Godet, M. (1973). *Méthode de hiérarchisation des éléments d'un système*.
Rapport économique du CEA, R-45-41 (MICMAC).
Mandal, A. & Deshmukh, S. G. (1994). "Vendor selection using interpretive structural
modelling (ISM)". *International Journal of Operations & Production Management* 14(6), 52-59.
Marimin (2004). *Teknik dan Aplikasi Pengambilan Keputusan Kriteria Majemuk*. Grasindo.
Tang, Y. (2026). *ISMtools: Interpretive Structural Modelling Analysis Tools*, R package 0.1.0,
CRAN (``micmac_analysis``: "above or below the median values").
"""

from __future__ import annotations

import pandas as pd

from .ism import driving_dependence

#: Quadrants in Roman-numeral order.
QUADRANTS = ("autonomous", "dependent", "linkage", "independent")


def quadrant(driving: float, dependence: float, midpoint: float) -> str:
    """The MICMAC quadrant of one element (values equal to the midpoint count as low).

    Examples
    --------
    >>> quadrant(5, 1, 3), quadrant(3, 3, 3), quadrant(4, 4, 3), quadrant(1, 5, 3)
    ('independent', 'autonomous', 'linkage', 'dependent')
    """
    high_drive, high_dep = driving > midpoint, dependence > midpoint
    if high_drive:
        return "linkage" if high_dep else "independent"
    return "dependent" if high_dep else "autonomous"


def micmac(final: pd.DataFrame, midpoint: float | None = None) -> pd.DataFrame:
    """Driving power, dependence and MICMAC quadrant of each element.

    Parameters
    ----------
    final : pandas.DataFrame
        Final reachability matrix (0/1).
    midpoint : float, optional
        Where each axis is cut; default n / 2.

    Returns
    -------
    pandas.DataFrame
        ``driving_power``, ``dependence``, ``quadrant`` (one of :data:`QUADRANTS`), indexed by
        element; ``attrs["midpoint"]`` holds the midpoint used.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 1, 1, 1], [0, 1, 1, 1], [0, 0, 1, 1], [0, 0, 0, 1]],
    ...                  index=list("abcd"), columns=list("abcd"))
    >>> micmac(m)["quadrant"].tolist()
    ['independent', 'independent', 'dependent', 'dependent']
    """
    table = driving_dependence(final)
    cut = len(table) / 2 if midpoint is None else float(midpoint)
    table["quadrant"] = [
        quadrant(d, p, cut)
        for d, p in zip(table["driving_power"], table["dependence"], strict=True)
    ]
    table.attrs["midpoint"] = cut
    return table
