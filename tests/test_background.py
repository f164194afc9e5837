"""Background work: a second process at lower priority, else a thread; results come back."""

from __future__ import annotations

import os
import threading

import pytest

from ikmpolicy.background import Background, second_process_possible


def _where() -> tuple[int, int, str]:
    priority = os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else 0
    return os.getpid(), priority, threading.current_thread().name


def test_a_second_process_runs_the_call_at_lower_priority():
    here = os.getpriority(os.PRIO_PROCESS, 0)
    with Background(nice=5, enabled=True) as background:
        pid, priority, _ = background.submit(_where).result(timeout=120)
    assert pid != os.getpid()
    assert priority == min(here + 5, 19)


def test_without_a_second_process_a_thread_runs_it():
    with Background(enabled=False) as background:
        pid, priority, thread = background.submit(_where).result()
    assert pid == os.getpid()
    assert priority == os.getpriority(os.PRIO_PROCESS, 0)
    assert thread.startswith("ikmpolicy-background")


def test_errors_reach_the_caller():
    with Background(enabled=True) as background, pytest.raises(ZeroDivisionError):
        background.submit(divmod, 1, 0).result(timeout=120)


def test_submit_outside_the_block_is_refused():
    with pytest.raises(RuntimeError, match="outside"):
        Background(enabled=False).submit(sum, [1])


def test_a_daemonic_process_uses_no_second_process(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True, raising=False)
    assert second_process_possible() is False


def test_leaving_by_an_exception_stops_the_second_process():
    import time

    with pytest.raises(KeyboardInterrupt), Background(enabled=True) as background:
        started = background.submit(os.getpid)
        pid = started.result(timeout=120)
        background.submit(time.sleep, 60)
        raise KeyboardInterrupt
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the second process outlived the block")
