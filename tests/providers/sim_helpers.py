"""Helpers for provider tests: a handle on a running simulator, settings pointing at it, questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from ensemble.settings import ProviderSettings, Settings
from schemas.records import Question, now_ms

MENU = {"menu": "chicken, shrimp, steak, salmon", "price_per_person": "$45", "minimum_guests": "10"}


@dataclass
class Sim:
    """A running simulator: its base URL and helpers to script it and read its counters."""

    url: str
    control: httpx.AsyncClient

    async def faults(self, provider: str, **spec: Any) -> None:
        r = await self.control.post(f"{self.url}/_sim/faults", json={"provider": provider, **spec})
        r.raise_for_status()

    async def script(self, match: str, text: str, provider: str = "*") -> None:
        r = await self.control.post(f"{self.url}/_sim/script", json={"match": match, "provider": provider, "text": text})
        r.raise_for_status()

    async def requests(self, provider: str) -> int:
        r = await self.control.get(f"{self.url}/_sim/stats")
        return r.json()["requests"].get(provider, 0)


def sim_settings(url: str, **providers: Any) -> Settings:
    """Settings pointing every provider at the simulator, fast retries, no real keys."""
    defaults = dict(simulator_url=url, backoff_base_s=0.01, backoff_max_s=2.0, timeout_s=2.0, judge_timeout_s=2.0)
    defaults.update(providers)
    return Settings(providers=ProviderSettings(**defaults))


def question(text: str = "Do you serve wagyu beef?", qid: str = "q-1", agent: str = "menu_agent", context: dict | None = None) -> Question:
    return Question(question_id=qid, conversation_id="conv-1", text=text, created_at=now_ms(), agent_name=agent, context=dict(MENU if context is None else context))
