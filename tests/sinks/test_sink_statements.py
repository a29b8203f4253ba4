"""The SQL endpoint's read-only rule."""

from __future__ import annotations

import pytest

from sinks.clickhouse.errors import NotReadOnly
from sinks.clickhouse.statements import check_read_only, split_format


@pytest.mark.parametrize("sql", [
    "SELECT 1", "  select 1 ;", "WITH x AS (SELECT 1) SELECT * FROM x", "SHOW TABLES FROM ai",
    "DESCRIBE ai.chat_message", "EXPLAIN SELECT 1", "(SELECT 1)", "SELECT ';' AS semicolon",
    "-- a comment; with a semicolon\nSELECT 1", "SELECT 'into outfile'",
])
def test_read_only_statements_pass(sql):
    assert check_read_only(sql)


@pytest.mark.parametrize("sql", [
    "", " ; ", "DROP TABLE ai.chat_message", "INSERT INTO ai.llm_call VALUES (1)",
    "SELECT 1; DROP TABLE ai.chat_message", "OPTIMIZE TABLE ai.llm_call FINAL",
    "SELECT 1 INTO OUTFILE '/tmp/x'", "ALTER TABLE ai.chat_message DELETE WHERE 1", "SET readonly = 0",
    "/* SELECT */ DROP TABLE t", "SELECT 1 # ; DROP TABLE t",
])
def test_other_statements_are_refused(sql):
    with pytest.raises(NotReadOnly):
        check_read_only(sql)


@pytest.mark.parametrize("sql, expected", [
    ("SELECT 1", ("SELECT 1", None)),
    ("SELECT 1 FORMAT JSONEachRow;", ("SELECT 1", "JSONEachRow")),
    ("SELECT 'FORMAT TSV'", ("SELECT 'FORMAT TSV'", None)),
])
def test_trailing_format_is_split_off(sql, expected):
    assert split_format(sql) == expected
