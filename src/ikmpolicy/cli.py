"""The ``ikmpolicy`` command (also ``python -m ikmpolicy``).

Subcommands: ``validate``, ``list``, ``brief``, ``template``, ``synth``. A user never sees a
Python traceback: every problem a user can cause is an :class:`~ikmpolicy.errors.IkmPolicyError`
(file errors are wrapped where they happen, naming the path), printed as one message with exit
code 2; only a bug prints "unexpected" and exits 3 (``--debug`` shows the traceback).

Setting up the parser imports nothing heavy (no pandas, papermill or matplotlib): ``--help``
answers at once, and each command imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

from ikmpolicy import __version__
from ikmpolicy.errors import IkmPolicyError, InputError, RunError
from ikmpolicy.forms.commands import register as register_forms
from ikmpolicy.paths import DEFAULT_DATA, DEFAULT_OUT

EXIT_OK, EXIT_DATA, EXIT_UNEXPECTED = 0, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143


class UsageError(InputError):
    """A problem the user can fix; printed as it is, without a traceback."""


class DataAccessError(InputError):
    """The data exist but cannot be read (permissions, a folder where a file should be...)."""


class OutputWriteError(RunError):
    """A file the command writes (an index, a synthetic table) could not be written."""


def _data_path(data: str) -> str:
    """``--data`` as given when it exists here, else found in the project folder (so that the
    command works from ``notebooks/`` or any folder of the project)."""
    from ikmpolicy.paths import project_path

    return str(project_path(data))


def _load(data: str, strict: bool = False):
    from ikmpolicy.validation import load_dataset

    try:
        dataset = load_dataset(data)
    except OSError as exc:  # permission denied, a folder named like a file, ...
        where = exc.filename or data
        raise DataAccessError(f"{where}: cannot be read ({exc.strerror or exc})") from exc
    report = dataset.report
    if report.fatal or (strict and report.errors):
        if strict:  # every error, grouped as validate groups them
            lines = [line for line in report.lines() if line.startswith("ERROR")]
        else:
            lines = [str(p) for p in report.fatal]
        raise UsageError(
            f"{data}: the data cannot be used as it is:\n  "
            + "\n  ".join(lines)
            + f"\n(run: python -m ikmpolicy validate {data})"
        )
    if report.errors:
        print(
            f"warning: {len(report.errors)} problem(s) in {data}; "
            f"{sum(c.rejected for c in report.counts.values())} row(s) rejected and listed in "
            f"each brief's data-quality section (details: python -m ikmpolicy validate {data})",
            file=sys.stderr,
        )
    if report.warnings:  # rows kept, but worth a look before a brief is forwarded
        print(
            f"note: {len(report.warnings)} warning(s) in {data}; the rows are kept "
            f"(details: python -m ikmpolicy validate {data})",
            file=sys.stderr,
        )
    return dataset


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a dataset and list every problem; exit 0 when there is no error, 2 otherwise.

    Never a traceback: a file or folder the system refuses becomes a message naming it.
    """
    import os

    from ikmpolicy.io import DataSourceError, UnreadableFileError
    from ikmpolicy.sessions import reference_day
    from ikmpolicy.validation import dated_after, load_dataset

    try:
        dataset = load_dataset(args.path, progress=not args.quiet and sys.stderr.isatty())
    except OSError as exc:  # anything the readers did not name themselves
        where = exc.filename or args.path
        raise UnreadableFileError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    except MemoryError:
        raise DataSourceError(
            f"{args.path}: too large for this computer's memory; split the "
            "data or use a machine with more memory"
        ) from None
    report = dataset.report
    for problem in dated_after(dataset, reference_day()):  # a year mistyped, most often
        report.add(problem)
    counts = report.counts_frame()
    lost = counts[(counts["rejected"] > 0) | (counts["example_rows_skipped"] > 0)]
    lines = [report.summary()] + [
        f"  {row.table}: {row.read} read, {row.accepted} accepted, {row.rejected} rejected"
        + (
            f", {row.example_rows_skipped} example row(s) skipped"
            if row.example_rows_skipped
            else ""
        )
        for row in lost.itertuples(index=False)
    ]
    try:
        print("\n".join(lines))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `validate ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK if report.ok else EXIT_DATA


def cmd_list(args: argparse.Namespace) -> int:
    """``ikmpolicy list``: the sessions of the data in date order."""
    from ikmpolicy.pipeline import sessions_table

    table = sessions_table(_load(_data_path(args.data)), args.lang)
    if table.empty:  # e.g. a template filled in but for its sessions: say so, not nothing
        print(f"{args.data}: fgd_sessions holds no session yet")
    for row in table.itertuples(index=False):
        print(f"{row.session_id:36} {row.date:28} {row.kind:20} {row.title}")
    return EXIT_OK


def _check_request(args: argparse.Namespace, dataset) -> list[str]:
    """The sessions to brief, after checking ids, helix model and reference day against the
    data (before any kernel starts). With ``--all``, sessions held after the reference day are
    left out, each with a note: their briefs cannot be made as of that day."""
    from ikmpolicy.sessions import check_held, held_after, reference_day, session_order

    known = session_order(dataset)
    if not known:  # e.g. a template filled in but for its sessions
        raise UsageError(
            f"{args.data}: fgd_sessions holds no session, so there is no brief to make; add "
            f"one row per session (then check: python -m ikmpolicy validate {args.data})"
        )
    if args.fgd is not None and args.fgd not in known:
        raise UsageError(
            f"FGD id {args.fgd!r} is not in {args.data} (fgd_sessions); "
            f"known ids: {', '.join(known)} (see: python -m ikmpolicy list)"
        )
    if "helix_models" in dataset.tables:
        models = sorted(set(dataset["helix_models"]["model"]))
        if args.helix_model not in models:
            raise UsageError(
                f"--helix-model {args.helix_model!r} is not in helix_models of "
                f"{args.data}; known: {', '.join(models)}"
            )
    day = reference_day(args.as_of)
    parameter = "--as-of" if args.as_of else "today"
    if not args.all:
        check_held(dataset, args.fgd, day, parameter)
        return [args.fgd]
    later = set(held_after(dataset, known, day))
    if later == set(known):
        raise UsageError(
            f"{parameter} {day.date().isoformat()} is before every session of {args.data} "
            "was held: a brief can be made as of its session's day or later"
        )
    for sid in known:
        if sid in later:
            print(
                f"note: {sid}: left out, held after {parameter} {day.date().isoformat()}",
                file=sys.stderr,
            )
    return [sid for sid in known if sid not in later]


def _progress_bars(args: argparse.Namespace, jobs: list):
    """A stage bar for one brief, a brief bar for many (stderr; off with --quiet or no TTY).

    Returns ``(bar, on_done, progress)`` for :func:`ikmpolicy.batch.run_batch`.
    """
    from tqdm import tqdm

    from ikmpolicy.pipeline import STAGES

    quiet = args.quiet or not sys.stderr.isatty()
    if len(jobs) == 1 and args.scheduler is None:
        bar = tqdm(
            total=len(STAGES),
            desc=jobs[0].fgd_id,
            unit="stage",
            file=sys.stderr,
            disable=quiet,
            bar_format="{desc}: {n}/{total} {postfix} [{elapsed}]",
        )

        def stage(fgd_id: str, name: str) -> None:
            bar.n = STAGES.index(name) if name in STAGES else bar.n
            bar.set_postfix_str(name)

        return bar, lambda outcome: bar.update(bar.total - bar.n), stage
    bar = tqdm(total=len(jobs), desc="briefs", unit="brief", file=sys.stderr, disable=quiet)

    def finished(outcome) -> None:
        bar.set_postfix_str(f"{outcome.fgd_id} {outcome.status}")
        bar.update(1)

    return bar, finished, lambda fgd_id, name: bar.set_postfix_str(f"{fgd_id}: {name}")


def _summary(outcomes: list, index: Path | None) -> list[str]:
    lines = []
    for o in outcomes:
        if o.status == "made":
            shown = [f for f in o.files if not f.endswith(".ipynb")]
            lines.append(f"{o.fgd_id}: {'  '.join(shown)}")
            lines.extend(f"{o.fgd_id}: note: {note}" for note in o.notes)
        elif o.status == "unchanged":
            lines.append(
                f"{o.fgd_id}: unchanged, skipped (same data, parameters and code as "
                "when it was made; --force makes it again)"
            )
        else:
            lines.append(f"{o.fgd_id}: FAILED: {o.reason}")
    if index is not None:
        lines.append(f"index of all briefs: {index}")
    count = {s: sum(o.status == s for o in outcomes) for s in ("made", "unchanged", "failed")}
    if len(outcomes) > 1:
        lines.append(
            f"{len(outcomes)} briefs: {count['made']} made, {count['unchanged']} "
            f"unchanged (skipped), {count['failed']} failed"
        )
    return lines


def cmd_brief(args: argparse.Namespace) -> int:
    """``ikmpolicy brief``: one brief or all, in parallel or on Dask; exit 2 if any failed."""
    from concurrent.futures.process import BrokenProcessPool

    from ikmpolicy.background import Background
    from ikmpolicy.batch import check_notebook, check_out, plan, prestart, run_batch
    from ikmpolicy.ids import check_id

    if not args.all and not args.fgd:
        raise UsageError("say which brief: --fgd ID (see: python -m ikmpolicy list) or --all")
    if args.all and args.scheduler is None and args.jobs != 1:
        prestart()  # the workers' server imports the pipeline while this process goes on
    from ikmpolicy.kernel import sigterm_raises

    # what can be checked without the data is checked first, in seconds
    if args.fgd is not None:
        check_id(args.fgd, "FGD id")
    check_out(args.out)
    if args.notebook:
        check_notebook(args.notebook)
    with (
        sigterm_raises(),  # SIGTERM: clean up (kernel, temporary files) like Ctrl-C
        tempfile.TemporaryDirectory(prefix="ikmpolicy-", ignore_cleanup_errors=True) as tmp,
        _kernel_ahead(args, tmp) as kernel,  # starts while the data are checked
    ):
        from ikmpolicy.overview import overview_sections, write_index  # pandas: after the kernel

        args.data = _data_path(args.data)
        dataset = _load(args.data, args.strict)
        ids = _check_request(args, dataset)
        jobs = plan(
            dataset,
            ids,
            args.lang,
            args.data,
            args.out,
            args.helix_model,
            args.as_of,
            args.notebook,
            force=args.force,
            budget_idr=args.budget,
            internal=args.internal,
        )
        bar, on_done, progress = _progress_bars(args, jobs)
        # the overview's sections need the data only: made on the idle core meanwhile
        with Background() as background:
            jobs = _with_handover(jobs, dataset, args.data, tmp)
            overview = background.submit(overview_sections, dataset, args.lang, args.as_of)
            with bar:
                outcomes = run_batch(
                    jobs,
                    workers=args.jobs,
                    scheduler=args.scheduler,
                    on_done=on_done,
                    progress=progress,
                    kernel=kernel,
                )
            try:
                sections = overview.result()
            except BrokenProcessPool:  # the second process died (memory?): make it here
                sections = None
        try:
            index = write_index(dataset, args.out, args.lang, args.as_of, sections)
        except OSError as exc:
            raise OutputWriteError(
                f"{exc.filename or args.out}: cannot write the index ({exc.strerror or exc})"
            ) from exc
    for line in _summary(outcomes, index):
        print(line)
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        print(
            f"error: {len(failed)} of {len(outcomes)} brief(s) failed: "
            + "; ".join(f"{o.fgd_id}: {o.reason}" for o in failed),
            file=sys.stderr,
        )
        return EXIT_DATA
    return EXIT_OK


def _kernel_ahead(args: argparse.Namespace, folder: str):
    """For one brief made here: its kernel, started now so that its start and imports overlap
    with the check of the data (:class:`ikmpolicy.kernel.NotebookRun`), told where the
    validated dataset will be handed over; closed unused if the brief is not made. Many
    briefs, or a Dask cluster: nothing (their workers start their own)."""
    if args.fgd is None or args.scheduler is not None:
        return contextlib.nullcontext()
    from ikmpolicy.handover import ENV, handover_file
    from ikmpolicy.kernel import NotebookRun

    return NotebookRun(Path.cwd(), {ENV: str(handover_file(folder))}, ahead=True)


def _with_handover(jobs: list, dataset, data: str, folder: str) -> list:
    """The jobs, each naming the dataset validated here for its kernel to use
    (:mod:`ikmpolicy.handover`); unchanged when it cannot be written: each kernel then
    validates the data itself."""
    import pickle

    from ikmpolicy.handover import write_handover

    try:
        path = str(write_handover(dataset, data, folder))
    except (OSError, pickle.PicklingError, TypeError, AttributeError):  # a full disk, say
        return jobs  # slower, not wrong
    return [dataclasses.replace(job, handover=path) for job in jobs]


def cmd_template(args: argparse.Namespace) -> int:
    """``ikmpolicy template``: write the Excel workbook to fill in."""
    from ikmpolicy.workbook import REFERENCE_TABLES, write_template

    dataset = _load(args.from_data) if args.from_data else None
    try:
        path = write_template(args.path, dataset)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    except OSError as exc:  # a folder of that name, a parent that is a file, no permission
        raise OutputWriteError(
            f"{args.path}: cannot write the template ({_write_problem(Path(args.path), exc)})"
        ) from exc
    print(f"template written: {path}")
    if dataset is None:
        # without them every survey row refers to codes that are nowhere, and validate says so
        print(
            f"its reference tables ({', '.join(REFERENCE_TABLES)}) are empty: fill them in, or "
            f"start from a data folder's: python -m ikmpolicy template --from {DEFAULT_DATA} "
            f"{path}"
        )
    print(f"(fill it in, then check it: python -m ikmpolicy validate {path})")
    return EXIT_OK


def _write_problem(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be written, in words (never the temporary file's name)."""
    if path.is_dir():
        return "a folder of that name exists"
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"{parent} is a file, not a folder"
            break
    return exc.strerror or str(exc)


def cmd_synth(args: argparse.Namespace) -> int:
    """``ikmpolicy synth``: write the seeded synthetic tables into a data folder."""
    from ikmpolicy.synthetic import DEFAULT_SEED, write_sample

    folder = Path(args.out)
    needed = ["indicators", "sub_sectors", "stakeholders", "participation"]
    missing = [n for n in needed if not (folder / f"{n}.csv").is_file()]
    if missing:
        raise UsageError(
            f"{folder}: synth adds survey tables to a data folder that already has "
            f"{', '.join(n + '.csv' for n in missing)}"
        )
    seed = DEFAULT_SEED if args.seed is None else args.seed
    try:
        written = write_sample(folder, args.firms, seed)
    except OSError as exc:
        raise OutputWriteError(
            f"{exc.filename or folder}: cannot write ({exc.strerror or exc})"
        ) from exc
    for path in written.paths:
        print(f"written: {path}")
    for reason in written.kept:
        print(f"kept: {reason}")
    return EXIT_OK


def _budget(text: str) -> float:
    """A budget in whole rupiah, written as an amount may be in the data (500000000,
    500.000.000, Rp500 juta); a lone "500.000" (500 or 500 thousand?) is refused."""
    from ikmpolicy.io import LONE_DOT_GROUP, parse_rupiah

    value = parse_rupiah(text, dot_groups=True)
    if value is None or value < 1 or value != round(value):
        digits = text.strip().replace(".", "")
        why = (
            f"; {text.strip()!r} is ambiguous: {float(text):g} or {digits} rupiah? Write {digits} "
            f"or Rp{text.strip()}"
            if LONE_DOT_GROUP.match(text.strip())
            else ""
        )
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected a positive amount in whole rupiah, e.g. 500000000, "
            f"500.000.000 or Rp500 juta{why}"
        )
    return float(value)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


EPILOG = """examples:
  ikmpolicy validate data/cilegon          check the sample data, list every problem
  ikmpolicy list                           the sessions (FGD ids) in the data
  ikmpolicy brief --fgd fgd-2025-05-15     one brief, in Bahasa Indonesia
  ikmpolicy brief --all --lang en          every brief, in English, in parallel
  ikmpolicy template my-city.xlsx --from data/cilegon
                                           an Excel workbook to fill in for another city

exit codes: 0 done; 2 a problem in the data, the parameters or a brief (the message says
which); 3 a bug (run again with --debug and report it); 130/143 interrupted or terminated.
Run 'ikmpolicy COMMAND --help' for each command's options and examples."""

EPILOGS = {
    "validate": """examples:
  ikmpolicy validate data/cilegon          a folder of CSV files
  ikmpolicy validate survey-2026.xlsx      one Excel workbook (e.g. from 'template')

Every problem is listed with file (and sheet), row, column, value and what was expected.
Exit code 0 when the data can be used as they are, 2 otherwise.""",
    "list": """examples:
  ikmpolicy list                           sessions of the sample data (data/cilegon)
  ikmpolicy list --data survey.xlsx --lang en""",
    "brief": """examples:
  ikmpolicy brief --fgd fgd-2025-05-15                 one brief and its annex
  ikmpolicy brief --fgd fgd-2025-05-15 --budget 500000000 --internal
  ikmpolicy brief --fgd fgd-2025-05-15 --lang en --out /tmp/briefs
  ikmpolicy brief --all                                every session, one process per core
  ikmpolicy brief --all --jobs 1                       one after the other
  ikmpolicy brief --all --force                        make again even the unchanged ones
  ikmpolicy brief --all --scheduler tcp://10.0.0.5:8786   on a Dask cluster

Briefs go to OUT/<fgd-id>/: brief_<lang>.{html,pdf,docx} (at most four pages), the
technical annex brief_<lang>_annex.{html,pdf}, the executed notebook and
recommendations_<lang>.csv; OUT/index.html is the overview across sessions.
A brief whose data files, parameters and code (package version and source, Python and
library versions) are unchanged since it was made is skipped: its manifest
OUT/<fgd-id>/brief_<lang>.manifest.json holds their hashes. With --all a failing brief never
stops the others: the summary lists every failure with its reason and every skipped brief,
the index is still written, and the exit code is 2 if any failed. A Dask cluster's workers
need ikmpolicy installed and the project folder (data, OUT) at the same path.""",
    "template": """examples:
  ikmpolicy template my-city.xlsx                      an empty workbook
  ikmpolicy template my-city.xlsx --from data/cilegon  with the reference tables copied""",
    "synth": """examples:
  ikmpolicy synth                          regenerate the sample's synthetic survey tables
  ikmpolicy synth --out data/my-city --firms 200 --seed 7

Synthetic rows are labelled synthetic in the data and in every brief that uses them. synth
writes whole tables, so a table holding a row it did not generate is kept as it is (with the
tables that refer to it), and so are power and interest scores from another source: "kept:"
lines name the file and row.""",
}


def _sub(sub, name: str, help_text: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=EPILOGS[name],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def build_parser() -> argparse.ArgumentParser:
    """The command's argument parser (imports nothing heavy: ``--help`` stays fast)."""
    parser = argparse.ArgumentParser(
        prog="ikmpolicy",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Pentahelix FGD evidence and IKM surveys to tested analyses and policy briefs.",
    )
    parser.add_argument("--version", action="version", version=f"ikmpolicy {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks (for developers)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _sub(sub, "validate", "check a data folder or workbook; list every problem")
    p.add_argument("path", help="folder of CSV files or .xlsx workbook")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_validate)

    p = _sub(sub, "list", "list the sessions (FGD ids) in the data")
    p.add_argument("--data", default=DEFAULT_DATA, help=f"default: {DEFAULT_DATA}")
    p.add_argument("--lang", default="id", choices=["id", "en"])
    p.set_defaults(func=cmd_list)

    p = _sub(sub, "brief", "make the policy brief of one session, or of all")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--fgd", metavar="ID", help="session id (see: list)")
    which.add_argument("--all", action="store_true", help="every session in the data")
    p.add_argument("--lang", default="id", choices=["id", "en"], help="id (default) or en")
    p.add_argument("--data", default=DEFAULT_DATA, help=f"default: {DEFAULT_DATA}")
    p.add_argument("--out", default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    p.add_argument(
        "--helix-model", default="classic", help="helix model from helix_models (default: classic)"
    )
    p.add_argument(
        "--as-of",
        default=None,
        metavar="YYYY-MM-DD",
        help="reference date (default: today; give a date to reproduce a brief)",
    )
    p.add_argument(
        "--budget",
        type=_budget,
        default=None,
        metavar="RUPIAH",
        help="programme budget of the recommended portfolio, in rupiah "
        "(default: the budget steps Rp250 juta, Rp500 juta, Rp1 miliar)",
    )
    p.add_argument(
        "--internal",
        action="store_true",
        help="also write the industry office's internal edition (shortlists with "
        "business names) to <out>/<fgd-id>/internal/, never linked",
    )
    p.add_argument("--notebook", default=None, help="another brief notebook (.ipynb)")
    p.add_argument("--strict", action="store_true", help="refuse data with any error")
    p.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help=f"briefs made at once, in separate processes (default: the number of "
        f"cores, {_cores()} here)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="make every brief, even those unchanged since they were made",
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run the briefs on a Dask distributed cluster, e.g. tcp://host:8786 "
        "(needs: pip install 'ikmpolicy[dask]')",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_brief)

    p = _sub(sub, "template", "write an Excel workbook to fill in")
    p.add_argument("path", help="the .xlsx file to write")
    p.add_argument(
        "--from",
        dest="from_data",
        default=None,
        metavar="DATA",
        help="copy reference tables (helix models, indicators, ...) from this data",
    )
    p.set_defaults(func=cmd_template)

    p = _sub(sub, "synth", "generate the synthetic survey tables with a fixed seed")
    p.add_argument("--out", default=DEFAULT_DATA, help="data folder holding the factual tables")
    p.add_argument("--firms", type=_positive, default=60, metavar="N", help="default: 60")
    p.add_argument(
        "--seed", type=int, default=None, help="random seed (default: the project's fixed seed)"
    )
    p.set_defaults(func=cmd_synth)
    register_forms(sub)
    return parser


def _day(as_of: str) -> str:
    """``--as-of`` as the day the notebook will read (``YYYY-MM-DD``), refused here, before any
    data is read, if the notebook would refuse it (read without pandas, whose import would hold
    up the kernel that one brief starts ahead)."""
    from ikmpolicy.days import DayParameterError, day_from_text

    try:
        return day_from_text(as_of, "--as-of").isoformat()
    except DayParameterError as exc:
        raise UsageError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit code (a user never sees a traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "as_of", None):
            args.as_of = _day(args.as_of)
        return args.func(args)
    except IkmPolicyError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt as exc:
        if args.debug:
            raise
        kernel = sys.modules.get("ikmpolicy.kernel")
        if kernel is not None and isinstance(exc, kernel.Terminated):
            print("terminated (temporary files removed)", file=sys.stderr)
            return EXIT_TERMINATED
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one line for users, the traceback with --debug
        if args.debug:
            raise
        print(
            f"error: unexpected {type(exc).__name__}: {exc}\n"
            "(run again with --debug for the details, and report it)",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
