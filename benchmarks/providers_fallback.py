"""Fallback-hop latency and answer delivery during outages, against the loopback simulator.

    /tmp/venv/bin/python benchmarks/providers_fallback.py [--n 400] [--latency-ms 20] [--rate 50]

Starts ``python -m providers.simulator`` in a subprocess, builds ``Roles`` from settings (real
SDKs over real HTTP) and prints:

* teacher candidate latency p50/p99 when the first provider answers, when it fails with a 503
  and the chain falls back (with the default 2 retries and with none), and when its breaker is
  already open; the added latency of the hop is the difference of the p50s / p99s;
* for outage scenarios (the teacher's provider down, every provider down) at a fixed question
  rate: the share of questions that got a candidate, the share answered (status ok), and the
  slowest candidate.
"""

from __future__ import annotations

import argparse
import logging
import asyncio
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ensemble.settings import ProviderSettings, Settings  # noqa: E402
from providers.router import Roles  # noqa: E402
from schemas.records import Question, now_ms  # noqa: E402

FACTS = {"menu": "chicken, shrimp, steak, salmon", "price_per_person": "$45", "minimum_guests": "10"}


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def question(i: int) -> Question:
    return Question(f"bench-{i}", "c", f"How much per person for {10 + i % 40} guests?", now_ms(), "pricing_agent", dict(FACTS))


async def control(url: str, path: str, body: dict) -> None:
    async with httpx.AsyncClient() as c:
        (await c.post(url + path, json=body)).raise_for_status()


async def latencies(roles: Roles, n: int, offset: int) -> tuple[list[float], set[str]]:
    out, providers = [], set()
    for i in range(n):
        cand = await roles.answer("teacher", question(offset + i))
        assert cand.status == "ok", cand.error
        out.append(cand.latency_ms)
        providers.add(cand.provider)
    return out, providers


async def hop_latency(url: str, n: int) -> None:
    print(f"\n== fallback hop: teacher chain openai -> anthropic, {n} sequential questions per case ==")
    cases = [
        ("direct (openai answers)", {}, {}),
        ("openai 503, 2 retries, then fallback", {"max_retries": 2, "breaker_failures": 10**9}, {"error_rate": 1.0, "error_status": 503}),
        ("openai 503, no retry, then fallback", {"max_retries": 0, "breaker_failures": 10**9}, {"error_rate": 1.0, "error_status": 503}),
        ("openai hangs, 1 s timeout, then fallback", {"timeout_s": 1.0, "breaker_failures": 10**9}, {"hang_rate": 1.0, "hang_s": 30}),
        ("openai breaker open, skipped", {"max_retries": 0, "breaker_failures": 1, "breaker_reset_s": 3600}, {"error_rate": 1.0, "error_status": 503}),
    ]
    base = None
    for label, policy, fault in cases:
        count = min(n, 30) if fault.get("hang_rate") else n  # each costs the full timeout
        await control(url, "/_sim/reset", {})
        if fault:
            await control(url, "/_sim/faults", {"provider": "openai", **fault})
        roles = Roles.from_settings(Settings(providers=ProviderSettings(simulator_url=url, **policy)))
        try:
            await latencies(roles, 5, 10_000)  # warm connections (and open the breaker in the last case)
            lat, providers = await latencies(roles, count, 0)
        finally:
            await roles.aclose()
        p50, p99 = pct(lat, 0.5), pct(lat, 0.99)
        base = base or (p50, p99)
        print(f"{label:40s} p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  added p50 {p50 - base[0]:+7.1f} ms  p99 {p99 - base[1]:+7.1f} ms  answered by {','.join(sorted(providers))}")


async def outage(url: str, label: str, fault_provider: str, outage_s: float, rate: float, total_s: float) -> None:
    await control(url, "/_sim/reset", {})
    roles = Roles.from_settings(Settings(providers=ProviderSettings(simulator_url=url, breaker_reset_s=2.0)))
    await latencies(roles, 3, 20_000)
    await control(url, "/_sim/faults", {"provider": fault_provider, "outage_s": outage_s, "outage_after_s": 1.0})
    started = time.monotonic()
    tasks = []
    i = 0
    while time.monotonic() - started < total_s:
        tasks.append((time.monotonic() - started, asyncio.create_task(roles.answer("teacher", question(30_000 + i)))))
        i += 1
        await asyncio.sleep(1.0 / rate)
    cands = [(t, await task) for t, task in tasks]
    await roles.aclose()
    window = [(t, c) for t, c in cands if 1.0 <= t < 1.0 + outage_s]
    after = [(t, c) for t, c in cands if t >= 1.0 + outage_s + 2.5]
    delivered = sum(c is not None for _, c in window) / len(window)
    ok = sum(c.status == "ok" for _, c in window) / len(window)
    ok_after = sum(c.status == "ok" for _, c in after) / max(1, len(after))
    worst = max(c.latency_ms for _, c in window)
    fallback = sum(bool(c.fallback_from) for _, c in window if c.status == "ok")
    print(f"{label:34s} questions in window {len(window):4d}  candidate delivered {delivered:6.1%}  answered ok {ok:6.1%} "
          f"(via fallback {fallback})  slowest {worst:7.1f} ms  ok after recovery {ok_after:6.1%}")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--latency-ms", type=float, default=20.0)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--outage-s", type=float, default=5.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the router warns once per failed question; the figures are the output
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "providers.simulator", "--port", str(port), "--latency-ms", str(args.latency_ms), "--hallucination-rate", "0"],
                            cwd=Path(__file__).resolve().parents[1], stdout=subprocess.DEVNULL, stderr=open("/tmp/providers_bench_sim.log", "wb"))
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                await control(url, "/_sim/reset", {})
                break
            except httpx.TransportError:
                await asyncio.sleep(0.1)
        print(f"simulator latency {args.latency_ms:g} ms per answer (errors return at once); defaults: timeout_s 15, max_retries 2, backoff 0.2 s base, breaker 5 failures / 30 s")
        await hop_latency(url, args.n)
        print(f"\n== outages: {args.rate:g} questions/s, outage of {args.outage_s:g} s starting at t=1 s ==")
        total = 1.0 + args.outage_s + 4.0
        await outage(url, "teacher's provider (openai) down", "openai", args.outage_s, args.rate, total)
        await outage(url, "every provider down", "*", args.outage_s, args.rate, total)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    asyncio.run(main())
