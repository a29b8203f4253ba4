"""Fixtures: the loopback simulator started in-process on a free port, with a control client.

No fixture here reads real API keys: the provider tests clear them from the environment.
"""

from __future__ import annotations

import httpx
import pytest

from providers.simulator import start_simulator
from sim_helpers import Sim

KEY_VARS = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "XAI_API_KEY", "OLLAMA_HOST",
            "ENSEMBLE_OPENAI_API_KEY", "ENSEMBLE_ANTHROPIC_API_KEY", "ENSEMBLE_XAI_API_KEY", "ENSEMBLE_OLLAMA_HOST")


@pytest.fixture(autouse=True)
def no_real_keys(monkeypatch):
    for var in KEY_VARS:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
async def sim():
    runner, url = await start_simulator("127.0.0.1", 0, seed=7, hallucination_rate=0.0)
    async with httpx.AsyncClient(timeout=5) as control:
        yield Sim(url, control)
    await runner.cleanup()
