"""The main job: execute the brief notebook per FGD with papermill and write the reports.

For each session, in ``reports/<fgd-id>/``: the brief (``brief_<lang>.html``, ``.pdf``,
``.docx``; at most four printed pages), the technical annex (``brief_<lang>_annex.html``,
``.pdf``) and the executed notebook (``brief_<lang>.ipynb``); and ``reports/index.html`` over
all sessions.
Every file is written atomically, and everything that would vary from run to run (timestamps,
temporary paths, random cell ids) is removed, so the same inputs give the same bytes.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import nbformat
import pandas as pd

from ikmpolicy.errors import RunError
from ikmpolicy.handover import ENV as HANDOVER_ENV
from ikmpolicy.handover import handed_over
from ikmpolicy.ids import check_id
from ikmpolicy.io import write_atomic
from ikmpolicy.paths import DEFAULT_DATA, DEFAULT_OUT, annex_file, brief_file
from ikmpolicy.render import PdfWorker, fit_brief, fit_notes, render
from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import session_order
from ikmpolicy.validation import Dataset

#: The brief notebook ships inside the package, so ``ikmpolicy brief`` works outside a checkout.
NOTEBOOK = ("notebooks", "brief.ipynb")
KERNEL = "python3"
#: The stages of :func:`run_brief`, in order, as its ``progress`` callback names them.
STAGES = ("notebook", "html", "pdf")


class BriefError(RunError):
    """A brief could not be made; the message says why in the user's terms."""


@dataclass(frozen=True)
class BriefFiles:
    """Where one brief's files were written."""

    fgd_id: str
    lang: str
    notebook: Path
    html: Path
    pdf: Path
    docx: Path
    annex_html: Path
    annex_pdf: Path
    #: what the maker should know (figures left out to keep four pages, pages beyond four)
    notes: tuple[str, ...] = ()


def find_notebook(notebook: str | Path | None = None) -> Path:
    """The brief notebook: the one given, else the one inside the package.

    The package's notebook is a real file of an installed (or editable) package, so papermill
    can read it and the batch can hash it.
    """
    if notebook is not None:
        path = Path(notebook)
        if not path.is_file():
            raise BriefError(f"{path}: no such notebook")
        return path
    return Path(str(resources.files("ikmpolicy").joinpath(*NOTEBOOK)))


def output_folder(out: str | Path, fgd_id: str) -> Path:
    """``out/<fgd_id>``, after checking that the id cannot lead outside ``out``."""
    check_id(fgd_id, "FGD id")
    root = Path(out).resolve()
    folder = (root / fgd_id).resolve()
    if root not in folder.parents:
        raise BriefError(f"FGD id {fgd_id!r} would write outside {out}")
    return folder


def scrub(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what varies between runs: timings, temporary paths, random cell ids.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(metadata={"papermill": {"start_time": "x",
    ...                                                       "parameters": {"a": 1}}})
    >>> nb.cells = [nbformat.v4.new_code_cell("1", metadata={"papermill": {"duration": 1}})]
    >>> clean = scrub(nb)
    >>> dict(clean.metadata["papermill"]), dict(clean.cells[0].metadata), clean.cells[0].id
    ({'parameters': {'a': 1}}, {}, 'cell-00')
    """
    nb = copy.deepcopy(notebook)
    kept = {
        k: v
        for k, v in nb.metadata.get("papermill", {}).items()
        if k in ("parameters", "default_parameters", "version", "environment_variables")
    }
    nb.metadata["papermill"] = kept
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell["id"] = f"cell-{index:02d}"
    return nb


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


def execute(
    notebook: Path, parameters: dict, cwd: Path, env: Mapping[str, str] | None = None
) -> nbformat.NotebookNode:
    """Run the notebook with papermill in ``cwd``; return the executed notebook.

    ``env`` is added to the kernel's environment (e.g. :data:`ikmpolicy.handover.ENV`).

    The executed copy and the kernel's connection file live in a private temporary folder
    (``ikmpolicy-*``) that is removed on every exit Python can see: success, an error in the
    notebook, Ctrl-C, or SIGTERM (see :func:`sigterm_raises`). Papermill runs in a helper thread
    so that the calling thread keeps the signals: on an interrupt it kills the kernel itself,
    waits for papermill to give up, and removes the folder.
    """
    check_kernel()
    with (
        sigterm_raises(),
        tempfile.TemporaryDirectory(prefix="ikmpolicy-", ignore_cleanup_errors=True) as tmp,
    ):
        folder = Path(tmp)
        started: list = []
        output = folder / "executed.ipynb"
        outcome: list[BaseException | None] = []
        stopping = threading.Event()  # no new kernel once the run is given up
        worker = threading.Thread(
            target=_papermill,
            name="ikmpolicy-papermill",
            daemon=True,
            args=(
                notebook,
                output,
                parameters,
                cwd,
                _kernel_manager_class(folder, started, env),
                outcome,
                stopping,
            ),
        )
        worker.start()
        try:
            while worker.is_alive():
                worker.join(0.2)  # short waits: the signal handlers run in between
        except BaseException:
            stopping.set()
            _kill_kernels(started)
            worker.join(30)  # papermill notices the dead kernel and lets go of the folder
            raise
        if not outcome:
            raise BriefError("the notebook run ended without a result")
        if outcome[0] is not None:
            raise outcome[0]
        return nbformat.read(output, as_version=4)


def _papermill(
    notebook: Path,
    output: Path,
    parameters: dict,
    cwd: Path,
    manager,
    outcome: list,
    stopping: threading.Event,
) -> None:
    """Run papermill; put None (success) or the exception to raise in ``outcome``."""
    try:
        outcome.append(_run_papermill(notebook, output, parameters, cwd, manager, stopping))
    except BaseException as exc:  # handed to the calling thread, which raises it
        outcome.append(exc)


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
) -> None:
    """Papermill, with the kernel started again if it dies before it replies (unless the run was
    given up meanwhile: Ctrl-C or SIGTERM)."""
    for attempt in range(1, KERNEL_STARTS + 1):
        try:
            return _papermill_once(notebook, output, parameters, cwd, manager)
        except BriefError as exc:
            if stopping.is_set() or attempt == KERNEL_STARTS or _DIED_AT_START not in str(exc):
                raise
    return None  # pragma: no cover - the loop returns or raises


def _papermill_once(notebook: Path, output: Path, parameters: dict, cwd: Path, manager) -> None:
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
            # the kernel's start-up chatter is not for brief makers
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except PapermillExecutionError as exc:
        # the notebook's own error is the user's message; the traceback stays in the log
        raise BriefError(f"the brief notebook failed: {exc.ename}: {exc.evalue}") from exc
    except RuntimeError as exc:  # nbclient: DeadKernelError, a kernel that did not start
        said = kernel_log_tail(output.parent)
        said = f"; its last words:\n{said}" if said else ""
        raise BriefError(f"the Jupyter kernel stopped: {exc}{said}") from exc


def run_brief(
    fgd_id: str,
    lang: str = "id",
    data: str = DEFAULT_DATA,
    out: str = DEFAULT_OUT,
    helix_model: str = "classic",
    as_of: str | None = None,
    notebook: str | Path | None = None,
    budget_idr: float | None = None,
    internal: bool = False,
    progress: Callable[[str], None] | None = None,
    handover: str | Path | None = None,
) -> BriefFiles:
    """Make one brief: execute the notebook, render the brief and annex, write them atomically.

    Parameters
    ----------
    fgd_id : str
        Session id.
    lang : {"id", "en"}
        Language of the brief.
    data : str
        Data folder or workbook, as the user wrote it (relative paths keep provenance
        identical between checkouts).
    out : str
        Output folder; the brief goes to ``out/<fgd_id>/``.
    helix_model, as_of, budget_idr
        Passed to the notebook (see :func:`ikmpolicy.report.sections.load_context`).
    notebook : path, optional
        Another brief notebook.
    internal : bool
        Also write the industry office's internal edition (per-buyer shortlists with business
        names) to ``out/<fgd_id>/internal/``; never linked from the index.
    progress : callable, optional
        Called with the name of each stage (:data:`STAGES`) as it starts.
    handover : path, optional
        The dataset the caller validated from ``data`` (:func:`ikmpolicy.handover.write_handover`),
        for the notebook to use instead of validating the data again.
    """
    step = progress or (lambda stage: None)
    Locale(lang)  # an unknown language fails here, before a kernel starts
    folder = output_folder(out, fgd_id)
    # the day the brief is made, written into the executed notebook's parameters: the brief
    # can be remade exactly later (--as-of that day)
    as_of = as_of or _today()
    parameters = {
        "fgd_id": fgd_id,
        "lang": lang,
        "data": str(data),
        "helix_model": helix_model,
        "as_of": as_of,
        "budget_idr": budget_idr,
    }
    files = BriefFiles(
        fgd_id,
        lang,
        folder / brief_file(lang, ".ipynb"),
        folder / brief_file(lang, ".html"),
        folder / brief_file(lang, ".pdf"),
        folder / brief_file(lang, ".docx"),
        folder / annex_file(lang, ".html"),
        folder / annex_file(lang, ".pdf"),
    )
    with PdfWorker() as pdf:  # warms up while the notebook runs
        step("notebook")
        env = {HANDOVER_ENV: str(handover)} if handover else None
        executed = scrub(execute(find_notebook(notebook), parameters, Path.cwd(), env))
        step("html")
        docs = render(executed, lang)
        annex_pdf = pdf.submit(docs.annex_html)  # the longer PDF, in the second process
        write_atomic(files.notebook, nbformat.writes(executed) + "\n")
        write_atomic(files.annex_html, docs.annex_html)
        step("pdf")
        # the brief's three formats follow its PDF: optional figures left out to fit the pages
        docs, brief_pdf, pages = fit_brief(executed, lang, docs)
        write_atomic(files.html, docs.brief_html)
        write_atomic(files.docx, docs.brief_docx)
        write_atomic(files.pdf, brief_pdf)
        write_atomic(files.annex_pdf, annex_pdf.result())
    rows = docs.recommendations()
    if rows is not None and not rows.empty:
        write_atomic(folder / f"recommendations_{lang}.csv", csv_text(rows))
    if internal:
        from ikmpolicy.internal import write_internal

        dataset = handed_over(data, handover) if handover else None
        write_internal(folder, data, fgd_id, as_of=as_of, helix_model=helix_model, dataset=dataset)
    return dataclasses.replace(files, notes=fit_notes(docs, pages))


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def csv_text(frame: pd.DataFrame) -> str:
    """A table as CSV text in which no cell can start a formula in a spreadsheet.

    Examples
    --------
    >>> print(csv_text(pd.DataFrame({"a": ["=1+1", "ok"], "n": [1, 2]})), end="")
    a,n
    '=1+1,1
    ok,2
    """
    from ikmpolicy.workbook import safe_cell

    return frame.map(safe_cell).to_csv(index=False, lineterminator="\n")


def sessions_table(dataset: Dataset, lang: str = "id") -> pd.DataFrame:
    """Sessions with their date written to its precision (for ``ikmpolicy list``)."""
    loc = Locale(lang)
    s = dataset["fgd_sessions"].set_index("session_id").loc[session_order(dataset)]
    return pd.DataFrame(
        {
            "session_id": s.index,
            "date": [loc.date(d, p) for d, p in zip(s["date"], s["date_precision"], strict=True)],
            "kind": s["kind"].to_numpy(),
            "title": s["title"].to_numpy(),
        }
    )
