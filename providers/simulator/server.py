"""The loopback simulator: an aiohttp server speaking four LLM wire protocols.

Routes (``{p}`` is the provider name; any name works, so tests can add providers):

    POST /{p}/v1/chat/completions     OpenAI chat completions (openai, xai, ...)
    POST /{p}/v1/messages             Anthropic messages
    POST /{p}/api/chat                Ollama chat (non-streaming)
    POST /_sim/script                 {"match", "provider" ("*" = all), "text"}
    POST /_sim/faults                 {"provider": "openai" | "*", <FaultSpec fields>}
    POST /_sim/reset                  forget scripts, faults and counters
    GET  /_sim/stats                  requests received per provider and per outcome

Every response carries ``x-simulated: true``; answers keep the model name as sent.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections import Counter, defaultdict
from typing import Any, Optional

from aiohttp import web

from providers.simulator.answers import parse_prompt, token_count, wants_json
from providers.simulator.core import Script, SimulatorBrain
from providers.simulator.faults import Decision, FaultSpec, decide
from providers.simulator.wire import BODIES, MALFORMED, PARSERS, error_body

log = logging.getLogger(__name__)

SIM_HEADERS = {"x-simulated": "true"}
STATE: web.AppKey["SimulatorState"] = web.AppKey("state", object)


class SimulatorState:
    """Brain, faults and counters of one simulator server."""

    def __init__(self, *, seed: int = 7, hallucination_rate: float = 0.2, latency_ms: float = 0.0, clock=time.monotonic) -> None:
        self.brain = SimulatorBrain(seed=seed, hallucination_rate=hallucination_rate)
        self.latency_ms = latency_ms
        self.seed = seed
        self.clock = clock
        self.reset()

    def reset(self) -> None:
        self.brain.reset()
        self.faults: dict[str, FaultSpec] = {}
        self.rng = random.Random(self.seed)
        self.requests: Counter[str] = Counter()
        self.outcomes: dict[str, Counter[str]] = defaultdict(Counter)

    def spec_for(self, provider: str) -> FaultSpec:
        return self.faults.get(provider) or self.faults.get("*") or FaultSpec()

    def decide(self, provider: str) -> Decision:
        self.requests[provider] += 1
        decision = decide(self.spec_for(provider), self.clock(), self.rng, self.latency_ms)
        self.outcomes[provider][decision.kind] += 1
        return decision

    def stats(self) -> dict[str, Any]:
        return {"requests": dict(self.requests), "outcomes": {p: dict(c) for p, c in self.outcomes.items()}}


def _json(status: int, body: dict[str, Any], extra: Optional[dict[str, str]] = None) -> web.Response:
    headers = dict(SIM_HEADERS, **(extra or {}))
    return web.Response(status=status, text=json.dumps(body), content_type="application/json", headers=headers)


def _presented_key(request: web.Request) -> str:
    auth = request.headers.get("authorization", "")
    return auth.removeprefix("Bearer ").strip() or request.headers.get("x-api-key", "")


async def _chat(request: web.Request, protocol: str) -> web.Response:
    state: SimulatorState = request.app[STATE]
    provider = request.match_info["provider"]
    try:
        req = PARSERS[protocol](await request.json())
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        return _json(400, error_body(protocol, 400, f"invalid request body: {exc!r}"))
    decision = state.decide(provider)
    if decision.kind == "outage":
        return _json(503, error_body(protocol, 503, f"{provider} is temporarily unavailable (simulated outage)"))
    if decision.kind == "auth":
        # Real providers echo (part of) the key they were given: the adapters must redact it.
        return _json(401, error_body(protocol, 401, f"Incorrect API key provided: {_presented_key(request)}"))
    if decision.delay_s:
        await asyncio.sleep(decision.delay_s)
    if decision.kind == "rate_limit":
        headers = {"retry-after": f"{decision.retry_after_s:g}", "retry-after-ms": f"{decision.retry_after_s * 1000:g}"}
        return _json(429, error_body(protocol, 429, "Rate limit reached (simulated)"), headers)
    if decision.kind == "error":
        return _json(decision.status, error_body(protocol, decision.status, f"simulated server error {decision.status}"))
    if decision.kind == "malformed":
        return web.Response(status=200, body=MALFORMED[protocol], content_type="application/json", headers=SIM_HEADERS)
    facts, question = parse_prompt(req.system, req.user)
    answer = state.brain.reply(provider, facts, question, json_mode=req.json_mode or wants_json(req.system + req.user))
    body = BODIES[protocol](req.model, answer.text, req.input_tokens, token_count(answer.text))
    extra = {"x-sim-hallucination": answer.hallucination} if answer.hallucination else None
    return _json(200, body, extra)


async def _openai(request: web.Request) -> web.Response:
    return await _chat(request, "openai")


async def _anthropic(request: web.Request) -> web.Response:
    return await _chat(request, "anthropic")


async def _ollama(request: web.Request) -> web.Response:
    return await _chat(request, "ollama")


async def _json_body(request: web.Request) -> Optional[dict]:
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


async def _script(request: web.Request) -> web.Response:
    body = await _json_body(request)
    if body is None:
        return _json(400, {"error": "the body must be a JSON object: {\"match\", \"provider\", \"text\"}"})
    if not isinstance(body.get("match"), str) or not isinstance(body.get("text"), str):
        return _json(400, {"error": "match and text are required strings"})
    request.app[STATE].brain.add_script(Script(body["match"], body.get("provider", "*"), body["text"]))
    return _json(200, {"ok": True})


async def _faults(request: web.Request) -> web.Response:
    state: SimulatorState = request.app[STATE]
    body = await _json_body(request)
    if body is None:
        return _json(400, {"error": "the body must be a JSON object (see providers/simulator/faults.py)"})
    provider = body.get("provider", "*")
    try:
        state.faults[provider] = FaultSpec.from_request(body, state.clock())
    except (TypeError, ValueError) as exc:
        return _json(400, {"error": str(exc)})
    return _json(200, {"ok": True, "provider": provider, "faults": state.faults[provider].as_dict()})


async def _reset(request: web.Request) -> web.Response:
    request.app[STATE].reset()
    return _json(200, {"ok": True})


async def _stats(request: web.Request) -> web.Response:
    return _json(200, request.app[STATE].stats())


def make_app(**config: Any) -> web.Application:
    """The simulator app. ``config``: seed, hallucination_rate, latency_ms."""
    app = web.Application()
    app[STATE] = SimulatorState(**config)
    app.router.add_post("/{provider}/v1/chat/completions", _openai)
    app.router.add_post("/{provider}/v1/messages", _anthropic)
    app.router.add_post("/{provider}/api/chat", _ollama)
    app.router.add_post("/_sim/script", _script)
    app.router.add_post("/_sim/faults", _faults)
    app.router.add_post("/_sim/reset", _reset)
    app.router.add_get("/_sim/stats", _stats)
    return app


async def start_simulator(host: str = "127.0.0.1", port: int = 0, **config: Any) -> tuple[web.AppRunner, str]:
    """Start the simulator in the running loop; ``port=0`` picks a free port.

    Returns (runner, base_url); stop it with ``await runner.cleanup()``.
    """
    runner = web.AppRunner(make_app(**config), access_log=None, handle_signals=False, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    bound_port = runner.addresses[0][1]
    base_url = f"http://{host}:{bound_port}"
    log.info("simulator listening on %s", base_url)
    return runner, base_url
