"""What made a brief: data files and checksums, parameters, code version, package versions.

Nothing here depends on the clock, so the same inputs give the same provenance block.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import ikmpolicy

#: Packages whose versions can change a number or a picture in a brief.
KEY_PACKAGES = (
    "pandas",
    "numpy",
    "scipy",
    "matplotlib",
    "babel",
    "papermill",
    "nbconvert",
    "weasyprint",
)


def code_version(path: str | Path | None = None) -> str:
    """The git commit of the code (``+dirty`` when files differ from it), or a plain statement.

    Examples
    --------
    >>> isinstance(code_version(), str)
    True
    """
    where = Path(path) if path else Path(ikmpolicy.__file__).resolve().parent
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=where,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=where,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"
    return commit + ("+dirty" if dirty else "")


def package_versions() -> dict[str, str]:
    """Versions of Python, ikmpolicy and the key packages."""
    versions = {"python": sys.version.split()[0], "ikmpolicy": ikmpolicy.__version__}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
