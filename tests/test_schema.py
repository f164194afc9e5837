"""The schema: declared once, described in two languages, its data dictionary current."""

from __future__ import annotations

from pathlib import Path

import pytest

from ikmpolicy.schema import (
    BOOLEAN_FALSE,
    BOOLEAN_TRUE,
    TABLE_ORDER,
    TABLES,
    data_dictionary,
    data_dictionary_document,
)

DOC = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"


def test_the_committed_data_dictionary_is_the_generated_one():
    """Regenerate with: python -c "from ikmpolicy.schema import data_dictionary_document as d;
    open('docs/data-dictionary.md', 'w').write(d())" """
    assert DOC.read_text(encoding="utf-8") == data_dictionary_document()


def test_every_table_and_column_is_described_in_both_languages():
    for table in TABLES.values():
        assert table.description and table.description_id, table.name
        for col in table.columns:
            assert col.description and col.description_id, f"{table.name}.{col.name}"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_dictionary_lists_every_column_with_its_properties(lang):
    text = data_dictionary(lang)
    for name in TABLE_ORDER:
        assert f"## {name}\n" in text
        for col in TABLES[name].columns:
            assert f"| `{col.name}` |" in text
    yes = {"en": "yes", "id": "ya"}[lang]
    line = next(row for row in text.splitlines() if row.startswith("| `owner_phone` |"))
    cells = [c.strip() for c in line.split("|")[1:-1]]
    assert cells[1] == ("text" if lang == "en" else "teks") and cells[5] == yes  # personal
    assert "`sub_sectors.sub_sector`" in text and "from 1 to 99" in data_dictionary("en")
    with pytest.raises(ValueError, match="language"):
        data_dictionary("fr")


def test_boolean_spellings_are_declared_once_and_disjoint():
    assert not set(BOOLEAN_TRUE) & set(BOOLEAN_FALSE)
    assert all(v == v.lower() for v in BOOLEAN_TRUE + BOOLEAN_FALSE)
