"""A local Llama through Ollama's ``POST /api/chat`` (non-streaming) over httpx.

Usage comes from ``prompt_eval_count`` (input) and ``eval_count`` (output).
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any, Optional

import httpx

from providers.base import Completion, Prompt, ProviderTimeout, ProviderUnavailable
from providers.http_errors import clean, error_for_status, malformed
from providers.prompting import chat_messages

DEFAULT_HOST = "http://127.0.0.1:11434"
_TIMEOUT_MARGIN_S = 0.05


class OllamaProvider:
    """``Provider`` for Ollama. ``base_url`` is the Ollama host (``OLLAMA_HOST``);
    ``http_client`` an ``httpx.AsyncClient`` (or ``httpx2.AsyncClient``) shared by every call."""

    def __init__(self, name: str = "ollama", base_url: Optional[str] = None, http_client: Any = None, simulated: bool = False, api_key: Optional[str] = None) -> None:
        self.name = name
        self.simulated = simulated
        self.url = f"{_with_scheme(base_url or DEFAULT_HOST).rstrip('/')}/api/chat"
        self._owns_client = http_client is None
        self._client = http_client or httpx.AsyncClient()
        self._headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self._secrets = (api_key,) if api_key else ()

    def request_body(self, model: str, prompt: Prompt) -> dict[str, Any]:
        body: dict[str, Any] = {"model": model, "messages": chat_messages(prompt), "stream": False}
        if prompt.json_mode:
            body["format"] = "json"
        return body

    async def complete(self, model: str, prompt: Prompt, *, timeout_s: float) -> Completion:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(timeout_s + _TIMEOUT_MARGIN_S):
                response = await self._client.post(self.url, json=self.request_body(model, prompt), headers=self._headers, timeout=timeout_s)
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise ProviderTimeout(self.name, f"no answer within {timeout_s:g}s") from exc
        except Exception as exc:  # httpx or httpx2 transport errors: both are "cannot reach it"
            if type(exc).__name__ in ("TimeoutException", "ReadTimeout", "ConnectTimeout", "WriteTimeout", "PoolTimeout"):
                raise ProviderTimeout(self.name, f"no answer within {timeout_s:g}s") from exc
            raise ProviderUnavailable(self.name, f"connection failed: {clean(repr(exc), self._secrets)}") from exc
        if response.status_code >= 400:
            raise error_for_status(self.name, response.status_code, _error_message(response), response.headers, self._secrets)
        latency_ms = (time.perf_counter() - started) * 1000.0
        simulated = self.simulated or response.headers.get("x-simulated") == "true"
        return self._completion(response.content, model, latency_ms, simulated)

    def _completion(self, content: bytes, model: str, latency_ms: float, simulated: bool) -> Completion:
        try:
            body = json.loads(content)
            text = body["message"]["content"]
            input_tokens, output_tokens = int(body["prompt_eval_count"]), int(body["eval_count"])
        except (ValueError, KeyError, TypeError) as exc:
            raise malformed(self.name, f"not an Ollama chat answer ({exc!r})", self._secrets) from exc
        if not isinstance(text, str):
            raise malformed(self.name, "message content is not text", self._secrets)
        return Completion(
            text=text,
            model=body.get("model") or model,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            finish_reason=str(body.get("done_reason") or "stop"),
            latency_ms=latency_ms,
            simulated=simulated,
        )

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()


def _with_scheme(host: str) -> str:
    return host if "://" in host else f"http://{host}"


def _error_message(response: Any) -> str:
    try:
        return str(response.json().get("error") or response.text)
    except ValueError:
        return response.text
