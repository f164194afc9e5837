"""The annex functions on the shipped sample: ISM and MACTOR tables and figures."""

from __future__ import annotations

import matplotlib.pyplot as plt

from ikmpolicy.report.i18n import Locale
from ikmpolicy.structure.annex import (
    ism_figures,
    levels_table,
    mactor_figures,
    mactor_power_table,
    micmac_table,
    reachability_table,
    session_ism,
    session_mactor,
)


def test_ism_tables_and_figures(sample):
    structure = session_ism(sample, "fgd-2025-05-15", "en")
    table = reachability_table(structure, Locale("en"))
    final = structure.result.final
    assert len(table) == len(final) + 1  # a dependence row
    assert (
        table.set_index("Element").loc[list(final.index), "Driving power"].astype(int)
        == final.sum(axis=1)
    ).all()
    assert any("1*" in str(v) for v in table.to_numpy().ravel())
    assert levels_table(structure, Locale("id"))["Tingkat"].min() == 1
    assert set(micmac_table(structure, Locale("en"))["MICMAC quadrant"]) <= {
        "Autonomous",
        "Dependent",
        "Linkage",
        "Driving",
    }
    for fig in ism_figures(structure, Locale("id")):
        assert fig.axes
        plt.close(fig)


def test_mactor_and_absent_data(sample):
    result = session_mactor(sample, "fgd-2025-05-15")
    assert abs(result.power["power"].mean() - 1) < 1e-9
    assert len(mactor_power_table(result, Locale("en"))) == len(result.power)
    for fig in mactor_figures(result, Locale("en")):
        plt.close(fig)
    assert session_ism(sample, "temu-kemitraan-2022") is None
    assert session_mactor(sample, "temu-kemitraan-2022") is None


def test_dollar_and_markup_in_labels_are_drawn_as_text(sample):
    structure = session_ism(sample, "fgd-2025-05-15")
    hostile = {e: "$x^2$ <script>alert(1)</script> " + "A" * 300 for e in structure.labels}
    structure = type(structure)(
        structure.result,
        structure.micmac,
        hostile,
        structure.experts,
        structure.threshold,
        structure.include_ties,
    )
    digraph, plane = ism_figures(structure, Locale("en"))
    texts = [t.get_text() for t in digraph.axes[0].texts]
    assert any("$x^2$" in t for t in texts)
    digraph.canvas.draw()  # renders without mathtext errors
    plt.close(digraph)
    plt.close(plane)
