"""Each adapter through its official SDK (httpx for Ollama) over real HTTP against the simulator."""

import time

import httpx
import httpx2
import pytest

from providers.anthropic_adapter import AnthropicProvider
from providers.base import AuthError, MalformedResponse, Prompt, ProviderTimeout, RateLimited
from providers.ollama_adapter import OllamaProvider
from providers.openai_adapter import OpenAIProvider
from providers.prompting import prompt_for_question, system_text, user_text
from providers.router import Roles
from providers.simulator.answers import token_count
from providers.xai_adapter import XAIProvider
from sim_helpers import question, sim_settings

KEY = "sk-test-SECRET123"
MODELS = {"openai": "gpt-4o", "anthropic": "claude-sonnet-4-5", "xai": "grok-2", "ollama": "llama3.1"}
PRICES = {"openai": (2.5, 10.0), "anthropic": (3.0, 15.0), "xai": (2.0, 10.0), "ollama": (0.0, 0.0)}


def build(name: str, url: str, http: httpx.AsyncClient, http2: httpx2.AsyncClient):
    if name == "openai":
        return OpenAIProvider("openai", KEY, f"{url}/openai/v1", http)
    if name == "xai":
        return XAIProvider("xai", KEY, f"{url}/xai/v1", http)
    if name == "anthropic":
        return AnthropicProvider("anthropic", KEY, f"{url}/anthropic", http2)
    return OllamaProvider("ollama", base_url=f"{url}/ollama", http_client=http)


@pytest.fixture(params=list(MODELS))
async def adapter(request, sim):
    async with httpx.AsyncClient() as http, httpx2.AsyncClient() as http2:
        provider = build(request.param, sim.url, http, http2)
        yield provider
        await provider.aclose()


PROMPT = prompt_for_question(question("How much does it cost per person?"))


async def test_success_has_text_usage_and_is_marked_simulated(adapter, sim):
    completion = await adapter.complete(MODELS[adapter.name], PROMPT, timeout_s=2)
    assert "$45" in completion.text
    assert completion.model == MODELS[adapter.name]
    assert completion.input_tokens == token_count(system_text(PROMPT)) + token_count(user_text(PROMPT))
    assert completion.output_tokens == token_count(completion.text) > 0
    assert completion.simulated  # the adapter was not told; the x-simulated header says so
    assert await sim.requests(adapter.name) == 1


async def test_success_through_roles_has_cost_from_the_price_table(adapter, sim):
    roles = Roles.from_settings(sim_settings(sim.url))
    try:
        cand = await roles.answer("teacher", question("How much does it cost per person?"), chain=f"{adapter.name}:{MODELS[adapter.name]}")
    finally:
        await roles.aclose()
    p_in, p_out = PRICES[adapter.name]
    assert cand.status == "ok" and cand.provider == adapter.name and cand.fallback_from is None
    assert cand.cost_usd == pytest.approx((cand.input_tokens * p_in + cand.output_tokens * p_out) / 1e6)
    assert cand.attempts[0].price_known and cand.simulated


async def test_429_is_retried_after_the_stated_retry_after(adapter, sim):
    await sim.faults(adapter.name, rate_limit_count=1, retry_after_s=0.5)
    with pytest.raises(RateLimited) as caught:
        await adapter.complete(MODELS[adapter.name], PROMPT, timeout_s=2)
    assert caught.value.retry_after_s == pytest.approx(0.5)

    await sim.faults(adapter.name, rate_limit_count=1, retry_after_s=0.5)
    roles = Roles.from_settings(sim_settings(sim.url, backoff_base_s=0.01))
    try:
        started = time.perf_counter()
        cand = await roles.answer("teacher", question("How much per person?"), chain=f"{adapter.name}:{MODELS[adapter.name]}")
        waited = time.perf_counter() - started
    finally:
        await roles.aclose()
    assert cand.status == "ok" and cand.attempts[0].retries == 1
    assert 0.5 <= waited < 0.9, f"retried after {waited:.3f}s, Retry-After said 0.5s"
    assert await sim.requests(adapter.name) == 3


async def test_a_hang_longer_than_the_timeout_is_a_timeout(adapter, sim):
    await sim.faults(adapter.name, hang_count=1, hang_s=3)
    started = time.perf_counter()
    with pytest.raises(ProviderTimeout) as caught:
        await adapter.complete(MODELS[adapter.name], PROMPT, timeout_s=0.3)
    assert 0.29 <= time.perf_counter() - started < 0.8
    assert caught.value.status == "timeout" and "0.3s" in str(caught.value)


async def test_a_malformed_body_is_a_clear_error(adapter, sim):
    await sim.faults(adapter.name, malformed_count=1)
    with pytest.raises(MalformedResponse) as caught:
        await adapter.complete(MODELS[adapter.name], PROMPT, timeout_s=2)
    assert str(caught.value).startswith(f"{adapter.name}: malformed response")


async def test_auth_failure_is_an_auth_error_without_the_key(adapter, sim):
    await sim.faults(adapter.name, auth_fail=True)
    with pytest.raises(AuthError) as caught:
        await adapter.complete(MODELS[adapter.name], PROMPT, timeout_s=2)
    assert "401" in str(caught.value)
    assert KEY not in str(caught.value) and "SECRET123" not in repr(caught.value.args)


async def test_json_mode_gets_a_json_verdict(adapter, sim):
    prompt = Prompt(system="You judge answers.", question="Answer A: We serve wagyu beef at $80/person.\nAnswer B: We serve chicken, shrimp, steak and salmon.", context={"menu": "chicken, shrimp, steak, salmon"}, json_mode=True)
    completion = await adapter.complete(MODELS[adapter.name], prompt, timeout_s=2)
    assert '"winner": "B"' in completion.text
