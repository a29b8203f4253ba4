"""`ensemble sql` while the store is held: through the loopback SqlServer, also from another process."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import sys
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from ensemble.settings import ClickHouseSettings, Settings
from sinks.clickhouse.errors import NotReadOnly, QueryFailed, StoreUnavailable
from sinks.clickhouse.sql_server import MARKER_HEADER, SqlServer, run_sql
from sinks.clickhouse.store import ClickHouseStore, embedded_dsn
from sink_factories import candidate, verdict

pytestmark = pytest.mark.integration


@pytest.fixture
async def held_store(tmp_path):
    """A store holding tmp_path's chdb directory and the one thread its writes go through."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clickhouse")
    loop = asyncio.get_running_loop()
    store = await loop.run_in_executor(executor, ClickHouseStore(embedded_dsn(tmp_path)).open)
    await loop.run_in_executor(executor, store.insert_verdicts, [verdict("q1"), verdict("q2")])
    await loop.run_in_executor(executor, store.insert_candidates, [candidate("q1")])
    try:
        yield store, executor
    finally:
        await loop.run_in_executor(executor, store.close)
        executor.shutdown()


@pytest.fixture
async def served(tmp_path, held_store):
    """The held store served on a free loopback port like a worker does."""
    store, executor = held_store
    server = SqlServer(port=0)
    await server.start(store, executor)
    settings = Settings(data_dir=tmp_path, clickhouse=ClickHouseSettings(sql_port=server.port))
    try:
        yield settings, server
    finally:
        await server.stop()


async def test_run_sql_goes_through_the_server_while_the_store_holds_the_directory(served):
    settings, _ = served
    out = await asyncio.to_thread(run_sql, settings, "SELECT question_id FROM ai.chat_message_final ORDER BY 1", "TSV")
    assert out == "q1\nq2\n"


async def test_run_sql_from_another_process(served):
    settings, _ = served
    code = ("from ensemble.settings import Settings; from sinks.clickhouse.sql_server import run_sql; "
            "print(run_sql(Settings(), 'SELECT count() AS verdicts FROM ai.chat_message_final'), end='')")
    env = {**os.environ, "ENSEMBLE_DATA_DIR": str(settings.data_dir),
           "ENSEMBLE_CLICKHOUSE__SQL_PORT": str(settings.clickhouse.sql_port)}
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", code, env=env,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 0, err.decode()
    # A second process cannot open the chdb directory, so this answer came through the server.
    assert re.search(r"verdicts.*\n1\. │ +2 │", out.decode())


async def test_writes_are_refused_with_a_clear_status(served):
    settings, server = served
    with pytest.raises(NotReadOnly, match="read-only"):
        await asyncio.to_thread(run_sql, settings, "DROP TABLE ai.chat_message")
    async with httpx.AsyncClient(trust_env=False) as http:
        url = f"http://127.0.0.1:{server.port}/sql"
        refused = await http.post(url, content="DROP TABLE ai.chat_message", headers={MARKER_HEADER: "1"})
        broken = await http.post(url, content="SELECT nope FROM ai.chat_message", headers={MARKER_HEADER: "1"})
        anonymous = await http.post(url, content="SELECT 1")
    assert refused.status_code == 403 and "read-only" in refused.text
    assert broken.status_code == 400 and "nope" in broken.text
    assert anonymous.status_code == 400
    out = await asyncio.to_thread(run_sql, settings, "SELECT count() FROM ai.chat_message_final", "TSV")
    assert out == "2\n"


async def test_query_errors_reach_the_caller(served):
    settings, _ = served
    with pytest.raises(QueryFailed, match="UNKNOWN_TABLE|Unknown table"):
        await asyncio.to_thread(run_sql, settings, "SELECT * FROM ai.missing")


def _free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_run_sql_opens_the_directory_when_no_worker_listens(tmp_path):
    with ClickHouseStore(embedded_dsn(tmp_path)) as store:
        store.insert_verdicts([verdict("q9")])
    settings = Settings(data_dir=tmp_path, clickhouse=ClickHouseSettings(sql_port=_free_port()))
    out = run_sql(settings, "SELECT question_id FROM ai.chat_message_final FORMAT JSONEachRow")
    assert out == '{"question_id":"q9"}\n'
    with ClickHouseStore(embedded_dsn(tmp_path)) as again:  # run_sql closed the directory
        assert again.query_rows("SELECT count() FROM ai.chat_message_final") == [(1,)]


def test_a_data_directory_with_nothing_stored_is_an_error_not_an_empty_database(tmp_path):
    typo = tmp_path / "typo"
    settings = Settings(data_dir=typo, clickhouse=ClickHouseSettings(sql_port=_free_port()))
    with pytest.raises(StoreUnavailable, match="no ClickHouse data under .*typo.*ENSEMBLE_DATA_DIR"):
        run_sql(settings, "SELECT count() FROM ai.chat_message")
    assert not typo.exists()


SLOW = "SELECT count() FROM system.numbers"  # runs until ClickHouse's time limit (30 s)


async def test_a_slow_analyst_query_does_not_hold_up_writes_and_is_stopped_when_abandoned(held_store, served):
    store, writer = held_store  # writer: the thread the worker's inserts go through
    settings, server = served
    url = f"http://127.0.0.1:{server.port}/sql"
    loop = asyncio.get_running_loop()

    async def abandon_slow_query():
        async with httpx.AsyncClient(trust_env=False) as http:
            with pytest.raises(httpx.ReadTimeout):  # the analyst gives up (like Ctrl-C)
                await http.post(url, content=SLOW, headers={MARKER_HEADER: "1"}, timeout=3.0)

    abandoned = asyncio.create_task(abandon_slow_query())
    await asyncio.sleep(1.0)  # the slow query is running
    started = loop.time()
    await loop.run_in_executor(writer, store.insert_verdicts, [verdict("q3")])
    insert_s = loop.time() - started
    await abandoned
    started = loop.time()
    out = await asyncio.to_thread(run_sql, settings, "SELECT count() FROM ai.chat_message_final", "TSV")
    query_s = loop.time() - started
    assert out == "3\n"
    # Before: the insert waited for the slow query, and the next query for the abandoned one (30 s).
    assert insert_s < 5, f"the insert waited {insert_s:.1f} s behind an analyst query"
    assert query_s < 10, f"the next query waited {query_s:.1f} s behind an abandoned one"
