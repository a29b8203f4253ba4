"""``python -m providers.simulator --host 127.0.0.1 --port N [--latency-ms X --hallucination-rate R --seed S]``"""

from __future__ import annotations

import argparse
import logging

from aiohttp import web

from providers.simulator.server import make_app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m providers.simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=18400)
    parser.add_argument("--latency-ms", type=float, default=0.0, help="latency added to every answer")
    parser.add_argument("--hallucination-rate", type=float, default=0.2, help="share of answers with an injected hallucination")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = make_app(seed=args.seed, hallucination_rate=args.hallucination_rate, latency_ms=args.latency_ms)
    web.run_app(app, host=args.host, port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
