"""``ikmpolicy validate`` on every file of the corpus in ``tests/data/bad/`` (see its README.md).

Each run must end with exit code 0 or 2 and no traceback; every problem names the file (and
sheet) relative to the dataset, never an absolute path, and never personal data; the problem the
case is about is there with its row, column, value and expectation, or the value was read as the
user meant it; and no row is lost without a message: for every table ``read = accepted +
rejected``, the accepted rows are the clean table, and every rejected row has an error naming
its row, or covering it among the rows of one cause (``Problem.rows``), or a fatal problem for
its whole table.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from ikmpolicy.cli import main
from ikmpolicy.io import DataSourceError, read_dataset
from ikmpolicy.validation import load_dataset

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
_spec = importlib.util.spec_from_file_location("make_corpus", BAD / "make_corpus.py")
corpus = sys.modules.setdefault("make_corpus", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(corpus)
CASES = corpus.cases()


def prepare(case, tmp_path: Path) -> Path:
    """The dataset a case is validated as: a copy of the sample with the file in, or the book."""
    if case.table:
        target = tmp_path / "data"
        shutil.copytree(corpus.SAMPLE, target)
        shutil.copy(BAD / case.file, target / f"{case.table}.csv")
        return target
    target = tmp_path / case.file
    shutil.copy(BAD / case.file, target)
    return target


def matches(problem, expected: tuple) -> bool:
    severity, table, row, column, value, words = expected
    if problem.severity != severity:
        return False
    if table and not (
        problem.location == f"{table}.csv"
        or problem.location.endswith(f"[{table}]")
        or f"[{table}" in problem.location
        or table in problem.location
    ):
        return False
    if row is not None and problem.row != row:
        return False
    if column is not None and problem.column != column:
        return False
    if value is not None and (problem.value is None or value.lower() not in problem.value.lower()):
        return False
    return words is None or words in problem.expected


def check_read_value(dataset, table: str, key: str, key_value, column: str, expected) -> None:
    frame = dataset[table]
    row = frame[frame[key] == key_value]
    assert len(row) == 1, f"{table}: no single row with {key} = {key_value!r}"
    got = row[column].iloc[0]
    if expected is None:
        assert pd.isna(got), f"{table}.{column}: expected empty, got {got!r}"
    elif isinstance(got, pd.Timestamp):
        assert got == pd.Timestamp(expected)
    elif isinstance(expected, float):
        assert got == pytest.approx(expected)
    else:
        assert got == expected


def check_nothing_lost(dataset, raw_tables) -> None:
    """read = accepted + rejected; accepted rows are the clean table; every rejection listed."""
    report = dataset.report
    for name, counts in report.counts.items():
        assert counts.read == counts.accepted + counts.rejected
        assert counts.accepted == len(dataset[name]), name
        raw = raw_tables.get(name)
        if raw is not None and not raw.error:
            assert counts.read + counts.examples == len(raw.frame), name
        rejected = {row for (table, row) in report.rejected if table == name}
        assert len(rejected) == counts.rejected, name
        assert not rejected & set(dataset[name]["_row"]), name
        for row in rejected:
            root = report.problems[report.rejected[(name, row)]]
            listed = [
                p
                for p in report.errors
                if p.location == counts.location and (p.row == row or row in p.rows)
            ]
            assert listed or root.fatal, f"{name} row {row} rejected without a message"


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_corpus_file(case, tmp_path, capsys):
    target = prepare(case, tmp_path)
    code = main(["validate", "--quiet", str(target)])
    out, err = capsys.readouterr()
    text = out + err
    assert code in (0, 2)
    assert "Traceback" not in text and "unexpected" not in text
    assert str(tmp_path) not in text, "an absolute path in the output"
    for secret in case.never:
        assert secret not in text, "personal data in the output"
    if case.exit is not None:
        assert code == case.exit, text[-2000:]
    try:
        raw_tables, _, _ = read_dataset(target)
        dataset = load_dataset(target)
    except DataSourceError as exc:  # the whole dataset refused: the message is the outcome
        assert str(tmp_path) not in str(exc)
        assert code == 2 and f"error: {exc}" in err
        for expected in case.problems:
            assert expected[-1] in str(exc), str(exc)
        return
    for problem in dataset.report.problems:
        assert problem.location and "/" not in problem.location.split(" [")[0], problem
        assert problem.expected, problem
        assert problem.severity in ("error", "warning")
    for expected in case.problems:
        assert any(matches(p, expected) for p in dataset.report.problems), (
            f"no problem like {expected}; found:\n" + dataset.report.summary()[:3000]
        )
    for table, key, key_value, column, value in case.values:
        check_read_value(dataset, table, key, key_value, column, value)
    check_nothing_lost(dataset, raw_tables)


def test_the_corpus_is_large_and_its_manifest_current():
    files = sorted(p.name for p in BAD.iterdir() if p.suffix in (".csv", ".xlsx"))
    assert len(files) >= 60
    assert sum(f.endswith(".xlsx") for f in files) >= 20
    assert files == sorted(c.file for c in CASES)
    assert (BAD / "README.md").read_text(encoding="utf-8") == corpus.manifest(CASES)


def test_the_corpus_is_fixed_content(tmp_path):
    """Rewriting the corpus gives the same bytes: the files are what the script says."""
    corpus.write(tmp_path)
    for case in CASES:
        assert (tmp_path / case.file).read_bytes() == (BAD / case.file).read_bytes(), case.file
