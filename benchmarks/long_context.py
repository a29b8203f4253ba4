"""Time to read one question's business facts when a fact is very long (review 24: a 74 KB notes
field held every other question for 26 s, a 120 KB one for minutes).

    /tmp/venv/bin/python benchmarks/long_context.py

Prints seconds per size for a facts map with one long free-text field (and the same text under a
"usd" key, which takes the amount-pairing path). The critic parses facts on the stream's one loop,
so this time is a stall for every question behind it.
"""

from __future__ import annotations

import random
import time

from streams.critic.facts import _cached_book, build_factbook

WORDS = "the chef brings a grill and we serve chicken shrimp steak to every guest at the party".split()


def main() -> None:
    rng = random.Random(1)
    for kb in (20, 74, 120):
        notes = " ".join(rng.choice(WORDS) for _ in range(kb * 1024 // 5))
        _cached_book.cache_clear()
        t0 = time.perf_counter()
        build_factbook({"prices": "Adults $50", "notes": notes, "usd_notes": notes})
        print(f"{kb} KB fact: {time.perf_counter() - t0:.2f} s to read the facts")


if __name__ == "__main__":
    main()
