"""End-to-end pipeline benchmark. Prints figures; asserts nothing.

    python benchmarks/pipeline.py [--questions 5000] [--rate 50] [--latency-count 1000]
                                  [--providers inprocess|http] [--profile PATH]

One run starts the local Tansu broker and one worker process (`ensemble run`, the production
entry point) and measures, next to each other:

1. raw aiokafka: N messages of the same size produced as fast as possible and consumed
   (messages/s), and produce→consume latency at the paced rate (p50/p99);
2. the pipeline at the paced rate: question produced → verdict consumed, p50/p99;
3. the pipeline: N questions produced as fast as possible, time until N distinct verdicts
   are read back (sustained questions/s).

Providers answer with zero latency, so (3) is the pipeline's own overhead: two Kafka hops
inside the worker plus the reader's hop, two candidate calls and the critic. During (3) it
also prints the CPU each process spent per question (serving worker, its sink child, the
broker, this client): the machine's cores are shared by all of them. ``--profile PATH``
records py-spy stacks (GIL holder only) of the serving worker and the sink child during (3).
``--providers inprocess`` answers inside the worker (no HTTP); ``http`` goes through the
official SDKs to the loopback simulator, as `ensemble run` does with no API key.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ensemble.local_broker import LocalBroker, free_port, port_open  # noqa: E402
from schemas.codec import AvroCodec  # noqa: E402
from schemas.records import Question, Verdict  # noqa: E402

FETCH_WAIT_MS = int(os.environ.get("ENSEMBLE_KAFKA__FETCH_MAX_WAIT_MS", "5"))  # as the worker reads it
CONTEXT = {"menu": "Proteins: chicken, shrimp, steak, salmon, tofu", "prices": "$60 per adult, $30 per child (12 and under)",
           "minimum_charge": "$550 minimum per event", "business": "My Hibachi, mobile hibachi catering"}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def question_bytes(codec: AvroCodec, qid: str) -> bytes:
    q = Question(qid, f"c-{qid}", "What proteins can we choose, and what is the price per adult?",
                 int(time.time() * 1000), "menu_agent", CONTEXT)
    return codec.encode(q.to_avro())


async def reader(bootstrap: str, topic: str) -> AIOKafkaConsumer:
    c = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=f"bench-{uuid.uuid4().hex[:6]}",
                         auto_offset_reset="earliest", enable_auto_commit=False, fetch_max_wait_ms=FETCH_WAIT_MS,
                         session_timeout_ms=6000, heartbeat_interval_ms=1000, max_poll_records=5000)
    await c.start()
    while not c.assignment():
        await c.getmany(timeout_ms=100)
    return c


async def raw_baseline(bootstrap: str, n: int, rate: float, latency_count: int, size: int) -> dict:
    topic = f"raw-{uuid.uuid4().hex[:6]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    await admin.create_topics([NewTopic(topic, 4, 1)])
    await admin.close()
    p = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, linger_ms=2, acks="all")
    await p.start()
    c = await reader(bootstrap, topic)
    payload = b"x" * size
    t0 = time.perf_counter()
    for i in range(n):
        await p.send(topic, payload, key=str(i).encode())
    got = 0
    while got < n:
        got += sum(len(v) for v in (await c.getmany(timeout_ms=1000)).values())
    throughput = n / (time.perf_counter() - t0)
    sent: dict[bytes, float] = {}
    lat: list[float] = []

    async def consume() -> None:
        while len(lat) < latency_count:
            for records in (await c.getmany(timeout_ms=1000)).values():
                for r in records:
                    if r.key in sent:
                        lat.append((time.perf_counter() - sent.pop(r.key)) * 1000)

    task = asyncio.create_task(consume())
    await paced(rate, latency_count, lambda i: _send_raw(p, topic, payload, f"l{i}".encode(), sent))
    await asyncio.wait_for(task, 60)
    await p.stop()
    await c.stop()
    return {"throughput": throughput, "p50": pct(lat, 50), "p99": pct(lat, 99)}


async def _send_raw(p, topic, payload, key, sent) -> None:
    sent[key] = time.perf_counter()
    await p.send(topic, payload, key=key)


async def paced(rate: float, count: int, send) -> None:
    start = time.perf_counter()
    for i in range(count):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        await send(i)


async def pipeline_figures(bootstrap: str, topics: dict, n: int, rate: float, latency_count: int,
                           cpu: CpuMeter, profile: "Profiler | None" = None) -> dict:
    qc, vc = AvroCodec("Question"), AvroCodec("Verdict")
    p = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, linger_ms=2, acks="all")
    await p.start()
    c = await reader(bootstrap, topics["verdicts"])
    run = uuid.uuid4().hex[:6]
    # warm-up: the first verdict proves the worker has joined its group
    await p.send_and_wait(topics["questions"], question_bytes(qc, f"warm-{run}"), key=f"warm-{run}".encode())
    await wait_verdicts(c, {f"warm-{run}"}, 120)

    # latency first, on an idle worker; then the burst
    sent: dict[str, float] = {}
    lat: list[float] = []

    async def consume() -> None:
        while len(lat) < latency_count:
            for records in (await c.getmany(timeout_ms=1000)).values():
                for r in records:
                    qid = r.key.decode()
                    if qid in sent:
                        lat.append((time.perf_counter() - sent.pop(qid)) * 1000)

    async def send(i: int) -> None:
        qid = f"l-{run}-{i}"
        sent[qid] = time.perf_counter()
        await p.send(topics["questions"], question_bytes(qc, qid), key=qid.encode())

    task = asyncio.create_task(consume())
    await paced(rate, latency_count, send)
    await asyncio.wait_for(task, 120)
    ids = [f"t-{run}-{i}" for i in range(n)]
    if profile:
        profile.start()
    cpu.start()
    t0 = time.perf_counter()
    for qid in ids:
        await p.send(topics["questions"], question_bytes(qc, qid), key=qid.encode())
    await p.flush()
    produced_s = time.perf_counter() - t0
    seen, values = await wait_verdicts(c, set(ids), 300)
    elapsed = time.perf_counter() - t0
    cpu.stop()
    if profile:
        profile.stop()

    simulated = all_simulated(vc, values)
    await p.stop()
    await c.stop()
    return {"throughput": len(seen) / elapsed, "distinct": len(seen), "produce_s": produced_s, "elapsed": elapsed,
            "p50": pct(lat, 50), "p99": pct(lat, 99), "simulated": simulated}


async def wait_verdicts(c, ids: set, timeout_s: float) -> tuple[set, list[bytes]]:
    """Ids of `ids` whose verdict was read, and those verdicts' raw values (decoded later by
    the caller, so the client's own Avro decoding is not timed)."""
    seen: set = set()
    values: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    while not ids <= seen and time.monotonic() < deadline:
        for records in (await c.getmany(timeout_ms=1000, max_records=5000)).values():
            for r in records:
                qid = r.key.decode()
                if qid in ids and qid not in seen:
                    seen.add(qid)
                    values.append(r.value)
    return seen & ids, values


def all_simulated(codec: AvroCodec, values: list[bytes]) -> bool:
    return all(Verdict.from_avro(codec.decode(v)).simulated for v in values)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rpartition(")")[2].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


class CpuMeter:
    """CPU seconds each process of the run spends during the burst."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids, self.start_cpu, self.used = pids, {}, {}

    def start(self) -> None:
        self.start_cpu = {name: cpu_seconds(pid) for name, pid in self.pids.items()}

    def stop(self) -> None:
        self.used = {name: cpu_seconds(pid) - self.start_cpu[name] for name, pid in self.pids.items()}


class Profiler:
    """py-spy on the serving worker (and the sink child, to PATH.sink) during the burst only:
    raw collapsed stacks of the thread holding the GIL (where the Python CPU goes; a thread
    waiting for the GIL after a syscall would otherwise show as time in that syscall)."""

    def __init__(self, pids: dict[str, int], path: Path) -> None:
        self.targets = {pid: path if name == "serving worker" else path.with_name(f"{path.name}.{name.split()[0]}")
                        for name, pid in pids.items() if pid}
        self.procs: list[subprocess.Popen] = []

    @staticmethod
    def executable() -> str:
        """py-spy from PATH or next to this Python (a venv's bin is often not on PATH)."""
        found = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
        if not found:
            sys.exit("--profile needs py-spy: pip install py-spy")
        return found

    def start(self) -> None:
        exe = self.executable()
        self.procs = [subprocess.Popen([exe, "record", "--pid", str(pid), "--format", "raw", "--rate", "200",
                                        "--gil", "--nonblocking", "--output", str(out)],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                      for pid, out in self.targets.items()]

    def stop(self) -> None:
        for proc in self.procs:
            proc.send_signal(signal.SIGINT)
        for proc in self.procs:
            proc.wait(30)


def start_worker(bootstrap: str, data_dir: Path, topics: dict, sim_url: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update({
        "ENSEMBLE_DATA_DIR": str(data_dir), "ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
        "ENSEMBLE_KAFKA__APP_ID": f"bench-{uuid.uuid4().hex[:6]}", "ENSEMBLE_LOG_LEVEL": "WARNING",
        "ENSEMBLE_CLICKHOUSE__SQL_PORT": str(free_port()), "ENSEMBLE_PROVIDERS__SIMULATOR_URL": sim_url,
        "ENSEMBLE_PROVIDERS__SIMULATOR_HALLUCINATION_RATE": "0",
        **{f"ENSEMBLE_KAFKA__TOPIC_{k.upper().replace('-', '_')}": v for k, v in topics.items()},
    })
    return subprocess.Popen([sys.executable, "-m", "ensemble.cli", "run", "--quiet"], cwd=ROOT, env=env,
                            stdout=open(data_dir / "worker.log", "ab"), stderr=subprocess.STDOUT, start_new_session=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=int, default=5000)
    ap.add_argument("--rate", type=float, default=50.0)
    ap.add_argument("--latency-count", type=int, default=1000)
    ap.add_argument("--providers", choices=["inprocess", "http"], default="inprocess")
    ap.add_argument("--profile", type=Path, help="write py-spy raw stacks of the serving worker during the burst here (the sink child's to PATH.sink)")
    args = ap.parse_args()
    if args.profile:
        Profiler.executable()  # fail before the run, not in the middle of it
    data_dir = Path(tempfile.mkdtemp(prefix="ensemble-bench-"))
    prefix = uuid.uuid4().hex[:6]
    topics = {n: f"{prefix}-{n}" for n in ["questions", "candidates", "verdicts", "escalations", "dead_letters"]}
    with LocalBroker(free_port()) as broker:
        sim = None
        sim_url = "inprocess"
        if args.providers == "http":
            port = free_port()
            sim = subprocess.Popen([sys.executable, "-m", "providers.simulator", "--port", str(port), "--latency-ms", "0",
                                    "--hallucination-rate", "0"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while not port_open("127.0.0.1", port):
                time.sleep(0.05)
            sim_url = f"http://127.0.0.1:{port}"
        worker = start_worker(broker.bootstrap, data_dir, topics, sim_url)
        try:
            size = len(question_bytes(AvroCodec("Question"), "t-000000-0000"))
            raw = asyncio.run(raw_baseline(broker.bootstrap, args.questions, args.rate, args.latency_count, size))
            sink = children_of(worker.pid)
            cpu = CpuMeter({"serving worker": worker.pid, "sink child": sink[0] if sink else 0,
                            "broker": broker._proc.pid, "benchmark client": os.getpid(),
                            **({"http simulator": sim.pid} if sim else {})})
            profile = Profiler({"serving worker": worker.pid, "sink child": sink[0] if sink else 0}, args.profile) \
                if args.profile else None
            pipe = asyncio.run(pipeline_figures(broker.bootstrap, topics, args.questions, args.rate, args.latency_count,
                                                cpu, profile))
        finally:
            worker.terminate()
            try:
                worker.wait(30)
            except subprocess.TimeoutExpired:
                print("worker did not stop within 30 s of SIGTERM; killed")
                worker.kill()
            if sim:
                sim.terminate()
    print(f"machine: {os.cpu_count()} cores; broker: tansu (local, in-memory); fetch wait {FETCH_WAIT_MS} ms; providers: {args.providers} simulator (zero latency, SIMULATED)")
    print(f"raw aiokafka          : {raw['throughput']:8.0f} msg/s produce+consume of {args.questions} x {size} B; "
          f"latency at {args.rate:g}/s: p50 {raw['p50']:.1f} ms, p99 {raw['p99']:.1f} ms (one hop)")
    print(f"pipeline (1 worker)   : {pipe['throughput']:8.0f} questions/s sustained ({pipe['distinct']}/{args.questions} distinct verdicts "
          f"in {pipe['elapsed']:.1f} s; produce took {pipe['produce_s']:.1f} s); verdicts simulated={pipe['simulated']}")
    print(f"pipeline latency      : at {args.rate:g} questions/s, question produced -> verdict consumed: "
          f"p50 {pipe['p50']:.1f} ms, p99 {pipe['p99']:.1f} ms (three Kafka hops)")
    per_q = ", ".join(f"{name} {1000 * used / pipe['distinct']:.2f}" for name, used in cpu.used.items())
    print(f"CPU during the burst   : {per_q} ms per question; serving worker busy "
          f"{100 * cpu.used['serving worker'] / pipe['elapsed']:.0f}% of one core")


if __name__ == "__main__":
    main()
