"""Roles: which model answers for teacher, student and critic, with fallback, retries,
circuit breaking, pricing and budgets.

``Roles.answer`` and ``Roles.judge`` never raise for a provider failure: every call becomes an
``Attempt`` (errors are data) and ``answer`` returns exactly one Candidate. The walk along a
chain is bounded by ``answer_deadline_s``, so no question waits forever.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any, Awaitable, Callable, Mapping, Optional, Sequence

from ensemble.errors import ConfigError
from ensemble.settings import ProviderSettings, Settings
from providers.base import Completion, Prompt, Provider, ProviderError, ProviderUnavailable, RateLimited, redact
from providers.budget import DailyBudget
from providers.chains import Link, parse_chain
from providers.outcome import build_candidate
from providers.pricing import PriceTable
from providers.prompting import prompt_for_question
from providers.registry import INPROCESS, build_provider, credential, http_client_for
from providers.resilience import CircuitBreaker, retry_wait
from schemas.records import Attempt, Candidate, Question, now_ms

log = logging.getLogger(__name__)

RETRYABLE = (RateLimited, ProviderUnavailable)


class Roles:
    """The role router. Build with ``Roles.from_settings``; close with ``aclose``.

    The constructor takes everything injected (providers, chains, clocks, sleep, Random), so
    tests can drive it without settings or a network.
    """

    def __init__(
        self,
        providers: Mapping[str, Provider],
        chains: Mapping[str, Sequence[Link]],
        policy: ProviderSettings,
        *,
        prices: Optional[PriceTable] = None,
        budget: Optional[DailyBudget] = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        rng: Optional[random.Random] = None,
        secrets: Sequence[str] = (),
        owned_clients: Sequence[Any] = (),
    ) -> None:
        self.providers = dict(providers)
        self.chains = {role: tuple(chain) for role, chain in chains.items()}
        self.policy = policy
        self.prices = prices or PriceTable.load(policy.price_file)
        self.budget = budget or DailyBudget(policy.daily_budget_usd)
        self.clock = clock
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.secrets = tuple(s for s in secrets if s)
        self.breakers = {name: CircuitBreaker(policy.breaker_failures, policy.breaker_reset_s, clock) for name in self.providers}
        self._owned_clients = list(owned_clients)
        self._limits: dict[str, asyncio.Semaphore] = {}

    @classmethod
    def from_settings(cls, settings: Settings, *, http_client: Any = None, **kwargs: Any) -> "Roles":
        """Adapters for every provider named in a chain, one pooled HTTP client per provider
        (or the injected ``http_client`` shared by all), pointed at real services or the
        simulator (see ``providers.registry``)."""
        ps = settings.providers
        chains = {role: parse_chain(getattr(ps, f"{role}_chain")) for role in ("teacher", "student", "critic", "faq")}
        names = dict.fromkeys(link.provider for chain in chains.values() for link in chain)
        providers, owned = {}, []
        for name in names:
            client = http_client
            needs_http = credential(name, settings) or (ps.simulator_url and ps.simulator_url != INPROCESS)
            if client is None and needs_http:
                client = http_client_for(name, settings)
                owned.append(client)
            providers[name] = build_provider(name, settings, client)
        return cls(providers, chains, ps, secrets=settings.secrets(), owned_clients=owned, **kwargs)

    def chain_for(self, role: str, chain: Optional[str] = None) -> tuple[Link, ...]:
        """``chain``: a chain name (teacher, student, critic, faq) or a literal
        "provider:model,..." spec; default: the role's own chain."""
        if chain is None:
            return self.chains[role]
        if ":" in chain:
            return parse_chain(chain)
        return self.chains[chain]

    def timeout_for(self, role: str) -> float:
        return self.policy.judge_timeout_s if role == "critic" else self.policy.timeout_s

    async def answer(self, role: str, question: Question, *, chain: Optional[str] = None) -> Candidate:
        """Exactly one Candidate for (question, role); never raises for provider failures."""
        started = time.perf_counter()
        try:
            links = self.chain_for(role, chain)
        except (KeyError, ConfigError) as exc:
            links = (Link("none", "none"),)
            log.error("question %s: no chain for role %r / chain %r: %s", question.question_id, role, chain, exc)
            return build_candidate(question, role, links, [], None, links, 0.0).replace(error=f"no provider chain for role {role!r} (chain {chain!r})")
        async with self._limit(role):
            completion, attempts, untried = await self._walk(links, prompt_for_question(question), self.timeout_for(role), self.policy.answer_deadline_s)
        candidate = build_candidate(question, role, links, attempts, completion, untried, (time.perf_counter() - started) * 1000.0)
        if not candidate.ok:
            log.info("question %s role %s: %s", question.question_id, role, candidate.error)
        return candidate

    async def judge(self, prompt: Prompt) -> tuple[Optional[Completion], list[Attempt]]:
        """The critic chain's completion (None when every provider failed) and every attempt;
        bounded by ``judge_deadline_s``. Never raises for provider failures."""
        completion, attempts, _ = await self._walk(self.chains["critic"], prompt, self.policy.judge_timeout_s, self.policy.judge_deadline_s)
        return completion, attempts

    async def aclose(self) -> None:
        for provider in self.providers.values():
            await provider.aclose()
        for client in self._owned_clients:
            await client.aclose()

    # --- the walk -----------------------------------------------------------------------

    def _limit(self, role: str) -> asyncio.Semaphore:
        if role not in self._limits:
            self._limits[role] = asyncio.Semaphore(max(1, self.policy.max_in_flight))
        return self._limits[role]

    async def _walk(self, links: Sequence[Link], prompt: Prompt, timeout_s: float, deadline_s: float) -> tuple[Optional[Completion], list[Attempt], list[Link]]:
        deadline = self.clock() + deadline_s
        attempts: list[Attempt] = []
        for i, link in enumerate(links):
            if self.clock() >= deadline:
                return None, attempts, list(links[i:])
            skipped = self._skip_reason(link)
            if skipped:
                attempts.append(self._skipped(link, skipped))
                continue
            attempt, completion = await self._call(link, prompt, timeout_s, deadline)
            attempts.append(attempt)
            if completion is not None:
                return completion, attempts, []
        return None, attempts, []

    def _skip_reason(self, link: Link) -> Optional[str]:
        if link.provider not in self.providers:
            return "error"
        if not self.budget.allows(link.provider):
            return "skipped_budget"
        if not self.breakers[link.provider].allow():
            return "skipped_breaker_open"
        return None

    def _skipped(self, link: Link, status: str) -> Attempt:
        error = f"provider {link.provider!r} is not configured" if status == "error" else status.removeprefix("skipped_").replace("_", " ")
        return Attempt(
            provider=link.provider, model=link.model, status=status, started_at=now_ms(), error=error,
            cost_usd=0.0, price_known=self.prices.price(link.provider, link.model) is not None,
            simulated=getattr(self.providers.get(link.provider), "simulated", False),
        )

    async def _call(self, link: Link, prompt: Prompt, timeout_s: float, deadline: float) -> tuple[Attempt, Optional[Completion]]:
        """One link with retries on 429/5xx; reports once to the provider's breaker."""
        provider, breaker = self.providers[link.provider], self.breakers[link.provider]
        started_at, t0, retries = now_ms(), time.perf_counter(), 0
        try:
            while True:
                try:
                    per_call = max(0.001, min(timeout_s, deadline - self.clock()))
                    completion = await provider.complete(link.model, prompt, timeout_s=per_call)
                except ProviderError as exc:
                    wait = self._retry_wait(exc, retries, deadline, breaker)
                    if wait is None:
                        self._report_failure(link, breaker)
                        return self._failed(link, exc, started_at, t0, retries, provider), None
                    retries += 1
                    await self.sleep(wait)
                    continue
                except Exception as exc:  # an adapter bug must not take the question down
                    self._report_failure(link, breaker)
                    log.exception("provider %s raised outside the ProviderError tree", link.provider)
                    return self._failed(link, ProviderError(link.provider, f"unexpected {type(exc).__name__}"), started_at, t0, retries, provider), None
                if breaker.opened_at is not None:
                    log.warning("circuit closed for provider %s: probe succeeded", link.provider)
                breaker.record_success()
                return self._succeeded(link, completion, started_at, t0, retries), completion
        except asyncio.CancelledError:
            breaker.release()
            raise

    def _report_failure(self, link: Link, breaker: CircuitBreaker) -> None:
        was_open = breaker.opened_at is not None
        breaker.record_failure()
        if not was_open and breaker.opened_at is not None:
            log.warning("circuit open for provider %s after %d consecutive failures; probing again in %gs",
                        link.provider, breaker.failures, breaker.reset_s)

    def _retry_wait(self, exc: ProviderError, retries: int, deadline: float, breaker: CircuitBreaker) -> Optional[float]:
        """Seconds to wait before retrying, or None to give up on this provider: not
        retryable, retries used up, a Retry-After beyond backoff_max_s, past the deadline."""
        if not isinstance(exc, RETRYABLE) or retries >= self.policy.max_retries:
            return None
        wait = retry_wait(retries + 1, getattr(exc, "retry_after_s", None), self.policy.backoff_base_s, self.policy.backoff_max_s, self.rng)
        if wait > self.policy.backoff_max_s or self.clock() + wait >= deadline:
            return None
        return wait

    def _failed(self, link: Link, exc: ProviderError, started_at: int, t0: float, retries: int, provider: Any) -> Attempt:
        message = redact(str(exc), self.secrets)
        log.debug("provider call failed: %s %s: %s", link, exc.status, message)
        price_known = self.prices.price(link.provider, link.model) is not None
        return Attempt(
            provider=link.provider, model=link.model, status=exc.status, started_at=started_at, error=message,
            cost_usd=0.0 if price_known else None, price_known=price_known,
            latency_ms=(time.perf_counter() - t0) * 1000.0, retries=retries, simulated=getattr(provider, "simulated", False),
        )

    def _succeeded(self, link: Link, completion: Completion, started_at: int, t0: float, retries: int) -> Attempt:
        cost = self.prices.cost(link.provider, link.model, completion.input_tokens, completion.output_tokens)
        self.budget.add(link.provider, cost)
        return Attempt(
            provider=link.provider, model=link.model, status="ok", started_at=started_at,
            input_tokens=completion.input_tokens, output_tokens=completion.output_tokens,
            cost_usd=cost, price_known=cost is not None,
            latency_ms=(time.perf_counter() - t0) * 1000.0, retries=retries, simulated=completion.simulated,
        )
