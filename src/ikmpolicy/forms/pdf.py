"""The forms as printable A4 PDF: HTML from Jinja2 templates (autoescaped), WeasyPrint.

Paper questionnaires use the layout of the paper forms Indonesian AHP studies hand out: on
each row the respondent circles one number on the side of the more important aspect (9 ... 2,
1, 2 ... 9). The secretary types the answer into the same participant's workbook (A or B and
the number circled), so the respondent code on the page ties paper and data together.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ikmpolicy.report.i18n import Locale

from .content import ROLES, SAATY_VALUES, SessionForms
from .excel import BLANK_ROWS, anchor_text


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = resources.files("ikmpolicy").joinpath("templates", "forms")
    # autoescape everything: every text on a form may come from data
    return Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def form_html(kind: str, forms: SessionForms, loc: Locale, participants=None) -> str:
    """The HTML page of a form (``ahp``, ``ssim``, ``readiness``, ``attendance``,
    ``commitments``); ``participants`` gives the questionnaires of an AHP or SSIM page.

    Examples
    --------
    >>> from ikmpolicy.validation import load_dataset
    >>> from ikmpolicy.forms.content import session_forms
    >>> f = session_forms(load_dataset("data/cilegon"), "fgd-2025-05-15")
    >>> "sama penting" in form_html("ahp", f, Locale("id"), f.participants[:1])
    True
    """
    env = _environment()
    css = (
        resources.files("ikmpolicy").joinpath("templates", "forms", "forms.css").read_text("utf-8")
    )
    context = {
        "f": forms,
        "t": loc.t,
        "lang": loc.lang,
        "css": css,
        "doc_title": loc.t(f"forms.{kind}.title"),
        "participants": participants or [],
    }
    if kind == "ahp":
        context.update(
            pairs=forms.pairs,
            labels=dict(forms.criteria),
            scale=SAATY_VALUES,
            ticks=[*range(9, 1, -1), 1, *range(2, 10)],
        )
    elif kind == "ssim":
        ids = [e for e, _ in forms.elements]
        context.update(
            labels=dict(forms.elements),
            pairs=[(ids[a], ids[b]) for a in range(len(ids)) for b in range(a + 1, len(ids))],
        )
    elif kind == "readiness":
        low = min((i["scale_min"] for i in forms.indicators), default=1.0)
        high = max((i["scale_max"] for i in forms.indicators), default=5.0)
        context.update(
            levels=[float(v) for v in range(int(low), int(high) + 1)],
            anchors={i["id"]: anchor_text(i, loc) for i in forms.indicators},
        )
    elif kind == "attendance":
        context.update(
            rows=range(1, BLANK_ROWS + 1),
            helices=", ".join(forms.helix_labels.get(h, h) for h in forms.helices),
            roles=", ".join(loc.t(f"forms.roles.{r}") for r in ROLES),
        )
    elif kind == "commitments":
        context.update(
            rows=range(1, BLANK_ROWS + 1), themes="; ".join(label for _, label in forms.themes)
        )
    return env.get_template(f"{kind}.html").render(**context)


def form_pdf(kind: str, forms: SessionForms, loc: Locale, participants=None) -> bytes:
    """The form as PDF bytes (WeasyPrint; no date in the metadata, so reruns give the same
    bytes)."""
    from weasyprint import HTML

    return HTML(string=form_html(kind, forms, loc, participants), base_url=None).write_pdf()
