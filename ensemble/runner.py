"""`ensemble run`: bring up what is missing (local broker, simulator), create the topics,
start the sink part as a child process and run the serving part in this process until it is
stopped. `ensemble worker --part …` runs one part alone (production: one service each)."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from typing import Optional

from ensemble.errors import ConfigError
from ensemble.local_broker import OTHER_PORTS, LocalBroker, port_open
from ensemble.processes import die_with_parent, stop
from ensemble.settings import Settings

log = logging.getLogger(__name__)


def with_updates(settings: Settings, section: str, **changes: object) -> Settings:
    """A copy of the frozen settings with fields of one section changed."""
    part = getattr(settings, section).model_copy(update=changes)
    return settings.model_copy(update={section: part})


def local_bootstrap(settings: Settings) -> str:
    return settings.kafka.bootstrap_servers or f"127.0.0.1:{settings.kafka.local_port}"


class Simulator:
    """The loopback LLM simulator as a subprocess (it gets the second core)."""

    def __init__(self, settings: Settings) -> None:
        self.port = settings.providers.simulator_port
        self.url = f"http://127.0.0.1:{self.port}"
        p = settings.providers
        self._args = [sys.executable, "-m", "providers.simulator", "--host", "127.0.0.1", "--port", str(self.port),
                      "--latency-ms", str(p.simulator_latency_ms), "--hallucination-rate", str(p.simulator_hallucination_rate),
                      "--seed", str(p.simulator_seed)]
        self._proc: Optional[subprocess.Popen] = None

    def start(self, timeout_s: float = 20.0) -> "Simulator":
        if port_open("127.0.0.1", self.port):
            raise ConfigError(f"port {self.port} (the LLM simulator's) is already in use: is another `ensemble run` running? "
                              f"Stop it, or run this one on other ports: {OTHER_PORTS}")
        self._proc = subprocess.Popen(self._args, start_new_session=True, preexec_fn=die_with_parent)
        deadline = time.monotonic() + timeout_s
        while not port_open("127.0.0.1", self.port):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise ConfigError(f"the LLM simulator did not start on port {self.port}")
            time.sleep(0.05)
        log.warning("no provider API key set: answers come from the SIMULATED providers at %s", self.url)
        return self

    def stop(self) -> None:
        stop(self._proc)
        self._proc = None

    def __enter__(self) -> "Simulator":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class DataDirLock:
    """One `ensemble run` per data directory: the embedded ClickHouse under it opens in one process
    only, so a second run would answer without storing anything. Released when the run stops (or dies)."""

    def __init__(self, data_dir) -> None:
        self._path = data_dir / ".ensemble-run.lock"
        self._fd: Optional[int] = None

    def __enter__(self) -> "DataDirLock":
        import fcntl

        self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            self._fd = None
            raise ConfigError(f"the data directory {self._path.parent} is in use by another `ensemble run` (its embedded "
                              f"ClickHouse opens in one process only): stop it, or give this one its own {OTHER_PORTS}") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None


def prepare(settings: Settings, stack: ExitStack) -> tuple[Settings, str]:
    """Start the local broker and simulator when needed; create the topics. Returns (settings, bootstrap)."""
    from agents_topics.topics import ensure_topics

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    stack.enter_context(DataDirLock(settings.data_dir))
    bootstrap = local_bootstrap(settings)
    if not settings.kafka.bootstrap_servers:
        broker = LocalBroker(settings.kafka.local_port, log_path=settings.data_dir / "tansu.log")
        stack.enter_context(broker)
        log.warning("local broker (Tansu) on %s keeps data in memory only: stopping `ensemble run` loses the topics", bootstrap)
    if not settings.any_real_provider and not settings.providers.simulator_url:
        sim = stack.enter_context(Simulator(settings))
        settings = with_updates(settings, "providers", simulator_url=sim.url)
    asyncio.run(ensure_topics(settings.kafka, bootstrap))
    return settings, bootstrap


class SinkProcess:
    """The sink part (ClickHouse writer + `ensemble sql` endpoint) as a child process that
    stops with its parent, even when the parent is SIGKILLed.

    Supervised: a child that exits while the parent runs (killed, crashed) is logged at ERROR
    and started again, after 1 s doubling to 30 s while it keeps dying young. The new child's
    consumer group resumes from the offsets the old one committed after its inserts, so the
    rows of the verdicts published meanwhile are written, not lost."""

    def __init__(self, bootstrap: str, loglevel: str, args: Optional[list[str]] = None) -> None:
        self._env = {**os.environ, "ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS": bootstrap}
        self._args = args or [sys.executable, "-m", "ensemble.cli", "worker", "--part", "sink", "--loglevel", loglevel]
        self._proc: Optional[subprocess.Popen] = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.restarts = 0

    def __enter__(self) -> "SinkProcess":
        self._proc = self._spawn()
        threading.Thread(target=self._supervise, name="sink-supervisor", daemon=True).start()
        return self

    def _spawn(self) -> subprocess.Popen:
        return subprocess.Popen(self._args, env=self._env, preexec_fn=die_with_parent)

    @property
    def pid(self) -> Optional[int]:
        return self._proc.pid if self._proc else None

    def _supervise(self) -> None:
        backoff = 1.0
        while True:
            started, proc = time.monotonic(), self._proc
            code = proc.wait()
            if self._stopping.is_set():
                return
            backoff = 1.0 if time.monotonic() - started > 60 else backoff
            log.error("the sink part (ClickHouse writer, `ensemble sql` endpoint) exited with code %s; "
                      "starting it again in %.0f s", code, backoff)
            if self._stopping.wait(backoff):
                return
            with self._lock:
                if self._stopping.is_set():
                    return
                self._proc = self._spawn()
                self.restarts += 1
            backoff = min(backoff * 2, 30.0)

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._stopping.set()
        stop(self._proc, timeout_s=30)


def run_worker(settings: Settings, bootstrap: str, part: str = "all", echo: bool = True, loglevel: str = "info") -> None:
    """Run one part of the pipeline as a Faust worker in this process (blocks until SIGINT/SIGTERM)."""
    from agents_topics.app import build_app

    pipeline = build_app(settings, bootstrap, part=part, echo=echo)
    level = {"warning": "warn", "critical": "crit"}.get(loglevel.lower(), loglevel.lower())  # Faust's names
    sys.argv = [sys.argv[0], "worker", "--without-web", "--loglevel", level]
    try:
        pipeline.app.main()
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
