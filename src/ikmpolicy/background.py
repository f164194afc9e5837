"""Work off a brief's critical path, run on the core that the brief's kernel leaves idle.

A brief's kernel keeps one core busy; the index's overview (the recommendations of every earlier
session, recomputed) can be made meanwhile on another. It runs in a second process at a lower
CPU priority, so that it takes only what the kernel and the PDF worker leave: on a busy machine
it waits instead of slowing the brief. Where no second process can be had (one core, a daemonic
process such as a Dask worker, a system that refuses), it runs in a thread of this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor


def second_process_possible() -> bool:
    """Whether a second process can help: more than one core, and children are allowed here
    (a daemonic process, such as a Dask worker under its nanny, may have none)."""
    return (os.cpu_count() or 1) > 1 and not multiprocessing.current_process().daemon


def _lower_priority(increment: int) -> None:
    if hasattr(os, "nice"):
        os.nice(increment)


class Background:
    """A context manager whose :meth:`submit` runs a call in the background.

    Parameters
    ----------
    nice : int
        How much lower the second process's CPU priority is (POSIX ``nice``; ignored elsewhere).
    enabled : bool, optional
        Use a second process (default: :func:`second_process_possible`); else a thread.

    Notes
    -----
    The call and its arguments are pickled to the second process (spawned: a clean interpreter,
    whatever threads this one runs), and its result is pickled back. On leaving the block the
    process is not waited for: a result not asked for is abandoned. Left by an exception (Ctrl-C,
    SIGTERM raised as one), the process is stopped at once.

    Examples
    --------
    >>> with Background(enabled=False) as background:
    ...     background.submit(sum, [1, 2, 3]).result()
    6
    """

    def __init__(self, nice: int = 10, enabled: bool | None = None):
        self.nice = nice
        self.enabled = second_process_possible() if enabled is None else enabled
        self._executor: Executor | None = None

    def __enter__(self) -> Background:
        if self.enabled:
            try:
                self._executor = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_lower_priority,
                    initargs=(self.nice,),
                )
            except OSError:
                self._executor = None
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="ikmpolicy-background")
        return self

    def submit(self, fn: Callable, *args, **kwargs) -> Future:
        """A future of ``fn(*args, **kwargs)``."""
        if self._executor is None:
            raise RuntimeError("Background.submit outside its with block")
        try:
            return self._executor.submit(fn, *args, **kwargs)
        except RuntimeError:  # the process pool broke (its process was killed): a thread
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="ikmpolicy-background")
            return self._executor.submit(fn, *args, **kwargs)

    def __exit__(self, exc_type, exc, tb) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        if exc_type is not None:
            # left by an error or a signal: stop the second process now, so that it does not
            # outlive this one half-started (its queues would be cleaned up under it)
            for process in list(getattr(executor, "_processes", {}).values()):
                process.terminate()
            executor.shutdown(wait=True, cancel_futures=True)
        else:
            executor.shutdown(wait=False, cancel_futures=True)
