"""MACTOR against a hand computation from Godet's formulas.

No complete published worked example with numbers could be used: a search for Godet's and
LIPSOR's method texts and for applied papers printing the MACTOR software's tables found none
whose MDI, MIDI, I_i, D_i and r*_i could be read together. So this example was built by hand:
three actors A, B, C and two objectives, every intermediate value written below.

A second search (stored copies of public pages, French, Spanish, Portuguese, Indonesian and
English queries) found only partial material, listed so that it is not searched for again:

* Samna Soumana, R. (2010). *Strategies d'entreprises de transport routier interurbain des
  voyageurs en Afrique de l'Ouest : cas du Niger*. These, Universite Lumiere Lyon 2, annexe 3
  (http://theses.univ-lyon2.fr/documents/getpart.php?id=lyon2.2010.samna_soumana_r&part=360695)
  prints an 11-actor MDI as text, but no MIDI, I_i, D_i or r*_i in the stored text.
* Worked examples that the stored copies show only up to their opening page, so their tables
  could not be read: Perestrelo, M. & Castro Caldas, J. M. (2000), *Instrumentos de analise para
  o metodo dos cenarios II - Estrategia de actores*, DINAMIA WP 2000/17, section 1.2;
  Bouzaiane, L. & Mouelhi, R. (2008), *Analyse du jeu des acteurs*, Universite Virtuelle de
  Tunis; Godet (1991) in *Futures*; Arcade, Godet, Meunier & Roubelat (1999), AC/UNU Millennium
  Project *Futures Research Methodology*; Futuribles, *La methode MACTOR, guide utilisateur V3*
  (2022). A reader with the full texts may find the numbers there.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ikmpolicy import pentahelix as ph

ACTORS = ["A", "B", "C"]
# direct influence (row on column), Godet's 0-4 scale
MDI = pd.DataFrame([[0, 2, 1], [1, 0, 3], [0, 1, 0]], index=ACTORS, columns=ACTORS)
# signed positions on objectives O1, O2 (2MAO)
POS = pd.DataFrame({"O1": [2, 1, -2], "O2": [-1, 3, 1]}, index=ACTORS)


def test_midi_by_hand():
    # MIDI_ij = MDI_ij + sum_k min(MDI_ik, MDI_kj), e.g.
    # MIDI_AC = 1 + min(MDI_AB, MDI_BC) = 1 + min(2, 3) = 3
    # MIDI_BB = 0 + min(MDI_BA, MDI_AB) + min(MDI_BC, MDI_CB) = min(1, 2) + min(3, 1) = 2
    expected = [[1, 3, 3], [1, 2, 4], [1, 1, 1]]
    assert ph.direct_indirect_influence(MDI).to_numpy().tolist() == expected


def test_power_by_hand():
    p = ph.actor_power(MDI)
    # I = row sums (7, 7, 3), D = column sums (3, 6, 8), sum I = 17
    assert p["influence"].tolist() == [7, 7, 3]
    assert p["dependence"].tolist() == [3, 6, 8]
    # r*_i = (I_i - MIDI_ii)/sum I * I_i/(I_i + D_i)
    r = np.array([(7 - 1) / 17 * 7 / 10, (7 - 2) / 17 * 7 / 13, (3 - 1) / 17 * 3 / 11])
    assert p["r_star"].to_numpy() == pytest.approx(r)
    alpha = 3 * r / r.sum()
    assert p["power"].to_numpy() == pytest.approx(alpha)
    # r* = (0.247059, 0.158371, 0.032086), sum 0.437516: alpha = 3 r* / 0.437516
    assert p["power"].to_numpy() == pytest.approx([1.69406, 1.08593, 0.22001], abs=1e-4)
    assert p["power"].mean() == pytest.approx(1.0)


def test_convergences_and_divergences_by_hand():
    signs = np.sign(POS)
    # 1CAA: objectives with the same sign. A,B agree on O1; B,C on O2; A,C on none
    assert ph.convergences(signs).to_numpy().tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    # 1DAA: A,B differ on O2; A,C on O1 and O2; B,C on O1
    assert ph.divergences(signs).to_numpy().tolist() == [[0, 1, 2], [1, 0, 1], [2, 1, 0]]
    # 2CAA: A,B on O1: (2 + 1)/2 = 1.5; B,C on O2: (3 + 1)/2 = 2
    assert ph.convergences(POS).to_numpy().tolist() == [[0, 1.5, 0], [1.5, 0, 2], [0, 2, 0]]
    # 2DAA: A,B on O2: (1 + 3)/2 = 2; A,C: (2 + 2)/2 + (1 + 1)/2 = 3; B,C on O1: (1 + 2)/2
    assert ph.divergences(POS).to_numpy().tolist() == [[0, 2, 3], [2, 0, 1.5], [3, 1.5, 0]]


def test_power_weighted_convergences_by_hand():
    a = ph.actor_power(MDI)["power"]
    c3 = ph.convergences(POS, power=a)
    assert c3.loc["A", "B"] == pytest.approx(0.5 * (2 * a["A"] + 1 * a["B"]))
    assert c3.loc["B", "C"] == pytest.approx(0.5 * (3 * a["B"] + 1 * a["C"]))
    assert c3.loc["A", "C"] == 0
    mob = ph.mobilisation(POS, power=a)
    assert mob.loc["O1", "for"] == pytest.approx(2 * a["A"] + a["B"])
    assert mob.loc["O1", "against"] == pytest.approx(2 * a["C"])
    assert mob.loc["O2", "mobilisation"] == pytest.approx(a["A"] + 3 * a["B"] + a["C"])


def test_bad_matrices_are_clear_errors():
    with pytest.raises(ph.MactorInputError, match="same actors"):
        ph.actor_power(MDI.loc[["A", "B"]])
    bad = MDI.copy()
    bad.loc["A", "A"] = 2
    with pytest.raises(ph.MactorInputError, match="row 'A', column 'A'.*itself"):
        ph.actor_power(bad)
    bad = MDI.astype(object)
    bad.loc["B", "C"] = "high"
    with pytest.raises(ph.MactorInputError, match="row 'B', column 'C': found 'high'"):
        ph.actor_power(bad)
    with pytest.raises(ph.MactorInputError, match=r"\['D'\] have no power"):
        ph.convergences(pd.DataFrame({"O1": [1]}, index=["D"]), power=pd.Series({"A": 1.0}))


def test_actor_that_influences_no_one_has_no_power():
    # Godet's r*_i has the factor (I_i - MIDI_ii): an actor whose MDI row is all zeros has no
    # direct or indirect influence (min(0, .) = 0), so r*_i = 0 and alpha_i = 0, while the
    # others' powers still average 1 over all n actors.
    mdi = MDI.copy()
    mdi.loc["C"] = 0
    p = ph.actor_power(mdi)
    assert p.loc["C", ["influence", "r_star", "power"]].tolist() == [0, 0, 0]
    assert p["power"].sum() == pytest.approx(3.0)
    # MIDI row A: AA = min(2, 1) + min(1, 0) = 1, AB = 2 + min(1, 0) = 2, AC = 1 + min(2, 3) = 3
    assert ph.direct_indirect_influence(mdi).loc["A"].tolist() == [1, 2, 3]


def test_infinite_entries_are_clear_errors_not_nan():
    bad = MDI.astype(float)
    bad.loc["A", "B"] = np.inf
    with pytest.raises(ph.MactorInputError, match="row 'A', column 'B'"):
        ph.actor_power(bad)
    pos = POS.astype(float)
    pos.loc["B", "O2"] = -np.inf
    with pytest.raises(ph.MactorInputError, match="row 'B', column 'O2'"):
        ph.convergences(pos)


def _midi_over_intermediaries(mdi: np.ndarray) -> np.ndarray:
    # MIDI_ij = MDI_ij + sum over intermediaries k other than i and j of min(MDI_ik, MDI_kj),
    # written as a plain loop, independent of the broadcast in the module
    n = len(mdi)
    out = mdi.astype(float).copy()
    for i in range(n):
        for j in range(n):
            out[i, j] += sum(min(mdi[i, k], mdi[k, j]) for k in range(n) if k not in (i, j))
    return out


@pytest.mark.parametrize("seed", range(5))
def test_midi_sum_over_all_k_is_the_sum_over_intermediaries(seed):
    # The module sums min(MDI_ik, MDI_kj) over every k. The terms k = i and k = j are
    # min(MDI_ii, MDI_ij) and min(MDI_ij, MDI_jj); with MDI_ii = 0 and scores >= 0 (both
    # enforced on input) they are 0, so it is the sum over intermediaries k != i, j, diagonal
    # included: MIDI_ii = sum_{k != i} min(MDI_ik, MDI_ki).
    rng = np.random.default_rng(seed)
    n = 6
    a = rng.integers(0, 5, size=(n, n))
    np.fill_diagonal(a, 0)
    labels = [f"a{i}" for i in range(n)]
    got = ph.direct_indirect_influence(pd.DataFrame(a, index=labels, columns=labels))
    assert got.to_numpy() == pytest.approx(_midi_over_intermediaries(a))


def test_influence_less_self_influence_is_the_influence_over_the_others():
    # I_i includes MIDI_ii and actor_power reports it apart (self_influence), so influence over
    # the other actors alone is I_i - MIDI_ii, the numerator of r*_i's first factor
    p = ph.actor_power(MDI)
    midi = ph.direct_indirect_influence(MDI).to_numpy()
    off_diagonal = midi.sum(axis=1) - np.diag(midi)
    assert (p["influence"] - p["self_influence"]).tolist() == off_diagonal.tolist() == [6, 5, 2]
