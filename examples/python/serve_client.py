"""Plan the bundled service day through `fsd serve`, as a backend in any language would.

Starts the server on a free port with a throw-away database, creates a live plan
from examples/data/service_day.json (the server solves it), places a new ticket,
reads the plan back, and stops the server. The fsd binary is $FSD_CLI, else
./fsd (the build folder), else the one on PATH.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from typing import Any, Optional

root = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))


def find_cli() -> str:
    given = os.environ.get("FSD_CLI")
    if given:
        return given
    local = Path.cwd() / "fsd"
    if local.is_file():
        return str(local)
    on_path = shutil.which("fsd")
    if on_path is None:
        sys.exit("fsd not found: set FSD_CLI or run from the build folder")
    return on_path


def call(base: str, method: str, path: str, body: Optional[Any] = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.loads(answer.read())


with tempfile.TemporaryDirectory() as folder:
    server = subprocess.Popen([find_cli(), "serve", "--port", "0", "--db", os.path.join(folder, "plans.sqlite")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        first_line = server.stdout.readline()  # "fsd serve listening on http://127.0.0.1:PORT"
        match = re.search(r"http://\S+", first_line)
        if match is None:
            sys.exit(f"the server did not start: {first_line!r}")
        base = match.group(0)
        print("server at", base, "-", call(base, "GET", "/health")["status"])

        problem = json.loads((root / "examples" / "data" / "service_day.json").read_text())
        created = call(base, "POST", "/plans", {"problem": problem, "time_limit": 1, "seed": 1})
        plan_id = created["id"]
        print(f"live plan {plan_id}, version {created['version']}; board at {base}{created['board']}")

        ticket = {"id": "CALL-1", "location": {"lat": 48.14, "lon": 11.58}, "duration": 1200}
        answer = call(base, "POST", f"/plans/{plan_id}/insert", {"ticket": ticket, "alternatives": 3})
        outcome = answer["outcome"]
        print(f"insert CALL-1: placed={outcome['placed']} engineer={outcome.get('engineer')} -> version {answer['version']}")
        assert outcome["placed"], outcome

        live = call(base, "GET", f"/plans/{plan_id}")
        served = sum(1 for r in live["routes"] for s in r["steps"] if s["type"] == "job")
        print(f"plan now serves {served} tickets on {len(live['routes'])} routes")
        journal = call(base, "GET", f"/plans/{plan_id}/events")
        print("journal:", [entry["event"]["type"] for entry in journal])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
