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
