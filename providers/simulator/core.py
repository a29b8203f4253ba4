"""The simulator's state apart from HTTP: configuration, scripted answers and the reply.

Shared by the loopback server and the in-process provider so both say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from providers.simulator.answers import SimAnswer, answer_text, judge_verdict


@dataclass(frozen=True, slots=True)
class Script:
    """Answer exactly ``text`` when the question contains ``match`` (case-insensitive)."""

    match: str
    provider: str = "*"
    text: str = ""

    def applies(self, provider: str, question: str) -> bool:
        return self.provider in ("*", provider) and self.match.lower() in question.lower()


@dataclass
class SimulatorBrain:
    """Seeded answer logic plus scripts. Deterministic per (seed, provider, question text)."""

    seed: int = 7
    hallucination_rate: float = 0.2
    scripts: list[Script] = field(default_factory=list)

    def add_script(self, script: Script) -> None:
        """Later scripts win over earlier ones for the same question."""
        self.scripts.insert(0, script)

    def reset(self) -> None:
        self.scripts.clear()

    def reply(self, provider: str, facts: dict[str, str], question: str, *, json_mode: bool) -> SimAnswer:
        for script in self.scripts:
            if script.applies(provider, question):
                return SimAnswer(script.text)
        if json_mode:
            return SimAnswer(judge_verdict(facts, question))
        return answer_text(facts, question, provider=provider, seed=self.seed, hallucination_rate=self.hallucination_rate)
