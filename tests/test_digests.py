"""File and record digests (``ikmpolicy.digests``) against hashlib on the whole bytes."""

import hashlib
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from ikmpolicy.digests import sha256_file, sha256_record

BLOCK = 1 << 16


@settings(max_examples=30, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=200),
        # around the reader's block size: a file read in blocks hashes as one whole
        st.integers(BLOCK - 2, 2 * BLOCK + 2).map(lambda n: bytes(range(256)) * (n // 256 + 1)),
    )
)
def test_a_file_hashes_as_its_whole_bytes(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("d") / "f.bin"
    path.write_bytes(content)
    assert sha256_file(path) == hashlib.sha256(content).hexdigest()


def test_a_record_hash_ignores_key_order_but_not_values():
    a = {"data": {"x.csv": "1"}, "code": "c", "lang": "id"}
    b = {"lang": "id", "code": "c", "data": {"x.csv": "1"}}
    assert sha256_record(a) == sha256_record(b)
    assert sha256_record(a) != sha256_record({**a, "lang": "en"})


def test_digests_import_no_pandas():
    # the brief command hashes the data before it starts a kernel, without the data libraries
    code = "import sys, ikmpolicy.digests, ikmpolicy.handover; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
