"""Code frequencies per session and helix, co-occurrence and attributed quotes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy import fgd, pentahelix

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def final():
    return pd.DataFrame(
        {
            "statement_id": ["s1", "s2", "s3", "s4"],
            "session_id": ["f1", "f1", "f2", "f2"],
            "org_id": ["gov", "ikm", "gov", "uni"],
            "codes": [("a", "b"), ("a",), ("b", "c"), ()],
        }
    )


def test_frequencies_per_session_and_helix(final):
    freq = fgd.code_frequencies(final, ["a", "b", "c", "d"])
    assert freq.loc["f1"].tolist() == [2, 1, 0, 0]
    assert freq.loc["f2"].tolist() == [0, 1, 1, 0]
    helix = {"gov": "government", "ikm": "business", "uni": "academia"}
    by_helix = fgd.code_frequencies(final, ["a", "b", "c"], by="org_id", group_of=helix)
    assert by_helix.loc["government"].tolist() == [1, 2, 1]
    assert by_helix.loc["academia"].tolist() == [0, 0, 0]  # spoke, but coded nothing


def test_cooccurrence_counts_statements(final):
    m = fgd.cooccurrence(final, ["a", "b", "c"])
    assert m.to_numpy().tolist() == [[2, 1, 0], [1, 2, 1], [0, 1, 1]]
    assert (m.to_numpy() == m.to_numpy().T).all()


def test_quotes_are_short_and_attributed_to_organisations(sample):
    cb = fgd.load_codebook(ROOT / "data" / "cilegon" / "codebook.csv")
    st = sample["statements"]
    final = fgd.final_codes(st, fgd.code_statements(st, cb), cb)
    quotes = fgd.theme_quotes(
        final, st, sample["stakeholders"], codes=cb["code"], max_words=12, per_code=2
    )
    assert "speaker_office" not in quotes.columns
    assert quotes.groupby("code").size().max() <= 2
    assert (quotes["text"].str.split().str.len() <= 13).all()  # 12 words + the ellipsis
    names = set(sample["stakeholders"]["name"])
    assert set(quotes["organisation"]) <= names
    revenue = quotes[quotes["code"] == "regional_revenue"]
    assert revenue["organisation"].str.contains("Cilegon Metal Manufaktur").all()


def test_frequencies_by_helix_on_the_sample(sample):
    cb = fgd.load_codebook(ROOT / "data" / "cilegon" / "codebook.csv")
    st = sample["statements"]
    final = fgd.final_codes(st, fgd.code_statements(st, cb), cb)
    helix = pentahelix.assign_helices(
        sample["stakeholders"], sample["helix_models"], sample["helix_assignment"], "cilegon"
    )
    group_of = dict(zip(sample["stakeholders"]["org_id"], helix, strict=True))
    freq = fgd.code_frequencies(final, cb["code"], by="org_id", group_of=group_of)
    # only government and the IKM association (CMM: community in Cilegon's model) speak
    assert set(freq.index) == {"government", "community"}
    assert freq.to_numpy().sum() == sum(len(c) for c in final["codes"])


# An independent computation of both tables: collections.Counter over (group, code) for the
# frequencies, and the product B^T B of the statement x code 0/1 matrix for co-occurrence.
_statements = st.lists(
    st.tuples(
        st.sampled_from(["f1", "f2", "f3"]),
        st.sampled_from(["gov", "ikm", "uni", "media"]),
        st.lists(st.sampled_from(list("abcde")), max_size=4, unique=True),
    ),
    min_size=1,
    max_size=25,
)


@given(_statements)
@settings(max_examples=60, deadline=None)
def test_frequencies_and_cooccurrence_against_counter_and_matrix_product(rows):
    codes = list("abcde")
    final = pd.DataFrame(
        {
            "statement_id": [f"s{i}" for i in range(len(rows))],
            "session_id": [r[0] for r in rows],
            "org_id": [r[1] for r in rows],
            "codes": [tuple(r[2]) for r in rows],
        }
    )
    counts = Counter((session, c) for session, _, cs in rows for c in cs)
    table = fgd.code_frequencies(final, codes)
    for session in dict.fromkeys(r[0] for r in rows):
        assert table.loc[session].tolist() == [counts[session, c] for c in codes]
    helix = {"gov": "government", "ikm": "business", "uni": "academia", "media": "media"}
    by_helix = fgd.code_frequencies(final, codes, by="org_id", group_of=helix)
    hcounts = Counter((helix[org], c) for _, org, cs in rows for c in cs)
    for h in dict.fromkeys(helix[r[1]] for r in rows):
        assert by_helix.loc[h].tolist() == [hcounts[h, c] for c in codes]
    b = np.array([[int(c in cs) for c in codes] for _, _, cs in rows])
    assert fgd.cooccurrence(final, codes).to_numpy().tolist() == (b.T @ b).tolist()
