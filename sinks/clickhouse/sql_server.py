"""``ensemble sql`` while a worker runs: the worker owns the chdb directory, so it answers.

The worker starts a :class:`SqlServer` on loopback (``clickhouse.sql_port``). It accepts
``POST /sql?format=<ClickHouse format>`` with the SQL as the body and the header
``X-Ensemble-Sql: 1`` (a custom header forces a CORS preflight, which is never answered, so a
web page cannot drive the endpoint). It runs one **read-only** statement (SELECT, WITH, SHOW,
DESCRIBE, DESC, EXPLAIN, EXISTS) on a thread of its own with the store's read-only client, so a
slow analyst query never holds up the inserts on the store's thread (queries wait for each other,
one at a time). A caller that goes away (Ctrl-C, timeout) has its query stopped (KILL QUERY), so an
abandoned query does not hold the SQL thread until ClickHouse's time limit. The endpoint answers
with the formatted text:

    200  the result
    400  ClickHouse refused the query (its message)      403  not a single read-only statement
    503  the store is not open                           500  anything else

:func:`run_sql` is what the CLI calls: a configured server URL is queried directly; else the
worker's SqlServer; if nothing listens, the chdb directory is opened directly and closed (a
directory that does not exist is an error, not a new empty database: a mistyped data directory
must not read as "no rows").
Every path applies the same read-only rule, so ``ensemble sql`` behaves the same whether the
worker runs or not.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
import uuid
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional

import httpx
from aiohttp import web

from sinks.clickhouse.errors import NotReadOnly, QueryFailed, StoreUnavailable
from sinks.clickhouse.statements import check_read_only
from sinks.clickhouse.store import ClickHouseStore

logger = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
MARKER_HEADER = "X-Ensemble-Sql"
_FORMAT = re.compile(r"^[A-Za-z0-9_]{1,64}$")


class SqlServer:
    """Loopback HTTP endpoint running read-only SQL on a store owned by this process."""

    def __init__(self, port: int = 18123, host: str = LOOPBACK) -> None:
        self.host = host
        self.port = port
        self._runner: Optional[web.AppRunner] = None
        self._store: Optional[ClickHouseStore] = None
        self._store_executor: Optional[Executor] = None
        self._sql_executor: Optional[ThreadPoolExecutor] = None

    @classmethod
    def from_settings(cls, settings: Any) -> "SqlServer":
        return cls(port=settings.clickhouse.sql_port)

    async def start(self, store: ClickHouseStore, executor: Executor) -> None:
        """Listen on host:port (port 0 picks a free one, then ``self.port`` is the real one).

        ``executor`` is the single-thread executor every other call on ``store`` goes through
        (the read-only client is made there, and abandoned queries are stopped from there);
        the queries themselves run on a thread of the server's own.
        Raises OSError when the port is taken (e.g. a second worker on this machine).
        """
        self._store, self._store_executor = store, executor
        await asyncio.get_running_loop().run_in_executor(executor, store.prepare_reader)
        self._sql_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clickhouse-sql")
        app = web.Application(client_max_size=1 << 20)
        app.router.add_post("/sql", self._handle_sql)
        app.router.add_get("/ping", self._handle_ping)
        # handler_cancellation: a caller that disconnects cancels its handler, which stops its query.
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError:
            await self.stop()
            raise
        self.port = self._runner.addresses[0][1]
        logger.info("SQL endpoint on http://%s:%d/sql", self.host, self.port)

    async def stop(self) -> None:
        """Stop listening; a request in flight finishes first. Idempotent."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
        if self._sql_executor is not None:
            executor, self._sql_executor = self._sql_executor, None
            await asyncio.get_running_loop().run_in_executor(None, executor.shutdown)

    async def _handle_ping(self, request: web.Request) -> web.Response:
        return _text(200, "ok\n")

    async def _handle_sql(self, request: web.Request) -> web.Response:
        if request.headers.get(MARKER_HEADER) != "1":
            return _text(400, f"missing header {MARKER_HEADER}: 1\n")
        fmt = request.query.get("format", "PrettyCompact")
        if not _FORMAT.match(fmt):
            return _text(400, f"bad format name {fmt!r}\n")
        sql = await request.text()
        try:
            result = await self._query(check_read_only(sql), fmt)
        except NotReadOnly as exc:
            return _text(403, f"{exc}\n")
        except QueryFailed as exc:
            return _text(400, f"{exc}\n")
        except StoreUnavailable as exc:
            return _text(503, f"the store is not available: {exc}\n")
        except Exception as exc:  # the endpoint must answer, whatever went wrong
            logger.exception("SQL endpoint failed")
            return _text(500, f"internal error: {type(exc).__name__}: {exc}\n")
        return _text(200, result)

    async def _query(self, statement: str, fmt: str) -> str:
        if self._store is None or self._sql_executor is None:
            raise StoreUnavailable("no store")
        store, loop, tag = self._store, asyncio.get_running_loop(), uuid.uuid4().hex
        call = functools.partial(store.query, statement, fmt, read_only=True, tag=tag)
        running = loop.run_in_executor(self._sql_executor, call)
        try:
            return await asyncio.shield(running)
        except asyncio.CancelledError:
            # The caller went away: stop its query rather than let it run to the time limit.
            logger.info("`ensemble sql` caller left; stopping its query")
            await loop.run_in_executor(self._store_executor, store.kill_query, tag)
            raise


def _text(status: int, body: str) -> web.Response:
    return web.Response(status=status, text=body, content_type="text/plain", charset="utf-8",
                        headers={MARKER_HEADER: "1"})


def run_sql(settings: Any, sql: str, fmt: str = "PrettyCompact", *, timeout_s: float = 60.0) -> str:
    """The result of one read-only statement as text, wherever the store lives.

    Raises NotReadOnly, QueryFailed (ClickHouse's message) or StoreUnavailable.
    """
    statement = check_read_only(sql)
    if settings.clickhouse.url:
        return _query_directly(settings, statement, fmt, create_schema=False)
    answer = _ask_worker(settings.clickhouse.sql_port, statement, fmt, timeout_s)
    if answer is not None:
        return answer
    try:
        return _query_directly(settings, statement, fmt, create_schema=True)
    except StoreUnavailable:
        # A worker may have started between the two tries: it owns the directory now.
        time.sleep(0.5)
        answer = _ask_worker(settings.clickhouse.sql_port, statement, fmt, timeout_s)
        if answer is None:
            raise
        return answer


def _query_directly(settings: Any, statement: str, fmt: str, *, create_schema: bool) -> str:
    store = ClickHouseStore.from_settings(settings)
    if store.embedded and not Path(store.dsn[len("chdb://"):]).is_dir():
        # Opening would create an empty database, and a mistyped directory would read as "no rows".
        raise StoreUnavailable(
            f"no ClickHouse data under {settings.data_dir} (nothing was stored there yet): is ENSEMBLE_DATA_DIR "
            "right, and has `ensemble run` been started with it?")
    try:
        store.open(create_schema=create_schema, wait_s=0)
        return store.query(statement, fmt, read_only=True)
    finally:
        store.close()


def _ask_worker(port: int, statement: str, fmt: str, timeout_s: float) -> Optional[str]:
    """The worker's answer, or None when nothing listens on the loopback port."""
    url = f"http://{LOOPBACK}:{port}/sql"
    try:
        response = httpx.post(url, params={"format": fmt}, content=statement.encode("utf-8"),
                              headers={MARKER_HEADER: "1", "Content-Type": "text/plain; charset=utf-8"},
                              timeout=httpx.Timeout(timeout_s, connect=2.0), trust_env=False)
    except httpx.ConnectError:
        return None
    except httpx.HTTPError as exc:
        raise QueryFailed(f"the worker's SQL endpoint at {url} did not answer: {exc}") from exc
    if response.headers.get(MARKER_HEADER) != "1":
        raise StoreUnavailable(
            f"port {port} is held by something other than an llm-ensemble worker; set ENSEMBLE_CLICKHOUSE__SQL_PORT"
        )
    if response.status_code == 403:
        raise NotReadOnly(response.text.strip())
    if response.status_code == 503:
        raise StoreUnavailable(response.text.strip())
    if response.status_code != 200:
        raise QueryFailed(response.text.strip())
    return response.text
