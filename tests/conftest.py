"""Shared fixtures.

Integration tests run against real components:

* Kafka: the broker named by ``ENSEMBLE_TEST_BOOTSTRAP`` if set; else a testcontainers Kafka
  when a Docker engine answers; else the local Tansu broker (the default here).
* ClickHouse: ``ENSEMBLE_TEST_CLICKHOUSE_URL`` if set; else a testcontainers ClickHouse when
  Docker answers; else embedded chdb in the worker's data directory.
* LLM providers: the project's loopback simulator, over real HTTP, driven by the official SDKs.

Each test gets its own topics and consumer group (a unique prefix), so tests never see each
other's records.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Iterator, Optional

import pytest

from ensemble.local_broker import LocalBroker, free_port, port_open

ROOT = Path(__file__).resolve().parents[1]


def docker_available() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    named = os.environ.get("ENSEMBLE_TEST_BOOTSTRAP")
    if named:
        yield named
        return
    if docker_available():  # pragma: no cover - no Docker engine on the build machines
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as kafka:
            yield kafka.get_bootstrap_server()
        return
    with LocalBroker(free_port()) as broker:
        yield broker.bootstrap


@pytest.fixture(scope="session")
def clickhouse_url() -> Iterator[Optional[str]]:
    named = os.environ.get("ENSEMBLE_TEST_CLICKHOUSE_URL")
    if named:
        yield named
        return
    if docker_available():  # pragma: no cover
        from testcontainers.clickhouse import ClickHouseContainer

        with ClickHouseContainer() as ch:
            yield f"http://{ch.username}:{ch.password}@{ch.get_container_host_ip()}:{ch.get_exposed_port(8123)}"
        return
    yield None  # embedded chdb, owned by the worker under test


class SimulatorProcess:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "providers.simulator", "--host", "127.0.0.1", "--port", str(self.port),
             "--latency-ms", "0", "--hallucination-rate", "0", "--seed", "7"],
            cwd=ROOT, start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while not port_open("127.0.0.1", self.port):
            assert self.proc.poll() is None and time.monotonic() < deadline, "simulator did not start"
            time.sleep(0.05)

    def post(self, path: str, body: dict) -> dict:
        import httpx

        resp = httpx.post(f"{self.url}{path}", json=body, timeout=5)
        resp.raise_for_status()
        return resp.json() if resp.content else {}

    def script(self, match: str, text: str, provider: str = "*") -> None:
        self.post("/_sim/script", {"match": match, "provider": provider, "text": text})

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(5)


@pytest.fixture(scope="session")
def simulator() -> Iterator[SimulatorProcess]:
    """Shared by tests that only script answers (scripts match unique question text)."""
    sim = SimulatorProcess()
    yield sim
    sim.stop()


@pytest.fixture
def own_simulator() -> Iterator[SimulatorProcess]:
    """A simulator of the test's own, for tests that inject faults."""
    sim = SimulatorProcess()
    yield sim
    sim.stop()


class WorkerProcess:
    """`ensemble run` as a subprocess with its own topics, group and data directory."""

    def __init__(self, bootstrap: str, data_dir: Path, simulator_url: str, clickhouse_url: Optional[str], **extra: str) -> None:
        self.prefix = f"t{uuid.uuid4().hex[:8]}"
        self.topics = {n: f"{self.prefix}-{n}" for n in ["questions", "candidates", "verdicts", "escalations", "dead-letters"]}
        self.sql_port = free_port()
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("ENSEMBLE_") and not k.endswith("_API_KEY")},
            "ENSEMBLE_DATA_DIR": str(data_dir),
            "ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
            "ENSEMBLE_KAFKA__APP_ID": f"{self.prefix}-app",
            "ENSEMBLE_KAFKA__TOPIC_QUESTIONS": self.topics["questions"],
            "ENSEMBLE_KAFKA__TOPIC_CANDIDATES": self.topics["candidates"],
            "ENSEMBLE_KAFKA__TOPIC_VERDICTS": self.topics["verdicts"],
            "ENSEMBLE_KAFKA__TOPIC_ESCALATIONS": self.topics["escalations"],
            "ENSEMBLE_KAFKA__TOPIC_DEAD_LETTERS": self.topics["dead-letters"],
            "ENSEMBLE_CLICKHOUSE__SQL_PORT": str(self.sql_port),
            "ENSEMBLE_PROVIDERS__SIMULATOR_URL": simulator_url,
            "ENSEMBLE_LOG_LEVEL": "INFO",
            **extra,
        }
        if clickhouse_url:
            self.env["ENSEMBLE_CLICKHOUSE__URL"] = clickhouse_url
            self.env["ENSEMBLE_CLICKHOUSE__DATABASE"] = f"{self.prefix}_ai"
        self.log_path = data_dir / "worker.log"
        self.proc: Optional[subprocess.Popen] = None

    def start(self, wait_ready: bool = True) -> "WorkerProcess":
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "ensemble.cli", "run"], cwd=ROOT, env=self.env,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        if wait_ready:
            deadline = time.monotonic() + 60
            while not port_open("127.0.0.1", self.sql_port):
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"worker did not start:\n{self.log_text()[-3000:]}")
                time.sleep(0.1)
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown, no final commit."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._wait_port_free()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._wait_port_free()

    def _wait_port_free(self) -> None:
        deadline = time.monotonic() + 10
        while port_open("127.0.0.1", self.sql_port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def settings(self):
        """Settings as the worker sees them (for CLI helpers such as run_sql and ask)."""
        from ensemble.settings import Settings

        saved = dict(os.environ)
        try:
            os.environ.clear()
            os.environ.update(self.env)
            return Settings()
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def sql(self, query: str, fmt: str = "TSV") -> str:
        from sinks.clickhouse.sql_server import run_sql

        return run_sql(self.settings(), query, fmt=fmt)


@pytest.fixture
def worker_factory(kafka_bootstrap, simulator, clickhouse_url, tmp_path):
    started: list[WorkerProcess] = []

    def make(sim: Optional[SimulatorProcess] = None, **extra: str) -> WorkerProcess:
        w = WorkerProcess(kafka_bootstrap, tmp_path / f"w{len(started)}", (sim or simulator).url, clickhouse_url, **extra)
        (tmp_path / f"w{len(started)}").mkdir()
        started.append(w)
        return w

    yield make
    for w in started:
        w.stop()
