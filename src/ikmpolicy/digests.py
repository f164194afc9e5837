"""SHA-256 digests of files and of records, with the standard library only.

One place for the hashes that key provenance, the batch's skip-if-current manifests and the
dataset handed to a brief's kernel. The module loads no pandas, so the brief command can use it
before it starts a kernel.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def sha256_file(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read in blocks.

    Examples
    --------
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = os.path.join(tmp, "a.txt")
    ...     _ = open(p, "wb").write(b"abc")
    ...     sha256_file(p) == hashlib.sha256(b"abc").hexdigest()
    True
    """
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_record(record: dict) -> str:
    """Hex SHA-256 of a JSON-serialisable record, independent of its keys' order.

    Examples
    --------
    >>> sha256_record({"a": 1, "b": [2]}) == sha256_record({"b": [2], "a": 1})
    True
    """
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode("utf-8")).hexdigest()
