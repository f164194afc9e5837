"""The error of the agreement statistics.

Examples
--------
>>> from ikmpolicy.errors import InputError
>>> issubclass(AgreementError, InputError) and issubclass(AgreementError, ValueError)
True
"""

from __future__ import annotations

from ikmpolicy.errors import InputError

__all__ = ["AgreementError"]


class AgreementError(InputError):
    """Ratings or codes that an agreement statistic cannot use (too few raters or units, no
    variation, labels outside the categories, an unknown option); the message says which."""
