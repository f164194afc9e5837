"""The FGD's own instruments: forms out (Excel and printable PDF) and forms back in.

* :mod:`.content` - what each form asks (AHP pairs, readiness levels, attendance, commitments,
  SSIM), built from the dataset;
* :mod:`.excel` - the forms as Excel workbooks to fill on a laptop;
* :mod:`.pdf` - the same forms as printable A4 PDF (Jinja2 templates, WeasyPrint);
* :mod:`.importer` - filled workbooks back into the dataset, validated, atomically;
* :mod:`.commands` - the ``forms`` and ``import-forms`` subcommands;
* :mod:`.schema_checks` - cross-row checks of the instruments' tables.

Importing this package is cheap (the command line imports it to build its help); the modules
load pandas, openpyxl and WeasyPrint themselves.
"""
