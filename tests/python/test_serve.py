"""`fsd serve`: every endpoint, every error status, tenants, limits, jobs, and the journal's crash guarantee."""
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

import fsdispatch as fsd
from conftest import DAY, ROOT, small_problem_json

SERVICE_DAY = (ROOT / "examples" / "data" / "service_day.json").read_text()


class Server:
    """One `fsd serve` process on a free port, its log in a file."""

    def __init__(self, cli, tmp_path, *args, db="plans.sqlite"):
        self.db = tmp_path / db
        self.log = open(tmp_path / "serve.log", "ab")
        self.proc = subprocess.Popen([cli, "serve", "--port", "0", "--db", str(self.db), *args],
                                     stdout=subprocess.PIPE, stderr=self.log)
        line = self.proc.stdout.readline().decode()
        match = re.search(r"http://([\d.]+):(\d+)", line)
        if not match:
            self.proc.kill()
            raise AssertionError(f"no listening line: {line!r}; log: {(tmp_path / 'serve.log').read_text()}")
        self.base = f"http://{match.group(1)}:{match.group(2)}"

    def call(self, method, path, body=None, headers=None, raw=None):
        """(status, headers, JSON or text) of one request."""
        data = raw if raw is not None else (None if body is None else
                                            (body if isinstance(body, str) else json.dumps(body)).encode())
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, hdrs, text = r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            status, hdrs, text = e.code, e.headers, e.read().decode()
        ctype = hdrs.get("Content-Type", "")
        return status, hdrs, (json.loads(text) if ctype.startswith("application/json") else text)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)
        self.log.close()


@pytest.fixture
def serve(cli, tmp_path):
    started = []

    def start(*args, **kw):
        s = Server(cli, tmp_path, *args, **kw)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def _error(status, doc):
    """The error document's inner object, after checking its shape."""
    assert set(doc) == {"error"}, doc
    assert doc["error"]["status"] == status
    assert isinstance(doc["error"]["path"], str) and doc["error"]["message"]
    return doc["error"]


def _ticket(tid, minutes=10):
    return {"id": tid, "location": {"lat": 48.14, "lon": 11.58}, "duration": minutes * 60}


def test_health_metrics_and_request_ids(serve):
    s = serve()
    status, hdrs, doc = s.call("GET", "/health")
    assert status == 200 and doc["status"] == "ok"
    assert re.fullmatch(r"r[0-9a-f]{16}", hdrs["X-Request-Id"])
    status, hdrs, _ = s.call("GET", "/health", headers={"X-Request-Id": "abc-123"})
    assert hdrs["X-Request-Id"] == "abc-123"
    s.call("POST", "/verify", "{")
    status, hdrs, text = s.call("GET", "/metrics")
    assert status == 200 and hdrs["Content-Type"].startswith("text/plain")
    assert 'fsd_http_requests_total{route="GET /health",status="200"} 2' in text
    assert 'fsd_http_requests_total{route="POST /verify",status="400"} 1' in text
    assert 'fsd_http_request_seconds_count{route="GET /health"} 2' in text
    assert "fsd_solves_running 0" in text and "fsd_plans_stored 0" in text
    s.stop()
    log = (s.db.parent / "serve.log").read_text()
    assert re.search(r"^GET /health 200 [\d.]+ms id=abc-123 ", log, re.M)


def test_openapi_lists_every_route_the_server_answers(serve):
    s = serve()
    status, _, doc = s.call("GET", "/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    # The routes as the server registers them, read from its source so the two cannot drift.
    source = (ROOT / "apps" / "fsd" / "serve_server.cpp").read_text()
    routes = re.findall(r'route\("(GET|POST|DELETE)", R?"\(?([^"]+?)\)?"', source)
    assert len(routes) >= 20
    for method, pattern in routes:
        path = pattern.replace("([^/]+)", "{id}")
        if path.startswith("/board/"):
            path = "/board/{plan}"
        assert path in doc["paths"], path
        assert method.lower() in doc["paths"][path], (method, path)


def test_solve_native_and_vroom(serve):
    s = serve()
    status, _, plan = s.call("POST", "/solve?time_limit=0.5&seed=3", small_problem_json())
    assert status == 200 and plan["routes"] and plan["unassigned"] == []
    problem = fsd.Problem.from_json(small_problem_json())
    assert fsd.verify(problem, fsd.Solution.from_json(problem, json.dumps(plan))) == []
    status, _, again = s.call("POST", "/solve", {"problem": json.loads(small_problem_json()), "time_limit": 0.5,
                                                 "seed": 3})
    assert status == 200 and again["routes"] == plan["routes"]
    status, _, out = s.call("POST", "/?time_limit=0.5", (ROOT / "examples" / "data" / "vroom_day.json").read_text())
    assert status == 200 and out["code"] == 0 and out["routes"]


def test_verify_evaluate_assign_sla(serve):
    s = serve()
    problem = json.loads(SERVICE_DAY)
    _, _, plan = s.call("POST", "/solve?time_limit=0.5", problem)
    status, _, report = s.call("POST", "/verify", {"problem": problem, "plan": plan})
    assert status == 200 and report["ok"] and report["violations"] == []
    broken = json.loads(json.dumps(plan))
    broken["routes"][0]["steps"][1]["start"] -= 7200
    status, _, report = s.call("POST", "/verify", {"problem": problem, "plan": broken})
    assert status == 200 and not report["ok"] and report["violations"]
    status, _, ev = s.call("POST", "/evaluate", {"problem": problem, "plan": plan, "solve": False})
    assert status == 200 and ev["format"] == "fsdispatch-evaluation"
    # The bundled day is over-full: the only violations of the solver's plan are the jobs it leaves out.
    assert {v["kind"] for v in ev["plan"]["violations"]} <= {"unserved"}
    assert "comparison" not in ev
    status, _, ev = s.call("POST", "/evaluate", {"problem": problem, "plan": plan, "time_limit": 0.3})
    assert status == 200 and "solver" in ev["comparison"]
    batch = (ROOT / "tests" / "data" / "assign_small.json").read_text()
    status, _, res = s.call("POST", "/assign?method=greedy", batch)
    assert status == 200 and res["format"] == "fsdispatch-assign-result" and res["method"] == "greedy"
    status, _, rows = s.call("POST", "/sla/status", {
        "policy": json.loads((ROOT / "tests" / "data" / "sla_policy.json").read_text()),
        "events": (ROOT / "tests" / "data" / "sla_events.csv").read_text(), "at": "2026-11-24T12:00:00+01:00"})
    assert status == 200 and rows and {"ticket", "metric", "state", "deadline", "breached"} <= set(rows[0])
    tickets = {r["ticket"] for r in rows}
    assert "T-1" in tickets


def test_triage_predict_with_and_without_model(serve, cli, tmp_path):
    s = serve()
    status, _, doc = s.call("POST", "/triage/predict", {"text": "boiler leaking"})
    assert _error(409, doc)["message"].endswith("--triage-model")
    s.stop()
    model = tmp_path / "model.json"
    subprocess.run([cli, "triage", "train", str(ROOT / "tests" / "data" / "triage_small.csv"), "-o", str(model),
                    "--min-df", "1"], check=True, capture_output=True)
    s = serve("--triage-model", str(model), db="triage.sqlite")
    status, _, preds = s.call("POST", "/triage/predict", {"texts": ["Boiler leaking water", "热水器漏水"]})
    assert status == 200 and len(preds) == 2
    assert preds[0]["category"]["label"] and 0 < preds[0]["category"]["probability"] <= 1
    status, _, doc = s.call("POST", "/triage/predict", {"texts": ["ok", 3]})
    assert _error(400, doc)["path"] == "/texts/1"


def test_error_statuses_are_json_with_paths(serve):
    s = serve("--max-body", "20000", "--max-time-limit", "5")
    status, _, doc = s.call("POST", "/solve", "{\"engineers\": [")
    assert _error(400, doc)["path"] == ""
    bad = json.loads(small_problem_json())
    bad["jobs"][1]["duration"] = -5
    status, _, doc = s.call("POST", "/solve", bad)
    assert _error(400, doc)["path"] == "/jobs/1/duration"
    status, _, doc = s.call("POST", "/solve", {"problem": bad})
    assert _error(400, doc)["path"] == "/jobs/1/duration"
    status, _, doc = s.call("POST", "/solve?async=1", bad)  # refused before a job starts
    assert _error(400, doc)["path"] == "/jobs/1/duration"
    status, _, doc = s.call("POST", "/solve?time_limit=60", small_problem_json())
    assert _error(400, doc)["path"] == "?time_limit"
    status, _, doc = s.call("POST", "/solve?time_limit=abc", small_problem_json())
    assert _error(400, doc)["path"] == "?time_limit"
    status, _, doc = s.call("POST", "/solve", "[" * 200 + "]" * 200)
    assert status == 400 and _error(400, doc)
    status, _, doc = s.call("POST", "/verify", {"problem": json.loads(small_problem_json())})
    assert _error(400, doc)["path"] == "/plan"
    status, _, doc = s.call("POST", "/assign", {"format": "fsdispatch-assign", "version": 1, "now": 0,
                                                "tickets": [{"id": "a", "prio": 1}]})
    assert _error(400, doc)["path"].startswith("/tickets/0")
    status, _, doc = s.call("GET", "/no/such/route")
    assert _error(404, doc)
    status, _, doc = s.call("GET", "/plans/p0000")
    assert _error(404, doc)
    status, _, doc = s.call("GET", "/jobs/j0000")
    assert _error(404, doc)
    status, _, doc = s.call("POST", "/solve", raw=b"x" * 30000)
    assert _error(413, doc)["message"].find("20000") >= 0
    # Hostile bytes never make a 500.
    for raw in [b"\xff\xfe", b"{\"jobs\": 1e400}", b"", b"null", b"{\"problem\": 3}"]:
        status, _, doc = s.call("POST", "/plans", raw=raw)
        assert status == 400, (raw, doc)


def test_api_keys_and_tenant_isolation(serve, tmp_path):
    keys = tmp_path / "keys.txt"
    keys.write_text("# key tenant\nkey-a acme\nkey-b globex\n")
    s = serve("--api-keys", str(keys))
    status, _, doc = s.call("POST", "/plans", SERVICE_DAY)
    assert _error(401, doc)
    status, _, doc = s.call("POST", "/plans", SERVICE_DAY, headers={"Authorization": "Bearer wrong"})
    assert _error(401, doc)["message"] == "unknown API key"
    status, hdrs, created = s.call("POST", "/plans", {"problem": json.loads(SERVICE_DAY), "time_limit": 0.3},
                                   headers={"Authorization": "Bearer key-a"})
    assert status == 201 and hdrs["Location"] == "/plans/" + created["id"]
    pid = created["id"]
    assert s.call("GET", f"/plans/{pid}", headers={"X-API-Key": "key-a"})[0] == 200
    for method, path, body in [("GET", f"/plans/{pid}", None), ("GET", f"/plans/{pid}/events", None),
                               ("POST", f"/plans/{pid}/insert", {"ticket": _ticket("X-1")})]:
        status, _, doc = s.call(method, path, body, headers={"X-API-Key": "key-b"})
        assert _error(404, doc), (method, path)
    assert s.call("GET", "/health")[0] == 200  # health, metrics and the board need no key
    assert s.call("GET", f"/board/{pid}")[0] == 200


def test_live_plan_resources_and_journal(serve):
    s = serve()
    status, _, created = s.call("POST", "/plans", {"problem": json.loads(SERVICE_DAY), "time_limit": 0.5, "seed": 2})
    assert status == 201 and created["version"] == 1
    pid = created["id"]
    status, hdrs, state = s.call("GET", f"/plans/{pid}")
    assert status == 200 and hdrs["ETag"] == '"1"' and state["format"] == "fsdispatch-live-plan"
    status, _, ans = s.call("POST", f"/plans/{pid}/insert", {"ticket": _ticket("NEW-1"), "alternatives": 3})
    assert status == 200 and ans["version"] == 2 and ans["outcome"]["placed"]
    windows = [{"start": DAY + h * 3600, "end": DAY + (h + 2) * 3600} for h in (9, 13, 19)]
    status, _, ans = s.call("POST", f"/plans/{pid}/slots", {"ticket": _ticket("CALL-1"), "windows": windows})
    assert status == 200 and len(ans["outcome"]["offers"]) == 3
    status, _, ans = s.call("POST", f"/plans/{pid}/slots", {"ticket": _ticket("CALL-2"), "window": windows[1]})
    assert status == 200 and ans["version"] == 4
    status, _, ans = s.call("POST", f"/plans/{pid}/events", {"type": "cancel", "ticket": "NEW-1", "at": DAY + 8 * 3600})
    assert status == 200 and ans["version"] == 5
    status, _, ans = s.call("POST", f"/plans/{pid}/reoptimise", {"time_limit": 0.3, "reassignment_cost": 600})
    assert status == 200 and ans["version"] == 6
    # A refused event changes nothing: same version, same state.
    before = s.call("GET", f"/plans/{pid}")[2]
    status, _, doc = s.call("POST", f"/plans/{pid}/events", {"type": "cancel", "ticket": "NOPE", "at": DAY})
    assert status == 400 and _error(400, doc)
    status, _, doc = s.call("POST", f"/plans/{pid}/insert", {"type": "cancel"})
    assert _error(400, doc)["path"] == "/type"
    status, _, doc = s.call("POST", f"/plans/{pid}/events", {"type": "advance_time", "at": DAY + 9 * 3600},
                            headers={"If-Match": '"3"'})
    assert _error(409, doc)["message"].startswith(f"plan {pid} is at version 6")
    assert s.call("GET", f"/plans/{pid}")[2] == before
    status, _, journal = s.call("GET", f"/plans/{pid}/events")
    assert [j["version"] for j in journal] == [1, 2, 3, 4, 5, 6]
    assert [j["event"]["type"] for j in journal] == ["create", "insert", "offer_slots", "book_slot", "cancel",
                                                     "reoptimise"]
    status, hdrs, html = s.call("GET", f"/board/{pid}")
    assert status == 200 and hdrs["Content-Type"].startswith("text/html") and "<html" in html.lower()


def test_async_job_progress_cancel_and_solve_bound(serve):
    s = serve("--max-solves", "1")
    body = {"problem": json.loads(SERVICE_DAY), "time_limit": 30, "stagnation": 0}
    status, hdrs, job = s.call("POST", "/solve?async=1", body)
    assert status == 202 and hdrs["Location"] == "/jobs/" + job["id"]
    # The only solve slot is taken: another solve is refused at once.
    status, _, doc = s.call("POST", "/solve", small_problem_json())
    assert _error(429, doc)
    status, _, doc = s.call("POST", "/jobs", small_problem_json())
    assert _error(429, doc)
    deadline = time.time() + 10
    while True:
        _, _, st = s.call("GET", "/jobs/" + job["id"])
        if st["progress"] is not None or time.time() > deadline:
            break
        time.sleep(0.1)
    assert st["status"] == "running" and st["progress"]["best_cost"] > 0
    status, _, st = s.call("DELETE", "/jobs/" + job["id"])
    assert status == 202
    deadline = time.time() + 10
    while st["status"] == "running" and time.time() < deadline:
        time.sleep(0.05)
        _, _, st = s.call("GET", "/jobs/" + job["id"])
    assert st["status"] == "cancelled" and st["seconds"] < 20 and st["result"]["routes"]
    # The slot is free again.
    status, _, job2 = s.call("POST", "/jobs", {"problem": json.loads(small_problem_json()), "time_limit": 0.2})
    assert status == 202
    deadline = time.time() + 10
    while True:
        _, _, st = s.call("GET", "/jobs/" + job2["id"])
        if st["status"] != "running" or time.time() > deadline:
            break
        time.sleep(0.05)
    assert st["status"] == "done" and st["result"]["unassigned"] == []


def test_killed_server_keeps_every_accepted_event(serve):
    s = serve()
    problem = fsd.Problem.from_json(SERVICE_DAY)
    plan = fsd.solve(problem, time_limit=0.5, seed=5)
    status, _, created = s.call("POST", "/plans", {"problem": json.loads(SERVICE_DAY),
                                                   "plan": json.loads(plan.to_json(problem))})
    assert status == 201
    pid = created["id"]
    _, _, first = s.call("GET", f"/plans/{pid}")
    accepted = []
    stop = threading.Event()

    def stream():
        i = 0
        while not stop.is_set():
            i += 1
            event = {"type": "insert", "ticket": _ticket(f"K-{i}", minutes=1)}
            try:
                status, _, ans = s.call("POST", f"/plans/{pid}/events", event)
            except Exception:  # the server died mid-request: no answer, no promise
                return
            if status == 200:
                accepted.append(event)

    t = threading.Thread(target=stream)
    t.start()
    deadline = time.time() + 30
    while len(accepted) < 8 and t.is_alive() and time.time() < deadline:
        time.sleep(0.01)
    assert len(accepted) >= 8
    s.stop(signal.SIGKILL)
    stop.set()
    t.join()
    s2 = serve()
    status, _, journal = s2.call("GET", f"/plans/{pid}/events")
    assert status == 200
    journaled = [j["event"] for j in journal[1:]]
    # Every answered event is there, in order; at most the one in flight at the kill is there too.
    assert journaled[:len(accepted)] == accepted and len(journaled) - len(accepted) in (0, 1)
    # The stored state is exactly the first state with the journaled events applied offline.
    offline = fsd.LivePlan.from_json(json.dumps(first))
    for event in journaled:
        offline.apply_event(json.dumps(event))
    _, _, state = s2.call("GET", f"/plans/{pid}")
    assert state == json.loads(offline.to_json())
    # And the restarted server goes on from there.
    status, _, ans = s2.call("POST", f"/plans/{pid}/insert", {"ticket": _ticket("AFTER")})
    assert status == 200 and ans["version"] == len(journal) + 1


def test_key_file_as_json_and_bad_key_file(serve, cli, tmp_path):
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({"k1": "acme"}))
    s = serve("--api-keys", str(keys))
    assert s.call("POST", "/solve", small_problem_json(), headers={"Authorization": "Bearer k1"})[0] == 200
    assert s.call("POST", "/solve", small_problem_json(), headers={"X-API-Key": "k2"})[0] == 401
    bad = tmp_path / "bad.txt"
    bad.write_text("k1 acme extra\n")
    r = subprocess.run([cli, "serve", "--port", "0", "--db", str(tmp_path / "x.sqlite"), "--api-keys", str(bad)],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and f"{bad}:1" in r.stderr


def test_sigterm_stops_promptly_during_solves(serve):
    s = serve("--max-solves", "2")
    body = {"problem": json.loads(SERVICE_DAY), "time_limit": 60, "stagnation": 0}
    assert s.call("POST", "/jobs", body)[0] == 202
    sync = threading.Thread(target=lambda: s.call("POST", "/solve", body))
    sync.start()
    time.sleep(0.5)
    t0 = time.time()
    s.stop(signal.SIGTERM)
    sync.join()
    assert s.proc.returncode == 0 and time.time() - t0 < 15


def test_no_endpoint_answers_bad_input_with_a_500(serve):
    s = serve()
    created = s.call("POST", "/plans", {"problem": json.loads(small_problem_json()), "time_limit": 0.2})[2]
    paths = ["/solve", "/solve?async=1", "/jobs", "/", "/verify", "/evaluate", "/assign", "/sla/status", "/plans",
             f"/plans/{created['id']}/events", f"/plans/{created['id']}/insert", f"/plans/{created['id']}/slots",
             f"/plans/{created['id']}/reoptimise"]
    bodies = [b"", b"{", b"[]", b"3", b"\"x\"", b"{\"problem\": []}", b"{\"problem\": {}, \"plan\": 1}",
              b"{\"type\": 5}", b"{\"type\": \"insert\", \"ticket\": {\"id\": \"\"}}", b"\xc3\x28",
              b"{\"engineers\": [{\"id\": \"e\", \"shifts\": [{\"start\": 1e300, \"end\": -1}]}], \"jobs\": []}",
              b"{\"time_limit\": -1, \"problem\": {}}", b"{\"a\":" * 100 + b"1" + b"}" * 100]
    for path in paths:
        for body in bodies:
            if body == b"" and path.endswith("/reoptimise"):
                continue  # an empty body there is a re-optimisation with the default options
            status, _, doc = s.call("POST", path, raw=body)
            assert 400 <= status < 500, (path, body, status, doc)
            _error(status, doc)


def test_start_up_errors_exit_with_the_documented_codes(serve, cli, tmp_path):
    not_a_db = tmp_path / "not.sqlite"
    not_a_db.write_text("this is not a database, " * 100)
    r = subprocess.run([cli, "serve", "--port", "0", "--db", str(not_a_db)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and str(not_a_db) in r.stderr
    s = serve()
    port = s.base.rsplit(":", 1)[1]
    r = subprocess.run([cli, "serve", "--port", port, "--db", str(tmp_path / "other.sqlite")], capture_output=True,
                       text=True, timeout=30)
    assert r.returncode == 3 and "cannot listen" in r.stderr
