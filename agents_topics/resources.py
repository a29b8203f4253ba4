"""Clients opened when the worker starts and closed when it stops (never at import time):
the provider roles, the ClickHouse store and the SQL endpoint for ``ensemble sql``."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from mode import Service

from ensemble.logs import setup_logging

log = logging.getLogger(__name__)


def register_resources(pipeline: Any) -> None:
    pipeline.ready = asyncio.Event()

    class Resources(Service):
        async def on_start(self) -> None:
            from providers.router import Roles
            from sinks.clickhouse.sql_server import SqlServer
            from sinks.clickhouse.store import ClickHouseStore

            settings = pipeline.settings
            setup_logging(settings.log_level, settings.secrets())  # again: the Faust worker replaced the handlers
            pipeline.roles = Roles.from_settings(settings)
            loop = asyncio.get_running_loop()
            pipeline.store = ClickHouseStore.from_settings(settings)
            await loop.run_in_executor(pipeline.blocking, pipeline.store.open)
            self.sql = SqlServer.from_settings(settings)
            await self.sql.start(pipeline.store, pipeline.blocking)
            pipeline.ready.set()
            log.info("worker ready: providers %s, ClickHouse %s",
                     "real" if settings.any_real_provider else "simulated",
                     settings.clickhouse.url and "server" or "embedded chdb")

        async def on_stop(self) -> None:
            await self.sql.stop()
            if pipeline.roles is not None:
                await pipeline.roles.aclose()
            if pipeline.store is not None:
                await asyncio.get_running_loop().run_in_executor(pipeline.blocking, pipeline.store.close)

    pipeline.app.service(Resources)
