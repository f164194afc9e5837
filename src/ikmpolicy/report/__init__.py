"""Everything a brief shows: wording, formatting, content, figures, sections and rendering.

The brief notebook calls :mod:`ikmpolicy.report.sections`; each section is one function that
returns a :class:`~ikmpolicy.report.content.Section` (blocks of text, tables and figures) and is
shown by one notebook cell. :mod:`~ikmpolicy.report.render_html` (Jinja2 templates) and
:mod:`~ikmpolicy.report.render_docx` turn sections into documents.
"""
