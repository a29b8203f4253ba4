"""Child processes that do not outlive `ensemble run`, even when it is SIGKILLed."""

from __future__ import annotations

import signal


def die_with_parent() -> None:
    """preexec_fn: the kernel sends SIGTERM to the child when its parent dies (Linux prctl)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except Exception:  # not Linux: children are still stopped on a normal exit
        pass
