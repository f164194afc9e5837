"""Ids that name files cannot escape the output folder."""

from __future__ import annotations

import pytest

from ikmpolicy.ids import UnsafeIdError, check_id
from ikmpolicy.pipeline import output_folder


@pytest.mark.parametrize(
    "bad", ["..", "../x", "a/b", "a\\b", "", ".hidden", "a\x00b", "a\nb", "x" * 101, "/etc", "a..b"]
)
def test_unsafe_ids_are_refused(bad):
    with pytest.raises(UnsafeIdError):
        check_id(bad)


def test_output_folder_stays_inside(tmp_path):
    assert output_folder(tmp_path, "fgd-2025-05-15") == (tmp_path / "fgd-2025-05-15").resolve()
    with pytest.raises(UnsafeIdError):
        output_folder(tmp_path, "../outside")
