"""The two errors of the readiness index: a bad choice, or data that cannot be used.

Both are :class:`~ikmpolicy.errors.InputError` (so also :class:`ValueError`), and they are kept
apart so that a caller can tell "change a parameter" from "fix the data":

* :class:`IndexSpecError` — a choice or the specification of the index is wrong: an unknown
  method, weights that do not match the indicators, an indicator table (metadata) that
  contradicts itself, a Monte Carlo with nothing uncertain. The fix is a different choice.
* :class:`IndexDataError` — the assessments or firms given cannot be used as they are: a score
  outside the indicator's scale, a non-numeric value, a firm assessed twice, an indicator nobody
  answered, no firm with enough data to be ranked. The fix is in the data.

Examples
--------
>>> from ikmpolicy.errors import InputError
>>> issubclass(IndexDataError, InputError), issubclass(IndexDataError, IndexSpecError)
(True, False)
"""

from __future__ import annotations

from ikmpolicy.errors import InputError

__all__ = ["IndexDataError", "IndexSpecError"]


class IndexSpecError(InputError):
    """A choice or the specification (indicator metadata) that the readiness index cannot use.

    The message names the choice, indicator or dimension at fault and what was expected, e.g.
    ``indicator 'licensing': direction must be +1 or -1, got 0``.
    """


class IndexDataError(InputError):
    """Assessment or firm data that the readiness index cannot use as given.

    The message names the indicator, firm and value at fault and what was expected, e.g.
    ``indicator 'licensing': firm 'IKM003' has 7.0, outside the scale [1.0, 5.0]``.
    """
