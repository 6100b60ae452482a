"""The dispatch board (apps/fsd/board/board.html) in headless Chromium.

A small loopback server stands in for `fsd serve`: /board/X answers the page, /plans/X a live
plan made with the CLI when the tests start (so the fixture cannot drift from the format). The
rendered DOM is read with --dump-dom, and a screenshot is checked for its size and for content.
"""
import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import threading
import urllib.request
import zlib
from collections import Counter
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
BOARD = ROOT / "apps" / "fsd" / "board" / "board.html"
WINDOW = (1400, 900)
KEY = "board-test-key"



@pytest.fixture(autouse=True)
def _chromium_installed():
    # A missing browser fails rather than skips, so the board cannot go untested unnoticed.
    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium (/usr/bin/chromium) is not installed; scripts/setup installs it")


# ---- the fixture plan, made with the CLI ----

def _dispatch(cli, plan, workdir, event, name):
    path = workdir / f"{name}.json"
    path.write_text(json.dumps(event))
    out = subprocess.run([cli, "dispatch", str(plan), str(path), "--in-place"], capture_output=True, text=True)
    assert out.returncode == 0, f"fsd dispatch {name}: {out.stderr}"
    return json.loads(out.stdout)


def _make_live_plan(cli, workdir):
    """The bundled service day with one visit done and one under way, the clock moved on, a
    ticket nobody is qualified for, one whose window has passed and one that can only be served
    late. Returns the plan and the engine's reason for each ticket left out."""
    plan = workdir / "live.json"
    out = subprocess.run([cli, "dispatch-init", str(ROOT / "examples" / "data" / "service_day.json"), "-o", str(plan),
                          "--time-limit", "0.5", "--seed", "3"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    doc = json.loads(plan.read_text())
    first = next(r for r in doc["routes"] if r["steps"] and r["steps"][0]["type"] == "job")
    done = first["steps"][0]
    _dispatch(cli, plan, workdir, {"type": "start_travel", "ticket": done["job"], "at": doc["now"]}, "e1")
    _dispatch(cli, plan, workdir, {"type": "arrive", "ticket": done["job"], "at": done["arrival"]}, "e2")
    _dispatch(cli, plan, workdir, {"type": "job_finished", "ticket": done["job"], "at": done["end"]}, "e3")
    # Reports move the clock to their time; half an hour later another engineer sets off.
    now = json.loads(plan.read_text())["now"] + 1800
    _dispatch(cli, plan, workdir, {"type": "advance_time", "at": now}, "e4")
    second = next(r for r in json.loads(plan.read_text())["routes"]
                  if r["engineer"] != first["engineer"] and r["steps"] and r["steps"][0]["type"] == "job")
    _dispatch(cli, plan, workdir, {"type": "start_travel", "ticket": second["steps"][0]["job"], "at": now}, "e5")
    nobody = _dispatch(cli, plan, workdir, {"type": "insert", "ticket": {
        "id": "CRANE-1", "location": {"lat": 48.14, "lon": 11.58}, "duration": 1800,
        "skills": [{"skill": "crane", "min_level": 1}]}}, "e6")
    assert not nobody["placed"]
    # A soft deadline a minute after the clock: any engineer arrives after it, so the visit is late.
    late = _dispatch(cli, plan, workdir, {"type": "insert", "ticket": {
        "id": "RUSH-1", "location": {"lat": 48.10, "lon": 11.50}, "duration": 600, "priority": 50,
        "sla": {"deadline": now + 60, "hard": False, "lateness_cost_per_second": 1}}}, "e7")
    assert late["placed"]
    gone = _dispatch(cli, plan, workdir, {"type": "insert", "ticket": {
        "id": "GONE-1", "location": {"lat": 48.12, "lon": 11.55}, "duration": 900,
        "time_windows": [{"start": now - 7200, "end": now - 3600}]}}, "e8")
    assert not gone["placed"]
    # Trying every pending ticket once more makes the engine state why each one stays out.
    again = _dispatch(cli, plan, workdir, {"type": "place_pending"}, "e9")
    reasons = {t["ticket"]: t["reason"] for t in again["changes"]["left_out"]}
    return json.loads(plan.read_text()), reasons


def _cancel_one(cli, live, workdir):
    """The plan after the customer of its last planned visit cancelled: (that ticket, the plan)."""
    plan = workdir / "later.json"
    plan.write_text(json.dumps(live))
    ticket = next(s["job"] for r in reversed(live["routes"]) for s in reversed(r["steps"])
                  if s["type"] == "job" and s["status"] == "planned")
    _dispatch(cli, plan, workdir, {"type": "cancel", "ticket": ticket, "at": live["now"]}, "cancel")
    return ticket, json.loads(plan.read_text())


def _with_offset(value, offset):
    """An instant of the plan as ISO-8601 in a fixed offset (what a plan written with an offset holds)."""
    tz = dt.timezone(dt.timedelta(seconds=offset))
    return dt.datetime.fromtimestamp(value, tz).isoformat()


_INSTANT_KEYS = {"now", "start", "end", "arrival", "departure", "end_arrival", "departed", "deadline",
                 "position_at", "unavailable_from", "ready_at"}


def _iso_copy(node, offset):
    """The plan with every instant written as ISO-8601 at `offset` (durations stay integers)."""
    if isinstance(node, dict):
        return {k: (_with_offset(v, offset) if k in _INSTANT_KEYS and isinstance(v, int) else _iso_copy(v, offset))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_iso_copy(v, offset) for v in node]
    return node


def _check_live_plan(cli, doc, workdir):
    """The CLI reads `doc` as a live plan (so the ISO copy is one the engine could have written)."""
    path = workdir / "check.json"
    path.write_text(json.dumps(doc))
    event = workdir / "check-event.json"
    event.write_text(json.dumps({"type": "advance_time", "at": doc["now"]}))
    out = subprocess.run([cli, "dispatch", str(path), str(event)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


# ---- a stand-in for fsd serve ----

class _Server:
    def __init__(self, plans, keyed):
        # A plan is its JSON text, or a list of answers given in turn (the last one repeats):
        # JSON texts, or an HTTP status for a failure.
        self.plans, self.keyed, self.keys_seen = plans, keyed, []
        self.served = {}
        board = BOARD.read_bytes()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?", 1)[0]
                if path.startswith("/board/"):
                    return self._send(200, "text/html; charset=utf-8", board)
                if path.startswith("/plans/"):
                    plan_id = path[len("/plans/"):]
                    key = self.headers.get("X-API-Key")
                    outer.keys_seen.append((plan_id, key))
                    if plan_id in outer.keyed and key != KEY:
                        return self._error(401, "an API key is required")
                    if plan_id not in outer.plans:
                        return self._error(404, f"no plan {plan_id}")
                    answer = outer.plans[plan_id]
                    if isinstance(answer, list):
                        n = outer.served.get(plan_id, 0)
                        outer.served[plan_id] = n + 1
                        answer = answer[min(n, len(answer) - 1)]
                    if isinstance(answer, int):
                        return self._error(answer, "the store is busy")
                    return self._send(200, "application/json", answer.encode())
                return self._error(404, "not found")

            def _error(self, status, message):
                body = json.dumps({"error": {"status": status, "path": "", "message": message}}).encode()
                self._send(status, "application/json", body)

            def _send(self, status, kind, body):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def board():
    # Module scope: the plan is made and served once for all the tests (conftest's `cli` is per test).
    cli = os.environ.get("FSD_CLI")
    if not cli:
        pytest.fail("FSD_CLI is not set: run the Python tests through ctest (scripts/test)")
    with tempfile.TemporaryDirectory() as tmp:
        live, reasons = _make_live_plan(cli, Path(tmp))
        later = _cancel_one(cli, live, Path(tmp))
        berlin = _iso_copy(live, 3600)
        _check_live_plan(cli, berlin, Path(tmp))
        plans = {"day": json.dumps(live), "day-berlin": json.dumps(berlin), "keyed": json.dumps(live),
                 "refreshing": [json.dumps(live), json.dumps(later[1]), 503]}
        with _Server(plans, keyed={"keyed"}) as server:
            server.cancelled = later[0]
            server.engine_reasons = reasons
            yield server, live


def _chromium(*args, budget=5000):
    profile = tempfile.mkdtemp(prefix="fsd-board-chromium-")
    try:
        return subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}",
                               "--enable-logging=stderr", "--v=0",
                               f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--virtual-time-budget={budget}", *args],
                              capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _dom(url, budget=5000):
    out = _chromium("--dump-dom", url, budget=budget)
    assert "<html" in out.stdout, out.stderr[-2000:]
    # The page's console goes to stderr with --enable-logging: a script error is a failure.
    errors = [line for line in out.stderr.splitlines() if "CONSOLE" in line and "Uncaught" in line]
    assert not errors, errors
    return _Dom(out.stdout)


class _Dom(HTMLParser):
    """The elements of a dumped page as (tag, attributes, text inside) tuples."""

    def __init__(self, text):
        super().__init__()
        self.elements, self._open = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        entry = [tag, dict(attrs), ""]
        self.elements.append(entry)
        if tag not in ("meta", "link", "br", "img", "input"):
            self._open.append(entry)

    def handle_startendtag(self, tag, attrs):
        self.elements.append([tag, dict(attrs), ""])

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for entry in self._open:
            entry[2] += data

    def find(self, tag=None, cls=None, **attrs):
        found = []
        for t, a, text in self.elements:
            if tag and t != tag:
                continue
            if cls and cls not in a.get("class", "").split():
                continue
            if any(a.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            found.append((t, a, text))
        return found


# ---- the tests ----

def test_board_draws_every_engineer_visit_and_left_out_ticket(board):
    server, live = board
    dom = _dom(f"{server.url}/board/day#key={KEY}")
    assert not dom.find("div", id="error", hidden=None), "the error box is shown"

    engineers = [e["id"] for e in live["problem"]["engineers"]]
    rows = dom.find("g", cls="gantt-row")
    assert [a["data-engineer"] for _, a, _ in rows] == engineers

    visits = {(r["engineer"], s["job"]): s["status"] for r in live["routes"] for s in r["steps"] if s["type"] == "job"}
    bars = dom.find("rect", cls="visit")
    assert len(bars) == len(visits)
    for _, a, title in bars:
        assert a["data-ticket"] in title, "a bar's title names its ticket"
    by_row = {(e, a["data-ticket"]) for e in engineers for _, a, _ in _row_bars(dom, e)}
    assert by_row == set(visits)
    assert {a["data-status"] for _, a, _ in bars} >= {"done", "en_route", "planned"}

    breaks = [s for r in live["routes"] for s in r["steps"] if s["type"] == "break"]
    assert len(dom.find("rect", cls="break")) == len(breaks)

    # RUSH-1 was placed past its deadline: its bar is marked late and the lateness drawn before it.
    rush = dom.find("rect", cls="visit", data_ticket="RUSH-1")
    assert len(rush) == 1 and "late" in rush[0][1]["class"].split()
    assert "past its SLA deadline" in rush[0][2]
    assert dom.find("rect", cls="lateness", data_ticket="RUSH-1")
    assert dom.find("line", cls="now-line")

    pending = {t["id"] for t in live["tickets"] if t["status"] == "pending"}
    assert "CRANE-1" in pending
    shown = dom.find("tr", cls="pending-ticket")
    assert {a["data-ticket"] for _, a, _ in shown} == pending
    crane = dom.find("tr", cls="pending-ticket", data_ticket="CRANE-1")[0]
    assert crane[1]["data-reason"] == "no_qualified_engineer"
    assert "crane" in crane[2]  # the engine names the missing skill
    # The board shows the reason the plan states for each pending ticket (LivePlan::why_pending),
    # which is the engine's reason in the outcome that left it out; "too_costly" is known only to
    # the insertion that weighed the penalty, so the plan then says "not_inserted".
    stated = {t["id"]: (t["reason"], t["detail"]) for t in live["tickets"] if t["status"] == "pending"}
    engine = server.engine_reasons
    assert set(engine) == pending
    assert {"no_qualified_engineer", "window_unreachable"} <= set(engine.values())
    for _, a, text in shown:
        reason, detail = stated[a["data-ticket"]]
        assert a["data-reason"] == reason and detail in text, (a["data-ticket"], text)
        expected = engine[a["data-ticket"]]
        assert reason == ("not_inserted" if expected == "too_costly" else expected), (a["data-ticket"], text)

    # The map: one route line per engineer with visits, one dot per visit, a diamond per left-out ticket.
    busy = {r["engineer"] for r in live["routes"] if any(s["type"] == "job" for s in r["steps"])}
    assert len(dom.find("polyline", cls="map-route")) == len(busy)
    assert len(dom.find("circle", cls="map-visit")) == len(visits)
    assert {a["data-ticket"] for _, a, _ in dom.find("path", cls="map-pending")} == pending

    status = dom.find("p", id="status")[0][2]
    counts = {s: sum(t["status"] == s for t in live["tickets"]) for s in ("planned", "pending", "done")}
    assert f"{len(engineers)} engineers" in status
    for name, n in counts.items():
        assert f"{n} {name}" in status
    assert ("day", KEY) in server.keys_seen, "the key from the fragment is sent as X-API-Key"


def _row_bars(dom, engineer):
    # The dump keeps each row's children after the row's own start tag; rows are consecutive.
    out, inside = [], False
    for t, a, text in dom.elements:
        if t == "g" and "gantt-row" in a.get("class", "").split():
            inside = a["data-engineer"] == engineer
        elif t == "g":
            inside = False
        elif inside and t == "rect" and "visit" in a.get("class", "").split():
            out.append((t, a, text))
    return out


def test_board_shows_times_in_the_plans_offset(board):
    server, live = board
    dom = _dom(f"{server.url}/board/day-berlin")
    now = dt.datetime.fromtimestamp(live["now"], dt.timezone(dt.timedelta(hours=1)))
    status = dom.find("p", id="status")[0][2]
    assert f"clock {now:%Y-%m-%d %H:%M} +01:00" in status
    assert f"now {now:%H:%M}" in dom.find("text", cls="now-text")[0][2]
    assert len(dom.find("rect", cls="visit")) == sum(s["type"] == "job" for r in live["routes"] for s in r["steps"])
    step = next(s for r in live["routes"] for s in r["steps"] if s["type"] == "job")
    start = dt.datetime.fromtimestamp(step["start"], dt.timezone(dt.timedelta(hours=1)))
    assert f"{start:%H:%M}" in dom.find("rect", cls="visit", data_ticket=step["job"])[0][2]


def test_board_shows_times_in_a_zone_named_in_the_address(board):
    server, live = board
    zone = "America/New_York"
    dom = _dom(f"{server.url}/board/day#tz={zone}")
    now = dt.datetime.fromtimestamp(live["now"], ZoneInfo(zone))
    assert f"clock {now:%Y-%m-%d %H:%M} {zone}" in dom.find("p", id="status")[0][2]
    step = next(s for r in live["routes"] for s in r["steps"] if s["type"] == "job")
    start = dt.datetime.fromtimestamp(step["start"], ZoneInfo(zone))
    assert f"{start:%H:%M}" in dom.find("rect", cls="visit", data_ticket=step["job"])[0][2]


def test_board_says_when_the_plan_is_missing(board):
    server, _ = board
    dom = _dom(f"{server.url}/board/no-such-plan")
    box = dom.find("div", id="error")
    assert box and "hidden" not in box[0][1]
    assert "no-such-plan" in box[0][2] and "404" in box[0][2]
    assert "hidden" in dom.find("main", id="board")[0][1]


def test_board_without_the_key_says_so(board):
    server, _ = board
    dom = _dom(f"{server.url}/board/keyed")
    box = dom.find("div", id="error")
    assert box and "hidden" not in box[0][1]
    assert "401" in box[0][2] and "key=" in box[0][2]


def test_board_refreshes_in_place_and_keeps_the_last_plan_on_failure(board):
    server, live = board
    # Virtual time runs the page's timers: fetches at 0 s (the plan), 5 s (a ticket cancelled
    # since) and 10 s (the server fails).
    dom = _dom(f"{server.url}/board/refreshing#refresh=5", budget=12000)
    assert server.served["refreshing"] >= 3
    assert not dom.find("rect", cls="visit", data_ticket=server.cancelled)
    visits = sum(s["type"] == "job" for r in live["routes"] for s in r["steps"])
    assert len(dom.find("rect", cls="visit")) == visits - 1
    assert "1 cancelled" in dom.find("p", id="status")[0][2]
    box = dom.find("div", id="error")
    assert box and "hidden" not in box[0][1]
    assert "503" in box[0][2] and "last plan" in box[0][2]
    assert "hidden" not in dom.find("main", id="board")[0][1]


def _has_serve(cli):
    listing = subprocess.run([cli, "--help"], capture_output=True, text=True).stdout
    return any(line.split()[:1] == ["serve"] for line in listing.splitlines())


def test_board_served_by_fsd_serve(tmp_path):
    """The page as `fsd serve` embeds and serves it, on a plan stored through the service, with a key."""
    cli = os.environ.get("FSD_CLI")
    if not cli:
        pytest.fail("FSD_CLI is not set: run the Python tests through ctest (scripts/test)")
    if not _has_serve(cli):
        pytest.skip("this fsd was built without `fsd serve`")
    (tmp_path / "keys.txt").write_text(f"{KEY} depot-north\n")
    server = subprocess.Popen([cli, "serve", "--port", "0", "--db", str(tmp_path / "plans.sqlite"),
                               "--api-keys", str(tmp_path / "keys.txt")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = server.stdout.readline()
        assert "listening on http://" in first, first
        url = first.strip().rsplit(" ", 1)[-1]
        problem = (ROOT / "examples" / "data" / "service_day.json").read_bytes()
        request = urllib.request.Request(f"{url}/plans?time_limit=0.5", data=problem, method="POST",
                                         headers={"Content-Type": "application/json", "X-API-Key": KEY})
        with urllib.request.urlopen(request, timeout=30) as answer:
            created = json.loads(answer.read())
        get = urllib.request.Request(f"{url}/plans/{created['id']}", headers={"X-API-Key": KEY})
        with urllib.request.urlopen(get, timeout=30) as answer:
            live = json.loads(answer.read())

        dom = _dom(f"{url}{created['board']}#key={KEY}")
        assert not dom.find("div", id="error", hidden=None), "the error box is shown"
        assert [a["data-engineer"] for _, a, _ in dom.find("g", cls="gantt-row")] == \
            [e["id"] for e in live["problem"]["engineers"]]
        assert sorted(a["data-ticket"] for _, a, _ in dom.find("rect", cls="visit")) == \
            sorted(s["job"] for r in live["routes"] for s in r["steps"] if s["type"] == "job")
        assert {a["data-ticket"] for _, a, _ in dom.find("tr", cls="pending-ticket")} == \
            {t["id"] for t in live["tickets"] if t["status"] == "pending"}
        # The plan's version comes from the answer's ETag.
        assert f"version {created['version']}" in dom.find("p", id="status")[0][2]

        refused = _dom(f"{url}{created['board']}")
        box = refused.find("div", id="error")
        assert box and "hidden" not in box[0][1] and "401" in box[0][2]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_board_screenshot_has_the_window_size_and_content(board, tmp_path):
    server, live = board
    shot = tmp_path / "board.png"
    out = _chromium(f"--screenshot={shot}", f"{server.url}/board/keyed?key={KEY}")
    assert shot.exists(), out.stderr[-2000:]
    width, height, pixels = _read_png(shot.read_bytes())
    assert (width, height) == WINDOW
    seen = Counter(p[:3] for p in pixels)
    assert len(seen) > 100, f"only {len(seen)} colours: the screenshot is blank"
    # Each engineer's row is drawn in the engineer's colour (the page's own palette): its label
    # swatch and visit bars, and the map's route and dots, give over a hundred pixels of exactly
    # that colour. An error page or an empty board has none of them.
    palette = _palette()
    engineers = len(live["problem"]["engineers"])
    drawn = [i for i in range(min(engineers, len(palette))) if seen[bytes.fromhex(palette[i][1:])] >= 100]
    assert drawn == list(range(min(engineers, len(palette))))
    assert ("keyed", KEY) in server.keys_seen, "the key from the query is sent as X-API-Key"


def _palette():
    """The engineers' colours, read from the page so that the test follows it."""
    text = BOARD.read_text()
    start = text.index("const PALETTE")
    return re.findall(r"#[0-9a-f]{6}", text[start:text.index("];", start)])


# ---- a small PNG reader (8-bit RGB/RGBA, not interlaced: what Chromium writes) ----

def _read_png(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, f"unsupported PNG {header}"
    bpp = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    prev = bytearray(stride)
    pixels = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        _unfilter(kind, line, prev, bpp)
        pixels.extend(bytes(line[i:i + bpp]) for i in range(0, stride, bpp))
        prev = line
    return width, height, pixels


def _unfilter(kind, line, prev, bpp):
    # The first pixel of a row has no left neighbour (a = c = 0): handled before the main loop,
    # which then runs without branches (a hot loop: Chromium filters most rows with Paeth).
    n = len(line)
    if kind == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif kind == 2:
        for i in range(n):
            line[i] = (line[i] + prev[i]) & 0xFF
    elif kind == 3:
        for i in range(bpp):
            line[i] = (line[i] + (prev[i] >> 1)) & 0xFF
        for i in range(bpp, n):
            line[i] = (line[i] + ((line[i - bpp] + prev[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(bpp):
            line[i] = (line[i] + prev[i]) & 0xFF
        for i in range(bpp, n):
            a, b, c = line[i - bpp], prev[i], prev[i - bpp]
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
    else:
        assert kind == 0, f"unknown PNG filter {kind}"
