"""Retry schedule and circuit breaker: pure logic over an injectable clock and Random.

CircuitBreaker states:

    closed ──N consecutive failures──▶ open ──reset_s elapsed──▶ half_open
      ▲                                  ▲                          │
      └──────────── probe succeeds ──────┼──────────────────────────┤
                                         └──── probe fails ─────────┘

In half_open exactly one call (the probe) is let through; the others are refused until the
probe reports back.
"""

from __future__ import annotations

import random
import time
from typing import Callable, Optional

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half_open"


def backoff_delay(attempt: int, base_s: float, max_s: float, rng: random.Random | None = None) -> float:
    """Delay before retry number ``attempt`` (1-based): "full jitter" exponential backoff,
    uniform in [base·2^(attempt-1)/2, base·2^(attempt-1)], capped at ``max_s``."""
    ceiling = min(max_s, base_s * (2 ** (attempt - 1)))
    r = (rng or random).random()
    return ceiling / 2 + r * ceiling / 2


def retry_wait(attempt: int, retry_after_s: Optional[float], base_s: float, max_s: float, rng: random.Random | None = None) -> float:
    """How long to wait before retry ``attempt``: the server's Retry-After when it gave one
    (honoured exactly, even above ``max_s``; the caller decides whether it is worth waiting),
    else the jittered backoff."""
    if retry_after_s is not None:
        return retry_after_s
    return backoff_delay(attempt, base_s, max_s, rng)


class CircuitBreaker:
    """Per-provider breaker. ``allow()`` before a call, then ``record_success()`` or
    ``record_failure()`` exactly once per allowed call."""

    def __init__(self, failure_threshold: int = 5, reset_s: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.failure_threshold = max(1, failure_threshold)
        self.reset_s = reset_s
        self.clock = clock
        self.failures = 0
        self.opened_at: Optional[float] = None
        self.probe_in_flight = False

    @property
    def state(self) -> str:
        if self.opened_at is None:
            return CLOSED
        if self.clock() - self.opened_at >= self.reset_s:
            return HALF_OPEN
        return OPEN

    def allow(self) -> bool:
        """True when a call may go out; in half_open only the first caller (the probe) gets True."""
        state = self.state
        if state == CLOSED:
            return True
        if state == HALF_OPEN and not self.probe_in_flight:
            self.probe_in_flight = True
            return True
        return False

    def record_success(self) -> None:
        self.failures = 0
        self.opened_at = None
        self.probe_in_flight = False

    def record_failure(self) -> None:
        """A failed probe re-opens for another ``reset_s``; in closed, the Nth consecutive failure opens."""
        self.failures += 1
        if self.probe_in_flight or self.opened_at is not None or self.failures >= self.failure_threshold:
            self.opened_at = self.clock()
        self.probe_in_flight = False

    def release(self) -> None:
        """An allowed call ended without a verdict on the provider (e.g. cancelled): let the
        next caller probe."""
        self.probe_in_flight = False
