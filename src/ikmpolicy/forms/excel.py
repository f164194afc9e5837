"""The forms as Excel workbooks to fill on a laptop (openpyxl).

Each workbook has the form's sheet (name from the catalogue, e.g. ``AHP``), a hidden ``Daftar``
sheet with the drop-down lists, and a hidden ``ikmpolicy`` sheet that says which form it is
(kind, version, session, language, respondent) and where each answer sits, so the importer
never guesses from labels. Every text goes through :func:`ikmpolicy.workbook.safe_cell`, no cell
holds a formula, the sheets are protected and only the answer cells (yellow) are unlocked.
Drop-downs are data validations; a choice reads ``label [id]`` and the importer keeps the id.
"""

from __future__ import annotations

from io import BytesIO

from ikmpolicy.report.i18n import Locale
from ikmpolicy.workbook import safe_cell

from .content import FORM_VERSION, ROLES, SAATY_VALUES, Participant, SessionForms

META_SHEET = "ikmpolicy"
INPUT_FILL = "FFF2CC"
HEADER_FILL = "DDE7F0"
_WIDTHS = {
    "ahp": (6, 36, 20, 20, 36),
    "readiness": (6, 28, 70, 14),
    "attendance": (6, 48, 18, 22, 14),
    "commitments": (6, 40, 50, 30, 16),
    "ssim": (6, 40, 18, 40),
}
#: How many columns each kind of form has (A, the row number, to the last): the importer checks
#: that none was inserted or deleted.
FORM_COLUMNS = {kind: len(widths) for kind, widths in _WIDTHS.items()}
#: Blank rows offered on the secretary's sheets.
BLANK_ROWS = 25


class _Builder:
    """One form workbook: the visible sheet, the lists sheet and the meta sheet."""

    def __init__(self, forms: SessionForms, kind: str, loc: Locale):
        from openpyxl import Workbook

        self.forms, self.kind, self.loc = forms, kind, loc
        self.book = Workbook()
        self.sheet = self.book.active
        self.sheet.title = loc.t(f"forms.{kind}.sheet")
        self.lists = self.book.create_sheet(loc.t("forms.common.lists_sheet"))
        self.meta = self.book.create_sheet(META_SHEET)
        self.row = 1
        self.items: list[list] = []
        self.fields: dict[str, str] = {}
        self._list_columns = 0
        self._validations: dict[str, object] = {}
        width = _WIDTHS[kind]
        self.last_col = len(width)
        from openpyxl.utils import get_column_letter

        for k, w in enumerate(width, start=1):
            self.sheet.column_dimensions[get_column_letter(k)].width = w

    # -- writing helpers ----------------------------------------------------------------
    def cell(
        self, row: int, col: int, value, *, bold=False, fill=None, wrap=True, locked=True, size=None
    ):
        from openpyxl.styles import Alignment, Font, PatternFill, Protection

        cell = self.sheet.cell(row=row, column=col, value=safe_cell(value))
        if bold or size:
            cell.font = Font(bold=bold, size=size or 11)
        if fill:
            cell.fill = PatternFill("solid", fgColor=fill)
        cell.alignment = Alignment(wrap_text=wrap, vertical="top")
        cell.protection = Protection(locked=locked)
        return cell

    def text(self, value: str, *, bold=False, size=None, lines: int | None = None) -> int:
        """A line of text across the form's width; returns its row."""
        row = self.row
        self.cell(row, 1, value, bold=bold, size=size)
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.last_col)
        width = sum(_WIDTHS[self.kind])
        needed = lines or max(1, -(-len(str(value)) // max(20, int(width * 1.1))))
        self.sheet.row_dimensions[row].height = 15 * needed + 2
        self.row += 1
        return row

    def skip(self, rows: int = 1) -> None:
        self.row += rows

    def header(self, values: list[str]) -> int:
        row = self.row
        for col, value in enumerate(values, start=1):
            self.cell(row, col, value, bold=True, fill=HEADER_FILL)
        self.row += 1
        return row

    def field(self, name: str, label: str, value=None, *, locked=False) -> str:
        """A labelled single answer (or a prefilled locked value); returns its coordinate."""
        row = self.row
        self.cell(row, 1, label, bold=True)
        self.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        target = self.cell(row, 3, value, fill=None if locked else INPUT_FILL, locked=locked)
        self.sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=self.last_col)
        self.fields[name] = target.coordinate
        self.row += 1
        return target.coordinate

    def answer(self, row: int, col: int, value=None) -> str:
        return self.cell(row, col, value, fill=INPUT_FILL, locked=False).coordinate

    def choices(self, name: str, values: list[str]) -> str:
        """Put a drop-down list on the lists sheet; returns the range formula."""
        from openpyxl.utils import get_column_letter

        self._list_columns += 1
        col = self._list_columns
        letter = get_column_letter(col)
        self.lists.cell(row=1, column=col, value=safe_cell(name))
        for k, value in enumerate(values, start=2):
            self.lists.cell(row=k, column=col, value=safe_cell(value))
        title = self.lists.title.replace("'", "''")
        return f"'{title}'!${letter}$2:${letter}${max(2, len(values) + 1)}"

    def validate(
        self, cells: str, formula: str, *, kind: str = "list", message: str = "", **limits
    ) -> None:
        """Attach a data validation (one rule per formula, several ranges)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        key = f"{kind}|{formula}|{sorted(limits.items())}"
        rule = self._validations.get(key)
        if rule is None:
            if kind == "list":
                rule = DataValidation(type="list", formula1=formula, allow_blank=True)
            else:
                rule = DataValidation(type=kind, allow_blank=True, **limits)
            rule.showErrorMessage = True
            rule.error = message[:255]
            self.sheet.add_data_validation(rule)
            self._validations[key] = rule
        rule.add(cells)

    # -- finishing ----------------------------------------------------------------------
    def save(self, extra: dict | None = None) -> bytes:
        f = self.forms
        meta = {
            "form": self.kind,
            "version": FORM_VERSION,
            "session_id": f.session_id,
            "lang": f.lang,
            "sheet": self.sheet.title,
            **(extra or {}),
            **{f"field:{k}": v for k, v in self.fields.items()},
        }
        for key, value in meta.items():
            self.meta.append([safe_cell(key), safe_cell(value)])
        self.meta.append(["items"])
        for item in self.items:
            self.meta.append([safe_cell(v) for v in item])
        self.lists.sheet_state = "hidden"
        self.meta.sheet_state = "hidden"
        for sheet in (self.sheet, self.lists, self.meta):
            sheet.protection.sheet = True
        self.book.active = 0
        self.sheet.page_setup.paperSize = self.sheet.PAPERSIZE_A4
        self.sheet.page_setup.fitToWidth = 1
        buffer = BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def _heading(b: _Builder, title: str) -> None:
    f, loc = b.forms, b.loc
    b.text(title, bold=True, size=14)
    b.text(
        f"{loc.t('forms.common.session')}: {f.title}" + (f" — {f.date_text}" if f.date_text else "")
    )
    b.text(loc.t("forms.common.page_note"))
    b.skip()


def _org_choices(b: _Builder) -> str:
    return b.choices("organisation", [b.forms.choice(o) for o, _, _ in b.forms.organisations])


#: A participant whose fields are placeholders: the workbook is written once per session and
#: :func:`personalise` puts each participant's code, organisation and helix in its copy.
PLACEHOLDER = Participant("QQRESPONDENTQQ", "QQORGANISATIONQQ", "QQORGANISATIONQQ", "QQHELIXQQ")


def _org_text(forms: SessionForms, participant) -> str | None:
    if participant is PLACEHOLDER:
        return PLACEHOLDER.org_id
    return forms.choice(participant.org_id) if participant.org_id else None


def _helix_text(forms: SessionForms, participant) -> str:
    if participant is PLACEHOLDER:
        return PLACEHOLDER.helix
    return forms.helix_labels.get(participant.helix, participant.helix or "")


def _respondent_block(b: _Builder, participant) -> None:
    loc, f = b.loc, b.forms
    b.field(
        "respondent_id", loc.t("forms.common.respondent"), participant.respondent_id, locked=True
    )
    coord = b.field("org_id", loc.t("forms.common.organisation"), _org_text(f, participant))
    b.validate(coord, _org_choices(b), message=loc.t("forms.common.unknown_org"))
    b.field("helix", loc.t("forms.common.helix"), _helix_text(f, participant), locked=True)
    b.skip()


def personalise(template: bytes, forms: SessionForms, participant) -> bytes:
    """A copy of a workbook written for :data:`PLACEHOLDER` with the participant's code,
    organisation and helix (the placeholders in the sheets' XML are replaced; nothing
    else changes). Much faster than writing each workbook anew."""
    import zipfile
    from io import BytesIO
    from xml.sax.saxutils import escape

    values = {
        PLACEHOLDER.respondent_id: participant.respondent_id,
        PLACEHOLDER.org_id: _org_text(forms, participant) or "",
        PLACEHOLDER.helix: _helix_text(forms, participant),
    }
    source = zipfile.ZipFile(BytesIO(template))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if (
                info.filename.startswith("xl/worksheets/")
                or info.filename == "xl/sharedStrings.xml"
            ):
                text = data.decode("utf-8")
                for key, value in values.items():
                    text = text.replace(key, escape(str(safe_cell(value))))
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def ahp_workbook(forms: SessionForms, participant, loc: Locale) -> bytes:
    """The AHP questionnaire of one participant (Saaty's 1-9 scale, one row per pair)."""
    b = _Builder(forms, "ahp", loc)
    _heading(b, loc.t("forms.ahp.title"))
    _respondent_block(b, participant)
    b.text(loc.t("forms.ahp.purpose"))
    for step in ("step1", "step2", "step3"):
        b.text(loc.t(f"forms.ahp.{step}"))
    b.skip()
    b.text(loc.t("forms.ahp.example_title"), bold=True)
    b.text(loc.t("forms.ahp.example"))
    b.skip()
    b.text(loc.t("forms.ahp.scale_title"), bold=True)
    for value in SAATY_VALUES:
        b.cell(b.row, 1, value)
        b.cell(b.row, 2, loc.t(f"forms.scale.{value}"))
        b.sheet.merge_cells(start_row=b.row, start_column=2, end_row=b.row, end_column=b.last_col)
        b.row += 1
    b.skip()
    b.header(
        [
            loc.t("forms.common.row_no"),
            loc.t("forms.ahp.criterion_a"),
            loc.t("forms.ahp.more_important"),
            loc.t("forms.ahp.how_much"),
            loc.t("forms.ahp.criterion_b"),
        ]
    )
    labels = dict(forms.criteria)
    which = ",".join(
        [loc.t("forms.ahp.choice_a"), loc.t("forms.ahp.choice_b"), loc.t("forms.ahp.choice_equal")]
    )
    first = b.row
    for k, (a, c) in enumerate(forms.pairs, start=1):
        row = b.row
        b.cell(row, 1, k)
        b.cell(row, 2, labels[a])
        b.answer(row, 3)
        b.answer(row, 4)
        b.cell(row, 5, labels[c])
        b.items.append([row, a, c])
        b.row += 1
    last = b.row - 1
    b.validate(f"C{first}:C{last}", f'"{which}"', message=which)
    b.validate(
        f"D{first}:D{last}",
        "",
        kind="whole",
        operator="between",
        formula1="1",
        formula2="9",
        message="1-9",
    )
    b.skip()
    b.text(loc.t("forms.common.footer", form=loc.t("forms.ahp.name"), session=forms.session_id))
    return b.save(
        {
            "respondent_id": participant.respondent_id,
            "choice_a": loc.t("forms.ahp.choice_a"),
            "choice_b": loc.t("forms.ahp.choice_b"),
            "choice_equal": loc.t("forms.ahp.choice_equal"),
        }
    )


def anchor_text(indicator: dict, loc: Locale) -> str:
    """The level descriptions of an indicator, one line per anchored level."""
    if not indicator["anchors"]:
        return loc.t("forms.readiness.no_anchor")
    return "\n".join(
        loc.t("forms.readiness.anchor_line", level=f"{level:g}", text=text)
        for level, text in indicator["anchors"].items()
    )


def readiness_workbook(forms: SessionForms, loc: Locale) -> bytes:
    """The readiness self-assessment: every indicator with its level descriptions."""
    b = _Builder(forms, "readiness", loc)
    _heading(b, loc.t("forms.readiness.title"))
    coord = b.field("firm_id", loc.t("forms.readiness.firm"))
    if 0 < len(forms.firm_ids) <= 2000:
        b.validate(coord, b.choices("firm", forms.firm_ids), message=loc.t("forms.readiness.firm"))
    coord = b.field("assessment_date", loc.t("forms.readiness.assessment_date"))
    b.skip()
    b.text(loc.t("forms.readiness.purpose"))
    b.text(loc.t("forms.readiness.draft_note"))
    b.skip()
    b.header(
        [
            loc.t("forms.common.row_no"),
            loc.t("forms.readiness.indicator"),
            loc.t("forms.readiness.anchors"),
            loc.t("forms.readiness.level"),
        ]
    )
    for k, ind in enumerate(forms.indicators, start=1):
        row = b.row
        b.cell(row, 1, k)
        b.cell(row, 2, ind["label"])
        text = anchor_text(ind, loc)
        b.cell(row, 3, text)
        b.sheet.row_dimensions[row].height = 15 * max(2, text.count("\n") + 1 + len(text) // 80)
        cell = b.answer(row, 4)
        low, high = ind["scale_min"], ind["scale_max"]
        if float(low).is_integer() and float(high).is_integer():
            b.validate(
                cell,
                "",
                kind="whole",
                operator="between",
                formula1=f"{low:g}",
                formula2=f"{high:g}",
                message=f"{low:g}-{high:g}",
            )
        else:
            b.validate(
                cell,
                "",
                kind="decimal",
                operator="between",
                formula1=f"{low:g}",
                formula2=f"{high:g}",
                message=f"{low:g}-{high:g}",
            )
        b.items.append([row, ind["id"]])
        b.row += 1
    b.skip()
    b.text(
        loc.t("forms.common.footer", form=loc.t("forms.readiness.name"), session=forms.session_id)
    )
    return b.save()


def _blank_rows(b: _Builder, columns: int) -> tuple[int, int]:
    first = b.row
    for k in range(1, BLANK_ROWS + 1):
        b.cell(b.row, 1, k)
        for col in range(2, columns + 1):
            b.answer(b.row, col)
        b.items.append([b.row])
        b.row += 1
    return first, b.row - 1


def attendance_workbook(forms: SessionForms, loc: Locale) -> bytes:
    """The attendance sheet: organisation, helix, role and number of delegates per row."""
    b = _Builder(forms, "attendance", loc)
    _heading(b, loc.t("forms.attendance.title"))
    b.text(loc.t("forms.attendance.purpose"))
    b.skip()
    b.header(
        [
            loc.t("forms.common.row_no"),
            loc.t("forms.common.organisation"),
            loc.t("forms.common.helix"),
            loc.t("forms.attendance.role"),
            loc.t("forms.attendance.delegates"),
        ]
    )
    first, last = _blank_rows(b, 5)
    b.validate(f"B{first}:B{last}", _org_choices(b))
    helices = [f"{forms.helix_labels.get(h, h)} [{h}]" for h in forms.helices]
    b.validate(f"C{first}:C{last}", b.choices("helix", helices))
    roles = [f"{loc.t(f'forms.roles.{r}')} [{r}]" for r in ROLES]
    b.validate(f"D{first}:D{last}", b.choices("role", roles))
    b.validate(
        f"E{first}:E{last}",
        "",
        kind="whole",
        operator="between",
        formula1="1",
        formula2="10000",
        message=">= 1",
    )
    b.skip()
    b.text(
        loc.t("forms.common.footer", form=loc.t("forms.attendance.name"), session=forms.session_id)
    )
    return b.save()


def commitments_workbook(forms: SessionForms, loc: Locale) -> bytes:
    """The commitments sheet: who, what, theme (codebook) and due date per row."""
    b = _Builder(forms, "commitments", loc)
    _heading(b, loc.t("forms.commitments.title"))
    b.text(loc.t("forms.commitments.purpose"))
    b.skip()
    b.header(
        [
            loc.t("forms.common.row_no"),
            loc.t("forms.commitments.who"),
            loc.t("forms.commitments.what"),
            loc.t("forms.commitments.theme"),
            loc.t("forms.commitments.due"),
        ]
    )
    first, last = _blank_rows(b, 5)
    b.validate(f"B{first}:B{last}", _org_choices(b))
    b.validate(
        f"D{first}:D{last}",
        b.choices("theme", [f"{label} [{code}]" for code, label in forms.themes]),
    )
    b.skip()
    b.text(
        loc.t("forms.common.footer", form=loc.t("forms.commitments.name"), session=forms.session_id)
    )
    return b.save()


def ssim_workbook(forms: SessionForms, participant, loc: Locale) -> bytes:
    """The SSIM form of one expert: one row per pair of the session's elements."""
    b = _Builder(forms, "ssim", loc)
    _heading(b, loc.t("forms.ssim.title"))
    _respondent_block(b, participant)
    b.text(loc.t("forms.ssim.purpose"))
    for letter in ("v", "a", "x", "o"):
        b.text(loc.t(f"forms.ssim.{letter}"))
    b.skip()
    b.text(loc.t("forms.ssim.elements_title"), bold=True)
    labels = dict(forms.elements)
    for element, label in forms.elements:
        b.text(f"{element}. {label}")
    b.skip()
    b.header(
        [
            loc.t("forms.common.row_no"),
            loc.t("forms.ssim.element_i"),
            loc.t("forms.ssim.relation"),
            loc.t("forms.ssim.element_j"),
        ]
    )
    first = b.row
    ids = [e for e, _ in forms.elements]
    k = 0
    for a in range(len(ids)):
        for c in range(a + 1, len(ids)):
            k += 1
            row = b.row
            b.cell(row, 1, k)
            b.cell(row, 2, f"{ids[a]}. {labels[ids[a]]}")
            b.answer(row, 3)
            b.cell(row, 4, f"{ids[c]}. {labels[ids[c]]}")
            b.items.append([row, ids[a], ids[c]])
            b.row += 1
    b.validate(f"C{first}:C{b.row - 1}", '"V,A,X,O"', message="V, A, X, O")
    b.skip()
    b.text(loc.t("forms.common.footer", form=loc.t("forms.ssim.name"), session=forms.session_id))
    return b.save({"respondent_id": participant.respondent_id})
