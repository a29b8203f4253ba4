"""The sink's exception tree, translated from clickhouse-connect at the boundary.

    EnsembleError
    └── SinkError               anything the ClickHouse sink cannot do
        ├── StoreUnavailable    the store cannot be opened (e.g. another process owns the chdb directory)
        ├── InsertFailed        rows not written: the whole batch (retries exhausted) or failed_ids only
        │   └── QuestionIdReused  verdicts not written: their question_id already holds another question
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
    """Rows were not written.

    ``failed_ids`` empty: the whole batch failed (ClickHouse unavailable); replaying it is safe,
    every write is idempotent. ``failed_ids`` set: only those records (question or candidate
    ids) cannot be stored, every other record of the batch was; send those to dead letters.
    """

    def __init__(self, message: str, failed_ids: list[str] | None = None) -> None:
        super().__init__(message)
        self.failed_ids = list(failed_ids or [])


class QuestionIdReused(InsertFailed):
    """Verdicts not written because ClickHouse already holds a different question under their
    ``question_id`` (``failed_ids``). Every other verdict of the batch was written. Retrying cannot
    help: the sink dead-letters them as ``reused_question_id``, and the earlier decision stays."""


class QueryFailed(SinkError):
    """A query failed. ``str(exc)`` is meant for the person who typed the SQL."""


class NotReadOnly(QueryFailed):
    """The statement is not a single read-only statement."""
