"""Request parsing and response bodies for the four wire protocols the simulator speaks:
OpenAI chat completions (also xAI's OpenAI-compatible API), Anthropic messages and Ollama chat.
Pure functions over dicts; field names follow each provider's API reference.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from providers.simulator.answers import token_count


@dataclass(frozen=True, slots=True)
class ChatRequest:
    model: str
    system: str
    user: str
    json_mode: bool

    @property
    def input_tokens(self) -> int:
        return token_count(self.system) + token_count(self.user)


def _text_of(content: Any) -> str:
    """Message content as text: a string, or a list of ``{"type": "text", "text": ...}`` blocks."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(b.get("text", "") for b in content if isinstance(b, dict))
    return ""


def _split_messages(messages: list[dict[str, Any]]) -> tuple[str, str]:
    system = "\n".join(_text_of(m.get("content")) for m in messages if m.get("role") == "system")
    users = [_text_of(m.get("content")) for m in messages if m.get("role") == "user"]
    return system, users[-1] if users else ""


def parse_openai(body: dict[str, Any]) -> ChatRequest:
    system, user = _split_messages(body["messages"])
    fmt = (body.get("response_format") or {}).get("type")
    return ChatRequest(body["model"], system, user, fmt in ("json_object", "json_schema"))


def parse_anthropic(body: dict[str, Any]) -> ChatRequest:
    system = _text_of(body.get("system") or "")
    _, user = _split_messages(body["messages"])
    return ChatRequest(body["model"], system, user, False)


def parse_ollama(body: dict[str, Any]) -> ChatRequest:
    system, user = _split_messages(body["messages"])
    return ChatRequest(body["model"], system, user, body.get("format") == "json" or isinstance(body.get("format"), dict))


PARSERS = {"openai": parse_openai, "anthropic": parse_anthropic, "ollama": parse_ollama}


def openai_body(model: str, text: str, input_tokens: int, output_tokens: int) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-sim-{uuid.uuid4().hex[:24]}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "system_fingerprint": "fp_simulator",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": input_tokens,
            "completion_tokens": output_tokens,
            "total_tokens": input_tokens + output_tokens,
        },
    }


def anthropic_body(model: str, text: str, input_tokens: int, output_tokens: int) -> dict[str, Any]:
    return {
        "id": f"msg_sim{uuid.uuid4().hex[:24]}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": text}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
    }


def ollama_body(model: str, text: str, input_tokens: int, output_tokens: int) -> dict[str, Any]:
    return {
        "model": model,
        "created_at": datetime.now(timezone.utc).isoformat().replace("+00:00", "Z"),
        "message": {"role": "assistant", "content": text},
        "done": True,
        "done_reason": "stop",
        "total_duration": 0,
        "load_duration": 0,
        "prompt_eval_count": input_tokens,
        "prompt_eval_duration": 0,
        "eval_count": output_tokens,
        "eval_duration": 0,
    }


BODIES = {"openai": openai_body, "anthropic": anthropic_body, "ollama": ollama_body}

_OPENAI_ERROR_TYPES = {401: "invalid_request_error", 429: "rate_limit_exceeded", 400: "invalid_request_error"}
_ANTHROPIC_ERROR_TYPES = {401: "authentication_error", 429: "rate_limit_error", 400: "invalid_request_error", 529: "overloaded_error"}


def error_body(protocol: str, status: int, message: str) -> dict[str, Any]:
    """An error body in the protocol's shape."""
    if protocol == "anthropic":
        kind = _ANTHROPIC_ERROR_TYPES.get(status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message}}
    if protocol == "ollama":
        return {"error": message}
    kind = _OPENAI_ERROR_TYPES.get(status, "server_error")
    return {"error": {"message": message, "type": kind, "param": None, "code": kind}}


MALFORMED = {
    "openai": b'{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [{"index": 0, "mess',
    "anthropic": b'{"id": "msg_broken", "type": "message", "content": [{"type": "te',
    "ollama": b'{"model": "broken", "message": {"role": "assis',
}
