"""The error of the agreement statistics.

Examples
--------
>>> from ikmpolicy.errors import InputError
>>> issubclass(AgreementError, InputError) and issubclass(AgreementError, ValueError)
True
"""

from __future__ import annotations

from ikmpolicy.errors import InputError

__all__ = ["AgreementError", "NoRankingError"]


class AgreementError(InputError):
    """Ratings or codes that an agreement statistic cannot use (too few raters or units, no
    variation, labels outside the categories, an unknown option); the message says which."""


class NoRankingError(AgreementError):
    """Every rater gave all items the same score: they agree, but rank nothing, so a
    concordance statistic (Kendall's W with the tie correction) is 0/0. A caller that can say
    so in words catches this one case; ``result`` is the statistic's usual result with the
    undefined values NaN."""

    def __init__(self, message: str, result=None):
        super().__init__(message)
        self.result = result
