"""A day given as a parameter in text (``--as-of``, a notebook's ``as_of``): its one reading.

Kept apart from :mod:`ikmpolicy.sessions`, with only the standard library, so that the command
line reads ``--as-of`` before it imports pandas: one brief's kernel is started ahead of the data,
and pandas' import would hold it up. :func:`ikmpolicy.sessions.parse_day` reads a text through
this module, so the command and the notebooks cannot read a day differently.
"""

from __future__ import annotations

import datetime as dt
import re

from ikmpolicy.errors import InputError

__all__ = ["DayParameterError", "day_from_text"]

#: A day as a parameter is written: ``YYYY-MM-DD``, optionally with a time of day (ignored)
_DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


class DayParameterError(InputError):
    """A parameter that should be a day (``as_of``, ``assessment_date``) and is not."""


def day_from_text(text: str, parameter: str) -> dt.date:
    """The day a text ``YYYY-MM-DD`` names; a time of day after it is checked, then dropped.

    A text in another form is refused rather than guessed: ``01/12/2025`` is 12 January to
    pandas and 1 December to an Indonesian analyst.

    Parameters
    ----------
    text : str
        The parameter as given; spaces around it are ignored.
    parameter : str
        The parameter's name, for the message.

    Returns
    -------
    datetime.date

    Raises
    ------
    DayParameterError
        Another form, or a day or time that does not exist (``2025-02-30``, ``24:00``).

    Examples
    --------
    >>> day_from_text(" 2025-12-01 15:30 ", "--as-of")
    datetime.date(2025, 12, 1)
    >>> try:
    ...     day_from_text("2025-02-30", "--as-of")
    ... except DayParameterError as exc:
    ...     print(exc)
    --as-of: found '2025-02-30'; expected a date YYYY-MM-DD
    """
    stripped = text.strip()
    if _DAY_TEXT.fullmatch(stripped):
        try:
            return dt.datetime.fromisoformat(stripped).date()
        except ValueError:
            pass  # an impossible day or time: refused below, with the same message
    raise DayParameterError(f"{parameter}: found {text!r}; expected a date YYYY-MM-DD")
