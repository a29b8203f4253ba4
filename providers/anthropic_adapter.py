"""Anthropic messages through the official ``anthropic`` SDK.

The SDK runs on ``httpx2``: an injected client must be an ``httpx2.AsyncClient``. One SDK
client per adapter, ``max_retries=0`` (retries belong to the router); errors are translated
into the ProviderError tree with redacted messages.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Optional, Union

import anthropic
from pydantic import SecretStr

from providers.base import Completion, Prompt, ProviderError, ProviderTimeout, ProviderUnavailable
from providers.http_errors import clean, error_for_status, malformed
from providers.openai_adapter import secret_value
from providers.prompting import system_text, user_text

_TIMEOUT_MARGIN_S = 0.05
DEFAULT_MAX_TOKENS = 1024


class AnthropicProvider:
    """``Provider`` for the Anthropic messages API (Claude)."""

    def __init__(
        self,
        name: str = "anthropic",
        api_key: Union[str, SecretStr, None] = None,
        base_url: Optional[str] = None,
        http_client: Any = None,
        simulated: bool = False,
        max_tokens: int = DEFAULT_MAX_TOKENS,
    ) -> None:
        self.name = name
        self.simulated = simulated
        self.max_tokens = max_tokens
        key = secret_value(api_key)
        self._secrets = (key,) if key else ()
        self._owns_client = http_client is None
        self._client = anthropic.AsyncAnthropic(
            api_key=key or "not-set", base_url=base_url, http_client=http_client, max_retries=0
        )

    def request_args(self, model: str, prompt: Prompt) -> dict[str, Any]:
        return {
            "model": model,
            "max_tokens": self.max_tokens,
            "system": system_text(prompt),
            "messages": [{"role": "user", "content": user_text(prompt)}],
        }

    async def complete(self, model: str, prompt: Prompt, *, timeout_s: float) -> Completion:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(timeout_s + _TIMEOUT_MARGIN_S):
                raw = await self._client.messages.with_raw_response.create(**self.request_args(model, prompt), timeout=timeout_s)
                body = await raw.parse()
        except (TimeoutError, anthropic.APITimeoutError) as exc:
            raise ProviderTimeout(self.name, f"no answer within {timeout_s:g}s") from exc
        except anthropic.APIStatusError as exc:
            raise error_for_status(self.name, exc.status_code, exc.message, exc.response.headers, self._secrets) from exc
        except anthropic.APIConnectionError as exc:
            raise ProviderUnavailable(self.name, f"connection failed: {clean(exc, self._secrets)}") from exc
        except (anthropic.APIResponseValidationError, ValueError) as exc:
            raise malformed(self.name, repr(exc), self._secrets) from exc
        except anthropic.AnthropicError as exc:
            raise ProviderError(self.name, clean(exc, self._secrets)) from exc
        latency_ms = (time.perf_counter() - started) * 1000.0
        simulated = self.simulated or raw.headers.get("x-simulated") == "true"
        return self._completion(body, model, latency_ms, simulated)

    def _completion(self, body: Any, model: str, latency_ms: float, simulated: bool) -> Completion:
        try:
            texts = [block.text for block in body.content if getattr(block, "type", None) == "text"]
            input_tokens, output_tokens = int(body.usage.input_tokens), int(body.usage.output_tokens)
        except (AttributeError, TypeError, ValueError) as exc:
            raise malformed(self.name, f"missing content/usage ({exc!r})", self._secrets) from exc
        if not texts or not all(isinstance(t, str) for t in texts):
            raise malformed(self.name, "no text block in content", self._secrets)
        return Completion(
            text="".join(texts),
            model=getattr(body, "model", None) or model,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            finish_reason=str(getattr(body, "stop_reason", None) or "end_turn"),
            latency_ms=latency_ms,
            simulated=simulated,
        )

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.close()
