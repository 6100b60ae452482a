import json
import queue
import signal
import subprocess
import threading
import time

import pytest

import fsdispatch as fsd
from conftest import vroom_day_json


def start_and_interrupt(args, sig):
    """Starts `args` (a long solve), waits for its first progress line on stderr (at most ~1.5 s),
    sends `sig`, and returns (exit code, stderr)."""
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()

    def read():
        for line in p.stderr:
            lines.put(line)
        lines.put(None)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 1.5
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        seen.append(line)
        if "iteration" in line:
            break
    assert p.poll() is None, "the solve ended before it was interrupted: " + "".join(seen)
    p.send_signal(sig)
    code = p.wait(timeout=30)
    reader.join(timeout=5)
    while True:
        line = lines.get_nowait() if not lines.empty() else None
        if line is None:
            break
        seen.append(line)
    return code, "".join(seen)


@pytest.mark.parametrize("sig, code, name", [(signal.SIGINT, 130, "SIGINT"), (signal.SIGTERM, 143, "SIGTERM")])
def test_signal_stops_solve_and_writes_the_best_plan(cli, tmp_path, sig, code, name):
    problem = tmp_path / "problem.json"
    plan = tmp_path / "plan.json"
    subprocess.run([cli, "generate", "--engineers", "25", "--jobs", "300", "--seed", "5", "-o", str(problem)],
                   check=True, capture_output=True)
    plan.write_text("an older plan")
    started = time.monotonic()
    exit_code, stderr = start_and_interrupt([cli, "solve", str(problem), "-o", str(plan), "--time-limit", "60"], sig)
    assert exit_code == code, stderr
    assert time.monotonic() - started < 20
    assert f"interrupted by {name}: wrote the best plan found so far" in stderr
    doc = json.loads(plan.read_text())
    assert doc["format"] == "fsdispatch-solution"
    assert doc["stats"]["stop_reason"] == "interrupted"
    assert doc["stats"]["seconds"] < 30
    r = subprocess.run([cli, "verify", str(problem), str(plan)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    read_back = fsd.Solution.from_json(fsd.Problem.read(str(problem)), plan.read_text())
    assert read_back.stats.stop_reason == "interrupted"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_signal_stops_vroom_solve_and_writes_its_output(cli, tmp_path):
    day = tmp_path / "day.json"
    out = tmp_path / "out.json"
    day.write_text(vroom_day_json(vehicles=12, jobs=250, seed=4))
    exit_code, stderr = start_and_interrupt(
        [cli, "solve", "--format", "vroom", str(day), "-o", str(out), "--time-limit", "60"], signal.SIGTERM)
    assert exit_code == 143, stderr
    assert "interrupted by SIGTERM: wrote the best plan found so far" in stderr
    doc = json.loads(out.read_text())
    assert doc["code"] == 0
    served = sum(1 for r in doc["routes"] for s in r["steps"] if s["type"] == "job")
    assert served + len(doc["unassigned"]) == 250


def test_solve_reports_reading_and_solving_time(cli, root, tmp_path):
    plan = tmp_path / "plan.json"
    r = subprocess.run([cli, "solve", str(root / "examples" / "data" / "service_day.json"), "-o", str(plan),
                        "--iterations", "10"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    line = next(l for l in r.stdout.splitlines() if "solved in" in l)
    assert line.startswith("read and built the problem in ") and "; solved in " in line
    assert json.loads(plan.read_text())["stats"].get("stop_reason", "") != "interrupted"
    # With -q and no -o, stdout is the plan JSON alone.
    r = subprocess.run([cli, "solve", str(root / "examples" / "data" / "service_day.json"), "-q", "--iterations", "10"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["format"] == "fsdispatch-solution"
    assert "read and built the problem in " in r.stderr
