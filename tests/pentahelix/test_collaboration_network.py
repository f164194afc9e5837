"""Collaboration network: edges from sessions and commitments, centralities against networkx."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from ikmpolicy import pentahelix as ph


@pytest.fixture
def small():
    st = pd.DataFrame({"org_id": list("abcdef"), "name": list("ABCDEF")})
    helix = pd.Series(["government", "government", "business", "academia", "media", "community"])
    part = pd.DataFrame(
        {"session_id": ["s1", "s1", "s1", "s2", "s2"], "org_id": ["a", "b", "c", "c", "d"]}
    )
    cm = pd.DataFrame({"org_id": ["d"], "partner_ids": [("e",)]})
    return ph.collaboration_graph(part, cm, st, helix)


def test_edges_from_shared_sessions_and_commitments(small):
    assert sorted(map(tuple, map(sorted, small.edges))) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
        ("c", "d"),
        ("d", "e"),
    ]
    assert small.edges["a", "b"]["shared_sessions"] == 1
    assert small.edges["d", "e"]["joint_commitments"] == 1
    assert small.nodes["f"]["helix"] == "community"


def test_centralities_match_networkx_and_hand_values(small):
    table = ph.centrality_table(small).set_index("org_id")
    reference = nx.Graph([("a", "b"), ("a", "c"), ("b", "c"), ("c", "d"), ("d", "e")])
    reference.add_node("f")
    between = nx.betweenness_centrality(reference)
    degree = nx.degree_centrality(reference)
    for node in reference:
        assert table.loc[node, "betweenness"] == pytest.approx(between[node])
        assert table.loc[node, "degree_centrality"] == pytest.approx(degree[node])
    # by hand: c is on the a-d, a-e, b-d, b-e paths, 4 of (6-1)(6-2)/2 = 10 pairs
    assert table.loc["c", "betweenness"] == pytest.approx(0.4)
    assert table.loc["d", "betweenness"] == pytest.approx(0.3)
    assert table.loc["c", "degree_centrality"] == pytest.approx(3 / 5)
    assert table.index[0] == "c"


def test_brokers_and_isolated_actors(small):
    table = ph.centrality_table(small).set_index("org_id")
    # c: (a, d) and (b, d) are unlinked pairs from different helices; (a, b) share a helix
    assert table.loc["c", "brokerage"] == 2
    assert table.loc["d", "brokerage"] == 1
    assert table.loc["a", "brokerage"] == 0
    assert table[table["broker"]].index.tolist() == ["c", "d"]
    assert table[table["isolated"]].index.tolist() == ["f"]


def test_sample_network(sample):
    assigned = ph.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "classic"
    )
    g = ph.collaboration_graph(
        sample["participation"], sample["commitments"], sample["stakeholders"], assigned
    )
    # the 2022 meeting and the signed commitment letter both link them
    edge = g.edges["pemkot_cilegon", "industri_besar_cilegon"]
    assert (edge["shared_sessions"], edge["joint_commitments"], edge["weight"]) == (1, 1, 2)
    table = ph.centrality_table(g).set_index("org_id")
    assert bool(table.loc["disperindag_cilegon", "broker"])
    assert table.loc["disperindag_cilegon", "betweenness"] > 0


def test_commitment_with_unknown_partner_is_a_clear_error():
    st = pd.DataFrame({"org_id": ["a"], "name": ["A"]})
    cm = pd.DataFrame(
        {"org_id": ["a"], "partner_ids": [("zz",)], "_row": [3], "_file": ["commitments.csv"]}
    )
    part = pd.DataFrame({"session_id": [], "org_id": []})
    with pytest.raises(
        ph.PentahelixInputError, match=r"commitments.csv, row 3, column 'partner_ids': found 'zz'"
    ):
        ph.collaboration_graph(part, cm, st, pd.Series(["government"]))


def _with_helices(g, weights=None):
    nx.set_node_attributes(g, {n: "government" for n in g}, "helix")
    if weights is not None:
        # counts of contacts on the edges must not be read as distances by betweenness
        nx.set_edge_attributes(g, {e: w for e, w in zip(g.edges, weights, strict=False)}, "weight")
    return g


def test_krackhardt_kite_published_betweenness():
    # Krackhardt (1990) kite; normalised betweenness as published in networkx's own test suite
    # (networkx/algorithms/centrality/tests/test_betweenness_centrality.py,
    # test_krackhardt_kite_graph_normalized), 3 decimals.
    weights = [1, 9, 2, 7, 3, 8, 1, 5, 4, 6, 2, 9, 3, 1, 5, 2, 8, 4]
    g = _with_helices(nx.krackhardt_kite_graph(), weights=weights)
    table = ph.centrality_table(g).set_index("org_id")
    published = {0: 0.023, 1: 0.023, 2: 0.000, 3: 0.102, 4: 0.000}
    published |= {5: 0.231, 6: 0.231, 7: 0.389, 8: 0.222, 9: 0.000}
    for node, value in published.items():
        assert table.loc[node, "betweenness"] == pytest.approx(value, abs=5e-4)
    # degree centrality: node 3 has 6 neighbours of n - 1 = 9
    assert table.loc[3, "degree_centrality"] == pytest.approx(6 / 9)


def test_florentine_families_published_betweenness():
    # Padgett's Florentine families; the same networkx test file,
    # test_florentine_families_graph (normalised, 3 decimals)
    g = _with_helices(nx.florentine_families_graph())
    table = ph.centrality_table(g).set_index("org_id")
    published = {"Medici": 0.522, "Guadagni": 0.255, "Albizzi": 0.212, "Salviati": 0.143}
    published |= {"Ridolfi": 0.114, "Bischeri": 0.104, "Strozzi": 0.103, "Peruzzi": 0.022}
    for node, value in published.items():
        assert table.loc[node, "betweenness"] == pytest.approx(value, abs=5e-4)
    assert table.index[0] == "Medici"


def test_karate_club_published_betweenness():
    # Zachary's karate club: normalised betweenness of the instructor (node 0) and the
    # president (node 33) as networkx reports them, e.g. in rustworkx-style compatibility tests
    # and the networkx tutorials: 0.43763528138528146 and 0.30407497594997596.
    g = _with_helices(nx.karate_club_graph())
    table = ph.centrality_table(g).set_index("org_id")
    assert table.loc[0, "betweenness"] == pytest.approx(0.43763528138528146, rel=1e-9)
    assert table.loc[33, "betweenness"] == pytest.approx(0.30407497594997596, rel=1e-9)
    assert table.loc[0, "degree_centrality"] == pytest.approx(16 / 33)
    assert list(table.index[:2]) == [0, 33]


def _gould_fernandez_roles(g, node):
    # independent count of Gould & Fernandez's (1989) brokerage roles of `node` on an undirected
    # graph: every unlinked pair of its neighbours is one open two-path a - node - b
    helix = nx.get_node_attributes(g, "helix")
    roles = {"coordinator": 0, "itinerant": 0, "gatekeeper_representative": 0, "liaison": 0}
    nbrs = list(g.neighbors(node))
    for i, a in enumerate(nbrs):
        for b in nbrs[i + 1 :]:
            if g.has_edge(a, b):
                continue
            ha, hb, ho = helix[a], helix[b], helix[node]
            if ha == hb == ho:
                roles["coordinator"] += 1
            elif ha == hb:
                roles["itinerant"] += 1
            elif ho in (ha, hb):
                roles["gatekeeper_representative"] += 1
            else:
                roles["liaison"] += 1
    return roles


@pytest.mark.parametrize("seed", range(6))
def test_brokerage_is_gould_fernandez_gatekeeper_representative_and_liaison(seed):
    g = nx.gnp_random_graph(14, 0.3, seed=seed)
    rng = __import__("random").Random(seed)
    nx.set_node_attributes(g, {n: rng.choice("GBACM") for n in g}, "helix")
    table = ph.centrality_table(g).set_index("org_id")
    for n in g:
        roles = _gould_fernandez_roles(g, n)
        assert table.loc[n, "brokerage"] == roles["gatekeeper_representative"] + roles["liaison"]


def test_a_commitment_with_no_owner_yet_links_its_partners_only():
    st = pd.DataFrame({"org_id": list("abc"), "name": list("ABC")})
    helix = pd.Series(["government", "business", "academia"])
    part = pd.DataFrame({"session_id": ["s1"], "org_id": ["a"]})
    cm = pd.DataFrame({"org_id": [None], "partner_ids": [("b", "c")]})
    g = ph.collaboration_graph(part, cm, st, helix)
    assert sorted(map(tuple, map(sorted, g.edges))) == [("b", "c")]
    assert None not in g.nodes
