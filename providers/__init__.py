"""LLM providers behind one small interface (``base.Provider``), the role router that adds
retries, circuit breaking, fallback, pricing and budgets, and the loopback simulator."""
