"""The validated dataset handed from the command to a brief's kernel (ikmpolicy.handover)."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import nbformat
import pytest

from ikmpolicy import handover
from ikmpolicy.handover import ENV, handed_over, write_handover
from tests.conftest import edit_csv


def _marked(dataset, contact: str):
    """The dataset with the publisher's contact changed: seen in a brief only if handed over."""
    tables = dict(dataset.tables)
    tables["publisher"] = tables["publisher"].assign(contact=contact)
    return dataclasses.replace(dataset, tables=tables)


def test_the_dataset_validated_from_the_same_data_is_handed_over(sample, sample_dir, tmp_path):
    path = write_handover(_marked(sample, "Kantor Uji"), sample_dir, tmp_path)
    assert handed_over(sample_dir) is None  # no variable: a notebook opened in JupyterLab
    assert handed_over(sample_dir, path) is not None  # named (the internal edition's way)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(ENV, str(path))
        got = handed_over(sample_dir)
        assert got is not None and set(got["publisher"]["contact"]) == {"Kantor Uji"}
        assert got.files == sample.files


def test_changed_or_other_data_or_code_is_validated_again(sample, data_copy, tmp_path, monkeypatch):
    from ikmpolicy.validation import load_dataset

    dataset = load_dataset(data_copy)
    monkeypatch.setenv(ENV, str(write_handover(dataset, data_copy, tmp_path)))
    assert handed_over(data_copy) is not None
    twin = tmp_path / "twin"
    shutil.copytree(data_copy, twin)  # the same bytes elsewhere: another root in provenance
    assert handed_over(twin) is None
    assert handed_over(f"{data_copy}/.") is None  # another spelling: another root in provenance
    edit_csv(data_copy / "publisher.csv", 2, "contact", "Kantor Lain")
    assert handed_over(data_copy) is None
    shutil.copytree(twin, data_copy, dirs_exist_ok=True)  # back as it was validated
    assert handed_over(data_copy) is not None
    monkeypatch.setattr(
        "ikmpolicy.batch.code_fingerprint", lambda: {"source_sha256": "an edited checkout"}
    )
    assert handed_over(data_copy) is None


@pytest.mark.parametrize("content", [b"", b"not a pickle", None])
def test_an_unreadable_handover_is_no_handover(sample_dir, tmp_path, monkeypatch, content):
    path = tmp_path / "validated-dataset.pickle"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setenv(ENV, str(path))
    assert handed_over(sample_dir) is None


def test_a_workbook_is_handed_over_by_its_own_bytes(sample, tmp_path, monkeypatch):
    from ikmpolicy.validation import load_dataset
    from ikmpolicy.workbook import write_template

    book = write_template(tmp_path / "isian.xlsx", sample)
    dataset = load_dataset(book)
    monkeypatch.setenv(ENV, str(write_handover(dataset, book, tmp_path)))
    assert handed_over(book) is not None
    book.write_bytes(book.read_bytes() + b"\0")  # any change of the file
    assert handed_over(book) is None


def _context_notebook(path: Path) -> Path:
    """A notebook that loads a brief's context as the brief notebook does, and shows the
    publisher's contact it found."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('fgd_id = "x"\ndata = "data/cilegon"')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        parameters,
        nbformat.v4.new_code_cell(
            "from ikmpolicy.report.sections import load_context\n"
            "ctx = load_context(data, fgd_id, as_of='2025-12-01')\n"
            "print(ctx.dataset['publisher']['contact'].iloc[0])"
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "P", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_the_brief_kernel_uses_the_handover_only_for_its_own_data(sample, data_copy, tmp_path):
    """End to end through the seam the command uses: the kernel's environment names the file,
    and the notebook's load_context takes the dataset from it, unless the data changed."""
    from ikmpolicy.kernel import execute

    notebook = _context_notebook(tmp_path / "context.ipynb")
    parameters = {"fgd_id": "fgd-2025-05-15", "data": str(data_copy)}
    folder = tmp_path / "private"
    folder.mkdir()
    path = write_handover(_marked(sample, "Kantor Uji"), data_copy, folder)
    env = {ENV: str(path)}

    def shown() -> str:
        return execute(notebook, parameters, tmp_path, env).cells[-1].outputs[0]["text"]

    assert shown().strip() == "Kantor Uji"
    edit_csv(data_copy / "publisher.csv", 2, "contact", "Kantor Lain")
    assert shown().strip() == "Kantor Lain"


def test_the_command_hands_its_dataset_to_every_job(sample, sample_dir, tmp_path, monkeypatch):
    from ikmpolicy.batch import plan
    from ikmpolicy.cli import _with_handover

    jobs = plan(sample, ["fgd-2025-05-15", "temu-kemitraan-2022"], data=str(sample_dir))
    handed = _with_handover(jobs, sample, str(sample_dir), str(tmp_path))
    assert {job.handover for job in handed} == {str(tmp_path / "validated-dataset.pickle")}
    assert handed == jobs  # the same briefs: the handover is not part of a brief's key

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(handover, "write_handover", full)
    assert [job.handover for job in _with_handover(jobs, sample, "x", str(tmp_path))] == [None] * 2
