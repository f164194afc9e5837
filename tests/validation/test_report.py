"""Problems as printed, counts, and the summary ``validate`` prints."""

from __future__ import annotations

from collections import Counter

from ikmpolicy.validation import (
    HIDDEN_PERSONAL,
    HIDDEN_SHIFTED,
    Problem,
    TableCounts,
    ValidationReport,
)


def test_a_problem_names_file_row_line_column_value_and_expectation():
    p = Problem("statements.csv", 7, "text", "abc", "text", line=9)
    assert (
        str(p) == "ERROR statements.csv, row 7 (line 9), column 'text': found 'abc'; expected text"
    )
    hidden = Problem("data.xlsx [firms]", 3, "workforce", HIDDEN_PERSONAL, "a whole number")
    assert str(hidden) == (
        "ERROR data.xlsx [firms], row 3, column 'workforce': "
        f"{HIDDEN_PERSONAL}; expected a whole number"
    )
    assert (
        str(Problem("firms.csv", None, None, None, "x", "warning"))
        == "WARNING firms.csv; expected x"
    )


def test_the_summary_lists_every_problem_with_what_its_rejection_took():
    report = ValidationReport()
    root = report.add(Problem("firms.csv", 2, "kbli", "1", "5 digits"))
    report.add(Problem("assessments.csv", 2, "firm_id", "IKM-001", "a firm", cause=root))
    report.cascades[root] = Counter({"assessments": 1})
    report.counts["firms"] = TableCounts("firms.csv", read=3, rejected=1)
    report.counts["assessments"] = TableCounts("assessments.csv", read=4, rejected=1, examples=2)
    lines = report.summary().splitlines()
    assert lines[0].endswith("(its rejection took 1 row(s) with it: assessments 1)")
    assert lines[-1] == (
        "2 error(s), 0 warning(s); 7 rows read, 5 accepted, 2 rejected; 2 example row(s) skipped"
    )
    frame = report.counts_frame()
    assert frame["accepted"].tolist() == [2, 3]
    assert frame["example_rows_skipped"].tolist() == [0, 2]


def test_problems_that_differ_only_in_row_and_value_are_one_line_naming_every_row():
    # a column wrong on every row printed one line per row: 1210 lines for a pasted-over
    # org_id column of stakeholders
    report = ValidationReport()
    roots = [report.add(Problem("firms.csv", r, "kbli", "x", "5 digits")) for r in (2, 3, 4)]
    for k, row in enumerate((2, 5, 9, 11)):
        value = f"IKM-{k}"
        report.add(Problem("assessments.csv", row, "firm_id", value, "a firm", cause=roots[0]))
    report.add(Problem("assessments.csv", 12, "firm_id", "IKM-9", "another firm"))
    report.add(Problem("firms.csv", 7, "owner", HIDDEN_PERSONAL, "text"))
    report.add(Problem("firms.csv", 8, "owner", HIDDEN_PERSONAL, "text"))
    report.cascades[roots[0]] = Counter({"assessments": 4})
    assert report.lines() == [
        "ERROR firms.csv, rows 2–4, column 'kbli': found 'x'; expected 5 digits "
        "(their rejection took 4 row(s) with it: assessments 4)",
        "ERROR assessments.csv, rows 2, 5, 9 and 11, column 'firm_id': found 'IKM-0', 'IKM-1', "
        "'IKM-2' and 1 other value(s); expected a firm",
        "ERROR assessments.csv, row 12, column 'firm_id': found 'IKM-9'; expected another firm",
        f"ERROR firms.csv, rows 7 and 8, column 'owner': {HIDDEN_PERSONAL}; expected text",
    ]


def test_a_grouped_line_names_every_scattered_row():
    report = ValidationReport()
    rows = list(range(2, 60, 2))  # 29 scattered rows: none is cut to "and N more"
    for row in rows:
        report.add(Problem("pairwise.csv", row, "value", "?", "a number"))
    [line] = report.lines()
    assert all(f" {row}" in line for row in rows) and "more" not in line


def test_hidden_values_of_two_kinds_are_not_merged_under_one_label():
    report = ValidationReport()
    report.add(Problem("firms.csv", 3, "owner", HIDDEN_PERSONAL, "text"))
    report.add(Problem("firms.csv", 4, "owner", HIDDEN_SHIFTED, "text"))
    assert report.lines() == [
        f"ERROR firms.csv, row 3, column 'owner': {HIDDEN_PERSONAL}; expected text",
        f"ERROR firms.csv, row 4, column 'owner': {HIDDEN_SHIFTED}; expected text",
    ]
