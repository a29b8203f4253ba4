"""The topics, declared from settings and created before any worker starts.

Every topic gets ``kafka.partitions`` partitions. ``questions`` and ``candidates`` must have
the same count: the critic joins them by key (``question_id``), which only works when a
question and its candidates land on the same partition number.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from ensemble.errors import ConfigError
from ensemble.settings import KafkaSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TopicNames:
    questions: str
    candidates: str
    verdicts: str
    escalations: str
    dead_letters: str

    @classmethod
    def from_settings(cls, kafka: KafkaSettings) -> "TopicNames":
        return cls(kafka.topic_questions, kafka.topic_candidates, kafka.topic_verdicts,
                   kafka.topic_escalations, kafka.topic_dead_letters)

    def all(self) -> list[str]:
        return [self.questions, self.candidates, self.verdicts, self.escalations, self.dead_letters]


async def check_reachable(bootstrap: str, wait_s: float = 10.0) -> None:
    """Return once a broker at ``bootstrap`` answers; after ``wait_s`` raise ConfigError naming it
    (a worker started with a wrong address says so in one line instead of Faust's traceback)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + wait_s
    while True:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=5000)
        try:
            await admin.start()
            return
        except KafkaConnectionError as exc:
            if loop.time() >= deadline:
                raise ConfigError(f"cannot reach Kafka at {bootstrap} ({exc}): start it, or set "
                                  "ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS to a broker that runs") from None
        finally:
            await admin.close()
        await asyncio.sleep(1.0)


async def ensure_topics(kafka: KafkaSettings, bootstrap: str, timeout_s: float = 30.0) -> None:
    """Create every topic that does not exist yet; fail when a joined pair is not co-partitioned."""
    names = TopicNames.from_settings(kafka)
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=int(timeout_s * 1000))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in names.all() if t not in existing]
        if missing:
            new = [NewTopic(t, kafka.partitions, kafka.replication_factor) for t in missing]
            try:
                await admin.create_topics(new)
            except TopicAlreadyExistsError:  # another worker won the race
                pass
            log.info("created topics %s with %d partitions", missing, kafka.partitions)
        await _check_copartitioned(admin, names)
    finally:
        await admin.close()


async def _check_copartitioned(admin: AIOKafkaAdminClient, names: TopicNames) -> None:
    described = await admin.describe_topics([names.questions, names.candidates])
    counts = {d["topic"]: len(d["partitions"]) for d in described}
    if len(set(counts.values())) != 1:
        raise ConfigError(f"questions and candidates must have the same partition count to be joined, got {counts}")
