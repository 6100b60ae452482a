#!/usr/bin/python3
"""Load test of `fsd serve` on loopback: requests/s and latency percentiles of
POST /assign and POST /plans/{id}/insert with concurrent clients.

Bounded by design: it starts its own server on 127.0.0.1 with a throw-away
database, sends a fixed number of requests per client, and stops the server.
Each client is a thread with urllib (one connection per request, as a simple
backend would call). For inserts every client has its own live plan (the
bundled service day), so the figure shows plans changed side by side; each
insert is committed to SQLite (WAL, synchronous=FULL) before it is answered.

    /usr/bin/python3 bench/serve_load.py --cli build/release/fsd [--clients 8] [--requests 100]
"""
import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable, List, Tuple

ROOT = Path(__file__).resolve().parents[1]


def post(base: str, path: str, body: bytes) -> Tuple[int, Any]:
    request = urllib.request.Request(base + path, data=body, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return answer.status, json.loads(answer.read())


def run_clients(clients: int, requests: int, one: Callable[[int, int], None]) -> Tuple[float, List[float]]:
    """Runs `one(client, i)` requests times in each of `clients` threads; wall time and every latency."""
    latencies: List[List[float]] = [[] for _ in range(clients)]
    errors: List[BaseException] = []
    start_line = threading.Barrier(clients + 1)

    def client(c: int) -> None:
        start_line.wait()
        for i in range(requests):
            t0 = time.perf_counter()
            try:
                one(c, i)
            except BaseException as e:  # report, do not hide: a failed request fails the run
                errors.append(e)
                return
            latencies[c].append(time.perf_counter() - t0)

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    start_line.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise SystemExit(f"{len(errors)} request(s) failed, first: {errors[0]!r}")
    return wall, [x for per in latencies for x in per]


def report(name: str, wall: float, latencies: List[float]) -> str:
    ordered = sorted(latencies)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return (f"| {name} | {len(ordered)} | {len(ordered) / wall:.0f} | {q[49] * 1000:.1f} | {q[98] * 1000:.1f} | "
            f"{ordered[-1] * 1000:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", default=os.environ.get("FSD_CLI", str(ROOT / "build" / "release" / "fsd")))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=100, help="requests per client and endpoint")
    parser.add_argument("--threads", type=int, default=8, help="server worker threads")
    args = parser.parse_args()

    batch = (ROOT / "tests" / "data" / "assign_small.json").read_bytes()
    day = json.loads((ROOT / "examples" / "data" / "service_day.json").read_text())
    with tempfile.TemporaryDirectory() as folder:
        server = subprocess.Popen([args.cli, "serve", "--port", "0", "--db", os.path.join(folder, "load.sqlite"),
                                   "--threads", str(args.threads), "--max-solves", str(args.clients)],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            assert server.stdout is not None
            match = re.search(r"http://\S+", server.stdout.readline())
            if match is None:
                raise SystemExit("the server did not start")
            base = match.group(0)
            plans = [post(base, "/plans", json.dumps({"problem": day, "time_limit": 0.5, "seed": c + 1}).encode())[1]["id"]
                     for c in range(args.clients)]

            def assign(c: int, i: int) -> None:
                status, doc = post(base, "/assign", batch)
                assert status == 200 and doc["format"] == "fsdispatch-assign-result", doc

            def insert(c: int, i: int) -> None:
                ticket = {"id": f"LOAD-{c}-{i}", "location": {"lat": 48.10 + 0.001 * i, "lon": 11.55 + 0.001 * c},
                          "duration": 300, "optional": True, "penalty": 100000}
                status, doc = post(base, f"/plans/{plans[c]}/insert", json.dumps({"ticket": ticket}).encode())
                assert status == 200 and doc["version"] == i + 2, doc

            print(f"fsd serve load test: {args.clients} clients x {args.requests} requests, "
                  f"{args.threads} server threads, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
            print("| endpoint | requests | requests/s | p50 ms | p99 ms | max ms |")
            print("|---|---:|---:|---:|---:|---:|")
            print(report("POST /assign", *run_clients(args.clients, args.requests, assign)))
            print(report("POST /plans/{id}/insert", *run_clients(args.clients, args.requests, insert)))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
