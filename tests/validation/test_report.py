"""Problems as printed, counts, and the summary ``validate`` prints."""

from __future__ import annotations

from collections import Counter

from ikmpolicy.validation import HIDDEN_PERSONAL, Problem, TableCounts, ValidationReport


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
