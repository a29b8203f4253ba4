"""llm-ensemble: several LLMs answer each chat question inside Kafka; a critic checks them
against the business facts and publishes one verdict per question.

Where a question goes, by folder:

    schemas/        the Avro contracts of every topic (.avsc) and their codec
    agents_topics/  the Faust app, the topics, and the teacher/student agents that answer
    providers/      the LLM adapters those agents call (and the loopback simulator)
    streams/        the critic: joins a question's candidates and publishes the verdict
    sinks/          ClickHouse: every decision, call and training signal
"""

__version__ = "0.1.0"
