"""How long an embedded-ClickHouse insert stalls other Python threads. Prints figures.

    python benchmarks/chdb_gil_stall.py [--rows 20000] [--inserts 5]

A thread wakes every 1 ms and records the gaps between its wake-ups while the main thread
inserts through clickhouse-connect into chdb. The longest gap is how long an event loop in
the same process would be stalled by one insert (row serialisation holds the GIL).
"""

import argparse
import tempfile
import threading
import time

import clickhouse_connect


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--inserts", type=int, default=5)
    args = ap.parse_args()
    client = clickhouse_connect.get_client(dsn=f"chdb://{tempfile.mkdtemp()}")
    client.command("CREATE TABLE t (a UInt64, s String) ENGINE = MergeTree ORDER BY a")
    rows = [(i, "x" * 200) for i in range(args.rows)]
    stop = False
    gaps: list[float] = []

    def spin() -> None:
        last = time.perf_counter()
        while not stop:
            now = time.perf_counter()
            gaps.append(now - last)
            last = now
            time.sleep(0.001)

    thread = threading.Thread(target=spin)
    thread.start()
    time.sleep(0.2)
    t0 = time.perf_counter()
    for _ in range(args.inserts):
        client.insert("t", rows, column_names=["a", "s"])
    elapsed = time.perf_counter() - t0
    stop = True
    thread.join()
    print(f"{args.inserts} inserts of {args.rows} rows: {elapsed / args.inserts * 1000:.1f} ms each; "
          f"longest stall of a 1 ms-ticking thread: {max(gaps) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
