"""Translating an HTTP status (from any SDK or httpx) into the ProviderError tree.

Pure functions; messages pass through ``redact`` so a key echoed by a server never travels on.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any, Iterable, Mapping, Optional

from providers.base import (
    AuthError,
    MalformedResponse,
    ProviderError,
    ProviderUnavailable,
    RateLimited,
    redact,
)

MAX_MESSAGE_CHARS = 300


def parse_retry_after(headers: Optional[Mapping[str, str]], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from ``retry-after-ms``, ``retry-after`` (seconds or an HTTP date); None
    when absent or unreadable. Never negative."""
    if not headers:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def error_for_status(
    provider: str,
    status: int,
    message: str,
    headers: Optional[Mapping[str, str]] = None,
    secrets: Iterable[str] = (),
) -> ProviderError:
    """The ProviderError for an HTTP error status: 401/403 auth, 429 rate limit, 408/409/5xx
    unavailable, other 4xx a plain ProviderError (the request itself is wrong)."""
    text = f"HTTP {status}: {clean(message, secrets)}"
    if status in (401, 403):
        return AuthError(provider, text)
    if status == 429:
        return RateLimited(provider, text, parse_retry_after(headers))
    if status >= 500 or status in (408, 409):
        return ProviderUnavailable(provider, text)
    return ProviderError(provider, text)


def clean(message: Any, secrets: Iterable[str] = ()) -> str:
    """One redacted line of at most MAX_MESSAGE_CHARS."""
    text = " ".join(str(message).split())
    text = redact(text, secrets)
    return text[:MAX_MESSAGE_CHARS]


def malformed(provider: str, what: str, secrets: Iterable[str] = ()) -> MalformedResponse:
    return MalformedResponse(provider, f"malformed response: {clean(what, secrets)}")
