"""Project paths resolve the same from the project folder, from notebooks/ and from elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikmpolicy.paths import ProjectPathError, project_path, project_roots

ROOT = Path(__file__).resolve().parents[1]


def test_from_the_project_folder_the_path_stays_as_written(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert project_path("data/cilegon") == Path("data/cilegon")


def test_from_notebooks_the_project_data_are_found_relative(monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")
    found = project_path("data/cilegon")
    assert found == Path("../data/cilegon")
    assert (Path.cwd() / found / "firms.csv").is_file()


def test_an_absolute_path_stays(tmp_path):
    assert project_path(tmp_path) == tmp_path
    with pytest.raises(ProjectPathError, match="no such file or folder"):
        project_path(tmp_path / "missing")


def test_the_walk_stops_at_the_project_folder(tmp_path, monkeypatch):
    """A ``data/`` above another project's folder is never taken; the installed checkout is."""
    (tmp_path / "data" / "only-above").mkdir(parents=True)
    other = tmp_path / "other-project"
    (other / "sub").mkdir(parents=True)
    (other / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    monkeypatch.chdir(other / "sub")
    roots = project_roots()
    assert roots[:2] == [other / "sub", other]
    assert tmp_path not in roots
    with pytest.raises(ProjectPathError) as error:
        project_path("data/only-above")
    message = str(error.value)
    assert str(other / "sub" / "data" / "only-above") in message
    assert str(other / "data" / "only-above") in message
    # the checkout ikmpolicy is installed from is the last place tried
    assert project_path("data/examples/saaty2008_drinks.csv") == (
        ROOT / "data" / "examples" / "saaty2008_drinks.csv"
    )


def test_a_project_path_error_is_an_input_error():
    from ikmpolicy.errors import InputError

    assert issubclass(ProjectPathError, InputError)
    assert issubclass(ProjectPathError, FileNotFoundError)
