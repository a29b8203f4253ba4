"""Fault injection: pure decisions with a fake clock, and the control endpoints over HTTP."""

import random
import subprocess
import sys
import time

import httpx
import pytest

from providers.simulator.faults import FaultSpec, decide, latency_s
from sim_helpers import question, sim_settings
from providers.router import Roles


def test_counts_fire_on_the_next_requests_then_stop():
    spec = FaultSpec.from_request({"fail_count": 2, "error_status": 503}, now=0)
    kinds = [decide(spec, 0, random.Random(1), 0).kind for _ in range(4)]
    assert kinds == ["error", "error", "ok", "ok"]


def test_outage_window_is_a_time_window():
    spec = FaultSpec.from_request({"outage_s": 30, "outage_after_s": 10}, now=100)
    assert [decide(spec, t, random.Random(1), 0).kind for t in (105, 110, 139.9, 140)] == ["ok", "outage", "outage", "ok"]


def test_rates_are_rates():
    spec = FaultSpec(error_rate=0.25)
    rng = random.Random(3)
    share = sum(decide(spec, 0, rng, 0).kind == "error" for _ in range(4000)) / 4000
    assert abs(share - 0.25) < 0.03


def test_order_outage_auth_hang_429_5xx():
    spec = FaultSpec(auth_fail=True, rate_limit_count=1)
    assert decide(spec, 0, random.Random(), 0).kind == "auth"
    spec = FaultSpec(hang_count=1, rate_limit_count=1, retry_after_s=2)
    assert decide(spec, 0, random.Random(), 0).kind == "hang"
    d = decide(spec, 0, random.Random(), 0)
    assert (d.kind, d.status, d.retry_after_s) == ("rate_limit", 429, 2)


@pytest.mark.parametrize("dist,lo,hi", [("fixed", 0.1, 0.1), ("uniform", 0.1, 0.15), ("exponential", 0.1, 10)])
def test_latency_distributions(dist, lo, hi):
    spec = FaultSpec(latency_ms=100, latency_jitter_ms=50, latency_dist=dist)
    rng = random.Random(2)
    samples = [latency_s(spec, rng, 0) for _ in range(2000)]
    assert lo <= min(samples) and max(samples) <= hi
    if dist == "exponential":
        assert sum(samples) / len(samples) == pytest.approx(0.15, rel=0.1)


def test_unknown_fault_fields_are_rejected():
    with pytest.raises(ValueError):
        FaultSpec.from_request({"eror_rate": 1}, 0)


async def test_fault_endpoint_rejects_typos_and_reset_clears(sim):
    r = await sim.control.post(f"{sim.url}/_sim/faults", json={"provider": "openai", "eror_rate": 1})
    assert r.status_code == 400 and "eror_rate" in r.text
    await sim.faults("openai", outage_s=60)
    await sim.script("wagyu", "scripted")
    await sim.control.post(f"{sim.url}/_sim/reset")
    roles = Roles.from_settings(sim_settings(sim.url))
    try:
        cand = await roles.answer("teacher", question())
    finally:
        await roles.aclose()
    assert cand.provider == "openai" and cand.text != "scripted" and await sim.requests("openai") == 1


async def test_5xx_burst_is_absorbed_by_retries(sim):
    await sim.faults("openai", fail_count=2, error_status=502)
    roles = Roles.from_settings(sim_settings(sim.url, max_retries=2))
    try:
        cand = await roles.answer("teacher", question())
    finally:
        await roles.aclose()
    assert cand.provider == "openai" and cand.attempts[0].retries == 2 and cand.fallback_from is None


async def test_answers_resume_when_an_outage_of_every_provider_ends(sim):
    roles = Roles.from_settings(sim_settings(sim.url, max_retries=0, breaker_failures=2, breaker_reset_s=0.2))
    await sim.faults("*", outage_s=0.6)
    results = []
    started = time.monotonic()
    try:
        while time.monotonic() - started < 1.2:
            cand = await roles.answer("teacher", question(qid=f"o{len(results)}"))
            results.append((time.monotonic() - started, cand.status, cand.latency_ms))
            await __import__("asyncio").sleep(0.02)
    finally:
        await roles.aclose()
    during = [r for r in results if r[0] < 0.55]
    after = [r for r in results if r[0] > 1.0]
    assert during and all(status == "error" for _, status, _ in during)
    # every question gets its (error) candidate promptly: well under the 2 s call timeout (an outage answers at
    # once and the open breaker skips the call); 200 ms was too tight for a loaded 2-core CI machine (266 ms seen)
    assert max(lat for _, _, lat in during) < 1000
    assert after and all(status == "ok" for _, status, _ in after)


def test_module_runs_as_a_server(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "providers.simulator", "--host", "127.0.0.1", "--port", str(port), "--hallucination-rate", "0", "--seed", "3"])
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                r = httpx.post(f"http://127.0.0.1:{port}/ollama/api/chat", json={"model": "llama3.1", "messages": [{"role": "user", "content": "Business facts:\n- menu: chicken\n\nCustomer question:\nDo you serve wagyu?"}]}, timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.1)
        assert r.headers["x-simulated"] == "true"
        assert r.json()["message"]["content"] == "Sorry, wagyu is not on our menu. We offer chicken."
        assert r.json()["prompt_eval_count"] > 0 and r.json()["eval_count"] > 0
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.parametrize("path,model_path", [
    ("/openai/v1/chat/completions", "openai.types.chat:ChatCompletion"),
    ("/xai/v1/chat/completions", "openai.types.chat:ChatCompletion"),
    ("/anthropic/v1/messages", "anthropic.types:Message"),
])
async def test_simulator_bodies_pass_the_sdks_strict_models(sim, path, model_path):
    import importlib

    module, name = model_path.split(":")
    model = getattr(importlib.import_module(module), name)
    body = {"model": "m", "max_tokens": 100, "messages": [{"role": "user", "content": "Business facts:\n- menu: chicken\n\nCustomer question:\nDo you serve chicken?"}]}
    r = await sim.control.post(sim.url + path, json=body)
    parsed = model.model_validate(r.json(), strict=False)
    assert parsed.model_dump(exclude_unset=True)  # every field typed as the SDK expects
    assert parsed.usage is not None


async def test_control_endpoints_answer_a_body_that_is_not_json_with_400(sim):
    for path in ("/_sim/script", "/_sim/faults"):
        r = await sim.control.post(f"{sim.url}{path}", content=b"not json")
        assert r.status_code == 400 and "JSON object" in r.json()["error"]
        r = await sim.control.post(f"{sim.url}{path}", json=[1, 2])
        assert r.status_code == 400
