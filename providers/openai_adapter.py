"""OpenAI chat completions through the official ``openai`` SDK.

One ``AsyncOpenAI`` per adapter, built once with ``max_retries=0`` (retries belong to the
router) over an injectable HTTP client. Every SDK error becomes a ProviderError; messages are
redacted, so the API key never leaves the adapter.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Optional, Union

import openai
from openai.types.chat import ChatCompletion
from pydantic import SecretStr

from providers.base import Completion, Prompt, ProviderError, ProviderTimeout, ProviderUnavailable
from providers.http_errors import clean, error_for_status, malformed
from providers.prompting import chat_messages

# ``client.post`` with the SDK's raw-response header gives the typed ChatCompletion *and* the
# response headers (x-simulated) while skipping the resource method's per-call TypedDict
# transform of the params (~1 ms per call, a third of the SDK's cost; our params are plain JSON).
RAW_RESPONSE_HEADER = "X-Stainless-Raw-Response"

# The SDK's own timeout is per network operation; this margin lets it fire first, while
# asyncio.timeout bounds the whole call.
_TIMEOUT_MARGIN_S = 0.05


def secret_value(api_key: Union[str, SecretStr, None]) -> str:
    if isinstance(api_key, SecretStr):
        return api_key.get_secret_value()
    return api_key or ""


class OpenAIProvider:
    """``Provider`` for OpenAI and OpenAI-compatible APIs (xAI reuses it).

    ``http_client``: an ``httpx.AsyncClient`` or ``httpx2.AsyncClient`` shared by every call;
    None lets the SDK make its own. ``simulated``: every Completion says simulated (set when
    pointed at the loopback simulator); a response header ``x-simulated: true`` does the same.
    """

    def __init__(
        self,
        name: str = "openai",
        api_key: Union[str, SecretStr, None] = None,
        base_url: Optional[str] = None,
        http_client: Any = None,
        simulated: bool = False,
        max_tokens: Optional[int] = None,
    ) -> None:
        self.name = name
        self.simulated = simulated
        self.max_tokens = max_tokens
        key = secret_value(api_key)
        self._secrets = (key,) if key else ()
        self._owns_client = http_client is None
        self._client = openai.AsyncOpenAI(
            api_key=key or "not-set",
            base_url=base_url,
            http_client=http_client,
            max_retries=0,
        )

    def request_args(self, model: str, prompt: Prompt) -> dict[str, Any]:
        args: dict[str, Any] = {"model": model, "messages": chat_messages(prompt)}
        if prompt.json_mode:
            args["response_format"] = {"type": "json_object"}
        if self.max_tokens:
            args["max_tokens"] = self.max_tokens
        return args

    async def complete(self, model: str, prompt: Prompt, *, timeout_s: float) -> Completion:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(timeout_s + _TIMEOUT_MARGIN_S):
                raw = await self._client.post(
                    "/chat/completions",
                    body=self.request_args(model, prompt),
                    cast_to=ChatCompletion,
                    options={"timeout": timeout_s, "headers": {RAW_RESPONSE_HEADER: "true"}},
                )
                body = raw.parse()
        except (TimeoutError, openai.APITimeoutError) as exc:
            raise ProviderTimeout(self.name, f"no answer within {timeout_s:g}s") from exc
        except openai.APIStatusError as exc:
            raise error_for_status(self.name, exc.status_code, exc.message, exc.response.headers, self._secrets) from exc
        except openai.APIConnectionError as exc:
            raise ProviderUnavailable(self.name, f"connection failed: {clean(exc, self._secrets)}") from exc
        except (openai.APIResponseValidationError, ValueError) as exc:
            raise malformed(self.name, repr(exc), self._secrets) from exc
        except openai.OpenAIError as exc:
            raise ProviderError(self.name, clean(exc, self._secrets)) from exc
        latency_ms = (time.perf_counter() - started) * 1000.0
        simulated = self.simulated or raw.headers.get("x-simulated") == "true"
        return self._completion(body, model, latency_ms, simulated)

    def _completion(self, body: Any, model: str, latency_ms: float, simulated: bool) -> Completion:
        try:
            choice = body.choices[0]
            text = choice.message.content
            usage = body.usage
            input_tokens, output_tokens = int(usage.prompt_tokens), int(usage.completion_tokens)
        except (AttributeError, IndexError, TypeError, ValueError) as exc:
            raise malformed(self.name, f"missing choices/message/usage ({exc!r})", self._secrets) from exc
        if not isinstance(text, str):
            raise malformed(self.name, f"message content is {type(text).__name__}, not text", self._secrets)
        return Completion(
            text=text,
            model=getattr(body, "model", None) or model,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            finish_reason=str(choice.finish_reason or "stop"),
            latency_ms=latency_ms,
            simulated=simulated,
        )

    async def aclose(self) -> None:
        """Closes the SDK client; an injected http_client is closed by its owner, not here."""
        if self._owns_client:
            await self._client.close()
