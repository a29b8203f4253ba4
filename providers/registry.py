"""Which adapter serves a provider name, and where it points: the real service when its key
is set, else the loopback simulator (``simulator_url``), else the in-process simulator
(``simulator_url == "inprocess"``), else an adapter that says it is not configured.
"""

from __future__ import annotations

from typing import Any, Optional

import httpx
import httpx2

from ensemble.errors import ConfigError
from ensemble.settings import Settings
from providers.anthropic_adapter import AnthropicProvider
from providers.base import AuthError, Completion, Prompt, Provider
from providers.inprocess import InProcessSimulator
from providers.ollama_adapter import OllamaProvider
from providers.openai_adapter import OpenAIProvider
from providers.xai_adapter import XAIProvider

KNOWN_PROVIDERS = ("openai", "anthropic", "xai", "ollama")
INPROCESS = "inprocess"
SIMULATOR_KEY = "simulator-no-key"
# Where each protocol lives on the simulator, relative to simulator_url.
SIMULATOR_PATHS = {"openai": "/openai/v1", "xai": "/xai/v1", "anthropic": "/anthropic", "ollama": "/ollama"}


class UnconfiguredProvider:
    """Stands in for a provider with neither a key nor a simulator: every call is an AuthError."""

    simulated = False

    def __init__(self, name: str, hint: str) -> None:
        self.name = name
        self.hint = hint

    async def complete(self, model: str, prompt: Prompt, *, timeout_s: float) -> Completion:
        raise AuthError(self.name, f"not configured: {self.hint}")

    async def aclose(self) -> None:
        return None


_KEY_HINTS = {
    "openai": "set OPENAI_API_KEY or ENSEMBLE_PROVIDERS__SIMULATOR_URL",
    "anthropic": "set ANTHROPIC_API_KEY or ENSEMBLE_PROVIDERS__SIMULATOR_URL",
    "xai": "set XAI_API_KEY or ENSEMBLE_PROVIDERS__SIMULATOR_URL",
    "ollama": "set OLLAMA_HOST or ENSEMBLE_PROVIDERS__SIMULATOR_URL",
}


def credential(name: str, settings: Settings) -> Optional[Any]:
    """The provider's key (or Ollama host) from settings, None when unset."""
    if name not in KNOWN_PROVIDERS:
        raise ConfigError(f"unknown provider {name!r} in a chain; known: {', '.join(KNOWN_PROVIDERS)}")
    return {
        "openai": settings.openai_api_key,
        "anthropic": settings.anthropic_api_key,
        "xai": settings.xai_api_key,
        "ollama": settings.ollama_host,
    }[name]


def http_client_for(name: str, settings: Settings) -> Any:
    """A pooled client sized for max_in_flight: httpx2 for the SDKs, httpx for Ollama."""
    ps = settings.providers
    n = max(10, ps.max_in_flight)
    if name == "ollama":
        return httpx.AsyncClient(limits=httpx.Limits(max_connections=n, max_keepalive_connections=n), timeout=ps.timeout_s)
    return httpx2.AsyncClient(limits=httpx2.Limits(max_connections=n, max_keepalive_connections=n), timeout=ps.timeout_s)


def build_provider(name: str, settings: Settings, http_client: Any) -> Provider:
    """The adapter for ``name`` (see module docstring for where it points)."""
    if name not in KNOWN_PROVIDERS:
        raise ConfigError(f"unknown provider {name!r} in a chain; known: {', '.join(KNOWN_PROVIDERS)}")
    ps = settings.providers
    key = credential(name, settings)
    if key:
        return _real(name, key, settings, http_client)
    if ps.simulator_url == INPROCESS:
        return InProcessSimulator(name, seed=ps.simulator_seed, hallucination_rate=ps.simulator_hallucination_rate, latency_ms=ps.simulator_latency_ms)
    if ps.simulator_url:
        base = ps.simulator_url.rstrip("/") + SIMULATOR_PATHS[name]
        return _adapter(name, SIMULATOR_KEY, base, http_client, simulated=True)
    return UnconfiguredProvider(name, _KEY_HINTS[name])


def _real(name: str, key: Any, settings: Settings, http_client: Any) -> Provider:
    ps = settings.providers
    if name == "ollama":
        return OllamaProvider(name, base_url=key, http_client=http_client)
    base = {"openai": ps.openai_base_url, "anthropic": ps.anthropic_base_url, "xai": ps.xai_base_url}[name]
    return _adapter(name, key, base, http_client, simulated=False)


def _adapter(name: str, key: Any, base_url: Optional[str], http_client: Any, *, simulated: bool) -> Provider:
    if name == "openai":
        return OpenAIProvider(name, key, base_url, http_client, simulated)
    if name == "xai":
        return XAIProvider(name, key, base_url, http_client, simulated)
    if name == "anthropic":
        # The anthropic SDK only takes httpx2 clients; with a legacy httpx client it makes its own.
        client = http_client if isinstance(http_client, httpx2.AsyncClient) else None
        return AnthropicProvider(name, key, base_url, client, simulated)
    return OllamaProvider(name, base_url=base_url, http_client=http_client, simulated=simulated)
