"""Many briefs at once: in parallel processes or on a Dask cluster, each one on its own.

Every brief is a :class:`BriefJob` handed to :func:`run_job`, the one function that makes a brief
wherever it runs (in this process, in a worker process of :func:`run_batch`, or on a Dask
worker). A brief that fails is reported with its reason and never stops the others. A brief whose
inputs, parameters and code are unchanged since it was last made is skipped: its manifest
(``<out>/<fgd>/brief_<lang>.manifest.json``) holds the hash of all three and of every file the
brief wrote, and :func:`is_current` compares them.

The manifest's key covers

* the parameters passed to the notebook (session, language, data as written, helix model and
  reference date),
* the SHA-256 of every data file read and of the brief notebook,
* the code: the package version, a hash of the package's own source files (so an edit in a
  checkout counts as well as a release), the Python version and the versions of the libraries
  that shape the output (pandas, numpy, matplotlib, papermill, nbconvert, weasyprint...).

Nothing here imports pandas or papermill at import time: the command line loads this module to
check its arguments before the heavy libraries.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import functools
import hashlib
import json
import os
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ikmpolicy import __version__
from ikmpolicy.digests import sha256_file, sha256_record
from ikmpolicy.errors import InputError, RunError
from ikmpolicy.paths import brief_file

__all__ = [
    "BatchResult",
    "BriefJob",
    "BriefOutcome",
    "OutputFolderError",
    "NotebookFileError",
    "brief_parameters",
    "check_notebook",
    "check_out",
    "code_fingerprint",
    "default_workers",
    "is_current",
    "manifest_path",
    "plan",
    "prestart",
    "run_batch",
    "run_job",
]

#: Libraries whose version can change the bytes of a brief.
LIBRARIES = (
    "pandas",
    "numpy",
    "scipy",
    "matplotlib",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "weasyprint",
    "babel",
    "SALib",
    "networkx",
)
#: Files of the package whose content is hashed into the code fingerprint.
SOURCE_SUFFIXES = (".py", ".yaml", ".css", ".ipynb", ".html", ".j2", ".json")
MANIFEST_VERSION = 1


class OutputFolderError(InputError):
    """``--out`` cannot hold the briefs (a file, or a folder that cannot be written)."""


class NotebookFileError(InputError):
    """``--notebook`` is not a readable Jupyter notebook."""


class ManifestError(RunError):
    """A manifest or lock beside the briefs could not be written."""


@dataclasses.dataclass(frozen=True)
class BriefJob:
    """One brief to make, with everything a worker needs (picklable; plain values only).

    ``key`` is the hash of parameters, inputs and code computed by :func:`plan`; ``record``
    the same content in full, written to the manifest.
    """

    fgd_id: str
    lang: str
    data: str
    out: str
    helix_model: str = "classic"
    as_of: str | None = None
    notebook: str | None = None
    cwd: str = ""
    key: str = ""
    record: dict = dataclasses.field(default_factory=dict, compare=False)
    force: bool = False
    #: rows of the data that belong to the session: the larger briefs are started first
    size: int = dataclasses.field(default=0, compare=False)
    budget_idr: float | None = None
    internal: bool = False
    #: the dataset the command validated (:mod:`ikmpolicy.handover`): not part of the key, as
    #: the kernel uses it only when it is the data's own
    handover: str | None = dataclasses.field(default=None, compare=False)


@dataclasses.dataclass(frozen=True)
class BriefOutcome:
    """What became of one brief: ``status`` is ``"made"``, ``"unchanged"`` or ``"failed"``."""

    fgd_id: str
    lang: str
    status: str
    files: tuple[str, ...] = ()
    reason: str = ""
    seconds: float = 0.0
    #: what the maker should know of a brief that was made (see ikmpolicy.render.fit_notes)
    notes: tuple[str, ...] = ()


@dataclasses.dataclass
class BatchResult:
    """Every outcome of a batch, in the order of the jobs, and the index page written."""

    outcomes: list[BriefOutcome]
    index: Path | None = None

    def of(self, status: str) -> list[BriefOutcome]:
        """The outcomes with this status."""
        return [o for o in self.outcomes if o.status == status]

    @property
    def ok(self) -> bool:
        """True when no brief failed."""
        return not self.of("failed")


# -- checks made before anything is loaded ------------------------------------------------------


def check_out(out: str | Path) -> Path:
    """The output folder, created if needed; refused when it is a file or cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile() as f:
    ...     check_out(f.name)
    Traceback (most recent call last):
    ...
    ikmpolicy.batch.OutputFolderError: --out ...: is a file, not a folder; ...
    """
    path = Path(out)
    if path.exists() and not path.is_dir():
        raise OutputFolderError(
            f"--out {path}: is a file, not a folder; name a folder for the "
            "briefs (it is created if missing)"
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(
            f"--out {path}: cannot create the folder ({exc.strerror or exc})"
        ) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputFolderError(f"--out {path}: this user cannot write in the folder")
    return path


def check_notebook(path: str | Path) -> Path:
    """Refuse a ``--notebook`` that is missing or not a Jupyter notebook.

    Only the structure is checked (JSON with ``cells`` and ``nbformat``); the message never
    quotes the file, which may hold anything.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile("w", suffix=".ipynb") as f:
    ...     _ = f.write("secret=1\\n")
    ...     f.flush()
    ...     check_notebook(f.name)
    Traceback (most recent call last):
    ...
    ikmpolicy.batch.NotebookFileError: --notebook ...: not a Jupyter notebook ...; expected ...
    """
    notebook = Path(path)
    if not notebook.is_file():
        what = "is a folder" if notebook.is_dir() else "no such file"
        raise NotebookFileError(f"--notebook {notebook}: {what}; expected a .ipynb file")
    try:
        with open(notebook, "rb") as handle:
            content = json.loads(handle.read(64 << 20))
    except OSError as exc:
        raise NotebookFileError(
            f"--notebook {notebook}: cannot be read ({exc.strerror or type(exc).__name__})"
        ) from exc
    except (ValueError, RecursionError):  # not JSON (or not UTF-8): say so, never quote it
        raise NotebookFileError(
            f"--notebook {notebook}: not a Jupyter notebook (the file is "
            "not notebook JSON); expected a .ipynb file saved by Jupyter"
        ) from None
    if not (
        isinstance(content, dict)
        and isinstance(content.get("cells"), list)
        and isinstance(content.get("nbformat"), int)
    ):
        raise NotebookFileError(
            f"--notebook {notebook}: not a Jupyter notebook (JSON without "
            "'cells' and 'nbformat'); expected a .ipynb file saved by Jupyter"
        )
    if content["nbformat"] < 4:
        raise NotebookFileError(
            f"--notebook {notebook}: notebook format "
            f"{content['nbformat']} is too old; open and save it in Jupyter"
        )
    # another notebook (one of notebooks/, say) would run to its end before the brief found
    # nothing to print: its parameters cell tells at once
    unset = _unset_parameters(content["cells"])
    if unset:
        raise NotebookFileError(
            f"--notebook {notebook}: not a brief notebook: its cell tagged 'parameters' does "
            f"not set {', '.join(unset)}; expected a copy of the package's brief notebook "
            "(src/ikmpolicy/notebooks/brief.ipynb)"
        )
    return notebook


#: What ``brief`` passes to its notebook (``pipeline.run_brief``): a brief notebook sets each in
#: its parameters cell.
BRIEF_PARAMETERS = ("fgd_id", "lang", "data", "helix_model", "as_of", "budget_idr")


def _unset_parameters(cells: list) -> list[str]:
    """The :data:`BRIEF_PARAMETERS` that no cell tagged ``parameters`` assigns (all of them
    when no cell is tagged).

    Examples
    --------
    >>> cell = {"metadata": {"tags": ["parameters"]}, "source": ["fgd_id = 'x'\\n", "lang = 'id'"]}
    >>> _unset_parameters([cell])
    ['data', 'helix_model', 'as_of', 'budget_idr']
    """
    sources = []
    for cell in cells:
        meta = cell.get("metadata") if isinstance(cell, dict) else None
        tags = meta.get("tags") if isinstance(meta, dict) else None
        if not isinstance(tags, list) or "parameters" not in tags:
            continue
        source = cell.get("source", "")
        sources.append("".join(map(str, source)) if isinstance(source, list) else str(source))
    text = "\n".join(sources)
    return [p for p in BRIEF_PARAMETERS if not re.search(rf"^\s*{p}\s*[:=]", text, re.M)]


# -- fingerprints and manifests ----------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> dict:
    """What in the code can change a brief: package version and source hash, Python, libraries.

    Returns
    -------
    dict
        ``{"ikmpolicy": version, "source_sha256": ..., "python": "3.11.9", "libraries": {...}}``.

    Examples
    --------
    >>> fp = code_fingerprint()
    >>> fp["ikmpolicy"] == __version__ and len(fp["source_sha256"]) == 64
    True
    """
    from importlib import metadata

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    libraries = {}
    for name in LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libraries[name] = None
    return {
        "ikmpolicy": __version__,
        "source_sha256": digest.hexdigest(),
        "python": ".".join(map(str, sys.version_info[:3])),
        "libraries": libraries,
    }


def manifest_path(out: str | Path, fgd_id: str, lang: str) -> Path:
    """``<out>/<fgd_id>/brief_<lang>.manifest.json``."""
    return Path(out) / fgd_id / brief_file(lang, ".manifest.json")


def plan(
    dataset,
    fgd_ids: Sequence[str],
    lang: str = "id",
    data: str = "data/cilegon",
    out: str = "reports",
    helix_model: str = "classic",
    as_of: str | None = None,
    notebook: str | Path | None = None,
    force: bool = False,
    *,
    budget_idr: float | None = None,
    internal: bool = False,
) -> list[BriefJob]:
    """One :class:`BriefJob` per session, each with the key of its inputs, parameters and code.

    Parameters
    ----------
    dataset : ikmpolicy.validation.Dataset
        The data, already loaded (its ``files`` carry the SHA-256 of every file read).
    fgd_ids : sequence of str
        Sessions to make briefs of.
    force : bool
        Make every brief even when its manifest says it is current.
    budget_idr, internal
        As for :func:`ikmpolicy.pipeline.run_brief`.

    Returns
    -------
    list of BriefJob
    """
    from ikmpolicy.pipeline import find_notebook

    used = find_notebook(notebook)
    record = {
        "manifest": MANIFEST_VERSION,
        "data": {f.path: f.sha256 for f in dataset.files},
        "notebook": {
            "path": str(notebook) if notebook else "(default)",
            "sha256": sha256_file(used),
        },
        "code": code_fingerprint(),
    }
    cwd = str(Path.cwd())
    sizes = _session_rows(dataset, fgd_ids)
    jobs = []
    # a brief made for "today" is not current tomorrow: what is overdue changes with the date
    reference = as_of or datetime.date.today().isoformat()
    for fgd_id in fgd_ids:
        parameters = {
            "fgd_id": fgd_id,
            "lang": lang,
            "data": str(data),
            "helix_model": helix_model,
            "as_of": reference,
            "budget_idr": budget_idr,
            "internal": internal,
        }
        full = {**record, "parameters": parameters}
        jobs.append(
            BriefJob(
                fgd_id,
                lang,
                str(data),
                str(out),
                helix_model,
                as_of,
                str(notebook) if notebook else None,
                cwd,
                sha256_record(full),
                full,
                force,
                sizes[fgd_id],
                budget_idr,
                internal,
            )
        )
    return jobs


def _session_rows(dataset, fgd_ids: Sequence[str]) -> dict[str, int]:
    """Rows per session over every table with a ``session_id`` (statements, judgements...)."""
    rows = dict.fromkeys(fgd_ids, 0)
    for table in dataset.tables.values():
        if "session_id" in table.columns:
            counts = table["session_id"].value_counts()
            for fgd_id in fgd_ids:
                rows[fgd_id] += int(counts.get(fgd_id, 0))
    return rows


def _largest_first(jobs: Iterable[BriefJob]) -> list[BriefJob]:
    """Start the largest briefs first, so that no long one is left alone at the end."""
    return sorted(jobs, key=lambda job: -job.size)


def _outputs_of(files) -> list[Path]:
    """Every path a :class:`~ikmpolicy.pipeline.BriefFiles` names (HTML, PDF, notebook...)."""
    return [
        Path(getattr(files, f.name))
        for f in dataclasses.fields(files)
        if isinstance(getattr(files, f.name), Path)
    ]


def is_current(job: BriefJob) -> bool:
    """True when the brief's manifest has the job's key and every file it lists is unchanged."""
    path = manifest_path(job.out, job.fgd_id, job.lang)
    try:
        manifest = json.loads(path.read_text("utf-8"))
        if manifest.get("key") != job.key or not manifest.get("outputs"):
            return False
        return all(
            sha256_file(path.parent / name) == sha for name, sha in manifest["outputs"].items()
        )
    except (OSError, ValueError, AttributeError, TypeError):
        return False  # missing, unreadable or hand-edited: make the brief again


def _write_manifest(job: BriefJob, outputs: Iterable[Path]) -> Path:
    from ikmpolicy.io import write_atomic

    path = manifest_path(job.out, job.fgd_id, job.lang)
    manifest = {
        "key": job.key,
        "fgd_id": job.fgd_id,
        "lang": job.lang,
        **job.record,
        "outputs": {p.name: sha256_file(p) for p in outputs},
    }
    return write_atomic(path, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


@contextlib.contextmanager
def _brief_lock(folder: Path, lang: str) -> Iterator[None]:
    """Hold an exclusive lock on one brief, so that two batches writing to the same folder
    make it one after the other (the second then finds it current and skips it)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f".brief_{lang}.lock", "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# -- one brief, wherever it runs -----------------------------------------------------------------

_CWD_LOCK = threading.Lock()


def _enter(cwd: str) -> None:
    """Work in the folder the batch was started from (relative --data/--out mean the same)."""
    if not cwd or Path.cwd() == Path(cwd):
        return
    with _CWD_LOCK:
        if not Path(cwd).is_dir():
            raise RunError(
                f"this worker cannot see the folder {cwd}: workers need the project "
                "and the data on a shared file system, at the same path"
            )
        os.chdir(cwd)


def _reason(exc: BaseException) -> str:
    """A failure in the user's terms: our own errors as they are, file errors with the path."""
    from ikmpolicy.errors import IkmPolicyError

    if isinstance(exc, IkmPolicyError):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return f"unexpected {type(exc).__name__}: {exc} (a bug: please report it)"


def run_job(
    job: BriefJob, progress: Callable[[str], None] | None = None, kernel=None
) -> BriefOutcome:
    """Make one brief, or skip it when current; never raises for a brief that fails.

    ``kernel`` (a :class:`ikmpolicy.kernel.NotebookRun` started ahead) runs the notebook
    when it was started for the same folder and handover; the caller closes it if unused.

    The function every worker runs (a process of :func:`run_batch`, a Dask worker). The brief is
    locked while it is checked, made and its manifest written, so concurrent batches into the
    same folder cannot interleave their files.

    Returns
    -------
    BriefOutcome
        ``"made"`` with the files written, ``"unchanged"`` (skipped), or ``"failed"`` with the
        reason.
    """
    from ikmpolicy.pipeline import output_folder, run_brief

    start = time.perf_counter()
    try:
        _enter(job.cwd)
        with _brief_lock(output_folder(job.out, job.fgd_id), job.lang):
            if not job.force and is_current(job):
                return BriefOutcome(
                    job.fgd_id, job.lang, "unchanged", seconds=time.perf_counter() - start
                )
            files = run_brief(
                job.fgd_id,
                job.lang,
                job.data,
                job.out,
                job.helix_model,
                job.as_of,
                job.notebook,
                budget_idr=job.budget_idr,
                internal=job.internal,
                progress=progress,
                handover=job.handover,
                kernel=kernel,
            )
            outputs = _outputs_of(files)
            _write_manifest(job, outputs)
    except Exception as exc:  # each brief succeeds or fails alone
        return BriefOutcome(
            job.fgd_id, job.lang, "failed", reason=_reason(exc), seconds=time.perf_counter() - start
        )
    return BriefOutcome(
        job.fgd_id,
        job.lang,
        "made",
        tuple(str(p) for p in outputs),
        seconds=time.perf_counter() - start,
        notes=files.notes,
    )


# -- many briefs -------------------------------------------------------------------------------


def default_workers() -> int:
    """The number of cores this process may use."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run_batch(
    jobs: Sequence[BriefJob],
    workers: int | None = None,
    scheduler: str | object | None = None,
    on_done: Callable[[BriefOutcome], None] | None = None,
    progress: Callable[[str, str], None] | None = None,
    kernel=None,
) -> list[BriefOutcome]:
    """Make every brief: here, in ``workers`` processes, or on a Dask cluster.

    Parameters
    ----------
    jobs : sequence of BriefJob
        From :func:`plan`.
    workers : int, optional
        Parallel processes (default: the number of cores); 1 runs the briefs one after the
        other in this process.
    scheduler : str or distributed.Client, optional
        Address of a Dask scheduler (``tcp://host:8786``) or a client: the briefs run on its
        workers, which need ikmpolicy installed and the project folder at the same path.
    on_done : callable, optional
        Called with each :class:`BriefOutcome` as it arrives.
    progress : callable, optional
        Called with ``(fgd_id, stage)`` when briefs run in this process.
    kernel : ikmpolicy.kernel.NotebookRun, optional
        A kernel started ahead, for the first brief made in this process (see
        :func:`run_job`); unused otherwise.

    Returns
    -------
    list of BriefOutcome
        In the order of ``jobs``; a failed brief never stops the others.

    Notes
    -----
    As with any use of :mod:`multiprocessing`, a script that calls this with ``workers > 1``
    must do so under ``if __name__ == "__main__":`` (the command line and notebooks need
    nothing).
    """
    done = on_done or (lambda outcome: None)
    if scheduler is not None:
        outcomes = _run_dask(jobs, scheduler, done)
    elif len(jobs) <= 1 or (workers or default_workers()) <= 1:
        outcomes = {}
        for job in jobs:
            stage = (lambda s, _id=job.fgd_id: progress(_id, s)) if progress else None
            outcomes[job] = run_job(job, stage, kernel)
            kernel = None  # a kernel serves one notebook
            done(outcomes[job])
    else:
        outcomes = _run_processes(jobs, min(workers or default_workers(), len(jobs)), done)
    return [outcomes[job] for job in jobs]


def _failed(job: BriefJob, reason: str) -> BriefOutcome:
    return BriefOutcome(job.fgd_id, job.lang, "failed", reason=reason)


#: In a worker process of :func:`run_batch`: True while a brief is being made.
_BUSY = False
#: Exit code of a worker stopped by SIGTERM (128 + 15, as a shell reports it).
_TERMINATED = 143


def _worker_init() -> None:
    """In each worker process: SIGTERM stops the brief being made (its ``finally`` blocks run:
    kernel killed, temporary folder removed) and then the worker; Ctrl-C is left to the parent,
    which stops the workers with SIGTERM."""
    import signal

    from ikmpolicy.kernel import Terminated, redeliver_terminated

    def _terminate(signum, frame):
        if _BUSY:
            raise Terminated(f"signal {signum}")
        os._exit(_TERMINATED)  # idle: nothing to clean up

    signal.signal(signal.SIGTERM, _terminate)
    sys.unraisablehook = redeliver_terminated(sys.unraisablehook)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pool_job(job: BriefJob) -> BriefOutcome:
    """:func:`run_job` in a worker process; a stopped worker takes no further brief."""
    global _BUSY
    _BUSY = True
    try:
        return run_job(job)
    except KeyboardInterrupt:
        os._exit(_TERMINATED)  # the brief has cleaned up on its way here
    finally:
        _BUSY = False


def _context():
    """Forkserver where there is one (POSIX) and its socket's path fits (:func:`_forkserver_fits`),
    else spawn: never a plain fork of a process that may hold threads, matplotlib state or a
    kernel's sockets."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods() or not _forkserver_fits():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # workers fork from a server that has imported the pipeline once (not the caller's
    # script): each starts at once instead of importing pandas again
    context.set_forkserver_preload(["ikmpolicy.pipeline"])
    return context


def _forkserver_fits() -> bool:
    """Whether the forkserver's Unix socket, ``<TMPDIR>/pymp-XXXXXXXX/listener-XXXXXXXX``, fits
    the length a socket's path may have (a long ``TMPDIR`` passes it: "AF_UNIX path too long")."""
    import tempfile

    from ikmpolicy.kernel import socket_path_fits

    listener = os.path.join(tempfile.gettempdir(), "pymp-XXXXXXXX", "listener-XXXXXXXX")
    return socket_path_fits(listener)


def prestart() -> None:
    """Start the server the worker processes fork from, so that it imports the pipeline while
    the caller loads the data (the command calls this first)."""
    import multiprocessing.forkserver

    if _context().get_start_method() == "forkserver":
        multiprocessing.forkserver.ensure_running()


def _run_processes(
    jobs: Sequence[BriefJob], workers: int, done: Callable[[BriefOutcome], None]
) -> dict:
    """A process pool (forkserver or spawn: no forked copy of a parent's threads, matplotlib
    state or kernel sockets); a pool broken by a dead worker is started once more for the
    briefs it did not finish."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = _context()
    outcomes: dict = {}
    todo = list(jobs)
    for attempt in (1, 2):
        broken = []
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_worker_init)
        try:
            futures = {pool.submit(_pool_job, job): job for job in _largest_first(todo)}
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcomes[job] = future.result()
                except BrokenProcessPool:
                    broken.append(job)
                    continue
                except Exception as exc:  # pickling and the like: this brief only
                    outcomes[job] = _failed(job, _reason(exc))
                done(outcomes[job])
        except BaseException:
            _stop_workers(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        todo = broken
        if not todo:
            break
        if attempt == 2:
            for job in todo:
                outcomes[job] = _failed(
                    job,
                    "the worker process stopped (killed, or out of "
                    "memory?) twice while making this brief",
                )
                done(outcomes[job])
    return outcomes


def _stop_workers(pool) -> None:
    """Ask every worker to stop (SIGTERM: each cleans up its brief) before the pool closes."""
    for process in list(getattr(pool, "_processes", {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            process.terminate()


#: How long to try reaching a Dask scheduler before saying it cannot be reached.
SCHEDULER_TIMEOUT = "20s"


def _run_dask(jobs: Sequence[BriefJob], scheduler, done: Callable[[BriefOutcome], None]) -> dict:
    """The same :func:`run_job` on a Dask distributed cluster (``client.submit`` per brief)."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise RunError("--scheduler needs Dask distributed: pip install 'ikmpolicy[dask]'") from exc
    own = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT) if own else scheduler
    except (OSError, TimeoutError, ValueError) as exc:
        raise RunError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from exc
    batch = uuid.uuid4().hex[:8]
    outcomes: dict = {}
    try:
        futures = {
            client.submit(
                run_job, job, pure=False, key=f"ikmpolicy-brief-{job.fgd_id}-{job.lang}-{batch}"
            ): job
            for job in _largest_first(jobs)
        }
        try:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcomes[job] = future.result()
                except Exception as exc:  # a worker died (KilledWorker) or similar
                    outcomes[job] = _failed(
                        job, f"the Dask worker failed: {type(exc).__name__}: {exc}"
                    )
                done(outcomes[job])
        except BaseException:
            client.cancel(list(futures))
            raise
    finally:
        if own:
            client.close()
    return outcomes


# -- reading a brief back ------------------------------------------------------------------------


def brief_parameters(notebook: str | Path) -> dict:
    """The parameters an executed brief was made with (papermill keeps them in its metadata).

    Parameters
    ----------
    notebook : path
        An executed brief, ``reports/<fgd>/brief_<lang>.ipynb``.

    Returns
    -------
    dict
        ``fgd_id``, ``lang``, ``data``, ``helix_model`` and ``as_of`` as the brief received them.

    Raises
    ------
    InputError
        The file is not an executed brief.
    """
    path = Path(notebook)
    try:
        content = json.loads(path.read_text("utf-8"))
        parameters = content["metadata"]["papermill"]["parameters"]
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    except (ValueError, KeyError, TypeError):
        raise InputError(
            f"{path}: not an executed brief (no papermill parameters in its "
            "metadata); expected reports/<fgd>/brief_<lang>.ipynb"
        ) from None
    missing = [k for k in ("fgd_id", "lang", "data") if k not in parameters]
    if missing:
        raise InputError(f"{path}: the brief's parameters lack {', '.join(missing)}")
    return {"helix_model": "classic", "as_of": None, **parameters}
