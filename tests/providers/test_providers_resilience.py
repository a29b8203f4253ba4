import random

import pytest

from providers.resilience import CLOSED, HALF_OPEN, OPEN, CircuitBreaker, backoff_delay, retry_wait


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("attempt,ceiling", [(1, 0.2), (2, 0.4), (3, 0.8), (6, 5.0), (20, 5.0)])
def test_backoff_is_exponential_with_jitter_and_capped(attempt, ceiling):
    rng = random.Random(1)
    delays = [backoff_delay(attempt, 0.2, 5.0, rng) for _ in range(200)]
    assert all(ceiling / 2 <= d <= ceiling for d in delays)
    assert len(set(delays)) > 100  # jittered


def test_retry_after_wins_over_backoff():
    assert retry_wait(1, 1.5, 0.2, 5.0) == 1.5
    assert retry_wait(1, 0.0, 0.2, 5.0) == 0.0
    assert 0.1 <= retry_wait(1, None, 0.2, 5.0) <= 0.2


def test_breaker_opens_after_n_consecutive_failures():
    clock = FakeClock()
    b = CircuitBreaker(3, 30.0, clock)
    for _ in range(2):
        assert b.allow()
        b.record_failure()
    b.record_success()  # resets the streak
    for _ in range(3):
        assert b.allow()
        b.record_failure()
    assert b.state == OPEN and not b.allow()


def test_breaker_half_opens_after_reset_and_lets_one_probe_through():
    clock = FakeClock()
    b = CircuitBreaker(1, 30.0, clock)
    b.allow(); b.record_failure()
    clock.now += 29.9
    assert not b.allow()
    clock.now += 0.1
    assert b.state == HALF_OPEN
    assert b.allow()  # the probe
    assert not b.allow()  # others wait for the probe
    b.record_success()
    assert b.state == CLOSED and b.allow()


def test_failed_probe_reopens_for_another_reset_period():
    clock = FakeClock()
    b = CircuitBreaker(1, 10.0, clock)
    b.allow(); b.record_failure()
    clock.now += 10
    assert b.allow()
    b.record_failure()
    assert b.state == OPEN and not b.allow()
    clock.now += 10
    assert b.allow()


def test_cancelled_probe_frees_the_probe_slot():
    clock = FakeClock()
    b = CircuitBreaker(1, 10.0, clock)
    b.allow(); b.record_failure()
    clock.now += 10
    assert b.allow()
    b.release()
    assert b.allow()
