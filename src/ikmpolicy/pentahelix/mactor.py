"""MACTOR actor analysis (Godet): power from influences, convergences from positions.

No Python package offers MACTOR; these functions follow Godet's published formulas.

Direct and indirect influence (``MDI``: actor i's direct influence on actor j, Godet's 0-4
scale; an actor's influence on itself is not scored)::

    MIDI_ij = MDI_ij + sum_k min(MDI_ik, MDI_kj)

The terms k = i and k = j are min(0, MDI_ij) = 0 (MDI_ii = 0 and scores are non-negative,
both checked), so summing over every k is summing over the intermediaries k != i, j; the
diagonal MIDI_ii = sum_k min(MDI_ik, MDI_ki) is i's influence on itself through the others.

Influence and dependence are MIDI's row and column sums, diagonal included, I_i = sum_j MIDI_ij
and D_i = sum_j MIDI_ji. The balance of power (force relation) coefficient is::

    r*_i = (I_i - MIDI_ii) / sum_j I_j  *  I_i / (I_i + D_i)

(the first factor is i's share of influence over the others, the second how far i influences
more than it is influenced), normalised to mean 1: alpha_i = n r*_i / sum_j r*_j. Both factors
are non-negative, so alpha_i >= 0 and an actor that influences no one has alpha_i = 0. (The
numerator is sometimes quoted as I_i - D_i; that is negative for an actor more influenced than
influencing, and a negative alpha_i would reverse its positions in 3MAO: it is not Godet's
coefficient.) Whether the MACTOR software's printed I_i and D_i include MIDI_ii could not be
checked against a published table with numbers; ``actor_power`` reports MIDI_ii
(``self_influence``) so that either reading can be computed from its output.

Positions (``MAO``: actor i's position on objective k, +1 for, -1 against, 0 neutral, or a
signed intensity such as Godet's -4..4) become power-weighted positions
``3MAO_ik = alpha_i * 2MAO_ik``. Between two actors, convergence and divergence add, over the
objectives where their positions have the same (convergence) or opposite (divergence) sign::

    CAA_ij = sum_k 1/2 (|MAO_ik| + |MAO_jk|)   [MAO_ik * MAO_jk > 0]
    DAA_ij = sum_k 1/2 (|MAO_ik| + |MAO_jk|)   [MAO_ik * MAO_jk < 0]

With +1/0/-1 positions CAA counts shared objectives (Godet's 1CAA); with intensities it is
2CAA and with power-weighted positions 3CAA. The mobilisation on an objective is
sum_i |3MAO_ik|, split into for and against.

References
----------
Godet, M. (1991). "Actors' moves and strategies: the MACTOR method". *Futures* 23(6), 605-622.
Godet, M. (2001). *Creating Futures: Scenario Planning as a Strategic Management Tool*.
Economica, ch. 5 (the MIDI, r*_i, 1CAA/2CAA/3CAA formulas).
Bendahan, S., Camponovo, G. & Pigneur, Y. (2004). "Multi-issue actor analysis: tools and
models for assessing technology environments". *Journal of Decision Systems* 13(2), 223-253.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ikmpolicy.errors import InputError


class MactorInputError(InputError):
    """An influence or position matrix the MACTOR formulas cannot use."""


def _influence_matrix(mdi: pd.DataFrame) -> pd.DataFrame:
    m = pd.DataFrame(mdi)
    if m.shape[0] != m.shape[1] or list(m.index) != list(m.columns):
        raise MactorInputError(
            "direct-influence matrix: rows and columns must list the same actors in the same "
            f"order; found rows {list(m.index)} and columns {list(m.columns)}"
        )
    if m.index.has_duplicates:
        dup = sorted(map(str, m.index[m.index.duplicated()]))
        raise MactorInputError(f"direct-influence matrix: actors {dup} appear more than once")
    values = m.apply(pd.to_numeric, errors="coerce")
    for i in m.index:
        for j in m.columns:
            v = values.at[i, j]
            if i == j:
                if pd.notna(v) and v != 0:
                    raise MactorInputError(
                        f"direct-influence matrix, row {i!r}, column {j!r}: found {m.at[i, j]!r};"
                        " expected 0 or empty (an actor's influence on itself is not scored)"
                    )
            elif not np.isfinite(v) or v < 0:  # NaN, or inf: r*_i and the powers NaN
                raise MactorInputError(
                    f"direct-influence matrix, row {i!r}, column {j!r}: found {m.at[i, j]!r}; "
                    "expected a non-negative number (Godet's scale 0-4)"
                )
    return values.fillna(0.0).astype(float)


def direct_indirect_influence(mdi: pd.DataFrame) -> pd.DataFrame:
    """Godet's MIDI matrix: direct plus second-order indirect influences.

    Examples
    --------
    >>> mdi = pd.DataFrame([[0, 2], [1, 0]], index=["a", "b"], columns=["a", "b"])
    >>> direct_indirect_influence(mdi).to_numpy().tolist()
    [[1.0, 2.0], [1.0, 1.0]]
    """
    m = _influence_matrix(mdi)
    a = m.to_numpy()
    # indirect_ij = sum_k min(a_ik, a_kj): broadcast (i, k, 1) against (1, k, j)
    indirect = np.minimum(a[:, :, None], a[None, :, :]).sum(axis=1)
    return pd.DataFrame(a + indirect, index=m.index, columns=m.columns)


def actor_power(mdi: pd.DataFrame) -> pd.DataFrame:
    """Influence, dependence and the normalised balance-of-power coefficient of each actor.

    Returns one row per actor: ``influence`` (I_i), ``dependence`` (D_i), ``self_influence``
    (MIDI_ii), ``r_star`` (r*_i) and ``power`` (alpha_i, mean 1). See the module notes.

    Examples
    --------
    >>> mdi = pd.DataFrame([[0, 2], [1, 0]], index=["a", "b"], columns=["a", "b"])
    >>> p = actor_power(mdi)
    >>> [round(float(x), 4) for x in p["power"]]  # r*_a = 2/5 * 3/5, r*_b = 1/5 * 2/5
    [1.5, 0.5]
    """
    midi = direct_indirect_influence(mdi)
    a = midi.to_numpy()
    influence, dependence, self_infl = a.sum(axis=1), a.sum(axis=0), np.diag(a)
    total = influence.sum()
    if total == 0:
        raise MactorInputError("direct-influence matrix is all zeros: no actor influences another")
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (
            (influence - self_infl)
            / total
            * np.where(influence + dependence > 0, influence / (influence + dependence), 0.0)
        )
    power = len(r) * r / r.sum()
    return pd.DataFrame(
        {
            "influence": influence,
            "dependence": dependence,
            "self_influence": self_infl,
            "r_star": r,
            "power": power,
        },
        index=midi.index,
    )


def _positions(positions: pd.DataFrame, power: pd.Series | None) -> pd.DataFrame:
    p = pd.DataFrame(positions).apply(pd.to_numeric, errors="coerce")
    bad = ~np.isfinite(p)  # NaN, or inf: 3MAO and CAA inf/NaN
    if bad.to_numpy().any():
        i, k = next((i, k) for i in p.index for k in p.columns if bad.at[i, k])
        raise MactorInputError(
            f"position matrix, row {i!r}, column {k!r}: found "
            f"{pd.DataFrame(positions).at[i, k]!r}; expected a signed "
            "number (+1 for, 0 neutral, -1 against, or -4..4)"
        )
    if p.index.has_duplicates:
        raise MactorInputError("position matrix: an actor appears in more than one row")
    if power is None:
        return p.astype(float)
    missing = [a for a in p.index if a not in power.index]
    if missing:
        raise MactorInputError(
            f"position matrix: actors {missing} have no power (they are not "
            "in the direct-influence matrix)"
        )
    return p.astype(float).mul(power.reindex(p.index).astype(float), axis=0)


def weighted_positions(positions: pd.DataFrame, power: pd.Series) -> pd.DataFrame:
    """Godet's 3MAO: each actor's positions multiplied by its power alpha_i.

    Examples
    --------
    >>> pos = pd.DataFrame({"o": [1, -1]}, index=["a", "b"])
    >>> weighted_positions(pos, pd.Series({"a": 1.5, "b": 0.5}))["o"].tolist()
    [1.5, -0.5]
    """
    return _positions(positions, power)


def _pairwise(positions: pd.DataFrame, power: pd.Series | None, sign: int) -> pd.DataFrame:
    p = _positions(positions, power).to_numpy()
    prod = p[:, None, :] * p[None, :, :]
    mean_abs = 0.5 * (np.abs(p)[:, None, :] + np.abs(p)[None, :, :])
    out = np.where(prod * sign > 0, mean_abs, 0.0).sum(axis=2)
    np.fill_diagonal(out, 0.0)
    labels = pd.DataFrame(positions).index
    return pd.DataFrame(out, index=labels, columns=labels)


def convergences(positions: pd.DataFrame, power: pd.Series | None = None) -> pd.DataFrame:
    """Actor x actor convergences (1CAA/2CAA, or 3CAA when ``power`` is given).

    Parameters
    ----------
    positions : pandas.DataFrame
        Actors x objectives, signed positions (+1/0/-1 or intensities).
    power : pandas.Series, optional
        alpha_i per actor (``actor_power(...)["power"]``) to weight the positions.

    Examples
    --------
    >>> pos = pd.DataFrame({"o1": [1, 1, -1], "o2": [-1, 1, 1]}, index=["a", "b", "c"])
    >>> convergences(pos).to_numpy().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    return _pairwise(positions, power, +1)


def divergences(positions: pd.DataFrame, power: pd.Series | None = None) -> pd.DataFrame:
    """Actor x actor divergences (1DAA/2DAA, or 3DAA when ``power`` is given).

    Examples
    --------
    >>> pos = pd.DataFrame({"o1": [1, 1, -1], "o2": [-1, 1, 1]}, index=["a", "b", "c"])
    >>> divergences(pos).to_numpy().tolist()
    [[0.0, 1.0, 2.0], [1.0, 0.0, 1.0], [2.0, 1.0, 0.0]]
    """
    return _pairwise(positions, power, -1)


def mobilisation(positions: pd.DataFrame, power: pd.Series | None = None) -> pd.DataFrame:
    """Per objective: total support (``for``), opposition (``against``, as a positive number)
    and ``mobilisation`` (their sum), from positions weighted by power when given.

    Examples
    --------
    >>> pos = pd.DataFrame({"o": [2, -1]}, index=["a", "b"])
    >>> mobilisation(pos).loc["o"].tolist()
    [2.0, 1.0, 3.0]
    """
    p = _positions(positions, power)
    return pd.DataFrame(
        {
            "for": p.clip(lower=0).sum(axis=0),
            "against": -p.clip(upper=0).sum(axis=0),
            "mobilisation": p.abs().sum(axis=0),
        }
    )
