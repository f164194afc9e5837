"""Qualitative analysis of FGD statements in Bahasa Indonesia.

* :mod:`.codebook` - themes with definitions and keywords (``data/<dataset>/codebook.csv``);
* :mod:`.stemming` - confix stripping (Nazief & Adriani; CS; ECS) checked against a root list;
* :mod:`.affixes` - the stemmer's tables: suffixes, disallowed confixes, prefix rules;
* :mod:`.roots` - root lists: the shipped common roots (project-written, MIT) or your own;
* :mod:`.coding` - automatic first-pass codes with the matched words; human codes first;
* :mod:`.frequencies` - codes per session and per helix, co-occurrence, supporting quotes;
* :mod:`.intercoder` - Cohen's kappa and Krippendorff's alpha over coded segments;
* :mod:`.figures` - frequency bars and the co-occurrence heat map.
"""

from ._errors import CodebookError, FGDInputError
from .codebook import keyword_roots, load_codebook, validate_codebook
from .coding import HUMAN_COLUMNS, code_statements, final_codes, human_codes, match_codes
from .frequencies import code_frequencies, cooccurrence, long_codes, theme_quotes
from .intercoder import OVERALL, coder_agreement, human_agreement, human_auto_agreement
from .roots import RootListError, common_roots, read_roots
from .stemming import STOPWORDS, stem, stem_tokens, tokenize

__all__ = [
    "HUMAN_COLUMNS",
    "OVERALL",
    "STOPWORDS",
    "CodebookError",
    "FGDInputError",
    "RootListError",
    "code_frequencies",
    "code_statements",
    "coder_agreement",
    "common_roots",
    "cooccurrence",
    "final_codes",
    "human_agreement",
    "human_auto_agreement",
    "human_codes",
    "keyword_roots",
    "load_codebook",
    "long_codes",
    "match_codes",
    "read_roots",
    "stem",
    "stem_tokens",
    "theme_quotes",
    "tokenize",
    "validate_codebook",
]
