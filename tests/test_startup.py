"""Start-up: jsonschema's IRI grammars are deferred to first use, and answers do not change."""

from __future__ import annotations

import json
import subprocess
import sys

from rfc3987_syntax import is_valid_syntax  # pinned: JupyterLab's dependencies install it

IRIS = ["https://example.org/ü", "urn:isbn:0451450523", "not an iri", "http://[::1", ""]

PROBE = f"""
import json, sys
import ikmpolicy.pipeline
compiled_at_import = "lark" in sys.modules
from jsonschema import FormatChecker
answers = [FormatChecker().conforms(v, f) for v in {IRIS!r} for f in ("iri", "iri-reference")]
print(json.dumps([compiled_at_import, answers]))
"""


def test_importing_the_pipeline_compiles_no_grammar_and_iris_are_judged_as_before():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    compiled_at_import, answers = json.loads(out)
    expected = [is_valid_syntax(t, v) for v in IRIS for t in ("iri", "iri_reference")]
    assert compiled_at_import is False
    assert answers == expected
    assert True in answers and False in answers
