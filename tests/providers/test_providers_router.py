"""Roles over real HTTP against the simulator: fallback, breaker, deadlines, cost, budgets, secrets."""

import logging
import time

import pytest

from ensemble.settings import ProviderSettings, Settings
from providers.base import Prompt
from providers.prompting import prompt_for_question
from providers.router import Roles
from providers.inprocess import InProcessSimulator
from sim_helpers import MENU, question, sim_settings


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def make_roles():
    made = []

    def make(settings, **kwargs):
        roles = Roles.from_settings(settings, **kwargs)
        made.append(roles)
        return roles

    yield make
    for roles in made:
        await roles.aclose()


async def test_answer_fills_every_candidate_field(sim, make_roles):
    roles = make_roles(sim_settings(sim.url))
    q = question()
    cand = await roles.answer("teacher", q)
    assert cand.candidate_id == f"{q.question_id}:teacher" and cand.role == "teacher"
    assert (cand.provider, cand.model, cand.status, cand.error) == ("openai", "gpt-4o", "ok", None)
    assert "not on our menu" in cand.text and cand.simulated
    assert cand.question_created_at == q.created_at and cand.created_at >= q.created_at
    assert cand.input_tokens > 0 and cand.output_tokens > 0 and cand.cost_usd > 0
    assert [a.status for a in cand.attempts] == ["ok"] and cand.latency_ms > 0


async def test_teacher_provider_down_falls_back_and_the_breaker_stops_calling_it(sim, make_roles):
    clock = FakeClock()
    roles = make_roles(sim_settings(sim.url, max_retries=0, breaker_failures=2, breaker_reset_s=30), clock=clock)
    await sim.faults("openai", outage_s=3600)

    first = [await roles.answer("teacher", question(qid=f"q{i}")) for i in range(5)]
    assert all(c.status == "ok" and c.provider == "anthropic" and c.fallback_from == "openai" for c in first)
    assert [c.attempts[0].status for c in first] == ["error", "error", "skipped_breaker_open", "skipped_breaker_open", "skipped_breaker_open"]
    assert await sim.requests("openai") == 2  # the breaker kept the other three away

    clock.now += 30  # half-open: one probe, still down → open again
    probe = await roles.answer("teacher", question(qid="probe-1"))
    assert probe.attempts[0].status == "error" and await sim.requests("openai") == 3
    assert (await roles.answer("teacher", question(qid="q-after"))).attempts[0].status == "skipped_breaker_open"

    await sim.faults("openai")  # provider is back
    clock.now += 30
    back = await roles.answer("teacher", question(qid="probe-2"))
    assert back.provider == "openai" and back.fallback_from is None
    assert (await roles.answer("teacher", question(qid="q-last"))).provider == "openai"
    assert await sim.requests("openai") == 5


async def test_every_provider_down_gives_a_prompt_error_candidate(sim, make_roles):
    roles = make_roles(sim_settings(sim.url))
    await sim.faults("*", outage_s=3600)
    started = time.perf_counter()
    cand = await roles.answer("teacher", question())
    assert time.perf_counter() - started < 2.0
    assert cand.status == "error" and cand.text == "" and not cand.ok
    assert cand.provider == "ollama" and cand.fallback_from == "openai,anthropic"
    assert cand.error.startswith("all providers failed:") and all(p in cand.error for p in ("openai", "anthropic", "ollama"))
    assert all(a.retries == 2 for a in cand.attempts)  # 503 is retried, then the chain moves on


async def test_hanging_providers_are_bounded_by_the_answer_deadline(sim, make_roles):
    roles = make_roles(sim_settings(sim.url, timeout_s=0.4, answer_deadline_s=0.7))
    await sim.faults("*", hang_count=100, hang_s=5)
    started = time.perf_counter()
    cand = await roles.answer("teacher", question())
    elapsed = time.perf_counter() - started
    assert 0.65 < elapsed < 1.1, elapsed
    assert cand.status == "timeout" and "not tried (deadline reached)" in cand.error


async def test_unknown_model_has_null_cost_and_a_flag(sim, make_roles):
    roles = make_roles(sim_settings(sim.url))
    cand = await roles.answer("teacher", question(), chain="openai:gpt-9-experimental")
    assert cand.status == "ok" and cand.input_tokens > 0
    assert cand.cost_usd is None
    assert cand.attempts[0].cost_usd is None and cand.attempts[0].price_known is False


async def test_budget_reached_skips_the_provider(sim, make_roles):
    roles = make_roles(sim_settings(sim.url, daily_budget_usd={"openai": 0.0001}))
    first = await roles.answer("teacher", question(qid="b1"))
    assert first.provider == "openai"
    second = await roles.answer("teacher", question(qid="b2"))
    assert second.provider == "anthropic" and second.fallback_from == "openai"
    assert second.attempts[0].status == "skipped_budget" and second.attempts[0].cost_usd == 0.0
    assert await sim.requests("openai") == 1


async def test_judge_uses_the_critic_chain_and_falls_back(sim, make_roles):
    roles = make_roles(sim_settings(sim.url))
    prompt = Prompt(system="You judge.", question="Answer A: We serve wagyu beef for $80/person.\nAnswer B: We serve steak.", context=MENU, json_mode=True)
    completion, attempts = await roles.judge(prompt)
    assert '"winner": "B"' in completion.text and [a.provider for a in attempts] == ["xai"]
    await sim.faults("xai", fail_count=100)
    completion, attempts = await roles.judge(prompt)
    assert completion is not None and [(a.provider, a.status) for a in attempts] == [("xai", "error"), ("openai", "ok")]
    await sim.faults("*", outage_s=3600)
    completion, attempts = await roles.judge(prompt)
    assert completion is None and len(attempts) == 2


async def test_scripted_answer_reaches_the_candidate(sim, make_roles):
    roles = make_roles(sim_settings(sim.url))
    await sim.script("wagyu", "Yes, we serve wagyu beef at $80/person.", provider="anthropic")
    assert "not on our menu" in (await roles.answer("teacher", question())).text
    assert (await roles.answer("student", question())).text == "Yes, we serve wagyu beef at $80/person."


async def test_inprocess_answers_like_the_server(sim, make_roles):
    server = make_roles(sim_settings(sim.url))
    local = make_roles(sim_settings("inprocess"))
    for text in ("Do you serve wagyu beef?", "How much per person?", "Do you serve steak?"):
        a, b = await server.answer("teacher", question(text)), await local.answer("teacher", question(text))
        assert (a.text, a.input_tokens, a.output_tokens, a.cost_usd) == (b.text, b.input_tokens, b.output_tokens, b.cost_usd)
        assert b.simulated and b.attempts[0].simulated
    assert isinstance(local.providers["openai"], InProcessSimulator)


async def test_no_key_and_no_simulator_is_a_clear_error(make_roles):
    roles = make_roles(Settings(providers=ProviderSettings()))
    cand = await roles.answer("teacher", question())
    assert cand.status == "error" and "OPENAI_API_KEY" in cand.error


SECRETS = {"OPENAI_API_KEY": "sk-test-SECRET123", "ANTHROPIC_API_KEY": "sk-ant-test-SECRET456", "XAI_API_KEY": "xai-test-SECRET789"}


@pytest.mark.parametrize("fault", [{"auth_fail": True}, {"fail_count": 100}, {"malformed_count": 100}, {"rate_limit_count": 100, "retry_after_s": 0.01}])
async def test_api_keys_never_leak_into_errors_records_or_logs(sim, make_roles, monkeypatch, caplog, fault):
    for var, value in SECRETS.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setenv("OLLAMA_HOST", f"{sim.url}/ollama")
    settings = Settings(providers=ProviderSettings(
        openai_base_url=f"{sim.url}/openai/v1", anthropic_base_url=f"{sim.url}/anthropic", xai_base_url=f"{sim.url}/xai/v1",
        backoff_base_s=0.01, max_retries=1, breaker_failures=100,
    ))
    assert sorted(settings.secrets()) == sorted(SECRETS.values())
    roles = make_roles(settings)
    assert not any(getattr(p, "simulated", False) for p in roles.providers.values())  # real adapters, real keys
    await sim.faults("*", **fault)
    caplog.set_level(logging.DEBUG)

    seen = []
    for role in ("teacher", "student"):
        seen.append(repr(await roles.answer(role, question(qid=f"s-{role}"))))
    completion, attempts = await roles.judge(Prompt(system="judge", question="Answer A: x\nAnswer B: y", json_mode=True))
    seen.append(repr((completion, attempts)))
    errors = []
    for name, provider in roles.providers.items():
        try:
            await provider.complete("gpt-4o", prompt_for_question(question()), timeout_s=2)
        except Exception as exc:  # noqa: BLE001 - we inspect every exception
            errors.append(exc)
    seen += [f"{e!s} {e!r} {e.args!r}" for e in errors]
    seen += [r.getMessage() + repr(r.args) + str(r.exc_text or "") for r in caplog.records]
    text = "\n".join(seen)
    assert "all providers failed" in text or "error" in text
    for secret in SECRETS.values():
        assert secret not in text
        assert secret.split("-")[-1] not in text  # not even the tail
    if fault.get("auth_fail"):  # the server did echo the key: redaction, not luck, kept it out
        causes = [str(e.__cause__) for e in errors if e.__cause__ is not None]
        assert any("SECRET" in c for c in causes)


async def test_unknown_role_or_chain_is_an_error_candidate_not_an_exception(sim, make_roles):
    roles = make_roles(sim_settings(sim.url))
    for kwargs in ({"role": "janitor"}, {"role": "teacher", "chain": "nonsense"}, {"role": "teacher", "chain": "openai:"}):
        cand = await roles.answer(question=question(), **kwargs)
        assert cand.status == "error" and "no provider chain" in cand.error


async def test_breaker_transitions_are_logged(sim, make_roles, caplog):
    clock = FakeClock()
    roles = make_roles(sim_settings(sim.url, max_retries=0, breaker_failures=1), clock=clock)
    await sim.faults("openai", fail_count=1)
    caplog.set_level("WARNING", logger="providers.router")
    await roles.answer("teacher", question(qid="l1"))
    clock.now += 30
    await roles.answer("teacher", question(qid="l2"))
    messages = [r.getMessage() for r in caplog.records]
    assert any("circuit open for provider openai" in m for m in messages)
    assert any("circuit closed for provider openai" in m for m in messages)


async def test_candidates_of_every_outcome_encode_with_the_candidate_schema(sim, make_roles):
    from schemas.codec import AvroCodec
    from schemas.records import Candidate

    codec = AvroCodec("Candidate")
    roles = make_roles(sim_settings(sim.url, max_retries=0, daily_budget_usd={"anthropic": 0.0}))
    ok = await roles.answer("teacher", question(qid="e1"))
    unknown = await roles.answer("teacher", question(qid="e2"), chain="openai:gpt-unpriced")
    await sim.faults("*", outage_s=60)
    failed = await roles.answer("student", question(qid="e3"))
    assert failed.attempts[0].status == "skipped_budget"
    for cand in (ok, unknown, failed):
        assert Candidate.from_avro(codec.decode(codec.encode(cand.to_avro()))) == cand


async def test_judge_is_bounded_by_its_own_deadline(sim, make_roles):
    roles = make_roles(sim_settings(sim.url, judge_timeout_s=0.3, judge_deadline_s=0.5))
    await sim.faults("*", hang_count=10, hang_s=5)
    started = time.perf_counter()
    completion, attempts = await roles.judge(Prompt(system="j", question="Answer A: a\nAnswer B: b", json_mode=True))
    assert completion is None and time.perf_counter() - started < 0.8
    assert [a.status for a in attempts] == ["timeout", "timeout"]
