"""Child processes that do not outlive `ensemble run`, even when it is SIGKILLed."""

from __future__ import annotations

import signal
import subprocess
from typing import Optional


def die_with_parent() -> None:
    """preexec_fn: the kernel sends SIGTERM to the child when its parent dies (Linux prctl)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: children are still stopped on a normal exit
        pass


def stop(proc: Optional[subprocess.Popen], timeout_s: float = 5.0) -> None:
    """SIGTERM, wait up to timeout_s for a clean exit, then SIGKILL. No-op when already gone."""
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
