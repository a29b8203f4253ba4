"""The one settings object.

Every knob is read here and nowhere else: environment variables with the ``ENSEMBLE_``
prefix (nested sections use ``__``, e.g. ``ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS``), plus the
providers' standard key names (``OPENAI_API_KEY``, ``ANTHROPIC_API_KEY``, ``XAI_API_KEY``,
``OLLAMA_HOST``). Defaults suit the embedded setup: the local Tansu broker and an embedded
chdb ClickHouse under ``data_dir``. API keys are ``SecretStr``: they print as ``**********``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_frozen = ConfigDict(frozen=True, extra="forbid")


class KafkaSettings(BaseModel):
    """Kafka topics and client tuning. Defaults suit the local Tansu broker."""

    model_config = _frozen

    bootstrap_servers: Optional[str] = Field(
        None, description="host:port[,host:port]. Unset: `ensemble run` starts the local Tansu broker."
    )
    local_port: int = Field(19092, description="Port of the local Tansu broker started when bootstrap_servers is unset.")
    app_id: str = Field("llm-ensemble", description="Faust app id = consumer group id.")
    topic_questions: str = Field("questions", description="Where the chat frontend produces questions (key: question_id; Avro or JSON).")
    topic_candidates: str = Field("candidates", description="One answer per (question, role); co-partitioned with questions.")
    topic_verdicts: str = Field("verdicts", description="One verdict per question (key: question_id) for downstream consumers.")
    topic_escalations: str = Field("escalations", description="Copies of the verdicts a human must take over.")
    topic_dead_letters: str = Field("dead-letters", description="Records that could not be decoded or processed, with the cause.")
    partitions: int = Field(4, description="Partitions for every topic the app creates (questions and candidates must match: they are joined).")
    replication_factor: int = Field(1, description="Replication of the topics the app creates (3 on a production cluster).")
    fetch_max_wait_ms: int = Field(
        5, description="Consumer fetch wait. Faust hard-codes 1500 ms; Tansu holds a fetch open that long, so every hop costs ~1.1 s. 5 ms gives ~4 ms per hop here (use ~100 on Apache Kafka, which answers as soon as data arrives)."
    )
    sink_fetch_max_wait_ms: int = Field(
        200, description="Fetch wait of the sink part's consumer. Rows need no millisecond latency, and polling the broker every few ms costs CPU: in the benchmark the sink and Tansu each spent ~1 ms per question on polls at 5 ms."
    )
    producer_linger_ms: int = Field(1, description="Producer batching delay (1 ms measured best here: 0 halves throughput, 2 adds latency).")
    producer_acks: str = Field("all", description="-1/all, 1 or 0.")
    session_timeout_s: float = Field(
        6.0, description="Consumer group session timeout. A group join on Tansu takes half of it."
    )
    heartbeat_interval_s: float = Field(1.0, description="Consumer heartbeat interval.")
    commit_interval_s: float = Field(0.5, description="How often acked offsets are committed.")
    max_poll_records: int = Field(1000, description="Records per consumer poll.")
    schema_registry_url: Optional[str] = Field(
        None, description="Confluent Schema Registry URL. Set: Confluent framing (magic byte + schema id). Unset: Avro single-object encoding."
    )


class ClickHouseSettings(BaseModel):
    """Where decisions are stored."""

    model_config = _frozen

    url: Optional[str] = Field(
        None, description="http(s)://user:password@host:8123 of a ClickHouse server. Unset: embedded chdb under data_dir/clickhouse."
    )
    database: str = Field("ai", description="Database holding chat_message, llm_call, training_signal and the views.")
    batch_size: int = Field(1000, description="Rows per insert (inserts cost >= 8 ms each on chdb, so batch).")
    batch_seconds: float = Field(0.2, description="Longest wait to fill a batch.")
    sql_port: int = Field(
        18123, description="Loopback port where a running worker answers `ensemble sql` (it owns the chdb directory)."
    )


class CriticSettings(BaseModel):
    """How the critic decides."""

    model_config = _frozen

    escalate_below: float = Field(0.7, ge=0.0, le=1.0, description="consensus_score below this escalates to a human.")
    trust_above: float = Field(0.9, ge=0.0, le=1.0, description="consensus_score at or above this is high confidence (not below escalate_below).")
    deadline_s: float = Field(
        20.0, description="How long the critic waits, after it first sees a question, for missing candidates; then it publishes a timeout candidate per missing role (through the candidates topic, so replays agree) and decides."
    )
    deadline_backlog_s: float = Field(
        120.0, ge=0.0, description="When deadline_s passes while the critic still has unread records on the question's candidates partition (the critic is behind, as in a burst), it waits up to this much longer for them before publishing timeout candidates; 0 publishes at deadline_s."
    )
    knowledge_file: Optional[Path] = Field(
        None, description="Business knowledge file (JSON) with facts every question shares; question context wins on conflict."
    )
    use_llm_judge: bool = Field(True, description="Ask the critic role's model when the deterministic stage is unsure.")
    safe_reply: str = Field(
        "Thanks for your question! I want to make sure you get an accurate answer, so a member of our team will follow up with you shortly.",
        description="What the customer is told when no candidate is acceptable.",
    )
    safe_replies: dict[str, str] = Field(
        {
            "es": "¡Gracias por tu pregunta! Queremos darte una respuesta exacta, así que un miembro de nuestro equipo te contactará en breve.",
            "fr": "Merci pour votre question ! Pour vous donner une réponse exacte, un membre de notre équipe vous recontactera très vite.",
            "pt": "Obrigado pela sua pergunta! Para lhe dar uma resposta exata, um membro da nossa equipe entrará em contato em breve.",
        },
        description="safe_reply in other languages, by language code (a JSON object in the environment); chosen by the question's locale, or by its text when the locale is 'en'.",
    )

    def safe_reply_for(self, locale: str, text: str) -> str:
        """The safe reply in the customer's language (``safe_reply`` when none is configured for it)."""
        from streams.critic.language import language_of

        lang = (locale or "").replace("_", "-").split("-")[0].lower()
        if lang in ("", "en"):
            lang = language_of(text)
        return self.safe_replies.get(lang, self.safe_reply)

    @model_validator(mode="after")
    def _ordered_thresholds(self) -> "CriticSettings":
        if self.trust_above < self.escalate_below:
            raise ValueError(f"trust_above ({self.trust_above:g}) is below escalate_below ({self.escalate_below:g})")
        return self


class ProviderSettings(BaseModel):
    """Which model plays which role, with fallbacks, timeouts, retries, prices and budgets."""

    model_config = _frozen

    teacher_chain: str = Field("openai:gpt-4o,anthropic:claude-sonnet-4-6,ollama:llama3.1", description="provider:model, in fallback order.")
    student_chain: str = Field("anthropic:claude-sonnet-4-6,openai:gpt-4o,ollama:llama3.1", description="provider:model, in fallback order.")
    critic_chain: str = Field("xai:grok-2,openai:gpt-4o", description="provider:model for the LLM judge, in fallback order.")
    faq_chain: str = Field("ollama:llama3.1,openai:gpt-4o-mini", description="Cheap chain that alone answers simple FAQ.")
    timeout_s: float = Field(15.0, description="Per-call timeout, well under Faust's commit-stall limits.")
    judge_timeout_s: float = Field(10.0, description="Per-call timeout for the judge.")
    max_retries: int = Field(2, description="Retries per call on 429/5xx, with exponential backoff and jitter.")
    backoff_base_s: float = Field(0.2, description="First retry delay; doubles per retry, with jitter (Retry-After wins on 429).")
    backoff_max_s: float = Field(5.0, description="Longest retry delay.")
    breaker_failures: int = Field(5, description="Consecutive failures that open a provider's circuit.")
    breaker_reset_s: float = Field(30.0, description="Open time before a half-open probe.")
    price_file: Optional[Path] = Field(None, description="JSON price table overriding the shipped one (USD per million tokens).")
    daily_budget_usd: dict[str, float] = Field(default_factory=dict, description="Optional daily cap per provider, e.g. {\"openai\": 50}.")
    max_in_flight: int = Field(256, description="Questions answered concurrently per role per worker.")
    answer_deadline_s: float = Field(
        18.0, description="Longest a role's whole fallback walk may take (all retries and hops), below the critic's deadline_s."
    )
    judge_deadline_s: float = Field(12.0, description="Longest Roles.judge may take along critic_chain (all retries and hops).")
    simulator_url: Optional[str] = Field(
        None, description="Base URL of the loopback simulator. Unset and no API key: `ensemble run` starts one."
    )
    simulator_port: int = Field(18400, description="Port of the simulator `ensemble run` starts.")
    simulator_latency_ms: float = Field(0.0, description="Mean latency the started simulator adds per call.")
    simulator_hallucination_rate: float = Field(0.2, description="Share of simulated answers with an injected hallucination.")
    simulator_seed: int = Field(7, description="Seed of the simulator's injected hallucinations (same question, same answer).")
    openai_base_url: Optional[str] = Field(None, description="Override the OpenAI API base URL (e.g. an Azure or proxy endpoint).")
    anthropic_base_url: Optional[str] = Field(None, description="Override the Anthropic API base URL.")
    xai_base_url: str = Field("https://api.x.ai/v1", description="xAI (Grok) OpenAI-compatible API base URL.")

    @field_validator("teacher_chain", "student_chain", "critic_chain", "faq_chain")
    @classmethod
    def _valid_chain(cls, value: str) -> str:
        """Checked when the settings load, so a typo stops `ensemble run` before anything starts."""
        from providers.chains import parse_chain
        from providers.registry import KNOWN_PROVIDERS

        try:
            links = parse_chain(value)
        except Exception as exc:
            raise ValueError(f"{exc}; e.g. 'openai:gpt-4o,anthropic:claude-sonnet-4-6'") from None
        unknown = sorted({link.provider for link in links} - set(KNOWN_PROVIDERS))
        if unknown:
            raise ValueError(f"unknown provider {', '.join(unknown)}; known: {', '.join(KNOWN_PROVIDERS)}")
        return value


class Settings(BaseSettings):
    """Everything the worker, the CLI and the tests read."""

    model_config = SettingsConfigDict(
        env_prefix="ENSEMBLE_", env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    data_dir: Path = Field(Path(".ensemble"), description="Where the embedded ClickHouse and runtime files live.")
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR.")
    max_question_chars: int = Field(8000, description="Longer questions are dead-lettered as too_large.")
    max_context_chars: int = Field(65536, description="Larger question contexts (keys and values together) are dead-lettered as too_large.")
    max_clock_skew_s: float = Field(300.0, description="A question whose created_at is further ahead of this clock is dead-lettered as invalid.")
    max_dead_letter_bytes: int = Field(65536, description="Raw value kept in a dead letter; longer values are truncated and flagged.")

    kafka: KafkaSettings = KafkaSettings()
    clickhouse: ClickHouseSettings = ClickHouseSettings()
    critic: CriticSettings = CriticSettings()
    providers: ProviderSettings = ProviderSettings()

    openai_api_key: Optional[SecretStr] = Field(None, description="OpenAI key (teacher GPT-4o). Unset: the simulator answers as openai.", validation_alias=AliasChoices("OPENAI_API_KEY", "ENSEMBLE_OPENAI_API_KEY"))
    anthropic_api_key: Optional[SecretStr] = Field(None, description="Anthropic key (student Claude).", validation_alias=AliasChoices("ANTHROPIC_API_KEY", "ENSEMBLE_ANTHROPIC_API_KEY"))
    xai_api_key: Optional[SecretStr] = Field(None, description="xAI key (critic Grok).", validation_alias=AliasChoices("XAI_API_KEY", "ENSEMBLE_XAI_API_KEY"))
    ollama_host: Optional[str] = Field(None, description="Ollama base URL for the local Llama, e.g. http://localhost:11434.", validation_alias=AliasChoices("OLLAMA_HOST", "ENSEMBLE_OLLAMA_HOST"))

    def question_limits(self) -> dict[str, int]:
        """The keyword limits of ``schemas.records.validate_question`` beyond ``max_question_chars``."""
        return {"max_context_chars": self.max_context_chars, "max_future_ms": int(self.max_clock_skew_s * 1000)}

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.upper() not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("expected DEBUG, INFO, WARNING or ERROR")
        return value.upper()

    @property
    def any_real_provider(self) -> bool:
        """True when at least one real provider is configured (an API key or an Ollama host)."""
        return any([self.openai_api_key, self.anthropic_api_key, self.xai_api_key, self.ollama_host])

    def secrets(self) -> list[str]:
        """Raw secret values, for redaction filters and the leak test only."""
        keys = [self.openai_api_key, self.anthropic_api_key, self.xai_api_key]
        return [k.get_secret_value() for k in keys if k and k.get_secret_value()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()


def settings_error_lines(exc: Exception) -> list[str]:
    """One line per invalid setting, naming its environment variable (for the CLI, instead of a traceback)."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):  # pydantic-settings' SettingsError: a section's value that is not the JSON it needs
        return [f"{exc}: a map setting takes JSON, e.g. ENSEMBLE_PROVIDERS__DAILY_BUDGET_USD='{{\"openai\": 50}}'"]
    lines = []
    for err in errors():
        loc = [str(part) for part in err.get("loc", ())]
        name = "ENSEMBLE_" + "__".join(part.upper() for part in loc) if loc else "a setting"
        lines.append(f"{name}={err.get('input')!r}: {err.get('msg')}")
    return lines
