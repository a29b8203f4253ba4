"""Where the CPU goes, from the stacks ``benchmarks/pipeline.py --profile PATH`` recorded.

    python benchmarks/profile_summary.py PATH [--top 25]

Each sample (py-spy raw format, GIL holder only) is charged to the first frame, walking from
the leaf up, that belongs to a known part: the critic's checks, the providers, Avro and
records, our own glue, aiokafka, Faust, Mode/asyncio (the event loop itself). Prints the
share of each part, then the functions with the most samples of their own.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

PARTS = [  # (part, path fragment), most specific first
    ("critic checks (streams/critic)", "streams/critic/"),
    ("providers (in-process simulator, router)", "providers/"),
    ("Avro and records (schemas/)", "schemas/"),
    ("critic stream glue (streams/*.py)", "streams/"),
    ("answerers, outbox, transport (agents_topics/)", "agents_topics/"),
    ("aiokafka", "aiokafka/"),
    ("Faust", "faust/"),
    ("Mode and the asyncio loop", "mode/"),
    ("regular expressions", "re/"),
    ("json", "json/"),
    ("dataclass constructors", "<string>"),
]
FRAME = re.compile(r"^(?P<fn>.*) \((?P<file>[^:)]*)(?::\d+)?\)$")


def part_of(frames: list[str]) -> str:
    if "select (selectors.py" in frames[-1]:
        return "idle (select)"
    for frame in reversed(frames):
        m = FRAME.match(frame)
        where = m.group("file") if m else frame
        for part, fragment in PARTS:
            if fragment in where:
                return part
    return "other"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    parts: Counter = Counter()
    own: Counter = Counter()
    total = 0
    for line in args.path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        frames, n = stack.split(";"), int(count)
        total += n
        parts[part_of(frames)] += n
        own[re.sub(r":\d+\)$", ")", frames[-1])] += n
    print(f"{total} samples")
    for part, n in parts.most_common():
        print(f"{100 * n / total:5.1f}%  {part}")
    print("\nfunctions with the most samples of their own:")
    for fn, n in own.most_common(args.top):
        print(f"{100 * n / total:5.1f}%  {fn}")


if __name__ == "__main__":
    main()
