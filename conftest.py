# `python -m ikmpolicy` would run the CLI when pytest imports it for doctests.
collect_ignore = ["src/ikmpolicy/__main__.py"]
