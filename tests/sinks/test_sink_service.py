"""ClickHouseSink as a worker holds it: writes on its own thread, answers `ensemble sql`."""

from __future__ import annotations

import asyncio
import socket

import pytest

from ensemble.settings import ClickHouseSettings, Settings
from sinks.clickhouse.errors import NotReadOnly
from sinks.clickhouse.service import ClickHouseSink
from sinks.clickhouse.sql_server import run_sql
from sink_factories import candidate, verdict

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_sink_writes_batches_and_serves_sql_while_running(tmp_path):
    settings = Settings(data_dir=tmp_path, clickhouse=ClickHouseSettings(sql_port=free_port()))
    sink = ClickHouseSink(settings)
    await sink.start()
    try:
        await asyncio.gather(sink.write_verdicts([verdict("q1"), verdict("q2")]),
                             sink.write_candidates([candidate("q1"), candidate("q1", "student")]))
        out = await asyncio.to_thread(run_sql, settings, "SELECT count() FROM ai.llm_call_final", "TSV")
        assert out == "2\n"
        assert await sink.query("SELECT count() FROM ai.chat_message_final", "TSV") == "2\n"
        with pytest.raises(NotReadOnly):
            await sink.query("DROP TABLE ai.chat_message")
    finally:
        await sink.stop()
    # Stopped: the directory is free again, so run_sql opens it directly.
    assert run_sql(settings, "SELECT count() FROM ai.chat_message_final", "TSV") == "2\n"
