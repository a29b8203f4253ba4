"""Loopback LLM simulator: speaks the OpenAI, Anthropic, xAI and Ollama wire protocols,
answers from the business facts in the prompt, and injects hallucinations and faults on request.
"""

from providers.simulator.server import SimulatorState, make_app, start_simulator

__all__ = ["SimulatorState", "make_app", "start_simulator"]
