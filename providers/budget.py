"""Optional daily spend cap per provider (UTC days). Pure state over an injectable clock.

A provider whose spend today has reached its cap is skipped like an open breaker. Calls whose
cost is unknown (no price) add nothing: the cap only sees priced spend.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Callable, Mapping, Optional


class DailyBudget:
    def __init__(self, caps_usd: Mapping[str, float], clock: Callable[[], float] = time.time) -> None:
        self.caps = dict(caps_usd)
        self.clock = clock
        self.day = self._today()
        self.spent: dict[str, float] = {}

    def _today(self) -> str:
        return datetime.fromtimestamp(self.clock(), timezone.utc).strftime("%Y-%m-%d")

    def _roll(self) -> None:
        today = self._today()
        if today != self.day:
            self.day, self.spent = today, {}

    def allows(self, provider: str) -> bool:
        """False once today's spend reached the provider's cap; providers without a cap: True."""
        cap = self.caps.get(provider)
        if cap is None:
            return True
        self._roll()
        return self.spent.get(provider, 0.0) < cap

    def add(self, provider: str, cost_usd: Optional[float]) -> None:
        if cost_usd and provider in self.caps:
            self._roll()
            self.spent[provider] = self.spent.get(provider, 0.0) + cost_usd

    def spent_today(self, provider: str) -> float:
        self._roll()
        return self.spent.get(provider, 0.0)
