"""Ids that name a file or folder (an FGD id, an output name) are checked before use."""

from __future__ import annotations

import re

from ikmpolicy.errors import InputError

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class UnsafeIdError(InputError):
    """An id would escape the output folder or is not a plain name."""


def check_id(value: str, what: str = "id") -> str:
    """Return ``value`` if it is a plain name: letters, digits, ``.``, ``_``, ``-``; no ``..``.

    Examples
    --------
    >>> check_id("fgd-2025-05-15")
    'fgd-2025-05-15'
    >>> check_id("../etc")
    Traceback (most recent call last):
    ...
    ikmpolicy.ids.UnsafeIdError: id '../etc' is not a plain name: ...
    """
    if not isinstance(value, str) or not _SAFE.match(value) or ".." in value:
        raise UnsafeIdError(
            f"{what} {value!r} is not a plain name: use letters, digits, '.', '_' and '-' "
            "(at most 100, no '..', no path separators or control characters)"
        )
    return value
