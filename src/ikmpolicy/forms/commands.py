"""The ``forms`` and ``import-forms`` subcommands.

Nothing heavy is imported here: :func:`register` only declares the arguments (the command
line builds its help from it), and each command imports pandas, openpyxl and WeasyPrint itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_DATA = "data/cilegon"
DEFAULT_FORMS_OUT = "forms"


def cmd_forms(args: argparse.Namespace) -> int:
    """Write the forms of one session."""
    from ikmpolicy.forms.make import write_session_forms
    from ikmpolicy.validation import load_dataset

    dataset = load_dataset(args.data)
    if dataset.report.fatal:
        from ikmpolicy.errors import InputError

        raise InputError(
            f"{args.data}: the data cannot be used as it is:\n  "
            + "\n  ".join(str(p) for p in dataset.report.fatal)
        )
    paths = write_session_forms(
        dataset,
        args.fgd,
        args.out,
        args.lang,
        with_pdf=not args.no_pdf,
        extra_participants=args.blank,
    )
    folder = Path(args.out) / args.fgd
    print(f"{len(paths)} file(s) written in {folder}")
    return 0


def _format_consistency(table) -> list[str]:
    from ikmpolicy.mcda._validation import fmt

    lines = []
    for r in table.itertuples(index=False):
        head = f"  {r.respondent_id} ({r.file}): CR = {r.cr:.3f}"
        if r.consistent:
            lines.append(head + " (consistent)")
        else:
            lines.append(
                head + f" > 0.10: reconsider {r.reconsider_a} over {r.reconsider_b}, "
                f"judged {fmt(r.value)}; the other judgements imply about "
                f"{r.implied:.2f}"
            )
    return lines


def _forms_read(forms) -> str:
    """One line per session saying how many forms of each kind were read (a form of another
    session put in the folder shows there).

    Examples
    --------
    >>> from types import SimpleNamespace as F
    >>> print(_forms_read([F(session_id="s1", kind="ahp"), F(session_id="s1", kind="ahp"),
    ...                    F(session_id="s2", kind="attendance")]))
    forms read for session s1: 2 ahp
    forms read for session s2: 1 attendance
    """
    counts: dict[str, dict[str, int]] = {}
    for form in forms:
        kinds = counts.setdefault(form.session_id, {})
        kinds[form.kind] = kinds.get(form.kind, 0) + 1
    lines = [
        f"forms read for session {sid}: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items())
        for sid, kinds in sorted(counts.items())
    ]
    return "\n".join(lines) or "no form could be read"


def cmd_import_forms(args: argparse.Namespace) -> int:
    """Import filled forms into a dataset, all or nothing."""
    from ikmpolicy.errors import InputError
    from ikmpolicy.forms.importer import FormsImportError, apply_import, find_forms, plan_import

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: expected a folder holding filled forms (.xlsx)")
    if not Path(args.into).is_dir():
        raise FormsImportError(
            f"{args.into}: import-forms writes into a folder of CSV files; "
            "an .xlsx dataset is not supported (export its sheets to CSV)"
        )
    paths, refused, others = find_forms(folder)
    if not paths and not refused:
        raise InputError(f"{folder}: no filled form (.xlsx) found")
    if others:
        print(f"not read (not a form): {', '.join(str(p) for p in others)}")
    plan = plan_import(paths, args.into)
    plan.problems[:0] = refused
    print(_forms_read(plan.forms))
    if plan.consistency is not None:
        print("Consistency of each AHP respondent (Saaty's CR, threshold 0.10):")
        print("\n".join(_format_consistency(plan.consistency)))
    for problem in plan.problems:
        print(problem, file=sys.stderr)
    if not plan.ok:
        errors = sum(p.severity == "error" for p in plan.problems)
        raise FormsImportError(f"{errors} error(s) in the forms; nothing was written")
    for table, rows in plan.new.items():
        print(f"{table}: {len(rows)} new row(s)")
    for table, count in plan.skipped.items():
        if count:
            print(f"{table}: {count} row(s) already in the data, skipped")
    if args.dry_run:
        print("dry run: nothing written")
        return 0
    written = apply_import(plan, args.into)
    print(f"{len(written)} file(s) updated" if written else "nothing new to add")
    return 0


FORMS_EPILOG = """examples:
  ikmpolicy forms --fgd fgd-2025-05-15                 the session's forms, in Bahasa Indonesia
  ikmpolicy forms --fgd fgd-2025-05-15 --lang en --blank 5 --out /tmp/forms

For each participant an AHP questionnaire; a readiness self-assessment for IKM; an attendance
sheet and a commitments sheet; an SSIM form when the session has elements to structure. Each
as an Excel workbook and a printable A4 PDF, in OUT/<fgd-id>/. Bring them back with
'ikmpolicy import-forms'."""

IMPORT_EPILOG = """examples:
  ikmpolicy import-forms filled/ --into data/cilegon --dry-run   check, write nothing
  ikmpolicy import-forms filled/ --into data/cilegon             add the rows

The forms are checked as 'validate' checks data, and each AHP respondent's consistency ratio
is shown, before anything is written; all rows are added or none. Importing the same forms
again adds nothing."""


def _count(text: str) -> int:
    """``--blank``: a whole number of at least 0."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 0, not {text!r}")
    return value


def _parser(subparsers, name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name,
        help=help_text,
        description=help_text,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def register(subparsers) -> None:
    """Add ``forms`` and ``import-forms`` to the ``ikmpolicy`` command."""
    p = _parser(
        subparsers, "forms", "write a session's forms (Excel and printable PDF)", FORMS_EPILOG
    )
    p.add_argument("--fgd", required=True, metavar="ID", help="session id (see: list)")
    p.add_argument("--lang", default="id", choices=["id", "en"], help="id (default) or en")
    p.add_argument("--data", default=DEFAULT_DATA, help=f"default: {DEFAULT_DATA}")
    p.add_argument("--out", default=DEFAULT_FORMS_OUT, help=f"default: {DEFAULT_FORMS_OUT}")
    p.add_argument(
        "--blank",
        type=_count,
        default=0,
        metavar="N",
        help="N more questionnaires for participants not on the list",
    )
    p.add_argument("--no-pdf", action="store_true", help="Excel workbooks only")
    p.set_defaults(func=cmd_forms)

    p = _parser(subparsers, "import-forms", "add filled forms to a dataset", IMPORT_EPILOG)
    p.add_argument("folder", help="folder holding the filled .xlsx forms")
    p.add_argument("--into", required=True, metavar="DATA", help="data folder (CSV) to add to")
    p.add_argument("--dry-run", action="store_true", help="check and report; write nothing")
    p.set_defaults(func=cmd_import_forms)
