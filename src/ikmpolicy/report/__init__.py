"""Everything a brief shows: wording, formatting, tables, figures, sections and rendering.

The brief notebook calls :mod:`ikmpolicy.report.sections`; each section is one function that
returns an :class:`~ikmpolicy.report.html.Fragment` and is shown by one notebook cell.
"""
