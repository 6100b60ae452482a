"""The CLI's contract under hostile input (issue 17): exit 2 with the field's
path for bad input, 3 when the machine runs out, never a crash, a hang or a
file left half-written; a live plan that refused an event is left as it was."""
import json
import resource
import subprocess
from pathlib import Path

import pytest

from conftest import small_problem_json


def run(cli, *args, limit_memory=None, timeout=120):
    def limit():
        if limit_memory:
            resource.setrlimit(resource.RLIMIT_AS, (limit_memory, limit_memory))
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit if limit_memory else None)


def deep_document(levels=100_000):
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("command", [
    ["solve", "{doc}"],
    ["solve", "--format", "vroom", "{doc}"],
    ["verify", "{doc}", "{doc}"],
    ["evaluate", "{doc}", "{doc}"],
    ["dispatch-init", "{doc}", "-o", "{out}"],
    ["assign", "{doc}"],
    ["simulate", "{doc}", "--days", "1"],
])
def test_deeply_nested_json_is_refused_not_a_crash(cli, tmp_path, command):
    doc = tmp_path / "deep.json"
    doc.write_text(deep_document())
    args = [a.format(doc=doc, out=tmp_path / "out.json") for a in command]
    r = run(cli, *args)
    assert r.returncode == 2, r.stderr
    assert "nest deeper than 64" in r.stderr


def test_number_beyond_double_range_is_bad_input_by_field(cli, tmp_path):
    doc = json.loads(small_problem_json())
    problem = tmp_path / "problem.json"
    problem.write_text(json.dumps(doc).replace('"duration": 1800', '"duration": 1e400', 1))
    r = run(cli, "solve", str(problem))
    assert r.returncode == 2, r.stderr
    assert "/jobs/0/duration" in r.stderr and "1e400" in r.stderr
    # For verify, exit 1 means "violations": bad input must stay 2 there too.
    r = run(cli, "verify", str(problem), str(problem))
    assert r.returncode == 2, r.stderr


def test_costs_that_would_overflow_are_refused_by_field(cli, tmp_path):
    doc = json.loads(small_problem_json())
    doc["engineers"][0]["costs"] = {"per_hour": 9223372036854775807}
    problem = tmp_path / "problem.json"
    problem.write_text(json.dumps(doc))
    r = run(cli, "solve", str(problem), "--time-limit", "0.1")
    assert r.returncode == 2, r.stderr
    assert "/engineers/0/costs/per_hour" in r.stderr


def test_too_many_threads_is_bad_input(cli, tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json())
    r = run(cli, "solve", str(problem), "--threads", "256", "--time-limit", "0.1")
    assert r.returncode == 2
    assert "/options/threads" in r.stderr


def test_memory_limit_gives_a_plan_or_exit_3_never_a_hang(cli, tmp_path):
    # Between these limits some threads cannot start, or memory runs out
    # inside a search: either the solve goes on with the threads it has and
    # writes a verified plan, or it says so and exits 3.
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json(jobs=12))
    seen = set()
    for megabytes in (60, 64, 68, 72, 80, 120):
        plan = tmp_path / f"plan{megabytes}.json"
        r = run(cli, "solve", str(problem), "--threads", "8", "--time-limit", "0.2", "-q", "-o", str(plan),
                limit_memory=megabytes * 1024 * 1024, timeout=60)
        assert r.returncode in (0, 3), (megabytes, r.returncode, r.stderr)
        seen.add(r.returncode)
        if r.returncode == 0:
            assert json.loads(plan.read_text())["routes"] is not None
            assert run(cli, "verify", str(problem), str(plan)).returncode == 0
        else:
            assert "out of memory" in r.stderr or "system refused" in r.stderr
            assert not plan.exists()
    assert 0 in seen


@pytest.mark.parametrize("seed", ["-1", "18446744073709551616", "1x", ""])
def test_seed_out_of_range_is_refused(cli, tmp_path, seed):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json())
    r = run(cli, "solve", str(problem), "--seed", seed, "--time-limit", "0.1")
    assert r.returncode == 2
    assert "--seed" in r.stderr


def test_largest_seed_is_accepted(cli, tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json())
    r = run(cli, "solve", str(problem), "--seed", "18446744073709551615", "--time-limit", "0.1", "-q")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["stats"]["seed"] == 18446744073709551615


def test_utc_offset_beyond_any_clock_is_refused(cli, tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json())
    r = run(cli, "solve", str(problem), "--utc-offset", "100000000", "--time-limit", "0.1")
    assert r.returncode == 2
    assert "--utc-offset" in r.stderr


def test_fixing_one_engineer_twice_is_refused(cli, tmp_path):
    problem = tmp_path / "problem.json"
    plan = tmp_path / "plan.json"
    problem.write_text(small_problem_json())
    assert run(cli, "solve", str(problem), "-o", str(plan), "--time-limit", "0.1").returncode == 0
    r = run(cli, "solve", str(problem), "--initial", str(plan), "--fix", "eng-1", "--fix", "eng-1:1")
    assert r.returncode == 2
    assert "fixed twice" in r.stderr


def test_quiet_solve_prints_only_json(cli, tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json())
    r = run(cli, "solve", str(problem), "-q", "--time-limit", "0.1")
    assert r.returncode == 0, r.stderr
    json.loads(r.stdout)


def live_day(cli, tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json(jobs=6))
    live = tmp_path / "live.json"
    r = run(cli, "dispatch-init", str(problem), "-o", str(live), "--time-limit", "0.1")
    assert r.returncode == 0, r.stderr
    return live


def event(cli, tmp_path, live, doc):
    path = tmp_path / "event.json"
    path.write_text(json.dumps(doc))
    return run(cli, "dispatch", str(live), str(path), "--in-place")


def first_ticket(live):
    doc = json.loads(live.read_text())
    for route in doc["routes"]:
        for step in route["steps"]:
            if step["type"] == "job":
                return route["engineer"], step["job"], step["arrival"]
    raise AssertionError("no planned ticket")


def test_break_started_on_site_leaves_a_readable_plan(cli, tmp_path):
    live = live_day(cli, tmp_path)
    engineer, ticket, arrival = first_ticket(live)
    assert event(cli, tmp_path, live, {"type": "arrive", "ticket": ticket, "at": arrival}).returncode == 0
    r = event(cli, tmp_path, live, {"type": "break_started", "engineer": engineer, "at": arrival + 600})
    if r.returncode == 0:
        doc = json.loads(live.read_text())
        status = {t["id"]: t["status"] for t in doc["tickets"]}
        assert status[ticket] == "done"
    # Whatever the answer, the plan still reads: the next event is judged on its own.
    r = event(cli, tmp_path, live, {"type": "advance_time", "at": arrival + 900})
    assert r.returncode == 0, r.stderr


def test_refused_events_leave_the_file_byte_for_byte(cli, tmp_path):
    live = live_day(cli, tmp_path)
    engineer, ticket, arrival = first_ticket(live)
    before = live.read_bytes()
    hostile = [
        {"type": "delay", "engineer": engineer, "seconds": 2305843009213693951, "at": arrival},
        {"type": "arrive", "ticket": ticket, "at": 2305843009213693951},
        {"type": "arrive", "ticket": ticket, "at": arrival + 10 * 86400},
        {"type": "engineer_position", "engineer": engineer, "location": {"lat": 91, "lon": 500}, "at": arrival},
        {"type": "arrive", "ticket": ticket},
        {"type": "engineer_position", "engineer": engineer, "at": arrival},
    ]
    for doc in hostile:
        r = event(cli, tmp_path, live, doc)
        assert r.returncode == 2, (doc, r.stderr)
        assert r.stderr.startswith("error: /"), r.stderr  # every message names its field
        assert live.read_bytes() == before


def test_dispatch_init_refuses_a_clock_no_plan_can_hold(cli, tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json())
    out = tmp_path / "live.json"
    r = run(cli, "dispatch-init", str(problem), "-o", str(out), "--now=-9223372036854775808")
    assert r.returncode == 2
    assert "/now" in r.stderr
    assert not out.exists()


def test_live_plan_with_a_ticket_listed_twice_is_refused(cli, tmp_path):
    live = live_day(cli, tmp_path)
    doc = json.loads(live.read_text())
    doc["tickets"].append(dict(doc["tickets"][0]))
    live.write_text(json.dumps(doc))
    r = event(cli, tmp_path, live, {"type": "place_pending"})
    assert r.returncode == 2
    assert "/tickets/" in r.stderr and "listed twice" in r.stderr


def test_full_disk_during_in_place_write_leaves_the_live_plan_and_exits_3(cli, tmp_path):
    # A file-size limit stands in for a full disk: the write beside the plan
    # fails halfway (EFBIG), the plan is left byte for byte, and fsd says so.
    import signal
    live = live_day(cli, tmp_path)
    before = live.read_bytes()
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps({"type": "place_pending"}))

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
    r = subprocess.run([cli, "dispatch", str(live), str(event_path), "--in-place"], capture_output=True, text=True,
                       timeout=60, preexec_fn=small_files)
    assert r.returncode == 3, r.stderr
    assert "cannot write file" in r.stderr
    assert live.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_read_only_folder_leaves_the_live_plan_and_exits_2(cli, tmp_path):
    # Root writes anywhere, so as root the command runs as `nobody`, from a
    # copy of fsd in a folder that user can enter.
    import os
    import shutil
    import stat
    import tempfile
    live = live_day(cli, tmp_path)
    folder = Path(tempfile.mkdtemp(prefix="fsd-read-only-"))
    try:
        shutil.copy(cli, folder / "fsd")
        shutil.copy(live, folder / "live.json")
        (folder / "event.json").write_text(json.dumps({"type": "place_pending"}))
        for p in folder.iterdir():
            p.chmod(0o755 if p.name == "fsd" else 0o644)
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        before = (folder / "live.json").read_bytes()

        def as_nobody():
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
        r = subprocess.run([str(folder / "fsd"), "dispatch", str(folder / "live.json"), str(folder / "event.json"),
                            "--in-place"], capture_output=True, text=True, timeout=60, preexec_fn=as_nobody)
        assert r.returncode == 2, r.stderr
        assert str(folder / "live.json") in r.stderr
        assert (folder / "live.json").read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["event.json", "fsd", "live.json"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
