"""Cost of a call: tokens × price per million, from a JSON price table.

File format (the shipped ``providers/data/prices.json``; a user file named by
``settings.providers.price_file`` has the same shape and wins entry by entry)::

    {"models": {"gpt-4o": {"input_per_mtok": 2.5, "output_per_mtok": 10.0},
                "ollama:llama3.1": {"input_per_mtok": 0, "output_per_mtok": 0}}}

A model the table does not know has no price: ``cost`` returns None, never 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Optional

from ensemble.errors import ConfigError

SHIPPED_PRICES = Path(__file__).resolve().parent / "data" / "prices.json"


@dataclass(frozen=True, slots=True)
class Price:
    input_per_mtok: float
    output_per_mtok: float

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        return (input_tokens * self.input_per_mtok + output_tokens * self.output_per_mtok) / 1_000_000


class PriceTable:
    """Model → Price. Lookup tries ``provider:model`` first, then ``model``."""

    def __init__(self, prices: Mapping[str, Price]) -> None:
        self.prices = dict(prices)

    @classmethod
    def load(cls, override_file: Optional[Path] = None) -> "PriceTable":
        """The shipped table, overlaid with ``override_file`` when given."""
        shipped = SHIPPED_PRICES.read_text()
        prices = parse_prices(json.loads(shipped), "providers/data/prices.json")
        if override_file is not None:
            try:
                data = json.loads(Path(override_file).read_text())
            except (OSError, ValueError) as exc:
                raise ConfigError(f"price file {override_file}: {exc}") from exc
            prices.update(parse_prices(data, str(override_file)))
        return cls(prices)

    def price(self, provider: str, model: str) -> Optional[Price]:
        return self.prices.get(f"{provider}:{model}") or self.prices.get(model)

    def cost(self, provider: str, model: str, input_tokens: int, output_tokens: int) -> Optional[float]:
        """USD, or None when the model has no price."""
        price = self.price(provider, model)
        return None if price is None else price.cost(input_tokens, output_tokens)


def parse_prices(data: Any, source: str) -> dict[str, Price]:
    """``{"models": {name: {"input_per_mtok", "output_per_mtok"}}}`` → prices; ConfigError otherwise."""
    models = data.get("models") if isinstance(data, dict) else None
    if not isinstance(models, dict):
        raise ConfigError(f"price file {source}: expected an object with a 'models' object")
    out = {}
    for name, entry in models.items():
        try:
            out[name] = Price(float(entry["input_per_mtok"]), float(entry["output_per_mtok"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"price file {source}: model {name!r} needs numeric input_per_mtok and output_per_mtok") from exc
        if out[name].input_per_mtok < 0 or out[name].output_per_mtok < 0:
            raise ConfigError(f"price file {source}: model {name!r} has a negative price")
    return out
