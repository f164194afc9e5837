"""Reading published matrices and writing files atomically."""

from __future__ import annotations

import pytest


def test_read_matrix_csv(tmp_path):
    from ikmpolicy.io import read_matrix_csv

    path = tmp_path / "m.csv"
    path.write_text("c,a,b\na,1,1/3\nb,3,1\n", encoding="utf-8")
    m = read_matrix_csv(path)
    assert m.loc["a", "b"] == pytest.approx(1 / 3) and m.loc["b", "a"] == 3
    path.write_text("c,a,b\na,1,tiga\nb,3,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"row 2, column 'b': found 'tiga'"):
        read_matrix_csv(path)
    path.write_text("c,a,b\nb,1,3\na,1/3,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="same order"):
        read_matrix_csv(path)


def test_write_atomic_replaces_whole_files_readable_by_others(tmp_path):
    import os
    import stat

    from ikmpolicy.io import write_atomic

    target = write_atomic(tmp_path / "sub" / "a.txt", "satu")
    write_atomic(target, b"dua")
    assert target.read_bytes() == b"dua"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]  # no temporary file left
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
