"""The PDF worker of :mod:`ikmpolicy.render`: a second process where it may start one."""

from __future__ import annotations

import multiprocessing

from ikmpolicy.render import PdfWorker


def _pdf_in_a_daemon(queue) -> None:
    with PdfWorker() as worker:
        queue.put((worker.enabled, worker.submit("<p>daemon</p>").result()[:5]))


def test_a_daemonic_process_renders_its_pdf_itself():
    # a Dask worker under its nanny is daemonic: Python refuses it children, so the worker must
    # not try to start one (it once failed every brief sent to a cluster of processes)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_pdf_in_a_daemon, args=(queue,), daemon=True)
    process.start()
    enabled, head = queue.get(timeout=120)
    process.join(timeout=60)
    assert process.exitcode == 0
    assert enabled is False and head == b"%PDF-"


def test_the_worker_renders_in_a_second_process_where_it_may():
    with PdfWorker(enabled=True) as worker:
        assert worker.submit("<p>x</p>").result()[:5] == b"%PDF-"
        assert worker._pool is not None


def test_the_worker_process_starts_before_any_page_arrives():
    # it warms up (imports WeasyPrint) while the notebook runs; a pool whose process started
    # only at the first page put that import after the notebook, on the brief's critical path
    before = set(multiprocessing.active_children())
    with PdfWorker(enabled=True):
        started = set(multiprocessing.active_children()) - before
        assert len(started) == 1
        assert next(iter(started)).is_alive()


def _notebook(*sections):
    """An executed notebook whose cells display ``sections`` (as the brief notebook does)."""
    import nbformat

    from ikmpolicy.report.content import MIME_TYPE

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "x",
            outputs=[nbformat.v4.new_output("display_data", data={MIME_TYPE: s.to_json()})],
        )
        for s in sections
    ]
    return nb


def _figure(optional: int, height: float):
    import matplotlib.pyplot as plt

    from ikmpolicy.report.blocks import figure

    fig, ax = plt.subplots(figsize=(6, height))
    ax.plot([0, 1], [0, optional])
    return figure(fig, f"figure {optional}", optional=optional)


def _long_brief():
    from ikmpolicy.report.blocks import paragraph
    from ikmpolicy.report.content import Masthead, Section

    text = paragraph("Kalimat pengisi halaman untuk menguji batas halaman risalah. " * 40)
    top = Section("masthead", "", (Masthead("K", "Judul", "Sub", "1 Desember 2025"),))
    body = [Section(f"s{i}", f"Bagian {i}", (text, text), edition="brief") for i in range(4)]
    figures = Section(
        "figures",
        "Gambar",
        (_figure(0, 3.0), _figure(1, 6.0), _figure(2, 6.0)),
        edition="brief",
    )
    annex = Section("annex-part", "Lampiran", (_figure(1, 2.0),), edition="annex")
    return _notebook(top, *body, figures, annex)


def test_a_brief_too_long_leaves_out_optional_figures_level_one_first():
    from ikmpolicy.render import fit_brief, pdf_and_pages, render

    nb = _long_brief()
    full = render(nb, "id")
    _, pages_full = pdf_and_pages(full.brief_html)
    _, pages_bare = pdf_and_pages(render(nb, "id", left_out=2).brief_html)
    assert pages_bare < pages_full  # the test data can show the mechanism at all
    docs, pdf, pages = fit_brief(nb, "id", pages=pages_bare)
    assert pdf[:5] == b"%PDF-" and pages <= pages_bare
    assert docs.left_out in (1, 2)
    shown = docs.brief_html.count("<img")
    assert shown == 3 - docs.left_out  # the required figure always stays
    assert "figure 0" in docs.brief_html and ("figure 1" in docs.brief_html) is False
    assert docs.annex_html.count("<img") == 1  # the annex keeps every figure
    # what fits is left alone
    assert fit_brief(nb, "id", pages=pages_full)[0].left_out == 0


def test_the_maker_is_told_what_was_left_out_and_what_still_overflows():
    from ikmpolicy.render import fit_brief, fit_notes

    nb = _long_brief()
    docs, _, pages = fit_brief(nb, "id", pages=1)  # cannot fit: everything optional goes
    notes = fit_notes(docs, pages, limit=1)
    assert docs.left_out == 2 and pages > 1
    assert "figure 1; figure 2" in notes[0] and "figure 0" not in notes[0]
    assert notes[1] == (
        f"the brief runs to {pages} pages, more than 1: shorten what the data put on its pages"
    )
    full, _, pages = fit_brief(nb, "id", pages=99)
    assert fit_notes(full, pages, limit=99) == ()
