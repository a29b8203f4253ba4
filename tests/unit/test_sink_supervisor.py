"""`ensemble run` supervises its sink child (the ClickHouse writer): a child killed while the
parent runs is logged and started again, so rows stop being written for seconds, not for good."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time

from ensemble.runner import SinkProcess

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting to be reaped counts as gone
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_a_killed_sink_child_is_logged_and_started_again(caplog):
    caplog.set_level(logging.ERROR, logger="ensemble.runner")
    with SinkProcess("127.0.0.1:1", "info", args=SLEEPER) as sink:
        first = sink.pid
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (sink.pid == first or not alive(sink.pid)):
            time.sleep(0.1)
        second = sink.pid
        assert second != first and alive(second) and sink.restarts == 1
        assert any("sink part" in r.getMessage() and "-9" in r.getMessage() for r in caplog.records)
    assert not alive(second)  # stopped with its parent, and not started again
    time.sleep(1.5)
    assert sink.pid == second and sink.restarts == 1
