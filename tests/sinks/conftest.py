"""Each ClickHouse test gets its own embedded chdb directory (one engine path per process at a time)."""

from __future__ import annotations

import pytest

from sinks.clickhouse.store import ClickHouseStore, embedded_dsn


@pytest.fixture
def store(tmp_path):
    s = ClickHouseStore(embedded_dsn(tmp_path)).open()
    try:
        yield s
    finally:
        s.close()
