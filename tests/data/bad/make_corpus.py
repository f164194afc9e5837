"""Write the corpus of broken and careless inputs in ``tests/data/bad/`` (fixed content).

Run ``python tests/data/bad/make_corpus.py`` from the project folder to (re)write every file and
the manifest ``README.md``; the same call into another folder gives the same bytes (the tests
check this). Each case names what it tests and what ``ikmpolicy validate`` must say.

* ``<table>__<case>.csv`` replaces ``<table>.csv`` in a copy of the sample ``data/cilegon``;
* ``book__<case>.xlsx`` is a whole workbook: a small valid dataset built from the sample (all
  tables; the first 12 firms, their assessments and 3 respondents per session), then broken.

An expectation ``(severity, table, row, column, value, expected)`` asks for a problem of that
severity whose location names the table (and row and column when given), whose value contains
``value`` and whose expectation contains ``expected`` (None: not checked). A read value
``(table, key column, key, column, value)`` asks for that value in the clean table.
"""

from __future__ import annotations

import bz2  # noqa: F401  (zipfile needs it for the bzip2 bomb)
import csv
import datetime as dt
import io
import re
import struct
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SAMPLE = ROOT / "data" / "cilegon"
FIXED_TIME = (2025, 5, 15, 0, 0, 0)
BASE_FIRMS = 12
BASE_RESPONDENTS = ("R01", "R02", "R03")


@dataclass
class Case:
    """One file of the corpus and what validation must say about it."""

    file: str
    what: str
    outcome: str
    build: Callable[[], bytes] = field(repr=False)
    problems: list[tuple] = field(default_factory=list)
    values: list[tuple] = field(default_factory=list)
    exit: int | None = None
    #: strings that must never appear in the output (personal data)
    never: list[str] = field(default_factory=list)

    @property
    def table(self) -> str | None:
        """The table a CSV file replaces (None for a workbook)."""
        return self.file.split("__")[0] if self.file.endswith(".csv") else None


# -- CSV helpers ----------------------------------------------------------------------------


def sample_rows(table: str) -> list[list[str]]:
    """The sample's rows (pairwise: the first three respondents of each session, to keep the
    corpus small)."""
    with open(SAMPLE / f"{table}.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    if table == "pairwise":
        k = rows[0].index("respondent_id")
        rows = rows[:1] + [r for r in rows[1:] if r[k] in BASE_RESPONDENTS]
    return rows


def text_of(rows: list[list[str]], delimiter: str = ",", terminator: str = "\n") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return buffer.getvalue()


def edited(table: str, *edits: tuple[int, str, str]) -> list[list[str]]:
    """Sample rows with cells set: ``(row as a spreadsheet shows it, column, value)``."""
    rows = sample_rows(table)
    for row, column, value in edits:
        rows[row - 1][rows[0].index(column)] = value
    return rows


def csv_case(table: str, *edits, delimiter: str = ",", encoding: str = "utf-8"):
    return lambda: text_of(edited(table, *edits), delimiter).encode(encoding)


def drop_column(table: str, column: str) -> Callable[[], bytes]:
    def build() -> bytes:
        rows = sample_rows(table)
        k = rows[0].index(column)
        return text_of([r[:k] + r[k + 1 :] for r in rows]).encode()

    return build


def rename_headers(table: str, names: dict[str, str]) -> Callable[[], bytes]:
    def build() -> bytes:
        rows = sample_rows(table)
        rows[0] = [names.get(h, h) for h in rows[0]]
        return text_of(rows).encode()

    return build


def raw_text(text: str, encoding: str = "utf-8") -> Callable[[], bytes]:
    return lambda: text.encode(encoding)


def lines_of(table: str) -> list[str]:
    return (SAMPLE / f"{table}.csv").read_text(encoding="utf-8").splitlines()


# -- the CSV cases --------------------------------------------------------------------------


def _firms_shifted() -> bytes:
    lines = lines_of("firms")
    # an unquoted comma in the business name of IKM-002 (row 3) shifts its cells right
    lines[2] = lines[2].replace("PT Prima Makmur", "PT Prima, Makmur")
    return ("\n".join(lines) + "\n").encode()


def _statements_multiline() -> bytes:
    rows = edited("statements", (3, "text", "Baris pertama\nbaris kedua, dengan koma"))
    return text_of(rows).encode()


SIMPLE = (
    "{id},fgd-2025-05-15,disperindag_cilegon,Kepala,position,true,{text},faktabanten-2025-05-15"
)


def _statements_unclosed_eof() -> bytes:
    lines = lines_of("statements")
    # the last row opens a quote that nothing closes: the reader runs to the end of the file
    lines.append(
        'st-099,fgd-2025-05-15,disperindag_cilegon,Kepala,position,true,"tanpa tutup,'
        "faktabanten-2025-05-15"
    )
    return ("\n".join(lines) + "\n").encode()


def _statements_unclosed_middle() -> bytes:
    lines = lines_of("statements")[:2]
    # row 3 opens a quote; only a quote in the fifth line closes it: two rows are swallowed
    lines.append(SIMPLE.format(id="st-090", text='"buka kutip').rsplit(",", 1)[0])
    lines.append(SIMPLE.format(id="st-091", text="teks biasa"))
    lines.append(SIMPLE.format(id="st-092", text="teks biasa"))
    lines.append(SIMPLE.format(id="st-093", text='tutup" di sini'))
    lines.append(SIMPLE.format(id="st-094", text="sesudahnya"))
    return ("\n".join(lines) + "\n").encode()


def _statements_line_endings() -> bytes:
    rows = sample_rows("statements")
    out = []
    for k, row in enumerate(rows):
        out.append(
            text_of([row]).rstrip("\n") + ("\r\n" if k % 3 == 0 else "\r" if k % 3 == 1 else "\n")
        )
    return "".join(out).encode()


def _statements_u2028() -> bytes:
    rows = edited("statements", (4, "speaker_office", "Kepala\u2028Bidang Industri"))
    return text_of(rows).encode()


def _codebook_header_only() -> bytes:
    return (lines_of("codebook")[0] + "\n").encode()


def _firms_blank_rows() -> bytes:
    lines = lines_of("firms")
    lines.insert(3, ",,,,,,,,,,,,,,,,")
    lines.insert(6, "")
    return ("\n".join(lines) + "\n").encode()


def _firms_empty_header() -> bytes:
    rows = sample_rows("firms")
    rows[0].append("")
    for k, row in enumerate(rows[1:], start=1):
        row.append("catatan" if k < 4 else "")
    return text_of(rows).encode()


def _firms_two_empty_keys() -> bytes:
    return text_of(edited("firms", (2, "firm_id", ""), (3, "firm_id", ""))).encode()


def _firms_is_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("xl/workbook.xml", FIXED_TIME)
        archive.writestr(info, "<workbook/>")
    return buffer.getvalue()


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _utf16_tab() -> bytes:
    return ("\ufeff" + text_of(sample_rows("sub_sectors"), "\t", "\r\n")).encode("utf-16-le")


def _pairwise_not_reciprocal() -> bytes:
    rows = sample_rows("pairwise")
    head = rows[0]
    first = rows[1]
    back = list(first)
    back[head.index("criterion_a")], back[head.index("criterion_b")] = (
        first[head.index("criterion_b")],
        first[head.index("criterion_a")],
    )
    back[head.index("value")] = "3"  # the first row says 1/4: reciprocal would be 4
    rows.insert(2, back)
    return text_of(rows).encode()


def _pairwise_disconnected() -> bytes:
    rows = sample_rows("pairwise")
    head = rows[0]
    who = (rows[1][head.index("session_id")], rows[1][head.index("respondent_id")])
    a_col, b_col = head.index("criterion_a"), head.index("criterion_b")
    kept = [rows[0]]
    for row in rows[1:]:
        mine = (row[head.index("session_id")], row[head.index("respondent_id")]) == who
        # respondent R01 keeps only the judgements that do not touch digital_marketing
        if mine and "digital_marketing" in (row[a_col], row[b_col]):
            continue
        kept.append(row)
    return text_of(kept).encode()


def _codebook_edit(column: str, value: str, row: int = 3) -> Callable[[], bytes]:
    return csv_case("codebook", (row, column, value))


def _long_required() -> bytes:
    return text_of(edited("statements", (2, "text", "panjang " * 5000))).encode()


def _long_optional() -> bytes:
    return text_of(edited("firms", (2, "business_name", "UD " + "x" * 200_000))).encode()


def _wrong_file() -> bytes:
    return (SAMPLE / "stakeholders.csv").read_bytes()


def _semicolon_decimal_comma() -> bytes:
    rows = edited("firms", (2, "revenue_idr", "4.293.000.000"), (2, "capacity_yearly", "890,5"))
    return text_of(rows, ";").encode()


def _semicolon_lone_thousands() -> bytes:
    rows = edited("firms", (2, "capacity_yearly", "1.480"))
    return text_of(rows, ";").encode()


def _dates(values: dict[int, str]) -> Callable[[], bytes]:
    return csv_case("assessments", *[(row, "assessment_date", v) for row, v in values.items()])


CSV_CASES = [
    # wrong types
    Case(
        "firms__wrong_int.csv",
        "text in a whole-number column (required)",
        "error at row 3, column workforce; the row is rejected",
        csv_case("firms", (3, "workforce", "dua belas")),
        [("error", "firms", 3, "workforce", "dua belas", "whole number")],
        exit=2,
    ),
    Case(
        "firms__float_in_int.csv",
        "a decimal in a whole-number column",
        "error at row 4, column workforce",
        csv_case("firms", (4, "workforce", "12.5")),
        [("error", "firms", 4, "workforce", "12.5", "whole number")],
        exit=2,
    ),
    Case(
        "firms__wrong_bool.csv",
        "a word that is not true/false",
        "error at row 2, column has_nib",
        csv_case("firms", (2, "has_nib", "mungkin")),
        [("error", "firms", 2, "has_nib", "mungkin", "true/false")],
        exit=2,
    ),
    Case(
        "firms__bool_spellings.csv",
        "true/false written ya/Tidak/Y/0",
        "read as booleans, no problem",
        csv_case(
            "firms",
            (2, "has_nib", "ya"),
            (3, "has_nib", "Tidak"),
            (4, "has_sni", "Y"),
            (5, "has_sni", "0"),
        ),
        values=[
            ("firms", "firm_id", "IKM-001", "has_nib", True),
            ("firms", "firm_id", "IKM-002", "has_nib", False),
            ("firms", "firm_id", "IKM-003", "has_sni", True),
        ],
        exit=0,
    ),
    Case(
        "assessments__score_text_optional.csv",
        "text in an optional score",
        "warning at row 2, column product_quality; the cell is left empty, the row kept",
        csv_case("assessments", (2, "product_quality", "tiga")),
        [("warning", "assessments", 2, "product_quality", "tiga", "left empty")],
        values=[("assessments", "_row", 2, "product_quality", None)],
        exit=0,
    ),
    Case(
        "stakeholders__power_text.csv",
        "text in an optional score 0-5",
        "warning at row 2, column power; cell left empty",
        csv_case("stakeholders", (2, "power", "tinggi")),
        [("warning", "stakeholders", 2, "power", "tinggi", "left empty")],
        exit=0,
    ),
    Case(
        "indicators__scale_reversed.csv",
        "scale_min above scale_max",
        "error at row 2, column scale_max; rows needing the indicator follow it, counted",
        csv_case("indicators", (2, "scale_min", "5"), (2, "scale_max", "1")),
        [("error", "indicators", 2, "scale_max", "1", "above scale_min")],
        exit=2,
    ),
    Case(
        "indicators__direction_2.csv",
        "direction 2 (not +1 or -1)",
        "error at row 3, column direction (validation does not fail on its own report)",
        csv_case("indicators", (3, "direction", "2")),
        [("error", "indicators", 3, "direction", "2", None)],
        exit=2,
    ),
    Case(
        "indicators__direction_zero.csv",
        "direction 0",
        "error at row 4, column direction",
        csv_case("indicators", (4, "direction", "0")),
        [("error", "indicators", 4, "direction", "0", "+1 (higher is better)")],
        exit=2,
    ),
    Case(
        "indicators__goal_outside_scale.csv",
        "an optional goalpost outside the scale",
        "warning at row 2, column goal_high; cell left empty",
        csv_case("indicators", (2, "goal_high", "9")),
        [("warning", "indicators", 2, "goal_high", "9", "on the indicator's scale")],
        exit=0,
    ),
    Case(
        "indicators__zero_weights.csv",
        "every indicator of a dimension weighs 0",
        "warning at row 2, column weight; weights left empty (equal)",
        csv_case("indicators", (2, "weight", "0")),
        [("warning", "indicators", 2, "weight", "0", "a weight above 0")],
        exit=0,
    ),
    # columns
    Case(
        "firms__missing_column.csv",
        "a required column is missing",
        "fatal error at row 1, column kbli; every row of the table rejected, counted",
        drop_column("firms", "kbli"),
        [("error", "firms", 1, "kbli", None, "a column 'kbli'")],
        exit=2,
    ),
    Case(
        "firms__extra_column.csv",
        "an unknown extra column",
        "warning naming the column; read otherwise",
        lambda: text_of(
            [r + (["catatan"] if k == 0 else ["x"]) for k, r in enumerate(sample_rows("firms"))]
        ).encode(),
        [("warning", "firms", 1, "catatan", None, "a known column")],
        exit=0,
    ),
    Case(
        "firms__header_spaces_case.csv",
        "headers typed 'Firm ID' and 'business name'",
        "warnings naming the original header; read as firm_id and business_name",
        rename_headers("firms", {"firm_id": "Firm ID", "business_name": "business name"}),
        [("warning", "firms", 1, "firm_id", "Firm ID", "the header 'firm_id'")],
        values=[("firms", "firm_id", "IKM-001", "business_name", "UD Baja Sejahtera")],
        exit=0,
    ),
    Case(
        "firms__header_invisible.csv",
        "headers with a zero-width space, NBSP and a BOM inside",
        "warnings naming the header as typed; read",
        rename_headers(
            "firms",
            {"firm_id": "firm_id\u200b", "kbli": "\u00a0kbli", "district": "\ufeffdistrict"},
        ),
        [("warning", "firms", 1, "firm_id", "\\u200b", "invisible")],
        values=[("firms", "firm_id", "IKM-001", "district", "Grogol")],
        exit=0,
    ),
    Case(
        "firms__header_duplicate.csv",
        "a header twice",
        "fatal error at row 1 naming the header",
        rename_headers("firms", {"founded": "district"}),
        [("error", "firms", 1, "district", None, "each column header once")],
        exit=2,
    ),
    Case(
        "firms__empty_header_with_data.csv",
        "data under a column with no header",
        "warning: the cells under the empty header are not read",
        _firms_empty_header,
        [("warning", "firms", 1, "(column 18)", None, "not read")],
        exit=0,
    ),
    Case(
        "sources__wrong_file.csv",
        "another table's file saved as sources.csv",
        "fatal error: none of the columns is there; is this the right file?",
        _wrong_file,
        [("error", "sources", 1, None, "org_id", "found the columns of table 'stakeholders'")],
        exit=2,
    ),
    # keys
    Case(
        "firms__duplicate_key.csv",
        "a firm id used twice",
        "error at row 4: already row 2",
        csv_case("firms", (4, "firm_id", "IKM-001")),
        [("error", "firms", 4, "firm_id", "IKM-001", "already used in row 2")],
        exit=2,
    ),
    Case(
        "firms__two_empty_keys.csv",
        "two rows with an empty key",
        "errors at rows 2 and 3 (the cell is empty); no crash",
        _firms_two_empty_keys,
        [
            ("error", "firms", 2, "firm_id", None, "cell is empty"),
            ("error", "firms", 3, "firm_id", None, "cell is empty"),
        ],
        exit=2,
    ),
    Case(
        "pairwise__duplicate_judgement.csv",
        "one judgement given twice",
        "error at row 3: the key is already used in row 2",
        csv_case("pairwise", (3, "criterion_b", "human_resources")),
        [("error", "pairwise", 3, None, None, "already used in row 2")],
        exit=2,
    ),
    # references
    Case(
        "participation__dangling_org.csv",
        "an organisation that does not exist",
        "error at row 3, column org_id",
        csv_case("participation", (3, "org_id", "pt_tidak_ada")),
        [("error", "participation", 3, "org_id", "pt_tidak_ada", "stakeholders.org_id")],
        exit=2,
    ),
    Case(
        "firms__dangling_sub_sector.csv",
        "a sub-sector that does not exist",
        "error at row 2; the firm's assessments rejected with it and counted under it",
        csv_case("firms", (2, "sub_sector", "baja_berat")),
        [
            ("error", "firms", 2, "sub_sector", "baja_berat", "sub_sectors.sub_sector"),
            ("error", "assessments", 2, "firm_id", "IKM-001", "firms.csv, row 2 was rejected"),
        ],
        exit=2,
    ),
    Case(
        "fgd_sessions__dangling_organiser.csv",
        "an optional reference to nothing",
        "warning at row 3, column organiser; cell left empty, session kept",
        csv_case("fgd_sessions", (3, "organiser", "kantor_tidak_ada")),
        [("warning", "fgd_sessions", 3, "organiser", "kantor_tidak_ada", "left empty")],
        exit=0,
    ),
    Case(
        "commitments__unknown_theme.csv",
        "a commitment theme missing from the codebook",
        "error at row 2, column theme (a brief would stop on it)",
        csv_case("commitments", (2, "theme", "tema_baru")),
        [("error", "commitments", 2, "theme", "tema_baru", "codebook.code")],
        exit=2,
    ),
    Case(
        "statements__unknown_human_code.csv",
        "a human code missing from the codebook",
        "warning at row 2, column code_human_1; cell left empty",
        lambda: text_of(
            [
                r + (["code_human_1"] if k == 0 else ["partnership;tidak_ada" if k == 1 else ""])
                for k, r in enumerate(sample_rows("statements"))
            ]
        ).encode(),
        [("warning", "statements", 2, "code_human_1", "tidak_ada", "left empty")],
        exit=0,
    ),
    # ranges
    Case(
        "firms__workforce_out_of_range.csv",
        "150 workers (an IKM has fewer than 100)",
        "error at row 5, column workforce",
        csv_case("firms", (5, "workforce", "150")),
        [("error", "firms", 5, "workforce", "150", "between 1 and 99")],
        exit=2,
    ),
    Case(
        "assessments__score_out_of_range.csv",
        "a score of 7 on a 1-5 scale",
        "warning at row 3; the score is left empty",
        csv_case("assessments", (3, "licensing", "7")),
        [("warning", "assessments", 3, "licensing", "7", "between 1 and 5")],
        exit=0,
    ),
    Case(
        "firms__excel_error_text.csv",
        "#N/A (a failed lookup) in a text column and #DIV/0! in a number, as Excel saves them",
        "errors at rows 2 and 3: an Excel error, not a district nor a number",
        csv_case("firms", (2, "district", "#N/A"), (3, "workforce", "#DIV/0!"), delimiter=";"),
        [
            ("error", "firms", 2, "district", "#N/A", "Excel error"),
            ("error", "firms", 3, "workforce", "#DIV/0!", "Excel error"),
        ],
        exit=2,
    ),
    Case(
        "pairwise__fraction_became_date.csv",
        "1/4 saved as 01-Apr (Excel made a date of it when the CSV was opened)",
        "error at row 2, column value: Excel turned it into a date",
        csv_case("pairwise", (2, "value", "01-Apr"), delimiter=";"),
        [("error", "pairwise", 2, "value", "01-Apr", "into a date")],
        exit=2,
    ),
    Case(
        "indicators__weight_percent.csv",
        "a weight saved as 25% (a cell formatted as a percentage)",
        "warning at row 2, column weight: a percentage, 0.25 or 25?; cell left empty",
        csv_case("indicators", (2, "weight", "25%")),
        [("warning", "indicators", 2, "weight", "25%", "percentage")],
        exit=0,
    ),
    Case(
        "firms__apostrophe_before_values.csv",
        "'20, '2007 and 'true typed with Excel's leading apostrophe; '1.480 in a number column",
        "warnings at rows 2-4: read without the apostrophe; row 5's '1.480 ambiguous, left empty",
        csv_case(
            "firms",
            (2, "workforce", "'20"),
            (3, "founded", "'2014"),
            (4, "has_nib", "'true"),
            (5, "capacity_yearly", "'1.480"),
        ),
        [
            ("warning", "firms", 2, "workforce", "'20", "apostrophe"),
            ("warning", "firms", 3, "founded", "'2014", "apostrophe"),
            ("warning", "firms", 4, "has_nib", "'true", "apostrophe"),
            ("warning", "firms", 5, "capacity_yearly", "'1.480", "ambiguous: 1480 or 1,48"),
        ],
        values=[
            ("firms", "firm_id", "IKM-001", "workforce", 20),
            ("firms", "firm_id", "IKM-002", "founded", 2014),
            ("firms", "firm_id", "IKM-003", "has_nib", True),
        ],
        exit=0,
    ),
    Case(
        "firms__revenue_dash.csv",
        "revenue saved as 'Rp -' (Excel's accounting format shows 0 so) and typed as '-'",
        "errors at rows 2 and 3: a dash is 0 or 'not known'; write 0 or leave it empty",
        csv_case("firms", (2, "revenue_idr", "Rp -"), (3, "revenue_idr", "-")),
        [
            ("error", "firms", 2, "revenue_idr", "Rp -", "accounting format shows 0"),
            ("error", "firms", 3, "revenue_idr", "-", "leave the cell empty"),
        ],
        exit=2,
    ),
    Case(
        "pairwise__value_out_of_scale.csv",
        "judgements 10 and 1/0",
        "errors at rows 2 and 3, column value",
        csv_case("pairwise", (2, "value", "10"), (3, "value", "1/0")),
        [
            ("error", "pairwise", 2, "value", "10", "between 0.111111 and 9"),
            ("error", "pairwise", 3, "value", "1/0", "fraction"),
        ],
        exit=2,
    ),
    # dates
    Case(
        "assessments__dates_ddmmyyyy.csv",
        "dates typed DD/MM/YYYY",
        "read as 2025-03-10, no problem",
        _dates({2: "10/03/2025", 3: "10-03-2025"}),
        values=[
            ("assessments", "_row", 2, "assessment_date", "2025-03-10"),
            ("assessments", "_row", 3, "assessment_date", "2025-03-10"),
        ],
        exit=0,
    ),
    Case(
        "assessments__dates_mixed_ambiguous.csv",
        "month-first 11/13/2025 beside 03/10/2025, which reads both ways",
        "error at row 2 (ambiguous, refused); row 3 read month-first with a warning",
        _dates({2: "03/10/2025", 3: "11/10/2025", 62: "11/13/2025"}),
        [
            ("error", "assessments", 2, "assessment_date", "03/10/2025", "month-first"),
            ("warning", "assessments", 62, "assessment_date", "11/13/2025", "month-first"),
        ],
        exit=2,
    ),
    Case(
        "assessments__dates_excel_serial.csv",
        "a date saved as an Excel serial number",
        "warning at row 2; read as 2025-03-10",
        _dates({2: "45726"}),
        [("warning", "assessments", 2, "assessment_date", "45726", "2025-03-10")],
        values=[("assessments", "_row", 2, "assessment_date", "2025-03-10")],
        exit=0,
    ),
    Case(
        "assessments__dates_words.csv",
        "dates written 10 Maret 2025 and 10 Mar 2025",
        "read, no problem",
        _dates({2: "10 Maret 2025", 3: "10 Mar 2025"}),
        values=[("assessments", "_row", 3, "assessment_date", "2025-03-10")],
        exit=0,
    ),
    Case(
        "assessments__date_impossible.csv",
        "30 February",
        "error at row 2 (no such day)",
        _dates({2: "2025-02-30"}),
        [("error", "assessments", 2, "assessment_date", "2025-02-30", "no such day")],
        exit=2,
    ),
    Case(
        "assessments__date_two_digit_year.csv",
        "10/03/25",
        "error: a four-digit year",
        _dates({2: "10/03/25"}),
        [("error", "assessments", 2, "assessment_date", "10/03/25", "four-digit year")],
        exit=2,
    ),
    Case(
        "assessments__date_month_name_two_digit_year.csv",
        "10-Mar-25 (Excel's dd-mmm-yy format, saved as shown)",
        "error at row 2: a four-digit year, the format named",
        _dates({2: "10-Mar-25"}),
        [("error", "assessments", 2, "assessment_date", "10-Mar-25", "four-digit year")],
        exit=2,
    ),
    Case(
        "fgd_sessions__month_saved_as_first_day.csv",
        "a month-precision date saved by Excel as the first of the month (01/05/2025)",
        "read as 2025-05, no problem (as an Excel date in a workbook)",
        csv_case("fgd_sessions", (4, "date", "01/05/2025"), (4, "date_precision", "month")),
        values=[("fgd_sessions", "session_id", "fgd-2025-05-15", "date", "2025-05")],
        exit=0,
    ),
    Case(
        "fgd_sessions__month_two_digit_year.csv",
        "a month-precision date saved as Mei-25 (Excel's mmm-yy format)",
        "warning at row 4, column date: a four-digit year; the date is left empty",
        csv_case("fgd_sessions", (4, "date", "Mei-25"), (4, "date_precision", "month")),
        [("warning", "fgd_sessions", 4, "date", "Mei-25", "two-digit year")],
        exit=0,
    ),
    Case(
        "fgd_sessions__date_precision_mismatch.csv",
        "a day date with precision month",
        "warning at row 4, column date; the date is left empty",
        csv_case("fgd_sessions", (4, "date_precision", "month")),
        [("warning", "fgd_sessions", 4, "date", "2025-05-15", "YYYY-MM")],
        exit=0,
    ),
    Case(
        "fgd_sessions__date_unknown_precision.csv",
        "a session date with precision 'unknown' (the brief would print 'date unknown')",
        "warning at row 4, column date; the date is left empty",
        csv_case("fgd_sessions", (4, "date_precision", "unknown")),
        [("warning", "fgd_sessions", 4, "date", "2025-05-15", "date_precision")],
        exit=0,
    ),
    Case(
        "commitments__due_date_unknown_precision.csv",
        "a due date with precision 'unknown' (the ledger refuses it)",
        "warning at row 2, column due_date; left empty",
        csv_case("commitments", (2, "due_date", "2025-12")),
        [("warning", "commitments", 2, "due_date", "2025-12", "due_precision")],
        exit=0,
    ),
    # empty files
    Case(
        "statements__empty.csv",
        "an empty file",
        "fatal error naming the file: empty",
        raw_text(""),
        [("error", "statements", None, None, None, "empty")],
        exit=2,
    ),
    Case(
        "statements__header_only.csv",
        "a header and no rows",
        "read: the table is empty, no problem",
        lambda: (lines_of("statements")[0] + "\n").encode(),
        exit=0,
    ),
    Case(
        "firms__blank_rows.csv",
        "blank rows in the middle",
        "warning: blank rows skipped and counted; row numbers unchanged",
        _firms_blank_rows,
        [("warning", "firms", None, None, None, "blank row(s) skipped")],
        exit=0,
    ),
    Case(
        "codebook__header_only.csv",
        "an empty codebook while commitments name themes",
        "errors on every commitment, column theme (the codebook is empty)",
        _codebook_header_only,
        [("error", "commitments", 2, "theme", None, "codebook")],
        exit=2,
    ),
    # encodings
    Case(
        "sub_sectors__bom.csv",
        "UTF-8 with BOM (Excel's 'CSV UTF-8')",
        "read, no problem",
        lambda: b"\xef\xbb\xbf" + text_of(sample_rows("sub_sectors")).encode(),
        values=[("sub_sectors", "sub_sector", "light_steel", "label_id", "Baja ringan")],
        exit=0,
    ),
    Case(
        "sub_sectors__cp1252.csv",
        "Windows-1252 text with an accented letter",
        "warning: read as Windows-1252; the letter kept",
        csv_case("sub_sectors", (2, "label_id", "Baja ringan \u00e9"), encoding="cp1252"),
        [("warning", "sub_sectors", None, None, None, "Windows-1252")],
        values=[("sub_sectors", "sub_sector", "light_steel", "label_id", "Baja ringan \u00e9")],
        exit=0,
    ),
    Case(
        "sub_sectors__utf16_tab.csv",
        "Excel's 'Unicode text': UTF-16 and tabs",
        "read, no problem",
        _utf16_tab,
        values=[("sub_sectors", "sub_sector", "agricultural_tools", "kbli", ("25931",))],
        exit=0,
    ),
    # separators and decimal commas
    Case(
        "sub_sectors__tab.csv",
        "a tab-separated file",
        "read, no problem",
        lambda: text_of(sample_rows("sub_sectors"), "\t").encode(),
        values=[("sub_sectors", "sub_sector", "light_steel", "sector", "logam")],
        exit=0,
    ),
    Case(
        "firms__semicolon_decimal_comma.csv",
        "semicolons, 4.293.000.000 and 890,5 (Indonesian Excel)",
        "read as numbers",
        _semicolon_decimal_comma,
        values=[
            ("firms", "firm_id", "IKM-001", "revenue_idr", 4_293_000_000.0),
            ("firms", "firm_id", "IKM-001", "capacity_yearly", 890.5),
        ],
        exit=0,
    ),
    Case(
        "firms__semicolon_lone_thousands.csv",
        "semicolons and a capacity saved as 1.480 (Indonesian Excel, a thousands format)",
        "warning at row 2: ambiguous (1480 or 1,48?), the file's separator said; cell left empty",
        _semicolon_lone_thousands,
        [("warning", "firms", 2, "capacity_yearly", "1.480", "separates its columns with ';'")],
        exit=0,
    ),
    Case(
        "firms__lone_thousands_beside_grouped_revenue.csv",
        "capacity 1.480 in a row whose revenue is written 4.293.000.000",
        "warning at row 2: 1.480 ambiguous, as the revenue column groups thousands with dots",
        csv_case("firms", (2, "revenue_idr", "4.293.000.000"), (2, "capacity_yearly", "1.480")),
        [("warning", "firms", 2, "capacity_yearly", "1.480", "column 'revenue_idr' writes")],
        values=[("firms", "firm_id", "IKM-001", "revenue_idr", 4_293_000_000.0)],
        exit=0,
    ),
    Case(
        "firms__lone_dot_group_alone.csv",
        "capacity 1.480 where nothing in the file groups thousands with dots",
        "read as 1.48, a decimal point (CSV files written by programs use one)",
        csv_case("firms", (2, "capacity_yearly", "1.480")),
        values=[("firms", "firm_id", "IKM-001", "capacity_yearly", 1.48)],
        exit=0,
    ),
    Case(
        "assessments__decimal_comma.csv",
        "a score written 3,5 in a comma-separated file",
        "read as 3.5",
        csv_case("assessments", (2, "licensing", "3,5")),
        values=[("assessments", "_row", 2, "licensing", 3.5)],
        exit=0,
    ),
    Case(
        "firms__thousands_ambiguous.csv",
        "capacity written 1,234",
        "warning at row 2: ambiguous, the rule stated; cell left empty",
        csv_case("firms", (2, "capacity_yearly", "1,234")),
        [("warning", "firms", 2, "capacity_yearly", "1,234", "ambiguous")],
        exit=0,
    ),
    Case(
        "firms__revenue_dot_groups.csv",
        "revenue written 4.293.000.000 (dots for thousands)",
        "read as 4293000000",
        csv_case("firms", (2, "revenue_idr", "4.293.000.000")),
        values=[("firms", "firm_id", "IKM-001", "revenue_idr", 4_293_000_000.0)],
        exit=0,
    ),
    Case(
        "firms__revenue_mixed_groups.csv",
        "4.293.000.000 in one row and 3.021 in another (thousands or decimal?)",
        "error at row 3: 3.021 is ambiguous in a column that groups thousands with dots",
        csv_case("firms", (2, "revenue_idr", "4.293.000.000"), (3, "revenue_idr", "3.021")),
        [("error", "firms", 3, "revenue_idr", "3.021", "ambiguous")],
        exit=2,
    ),
    # quoting and line separators
    Case(
        "statements__multiline_quoted.csv",
        "a quoted text with a line break and a comma",
        "read; the rows after it keep their spreadsheet row numbers",
        _statements_multiline,
        values=[
            (
                "statements",
                "statement_id",
                "st-002",
                "text",
                "Baris pertama\nbaris kedua, dengan koma",
            )
        ],
        exit=0,
    ),
    Case(
        "statements__unclosed_quote_eof.csv",
        "a quote opened and never closed",
        "error naming the row: the quote is never closed, the rest of the file in one cell",
        _statements_unclosed_eof,
        [("error", "statements", None, None, None, "never closed")],
        exit=2,
    ),
    Case(
        "statements__unclosed_quote_middle.csv",
        "a stray quote swallows the next rows",
        "error at row 3: the lines that look like rows were read into the cell",
        _statements_unclosed_middle,
        [("error", "statements", 3, None, None, "look like rows")],
        exit=2,
    ),
    Case(
        "statements__line_endings.csv",
        "CRLF, CR and LF line endings mixed",
        "read, no problem",
        _statements_line_endings,
        values=[("statements", "statement_id", "st-003", "kind", "position")],
        exit=0,
    ),
    Case(
        "statements__unicode_line_separator.csv",
        "U+2028 inside an unquoted cell",
        "read as one row, the character kept",
        _statements_u2028,
        values=[
            (
                "statements",
                "statement_id",
                "st-003",
                "speaker_office",
                "Kepala\u2028Bidang Industri",
            )
        ],
        exit=0,
    ),
    Case(
        "firms__unquoted_comma.csv",
        "a comma inside a business name, not quoted",
        "error at row 3: the row has one cell too many; the owner's phone is never shown",
        _firms_shifted,
        [("error", "firms", 3, None, None, "more than the header")],
        never=["+62 800-0000-9354", "Ujang Pratama"],
        exit=2,
    ),
    Case(
        "firms__quote_inside_cell.csv",
        'a double quote inside an unquoted name (UD "Baja")',
        "read as typed",
        csv_case("firms", (2, "business_name", 'UD "Baja" Sejahtera')),
        values=[("firms", "firm_id", "IKM-001", "business_name", 'UD "Baja" Sejahtera')],
        exit=0,
    ),
    # long cells
    Case(
        "statements__long_required_cell.csv",
        "a required text of 40,000 characters",
        "error at row 2: at most 32,767 characters; the row rejected",
        _long_required,
        [("error", "statements", 2, "text", "panjang", "32,767")],
        exit=2,
    ),
    Case(
        "firms__long_optional_cell.csv",
        "a 200,000-character business name (beyond 128 KB)",
        "warning at row 2: at most 32,767 characters; cell left empty",
        _long_optional,
        [("warning", "firms", 2, "business_name", "200,003 characters", "32,767")],
        exit=0,
    ),
    # not what the name says
    Case(
        "firms__is_xlsx.csv",
        "a zip (workbook) named .csv",
        "fatal error: not CSV text, it is a zip archive",
        _firms_is_xlsx,
        [("error", "firms", None, None, None, "zip archive")],
        exit=2,
    ),
    Case(
        "firms__is_pdf.csv",
        "a PDF named .csv",
        "fatal error: not CSV text, a PDF",
        _pdf,
        [("error", "firms", None, None, None, "PDF")],
        exit=2,
    ),
    Case(
        "firms__is_binary.csv",
        "binary bytes named .csv",
        "fatal error: not text",
        lambda: bytes(range(256)) * 4,
        [("error", "firms", None, None, None, "binary")],
        exit=2,
    ),
    # what would stop a brief
    Case(
        "pairwise__not_reciprocal.csv",
        "a-b = 1/4 and b-a = 3 from one respondent",
        "errors at rows 2 and 3 (not reciprocal); both rejected",
        _pairwise_not_reciprocal,
        [
            ("error", "pairwise", 2, "value", None, "reciprocal of row 3"),
            ("error", "pairwise", 3, "value", None, "reciprocal of row 2"),
        ],
        exit=2,
    ),
    Case(
        "pairwise__disconnected.csv",
        "a respondent's judgements leave digital marketing unconnected",
        "errors on that respondent's rows (they fall apart); rejected",
        _pairwise_disconnected,
        [("error", "pairwise", 2, "respondent_id", "R01", "fall apart")],
        exit=2,
    ),
    Case(
        "codebook__stopword_keyword.csv",
        "a keyword made of stop words only",
        "error at row 3, column keywords (the coder cannot use it)",
        _codebook_edit("keywords", "mutu;yang"),
        [("error", "codebook", 3, "keywords", "yang", "stop words")],
        exit=2,
    ),
    Case(
        "codebook__bad_code.csv",
        "a theme id with capitals and a space",
        "error at row 2, column code; commitments with that theme follow, counted",
        _codebook_edit("code", "Kemitraan Usaha", row=2),
        [("error", "codebook", 2, "code", "Kemitraan Usaha", "lower-case")],
        exit=2,
    ),
    Case(
        "codebook__keyword_two_codes.csv",
        "one keyword under two themes",
        "error at row 3, column keywords",
        _codebook_edit("keywords", "mitra"),
        [("error", "codebook", 3, "keywords", "mitra", "already under code")],
        exit=2,
    ),
    Case(
        "helix_models__no_classic.csv",
        "the classic pentahelix is missing",
        "error: briefs use it unless told otherwise (a brief would stop)",
        lambda: text_of([r for r in sample_rows("helix_models") if r[0] != "classic"]).encode(),
        [("error", "helix_models", None, "model", None, "classic")],
        exit=2,
    ),
    Case(
        "helix_models__header_only.csv",
        "no helix model at all",
        "error: the classic model is missing; every table naming a model follows, counted",
        lambda: text_of(sample_rows("helix_models")[:1]).encode(),
        [("error", "helix_models", None, "model", None, "classic")],
        exit=2,
    ),
]


# -- Excel helpers --------------------------------------------------------------------------

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _typed(table: str, column: str, text: str):
    """A sample cell as Excel would hold it: numbers, booleans and dates typed."""
    from ikmpolicy.schema import TABLES

    declared = {c.name: c.type for c in TABLES[table].columns}
    kind = declared.get(column, "float")  # wide tables: indicator columns are numbers
    if text == "":
        return None
    if kind == "bool":
        return text == "true"
    if kind == "date":
        return dt.datetime.fromisoformat(text)
    if kind in ("int", "float") and _NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() else number
    return text


def base_tables() -> dict[str, list[list]]:
    """The small valid dataset of the workbooks: sample tables, trimmed, as Excel values."""
    from ikmpolicy.schema import TABLE_ORDER

    tables = {}
    for name in TABLE_ORDER:
        rows = sample_rows(name)
        header, body = rows[0], rows[1:]
        if name == "firms":
            body = body[:BASE_FIRMS]
        if name == "assessments":
            firms = {r[0] for r in sample_rows("firms")[1 : BASE_FIRMS + 1]}
            body = [r for r in body if r[0] in firms]
        if name == "pairwise":
            body = [r for r in body if r[header.index("respondent_id")] in BASE_RESPONDENTS]
        tables[name] = [header] + [
            [_typed(name, h, v) for h, v in zip(header, r, strict=True)] for r in body
        ]
    return tables


def workbook_bytes(tables: dict[str, list[list]], edit: Callable | None = None) -> bytes:
    """A workbook of the tables (sheet per table), ``edit(book)`` applied, saved."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    if edit:
        edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_zip(buffer.getvalue())


_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>ikmpolicy corpus'
    "</dc:creator></cp:coreProperties>"
)


def fixed_zip(
    data: bytes,
    replace: dict[str, bytes | str] | None = None,
    add: dict[str, bytes] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """Rewrite a zip with fixed timestamps and core properties; replace or add parts."""
    replace = dict(replace or {})
    replace.setdefault("docProps/core.xml", _CORE)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = replace.get(info.filename, source.read(info.filename))
            if isinstance(content, str):
                content = content.encode("utf-8")
            target.writestr(
                zipfile.ZipInfo(info.filename, FIXED_TIME),
                content,
                compress_type=zipfile.ZIP_DEFLATED,
            )
        for name, content in (add or {}).items():
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, compress_type=method)
    return out.getvalue()


def sheet_part(tables: dict, name: str) -> str:
    """The zip part of a sheet in :func:`workbook_bytes` (sheets in table order)."""
    return f"xl/worksheets/sheet{list(tables).index(name) + 1}.xml"


def xml_edit(
    tables: dict, sheet: str, change: Callable[[str], str], edit: Callable | None = None
) -> Callable[[], bytes]:
    """A workbook whose sheet XML is changed as text after saving (what openpyxl cannot do)."""

    def build() -> bytes:
        data = workbook_bytes(tables, edit)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = sheet_part(tables, sheet)
            text = archive.read(part).decode("utf-8")
        return fixed_zip(data, {part: change(text)})

    return build


def book_edit(edit: Callable, tables: Callable[[], dict] = base_tables) -> Callable[[], bytes]:
    return lambda: workbook_bytes(tables(), edit)


def _column_of(tables: dict, table: str, column: str) -> int:
    return tables[table][0].index(column) + 1


# -- the Excel cases ------------------------------------------------------------------------


def _merge_down(book) -> None:
    sheet = book["pairwise"]
    for row in range(3, 6):
        sheet.cell(row=row, column=1).value = None
    sheet.merge_cells("A2:A5")


def _merge_across(book) -> None:
    sheet = book["firms"]
    sheet.cell(row=3, column=8).value = "Grogol"
    sheet.cell(row=3, column=9).value = None
    sheet.merge_cells("H3:I3")


def _formula_no_cache(book) -> None:
    header = [c.value for c in book["firms"][1]]
    book["firms"].cell(row=3, column=header.index("workforce") + 1).value = "=10+2"


def _formula_cached(text: str) -> str:
    # give the formula a saved value, as Excel does when it saves
    return re.sub(r"<f>10\+2</f>(<v\s*/>|<v></v>)?", "<f>10+2</f><v>12</v>", text)


def _error_value(tables: dict) -> Callable[[str], str]:
    col = _column_of(tables, "firms", "workforce")
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(col)}4"

    def change(text: str) -> str:
        return re.sub(
            rf'<c r="{ref}"[^>]*>.*?</c>', f'<c r="{ref}" t="e"><v>#DIV/0!</v></c>', text, count=1
        )

    return change


def _hide_rows(book) -> None:
    for row in (3, 4):
        book["firms"].row_dimensions[row].hidden = True


def _hide_sheet(book) -> None:
    book["sub_sectors"].sheet_state = "hidden"


def _rename(book) -> None:
    book["fgd_sessions"].title = "FGD Sessions"
    book["firms"].title = "Firms "


def _repeat(book) -> None:
    copy = book.copy_worksheet(book["firms"])
    copy.title = "firms (2)"


def _clash(book) -> None:
    # Excel compares sheet names without case: 'Firms ' and ' FIRMS' may coexist
    original = book["firms"]
    copy = book.copy_worksheet(original)
    copy.title = "Firms "
    original.title = " FIRMS"


def _dimension(ref: str) -> Callable[[str], str]:
    return lambda text: re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{ref}"/>', text)


def _serial_dates(book) -> None:
    sheet = book["assessments"]
    sheet.cell(row=2, column=2).value = 45726
    sheet.cell(row=2, column=2).number_format = "General"


def _text_dates(book) -> None:
    sheet = book["assessments"]
    for row in range(2, sheet.max_row + 1):
        value = sheet.cell(row=row, column=2).value
        if isinstance(value, dt.datetime):
            sheet.cell(row=row, column=2).value = value.strftime("%d/%m/%Y")


def _fraction_date(book) -> None:
    header = [c.value for c in book["pairwise"][1]]
    cell = book["pairwise"].cell(row=2, column=header.index("value") + 1)
    cell.value = dt.datetime(2025, 4, 1)  # what Excel makes of 1/4 typed in Indonesian Excel
    cell.number_format = "d/m/yyyy"


def _long_cell(tables: dict) -> Callable[[str], str]:
    """openpyxl cuts a cell to 32,767 characters when it writes; the XML is edited instead."""
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(_column_of(tables, 'statements', 'text'))}2"

    def change(text: str) -> str:
        return re.sub(
            rf'<c r="{ref}"[^>]*>.*?</c>',
            f'<c r="{ref}" t="inlineStr"><is><t>{"panjang " * 5000}</t></is></c>',
            text,
            count=1,
        )

    return change


def _sample_cell(table: str, row: int, column: str) -> str:
    """A cell of the sample as its CSV holds it (``row`` 1 is the first row of data)."""
    rows = sample_rows(table)
    return rows[row][rows[0].index(column)]


#: the text of the first statement of the sample
_ST_001 = _sample_cell("statements", 1, "text")


def _carriage_returns() -> bytes:
    """Excel writes a carriage return in a cell as ``_x000D_`` (text pasted from Windows): in a
    statement's text after its line break, and after a firm id pasted into assessments."""
    from openpyxl.utils import get_column_letter

    tables = base_tables()
    data = workbook_bytes(tables)
    text_ref = f"{get_column_letter(_column_of(tables, 'statements', 'text'))}2"
    edits = {
        "statements": (text_ref, "_x000D_\nBaris dua"),
        "assessments": ("A2", "_x000D_"),
    }
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for sheet, (ref, tail) in edits.items():
            part = sheet_part(tables, sheet)
            parts[part] = re.sub(
                rf'(<c r="{ref}"[^>]*><is><t[^>]*>[^<]*)',
                lambda m, tail=tail: m.group(1) + tail,
                archive.read(part).decode("utf-8"),
                count=1,
            )
    return fixed_zip(data, parts)


def _title_row(book) -> None:
    book["sources"].insert_rows(1)
    book["sources"].cell(row=1, column=1).value = "Daftar sumber (judul)"


def _decimal_comma_text(book) -> None:
    header = [c.value for c in book["assessments"][1]]
    book["assessments"].cell(row=2, column=header.index("licensing") + 1).value = "3,5"


def _lone_dot_text(book) -> None:
    """A capacity typed as text 1.480 (a cell formatted as Text), beside one stored as a number
    with three decimals: the number is what was typed, the text is ambiguous."""
    header = [c.value for c in book["firms"][1]]
    column = header.index("capacity_yearly") + 1
    book["firms"].cell(row=2, column=column).value = "1.480"
    book["firms"].cell(row=3, column=column).value = 1.25


def _far_column(book) -> None:
    book["firms"].cell(row=2, column=1500).value = "x"


def _phone_in_workforce(book) -> None:
    header = [c.value for c in book["firms"][1]]
    phone = book["firms"].cell(row=2, column=header.index("owner_phone") + 1).value
    book["firms"].cell(row=2, column=header.index("workforce") + 1).value = phone


_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
    '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
    '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
    '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
    '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
    '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
)


def _body(text: str) -> str:
    return text.split("?>", 1)[1] if text.startswith("<?xml") else text


def _xml_bomb(text: str) -> str:
    body = _body(text)
    return _LAUGHS + body.replace(
        "<sheetData>",
        '<sheetData><row r="999"><c r="A999" t="inlineStr"><is><t>&lol9;</t></is></c></row>',
        1,
    )


_SHARED = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)


def _shared_strings_bomb() -> bytes:
    data = workbook_bytes(base_tables())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    types = types.replace("</Types>", _SHARED_TYPE + "</Types>")
    return fixed_zip(
        data,
        {"[Content_Types].xml": types},
        add={"xl/sharedStrings.xml": (_LAUGHS + _SHARED).encode()},
    )


def _external_entity(text: str) -> str:
    body = _body(text)
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        + body.replace(
            "<sheetData>",
            '<sheetData><row r="999"><c r="A999" t="inlineStr"><is><t>&xxe;</t></is></c></row>',
            1,
        )
    )


def _bomb_declared() -> bytes:
    """A part of 1 GiB of zeros (bzip2: under a kilobyte in the file)."""
    data = workbook_bytes(base_tables())
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_BZIP2) as archive:
        info = zipfile.ZipInfo("xl/media/image1.bin", FIXED_TIME)
        info.compress_type = zipfile.ZIP_BZIP2
        with archive.open(info, "w", force_zip64=True) as part:
            block = b"\0" * (1 << 20)
            for _ in range(1024):
                part.write(block)
    return out.getvalue()


def _bomb_ratio() -> bytes:
    """A part of 60 MB of zeros, deflated about 1000:1 (under the size limit, over the ratio)."""
    data = workbook_bytes(base_tables())
    zeros = b"\0" * (60 << 20)
    return fixed_zip(data, add={"xl/media/image1.bin": zeros})


def _bomb_lying_header() -> bytes:
    """A bzip2 part of 200 MB of zeros whose headers claim 1,000 bytes."""
    data = bytearray(_bomb_small_bzip())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (found := data.find(signature, start)) >= 0:
            name_length = struct.unpack_from(
                "<H", data, found + (28 if signature == b"PK\x01\x02" else 26)
            )[0]
            name_at = found + (46 if signature == b"PK\x01\x02" else 30)
            if data[name_at : name_at + name_length] == b"xl/media/image1.bin":
                struct.pack_into("<I", data, found + offset, 1000)
            start = found + 4
    return bytes(data)


def _bomb_small_bzip() -> bytes:
    data = workbook_bytes(base_tables())
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_BZIP2) as archive:
        info = zipfile.ZipInfo("xl/media/image1.bin", FIXED_TIME)
        info.compress_type = zipfile.ZIP_BZIP2
        with archive.open(info, "w") as part:
            for _ in range(200):
                part.write(b"\0" * (1 << 20))
    return out.getvalue()


def _not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("catatan.txt", FIXED_TIME), "bukan workbook")
    return buffer.getvalue()


def _truncated() -> bytes:
    data = workbook_bytes(base_tables())
    return data[: len(data) // 2]


def _ole() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def _book_cases() -> list[Case]:
    t = base_tables()
    return [
        Case(
            "book__clean.xlsx",
            "the small valid dataset as a workbook",
            "no problem; every table read",
            book_edit(lambda book: None),
            exit=0,
        ),
        Case(
            "book__merged_down.xlsx",
            "a session id merged down rows 2-5 of pairwise",
            "warning naming the merge; the value read in each row",
            book_edit(_merge_down),
            [("warning", "pairwise", 2, None, "A2:A5", "read in each of rows 2-5")],
            values=[("pairwise", "_row", 4, "session_id", "fgd-2025-05-15")],
            exit=0,
        ),
        Case(
            "book__merged_across.xlsx",
            "two cells merged across a row of firms",
            "warning naming the merge; the other cell read as empty (an error there: required)",
            book_edit(_merge_across),
            [
                ("warning", "firms", 3, None, "H3:I3", "other cells of the merge"),
                ("error", "firms", 3, "has_nib", None, "cell is empty"),
            ],
            exit=2,
        ),
        Case(
            "book__formula_no_cached_value.xlsx",
            "a formula saved without its result",
            "error at row 3, column workforce: the formula has no saved result",
            book_edit(_formula_no_cache),
            [("error", "firms", 3, "workforce", "=10+2", "no saved result")],
            exit=2,
        ),
        Case(
            "book__formula_cached_value.xlsx",
            "a formula with its saved result",
            "the saved result is read",
            xml_edit(t, "firms", _formula_cached, _formula_no_cache),
            values=[("firms", "firm_id", "IKM-002", "workforce", 12)],
            exit=0,
        ),
        Case(
            "book__error_value.xlsx",
            "a cell holding #DIV/0!",
            "error at row 4, column workforce: an Excel error",
            xml_edit(t, "firms", _error_value(t)),
            [("error", "firms", 4, "workforce", "#DIV/0!", "Excel error")],
            exit=2,
        ),
        Case(
            "book__hidden_rows.xlsx",
            "rows 3-4 of firms hidden",
            "warning naming the rows; they are read",
            book_edit(_hide_rows),
            [("warning", "firms", None, None, None, "rows 3 and 4 are hidden")],
            values=[("firms", "firm_id", "IKM-002", "district", "Citangkil")],
            exit=0,
        ),
        Case(
            "book__hidden_sheet.xlsx",
            "the sub_sectors sheet hidden",
            "warning; the sheet is read",
            book_edit(_hide_sheet),
            [("warning", "sub_sectors", None, None, None, "hidden")],
            exit=0,
        ),
        Case(
            "book__renamed_sheets.xlsx",
            "sheets named 'FGD Sessions' and 'Firms '",
            "warnings; read as fgd_sessions and firms",
            book_edit(_rename),
            [("warning", "FGD Sessions", None, None, None, "read as table 'fgd_sessions'")],
            values=[("firms", "firm_id", "IKM-001", "district", "Grogol")],
            exit=0,
        ),
        Case(
            "book__repeated_sheet.xlsx",
            "firms and a copy 'firms (2)'",
            "error: the copy is not read; firms read",
            book_edit(_repeat),
            [("error", "firms (2)", None, None, None, "this copy is not")],
            exit=2,
        ),
        Case(
            "book__two_candidate_sheets.xlsx",
            "sheets 'Firms' and 'FIRMS'",
            "fatal error: one sheet per table",
            book_edit(_clash),
            [("error", "firms", None, None, None, "keep one")],
            exit=2,
        ),
        Case(
            "book__dimension_too_small.xlsx",
            "stored sheet size A1:B2 for a larger sheet",
            "warning; every row and column read",
            xml_edit(t, "firms", _dimension("A1:B2")),
            [("warning", "firms", None, None, "A1:B2", "every row and column")],
            values=[("firms", "firm_id", "IKM-012", "source_id", "ikmpolicy-synthetic")],
            exit=0,
        ),
        Case(
            "book__dimension_huge.xlsx",
            "stored sheet size A1:XFD1048576",
            "warning; the rows present read (no million empty rows)",
            xml_edit(t, "firms", _dimension("A1:XFD1048576")),
            [("warning", "firms", None, None, "XFD1048576", None)],
            exit=0,
        ),
        Case(
            "book__excel_serial_date.xlsx",
            "a date cell holding the number 45726",
            "warning; read as 2025-03-10",
            book_edit(_serial_dates),
            [("warning", "assessments", 2, "assessment_date", "45726", "2025-03-10")],
            values=[("assessments", "_row", 2, "assessment_date", "2025-03-10")],
            exit=0,
        ),
        Case(
            "book__dates_typed_ddmmyyyy.xlsx",
            "dates typed as text 10/03/2025",
            "read, no problem",
            book_edit(_text_dates),
            values=[("assessments", "_row", 2, "assessment_date", "2025-03-10")],
            exit=0,
        ),
        Case(
            "book__fraction_became_date.xlsx",
            "1/4 typed in a pairwise value, made a date",
            "error at row 2, column value: Excel turned it into a date",
            book_edit(_fraction_date),
            [("error", "pairwise", 2, "value", "2025-04-01", "into a date")],
            exit=2,
        ),
        Case(
            "book__long_cell.xlsx",
            "a cell of 40,000 characters (beyond Excel's limit)",
            "error at row 2, column text: at most 32,767 characters",
            xml_edit(t, "statements", _long_cell(t)),
            [("error", "statements", 2, "text", "panjang", "32,767")],
            exit=2,
        ),
        Case(
            "book__carriage_return_escape.xlsx",
            "carriage returns as Excel stores them (_x000D_) in a text and after an id",
            "read: the text has its line break, the id matches its firm; no _x000D_ left",
            _carriage_returns,
            values=[
                ("statements", "statement_id", "st-001", "text", _ST_001 + "\nBaris dua"),
                ("assessments", "_row", 2, "firm_id", "IKM-001"),
            ],
            exit=0,
        ),
        Case(
            "book__title_row.xlsx",
            "a title row above the header of sources",
            "warning: row 1 above the header is not read; the table is read",
            book_edit(_title_row),
            [("warning", "sources", 1, None, "Daftar sumber", "above the header")],
            values=[("sources", "source_id", "ikmpolicy-synthetic", "synthetic", True)],
            exit=0,
        ),
        Case(
            "book__lone_dot_group_text.xlsx",
            "a capacity held as text 1.480, another stored as the number 1.25",
            "warning at row 2: 1480 or 1,48? (held as text); the number is read as 1.25",
            book_edit(_lone_dot_text),
            [("warning", "firms", 2, "capacity_yearly", "1.480", "held as text")],
            values=[("firms", "_row", 3, "capacity_yearly", 1.25)],
            exit=0,
        ),
        Case(
            "book__decimal_comma_text.xlsx",
            "a score typed as text 3,5",
            "read as 3.5",
            book_edit(_decimal_comma_text),
            values=[("assessments", "_row", 2, "licensing", 3.5)],
            exit=0,
        ),
        Case(
            "book__personal_in_wrong_column.xlsx",
            "the owner's phone typed in the workforce column",
            "error at row 2, column workforce; the value hidden as personal data",
            book_edit(_phone_in_workforce),
            [("error", "firms", 2, "workforce", "personal data", "whole number")],
            never=["+62 800-0000-3924", "800-0000-3924"],
            exit=2,
        ),
        Case(
            "book__too_many_columns.xlsx",
            "a cell in column 1500 of firms",
            "refused: more than 1,000 columns",
            book_edit(_far_column),
            [("error", None, None, None, None, "1,000 columns")],
            exit=2,
        ),
        Case(
            "book__xml_bomb.xlsx",
            "entity expansion ('billion laughs') in a sheet",
            "refused before it is expanded",
            xml_edit(t, "firms", _xml_bomb),
            [("error", None, None, None, None, "refused")],
            exit=2,
        ),
        Case(
            "book__xml_bomb_shared_strings.xlsx",
            "entity expansion in the shared strings",
            "refused",
            _shared_strings_bomb,
            [("error", None, None, None, None, "refused")],
            exit=2,
        ),
        Case(
            "book__external_entity.xlsx",
            "an external entity reading /etc/passwd",
            "refused",
            xml_edit(t, "firms", _external_entity),
            [("error", None, None, None, None, "refused")],
            exit=2,
        ),
        Case(
            "book__decompression_bomb.xlsx",
            "a part of 1 GiB of zeros (bzip2, < 1 KB)",
            "refused before decompressing: beyond 500 MB",
            _bomb_declared,
            [("error", None, None, None, None, "decompressed")],
            exit=2,
        ),
        Case(
            "book__decompression_ratio.xlsx",
            "a part of 60 MB of zeros deflated ~1000:1",
            "refused: decompresses more than 1000:1",
            _bomb_ratio,
            [("error", None, None, None, None, "1000:1")],
            exit=2,
        ),
        Case(
            "book__lying_zip_header.xlsx",
            "a 200 MB part whose headers claim 1,000 bytes",
            "refused: a damaged archive (the true size is never read)",
            _bomb_lying_header,
            [("error", None, None, None, None, "damaged")],
            exit=2,
        ),
        Case(
            "book__is_csv.xlsx",
            "CSV text named .xlsx",
            "error: looks like CSV text",
            lambda: text_of(sample_rows("firms")).encode(),
            [("error", None, None, None, None, "CSV text")],
            exit=2,
        ),
        Case(
            "book__is_xls.xlsx",
            "an old .xls (OLE) file named .xlsx",
            "error: save it as .xlsx",
            _ole,
            [("error", None, None, None, None, ".xls")],
            exit=2,
        ),
        Case(
            "book__zip_not_workbook.xlsx",
            "a zip archive holding a text file",
            "error: not an Excel workbook",
            _not_a_workbook_zip,
            [("error", None, None, None, None, "not an Excel workbook")],
            exit=2,
        ),
        Case(
            "book__truncated.xlsx",
            "the first half of a workbook",
            "error: a damaged zip archive",
            _truncated,
            [("error", None, None, None, None, "damaged")],
            exit=2,
        ),
    ]


def cases() -> list[Case]:
    """Every case of the corpus (CSV first, then workbooks)."""
    return CSV_CASES + _book_cases()


def manifest(all_cases: list[Case]) -> str:
    lines = [
        "# The corpus of broken and careless inputs",
        "",
        "Written by `make_corpus.py` (fixed content; run it from the project folder to rewrite "
        "these files). `tests/validation/test_corpus.py` runs `ikmpolicy validate` on each: a "
        "`<table>__<case>.csv` replaces `<table>.csv` in a copy of `data/cilegon`; a "
        "`book__<case>.xlsx` is a whole workbook (a small valid dataset built from the sample, "
        "then broken). Every run must end with exit code 0 or 2, no traceback, every problem "
        "naming file (and sheet), row, column, value and expectation, no absolute path, no "
        "personal data, and `read = accepted + rejected` with every rejected row listed.",
        "",
        f"{len(all_cases)} files: {sum(c.file.endswith('.csv') for c in all_cases)} CSV, "
        f"{sum(c.file.endswith('.xlsx') for c in all_cases)} Excel.",
        "",
        "| file | what it tests | expected outcome |",
        "|---|---|---|",
    ]
    for case in all_cases:
        lines.append(f"| `{case.file}` | {case.what} | {case.outcome} |")
    return "\n".join(lines) + "\n"


def write(folder: Path = HERE) -> list[Path]:
    """Write every corpus file and the manifest into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    all_cases = cases()
    for case in all_cases:
        path = folder / case.file
        path.write_bytes(case.build())
        written.append(path)
    (folder / "README.md").write_text(manifest(all_cases), encoding="utf-8")
    return written


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path.name, path.stat().st_size)
