"""One checked claim of an answer."""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED = "supported"


@dataclass(frozen=True, slots=True)
class Claim:
    """A factual claim and its verdict.

    ``status`` is ``supported``, ``contradicted`` (a fact says otherwise) or ``unsupported`` (no fact
    says so); ``reason`` always cites the fact or says none supports it. ``key`` identifies the
    claim's substance (kind and value) so two answers making the same claim share a key.
    """

    text: str
    kind: str
    status: str
    reason: str
    key: tuple

    @property
    def flagged(self) -> bool:
        return self.status != SUPPORTED

    def as_dict(self) -> dict:
        return {"claim": self.text, "kind": self.kind, "status": self.status, "reason": self.reason}
