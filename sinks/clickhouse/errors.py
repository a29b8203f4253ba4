"""The sink's exception tree, translated from clickhouse-connect at the boundary.

    EnsembleError
    └── SinkError               anything the ClickHouse sink cannot do
        ├── StoreUnavailable    the store cannot be opened (e.g. another process owns the chdb directory)
        ├── InsertFailed        a batch could not be written after the bounded retries
        └── QueryFailed         a query failed; ``message`` is ClickHouse's own explanation
            └── NotReadOnly     the SQL endpoint only runs one read-only statement
"""

from __future__ import annotations

from ensemble.errors import EnsembleError


class SinkError(EnsembleError):
    """Base of every error the ClickHouse sink raises."""


class StoreUnavailable(SinkError):
    """The store cannot be opened or reached."""


class InsertFailed(SinkError):
    """A batch was not written; the caller may replay it (every write is idempotent)."""


class QueryFailed(SinkError):
    """A query failed. ``str(exc)`` is meant for the person who typed the SQL."""


class NotReadOnly(QueryFailed):
    """The statement is not a single read-only statement."""
