"""The command line: clear messages and exit codes, never a traceback."""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ikmpolicy.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ikmpolicy", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_broken_data_folder_gives_a_message_not_a_traceback(data_copy):
    (data_copy / "fgd_sessions.csv").write_text("session_id,judul\nx,y\n", encoding="utf-8")
    result = run("brief", "--fgd", "x", "--data", str(data_copy))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "fgd_sessions.csv" in result.stderr and "column 'title'" in result.stderr


def test_missing_data_folder(tmp_path):
    result = run("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_exit_codes(sample_dir, data_copy, capsys):
    assert main(["validate", str(sample_dir)]) == 0
    from tests.conftest import edit_csv

    edit_csv(data_copy / "firms.csv", 3, "district", "")
    assert main(["validate", str(data_copy)]) == 2
    out = capsys.readouterr().out
    assert "firms.csv, row 3, column 'district'" in out


def test_validate_names_a_session_or_an_assessment_dated_after_today(data_copy, capsys):
    from tests.conftest import edit_csv

    edit_csv(data_copy / "fgd_sessions.csv", 4, "date", "2205-05-15")
    edit_csv(data_copy / "assessments.csv", 2, "assessment_date", "2205-03-10")
    assert main(["validate", str(data_copy)]) == 0  # warnings: the rows are kept
    out = capsys.readouterr().out
    assert "WARNING fgd_sessions.csv, row 4, column 'date': found '2205-05-15'" in out
    assert "WARNING assessments.csv, row 2, column 'assessment_date'" in out
    assert "2 warning(s)" in out


def test_strict_lists_errors_grouped_as_validate_does(data_copy, capsys):
    # before: one line per row, where validate names the rows of one problem on one line
    from tests.conftest import edit_csv

    for row in (3, 4, 5):
        edit_csv(data_copy / "firms.csv", row, "district", "")
    assert main(["validate", str(data_copy)]) == 2
    grouped = [line for line in capsys.readouterr().out.splitlines() if "'district'" in line]
    assert main(["brief", "--fgd", "fgd-2025-05-15", "--data", str(data_copy), "--strict"]) == 2
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "'district'" in line] == [
        "  " + line for line in grouped
    ]
    assert len(grouped) == 1 and "rows 3–5" in grouped[0]


def test_brief_says_when_the_data_has_problems_or_warnings(sample_dir, data_copy, capsys):
    """A brief made without ``validate`` first still says the data needs a look: a line for the
    rows rejected, one for the warnings (rows kept), none for clean data."""
    from ikmpolicy.cli import _load
    from tests.conftest import edit_csv

    _load(str(sample_dir))
    assert capsys.readouterr().err == ""
    # a lead that took part in no session: a warning, the row kept
    path = data_copy / "stakeholders.csv"
    rows = path.read_text("utf-8").splitlines()
    other = rows[1].replace(rows[1].split(",")[0], "lain", 1)
    path.write_text("\n".join([*rows, other]) + "\n", "utf-8")
    edit_csv(data_copy / "interventions.csv", 2, "owner_id", "lain")
    _load(str(data_copy))
    err = capsys.readouterr().err
    assert "problem(s)" not in err
    assert "note: 1 warning(s)" in err and "the rows are kept" in err and "validate" in err
    edit_csv(data_copy / "firms.csv", 2, "kbli", "2599")  # required: the row is rejected
    _load(str(data_copy))
    err = capsys.readouterr().err
    assert "problem(s)" in err and "row(s) rejected" in err and "note: 1 warning(s)" in err


def test_unknown_session_lists_known_ids(capsys):
    assert main(["brief", "--fgd", "tidak-ada", "--data", "data/cilegon"]) == 2
    err = capsys.readouterr().err
    assert "tidak-ada" in err and "fgd-2025-05-15" in err


@pytest.mark.parametrize("as_of", ["20251201", "01/12/2025", "2025-12-32"])
def test_an_as_of_the_notebook_would_refuse_is_refused_before_the_data(as_of, capsys):
    # Python's date.fromisoformat takes 20251201, which the brief's notebook refuses: the
    # command checked with the former, so the brief failed in its kernel instead of here
    assert main(["brief", "--fgd", "fgd-2025-05-15", "--data", "nowhere", "--as-of", as_of]) == 2
    err = capsys.readouterr().err
    assert f"--as-of: found '{as_of}'; expected a date YYYY-MM-DD" in err
    assert "nowhere" not in err


def test_an_as_of_before_the_session_is_refused_before_a_kernel_starts(
    capsys, monkeypatch, tmp_path
):
    # before: the brief was made "issued 1 January 2020" for a session of 15 May 2025
    monkeypatch.setattr("ikmpolicy.cli._kernel_ahead", lambda args, tmp: contextlib.nullcontext())
    args = ["brief", "--fgd", "fgd-2025-05-15", "--as-of", "2020-01-01", "--out", str(tmp_path)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err == (
        "error: --as-of 2020-01-01 is before session 'fgd-2025-05-15' was held (2025-05-15): "
        "its brief can be made as of that date or later\n"
    )


def test_brief_all_leaves_out_sessions_held_after_the_as_of(sample, capsys):
    from argparse import Namespace

    from ikmpolicy.cli import UsageError, _check_request

    args = Namespace(
        fgd=None, all=True, as_of="2024-12-31", helix_model="classic", data="data/cilegon"
    )
    assert _check_request(args, sample) == [
        "temu-kemitraan-2022",
        "monitoring-2024-12-08",
        "fgd-kemenperin-royale-krakatau",
    ]
    err = capsys.readouterr().err
    assert "note: fgd-2025-05-15: left out, held after --as-of 2024-12-31" in err
    assert "studi-tiru-bandung-2025-10: left out" in err and "temu" not in err
    sessions = sample["fgd_sessions"]
    dated = dataclasses.replace(
        sample, tables={**sample.tables, "fgd_sessions": sessions.dropna(subset=["date"])}
    )
    with pytest.raises(UsageError, match="before every session"):
        _check_request(Namespace(**{**vars(args), "as_of": "2021-12-31"}), dated)


@pytest.mark.parametrize(
    "which", [{"fgd": "fgd-2025-05-15", "all": False}, {"fgd": None, "all": True}]
)
def test_data_without_sessions_is_refused_saying_so(sample, which):
    # before: 'brief --all' wrote an empty index and exited 0; '--fgd' said "known ids:  (see"
    from argparse import Namespace

    from ikmpolicy.cli import UsageError, _check_request

    empty = dataclasses.replace(
        sample, tables={**sample.tables, "fgd_sessions": sample["fgd_sessions"].iloc[:0]}
    )
    args = Namespace(**which, as_of=None, helix_model="classic", data="isian.xlsx")
    with pytest.raises(UsageError) as refused:
        _check_request(args, empty)
    assert str(refused.value).startswith(
        "isian.xlsx: fgd_sessions holds no session, so there is no brief to make"
    )


def test_an_as_of_with_a_time_of_day_is_its_day():
    from ikmpolicy.cli import _day

    assert _day(" 2025-12-01 15:30 ") == "2025-12-01"


def test_unsafe_session_id_is_refused(capsys):
    assert main(["brief", "--fgd", "../x"]) == 2
    assert "plain name" in capsys.readouterr().err


def test_list(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "fgd-2025-05-15" in out and "15 Mei 2025" in out


@pytest.mark.parametrize(
    ("where", "why"),
    [
        ("made/folder.xlsx", "a folder of that name exists"),
        ("a-file/template.xlsx", "a-file is a file, not a folder"),
    ],
)
def test_template_that_cannot_be_written_says_why(tmp_path, capsys, where, why):
    # before: "error: unexpected IsADirectoryError" (or FileExistsError), exit code 3
    (tmp_path / "made" / "folder.xlsx").mkdir(parents=True)
    (tmp_path / "a-file").write_text("keep me")
    target = tmp_path / where
    assert main(["template", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {target}: cannot write the template (") and why in err
    assert "unexpected" not in err and ".tmp" not in err
    assert (tmp_path / "a-file").read_text() == "keep me"


@pytest.mark.parametrize("firms", ["-5", "0"])
def test_synth_refuses_fewer_than_one_firm(firms, data_copy, capsys):
    # before: --firms -5 ended in "unexpected ValueError: negative dimensions", exit code 3
    with pytest.raises(SystemExit) as exited:
        main(["synth", "--out", str(data_copy), "--firms", firms])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert f"--firms: expected a whole number of at least 1, not {firms!r}" in err


def test_template_has_sheets_headers_and_dropdowns(tmp_path, sample_dir, capsys):
    path = tmp_path / "template.xlsx"
    assert main(["template", str(path), "--from", str(sample_dir)]) == 0
    assert "reference tables" not in capsys.readouterr().out
    book = load_workbook(path)
    assert {"fgd_sessions", "firms", "pairwise", "indicators"} <= set(book.sheetnames)
    firms = book["firms"]
    assert [c.value for c in firms[1]][:3] == ["firm_id", "business_name", "kbli"]
    assert firms.max_row == 2  # evidence tables hold one example row (CONTOH-, skipped)
    assert firms["A2"].value.startswith("CONTOH-")
    rules = {str(r.sqref).split(":")[0]: r.formula1 for r in firms.data_validations.dataValidation}
    header = [c.value for c in firms[1]]
    letter = chr(ord("A") + header.index("sub_sector"))
    assert rules[f"{letter}2"] == "=sub_sectors!$A$2:$A$5000"
    assessments = [c.value for c in book["assessments"][1]]
    assert "digital_marketing" in assessments
    assert book["indicators"].max_row == 10  # reference rows copied


def test_template_without_data_and_wrong_suffix(tmp_path, capsys):
    assert main(["template", str(tmp_path / "empty.xlsx")]) == 0
    assert load_workbook(tmp_path / "empty.xlsx")["indicators"].max_row == 1
    said = capsys.readouterr().out
    assert "reference tables (sources, helix_models" in said and "--from data/cilegon" in said
    assert main(["template", str(tmp_path / "x.csv")]) == 2
    assert ".xlsx" in capsys.readouterr().err


def test_filled_template_validates(tmp_path, sample_dir):
    """The template's headers are exactly what the loader expects."""
    from openpyxl import load_workbook as open_book

    from ikmpolicy.validation import load_dataset

    path = tmp_path / "t.xlsx"
    main(["template", str(path), "--from", str(sample_dir)])
    ds = load_dataset(path)
    # reference tables copied from the sample are clean; empty evidence tables are not errors
    assert [p for p in ds.report.errors if "indicators" in p.location] == []
    assert all(c.rejected == 0 for c in ds.report.counts.values())
    assert open_book(path)["Petunjuk"]["A2"].value.startswith("Templat data ikmpolicy")


# -- the command starts at once and refuses what it can before any work -------------------------

HEAVY = (
    "pandas",
    "numpy",
    "papermill",
    "matplotlib",
    "nbformat",
    "scipy",
    "ikmpolicy.pipeline",
    "ikmpolicy.validation",
    "ikmpolicy.batch",
)


def test_help_imports_nothing_heavy():
    code = (
        "import sys\nfrom ikmpolicy.cli import build_parser\n"
        "parser = build_parser()\n"
        "for name in ('validate', 'list', 'brief', 'template', 'synth'):\n"
        "    parser._subparsers._group_actions[0].choices[name].format_help()\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_every_help_has_examples():
    # before: 'forms --help' and 'import-forms --help' had neither a description nor examples,
    # though 'ikmpolicy --help' says every command's help has them
    from ikmpolicy.cli import build_parser

    top = run("--help")
    assert top.returncode == 0 and "examples:" in top.stdout and "exit codes" in top.stdout
    commands = build_parser()._subparsers._group_actions[0].choices
    assert {"forms", "import-forms"} <= set(commands)
    for command, parser in commands.items():
        text = parser.format_help()
        assert "examples:" in text and f"ikmpolicy {command} " in text, command
        assert parser.description, command
    brief = run("brief", "--help").stdout
    for option in ("--jobs", "--force", "--scheduler", "manifest"):
        assert option in brief


@pytest.mark.parametrize("blank", ["-3", "two"])
def test_forms_refuses_a_negative_number_of_blank_questionnaires(blank, capsys, tmp_path):
    # before: --blank -3 wrote the forms as if it were 0, saying nothing
    with pytest.raises(SystemExit) as exited:
        main(["forms", "--fgd", "fgd-2025-05-15", "--blank", blank, "--out", str(tmp_path)])
    assert exited.value.code == 2
    assert (
        f"--blank: expected a whole number of at least 0, not {blank!r}" in capsys.readouterr().err
    )


def test_out_naming_a_file_is_refused_before_anything_loads(tmp_path, monkeypatch):
    """Checked first: even with data that do not exist, the --out problem is the one shown."""
    target = tmp_path / "report.html"
    target.write_text("keep me")
    result = run("brief", "--all", "--out", str(target), "--data", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "is a file, not a folder" in result.stderr and str(target) in result.stderr
    assert target.read_text() == "keep me"
    below = run("brief", "--all", "--out", str(target / "sub"))
    assert below.returncode == 2 and "cannot create the folder" in below.stderr
    assert "unexpected" not in result.stderr + below.stderr


def test_a_notebook_that_is_not_one_is_refused_without_echoing_it(tmp_path):
    secret = tmp_path / "passwords.ipynb"
    secret.write_text("root:SECRET-LINE-4242\nsecond line\n", "utf-8")
    for path in (secret, tmp_path / "missing.ipynb", tmp_path):
        result = run(
            "brief",
            "--fgd",
            "fgd-2025-05-15",
            "--notebook",
            str(path),
            "--out",
            str(tmp_path / "out"),
        )
        assert result.returncode == 2, path
        assert "--notebook" in result.stderr and "unexpected" not in result.stderr
        assert "SECRET" not in result.stderr + result.stdout
    json_not_nb = tmp_path / "data.ipynb"
    json_not_nb.write_text('{"a": "SECRET-LINE-4242"}')
    result = run("brief", "--fgd", "fgd-2025-05-15", "--notebook", str(json_not_nb))
    assert "not a Jupyter notebook" in result.stderr and "SECRET" not in result.stderr


def test_unknown_session_and_helix_model_refused_before_a_notebook_runs(monkeypatch, capsys):
    """Refused from the data, no notebook run; the kernel that one brief starts ahead (while
    the data are checked) is stopped, its folder removed."""
    from ikmpolicy import kernel, pipeline
    from tests.batch_helpers import gone, kernel_processes

    def no_notebook(*args, **kwargs):
        raise AssertionError("a notebook was run")

    runs: list = []

    class Recorded(kernel.NotebookRun):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            runs.append(self)

    monkeypatch.setattr(pipeline, "execute", no_notebook)
    monkeypatch.setattr(kernel, "NotebookRun", Recorded)
    monkeypatch.chdir(ROOT)
    assert main(["brief", "--fgd", "tidak-ada"]) == 2
    err = capsys.readouterr().err
    assert "'tidak-ada' is not in data/cilegon" in err
    for known in ("fgd-2025-05-15", "temu-kemitraan-2022", "fgd-kemenperin-royale-krakatau"):
        assert known in err
    [ahead] = runs
    assert gone(kernel_processes(ahead), seconds=5) and not ahead.folder.exists()
    assert main(["brief", "--all", "--helix-model", "quadruple"]) == 2
    err = capsys.readouterr().err
    assert "'quadruple' is not in helix_models" in err and "classic" in err
    assert len(runs) == 1  # many briefs: each worker starts its own kernel


def test_jobs_must_be_a_positive_number():
    result = run("brief", "--all", "--jobs", "0")
    assert result.returncode == 2 and "at least 1" in result.stderr


@pytest.mark.parametrize(
    ("text", "amount"),
    [("250000000", 250e6), ("250.000.000", 250e6), ("Rp250 juta", 250e6), ("Rp1,2 miliar", 1.2e9)],
)
def test_a_budget_is_read_as_an_amount_in_the_data_is(text, amount):
    from ikmpolicy.cli import build_parser

    args = build_parser().parse_args(["brief", "--fgd", "x", "--budget", text])
    assert args.budget == amount


@pytest.mark.parametrize("text", ["500.000", "1.5", "0", "Rp", "lima juta"])
def test_a_budget_that_could_be_misread_is_refused(text, capsys):
    from ikmpolicy.cli import build_parser

    # "500.000": five hundred, or five hundred thousand? "1.5": not whole rupiah
    with pytest.raises(SystemExit):
        build_parser().parse_args(["brief", "--fgd", "x", "--budget", text])
    err = capsys.readouterr().err
    assert "whole rupiah" in err
    if text == "500.000":
        assert "ambiguous: 500 or 500000 rupiah? Write 500000 or Rp500.000" in err


def test_an_unreadable_data_file_names_the_path(data_copy):
    """A table that is a folder (or cannot be read) is a message with its path, not a crash."""
    (data_copy / "firms.csv").unlink()
    (data_copy / "firms.csv").mkdir()
    result = run("list", "--data", str(data_copy))
    assert result.returncode == 2, result.stderr
    assert "firms.csv" in result.stderr and "unexpected" not in result.stderr
    assert "Traceback" not in result.stderr


def test_data_found_from_a_subfolder_of_the_project():
    """From notebooks/ (where JupyterLab runs) the default data/cilegon is the project's."""
    result = run("list", cwd=ROOT / "notebooks")
    assert result.returncode == 0, result.stderr
    assert "fgd-2025-05-15" in result.stdout


# -- a batch from the command line --------------------------------------------------------------


def test_batch_summary_lists_failures_and_skips_and_still_writes_the_index(tmp_path):
    from tests.batch_helpers import tiny_notebook

    notebook = tiny_notebook(tmp_path / "tiny.ipynb", fail_for=("fgd-2025-05-15",))
    out = tmp_path / "reports"
    first = run("brief", "--all", "--notebook", str(notebook), "--out", str(out), "--jobs", "2")
    assert first.returncode == 2
    assert (
        "fgd-2025-05-15: FAILED: the brief notebook failed: ValueError: no brief for "
        "fgd-2025-05-15" in first.stdout
    )
    assert "5 briefs: 4 made, 0 unchanged (skipped), 1 failed" in first.stdout
    assert "1 of 5 brief(s) failed" in first.stderr
    assert "KeyboardInterrupt" not in first.stderr and "Traceback" not in first.stderr
    index = (out / "index.html").read_text("utf-8")
    assert 'href="temu-kemitraan-2022/brief_id.html"' in index
    assert "fgd-2025-05-15/brief_id.html" not in index

    again = run("brief", "--all", "--notebook", str(notebook), "--out", str(out), "--jobs", "1")
    assert again.returncode == 2
    assert "temu-kemitraan-2022: unchanged, skipped" in again.stdout
    assert "5 briefs: 0 made, 4 unchanged (skipped), 1 failed" in again.stdout

    one = run(
        "brief",
        "--fgd",
        "temu-kemitraan-2022",
        "--notebook",
        str(notebook),
        "--out",
        str(out),
        "--force",
    )
    assert one.returncode == 0 and "temu-kemitraan-2022: " in one.stdout
    assert "brief_id.pdf" in one.stdout


def test_progress_of_one_brief_shows_its_stages(tmp_path, monkeypatch, capsys):
    from tests.batch_helpers import tiny_notebook

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")
    brief = ["brief", "--fgd", "temu-kemitraan-2022", "--notebook", str(notebook)]
    brief += ["--out", str(tmp_path / "out")]
    assert main(brief) == 0
    err = capsys.readouterr().err
    assert "temu-kemitraan-2022" in err
    for stage in ("notebook", "html", "pdf"):
        assert stage in err
    assert "3/3" in err
    assert main([*brief, "--quiet", "--force"]) == 0
    assert "3/3" not in capsys.readouterr().err


def test_the_index_is_made_here_when_its_second_process_dies(tmp_path, monkeypatch):
    """The overview is made in a second process while the brief runs; if that process dies the
    index is still written, in full, and dated by --as-of like the brief."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from ikmpolicy.background import Background
    from tests.batch_helpers import tiny_notebook

    def dead(self, fn, *args, **kwargs):
        future = Future()
        future.set_exception(BrokenProcessPool("killed"))
        return future

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(Background, "submit", dead)
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")
    brief = ["brief", "--fgd", "temu-kemitraan-2022", "--notebook", str(notebook), "--quiet"]
    assert main([*brief, "--out", str(tmp_path / "out"), "--as-of", "2025-12-01"]) == 0
    index = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "Rekomendasi dan tindak lanjutnya" in index
    assert "1 Desember 2025" in index


def test_the_summary_passes_on_what_the_maker_should_know():
    from ikmpolicy.batch import BriefOutcome
    from ikmpolicy.cli import _summary

    made = BriefOutcome("s1", "id", "made", ("r/s1/brief_id.pdf",), notes=("left out: x",))
    lines = _summary([made], None)
    assert lines == ["s1: r/s1/brief_id.pdf", "s1: note: left out: x"]


def test_dask_scheduler_from_the_command_line(tmp_path, monkeypatch, capsys):
    from distributed import LocalCluster

    from tests.batch_helpers import tiny_notebook

    monkeypatch.chdir(ROOT)
    notebook = tiny_notebook(tmp_path / "tiny.ipynb")
    # worker processes, as a real cluster has: they are daemonic and may start no children
    with LocalCluster(
        processes=True, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        code = main(
            [
                "brief",
                "--all",
                "--notebook",
                str(notebook),
                "--out",
                str(tmp_path / "out"),
                "--scheduler",
                cluster.scheduler_address,
            ]
        )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "5 briefs: 5 made" in out
    assert (tmp_path / "out" / "fgd-2025-05-15" / "brief_id.pdf").is_file()


# -- a brief stopped by SIGTERM cleans up ------------------------------------------------------


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in cmdline:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes from /proc (Linux)")
@pytest.mark.parametrize(
    "which",
    [["--fgd", "fgd-2025-05-15"], ["--all", "--jobs", "2"]],
    ids=["one brief", "batch of two processes"],
)
def test_sigterm_leaves_no_temporary_folder_connection_file_or_kernel(tmp_path, which):
    import os
    import signal
    import time

    from tests.batch_helpers import tiny_notebook

    temp, runtime = tmp_path / "tmp", tmp_path / "runtime"
    temp.mkdir()
    runtime.mkdir()
    notebook = tiny_notebook(tmp_path / "slow.ipynb", sleep=120)
    env = {**os.environ, "TMPDIR": str(temp), "JUPYTER_RUNTIME_DIR": str(runtime)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ikmpolicy",
            "brief",
            *which,
            "--notebook",
            str(notebook),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180
    connection = []
    while time.monotonic() < deadline and not connection:
        connection = list(temp.glob("ikmpolicy-*/kernel-*.json"))
        time.sleep(0.2)
    assert connection, "the kernel never started: " + process.stderr.read()
    kernels = _processes_mentioning(str(temp))
    assert kernels, "no kernel process found"
    time.sleep(2)  # the kernel is now running the notebook's slow cell
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 143, stderr
    assert "terminated" in stderr and "Traceback" not in stderr
    assert list(temp.glob("ikmpolicy-*")) == []
    assert list(temp.rglob("kernel-*.json")) == [] and list(runtime.rglob("kernel-*.json")) == []
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(temp)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_mentioning(str(temp)) == [], "a kernel outlived the brief"
    assert not [p for p in (tmp_path / "out").rglob("*") if p.name.endswith(".tmp")]


def test_list_says_when_the_data_hold_no_session(data_copy, capsys):
    # before: nothing printed, as if the command had not run
    path = data_copy / "fgd_sessions.csv"
    path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", "utf-8")  # the header only
    assert main(["list", "--data", str(data_copy)]) == 0
    assert f"{data_copy}: fgd_sessions holds no session yet" in capsys.readouterr().out
