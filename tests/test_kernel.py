"""Running a notebook in a kernel of its own (:mod:`ikmpolicy.kernel`): the kernel checked,
its sockets private, its output kept from the terminal, started again when it dies before it
replies, started ahead of its notebook, and stopped on SIGTERM."""

from __future__ import annotations

import re
import time
from pathlib import Path

import nbformat
import pytest

from tests.batch_helpers import gone, kernel_processes

pytestmark = pytest.mark.slow


def test_a_kernel_of_another_python_is_refused(tmp_path, monkeypatch):
    import json as _json

    from ikmpolicy.kernel import BriefError, check_kernel

    check_kernel()  # this environment's own kernel is accepted
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        _json.dumps(
            {
                "argv": [
                    "/opt/other/bin/python",
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "other",
                "language": "python",
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    with pytest.raises(BriefError, match="/opt/other/bin/python"):
        check_kernel()


# -- the kernel's start: no port race, and a kernel that dies before it replies is restarted ----


def test_the_kernel_talks_over_unix_sockets_in_the_private_folder_where_it_can(tmp_path):
    """No TCP ports to lose to a kernel started at the same moment (jupyter_client#154); where
    ZeroMQ has no Unix sockets (Windows) the transport stays TCP and the start is retried."""
    import os

    import zmq

    from ikmpolicy.kernel import _kernel_manager_class

    started: list = []
    km = _kernel_manager_class(tmp_path, started)(kernel_name="python3")
    assert Path(km.connection_file).parent == tmp_path and started == [km]
    # the sockets are "<tmp_path>/kernel-1a2b3c4d-ipc-<n>": ipc where that fits in 103 bytes
    fits = len(os.fsencode(tmp_path)) + len("/kernel-1a2b3c4d-ipc-99") <= 103
    if os.name == "posix" and zmq.has("ipc") and fits:
        assert km.transport == "ipc"
        assert Path(km.ip).parent == tmp_path
        assert len(f"{km.ip}-99") <= 103  # macOS's limit on a socket's path
    else:
        assert km.transport == "tcp"


def test_a_folder_too_long_for_a_unix_socket_talks_tcp_and_the_brief_runs(tmp_path, monkeypatch):
    """A long TMPDIR makes the socket's path longer than Unix allows (ZeroMQ: "File name too
    long"); the kernel then talks TCP, and the notebook runs and its folder is removed."""
    from ikmpolicy.kernel import SOCKET_PATH_MAX, _kernel_manager_class, execute
    from tests.batch_helpers import tiny_notebook

    deep = tmp_path / ("d" * max(1, SOCKET_PATH_MAX - len(str(tmp_path)) - 20))
    deep.mkdir()
    assert len(str(deep / "ikmpolicy-abcdefgh" / "kernel-1a2b3c4d-ipc-1")) > SOCKET_PATH_MAX
    km = _kernel_manager_class(deep, [])(kernel_name="python3")
    assert km.transport == "tcp"
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(deep))  # where the private folder is made
    executed = execute(tiny_notebook(tmp_path / "ok.ipynb"), {"fgd_id": "a"}, tmp_path)
    assert executed.cells[-1].outputs and list(deep.iterdir()) == []


def test_the_kernels_own_output_goes_to_its_log_and_its_last_words_to_the_error(tmp_path, capfd):
    """What the kernel writes to its standard error (a traceback when its brief is stopped while
    it starts) never reaches the user's terminal; a kernel that dies is reported with the end of
    it."""

    from ikmpolicy.kernel import BriefError, execute

    def notebook(name: str, code: str) -> Path:
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(code)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "P", "language": "python"}
        nbformat.write(nb, tmp_path / name)
        return tmp_path / name

    execute(notebook("talks.ipynb", "import os\nos.write(2, b'kernel chatter\\n')"), {}, tmp_path)
    assert "kernel chatter" not in capfd.readouterr().err
    dies = "import os\nos.write(2, b'MemoryError: the last words\\n')\nos._exit(3)"
    with pytest.raises(BriefError, match="kernel stopped") as failed:
        execute(notebook("dies.ipynb", dies), {}, tmp_path)
    assert "MemoryError: the last words" in str(failed.value)
    assert "the last words" not in capfd.readouterr().err


def _dies(times: int, message: str):
    from ikmpolicy.kernel import BriefError

    calls: list[int] = []

    def once(*args):
        calls.append(1)
        if len(calls) <= times:
            raise BriefError(f"the Jupyter kernel stopped: {message}")

    return once, calls


@pytest.mark.parametrize(
    ("times", "message", "stopping", "runs", "fails"),
    [
        (2, "Kernel died before replying to kernel_info", False, 3, False),
        (3, "Kernel died before replying to kernel_info", False, 3, True),
        (1, "Kernel died before replying to kernel_info", True, 1, True),
        (1, "Kernel died while waiting for execute reply", False, 1, True),
    ],
)
def test_a_kernel_that_dies_before_it_replies_is_started_again(
    monkeypatch, times, message, stopping, runs, fails
):
    """Only a death before the first reply (nothing has run), at most KERNEL_STARTS times, and
    never once the run was given up."""
    import threading

    from ikmpolicy import kernel
    from ikmpolicy.kernel import BriefError

    assert kernel.KERNEL_STARTS == 3
    once, calls = _dies(times, message)
    monkeypatch.setattr(kernel, "_papermill_once", once)
    given_up = threading.Event()
    if stopping:
        given_up.set()
    if fails:
        with pytest.raises(BriefError, match=re.escape(message)):
            kernel._run_papermill(Path("x"), Path("y"), {}, Path("."), None, given_up)
    else:
        kernel._run_papermill(Path("x"), Path("y"), {}, Path("."), None, given_up)
    assert len(calls) == runs


@pytest.mark.parametrize("kind", ["multiprocessing Finalize", "weakref callback"])
def test_a_sigterm_during_a_finalizer_stops_the_run_once_it_returns(capfd, kind):
    """The garbage collector runs finalizers in the main thread (a multiprocessing
    ``Finalize``, a ``WeakSet``'s weakref callback); an exception raised in one is printed
    ("Exception ignored in: <Finalize object>") and dropped, so a SIGTERM that landed in one
    lost the stop and showed a traceback (full runs of the tests under load saw both). It is
    now sent again and raised where the main thread goes next."""
    import multiprocessing.util
    import signal
    import weakref

    from ikmpolicy.kernel import Terminated, sigterm_raises

    class Resource:
        pass

    landed = []

    def callback(*_):
        landed.append(kind)
        signal.raise_signal(signal.SIGTERM)  # the handler runs here, inside the finalizer

    with sigterm_raises(), pytest.raises(Terminated):
        resource = Resource()
        if kind == "weakref callback":
            kept = [weakref.ref(resource, callback)]  # noqa: F841 - a live ref calls back
        else:
            multiprocessing.util.Finalize(resource, callback)
        del resource  # the finalizer runs now, as for a collected object
        time.sleep(2)  # the signal comes again, and the stop is raised here
        pytest.fail("SIGTERM was lost inside the finalizer")
    assert landed == [kind]
    assert "Exception ignored" not in capfd.readouterr().err


# -- a kernel started ahead of its notebook ----------------------------------------------------


def _probe(path: Path) -> Path:
    """A notebook whose one cell shows what its kernel had before any cell ran."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell("x = 0")
    parameters.metadata["tags"] = ["parameters"]
    probe = nbformat.v4.new_code_cell(
        "import os, sys\n"
        "print('ikmpolicy.report.sections' in sys.modules, 'ikmpolicy' in dir(),"
        " os.environ.get('PROBE'), x, os.getpid())"
    )
    nb.cells = [parameters, probe]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "P", "language": "python"}
    nbformat.write(nb, path)
    return path


def _wait_for_a_kernel(run, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not (kernel_processes(run) and all(p.poll() is None for p in kernel_processes(run))):
        assert time.monotonic() < deadline, "the kernel started ahead did not start"
        time.sleep(0.05)


def test_a_kernel_started_ahead_runs_the_notebook_with_the_imports_done(tmp_path):
    """The kernel has imported the brief's sections before the notebook reaches it, leaves no
    name behind in the notebook's namespace, has the environment it was started with, and is
    shut down with its folder once the notebook ran."""
    from ikmpolicy.kernel import NotebookRun, execute

    with NotebookRun(tmp_path, {"PROBE": "ahead"}, ahead=True) as run:  # closed if a test fails
        _wait_for_a_kernel(run)
        [ahead] = kernel_processes(run)
        probe = _probe(tmp_path / "probe.ipynb")
        executed = execute(probe, {"x": 7}, tmp_path, {"PROBE": "ahead"}, run)
    shown = executed.cells[-1].outputs[0]["text"].split()
    assert shown == ["True", "False", "ahead", "7", str(ahead.pid)]
    assert gone([ahead]) and not run.folder.exists()


def test_a_kernel_started_ahead_for_other_settings_is_not_used(tmp_path):
    """Another environment (the handover could not be written) or folder: the kernel started
    ahead is stopped, and the notebook runs in a kernel of its own with the settings asked."""
    from ikmpolicy.kernel import NotebookRun, execute

    with NotebookRun(tmp_path, {"PROBE": "ahead"}, ahead=True) as run:
        _wait_for_a_kernel(run)
        [ahead] = kernel_processes(run)
        executed = execute(_probe(tmp_path / "probe.ipynb"), {"x": 1}, tmp_path, None, run)
    shown = executed.cells[-1].outputs[0]["text"].split()
    assert shown[2:4] == ["None", "1"] and shown[4] != str(ahead.pid)
    assert gone([ahead]) and not run.folder.exists()


def test_a_kernel_started_ahead_and_never_used_is_stopped_at_once(tmp_path):
    """Bad data, or a brief that is current: the kernel is killed (not asked, then waited
    for) and its folder removed."""
    from ikmpolicy.kernel import NotebookRun

    with NotebookRun(tmp_path, ahead=True) as run:
        _wait_for_a_kernel(run)
        processes = kernel_processes(run)
        start = time.monotonic()
        run.close()
        assert gone(processes, seconds=1) and time.monotonic() - start < 2
    assert not run.folder.exists()
