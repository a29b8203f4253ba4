"""Where each provider's adapter points, from settings alone."""

import pytest
from pydantic import ValidationError

from ensemble.settings import ProviderSettings, Settings
from providers.anthropic_adapter import AnthropicProvider
from providers.inprocess import InProcessSimulator
from providers.ollama_adapter import OllamaProvider
from providers.openai_adapter import OpenAIProvider
from providers.registry import UnconfiguredProvider, build_provider
from providers.router import Roles
from providers.xai_adapter import XAIProvider


async def test_real_keys_give_real_adapters(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-real-1")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-real-2")
    monkeypatch.setenv("XAI_API_KEY", "xai-real-3")
    monkeypatch.setenv("OLLAMA_HOST", "10.0.0.5:11434")
    roles = Roles.from_settings(Settings(providers=ProviderSettings(simulator_url="http://127.0.0.1:1")))
    try:
        p = roles.providers
        assert type(p["openai"]) is OpenAIProvider and not p["openai"].simulated
        assert str(p["openai"]._client.base_url).startswith("https://api.openai.com/v1")
        assert type(p["xai"]) is XAIProvider and str(p["xai"]._client.base_url).startswith("https://api.x.ai/v1")
        assert type(p["anthropic"]) is AnthropicProvider and str(p["anthropic"]._client.base_url).startswith("https://api.anthropic.com")
        assert type(p["ollama"]) is OllamaProvider and p["ollama"].url == "http://10.0.0.5:11434/api/chat"
    finally:
        await roles.aclose()


async def test_no_key_and_a_simulator_url_point_at_the_simulator():
    settings = Settings(providers=ProviderSettings(simulator_url="http://127.0.0.1:9999/"))
    roles = Roles.from_settings(settings)
    try:
        p = roles.providers
        assert str(p["openai"]._client.base_url).rstrip("/") == "http://127.0.0.1:9999/openai/v1"
        assert str(p["xai"]._client.base_url).rstrip("/") == "http://127.0.0.1:9999/xai/v1"
        assert str(p["anthropic"]._client.base_url).rstrip("/") == "http://127.0.0.1:9999/anthropic"
        assert p["ollama"].url == "http://127.0.0.1:9999/ollama/api/chat"
        assert all(provider.simulated for provider in p.values())
    finally:
        await roles.aclose()


def test_inprocess_and_unconfigured():
    assert isinstance(build_provider("openai", Settings(providers=ProviderSettings(simulator_url="inprocess")), None), InProcessSimulator)
    assert isinstance(build_provider("xai", Settings(providers=ProviderSettings()), None), UnconfiguredProvider)


def test_unknown_provider_in_a_chain_is_refused_when_the_settings_load():
    with pytest.raises(ValidationError, match="unknown provider mistral"):
        ProviderSettings(teacher_chain="mistral:large", simulator_url="inprocess")
    with pytest.raises(ValidationError, match="must be provider:model"):
        ProviderSettings(critic_chain="grok-2")
