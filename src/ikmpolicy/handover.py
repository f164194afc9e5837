"""The validated dataset, handed from the ``brief`` command to each brief's kernel.

``ikmpolicy brief`` validates the data before any brief starts, so that bad data is refused in
seconds. The brief notebook, run by papermill in a kernel of its own, then validated the same
files again: about 1.5 s of each brief on the sample data, once per brief of a batch. The
command now writes its validated :class:`~ikmpolicy.validation.Dataset` once, to a file in a
private temporary folder, and names that file to each kernel in the environment variable
:data:`ENV`. :func:`~ikmpolicy.report.sections.load_context` takes the dataset from it only
when the data it is asked for is, byte for byte, the data that was validated (the same path,
as written and resolved, and the SHA-256 of every file read) and the package's source is unchanged
(:func:`ikmpolicy.batch.code_fingerprint`). Otherwise, and whenever the file is missing or
cannot be read (a Dask worker on another machine), the kernel validates the data itself, as it
always did; the brief is the same either way. A notebook opened in JupyterLab never sees the
variable.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from pathlib import Path

from ikmpolicy.digests import sha256_file, sha256_record

__all__ = ["ENV", "handed_over", "handover_file", "write_handover"]

#: The environment variable that names the handed-over dataset to a brief's kernel
ENV = "IKMPOLICY_VALIDATED_DATASET"
_FILE = "validated-dataset.pickle"


def handover_file(folder: str | Path) -> Path:
    """The file :func:`write_handover` writes in ``folder`` (known before the data are
    validated: the brief command names it to a kernel it starts meanwhile)."""
    return Path(folder) / _FILE


def write_handover(dataset, data: str | Path, folder: str | Path) -> Path:
    """Write ``dataset``, validated from ``data``, to ``folder``; return the file to hand over.

    ``folder`` should be private to this run (a temporary folder of the user's own): the file
    is a pickle, which the kernel loads.
    """
    key = _key(data, ((f.path, f.sha256) for f in dataset.files))
    path = handover_file(folder)
    with open(path, "wb") as handle:
        pickle.dump({"key": key, "dataset": dataset}, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def handed_over(data: str | Path, path: str | Path | None = None):
    """The dataset handed over for ``data`` in ``path`` (default: the file :data:`ENV` names;
    see the module notes), or None.

    None when there is no such file or it cannot be read, or when ``data`` or the code changed
    since the dataset was validated: the caller then validates the data.
    """
    path = path or os.environ.get(ENV)
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            record = pickle.load(handle)
        dataset = record["dataset"]
        files = [(f.path, f.sha256) for f in dataset.files]
        current = _key(data, ((name, sha256_file(_base(data) / name)) for name, _ in files))
    except Exception:  # noqa: BLE001 - any unreadable handover: validate as if there were none
        return None
    return dataset if current == record["key"] else None


def _base(data: str | Path) -> Path:
    """The folder the dataset's file paths are relative to (a workbook's own folder)."""
    root = Path(data).resolve()
    return root if root.is_dir() else root.parent


def _key(data: str | Path, files: Iterable[tuple[str, str]]) -> str:
    from ikmpolicy.batch import code_fingerprint

    record = {
        "data": str(data),  # as written: the dataset's root, shown in provenance
        "resolved": str(Path(data).resolve()),
        "files": sorted(files),
        "code": code_fingerprint()["source_sha256"],
    }
    return sha256_record(record)
