import json

import pytest

from ensemble.errors import ConfigError
from providers.budget import DailyBudget
from providers.chains import Link, parse_chain
from providers.http_errors import error_for_status, parse_retry_after
from providers.base import AuthError, ProviderUnavailable, RateLimited, redact
from providers.outcome import fallback_from, failure_status, total_cost
from providers.pricing import PriceTable
from schemas.records import Attempt


@pytest.mark.parametrize("model,expected", [
    ("gpt-4o", (2.5, 10.0)), ("gpt-4o-mini", (0.15, 0.60)), ("claude-sonnet-4-5", (3.0, 15.0)),
    ("grok-2", (2.0, 10.0)), ("llama3.1", (0.0, 0.0)),
])
def test_shipped_prices(model, expected):
    price = PriceTable.load().price("any", model)
    assert (price.input_per_mtok, price.output_per_mtok) == expected


def test_cost_is_tokens_times_price_per_million():
    table = PriceTable.load()
    assert table.cost("openai", "gpt-4o", 1_000_000, 1_000_000) == pytest.approx(12.5)
    assert table.cost("openai", "gpt-4o", 120, 30) == pytest.approx((120 * 2.5 + 30 * 10) / 1e6)
    assert table.cost("ollama", "llama3.1", 500, 500) == 0.0


def test_unknown_model_has_no_cost_not_zero():
    assert PriceTable.load().cost("openai", "gpt-9-turbo", 100, 100) is None


def test_override_file_wins_entry_by_entry(tmp_path):
    f = tmp_path / "prices.json"
    f.write_text(json.dumps({"models": {"gpt-4o": {"input_per_mtok": 1, "output_per_mtok": 2}, "ollama:llama3.1": {"input_per_mtok": 0.1, "output_per_mtok": 0.1}}}))
    table = PriceTable.load(f)
    assert table.cost("openai", "gpt-4o", 1_000_000, 0) == 1.0
    assert table.cost("ollama", "llama3.1", 1_000_000, 0) == pytest.approx(0.1)  # provider:model first
    assert table.cost("other", "llama3.1", 1_000_000, 0) == 0.0
    assert table.cost("anthropic", "claude-sonnet-4-5", 1_000_000, 0) == 3.0


@pytest.mark.parametrize("body", ["not json", "[]", '{"models": {"x": {"input_per_mtok": "a"}}}', '{"models": {"x": {"input_per_mtok": -1, "output_per_mtok": 1}}}'])
def test_bad_price_file_is_a_config_error(tmp_path, body):
    f = tmp_path / "p.json"
    f.write_text(body)
    with pytest.raises(ConfigError):
        PriceTable.load(f)


def test_budget_skips_after_the_cap_and_resets_the_next_utc_day():
    now = [1_800_000_000.0]
    budget = DailyBudget({"openai": 1.0}, clock=lambda: now[0])
    assert budget.allows("openai") and budget.allows("anthropic")
    budget.add("openai", 0.6)
    assert budget.allows("openai")
    budget.add("openai", 0.4)
    assert not budget.allows("openai") and budget.allows("anthropic")
    budget.add("openai", None)  # unknown cost adds nothing
    now[0] += 86_400
    assert budget.allows("openai") and budget.spent_today("openai") == 0.0


def test_chains_parse_in_order_and_keep_colons_in_models():
    assert parse_chain("openai:gpt-4o, ollama:llama3.1:8b") == (Link("openai", "gpt-4o"), Link("ollama", "llama3.1:8b"))
    for bad in ("", "openai", "openai:", ":gpt-4o"):
        with pytest.raises(ConfigError):
            parse_chain(bad)


@pytest.mark.parametrize("headers,expected", [
    ({"retry-after": "2"}, 2.0), ({"retry-after-ms": "1500", "retry-after": "9"}, 1.5),
    ({"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}, 0.0), ({"retry-after": "soon"}, None), ({}, None), (None, None),
])
def test_retry_after_parsing(headers, expected):
    assert parse_retry_after(headers) == expected


def test_retry_after_http_date_in_the_future():
    assert parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}, now=1445412480.0) == pytest.approx(10.0)


@pytest.mark.parametrize("status,kind", [(401, AuthError), (403, AuthError), (429, RateLimited), (500, ProviderUnavailable), (503, ProviderUnavailable), (529, ProviderUnavailable)])
def test_status_mapping(status, kind):
    assert type(error_for_status("p", status, "m")) is kind


def test_redaction_of_given_secrets_and_key_shaped_strings():
    assert redact("bad key sk-test-SECRET123 and xai-abcdefgh123", ["sk-test-SECRET123"]) == "bad key *** and xai-***"
    assert redact("Incorrect API key provided: sk-proj-abcdefghijk") == "Incorrect API key provided: sk-***"


def _a(provider, status="error", cost=0.0):
    return Attempt(provider=provider, model="m", status=status, started_at=0, cost_usd=cost)


def test_outcome_helpers():
    assert fallback_from([_a("openai"), _a("openai"), _a("anthropic"), _a("ollama", "ok")]) == "openai,anthropic"
    assert fallback_from([_a("ollama", "ok")]) is None
    assert total_cost([_a("a", cost=0.1), _a("b", cost=0.2)]) == pytest.approx(0.3)
    assert total_cost([_a("a", cost=0.1), _a("b", cost=None)]) is None
    assert failure_status([_a("a", "timeout"), _a("b", "skipped_breaker_open")]) == "timeout"
    assert failure_status([_a("a", "timeout"), _a("b", "error")]) == "error"
    assert failure_status([_a("a", "skipped_budget")]) == "error"
