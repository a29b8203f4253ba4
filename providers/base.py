"""The provider contract every adapter implements.

    ProviderError                   a call did not give a usable completion
    ├── ProviderTimeout             no answer within the timeout
    ├── RateLimited                 429; ``retry_after_s`` from the Retry-After header
    ├── ProviderUnavailable         5xx, connection refused/reset
    ├── MalformedResponse           the body is not what the wire protocol promises
    └── AuthError                   401/403: retrying will not help
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Prompt:
    """What a model is asked. ``context`` is the business facts; ``lessons`` are optional hints."""

    system: str
    question: str
    context: dict[str, str] = field(default_factory=dict)
    lessons: tuple[str, ...] = ()
    locale: str = "en"
    question_id: str = ""
    agent_name: str = "faq_agent"
    json_mode: bool = False


@dataclass(frozen=True, slots=True)
class Completion:
    """A provider's answer with the usage it reported."""

    text: str
    model: str
    input_tokens: int
    output_tokens: int
    finish_reason: str
    latency_ms: float
    simulated: bool = False


@runtime_checkable
class Provider(Protocol):
    """One LLM provider. Adapters take an injectable HTTP client and base URL."""

    name: str

    async def complete(self, model: str, prompt: Prompt, *, timeout_s: float) -> Completion: ...

    async def aclose(self) -> None: ...


class ProviderError(Exception):
    """A provider call failed. ``provider`` names it; messages never contain secrets."""

    status = "error"

    def __init__(self, provider: str, message: str) -> None:
        super().__init__(f"{provider}: {message}")
        self.provider = provider
        self.message = message


class ProviderTimeout(ProviderError):
    status = "timeout"


class RateLimited(ProviderError):
    status = "rate_limited"

    def __init__(self, provider: str, message: str, retry_after_s: Optional[float] = None) -> None:
        super().__init__(provider, message)
        self.retry_after_s = retry_after_s


class ProviderUnavailable(ProviderError):
    status = "error"


class MalformedResponse(ProviderError):
    status = "error"


class AuthError(ProviderError):
    status = "error"


_KEY_LIKE = re.compile(r"\b(sk|xai|key)-[A-Za-z0-9_\-]{6,}", re.I)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every given secret and anything shaped like an API key (``sk-…``,
    ``xai-…``) replaced by ``***``. Applied to every message built from a server's reply."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _KEY_LIKE.sub(lambda m: f"{m.group(1)}-***", text)
