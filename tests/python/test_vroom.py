import json
import subprocess

import pytest

import fsdispatch as fsd

from conftest import ROOT

MATRIX = ROOT / "tests" / "data" / "io_vroom_matrix.json"
COORDS = ROOT / "tests" / "data" / "io_vroom_coords.json"


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


def check_shape(doc, job_ids):
    assert doc["code"] == 0
    summary = doc["summary"]
    assert summary["routes"] == len(doc["routes"])
    assert summary["unassigned"] == len(doc["unassigned"])
    assert summary["cost"] == sum(r["cost"] for r in doc["routes"])
    assert summary["duration"] == sum(r["duration"] for r in doc["routes"])
    assert summary["priority"] == sum(r["priority"] for r in doc["routes"])
    seen = [s["id"] for r in doc["routes"] for s in r["steps"] if s["type"] == "job"]
    seen += [u["id"] for u in doc["unassigned"]]
    assert sorted(seen) == sorted(job_ids)
    for r in doc["routes"]:
        arrivals = [s["arrival"] for s in r["steps"]]
        assert arrivals == sorted(arrivals)


def test_cli_solves_vroom_input_to_stdout(cli):
    r = run(cli, "solve", "--format", "vroom", str(MATRIX), "--iterations", "50", "--seed", "2", "-q")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    check_shape(doc, [101 + k for k in range(8)])
    assert {u["id"]: u["reason"] for u in doc["unassigned"]}[108] == "no_qualified_engineer"


def test_cli_writes_vroom_output_file(cli, tmp_path):
    out = tmp_path / "out.json"
    r = run(cli, "solve", "--format", "vroom", str(COORDS), "--time-limit", "0.2", "-o", str(out))
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text())
    check_shape(doc, [101 + k for k in range(8)])
    assert doc["routes"][0]["steps"][0]["location"]


def test_cli_refuses_shipments_by_name(cli, tmp_path):
    doc = json.loads(MATRIX.read_text())
    doc["shipments"] = [{"pickup": {"id": 1, "location_index": 1}, "delivery": {"id": 1, "location_index": 2}}]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    r = run(cli, "solve", "--format", "vroom", str(bad))
    assert r.returncode == 2
    assert "/shipments" in r.stderr


def test_cli_native_format_is_default(cli):
    r = run(cli, "solve", str(MATRIX), "--iterations", "10")
    assert r.returncode == 2  # a VROOM document is not our native format


def test_solve_vroom_from_dict_and_path():
    doc = json.loads(MATRIX.read_text())
    a = fsd.solve_vroom(doc, time_limit=5, seed=3, iteration_limit=50)
    b = fsd.solve_vroom(str(MATRIX), time_limit=5, seed=3, iteration_limit=50)
    check_shape(a, [101 + k for k in range(8)])
    assert a["routes"] == b["routes"]
    assert a["unassigned"] == b["unassigned"]
    # A stagnation limit ends the search early, deterministically.
    c = fsd.solve_vroom(doc, time_limit=30, seed=3, stagnation_limit=20)
    d = fsd.solve_vroom(doc, time_limit=30, seed=3, stagnation_limit=20)
    check_shape(c, [101 + k for k in range(8)])
    assert c["routes"] == d["routes"]


def test_read_vroom_gives_the_problem():
    vi = fsd.read_vroom(COORDS)
    assert vi.vehicle_ids == [1, 2, 3]
    assert vi.job_ids == [101 + k for k in range(8)]
    problem = vi.problem
    assert problem.num_jobs == 8
    plan = fsd.solve(problem, time_limit=0.2, seed=1)
    assert fsd.verify(problem, plan) == []
    check_shape(vi.output(plan), [101 + k for k in range(8)])


def test_read_vroom_refuses_by_path():
    doc = json.loads(MATRIX.read_text())
    doc["vehicles"][2]["steps"] = []
    with pytest.raises(fsd.InputError, match="/vehicles/2/steps"):
        fsd.read_vroom(doc)
    doc = json.loads(MATRIX.read_text())
    doc["jobs"][4]["location_index"] = 99
    with pytest.raises(ValueError, match="/jobs/4/location_index"):
        fsd.solve_vroom(doc)


def test_vroom_input_reaches_the_genetic_search_with_or_without_breaks():
    # Every VROOM job is optional (priority first); job limits (max_tasks) ride on segments too.
    doc = json.loads(MATRIX.read_text())
    for v in doc["vehicles"]:
        v.pop("breaks", None)
        v.pop("speed_factor", None)
    for j in doc["jobs"]:
        if "time_windows" in j:
            j["time_windows"] = j["time_windows"][:1]
    problem = fsd.read_vroom(doc).problem
    plan = fsd.solve(problem, iteration_limit=30, seed=2, algorithm="hgs")
    assert plan.stats.solver == "hgs"
    assert fsd.verify(problem, plan) == []
    # Breaks, several windows and speed factors go the same way.
    with_breaks = fsd.read_vroom(MATRIX).problem
    plan = fsd.solve(with_breaks, iteration_limit=5, algorithm="hgs")
    assert plan.stats.solver == "hgs"
    assert fsd.verify(with_breaks, plan) == []
