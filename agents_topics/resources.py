"""Clients opened when the worker starts and closed when it stops (never at import time).

The serving part opens the provider roles; the sink part opens the ClickHouse store and the
SQL endpoint behind ``ensemble sql`` (the process that owns an embedded chdb directory must
answer for it).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from mode import Service

from ensemble.logs import setup_logging

log = logging.getLogger(__name__)


def register_resources(pipeline: Any, *, serve: bool, sink: bool) -> None:
    pipeline.ready = asyncio.Event()

    class Resources(Service):
        sql: Any = None

        async def on_start(self) -> None:
            settings = pipeline.settings
            setup_logging(settings.log_level, settings.secrets())  # again: the Faust worker replaced the handlers
            if serve:
                from providers.router import Roles

                pipeline.roles = Roles.from_settings(settings)
                log.info("serving part ready: providers %s", "real" if settings.any_real_provider else "SIMULATED")
            if sink:
                await self._open_store(settings)
            pipeline.ready.set()

        async def _open_store(self, settings: Any) -> None:
            from sinks.clickhouse.sql_server import SqlServer
            from sinks.clickhouse.store import ClickHouseStore

            pipeline.store = ClickHouseStore.from_settings(settings)
            await asyncio.get_running_loop().run_in_executor(pipeline.blocking, pipeline.store.open)
            self.sql = SqlServer.from_settings(settings)
            await self.sql.start(pipeline.store, pipeline.blocking)
            log.info("sink part ready: ClickHouse %s", "server" if settings.clickhouse.url else "embedded chdb")

        async def on_stop(self) -> None:
            if self.sql is not None:
                await self.sql.stop()
            if pipeline.roles is not None:
                await pipeline.roles.aclose()
            if pipeline.store is not None:
                await asyncio.get_running_loop().run_in_executor(pipeline.blocking, pipeline.store.close)

    pipeline.app.service(Resources)
