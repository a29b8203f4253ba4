"""The ClickHouse sink: verdicts and provider calls as rows in the ``ai`` database.

``ClickHouseStore`` writes and reads (embedded chdb or a server); ``SqlServer`` lets
``ensemble sql`` query the store a running worker owns; ``run_sql`` is what the CLI calls.
"""

from sinks.clickhouse.errors import (
    InsertFailed, NotReadOnly, QueryFailed, QuestionIdReused, SinkError, StoreUnavailable,
)
from sinks.clickhouse.store import ClickHouseStore

__all__ = [
    "ClickHouseStore", "SinkError", "StoreUnavailable", "InsertFailed", "QueryFailed", "NotReadOnly",
    "QuestionIdReused",
]
