"""Where the project's data, notebooks and reports are, wherever a command or notebook runs.

A notebook opened in JupyterLab runs in ``notebooks/``, the command in the project folder, a
test anywhere: :func:`project_path` finds ``data/cilegon`` from all of them. This module imports
nothing heavy, so the command line can use its defaults before any analysis library loads.
"""

from __future__ import annotations

import os
from pathlib import Path

from ikmpolicy.errors import InputError

__all__ = [
    "DEFAULT_DATA",
    "DEFAULT_OUT",
    "ProjectPathError",
    "annex_file",
    "brief_file",
    "project_path",
    "project_roots",
]

#: The sample data shipped with the project, relative to the project folder.
DEFAULT_DATA = "data/cilegon"
#: Where briefs are written, relative to the current folder.
DEFAULT_OUT = "reports"
#: A folder holding one of these is a project folder.
MARKERS = ("pyproject.toml", ".git")


class ProjectPathError(InputError, FileNotFoundError):
    """A relative path was found neither in the current folder nor in the project folder."""


def project_roots(start: str | Path | None = None) -> list[Path]:
    """Folders a relative project path may be taken from, nearest first.

    The current folder (or ``start``) and each folder above it up to, and including, the first
    that holds a ``pyproject.toml`` or ``.git`` (the project folder); then the checkout this
    package was installed from, when it is one. Walking stops at the project folder so that a
    stray ``/data`` on the machine is never picked up.

    Examples
    --------
    >>> roots = project_roots()
    >>> roots[0] == Path.cwd()
    True
    """
    here = Path(start or Path.cwd()).resolve()
    roots: list[Path] = []
    for folder in (here, *here.parents):
        roots.append(folder)
        if any((folder / m).exists() for m in MARKERS):
            break
    else:
        roots = [here]  # no project above: only the current folder
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and checkout not in roots:
        roots.append(checkout)
    return roots


def project_path(path: str | os.PathLike, start: str | Path | None = None) -> Path:
    """An existing file or folder named relative to the project, from wherever this runs.

    An absolute path is returned as it is (after checking it exists). A relative one is tried
    against the current folder, then each folder above it up to the project folder (the first
    holding ``pyproject.toml`` or ``.git``), then the checkout the package is installed from.
    A match under the current folder's tree is returned relative to the current folder (so that
    provenance never shows the user's home folder); one in the installed checkout absolute.

    Parameters
    ----------
    path : str or path-like
        For example ``"data/cilegon"`` or ``"data/examples/saaty2008_drinks.csv"``.
    start : path, optional
        Folder to start from (default: the current folder).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ProjectPathError
        Nothing exists at any of the places tried; the message lists them.

    Examples
    --------
    From the project folder or from ``notebooks/`` alike:

    >>> project_path("data/examples/saaty2008_drinks.csv").name
    'saaty2008_drinks.csv'
    >>> project_path("data/nowhere.csv")
    Traceback (most recent call last):
    ...
    ikmpolicy.paths.ProjectPathError: data/nowhere.csv: not found; tried ...
    """
    given = Path(path).expanduser()
    if given.is_absolute():
        if not given.exists():
            raise ProjectPathError(f"{given}: no such file or folder")
        return given
    here = Path(start or Path.cwd()).resolve()
    tried = []
    for root in project_roots(here):
        candidate = root / given
        tried.append(candidate)
        if candidate.exists():
            if root == here or root in here.parents:
                return Path(os.path.relpath(candidate, here)) if start is None else candidate
            return candidate
    raise ProjectPathError(
        f"{path}: not found; tried "
        + ", ".join(str(t) for t in tried)
        + " (give an absolute path, or run from the project folder)"
    )


def brief_file(lang: str, suffix: str) -> str:
    """Name of a brief's file in a session's report folder.

    Examples
    --------
    >>> brief_file("id", ".pdf")
    'brief_id.pdf'
    """
    return f"brief_{lang}{suffix}"


def annex_file(lang: str, suffix: str) -> str:
    """Name of the technical annex's file; it sorts right after the brief it belongs to.

    Examples
    --------
    >>> sorted([annex_file("id", ".pdf"), brief_file("id", ".pdf")])
    ['brief_id.pdf', 'brief_id_annex.pdf']
    """
    return f"brief_{lang}_annex{suffix}"
