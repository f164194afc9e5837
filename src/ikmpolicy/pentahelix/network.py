"""Collaboration network: organisations linked by shared sessions and joint commitments.

Two organisations are linked when they took part in the same session or when one commitment
involves both (its actor and a partner, or two partners). An edge carries
``shared_sessions``, ``joint_commitments`` and ``weight`` (their sum). Centralities are
computed by networkx on the unweighted graph (a weight would be read as a distance by
betweenness, which is not what a count of contacts means):

* degree centrality: neighbours / (n - 1);
* betweenness centrality (Freeman 1977; Brandes 2001 algorithm), normalised by
  (n - 1)(n - 2) / 2;
* brokerage across helices: the number of pairs of an organisation's neighbours that are not
  linked to each other and belong to different helices, i.e. the open two-paths a - o - b it
  mediates between helices. In Gould & Fernandez's (1989) roles, read on an undirected graph
  where *gatekeeper* and *representative* coincide, this is the pooled count of the
  gatekeeper/representative (o shares a helix with one of a, b) and *liaison* (three
  different helices) roles; the *coordinator* (all three in one helix) and *itinerant* (a and
  b in one helix, o in another) roles are left out, because a and b then belong to the same
  helix and no helices are bridged. An organisation with brokerage > 0 is a ``broker``.

References
----------
Freeman, L. C. (1977). "A set of measures of centrality based on betweenness". *Sociometry* 40,
35-41.
Brandes, U. (2001). "A faster algorithm for betweenness centrality". *Journal of Mathematical
Sociology* 25, 163-177.
Gould, R. V. & Fernandez, R. M. (1989). "Structures of mediation: a formal approach to brokerage
in transaction networks". *Sociological Methodology* 19, 89-126.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pandas as pd

from ._errors import PentahelixInputError, where
from .ledger import _partners


def collaboration_graph(
    participation: pd.DataFrame,
    commitments: pd.DataFrame,
    stakeholders: pd.DataFrame,
    model_helix: pd.Series,
) -> nx.Graph:
    """The collaboration network of all stakeholders (isolated ones included).

    Nodes are ``org_id`` with attributes ``helix`` (under the chosen model) and ``name``.

    Examples
    --------
    >>> st = pd.DataFrame({"org_id": ["a", "b", "c"], "name": ["A", "B", "C"]})
    >>> part = pd.DataFrame({"session_id": ["s", "s"], "org_id": ["a", "b"]})
    >>> cm = pd.DataFrame({"org_id": ["a"], "partner_ids": [("b",)]})
    >>> g = collaboration_graph(part, cm, st, pd.Series(["x", "y", "z"]))
    >>> g.edges["a", "b"]["weight"], g.degree("c")
    (2, 0)
    """
    known = set(stakeholders["org_id"])
    g = nx.Graph()
    for org, name, helix in zip(
        stakeholders["org_id"], stakeholders["name"], model_helix.to_numpy(), strict=True
    ):
        g.add_node(org, helix=helix, name=name)

    def link(a: str, b: str, kind: str) -> None:
        if a == b:
            return
        if not g.has_edge(a, b):
            g.add_edge(a, b, shared_sessions=0, joint_commitments=0, weight=0)
        g.edges[a, b][kind] += 1
        g.edges[a, b]["weight"] += 1

    for idx, org in participation["org_id"].items():
        if org not in known:
            raise PentahelixInputError(
                f"{where(participation, idx, 'participation')}, column 'org_id': found {org!r}; "
                "expected an org_id that exists in stakeholders"
            )
    for _, orgs in participation.groupby("session_id", sort=True)["org_id"]:
        for a, b in combinations(sorted(set(orgs)), 2):
            link(a, b, "shared_sessions")
    for idx, row in commitments.iterrows():
        # a commitment with no owner yet still links the partners it names
        owner = [row["org_id"]] if pd.notna(row["org_id"]) else []
        involved = [*owner, *_partners(row.get("partner_ids"))]
        for org in involved:
            if org not in known:
                raise PentahelixInputError(
                    f"{where(commitments, idx, 'commitments')}, column "
                    f"'{'org_id' if org == row['org_id'] else 'partner_ids'}': found {org!r}; "
                    "expected an org_id that exists in stakeholders"
                )
        for a, b in combinations(sorted(set(involved)), 2):
            link(a, b, "joint_commitments")
    return g


def brokerage(g: nx.Graph, node, attr: str = "helix") -> int:
    """Pairs of ``node``'s neighbours that are unlinked and in different helices.

    Examples
    --------
    >>> g = nx.Graph([("hub", "x"), ("hub", "y"), ("hub", "z")])
    >>> nx.set_node_attributes(g, {"hub": "g", "x": "g", "y": "b", "z": "b"}, "helix")
    >>> brokerage(g, "hub")  # (x, y) and (x, z); y and z share a helix
    2
    """
    helix = nx.get_node_attributes(g, attr)
    return sum(
        1
        for a, b in combinations(sorted(g.neighbors(node)), 2)
        if helix[a] != helix[b] and not g.has_edge(a, b)
    )


def centrality_table(g: nx.Graph) -> pd.DataFrame:
    """Degree, degree and betweenness centrality, brokerage, broker and isolated flags per node.

    Returns one row per node (sorted by betweenness, then degree, then id, descending/ascending
    as a reader expects): ``org_id``, ``helix``, ``degree``, ``degree_centrality``,
    ``betweenness``, ``brokerage``, ``broker``, ``isolated``.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> nx.set_node_attributes(g, {"a": "x", "b": "y", "c": "z"}, "helix")
    >>> t = centrality_table(g).set_index("org_id")
    >>> float(t.loc["b", "betweenness"]), bool(t.loc["b", "broker"])
    (1.0, True)
    """
    degree_c = nx.degree_centrality(g) if len(g) > 1 else {n: 0.0 for n in g}
    between = nx.betweenness_centrality(g, normalized=True)
    rows = [
        {
            "org_id": n,
            "helix": g.nodes[n].get("helix"),
            "degree": int(g.degree(n)),
            "degree_centrality": float(degree_c[n]),
            "betweenness": float(between[n]),
            "brokerage": brokerage(g, n),
        }
        for n in g.nodes
    ]
    out = pd.DataFrame(
        rows, columns=["org_id", "helix", "degree", "degree_centrality", "betweenness", "brokerage"]
    )
    out["broker"] = out["brokerage"] > 0
    out["isolated"] = out["degree"] == 0
    out = out.sort_values(["betweenness", "degree", "org_id"], ascending=[False, False, True])
    return out.reset_index(drop=True)
