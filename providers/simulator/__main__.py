"""``python -m providers.simulator [--host H] [--port N] [--latency-ms X] [--hallucination-rate R] [--seed S]``

The loopback LLM simulator alone (``ensemble simulator`` takes the same options). It speaks the
OpenAI, Anthropic and Ollama wire protocols; every answer is labeled simulated. POST a script to
``/_sim/script`` to fix what a provider answers to a given question (see the README)."""

from __future__ import annotations

import argparse
import logging
from typing import Optional

from ensemble.errors import EnsembleError


def _number(kind: type, low: float, high: float):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected {low:g} to {high:g}, got {text}")
        return value
    return parse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=_number(int, 1, 65535), default=None,
                        help="default: the providers.simulator_port setting (ENSEMBLE_PROVIDERS__SIMULATOR_PORT, 18400 when unset)")
    parser.add_argument("--latency-ms", type=_number(float, 0, 600_000), default=0.0,
                        help="latency added to every answer (default: 0)")
    parser.add_argument("--hallucination-rate", type=_number(float, 0, 1), default=0.2,
                        help="share of answers with an injected hallucination, an invented item or a wrong price (default: 0.2)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the injected hallucinations (default: 7)")


def serve(args: argparse.Namespace, default_port: int = 18400) -> None:
    from aiohttp import web

    from providers.simulator.server import make_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    port = args.port or default_port
    app = make_app(seed=args.seed, hallucination_rate=args.hallucination_rate, latency_ms=args.latency_ms)
    print(f"SIMULATED LLM providers on http://{args.host}:{port} (OpenAI, Anthropic and Ollama wire protocols)", flush=True)
    try:
        web.run_app(app, host=args.host, port=port, access_log=None, print=None)
    except OSError as exc:  # the port is taken (a running `ensemble run` starts one) or the host is wrong
        raise EnsembleError(f"cannot listen on {args.host}:{port}: {exc.strerror or exc} "
                            "(is `ensemble run` or another simulator using it? pick another with --port)") from None


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m providers.simulator", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    add_arguments(parser)
    try:
        from ensemble.settings import Settings

        serve(parser.parse_args(argv), default_port=Settings().providers.simulator_port)
    except EnsembleError as exc:
        raise SystemExit(f"simulator: {exc}") from None


if __name__ == "__main__":
    main()
