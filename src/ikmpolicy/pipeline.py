"""The main job: execute the brief notebook per FGD with papermill and write the reports.

For each session, in ``reports/<fgd-id>/``: the brief (``brief_<lang>.html``, ``.pdf``,
``.docx``; at most four printed pages), the technical annex (``brief_<lang>_annex.html``,
``.pdf``) and the executed notebook (``brief_<lang>.ipynb``); and ``reports/index.html`` over
all sessions.
Every file is written atomically, and everything that would vary from run to run (timestamps,
temporary paths, random cell ids) is removed, so the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import nbformat
import pandas as pd

from ikmpolicy.handover import ENV as HANDOVER_ENV
from ikmpolicy.handover import handed_over
from ikmpolicy.ids import check_id
from ikmpolicy.io import write_atomic
from ikmpolicy.kernel import BriefError, NotebookRun, execute
from ikmpolicy.paths import DEFAULT_DATA, DEFAULT_OUT, annex_file, brief_file
from ikmpolicy.render import PdfWorker, fit_brief, fit_notes, render
from ikmpolicy.report.i18n import Locale
from ikmpolicy.sessions import session_order
from ikmpolicy.validation import Dataset

#: The brief notebook ships inside the package, so ``ikmpolicy brief`` works outside a checkout.
NOTEBOOK = ("notebooks", "brief.ipynb")
#: The stages of :func:`run_brief`, in order, as its ``progress`` callback names them.
STAGES = ("notebook", "html", "pdf")


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
    kernel: NotebookRun | None = None,
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
    kernel : NotebookRun, optional
        A kernel started ahead for this brief (see :func:`execute`).
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
        executed = scrub(execute(find_notebook(notebook), parameters, Path.cwd(), env, kernel))
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
