"""Per-provider fault injection for the loopback simulator: pure decisions over a clock and a
seeded Random, so tests can reason about them.

Evaluation order for each request: outage window → auth failure (401) → hang → 429 →
5xx (burst count, then error rate) → latency → malformed body → normal answer.
``*_count`` fields fire on the next N requests and count down; ``*_rate`` fields fire with
that probability.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields
from typing import Any, Optional

FAULT_FIELDS = (
    "latency_ms", "latency_jitter_ms", "latency_dist", "error_rate", "error_status", "fail_count",
    "rate_limit_rate", "rate_limit_count", "retry_after_s", "hang_rate", "hang_count", "hang_s",
    "malformed_rate", "malformed_count", "outage_s", "outage_after_s", "auth_fail",
)


@dataclass
class FaultSpec:
    """What goes wrong for one provider. Defaults: nothing."""

    latency_ms: Optional[float] = None  # None: the server-wide default latency
    latency_jitter_ms: float = 0.0
    latency_dist: str = "uniform"  # fixed | uniform (0..jitter added) | exponential (mean jitter added)
    error_rate: float = 0.0
    error_status: int = 500
    fail_count: int = 0  # 5xx burst: the next N requests get error_status
    rate_limit_rate: float = 0.0
    rate_limit_count: int = 0
    retry_after_s: float = 1.0
    hang_rate: float = 0.0
    hang_count: int = 0
    hang_s: float = 60.0
    malformed_rate: float = 0.0
    malformed_count: int = 0
    outage_s: float = 0.0  # every request gets 503 during [set + outage_after_s, + outage_s)
    outage_after_s: float = 0.0
    auth_fail: bool = False
    outage_start: float = 0.0  # absolute clock time, set by ``from_request``

    @classmethod
    def from_request(cls, body: dict[str, Any], now: float) -> "FaultSpec":
        """A spec from a ``POST /_sim/faults`` body; unknown keys are a ValueError."""
        unknown = set(body) - set(FAULT_FIELDS) - {"provider"}
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        kwargs = {k: v for k, v in body.items() if k in FAULT_FIELDS}
        spec = cls(**kwargs)
        spec.outage_start = now + spec.outage_after_s
        return spec

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class Decision:
    """What the server does with one request."""

    kind: str  # ok | outage | auth | hang | rate_limit | error | malformed
    delay_s: float = 0.0
    status: int = 200
    retry_after_s: Optional[float] = None


def decide(spec: FaultSpec, now: float, rng: random.Random, default_latency_ms: float) -> Decision:
    """The fate of one request; decrements the spec's counters it uses."""
    if spec.outage_s and spec.outage_start <= now < spec.outage_start + spec.outage_s:
        return Decision("outage", status=503)
    if spec.auth_fail:
        return Decision("auth", status=401)
    if _take(spec, "hang_count") or _roll(rng, spec.hang_rate):
        return Decision("hang", delay_s=spec.hang_s)
    if _take(spec, "rate_limit_count") or _roll(rng, spec.rate_limit_rate):
        return Decision("rate_limit", status=429, retry_after_s=spec.retry_after_s)
    if _take(spec, "fail_count") or _roll(rng, spec.error_rate):
        return Decision("error", status=spec.error_status)
    delay = latency_s(spec, rng, default_latency_ms)
    if _take(spec, "malformed_count") or _roll(rng, spec.malformed_rate):
        return Decision("malformed", delay_s=delay)
    return Decision("ok", delay_s=delay)


def latency_s(spec: FaultSpec, rng: random.Random, default_latency_ms: float) -> float:
    base = default_latency_ms if spec.latency_ms is None else spec.latency_ms
    jitter = spec.latency_jitter_ms
    if jitter and spec.latency_dist == "uniform":
        base += rng.uniform(0, jitter)
    elif jitter and spec.latency_dist == "exponential":
        base += rng.expovariate(1.0 / jitter)
    return max(0.0, base) / 1000.0


def _take(spec: FaultSpec, name: str) -> bool:
    left = getattr(spec, name)
    if left > 0:
        setattr(spec, name, left - 1)
        return True
    return False


def _roll(rng: random.Random, rate: float) -> bool:
    return rate > 0 and rng.random() < rate
