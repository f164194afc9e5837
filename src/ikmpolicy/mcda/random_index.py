"""Random consistency index (RI) tables for Saaty's consistency ratio CR = CI / RI.

RI(n) is the mean consistency index of random reciprocal matrices of order ``n`` filled from
the 1/9..9 scale. Different simulations give slightly different tables; papers usually say
which one they used, so the table is a parameter.

Tables
------
``"saaty"`` (default)
    Saaty, T. L. (1980). *The Analytic Hierarchy Process*. McGraw-Hill, New York (the R.I. table
    of chapter 1, n = 1..15; the values n <= 10 are repeated in Saaty, T. L. (1990), "How to make
    a decision: the analytic hierarchy process", *EJOR* 48, 9-26, p. 13). The table most
    Indonesian AHP papers cite (0.58, 0.90, 1.12, ...). The dip at n = 12 (1.48) is in the
    original.
``"saaty2005"``
    Saaty, T. L. (2005). *Theory and Applications of the Analytic Network Process*. RWS
    Publications, p. 31 (also Saaty & Tran 2007, *Math. Comput. Modelling* 46, 962-975):
    0.52, 0.89, 1.11, ... from a larger simulation. Saaty (2008) "Decision making with the
    analytic hierarchy process", *Int. J. Services Sciences* 1(1), 83-98 uses it.
``"alonso_lamata"``
    Alonso, J. A. & Lamata, M. T. (2006). "Consistency in the analytic hierarchy process: a new
    approach". *Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems* 14(4), 445-459: the
    paper's random index table, from 100,000 random reciprocal matrices per order, n = 3..15:
    0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551,
    1.5713, 1.5838.
``"alonso_lamata_variant"``
    The list that circulates in AHP software and theses under the same citation:
    0.5247, 0.8816, 1.1086, 1.2479, 1.3417, 1.4057, 1.4499, 1.4854, 1.5140, 1.5365, 1.5551,
    1.5713, 1.5838 (n = 3..15; copies often continue it to n = 39, from 1.5978 at n = 16 to
    1.7020). It differs from the paper's table at n = 3, 4, 8 and 11 only, by one or two units
    of the fourth decimal, and is given without a table reference wherever it appears (code
    comments, course notes); no publication of it could be traced, so it is kept only to
    reproduce a study that used it. The difference does not matter in practice: the mean of
    100,000 random matrices has a standard error of about 0.002 at n = 3 (0.001 at n = 7), ten
    times the gap.
``"donegan_dodd"``
    Donegan, H. A. & Dodd, F. J. (1991). "A note on Saaty's random indexes". *Math. Comput.
    Modelling* 15(10), 135-137 (n = 3..15 shown here).

For every table RI(1) = RI(2) = 0: matrices of order 1 and 2 are always consistent, and the
consistency ratio is defined as 0 for them.
"""

from __future__ import annotations

from ._validation import MCDAError

__all__ = ["RANDOM_INDEX_TABLES", "random_index"]

RANDOM_INDEX_TABLES: dict[str, dict[int, float]] = {
    "saaty": {
        1: 0.0,
        2: 0.0,
        3: 0.58,
        4: 0.90,
        5: 1.12,
        6: 1.24,
        7: 1.32,
        8: 1.41,
        9: 1.45,
        10: 1.49,
        11: 1.51,
        12: 1.48,
        13: 1.56,
        14: 1.57,
        15: 1.59,
    },
    "saaty2005": {
        1: 0.0,
        2: 0.0,
        3: 0.52,
        4: 0.89,
        5: 1.11,
        6: 1.25,
        7: 1.35,
        8: 1.40,
        9: 1.45,
        10: 1.49,
        11: 1.52,
        12: 1.54,
        13: 1.56,
        14: 1.58,
        15: 1.59,
    },
    "alonso_lamata": {
        1: 0.0,
        2: 0.0,
        3: 0.5245,
        4: 0.8815,
        5: 1.1086,
        6: 1.2479,
        7: 1.3417,
        8: 1.4056,
        9: 1.4499,
        10: 1.4854,
        11: 1.5141,
        12: 1.5365,
        13: 1.5551,
        14: 1.5713,
        15: 1.5838,
    },
    "alonso_lamata_variant": {
        1: 0.0,
        2: 0.0,
        3: 0.5247,
        4: 0.8816,
        5: 1.1086,
        6: 1.2479,
        7: 1.3417,
        8: 1.4057,
        9: 1.4499,
        10: 1.4854,
        11: 1.5140,
        12: 1.5365,
        13: 1.5551,
        14: 1.5713,
        15: 1.5838,
    },
    "donegan_dodd": {
        1: 0.0,
        2: 0.0,
        3: 0.4914,
        4: 0.8286,
        5: 1.0591,
        6: 1.1797,
        7: 1.2519,
        8: 1.3171,
        9: 1.3733,
        10: 1.4055,
        11: 1.4213,
        12: 1.4497,
        13: 1.4643,
        14: 1.4822,
        15: 1.4969,
    },
}


def random_index(n: int, table: str | dict[int, float] = "saaty") -> float:
    """Random consistency index RI(n) from a published table.

    Parameters
    ----------
    n : int
        Order of the pairwise comparison matrix (number of criteria).
    table : str or dict, default "saaty"
        ``"saaty"`` (Saaty 1980), ``"saaty2005"``, ``"alonso_lamata"`` (2006, the paper's
        table), ``"alonso_lamata_variant"`` (the circulating copy, see the module docstring) or
        ``"donegan_dodd"`` (1991); or a custom mapping ``{n: RI}``.

    Returns
    -------
    float
        RI(n); 0 for n <= 2.

    Raises
    ------
    MCDAError
        If the table is unknown or has no value for ``n``.

    Examples
    --------
    >>> from ikmpolicy.mcda import random_index
    >>> random_index(3)
    0.58
    >>> random_index(9, table="alonso_lamata")
    1.4499
    >>> random_index(2)
    0.0
    """
    if isinstance(table, str):
        try:
            values = RANDOM_INDEX_TABLES[table]
        except KeyError:
            raise MCDAError(
                f"unknown random index table {table!r}; choose one of "
                f"{sorted(RANDOM_INDEX_TABLES)} or pass a dict {{n: RI}}"
            ) from None
    else:
        values = dict(table)
    n = int(n)
    if n < 1:
        raise MCDAError(f"matrix order must be at least 1, got {n}")
    if n <= 2:
        return 0.0
    try:
        return float(values[n])
    except KeyError:
        raise MCDAError(
            f"random index table {table if isinstance(table, str) else 'given'} has no value "
            f"for n = {n} (it covers n = {min(values)}..{max(values)}); pass another table"
        ) from None
