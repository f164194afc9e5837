"""Write all the forms of one session into a folder (``ikmpolicy forms``)."""

from __future__ import annotations

from pathlib import Path

from ikmpolicy.io import write_atomic
from ikmpolicy.report.i18n import Locale

from . import excel, pdf
from .content import SessionForms, session_forms


def write_session_forms(
    dataset,
    session_id: str,
    out: str | Path,
    lang: str = "id",
    *,
    with_pdf: bool = True,
    extra_participants: int = 0,
) -> list[Path]:
    """Write the session's forms under ``out/<session_id>/``.

    One AHP workbook per participant (``ahp/<code>.xlsx``, code, organisation and helix
    prefilled), the readiness self-assessment, the attendance and commitments sheets, and one
    SSIM workbook per participant when the session has elements. With ``with_pdf``, the
    printable A4 PDF of each kind beside them: the questionnaires on paper are one blank copy
    to print per participant, preceded by the list of respondent codes with each code's
    organisation and helix, which the facilitator writes on the copy handed to that person
    (WeasyPrint draws each page anew, so a copy per participant would take seconds each).

    Returns the paths written, in order.

    Examples
    --------
    >>> import tempfile
    >>> from ikmpolicy.validation import load_dataset
    >>> out = tempfile.mkdtemp()
    >>> paths = write_session_forms(load_dataset("data/cilegon"), "fgd-2025-05-15", out,
    ...                             with_pdf=False)
    >>> sorted({p.parent.name for p in paths})
    ['ahp', 'fgd-2025-05-15', 'ssim']
    """
    forms: SessionForms = session_forms(dataset, session_id, lang, extra_participants)
    loc = Locale(lang)
    folder = Path(out) / forms.session_id
    written: list[Path] = []

    def put(name: str, data: bytes) -> None:
        written.append(write_atomic(folder / name, data))

    # each questionnaire kind is written once, then copied per participant
    template = excel.ahp_workbook(forms, excel.PLACEHOLDER, loc)
    for p in forms.participants:
        put(f"ahp/{p.respondent_id}.xlsx", excel.personalise(template, forms, p))
    put("readiness.xlsx", excel.readiness_workbook(forms, loc))
    put("attendance.xlsx", excel.attendance_workbook(forms, loc))
    put("commitments.xlsx", excel.commitments_workbook(forms, loc))
    if forms.elements:
        template = excel.ssim_workbook(forms, excel.PLACEHOLDER, loc)
        for p in forms.participants:
            put(f"ssim/{p.respondent_id}.xlsx", excel.personalise(template, forms, p))
    if with_pdf:
        kinds = ["ahp", "readiness", "attendance", "commitments"]
        kinds += ["ssim"] if forms.elements else []
        for kind in kinds:
            put(f"{kind}.pdf", pdf.form_pdf(kind, forms, loc, forms.participants))
    return written
