"""From an executed notebook to the brief's HTML page and PDF.

nbconvert exports the outputs only (no code, no prompts) with its ``basic`` template; the result
is wrapped in a small page with the brief's own stylesheet, so the HTML needs nothing from the
network and WeasyPrint turns the same HTML into the PDF (no TeX needed).
"""

from __future__ import annotations

from html import escape
from importlib import resources

import nbformat

#: Cells with this tag are for people reading the notebook, not for the brief.
REMOVE_TAG = "remove-cell"


def brief_body(notebook: nbformat.NotebookNode) -> str:
    """The outputs of the notebook as HTML, without code, prompts or stream text."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    nb = nbformat.from_dict(notebook)
    for cell in nb.cells:
        if cell.cell_type == "code":
            # stdout/stderr (warnings, progress) are for the analyst, not for the reader
            cell.outputs = [o for o in cell.outputs if o.get("output_type") != "stream"]
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = {REMOVE_TAG}
    config.TagRemovePreprocessor.enabled = True
    exporter = HTMLExporter(config=config, template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.exclude_markdown = True
    body, _ = exporter.from_notebook_node(nb)
    return body


def page(body: str, title: str, lang: str, footer: str = "") -> str:
    """A standalone HTML page around ``body`` with the brief stylesheet inlined."""
    css = resources.files("ikmpolicy").joinpath("templates", "brief.css").read_text("utf-8")
    foot = f'<footer class="brief-footer">{escape(footer)}</footer>' if footer else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f"{body}\n{foot}\n</body>\n</html>\n"
    )


def pdf_bytes(html: str) -> bytes:
    """Render the brief page to PDF with WeasyPrint (no dates in the metadata: reproducible)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf()
