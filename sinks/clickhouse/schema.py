"""Idempotent DDL for the ``ai`` database: safe to run at every start, by every worker.

Tables are ``ReplacingMergeTree(inserted_at)`` keyed by a deterministic id, so a replayed
record replaces its earlier copy instead of adding a row. Replacement happens when parts merge,
at an unknown later time: until then a plain ``count()`` can see both copies. Read through
``FINAL`` (or the ``*_final`` views and the cost views, which do) for exact figures.

Tables use ``CREATE ... IF NOT EXISTS``; views use ``CREATE OR REPLACE VIEW`` so that a newer
release updates their definition on start (a view holds no data, replacing it loses nothing).
Nested columns are created with ``flatten_nested = 1``: ``hallucinations`` becomes the arrays
``hallucinations.candidate_id``, ``hallucinations.claim``, ... that ``ARRAY JOIN`` unrolls.
"""

from __future__ import annotations

import re

DDL_SETTINGS = {"flatten_nested": 1}

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

_TS = "DateTime64(3, 'UTC')"

CHAT_MESSAGE = f"""
CREATE TABLE IF NOT EXISTS {{db}}.chat_message
(
    question_id String COMMENT 'The question decided; also the verdict id (deduplication key)',
    conversation_id String,
    agent_name LowCardinality(String),
    question_text String,
    response String COMMENT 'What the customer was told',
    chosen_candidate_id Nullable(String) COMMENT 'NULL when a safe reply was used',
    chosen_role LowCardinality(Nullable(String)),
    provider_used LowCardinality(Nullable(String)),
    model_used LowCardinality(Nullable(String)),
    fallback_from Nullable(String),
    consensus_score Float64,
    confidence LowCardinality(String) COMMENT 'high, medium or low',
    escalate Bool,
    escalation_reasons Array(String),
    decided_by LowCardinality(String) COMMENT 'agreement, critic, single, fallback or none',
    hallucination_count UInt16,
    hallucinations Nested(candidate_id String, role String, claim String, reason String),
    alternative_responses Nested(candidate_id String, role String, provider String, model String, text String, status String),
    critic_method LowCardinality(String),
    critic_agreement Float64,
    critic_claims_checked UInt32,
    critic_claims_supported UInt32,
    critic_judge_used Bool,
    critic_judge_calls UInt16,
    critic_summary String,
    critic_details_json String,
    candidates_expected UInt16,
    candidates_received UInt16,
    total_cost_usd Nullable(Float64) COMMENT 'NULL when any call of the question has no known price',
    latency_ms Float64,
    simulated Bool,
    decided_at {_TS},
    published_at Nullable({_TS}) COMMENT 'Wall clock when the critic published the verdict (its Kafka timestamp)',
    inserted_at {_TS} DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(decided_at)
ORDER BY question_id
"""

# Columns added after a release: a table created by an older release gets them on start.
ADDED_COLUMNS = [
    f"ALTER TABLE {{db}}.chat_message ADD COLUMN IF NOT EXISTS published_at Nullable({_TS}) AFTER decided_at",
]

LLM_CALL = f"""
CREATE TABLE IF NOT EXISTS {{db}}.llm_call
(
    call_id String COMMENT '<candidate_id>:attempt:<n>:<started_at> or <verdict_id>:judge:<n>:<started_at>',
    question_id String,
    conversation_id String,
    agent_name LowCardinality(String),
    role LowCardinality(String) COMMENT 'teacher, student or critic',
    source_id String COMMENT 'candidate_id, or verdict_id for judge calls',
    attempt_index UInt16,
    provider LowCardinality(String),
    model LowCardinality(String),
    status LowCardinality(String) COMMENT 'ok, error, timeout, rate_limited, skipped_breaker_open, skipped_budget',
    error Nullable(String),
    input_tokens UInt32,
    output_tokens UInt32,
    cost_usd Nullable(Float64) COMMENT 'NULL when the model has no known price (never a silent 0)',
    price_known Bool COMMENT 'false = unknown price',
    latency_ms Float64,
    retries UInt16,
    fallback_from Nullable(String),
    simulated Bool,
    started_at {_TS},
    inserted_at {_TS} DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(started_at)
ORDER BY (question_id, call_id)
"""

TRAINING_SIGNAL = f"""
CREATE TABLE IF NOT EXISTS {{db}}.training_signal
(
    question_id String,
    conversation_id String,
    agent_name LowCardinality(String),
    prompt String COMMENT 'The customer question',
    chosen String COMMENT 'Chosen candidate answer; empty when a safe reply was used',
    chosen_candidate_id Nullable(String),
    chosen_role LowCardinality(Nullable(String)),
    chosen_provider LowCardinality(Nullable(String)),
    chosen_model LowCardinality(Nullable(String)),
    chosen_hallucinated Bool,
    rejected String COMMENT 'Best rejected answer (a hallucinating one first); empty when none',
    rejected_candidate_id Nullable(String),
    rejected_role LowCardinality(Nullable(String)),
    rejected_provider LowCardinality(Nullable(String)),
    rejected_model LowCardinality(Nullable(String)),
    rejected_hallucinated Bool,
    is_preference_pair Bool COMMENT 'chosen and rejected both present and different',
    rejected_responses Nested(candidate_id String, role String, provider String, model String, text String, status String, hallucinated Bool),
    consensus_score Float64,
    confidence LowCardinality(String),
    decided_by LowCardinality(String),
    escalate Bool,
    escalation_reasons Array(String),
    hallucination_count UInt16,
    hallucinated_candidate_ids Array(String),
    hallucinated_claims Array(String),
    critic_method LowCardinality(String),
    critic_agreement Float64,
    critic_claims_checked UInt32,
    critic_claims_supported UInt32,
    critic_judge_used Bool,
    critic_summary String,
    simulated Bool,
    decided_at {_TS},
    inserted_at {_TS} DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(inserted_at)
PARTITION BY toYYYYMM(decided_at)
ORDER BY question_id
"""

_FINAL_VIEWS = [
    f"CREATE OR REPLACE VIEW {{db}}.{table}_final AS SELECT * FROM {{db}}.{table} FINAL"
    for table in ("chat_message", "llm_call", "training_signal")
]

# Skips made no call: they are counted apart and never flagged as unknown price.
COST_PER_PROVIDER_DAY = """
CREATE OR REPLACE VIEW {db}.cost_per_provider_day AS
SELECT
    toDate(started_at) AS day,
    provider,
    countIf(status NOT LIKE 'skipped%') AS calls,
    countIf(status = 'ok') AS ok_calls,
    countIf(status LIKE 'skipped%') AS skipped_calls,
    sum(c.input_tokens) AS input_tokens,
    sum(c.output_tokens) AS output_tokens,
    sum(c.input_tokens + c.output_tokens) AS tokens,
    round(sum(c.cost_usd), 8) AS cost_usd,  -- rounded: float sums print as 0.011661000000000001
    countIf(NOT price_known AND status NOT LIKE 'skipped%') AS unknown_price_calls
FROM {db}.llm_call AS c FINAL
GROUP BY day, provider
ORDER BY day, provider
"""

COST_PER_CHAT = """
CREATE OR REPLACE VIEW {db}.cost_per_chat AS
SELECT
    conversation_id,
    uniqExact(question_id) AS questions,
    countIf(status NOT LIKE 'skipped%') AS calls,
    sum(c.input_tokens + c.output_tokens) AS tokens,
    round(sum(c.cost_usd), 8) AS cost_usd,  -- rounded: float sums print as 0.011661000000000001
    countIf(NOT price_known AND status NOT LIKE 'skipped%') AS unknown_price_calls,
    min(started_at) AS first_call_at,
    max(started_at) AS last_call_at
FROM {db}.llm_call AS c FINAL
GROUP BY conversation_id
"""

PREFERENCE_PAIRS = """
CREATE OR REPLACE VIEW {db}.preference_pairs AS
SELECT question_id, agent_name, prompt, chosen, rejected, chosen_provider, chosen_model,
       rejected_provider, rejected_model, rejected_hallucinated, consensus_score, simulated, decided_at
FROM {db}.training_signal FINAL
WHERE is_preference_pair AND NOT escalate AND NOT chosen_hallucinated
"""

TABLES = ("chat_message", "llm_call", "training_signal")
VIEWS = ("chat_message_final", "llm_call_final", "training_signal_final",
         "cost_per_provider_day", "cost_per_chat", "preference_pairs")


def check_identifier(name: str) -> str:
    """``name`` unchanged when it is a plain SQL identifier; ValueError otherwise."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"{name!r} is not a plain identifier (letters, digits, underscore)")
    return name


def schema_statements(database: str) -> list[str]:
    """Every statement creating ``database``, its tables and views, in dependency order."""
    db = check_identifier(database)
    bodies = [CHAT_MESSAGE, LLM_CALL, TRAINING_SIGNAL, *ADDED_COLUMNS, *_FINAL_VIEWS,
              COST_PER_PROVIDER_DAY, COST_PER_CHAT, PREFERENCE_PAIRS]
    return [f"CREATE DATABASE IF NOT EXISTS {db}"] + [b.format(db=db).strip() for b in bodies]
