"""What a user sees from the `ensemble` command when something is in the way."""

import dataclasses
import json
import os
import signal
import socket
import subprocess
import sys
import time

from ensemble.settings import CriticSettings
from ensemble.show import format_verdict
from streams.critic.language import language_of
from test_schemas import VERDICT


def _ensemble(*argv, env=None, timeout=60):
    return subprocess.run([sys.executable, "-m", "ensemble.cli", *argv], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def _interruptible() -> None:
    """Ctrl-C reaches the child as at a terminal: a job started in the background (as CI may be) inherits
    SIGINT ignored, and Python then installs no KeyboardInterrupt handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_a_second_run_on_a_busy_port_says_why_in_one_line_without_a_traceback(tmp_path):
    with socket.socket() as busy:  # stands in for the first `ensemble run`'s broker
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = _ensemble("run", env={"ENSEMBLE_KAFKA__LOCAL_PORT": str(port), "ENSEMBLE_DATA_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"port {port}" in done.stderr and "another `ensemble run`" in done.stderr
    assert "ENSEMBLE_PROVIDERS__SIMULATOR_PORT" in done.stderr  # the advice names every port a second run needs


def test_simulator_help_lists_its_options():
    done = _ensemble("simulator", "--help")
    assert done.returncode == 0
    for option in ("--port", "--latency-ms", "--hallucination-rate", "--seed"):
        assert option in done.stdout


def test_piping_into_a_reader_that_leaves_early_prints_no_traceback(tmp_path):
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    writer = subprocess.run([sys.executable, "-m", "ensemble.cli", "judge", "--cases", "tests/critic/data/extra_cases.jsonl",
                             "--no-llm", "--out", "/dev/stdout"], stdout=reader.stdin, stderr=subprocess.PIPE, text=True,
                            timeout=300)
    reader.stdin.close()
    reader.wait()
    assert "Traceback" not in writer.stderr and "BrokenPipeError" not in writer.stderr


def test_the_safe_reply_speaks_the_customers_language():
    cfg = CriticSettings()
    assert cfg.safe_reply_for("es-MX", "anything") == cfg.safe_replies["es"]
    assert cfg.safe_reply_for("en", "¿Cuánto cuesta para 20 personas?") == cfg.safe_replies["es"]  # locale left at its default
    assert cfg.safe_reply_for("en", "Combien coûte le menu pour 20 personnes ?") == cfg.safe_replies["fr"]
    assert cfg.safe_reply_for("en", "Quanto custa para 20 pessoas?") == cfg.safe_replies["pt"]
    assert cfg.safe_reply_for("en", "Do you serve wagyu beef?") == cfg.safe_reply
    assert cfg.safe_reply_for("de", "Was kostet das?") == cfg.safe_reply  # no German configured: the default


def test_language_guess_stays_english_for_english_with_foreign_words():
    assert language_of("Can I book for my quinceañera party on Saturday?") == "en"
    assert language_of("What is the price for 20 people, 12 de mayo?") == "en"
    assert language_of("") == "en"


def test_a_cheap_faq_answer_is_not_presented_as_the_student_of_an_ensemble():
    alone = dataclasses.replace(VERDICT, candidates_expected=1, candidates_received=1)
    assert "cheap FAQ chain alone" in format_verdict(alone)
    assert "cheap FAQ chain" not in format_verdict(VERDICT)


def test_a_second_run_on_the_same_data_directory_is_refused(tmp_path):
    """Two runs cannot share a data directory (its embedded ClickHouse opens in one process only): the
    second one says so at once instead of answering without storing anything."""
    from ensemble.runner import DataDirLock

    with DataDirLock(tmp_path):
        done = _ensemble("run", env={"ENSEMBLE_DATA_DIR": str(tmp_path), "ENSEMBLE_KAFKA__LOCAL_PORT": "1"})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "in use by another `ensemble run`" in done.stderr and "ENSEMBLE_DATA_DIR" in done.stderr


def test_a_bad_setting_names_its_variable_in_one_line():
    for env, variable in (({"ENSEMBLE_KAFKA__PARTITIONS": "abc"}, "ENSEMBLE_KAFKA__PARTITIONS"),
                          ({"ENSEMBLE_LOG_LEVEL": "BOGUS"}, "ENSEMBLE_LOG_LEVEL"),
                          ({"ENSEMBLE_PROVIDERS__TEACHER_CHAIN": "foo"}, "ENSEMBLE_PROVIDERS__TEACHER_CHAIN"),
                          ({"ENSEMBLE_CRITIC__ESCALATE_BELOW": "1.5"}, "ENSEMBLE_CRITIC__ESCALATE_BELOW"),
                          ({"ENSEMBLE_CRITIC__TRUST_ABOVE": "0.5"}, "trust_above (0.5) is below escalate_below"),
                          ({"ENSEMBLE_PROVIDERS__DAILY_BUDGET_USD": "openai=5"}, "ENSEMBLE_PROVIDERS__DAILY_BUDGET_USD")):
        done = _ensemble("judge", "--cases", "tests/critic/data/extra_cases.jsonl", env=env)
        assert done.returncode == 2, env
        assert "Traceback" not in done.stderr and variable in done.stderr, done.stderr


def test_a_broken_cases_file_names_the_line_and_the_problem(tmp_path):
    good = '{"id": "g", "question": "Do you serve tofu?", "context": {"menu": "chicken, tofu"}, ' \
           '"candidates": [{"role": "teacher", "text": "Yes, tofu is on the menu."}]}'
    for lines, expected in ((["{\"id\": \"a\""], "line 1: not JSON"),
                            ([good, '{"id": "b", "context": {}}'], "line 2: 'question'"),
                            ([good, '{"id": "c", "question": "q", "candidates": [{"role": "teacher"}]}'], "line 2: every candidate")):
        path = tmp_path / "cases.jsonl"
        path.write_text("\n".join(lines) + "\n")
        done = _ensemble("judge", "--cases", str(path), "--no-llm")
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert expected in done.stderr, done.stderr
    done = _ensemble("judge", "--cases", "tests/critic/data/extra_cases.jsonl", "--knowledge", str(tmp_path / "nope.json"))
    assert done.returncode == 1 and "Traceback" not in done.stderr and "cannot read knowledge file" in done.stderr


def test_unlabeled_cases_are_judged_and_shown_without_figures(tmp_path):
    path, out = tmp_path / "mine.jsonl", tmp_path / "out.jsonl"
    path.write_text('{"question": "Do you serve wagyu?", "context": {"menu": "chicken, shrimp, steak"}, "candidates": ['
                    '{"role": "teacher", "text": "Yes! Premium wagyu at $80/person."}, '
                    '{"role": "student", "text": "Wagyu is not on our menu; we serve chicken, shrimp and steak."}]}\n')
    done = _ensemble("judge", "--cases", str(path), "--no-llm", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "unlabeled line1: best student" in done.stdout and "wagyu" in done.stdout.lower()
    line = json.loads(out.read_text())
    assert line["id"] == "line1" and line["hallucinated"] == ["teacher"]


def test_ask_refuses_a_timeout_that_cannot_wait():
    for value in ("0", "-5"):
        done = _ensemble("ask", "hi", "--timeout", value)
        assert done.returncode == 2 and "more than 0 seconds" in done.stderr


def test_ctrl_c_while_ask_waits_says_where_the_verdict_goes(kafka_bootstrap):
    """No worker runs: the question is sent and ask waits; Ctrl-C prints the question id and where to look."""
    env = {**os.environ, "ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS": kafka_bootstrap}
    proc = subprocess.Popen([sys.executable, "-m", "ensemble.cli", "ask", "Do you serve tofu?", "--timeout", "60"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, preexec_fn=_interruptible)
    time.sleep(6)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err and "ask-" in err


def test_ctrl_c_in_judge_stops_quietly(tmp_path):
    cases = tmp_path / "many.jsonl"
    cases.write_text(open("tests/critic/data/extra_cases.jsonl").read() * 20)
    proc = subprocess.Popen([sys.executable, "-m", "ensemble.cli", "judge", "--cases", str(cases), "--no-llm"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err and "interrupted" in err, err


def test_portuguese_with_a_circumflex_is_not_french():
    assert language_of("Olá, vocês servem lagosta no jantar?") == "pt"
    assert language_of("Vocês têm lagosta para a festa?") == "pt"
    assert language_of("Ça coûte combien pour 20 personnes ?") == "fr"


def test_a_worker_with_an_unreachable_broker_says_so_in_one_line():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    done = _ensemble("worker", "--part", "serve", env={"ENSEMBLE_KAFKA__BOOTSTRAP_SERVERS": f"127.0.0.1:{port}"})
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"cannot reach Kafka at 127.0.0.1:{port}" in done.stderr


def test_the_simulator_refuses_a_port_out_of_range_and_a_taken_port_in_one_line():
    done = _ensemble("simulator", "--port", "99999")
    assert done.returncode == 2 and "expected 1 to 65535" in done.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        done = _ensemble("simulator", "--port", str(busy.getsockname()[1]))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot listen on 127.0.0.1" in done.stderr and "--port" in done.stderr
