"""The exceptions of ikmpolicy, in one place (after papermill's ``exceptions.py``).

Every error the package raises on purpose derives from :class:`IkmPolicyError`, so a caller (the
command line among them) catches one class and shows its message without a traceback:

* :class:`InputError` (also a :class:`ValueError`): data, a parameter or a file the user gave
  cannot be used as it is; the message names the file, row, column or value and what was expected.
* :class:`RunError`: a step could not be carried out (a notebook failed, a kernel is missing);
  the message says why in the user's terms.

Modules define narrower classes below these two (``JudgementError``, ``CodebookError``, ...) so
that tests and callers can tell them apart.

Examples
--------
>>> from ikmpolicy.mcda import JudgementError
>>> issubclass(JudgementError, InputError) and issubclass(JudgementError, ValueError)
True
"""

from __future__ import annotations

__all__ = ["IkmPolicyError", "InputError", "RunError"]


class IkmPolicyError(Exception):
    """Base class of every error ikmpolicy raises on purpose."""


class InputError(IkmPolicyError, ValueError):
    """Data, a parameter or a file that cannot be used as given."""


class RunError(IkmPolicyError, RuntimeError):
    """A step (executing a notebook, rendering a report) could not be carried out."""
