"""The `ensemble` command.

    ensemble run                       the whole system on its embedded defaults
    ensemble worker --part serve|sink  one part of the pipeline (production: a service each)
    ensemble ask "…" [--agent A] [--context k=v …]   produce a question, print its verdict
    ensemble sql "SELECT …"            query ClickHouse (works while the worker runs)
    ensemble judge --cases F.jsonl     judge labeled cases offline (no broker)
    ensemble simulator                 run the loopback LLM simulator alone
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from typing import Optional, Sequence


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ensemble", description="Several LLMs answer; a critic checks them against business facts.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="start the local broker (unless a bootstrap address is set), the simulator (unless API keys are set) and the worker")
    run.add_argument("--quiet", action="store_true", help="do not print each verdict")
    run.add_argument("--loglevel", default=None, help="worker log level (default: the log_level setting)")

    worker = sub.add_parser("worker", help="run one part of the pipeline: serve (answer and judge) or sink (ClickHouse); topics must exist")
    worker.add_argument("--part", choices=["serve", "sink", "all"], required=True)
    worker.add_argument("--loglevel", default=None)
    worker.add_argument("--create-topics", action="store_true", help="create missing topics first")

    ask = sub.add_parser("ask", help="produce a question, wait for its verdict and print it")
    ask.add_argument("text")
    ask.add_argument("--agent", default=None, help="menu_agent, pricing_agent, booking_agent, distance_agent, lead_capture_agent, crm_writer_agent, admin_assistant, faq_agent")
    ask.add_argument("--context", action="append", default=[], metavar="KEY=VALUE", help="a business fact; repeatable")
    ask.add_argument("--conversation", default=None, help="conversation id (default: a new one)")
    ask.add_argument("--locale", default="en")
    ask.add_argument("--timeout", type=_positive_seconds, default=60.0, help="seconds to wait for the verdict (default: 60)")
    ask.add_argument("--json", action="store_true", help="print the verdict as JSON")

    sql = sub.add_parser("sql", help="run SQL on ClickHouse (through the running worker when it owns the embedded database)")
    sql.add_argument("query")
    sql.add_argument("--format", default="PrettyCompact", help="ClickHouse output format (PrettyCompact, TSVWithNames, JSONEachRow, ...)")

    judge = sub.add_parser("judge", help="judge labeled cases offline through the critic's code path")
    judge.add_argument("--cases", required=True)
    judge.add_argument("--out", default=None)
    judge.add_argument("--no-llm", action="store_true",
                       help="deterministic stage only (offline judging wires no LLM judge, so the figures are the same either way)")
    judge.add_argument("--knowledge", default=None, help="business knowledge JSON shared by every case")
    judge.add_argument("--json", action="store_true", help="print the figures as JSON")
    judge.add_argument("--last-digits", default=None, help="only cases whose id ends in one of these digits, e.g. 789")

    sim = sub.add_parser("simulator", help="run the loopback LLM simulator alone (every answer it gives is labeled simulated)")
    from providers.simulator.__main__ import add_arguments

    add_arguments(sim)
    return p


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected more than 0 seconds, got {text!r}")
    return value


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    from ensemble.logs import setup_logging
    from ensemble.settings import get_settings, settings_error_lines

    from ensemble.errors import EnsembleError

    try:
        settings = get_settings()
    except Exception as exc:  # pydantic's ValidationError or pydantic-settings' SettingsError: name the variable, no traceback
        for line in settings_error_lines(exc):
            print(f"ensemble: invalid setting: {line}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, settings.secrets())
    try:
        return int(_COMMANDS[args.command](settings, args) or 0)
    except EnsembleError as exc:  # settings that cannot work (a port in use, a missing binary): one line, no traceback
        print(f"ensemble {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C in judge or sql: stop quietly (ask says where its verdict goes; run stops cleanly itself)
        print(f"\nensemble {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `ensemble sql … | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _run(settings, args) -> int:
    from ensemble.runner import SinkProcess, prepare, run_worker

    loglevel = (args.loglevel or settings.log_level).lower()
    with ExitStack() as stack:
        settings, bootstrap = prepare(settings, stack)
        print(f"llm-ensemble: Kafka {bootstrap}, ClickHouse {'server' if settings.clickhouse.url else 'embedded at ' + str(settings.data_dir / 'clickhouse')}, "
              f"providers {'real' if settings.any_real_provider else 'SIMULATED at ' + str(settings.providers.simulator_url)}", flush=True)
        stack.enter_context(SinkProcess(bootstrap, loglevel))
        run_worker(settings, bootstrap, part="serve", echo=not args.quiet, loglevel=loglevel)
    return 0


def _worker(settings, args) -> int:
    import asyncio
    import logging

    from agents_topics.topics import check_reachable, ensure_topics
    from ensemble.runner import local_bootstrap, run_worker

    bootstrap = local_bootstrap(settings)
    quiet = logging.getLogger("aiokafka")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # an unreachable broker gets one line, not a log record per try
    try:
        asyncio.run(check_reachable(bootstrap))
    finally:
        quiet.setLevel(level)
    if args.create_topics:
        asyncio.run(ensure_topics(settings.kafka, bootstrap))
    run_worker(settings, bootstrap, part=args.part, echo=False, loglevel=(args.loglevel or settings.log_level).lower())
    return 0


def _ask(settings, args) -> int:
    import asyncio
    import logging

    from ensemble.ask import ask, new_question_id
    from ensemble.show import print_verdict

    context = {}
    for item in args.context:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            print(f"--context expects KEY=VALUE, got {item!r}", file=sys.stderr)
            return 2
        context[key.strip()] = value.strip()
    from aiokafka.errors import KafkaConnectionError

    from ensemble.errors import BadRecord
    from ensemble.runner import local_bootstrap

    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # an unreachable broker gets the one line below, not a log record too
    qid = new_question_id()
    try:
        verdict = asyncio.run(ask(settings, args.text, agent=args.agent, context=context, conversation_id=args.conversation,
                                  locale=args.locale, timeout_s=args.timeout, question_id=qid))
    except KeyboardInterrupt:  # Ctrl-C while waiting: the question may already be on its way; say how to find its verdict
        print(f"\ninterrupted: if question {qid} was sent, its verdict still goes to the '{settings.kafka.topic_verdicts}' "
              f"topic (key {qid}) and to ClickHouse: ensemble sql \"SELECT * FROM ai.chat_message FINAL WHERE question_id = '{qid}'\"",
              file=sys.stderr)
        return 130
    except BadRecord as exc:
        print(f"not sent: {exc} (the worker would dead-letter it)", file=sys.stderr)
        return 2
    except KafkaConnectionError:
        print(f"cannot reach Kafka at {local_bootstrap(settings)}: start the system with `ensemble run` "
              f"(or set ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS)", file=sys.stderr)
        return 1
    if verdict is None:
        print(f"no verdict for {qid} within --timeout {args.timeout:g}s. Is `ensemble run` running (and its answerers up)? "
              f"A rejected question is in the '{settings.kafka.topic_dead_letters}' topic with its cause; a late verdict "
              f"still reaches the '{settings.kafka.topic_verdicts}' topic and ClickHouse", file=sys.stderr)
        return 1
    print_verdict(verdict, as_json=args.json)
    return 0


def _sql(settings, args) -> int:
    from sinks.clickhouse.sql_server import run_sql

    try:
        print(run_sql(settings, args.query, fmt=args.format), end="")
    except Exception as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _judge(settings, args) -> int:
    import logging
    from pathlib import Path

    from streams.critic.offline import main as judge_main

    if not Path(args.cases).is_file():
        print(f"no such cases file: {args.cases} (format: the README's `ensemble judge` paragraph; an example ships in tests/critic/data/extra_cases.jsonl)",
              file=sys.stderr)
        return 2
    logging.getLogger("streams.critic.offline").setLevel(logging.WARNING)  # the table below says it all

    if not args.no_llm:
        print("note: offline judging consults no LLM judge (the stream's critic does); these are the deterministic "
              "stage's figures, as with --no-llm", file=sys.stderr)
    argv = ["--cases", args.cases] + (["--out", args.out] if args.out else []) + (["--no-llm"] if args.no_llm else []) + \
        (["--knowledge", args.knowledge] if args.knowledge else []) + (["--json"] if args.json else []) + \
        (["--last-digits", args.last_digits] if args.last_digits else [])
    return judge_main(argv)


def _simulator(settings, args) -> int:
    from providers.simulator.__main__ import serve

    serve(args, default_port=settings.providers.simulator_port)
    return 0


_COMMANDS = {"run": _run, "worker": _worker, "ask": _ask, "sql": _sql, "judge": _judge, "simulator": _simulator}

if __name__ == "__main__":
    sys.exit(main())
