"""Fallback chains: ``"provider:model,provider:model"`` in settings → ordered Links. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ensemble.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Link:
    provider: str
    model: str

    def __str__(self) -> str:
        return f"{self.provider}:{self.model}"


@lru_cache(maxsize=256)  # agents pass the chain spec with every question
def parse_chain(spec: str) -> tuple[Link, ...]:
    """Links in order. The model may itself contain ``:`` (``ollama:llama3.1:8b``); only the
    first colon splits. An empty chain or an entry without a model is a ConfigError."""
    links = []
    for entry in (e.strip() for e in spec.split(",")):
        if not entry:
            continue
        provider, sep, model = entry.partition(":")
        if not sep or not provider.strip() or not model.strip():
            raise ConfigError(f"chain entry {entry!r} must be provider:model (in {spec!r})")
        links.append(Link(provider.strip(), model.strip()))
    if not links:
        raise ConfigError(f"empty provider chain {spec!r}")
    return tuple(links)


def chain_names_for(role: str) -> str:
    """The ProviderSettings field holding ``role``'s chain: teacher → teacher_chain, ..."""
    return f"{role}_chain"
