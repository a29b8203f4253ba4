"""The Faust app, built from the one settings object.

``build_app(settings, bootstrap, part)`` returns a ready app for one part of the pipeline:

    serve:  questions ──► teacher, student (agents_topics.answerers) ──► candidates
            questions + candidates ──► critic (streams.critic_join) ──► verdicts (+ escalations)
    sink:   verdicts + candidates ──► ClickHouse (sinks.agent)
    both:   anything undecodable ──► dead-letters

The two parts are separate consumer groups (the sink's app id gets a ``-sink`` suffix) and
normally separate processes (``ensemble run`` starts both): ClickHouse being slow or down
never delays a verdict, and each part uses its own core.

Kafka settings map explicitly onto ``faust.App``; nothing is read from the environment here.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Optional

import faust

from agents_topics.dead_letters import DeadLetters
from agents_topics.topics import TopicNames
from agents_topics.transport import TunedTransport
from ensemble.errors import ConfigError
from ensemble.settings import Settings
from schemas.codec import AvroCodec, SchemaRegistry

log = logging.getLogger(__name__)


class EnsembleApp(faust.App):
    """faust.App whose consumer honours our fetch wait (see agents_topics.transport)."""

    fetch_max_wait_ms: int = 1500

    def _new_transport(self) -> Any:
        return TunedTransport(self.conf.broker_consumer, self)


class Pipeline:
    """Everything the agents share: settings, topics, codecs and the clients opened at start."""

    def __init__(self, settings: Settings, bootstrap: str, app_id: Optional[str] = None, sink_part: bool = False) -> None:
        self.settings = settings
        self.names = TopicNames.from_settings(settings.kafka)
        self.app = _faust_app(settings, bootstrap, app_id or settings.kafka.app_id, sink_part)
        registry = SchemaRegistry(settings.kafka.schema_registry_url) if settings.kafka.schema_registry_url else None
        self.codecs = {
            name: AvroCodec(name, registry=registry, subject=f"{topic}-value")
            for name, topic in [("Question", self.names.questions), ("Candidate", self.names.candidates),
                                ("Verdict", self.names.verdicts), ("DeadLetter", self.names.dead_letters)]
        }
        self.escalation_codec = AvroCodec("Verdict", registry=registry, subject=f"{self.names.escalations}-value")
        raw = dict(key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw")
        self.questions = self.app.topic(self.names.questions, **raw)
        self.candidates = self.app.topic(self.names.candidates, **raw)
        self.verdicts = self.app.topic(self.names.verdicts, **raw)
        self.escalations = self.app.topic(self.names.escalations, **raw)
        self.dead_letter_topic = self.app.topic(self.names.dead_letters, **raw)
        self.questions_and_candidates = self.app.topic(self.names.questions, self.names.candidates, **raw)
        self.dead_letters = DeadLetters(self.dead_letter_topic, self.codecs["DeadLetter"], settings.max_dead_letter_bytes)
        # One thread owns every blocking client call (chdb is not thread-safe).
        self.blocking = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ensemble-io")
        self.roles: Any = None  # providers.router.Roles, opened by the Resources service
        self.store: Any = None  # sinks.clickhouse.store.ClickHouseStore
        self.on_verdict: Optional[Callable[[Any], None]] = None
        self.knowledge = _load_knowledge(settings)
        from agents_topics.answerers import DecodedQuestions

        self.decoded_questions = DecodedQuestions()


def _load_knowledge(settings: Settings) -> dict[str, str]:
    """Facts every question shares (critic.knowledge_file), read once at start; the teacher,
    the student and the critic all see them merged under each question's own context."""
    if not settings.critic.knowledge_file:
        return {}
    from streams.critic import load_knowledge

    try:
        facts = load_knowledge(settings.critic.knowledge_file)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    log.info("%d shared business facts from %s", len(facts), settings.critic.knowledge_file)
    return facts


def _faust_app(settings: Settings, bootstrap: str, app_id: str, sink_part: bool = False) -> EnsembleApp:
    k = settings.kafka
    (settings.data_dir / "faust").mkdir(parents=True, exist_ok=True)  # Faust creates only the last level
    app = EnsembleApp(
        app_id,
        broker=[f"kafka://{b.strip()}" for b in bootstrap.split(",")],
        store="memory://",
        datadir=str(settings.data_dir / "faust" / app_id),
        topic_partitions=k.partitions,
        topic_replication_factor=k.replication_factor,
        topic_disable_leader=True,
        consumer_auto_offset_reset="earliest",
        producer_linger_ms=k.producer_linger_ms,
        producer_acks=k.producer_acks,
        broker_session_timeout=k.session_timeout_s,
        broker_heartbeat_interval=k.heartbeat_interval_s,
        broker_request_timeout=max(30.0, k.session_timeout_s * 2),
        broker_commit_interval=k.commit_interval_s,
        broker_max_poll_records=k.max_poll_records,
        # Questions wait in the join for their candidates before they are acked; that is not a livelock.
        broker_commit_livelock_soft_timeout=3600.0,
        stream_buffer_maxsize=8192,
        # Shutdown must not wait for every event to be acked: the join holds undecided
        # questions unacked on purpose, and whatever is unacked is replayed after a restart.
        stream_wait_empty=False,
        web_enabled=False,
        worker_redirect_stdouts=False,
    )
    app.fetch_max_wait_ms = k.sink_fetch_max_wait_ms if sink_part else k.fetch_max_wait_ms
    return app


PARTS = ("serve", "sink", "all")


def build_app(settings: Settings, bootstrap: str, *, part: str = "all", echo: bool = False) -> Pipeline:
    """A Pipeline whose app has the agents and services of `part` (serve, sink or all)."""
    from agents_topics.answerers import register_answerers
    from agents_topics.resources import register_resources
    from sinks.agent import register_sink
    from streams.critic_join import register_critic

    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, got {part!r}")
    serve, sink = part in ("serve", "all"), part in ("sink", "all")
    pipeline = Pipeline(settings, bootstrap, app_id=settings.kafka.app_id + ("-sink" if part == "sink" else ""),
                        sink_part=part == "sink")
    register_resources(pipeline, serve=serve, sink=sink)
    if serve:
        register_answerers(pipeline)
        register_critic(pipeline)
    if sink:
        register_sink(pipeline)
    if echo:
        from ensemble.show import print_verdict_line

        pipeline.on_verdict = print_verdict_line
    return pipeline
