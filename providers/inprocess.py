"""A provider that answers like the loopback simulator without any network: the same
``SimulatorBrain``, fed the Prompt's context directly. For the pipeline-overhead benchmark
(``settings.providers.simulator_url == "inprocess"``) and for fast agent tests.
"""

from __future__ import annotations

import asyncio
import time

from providers.base import Completion, Prompt
from providers.prompting import system_text, user_text
from providers.simulator.answers import parse_prompt, token_count, wants_json
from providers.simulator.core import SimulatorBrain


class InProcessSimulator:
    """``Provider`` whose answers equal the simulator server's for the same prompt and seed.

    Token counts are computed on the same rendered messages the server would receive, so
    costs match too. ``latency_ms`` > 0 adds an ``asyncio.sleep``.
    """

    def __init__(self, name: str, *, seed: int = 7, hallucination_rate: float = 0.2, latency_ms: float = 0.0, brain: SimulatorBrain | None = None) -> None:
        self.name = name
        self.simulated = True
        self.latency_ms = latency_ms
        self.brain = brain or SimulatorBrain(seed=seed, hallucination_rate=hallucination_rate)

    async def complete(self, model: str, prompt: Prompt, *, timeout_s: float) -> Completion:
        started = time.perf_counter()
        if self.latency_ms > 0:
            await asyncio.sleep(self.latency_ms / 1000.0)
        system, user = system_text(prompt), user_text(prompt)
        # Read the rendered messages back exactly as the server does, so both answer alike
        # even for fact values with line breaks or keys with colons.
        facts, question = parse_prompt(system, user)
        answer = self.brain.reply(self.name, facts, question, json_mode=prompt.json_mode or wants_json(system + user))
        return Completion(
            text=answer.text,
            model=model,
            input_tokens=token_count(system) + token_count(user),
            output_tokens=token_count(answer.text),
            finish_reason="stop",
            latency_ms=(time.perf_counter() - started) * 1000.0,
            simulated=True,
        )

    async def aclose(self) -> None:
        return None
