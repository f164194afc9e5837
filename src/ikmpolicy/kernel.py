"""Running a notebook in a Jupyter kernel of its own with papermill, safely.

A brief's notebook runs in a helper thread (:class:`NotebookRun`), so that the calling thread
keeps the signals; its kernel's connection file, log and executed copy live in a private
temporary folder removed on every exit Python can see (success, an error, Ctrl-C, SIGTERM:
:func:`sigterm_raises`); its kernel talks over Unix sockets where it can and is started again
if it dies before it replies. A kernel can be started ahead of its notebook, while the caller
does other work.

Nothing here imports pandas at import time: the brief command starts a kernel before it loads
the data libraries.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ikmpolicy.errors import RunError

if TYPE_CHECKING:
    import nbformat

__all__ = [
    "KERNEL",
    "BriefError",
    "NotebookRun",
    "Terminated",
    "check_kernel",
    "execute",
    "kernel_log_tail",
    "redeliver_terminated",
    "sigterm_raises",
    "socket_path_fits",
]

KERNEL = "python3"


class BriefError(RunError):
    """A brief could not be made; the message says why in the user's terms."""


def check_kernel(name: str = KERNEL) -> None:
    """Refuse a kernel ``name`` that would run another Python than this one.

    A kernelspec of that name in the user's Jupyter folders takes precedence over the one of
    this environment; if it points at another interpreter the brief would fail on an import
    error far from its cause, so say so here.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise BriefError(
            f"no Jupyter kernel named {name!r}; install ipykernel in this "
            "environment (make brief does)"
        ) from exc
    program = spec.argv[0] if spec.argv else ""
    major, minor = sys.version_info[:2]
    native = {"python", f"python{major}", f"python{major}.{minor}"}
    if program not in native and Path(program).resolve() != Path(sys.executable).resolve():
        raise BriefError(
            f"the Jupyter kernel {name!r} ({spec.resource_dir}) runs {program}, "
            f"not this environment's Python ({sys.executable}); remove or rename "
            "that kernel, or run from the project's .venv"
        )


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived; raised like Ctrl-C so that ``finally`` blocks clean up before exiting."""


def redeliver_terminated(previous: Callable) -> Callable:
    """An unraisable hook (:data:`sys.unraisablehook`) that sends SIGTERM again when Python
    dropped the :class:`Terminated` it raised, and leaves everything else to ``previous``.

    The garbage collector runs finalizers (``weakref`` callbacks, multiprocessing's
    ``Finalize``, ``__del__``) in the main thread; an exception raised in one is printed
    ("Exception ignored in: <Finalize object>") and dropped, so a SIGTERM landing there was
    lost and a traceback shown. Sent again, it is raised where the main thread goes next.
    """

    def hook(unraisable) -> None:
        if isinstance(unraisable.exc_value, Terminated):
            # from another thread, a moment later: sent from here, the handler would raise
            # inside this hook, where Python drops it again
            again = threading.Timer(0.01, os.kill, (os.getpid(), signal.SIGTERM))
            again.daemon = True
            again.start()
            return
        previous(unraisable)

    return hook


@contextlib.contextmanager
def sigterm_raises():
    """While inside, SIGTERM raises :class:`Terminated` in the main thread (elsewhere: no-op).

    By default SIGTERM ends Python at once, skipping ``finally`` blocks: the executed notebook,
    the kernel's connection file (it holds the kernel's key) and the kernel itself would stay.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, frame):
        raise Terminated(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, _raise)
    previous_hook = sys.unraisablehook
    sys.unraisablehook = redeliver_terminated(previous_hook)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook


def _kernel_manager_class(folder: Path, started: list, env: Mapping[str, str] | None = None):
    """A kernel manager whose connection file lives in ``folder``, whose kernel gets ``env`` on
    top of this process's environment, that talks to its kernel over
    Unix sockets where it can, and that does not interrupt a kernel it is about to shut down.

    Over TCP, jupyter_client picks free ports, closes them and hands them to the kernel, which
    binds them a moment later; a kernel started at the same moment (``brief --all --jobs 2``,
    another notebook) can take one in between, and the kernel dies with "Address already in
    use" before it replies (jupyter/jupyter_client#154). Unix sockets are files in ``folder``,
    private to this brief, so no other process can take them. Windows has no Unix sockets in
    ZeroMQ, and a socket's path has a length limit (:data:`SOCKET_PATH_MAX`) that a long
    ``TMPDIR`` can pass; there the kernel talks TCP and its start is tried again
    (:data:`KERNEL_STARTS`).

    jupyter_client sends SIGINT before every shutdown request; when it reaches ipykernel in the
    instant between the reply to the last cell and the restoring of its SIGINT handler, the
    kernel logs "KeyboardInterrupt caught in kernel" on every successful run. A kernel that
    received a shutdown request exits anyway (and is killed after ``shutdown_wait_time``), so
    the interrupt buys nothing there.
    """
    import uuid

    import zmq
    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            # short, as it names the sockets: "<folder>/kernel-1a2b3c4d-ipc-<n>"
            name = f"kernel-{uuid.uuid4().hex[:8]}.json"
            kwargs.setdefault("connection_file", str(folder / name))
            # jupyter_client names the sockets "<connection file without .json>-ipc-<n>"
            ipc = socket_path_fits(f"{(folder / name).with_suffix('')}-ipc-99")
            if os.name == "posix" and zmq.has("ipc") and ipc:
                kwargs.setdefault("transport", "ipc")
            super().__init__(**kwargs)
            started.append(self)

        async def _async_interrupt_kernel(self) -> None:
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

        async def _async_launch_kernel(self, kernel_cmd, **kw) -> None:
            if env:
                kw["env"] = {**(kw.get("env") or os.environ), **env}
            # the kernel's own output (a traceback when its brief is stopped while it starts or
            # shuts down) goes to a log in the folder, not to the user's terminal; a kernel that
            # dies is reported with the end of that log (kernel_log_tail)
            with open(folder / KERNEL_LOG, "ab") as log:  # the kernel keeps its own copy
                kw.setdefault("stdout", log)
                kw.setdefault("stderr", log)
                await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


#: The kernel's standard output and error, in the brief's private folder
KERNEL_LOG = "kernel.log"


def kernel_log_tail(folder: Path, lines: int = 5) -> str:
    """The last lines of the kernel's log in ``folder`` ("" when it wrote nothing).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / KERNEL_LOG).write_text("starting\\nMemoryError\\n")
    ...     kernel_log_tail(Path(tmp), 1)
    'MemoryError'
    """
    try:
        text = (folder / KERNEL_LOG).read_text("utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.strip().splitlines()[-lines:])


#: The longest path a Unix socket may have on every POSIX system the brief runs on: 103 bytes
#: and the closing NUL on macOS (Linux allows 107).
SOCKET_PATH_MAX = 103


def socket_path_fits(path: str | os.PathLike) -> bool:
    """Whether a Unix socket may have this path (:data:`SOCKET_PATH_MAX`); a long ``TMPDIR``
    can make it too long ("AF_UNIX path too long", ZeroMQ's "File name too long")."""
    return len(os.fsencode(path)) <= SOCKET_PATH_MAX


def _kill_kernels(managers: list) -> None:
    """Kill the kernels (and their children: each kernel leads its own session) at once."""
    for km in managers:
        process = getattr(km.provisioner, "process", None) if km.provisioner else None
        if process is None or process.poll() is not None:
            continue
        try:
            if hasattr(os, "killpg"):
                os.killpg(process.pid, signal.SIGKILL)
            else:  # pragma: no cover - Windows
                process.kill()
        except OSError:
            pass


#: Run by a kernel started ahead of its notebook (:class:`NotebookRun`), before it replies: the
#: imports of the brief's first cell, while the command checks the data (the name is removed)
WARM_UP = ("import ikmpolicy.report.sections", "del ikmpolicy")


class NotebookRun:
    """One notebook run by papermill, in a helper thread, with a private temporary folder.

    The executed copy and the kernel's connection file live in that folder (``ikmpolicy-*``),
    which is removed on every exit Python can see: success, an error in the notebook, Ctrl-C,
    or SIGTERM (see :func:`sigterm_raises`). Papermill runs in the helper thread so that the
    calling thread keeps the signals: on an interrupt it kills the kernel itself, waits for
    papermill to give up, and removes the folder.

    With ``ahead=True`` the helper thread starts the kernel at once, and the kernel imports
    the brief's libraries (:data:`WARM_UP`) before the notebook is known: the brief command
    starts its kernel so before it checks the data, and the two overlap on two cores (about
    1 s of a brief). The kernel is started in the thread that later runs papermill, in that
    thread's event loop, as papermill would start it; a kernel that dies before it replies is
    replaced by a new one (:data:`KERNEL_STARTS`). Each run executes one notebook; one that
    is closed unused kills its kernel.

    Parameters
    ----------
    cwd : path
        The kernel's working folder.
    env : mapping, optional
        Added to the kernel's environment (e.g. :data:`ikmpolicy.handover.ENV`).
    ahead : bool
        Start the kernel now rather than when :meth:`run` is called.
    """

    def __init__(self, cwd: Path, env: Mapping[str, str] | None = None, ahead: bool = False):
        self.cwd, self.env = Path(cwd), dict(env or {})
        self.folder = Path(tempfile.mkdtemp(prefix="ikmpolicy-"))
        self._started: list = []  # every kernel manager made for this run, to kill on a stop
        self._stopping = threading.Event()  # no new kernel once the run is given up
        self._job: list = []
        self._go = threading.Event()
        self._outcome: list[BaseException | None] = []
        self._manager = _kernel_manager_class(self.folder, self._started, self.env or None)
        self._thread = threading.Thread(
            target=self._work, args=(ahead,), name="ikmpolicy-papermill", daemon=True
        )
        self._thread.start()

    def _work(self, ahead: bool) -> None:
        km = self._start_kernel() if ahead else None
        try:
            self._go.wait()
            if not self._job:  # closed unused
                return
            notebook, output, parameters = self._job
            _run_papermill(
                notebook, output, parameters, self.cwd, self._manager, self._stopping, km
            )
            self._outcome.append(None)
        except BaseException as exc:  # handed to the calling thread, which raises it
            self._outcome.append(exc)
        finally:
            if km is not None and self._stopping.is_set():  # given up, or closed unused
                _kill_kernels([km])
            elif km is not None:  # papermill shuts down only the kernels it started; this one
                # as papermill would: asked, then killed after the manager's wait
                with contextlib.suppress(Exception):
                    _run_sync(km.shutdown_kernel)(now=False)

    def _start_kernel(self):
        """A kernel started now, or None (papermill then starts one and reports what fails)."""
        try:
            km = self._manager(kernel_name=KERNEL)
            arguments = [*KERNEL_ARGUMENTS, *(f"--IPKernelApp.exec_lines={x}" for x in WARM_UP)]
            _run_sync(km.start_kernel)(extra_arguments=arguments, cwd=str(self.cwd))
        except Exception:  # noqa: BLE001 - the notebook's own start says what is wrong
            return None
        return km

    def run(self, notebook: Path, parameters: dict) -> nbformat.NotebookNode:
        """Execute ``notebook`` with ``parameters``; return the executed notebook."""
        if self._go.is_set():
            raise BriefError("a notebook run executes one notebook")
        output = self.folder / "executed.ipynb"
        self._job[:] = [notebook, output, parameters]
        self._go.set()
        try:
            while self._thread.is_alive():
                self._thread.join(0.2)  # short waits: the signal handlers run in between
        except BaseException:
            self.close()
            raise
        if not self._outcome:
            raise BriefError("the notebook run ended without a result")
        if self._outcome[0] is not None:
            raise self._outcome[0]
        import nbformat

        return nbformat.read(output, as_version=4)

    def close(self) -> None:
        """Stop: kill the kernel, let papermill give up, remove the folder (again: nothing)."""
        self._stopping.set()
        self._go.set()  # a run never given a notebook ends now
        _kill_kernels(self._started)
        self._thread.join(30)  # papermill notices the dead kernel and lets go of the folder
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> NotebookRun:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


#: Arguments of every kernel: its start-up chatter is not for brief makers
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=ERROR",)


def _run_sync(coroutine_function):
    from jupyter_core.utils import run_sync

    return run_sync(coroutine_function)


def execute(
    notebook: Path,
    parameters: dict,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    run: NotebookRun | None = None,
) -> nbformat.NotebookNode:
    """Run the notebook with papermill in ``cwd``; return the executed notebook.

    ``env`` is added to the kernel's environment (e.g. :data:`ikmpolicy.handover.ENV`).
    ``run`` is a :class:`NotebookRun` whose kernel was started ahead for the same ``cwd`` and
    ``env``; any other is closed, and a new run starts its own kernel. See
    :class:`NotebookRun` for the temporary folder and what an interrupt does.
    """
    check_kernel()
    if run is not None and (run.cwd, run.env) != (Path(cwd), dict(env or {})):
        run.close()
        run = None
    with sigterm_raises(), run or NotebookRun(cwd, env) as current:
        return current.run(notebook, parameters)


#: How often a kernel that dies before it replies is started (a lost port race over TCP: see
#: :func:`_kernel_manager_class`); nothing of the notebook has run by then
KERNEL_STARTS = 3
_DIED_AT_START = "before replying to kernel_info"


def _run_papermill(
    notebook: Path,
    output: Path,
    parameters: dict,
    cwd: Path,
    manager,
    stopping: threading.Event,
    km=None,
) -> None:
    """Papermill, with the kernel started again if it dies before it replies (unless the run was
    given up meanwhile: Ctrl-C or SIGTERM); ``km``, a kernel started ahead, serves the first
    attempt."""
    for attempt in range(1, KERNEL_STARTS + 1):
        try:
            return _papermill_once(notebook, output, parameters, cwd, manager, km)
        except BriefError as exc:
            km = None  # dead before it replied: the next attempt starts its own
            if stopping.is_set() or attempt == KERNEL_STARTS or _DIED_AT_START not in str(exc):
                raise
    return None  # pragma: no cover - the loop returns or raises


def _papermill_once(
    notebook: Path, output: Path, parameters: dict, cwd: Path, manager, km=None
) -> None:
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=str(cwd),
            progress_bar=False,
            log_output=False,
            report_mode=False,
            # written once at the end: saving after every cell rewrote megabytes of figures
            # some thirty times per brief
            request_save_on_cell_execute=False,
            kernel_manager_class=manager,
            km=km,  # None: papermill starts the kernel (and shuts it down)
            extra_arguments=list(KERNEL_ARGUMENTS),
        )
    except PapermillExecutionError as exc:
        # the notebook's own error is the user's message; the traceback stays in the log
        raise BriefError(f"the brief notebook failed: {exc.ename}: {exc.evalue}") from exc
    except RuntimeError as exc:  # nbclient: DeadKernelError, a kernel that did not start
        said = kernel_log_tail(output.parent)
        said = f"; its last words:\n{said}" if said else ""
        raise BriefError(f"the Jupyter kernel stopped: {exc}{said}") from exc
