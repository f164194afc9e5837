"""The Excel template: what it holds, that it validates, and that a new city filled in it
makes a brief (validate and brief agree)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from ikmpolicy import synthetic
from ikmpolicy.schema import TABLE_ORDER, TABLES, table_columns
from ikmpolicy.validation import load_dataset
from ikmpolicy.workbook import (
    EVIDENCE_TABLES,
    INSTRUCTIONS_SHEET,
    REFERENCE_TABLES,
    TemplateError,
    safe_cell,
    write_template,
)

CITY = "Kota Contoh"
FGD = "fgd-kota-contoh-2025-06-10"


@pytest.fixture(scope="module")
def template(tmp_path_factory, sample) -> Path:
    return write_template(tmp_path_factory.mktemp("template") / "template.xlsx", sample)


def test_the_template_has_instructions_in_both_languages(template):
    book = load_workbook(template)
    assert book.sheetnames[0] == INSTRUCTIONS_SHEET
    text = "\n".join(
        str(c.value) for row in book[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value
    )
    for words in (
        "Cara mengisi",
        "How to fill it in",
        "DD/MM/YYYY",
        "3,5",
        "CONTOH-",
        "python -m ikmpolicy validate template.xlsx",
        "data pribadi",
        "personal data",
    ):
        assert words in text
    for name in TABLE_ORDER:
        assert TABLES[name].description in text and TABLES[name].description_id in text


def test_reference_tables_are_copied_with_the_organisations_they_name(template, sample):
    book = load_workbook(template)
    for name in REFERENCE_TABLES:
        examples = 1 if name == "sources" else 0
        assert book[name].max_row - 1 == len(sample[name]) + examples, name
    stakeholders = {row[0].value for row in book["stakeholders"].iter_rows(min_row=2)}
    assert set(sample["publisher"]["org_id"]) <= stakeholders
    assert set(sample["interventions"]["owner_id"].dropna()) <= stakeholders


def test_every_evidence_sheet_has_an_example_row(template):
    book = load_workbook(template)
    for name in EVIDENCE_TABLES:
        rows = list(book[name].iter_rows(min_row=2, values_only=True))
        header = [c.value for c in book[name][1]]
        key = header.index(TABLES[name].key[0])
        examples = [r for r in rows if str(r[key]).startswith("CONTOH-")]
        assert examples, name
        if "synthetic" in header:
            assert all(r[header.index("synthetic")] == "true" for r in examples)


def test_headers_are_protected_data_cells_are_not_and_nothing_is_a_formula(template):
    book = load_workbook(template)
    for name in TABLE_ORDER:
        sheet = book[name]
        assert sheet.protection.sheet and not sheet.protection.insertRows
        assert sheet["A1"].protection.locked
        assert not sheet.column_dimensions["A"].protection.locked
        for row in sheet.iter_rows():
            for c in row:
                assert c.data_type != "f" and not str(c.value or "").startswith("=")


def test_data_validation_for_numbers_dates_booleans_and_lists(template, sample):
    book = load_workbook(template)

    def rules(sheet: str) -> dict[str, object]:
        header = [c.value for c in book[sheet][1]]
        out = {}
        for rule in book[sheet].data_validations.dataValidation:
            letter = str(rule.sqref).split(":")[0].rstrip("0123456789")
            out[header[ord(letter) - ord("A")] if len(letter) == 1 else letter] = rule
        return out

    firms = rules("firms")
    assert firms["workforce"].type == "whole" and (
        firms["workforce"].formula1,
        firms["workforce"].formula2,
    ) == ("1", "99")
    assert firms["revenue_idr"].type == "decimal"
    assert firms["has_nib"].type == "list" and firms["sub_sector"].type == "list"
    assert firms["sub_sector"].formula1 == "=sub_sectors!$A$2:$A$5000"
    assert rules("assessments")["assessment_date"].type == "date"
    assert rules("fgd_sessions")["kind"].type == "list"
    values = rules("pairwise")
    assert "value" not in values  # 1/3 is text: the column is formatted as text instead
    header = [c.value for c in book["pairwise"][1]]
    letter = chr(ord("A") + header.index("value"))
    assert book["pairwise"].column_dimensions[letter].number_format == "@"
    date_letter = chr(ord("A") + [c.value for c in book["assessments"][1]].index("assessment_date"))
    assert book["assessments"].column_dimensions[date_letter].number_format == "DD/MM/YYYY"


def test_the_template_validates_and_its_examples_are_valid_data(template, tmp_path):
    ds = load_dataset(template)
    assert ds.report.errors == []
    assert sum(c.examples for c in ds.report.counts.values()) >= len(EVIDENCE_TABLES)
    assert ds["firms"].empty and ds["fgd_sessions"].empty
    # with the CONTOH- prefix removed, the example rows are accepted as data
    book = load_workbook(template)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and "CONTOH-" in c.value:
                    c.value = c.value.replace("CONTOH-", "")
    stripped = tmp_path / "stripped.xlsx"
    book.save(stripped)
    ds = load_dataset(stripped)
    assert ds.report.errors == []
    # the one warning left is due: the catalogue copied from the sample keeps the sample's
    # leads, who took part in no session of this workbook (its one example session)
    warned = {(p.location, p.column) for p in ds.report.warnings}
    assert warned == {("stripped.xlsx [interventions]", "owner_id")}
    assert len(ds["firms"]) == 1 and len(ds["pairwise"]) >= 1 and len(ds["assessments"]) == 1


def test_the_template_without_data_and_a_wrong_name(tmp_path):
    path = write_template(tmp_path / "empty.xlsx")
    ds = load_dataset(path)
    assert all(c.read == 0 for c in ds.report.counts.values())
    with pytest.raises(TemplateError, match=".xlsx"):
        write_template(tmp_path / "x.csv")


def test_safe_cells():
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell(float("nan")) is None and safe_cell(3) == 3


# -- a new city, filled in programmatically -------------------------------------------------


def _append(book, name: str, records: list[dict]) -> None:
    sheet = book[name]
    header = [c.value for c in sheet[1]]
    for record in records:
        sheet.append([record.get(h) for h in header])


def _sub_type(sample, helix: str) -> str:
    st = sample["sub_types"]
    return str(st.loc[st["classic_helix"] == helix, "sub_type"].iloc[0])


def fill_city(template: Path, target: Path, sample) -> Path:
    """Fill the template as an analyst of another city would (Excel values, DD/MM/YYYY typed
    dates, decimal commas, 1/3 as text), keeping the example rows."""
    book = load_workbook(template)
    source = "survei-kota-contoh-2025"
    _append(
        book,
        "sources",
        [
            {
                "source_id": source,
                "publisher": "Dinas Kota Contoh",
                "title": "Survei IKM Kota Contoh 2025",
                "synthetic": True,
            }
        ],
    )
    orgs = [
        ("disperindag_contoh", "Dinas Perindustrian Kota Contoh", "government"),
        ("pt_baja_contoh", "PT Baja Contoh", "business"),
        ("universitas_contoh", "Universitas Kota Contoh", "academia"),
        ("forum_ikm_contoh", "Forum Warga IKM Contoh", "community"),
        ("radio_contoh", "Radio Kota Contoh", "media"),
    ]
    _append(
        book,
        "stakeholders",
        [
            {
                "org_id": o,
                "name": n,
                "helix": h,
                "sub_type": _sub_type(sample, h),
                "level": "city",
                "city": CITY,
                "power": 3.5,
                "interest": "4,5",
                "source_id": source,
            }
            for o, n, h in orgs
        ],
    )
    _append(
        book,
        "fgd_sessions",
        [
            {
                "session_id": FGD,
                "title": f"FGD Kemitraan IKM Logam {CITY}",
                "date": "2025-06-10",
                "date_precision": "day",
                "city": CITY,
                "organiser": "disperindag_contoh",
                "kind": "fgd",
                "participants": 30,
                "source_id": source,
            },
            {
                "session_id": "monitoring-kota-contoh-2025-09",
                "title": f"Pemantauan {CITY}",
                "date": "2025-09",
                "date_precision": "month",
                "city": CITY,
                "kind": "monitoring",
                "source_id": source,
            },
        ],
    )
    _append(
        book,
        "participation",
        [
            {"session_id": FGD, "org_id": o, "role": role, "source_id": source}
            for (o, _, _), role in zip(
                orgs, ["organiser", "speaker", "speaker", "participant", "participant"], strict=True
            )
        ],
    )
    _append(
        book,
        "statements",
        [
            {
                "statement_id": f"s-{k}",
                "session_id": FGD,
                "org_id": o,
                "speaker_office": office,
                "kind": "position",
                "quote": "tidak",
                "text": text,
                "source_id": source,
            }
            for k, (o, office, text) in enumerate(
                [
                    (
                        "disperindag_contoh",
                        "Kepala Dinas",
                        "Kami mendorong kemitraan IKM dengan industri besar di Kota Contoh.",
                    ),
                    (
                        "pt_baja_contoh",
                        "Manajer Pengadaan",
                        "Pemasok harus memenuhi standar mutu dan sertifikasi SNI.",
                    ),
                    (
                        "universitas_contoh",
                        "Dosen Teknik Mesin",
                        "Kampus siap memberi pelatihan sumber daya manusia.",
                    ),
                ],
                start=1,
            )
        ],
    )
    themes = list(sample["codebook"]["code"])
    _append(
        book,
        "commitments",
        [
            {
                "commitment_id": "k-1",
                "session_id": FGD,
                "org_id": "disperindag_contoh",
                "text": "Pelatihan mutu untuk 20 IKM",
                "theme": themes[0],
                "due_date": "2025-12",
                "due_precision": "month",
                "status": "planned",
                "source_id": source,
            },
            {
                "commitment_id": "k-2",
                "session_id": FGD,
                "org_id": "pt_baja_contoh",
                "partner_ids": "disperindag_contoh",
                "text": "Temu bisnis dengan IKM",
                "theme": themes[-1],
                "due_precision": "unknown",
                "status": "unknown",
                "source_id": source,
            },
        ],
    )
    firms = synthetic.generate_firms(20, seed=7, sub_sectors=sample["sub_sectors"])
    firms["firm_id"] = [f"KC-{k:03d}" for k in range(1, 21)]
    firms["source_id"] = source
    records = []
    for k, firm in enumerate(firms.to_dict("records")):
        firm = {c: (v.item() if hasattr(v, "item") else v) for c, v in firm.items()}
        if k % 4 == 0:  # an Indonesian Excel user types thousands with dots
            firm["revenue_idr"] = f"{int(firm['revenue_idr']):,}".replace(",", ".")
        records.append(firm)
    _append(book, "firms", records)
    indicators = list(sample.indicators["indicator"])
    scores = synthetic.generate_assessments(
        firms, indicators, seed=7, dates=("2025-03-10", "2025-09-15")
    )
    rows = []
    for record in scores.to_dict("records"):
        record = {
            c: (None if isinstance(v, float) and np.isnan(v) else v) for c, v in record.items()
        }
        # the baseline typed DD/MM/YYYY as text, the follow-up as Excel dates
        record["assessment_date"] = (
            "10/03/2025" if record["assessment_date"] == "2025-03-10" else dt.datetime(2025, 9, 15)
        )
        record["source_id"] = source
        rows.append(record)
    _append(book, "assessments", rows)
    respondents = pd.DataFrame(
        {
            "session_id": FGD,
            "respondent_id": ["R1", "R2", "R3", "R4"],
            "org_id": [o for o, _, _ in orgs[:4]],
        }
    )
    helix = {o: h for o, _, h in orgs}
    criteria = list(dict.fromkeys(sample.indicators["dimension"]))
    pairwise = synthetic.generate_pairwise(respondents, criteria, helix, seed=7)
    pairwise["source_id"] = source
    _append(book, "pairwise", pairwise.to_dict("records"))
    publisher = book["publisher"]
    publisher.delete_rows(2, publisher.max_row)
    _append(
        book,
        "publisher",
        [
            {
                "publisher_id": "disperindag-contoh",
                "org_id": "disperindag_contoh",
                "series_id": "Risalah Kebijakan",
                "series_en": "Policy Brief",
                "contact": "dinas@contoh.go.id",
                "region": CITY,
                "sector_id": "IKM logam",
                "sector_en": "metal-working IKM",
                "source_id": source,
            }
        ],
    )
    book.save(target)
    return target


def test_a_new_city_filled_in_the_template_validates_and_makes_a_brief(
    template, tmp_path, sample, monkeypatch
):
    from ikmpolicy.pipeline import run_brief

    data = fill_city(template, tmp_path / "kota-contoh.xlsx", sample)
    ds = load_dataset(data)
    assert ds.report.errors == [], ds.report.summary()
    assert len(ds["firms"]) == 20 and ds["firms"]["revenue_idr"].gt(0).all()
    assert set(ds["assessments"]["assessment_date"].dt.strftime("%Y-%m-%d")) == {
        "2025-03-10",
        "2025-09-15",
    }
    assert ds["pairwise"]["respondent_id"].nunique() == 4
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    files = run_brief(FGD, "id", str(data), str(tmp_path / "reports"))
    html = files.html.read_text(encoding="utf-8")
    assert CITY in html and files.pdf.stat().st_size > 0
    assert str(tmp_path) not in html.split("provenance")[0]


def test_the_columns_of_every_sheet_are_the_schema_columns(template, sample):
    book = load_workbook(template)
    for name in TABLE_ORDER:
        header = [c.value for c in book[name][1]]
        assert header == [c.name for c in table_columns(name, sample.indicators)], name
