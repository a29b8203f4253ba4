"""ClickHouseStore: batched, idempotent writes of verdicts and candidates, and SQL for people.

Embedded by default (``chdb://<data_dir>/clickhouse``, through clickhouse-connect's chdb
backend), or a ClickHouse server when ``clickhouse.url`` is set. One process owns a chdb
directory: a second process cannot open it (:class:`StoreUnavailable`), which is why a running
worker answers ``ensemble sql`` through :mod:`sinks.clickhouse.sql_server`.

Threading: every method is synchronous and blocking (an insert costs >= 8 ms on chdb) and
the store is NOT thread-safe by itself. Callers run its methods on one dedicated thread, e.g.
``ThreadPoolExecutor(max_workers=1)`` shared by the sink agents, and never call it directly from
the event loop. One exception: after :meth:`prepare_reader` (on that thread), read-only
queries may run on one other thread, which is how the SQL server keeps a slow analyst query
from holding up the inserts.
"""

from __future__ import annotations

import logging
import random
import re
import struct
import time
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import clickhouse_connect
from clickhouse_connect.driver.exceptions import DatabaseError, DataError, OperationalError, ProgrammingError

from schemas.records import Candidate, Verdict
from sinks.clickhouse import rows as R
from sinks.clickhouse.errors import InsertFailed, QueryFailed, QuestionIdReused, StoreUnavailable
from sinks.clickhouse.schema import DDL_SETTINGS, check_identifier, schema_statements
from sinks.clickhouse.statements import READ_ONLY_KEYWORDS, check_read_only, code_only, split_format

logger = logging.getLogger(__name__)

# ClickHouse error names worth a retry: load or network, not the data or the SQL.
TRANSIENT_ERRORS = frozenset({
    "TOO_MANY_PARTS", "TIMEOUT_EXCEEDED", "MEMORY_LIMIT_EXCEEDED", "TOO_MANY_SIMULTANEOUS_QUERIES",
    "NETWORK_ERROR", "SOCKET_TIMEOUT", "ALL_CONNECTION_TRIES_FAILED", "KEEPER_EXCEPTION", "TABLE_IS_READ_ONLY",
})


# chdb colours Pretty output when *its* process has a terminal: a worker started in a shell
# would send escape codes to `ensemble sql`, so the text is always plain.
_PLAIN_TEXT = {"output_format_pretty_color": 0}


def embedded_dsn(data_dir: Path) -> str:
    """The chdb DSN for ``<data_dir>/clickhouse`` (absolute, so every caller names one engine path)."""
    return f"chdb://{(Path(data_dir) / 'clickhouse').resolve()}"


class ClickHouseStore:
    """The ``ai`` database: tables created on :meth:`open`, rows written idempotently."""

    def __init__(self, dsn: str, database: str = "ai", *, insert_attempts: int = 3,
                 backoff_s: float = 0.05, backoff_max_s: float = 2.0, timeout_s: float = 30.0) -> None:
        self.dsn = dsn
        self.database = check_identifier(database)
        self.insert_attempts = max(1, insert_attempts)
        self.backoff_s = backoff_s
        self.backoff_max_s = backoff_max_s
        self.timeout_s = timeout_s
        self._client: Any = None
        self._read_only_client: Any = None
        self._insert_contexts: dict[str, Any] = {}

    @classmethod
    def from_settings(cls, settings: Any) -> "ClickHouseStore":
        """Server when ``settings.clickhouse.url`` is set, else embedded under ``settings.data_dir``."""
        ch = settings.clickhouse
        return cls(ch.url or embedded_dsn(settings.data_dir), ch.database)

    @property
    def embedded(self) -> bool:
        return self.dsn.startswith("chdb:")

    # --- lifecycle -------------------------------------------------------------------------

    def open(self, create_schema: bool = True, wait_s: float = 5.0) -> "ClickHouseStore":
        """Connect and (unless ``create_schema`` is false, e.g. for a read-only server user)
        create the database, tables and views (idempotent). Returns self.

        Embedded, a directory held by another process is retried for up to ``wait_s`` seconds
        (an `ensemble sql` that opened it directly holds it for about a second), then
        StoreUnavailable is raised.
        """
        if self._client is None:
            self._client = self._connect_waiting(wait_s)
            try:
                if create_schema:
                    self.create_schema()
            except Exception:
                self.close()
                raise
        return self

    def create_schema(self) -> None:
        """Run every ``CREATE ... IF NOT EXISTS`` / ``CREATE OR REPLACE VIEW``; harmless when repeated."""
        for statement in schema_statements(self.database):
            try:
                self._live().command(statement, settings=DDL_SETTINGS)
            except DatabaseError as exc:
                raise StoreUnavailable(f"cannot create the schema of {self.database}: {exc}") from exc

    def close(self) -> None:
        """Release the clients (and, embedded, the chdb directory). Idempotent."""
        for client in (self._read_only_client, self._client):
            if client is not None:
                try:
                    client.close()
                except Exception:  # closing is best effort: the handle may already be gone
                    logger.debug("closing a ClickHouse client failed", exc_info=True)
        self._client = self._read_only_client = None
        self._insert_contexts.clear()

    def __enter__(self) -> "ClickHouseStore":
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect_waiting(self, wait_s: float) -> Any:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                return self._connect()
            except StoreUnavailable as exc:
                held = self.embedded and "another process" in str(exc)
                if not held or time.monotonic() >= deadline:
                    raise
                time.sleep(0.25)

    def _connect(self, settings: Optional[dict] = None) -> Any:
        if self.embedded:
            Path(self.dsn[len("chdb://"):]).mkdir(parents=True, exist_ok=True)
            kwargs: dict[str, Any] = {}
            settings = {**_PLAIN_TEXT, **(settings or {})}
        else:
            kwargs = {"connect_timeout": min(10.0, self.timeout_s), "send_receive_timeout": self.timeout_s}
        try:
            return clickhouse_connect.get_client(dsn=self.dsn, settings=settings or {}, **kwargs)
        except ProgrammingError as exc:
            if not self.embedded:
                raise StoreUnavailable(f"cannot use ClickHouse at {_redact(self.dsn)}: {exc}") from exc
            if "already initialized with path" in str(exc):
                hint = "this process already holds another chdb directory (one engine path per process)"
            else:
                hint = ("another process (a running worker?) owns it; query it with `ensemble sql` "
                        "while that process runs")
            raise StoreUnavailable(f"cannot open the embedded ClickHouse at {self.dsn}: {hint} ({exc})") from exc
        except DatabaseError as exc:
            raise StoreUnavailable(f"cannot reach ClickHouse at {_redact(self.dsn)}: {exc}") from exc

    def _live(self) -> Any:
        if self._client is None:
            raise StoreUnavailable("the store is not open: call open() first")
        return self._client

    # --- writes ----------------------------------------------------------------------------

    def insert_verdicts(self, verdicts: Sequence[Verdict], published_at: Optional[dict[str, int]] = None) -> int:
        """Write each verdict to chat_message and training_signal, and its judge calls to llm_call.

        One insert per table per call (more only to isolate a record that cannot be encoded).
        Idempotent: writing the same verdicts again leaves one row per question in what
        analysts read (FINAL / the views). Returns the number of distinct verdicts given.
        ``published_at`` maps question ids to their verdict's Kafka timestamp (epoch ms).
        Raises InsertFailed when ClickHouse stays unavailable after the bounded retries (replay
        the batch), or, after writing every other record, when some records cannot be stored
        (``exc.failed_ids``: their question ids; dead-letter them, a replay fails again).
        """
        unique = list({v.question_id: v for v in verdicts}.values())
        reused = self._reused_ids(unique)
        if reused:
            unique = [v for v in unique if v.question_id not in reused]
        failed = self._insert("chat_message", R.CHAT_MESSAGE_COLUMNS, [R.chat_message_row(v, (published_at or {}).get(v.question_id)) for v in unique])
        failed += self._insert("training_signal", R.TRAINING_SIGNAL_COLUMNS, [R.training_signal_row(v) for v in unique])
        failed += self._insert("llm_call", R.LLM_CALL_COLUMNS, _unique_calls(R.judge_call_rows(v) for v in unique))
        _raise_for_rejected(failed, "verdict")
        if reused:
            raise QuestionIdReused(f"{len(reused)} verdict(s) not stored: ClickHouse already holds a different question "
                                   f"under question_id {', '.join(sorted(reused))}", failed_ids=sorted(reused))
        return len(unique)

    def _reused_ids(self, verdicts: Sequence[Verdict]) -> set[str]:
        """Ids of ``verdicts`` under which a different question (by text) is already stored.

        The critic refuses a reused id while it remembers the first question; after a restart it
        does not, and without this check the new decision would replace the old one in every
        ``FINAL`` read while ``llm_call`` kept both questions' calls (review 24 A3). A replayed
        verdict has the same text and is written again as usual.
        """
        if not verdicts:
            return set()
        result = self._live().query(
            f"SELECT question_id, question_text FROM {self.database}.chat_message FINAL "
            "WHERE question_id IN {ids:Array(String)}",
            parameters={"ids": [v.question_id for v in verdicts]})
        stored = dict(result.result_rows)
        return {v.question_id for v in verdicts if v.question_id in stored and stored[v.question_id] != v.question_text}

    def insert_candidates(self, candidates: Sequence[Candidate]) -> int:
        """Write one llm_call row per attempt of every candidate, in one insert. Idempotent.

        Returns the number of distinct llm_call rows. Raises InsertFailed as
        :meth:`insert_verdicts` does (``failed_ids``: candidate ids).
        """
        calls = _unique_calls(R.candidate_call_rows(c) for c in candidates)
        _raise_for_rejected(self._insert("llm_call", R.LLM_CALL_COLUMNS, calls), "candidate")
        return len(calls)

    def _insert(self, table: str, columns: Sequence[str], rows: list[R.Row]) -> list[tuple[str, str]]:
        """Insert ``rows``; returns (record id, cause) of the rows that cannot be encoded.

        A batch refused for its data is split in halves until the bad rows are alone, so one
        bad record never blocks the others. Anything else (ClickHouse down, schema missing)
        raises InsertFailed for the whole batch after the retries.
        """
        if not rows:
            return []
        try:
            self._insert_with_retry(f"{self.database}.{table}", columns, rows)
            return []
        except _RowsRejected as rejected:
            if len(rows) == 1:
                key = columns.index("source_id" if "source_id" in columns else "question_id")
                logger.error("%s row for %s cannot be stored: %s", table, rows[0][key], rejected.cause)
                return [(rows[0][key], f"{table}: {rejected.cause}")]
            mid = len(rows) // 2
            return self._insert(table, columns, rows[:mid]) + self._insert(table, columns, rows[mid:])

    def _insert_with_retry(self, name: str, columns: Sequence[str], rows: list[R.Row]) -> None:
        for attempt in range(1, self.insert_attempts + 1):
            try:
                context = self._insert_context(name, columns)
                context.data = rows
                self._live().insert(context=context)
                return
            except Exception as exc:
                self._insert_contexts.pop(name, None)
                if _bad_data(exc):
                    raise _RowsRejected(exc) from exc
                if attempt == self.insert_attempts or not _transient(exc):
                    raise InsertFailed(f"insert of {len(rows)} rows into {name} failed after {attempt} attempt(s): {exc}") from exc
                delay = min(self.backoff_max_s, self.backoff_s * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)
                logger.warning("insert into %s failed (attempt %d/%d), retrying in %.2fs: %s",
                               name, attempt, self.insert_attempts, delay, exc)
                time.sleep(delay)

    def _insert_context(self, name: str, columns: Sequence[str]) -> Any:
        """A reusable insert context per table: saves the column-type lookup on every insert."""
        context = self._insert_contexts.get(name)
        if context is None:
            context = self._live().create_insert_context(name, column_names=list(columns))
            self._insert_contexts[name] = context
        return context

    # --- reads -----------------------------------------------------------------------------

    def query(self, sql: str, fmt: str = "PrettyCompact", *, read_only: bool = False,
              tag: Optional[str] = None) -> str:
        """The result of ``sql`` as text in ClickHouse format ``fmt`` (PrettyCompact, TSV,
        TabSeparatedWithNames, JSONEachRow, CSVWithNames, ...). A trailing ``FORMAT x`` in the
        SQL wins over ``fmt``. ``read_only`` accepts one read-only statement only (embedded:
        also enforced by the engine with ``readonly = 1``, and stopped after ``timeout_s``).
        ``tag`` (letters, digits, dashes) marks the statement so :meth:`kill_query` can stop it.
        Errors raise QueryFailed (NotReadOnly for a refused statement).

        Embedded, a read-only query may run on another thread than the inserts: it uses its own
        client, made by :meth:`prepare_reader` on the store's thread.
        """
        statement, inline_fmt = split_format(sql)
        fmt = inline_fmt or fmt
        client = self._reader(statement) if read_only else self._live()
        if tag is not None:
            statement = f"{_tag_comment(tag)} {statement}"
        try:
            if not _is_read(statement):
                result = client.command(statement)
                return "" if result is None or not isinstance(result, (str, int, float)) else f"{result}\n"
            return client.raw_query(statement, fmt=fmt).decode("utf-8", errors="replace")
        except DatabaseError as exc:
            raise QueryFailed(_clean_error(exc)) from exc

    def query_rows(self, sql: str, *, read_only: bool = False) -> list[tuple]:
        """The rows of ``sql`` as Python tuples (DateTime64 as naive UTC datetimes)."""
        statement, _ = split_format(sql)
        client = self._reader(statement) if read_only else self._live()
        try:
            return [tuple(r) for r in client.query(statement).result_rows]
        except DatabaseError as exc:
            raise QueryFailed(_clean_error(exc)) from exc

    def kill_query(self, tag: str) -> None:
        """Stop a query started with ``tag`` (e.g. an ``ensemble sql`` whose caller went away).
        Best effort: a query already finished, or a server refusing KILL, is not an error."""
        try:
            self._live().command(f"KILL QUERY WHERE startsWith(query, '{_tag_comment(tag)}') ASYNC")
        except (DatabaseError, StoreUnavailable):
            logger.debug("could not stop query %s", tag, exc_info=True)

    def prepare_reader(self) -> None:
        """Make the read-only client now (call it on the store's thread), so read-only queries
        can then run on a thread of their own without touching the writer's state."""
        if self.embedded:
            self._reader("SELECT 1")

    def _reader(self, statement: str) -> Any:
        check_read_only(statement)
        if not self.embedded:
            # A server's own grants apply: point clickhouse.url at a read-only user to have
            # the server enforce it as well.
            return self._live()
        if self._read_only_client is None:
            self._live()
            # max_execution_time must come first: nothing can be SET after readonly = 1.
            limits = {"max_execution_time": max(1, int(self.timeout_s)), **_PLAIN_TEXT, "readonly": 1}
            self._read_only_client = self._connect(limits)
        return self._read_only_client


_TAG = re.compile(r"^[A-Za-z0-9-]{1,64}$")


def _tag_comment(tag: str) -> str:
    if not _TAG.match(tag):
        raise ValueError(f"bad query tag {tag!r}")
    return f"/* ensemble-sql {tag} */"


def _is_read(statement: str) -> bool:
    words = code_only(statement).lstrip(" \t\r\n(").split(None, 1)
    return bool(words) and words[0].upper() in READ_ONLY_KEYWORDS


class _RowsRejected(Exception):
    """The rows themselves cannot be encoded or parsed: retrying the same rows cannot help."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


def _bad_data(exc: BaseException) -> bool:
    return isinstance(exc, (DataError, ValueError, TypeError, OverflowError, struct.error))


def _raise_for_rejected(failed: list[tuple[str, str]], kind: str) -> None:
    if failed:
        ids = list(dict.fromkeys(i for i, _ in failed))
        raise InsertFailed(f"{len(ids)} {kind}(s) could not be stored (the rest of the batch was): {failed[0][1]}",
                           failed_ids=ids)


def _unique_calls(groups: Iterable[list[R.Row]]) -> list[R.Row]:
    return list({row[0]: row for group in groups for row in group}.values())


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, (OperationalError, ConnectionError, TimeoutError)):
        return True
    return isinstance(exc, DatabaseError) and getattr(exc, "name", None) in TRANSIENT_ERRORS


def _clean_error(exc: BaseException) -> str:
    """ClickHouse's message without clickhouse-connect's stack decoration."""
    text = str(exc).strip()
    return text.split("\nStack trace", 1)[0]


def _redact(dsn: str) -> str:
    """The DSN without a password, for messages."""
    if "@" not in dsn or "://" not in dsn:
        return dsn
    scheme, rest = dsn.split("://", 1)
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
