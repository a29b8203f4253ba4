"""ClickHouseSink: what a worker holds — the store, the one thread it runs on, the SQL endpoint.

The Faust app opens it in a service's ``on_start`` and closes it in ``on_stop``; the sink
agents await :meth:`write_verdicts` / :meth:`write_candidates` with batches from
``stream.take(settings.clickhouse.batch_size, within=settings.clickhouse.batch_seconds)``.
Every store call runs on one dedicated thread, so inserts and ``ensemble sql`` queries never
overlap and the event loop never blocks.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Optional, Sequence, TypeVar

from schemas.records import Candidate, Verdict
from sinks.clickhouse.sql_server import SqlServer
from sinks.clickhouse.store import ClickHouseStore

logger = logging.getLogger(__name__)
T = TypeVar("T")


class ClickHouseSink:
    """Async facade over one ClickHouseStore and its single thread."""

    def __init__(self, settings: Any, *, serve_sql: Optional[bool] = None) -> None:
        self.store = ClickHouseStore.from_settings(settings)
        # With a server URL, `ensemble sql` queries the server itself: no endpoint needed.
        self.serve_sql = self.store.embedded if serve_sql is None else serve_sql
        self.sql_server: Optional[SqlServer] = SqlServer.from_settings(settings) if self.serve_sql else None
        self._executor: Optional[ThreadPoolExecutor] = None

    async def start(self) -> None:
        """Open the store (creating the schema) and start the SQL endpoint.

        A port already taken leaves the sink working without the endpoint (logged)."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clickhouse")
        await self._run(self.store.open)
        if self.sql_server is not None:
            try:
                await self.sql_server.start(self.store, self._executor)
            except OSError as exc:
                logger.error("`ensemble sql` endpoint not started on port %d: %s", self.sql_server.port, exc)
                self.sql_server = None

    async def stop(self) -> None:
        """Stop the endpoint, close the store, release the thread. Idempotent."""
        if self.sql_server is not None:
            await self.sql_server.stop()
        if self._executor is not None:
            await self._run(self.store.close)
            self._executor.shutdown(wait=True)
            self._executor = None

    async def write_verdicts(self, verdicts: Sequence[Verdict]) -> int:
        """ClickHouseStore.insert_verdicts on the store's thread (same guarantees and errors)."""
        return await self._run(self.store.insert_verdicts, list(verdicts))

    async def write_candidates(self, candidates: Sequence[Candidate]) -> int:
        """ClickHouseStore.insert_candidates on the store's thread (same guarantees and errors)."""
        return await self._run(self.store.insert_candidates, list(candidates))

    async def query(self, sql: str, fmt: str = "PrettyCompact") -> str:
        """A read-only query as text, on the store's thread."""
        return await self._run(self.store.query, sql, fmt, read_only=True)

    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._executor is None:
            raise RuntimeError("ClickHouseSink is not started")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(*args, **kwargs))
