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

A third search (stored public pages, documentation and GitHub code; English, French, Spanish,
Portuguese and Indonesian queries such as "MDII", "MIDI", "Ri*", "2MAO", "3MAO", "rapport de
force", "matriz MID", "kekuatan relatif aktor") again found no text with both an MDI and the
MIDI, I_i, D_i or r*_i computed from it. Found, but only up to their opening pages:

* a Universidade de Evora thesis printing MACTOR's outputs, pages 96-134 ("Outputs do MACTOR":
  MID of actors CMP, ACSDS, AVIPE, FIAPAL, ADREPES, AE, GACP, ACP, SFP, RTCA; 2MAO; MIDI), in the
  123dok.net copy "outputs-do-mactor-universidade-de-evora"; the tables are cut off;
* Bendahan, S., Camponovo, G. & Pigneur, Y. (2003 preprint of the 2004 article), "Multi-issue
  actor analysis: tools and models for assessing technology environments" (scribd and
  pdfslide.us copies), which discusses MACTOR's formulas;
* Arcade, Godet, Meunier & Roubelat, Spanish translation "Analisis estructural con el metodo
  MICMAC y estrategia de los actores con el metodo MACTOR" (Buenos Aires, 2004), and Godet
  (2000), *La caja de herramientas de la prospectiva estrategica*, Cuadernos de LIPS 5.
No R, Python or other open implementation of MACTOR was found on GitHub. The properties below
(hypothesis) hold whatever the MACTOR software prints.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Properties of Godet's formulas, for any direct-influence matrix (hypothesis). They do not
# depend on the open question of the MACTOR software's printed I_i and D_i (module notes).

_scores = st.integers(0, 4)


@st.composite
def _mdi(draw, min_actors=2, max_actors=7):
    n = draw(st.integers(min_actors, max_actors))
    rows = draw(st.lists(st.lists(_scores, min_size=n, max_size=n), min_size=n, max_size=n))
    a = np.array(rows)
    np.fill_diagonal(a, 0)
    if a.sum() == 0:  # the all-zero matrix is refused (no actor influences another)
        a[0, 1] = 1
    labels = [f"a{i}" for i in range(n)]
    return pd.DataFrame(a, index=labels, columns=labels)


@settings(max_examples=60, deadline=None)
@given(_mdi(), st.sampled_from([0.5, 2.0, 3.0]))
def test_power_is_unchanged_by_rescaling_the_influence_scale(mdi, c):
    # min(c a, c b) = c min(a, b), so MIDI, I and D scale by c and r*_i, a ratio of such sums
    # times a ratio, by nothing: the relative power does not depend on the scale's unit
    assert ph.direct_indirect_influence(mdi * c).to_numpy() == pytest.approx(
        c * ph.direct_indirect_influence(mdi).to_numpy()
    )
    assert ph.actor_power(mdi * c)["power"].to_numpy() == pytest.approx(
        ph.actor_power(mdi)["power"].to_numpy()
    )


@settings(max_examples=60, deadline=None)
@given(_mdi(), st.randoms(use_true_random=False))
def test_relabelling_the_actors_permutes_the_results(mdi, rnd):
    order = list(mdi.index)
    rnd.shuffle(order)
    moved = mdi.loc[order, order]
    expected = ph.actor_power(mdi).loc[order]
    got = ph.actor_power(moved)
    assert got.to_numpy() == pytest.approx(expected.to_numpy())


@settings(max_examples=60, deadline=None)
@given(_mdi())
def test_power_is_non_negative_with_mean_one_and_zero_without_influence(mdi):
    # r*_i = (I_i - MIDI_ii)/sum_j I_j * I_i/(I_i + D_i): both factors are >= 0, so alpha_i >= 0
    # and averages 1 over the n actors. (The numerator is sometimes misquoted as I_i - D_i; that
    # is negative for an actor more influenced than influencing, which alpha_i, a weight on
    # positions in 3MAO, cannot be.)
    p = ph.actor_power(mdi)
    assert (p["r_star"] >= 0).all() and (p["power"] >= 0).all()
    assert p["power"].mean() == pytest.approx(1.0)
    midi = ph.direct_indirect_influence(mdi).to_numpy()
    assert (midi >= mdi.to_numpy()).all()  # indirect influence only adds
    silent = mdi.index[mdi.sum(axis=1) == 0]
    assert (p.loc[silent, "power"] == 0).all()


_positions = st.integers(-4, 4)


@st.composite
def _mao(draw):
    n = draw(st.integers(2, 6))
    k = draw(st.integers(1, 5))
    rows = draw(st.lists(st.lists(_positions, min_size=k, max_size=k), min_size=n, max_size=n))
    return pd.DataFrame(
        rows, index=[f"a{i}" for i in range(n)], columns=[f"o{j}" for j in range(k)]
    )


@settings(max_examples=60, deadline=None)
@given(_mao())
def test_convergences_and_divergences_are_symmetric_and_split_the_shared_objectives(pos):
    caa, daa = ph.convergences(pos), ph.divergences(pos)
    for m in (caa, daa):
        assert (m.to_numpy() == m.to_numpy().T).all()
        assert (np.diag(m) == 0).all() and (m.to_numpy() >= 0).all()
    # with signs only (1MAO), CAA_ij + DAA_ij is the number of objectives on which both i and j
    # take a side, CAA_ij those where the sides agree
    signs = np.sign(pos)
    both = (signs.to_numpy() != 0).astype(int) @ (signs.to_numpy() != 0).astype(int).T
    agree = ((signs.to_numpy()[:, None, :] * signs.to_numpy()[None, :, :]) > 0).sum(axis=2)
    np.fill_diagonal(both, 0)
    np.fill_diagonal(agree, 0)
    assert (ph.convergences(signs) + ph.divergences(signs)).to_numpy().tolist() == both.tolist()
    assert ph.convergences(signs).to_numpy().tolist() == agree.tolist()
    # every actor with power 1 makes 3CAA the 2CAA; power c scales 3CAA and mobilisation by c
    ones = pd.Series(1.0, index=pos.index)
    assert ph.convergences(pos, power=ones).to_numpy() == pytest.approx(caa.to_numpy())
    assert ph.divergences(pos, power=2 * ones).to_numpy() == pytest.approx(2 * daa.to_numpy())
    mob = ph.mobilisation(pos, power=2 * ones)
    assert mob["mobilisation"].to_numpy() == pytest.approx(2 * pos.abs().sum().to_numpy())
    assert (mob["for"] + mob["against"]).to_numpy() == pytest.approx(mob["mobilisation"])
