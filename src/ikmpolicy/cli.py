"""The ``ikmpolicy`` command (also ``python -m ikmpolicy``).

Subcommands: ``validate``, ``list``, ``brief``, ``template``, ``synth``. A user never sees a
Python traceback: known problems print a message and exit 2; anything unexpected prints one line
and exits 3 (``--debug`` shows the traceback for developers).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ikmpolicy import __version__
from ikmpolicy.errors import IkmPolicyError, InputError

EXIT_OK, EXIT_DATA, EXIT_UNEXPECTED = 0, 2, 3


class UsageError(InputError):
    """A problem the user can fix; printed as it is, without a traceback."""


def _load(data: str, strict: bool = False):
    from ikmpolicy.validation import load_dataset

    dataset = load_dataset(data)
    report = dataset.report
    if report.fatal or (strict and report.errors):
        lines = [str(p) for p in (report.errors if strict else report.fatal)]
        raise UsageError(f"{data}: the data cannot be used as it is:\n  " + "\n  ".join(lines)
                         + f"\n(run: python -m ikmpolicy validate {data})")
    if report.errors:
        print(f"warning: {len(report.errors)} problem(s) in {data}; "
              f"{sum(c.rejected for c in report.counts.values())} row(s) rejected and listed in "
              f"each brief's data-quality section (details: python -m ikmpolicy validate {data})",
              file=sys.stderr)
    return dataset


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a dataset and list every problem; exit 0 when there is no error, 2 otherwise.

    Never a traceback: a file or folder the system refuses becomes a message naming it.
    """
    import os

    from ikmpolicy.io import DataSourceError, UnreadableFileError
    from ikmpolicy.validation import load_dataset

    try:
        report = load_dataset(args.path, progress=not args.quiet and sys.stderr.isatty()).report
    except OSError as exc:  # anything the readers did not name themselves
        where = exc.filename or args.path
        raise UnreadableFileError(f"{where}: cannot be read ({exc.strerror or exc})") from None
    except MemoryError:
        raise DataSourceError(f"{args.path}: too large for this computer's memory; split the "
                              "data or use a machine with more memory") from None
    counts = report.counts_frame()
    lost = counts[(counts["rejected"] > 0) | (counts["example_rows_skipped"] > 0)]
    lines = [report.summary()] + [
        f"  {row.table}: {row.read} read, {row.accepted} accepted, {row.rejected} rejected"
        + (f", {row.example_rows_skipped} example row(s) skipped" if row.example_rows_skipped
           else "") for row in lost.itertuples(index=False)]
    try:
        print("\n".join(lines))
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `validate ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return EXIT_OK if report.ok else EXIT_DATA


def cmd_list(args: argparse.Namespace) -> int:
    from ikmpolicy.pipeline import sessions_table

    table = sessions_table(_load(args.data), args.lang)
    for row in table.itertuples(index=False):
        print(f"{row.session_id:36} {row.date:28} {row.kind:20} {row.title}")
    return EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from ikmpolicy.pipeline import run_brief, session_ids, write_index

    if not args.all and not args.fgd:
        raise UsageError("say which brief: --fgd ID (see: python -m ikmpolicy list) or --all")
    dataset = _load(args.data, args.strict)
    ids = session_ids(dataset) if args.all else [args.fgd]
    made = []
    bar = tqdm(ids, desc="briefs", unit="brief", disable=args.quiet or len(ids) == 1,
               file=sys.stderr)
    for fgd_id in bar:
        bar.set_postfix_str(fgd_id)
        made.append(run_brief(fgd_id, args.lang, args.data, args.out, args.helix_model,
                              args.as_of, args.notebook))
    index = write_index(dataset, args.out, args.lang)
    for files in made:
        print(f"{files.fgd_id}: {files.html}  {files.pdf}")
    print(f"index of all briefs: {index}")
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from ikmpolicy.workbook import write_template

    dataset = _load(args.from_data) if args.from_data else None
    try:
        path = write_template(args.path, dataset)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    print(f"template written: {path}\n(fill it in, then check it: python -m ikmpolicy validate "
          f"{path})")
    return EXIT_OK


def cmd_synth(args: argparse.Namespace) -> int:
    from ikmpolicy.synthetic import write_sample

    folder = Path(args.out)
    needed = ["indicators", "sub_sectors", "stakeholders", "participation"]
    missing = [n for n in needed if not (folder / f"{n}.csv").is_file()]
    if missing:
        raise UsageError(f"{folder}: synth adds survey tables to a data folder that already has "
                         f"{', '.join(n + '.csv' for n in missing)}")
    for path in write_sample(folder, args.firms, args.seed):
        print(f"written: {path}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    from ikmpolicy.pipeline import DEFAULT_DATA, DEFAULT_OUT
    from ikmpolicy.synthetic import DEFAULT_SEED

    parser = argparse.ArgumentParser(
        prog="ikmpolicy",
        description="Pentahelix FGD evidence and IKM surveys to tested analyses and policy briefs.")
    parser.add_argument("--version", action="version", version=f"ikmpolicy {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks (for developers)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a data folder or workbook; list every problem")
    p.add_argument("path", help="folder of CSV files or .xlsx workbook")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("list", help="list the sessions (FGD ids) in the data")
    p.add_argument("--data", default=DEFAULT_DATA)
    p.add_argument("--lang", default="id", choices=["id", "en"])
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("brief", help="make the policy brief of one session, or of all")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--fgd", metavar="ID", help="session id (see: list)")
    which.add_argument("--all", action="store_true", help="every session in the data")
    p.add_argument("--lang", default="id", choices=["id", "en"], help="id (default) or en")
    p.add_argument("--data", default=DEFAULT_DATA, help=f"default: {DEFAULT_DATA}")
    p.add_argument("--out", default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    p.add_argument("--helix-model", default="classic",
                   help="helix model from helix_models (default: classic)")
    p.add_argument("--as-of", default=None, metavar="YYYY-MM-DD",
                   help="reference date (default: the latest date in the data)")
    p.add_argument("--notebook", default=None, help="another brief notebook")
    p.add_argument("--strict", action="store_true", help="refuse data with any error")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("template", help="write an Excel workbook to fill in")
    p.add_argument("path", help="the .xlsx file to write")
    p.add_argument("--from", dest="from_data", default=None, metavar="DATA",
                   help="copy reference tables (helix models, indicators, ...) from this data")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("synth", help="generate the synthetic survey tables with a fixed seed")
    p.add_argument("--out", default=DEFAULT_DATA, help="data folder holding the factual tables")
    p.add_argument("--firms", type=int, default=60)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.set_defaults(func=cmd_synth)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "as_of", None):
            import datetime as dt

            try:
                dt.date.fromisoformat(args.as_of)
            except ValueError as exc:
                raise UsageError(f"--as-of {args.as_of!r}: expected a date YYYY-MM-DD") from exc
        return args.func(args)
    except IkmPolicyError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise: no traceback for users
        if args.debug:
            raise
        print(f"error: unexpected {type(exc).__name__}: {exc}\n"
              "(run again with --debug for the details, and report it)", file=sys.stderr)
        return EXIT_UNEXPECTED
