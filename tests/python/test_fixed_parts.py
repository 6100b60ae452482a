"""Fixed parts of a warm start: InitialRoute.fixed / fixed_jobs, solve(fix=...), fsd solve --fix."""
import json
import subprocess

import pytest

import fsdispatch as fsd
from conftest import small_problem_json


@pytest.fixture
def problem():
    return fsd.Problem.from_json(small_problem_json(jobs=8))


def _jobs_of(plan, engineer):
    return [s.index for r in plan.routes if r.engineer == engineer for s in r.steps if s.kind == fsd.StepKind.job]


def test_initial_routes_round_trip(problem):
    plan = fsd.solve(problem, iteration_limit=10)
    routes = fsd.initial_routes_from(plan)
    assert [r.jobs for r in routes] == [_jobs_of(plan, r.engineer) for r in routes]
    assert not any(r.fixed or r.fixed_jobs for r in routes)
    r = fsd.InitialRoute(engineer=1, jobs=[1, 3], fixed_jobs=1)
    assert (r.engineer, r.shift, r.jobs, r.fixed, r.fixed_jobs) == (1, 0, [1, 3], False, 1)
    assert "fixed_jobs=1" in repr(r)


@pytest.mark.parametrize("algorithm", ["ils", "hgs"])
def test_a_fixed_route_comes_back_as_given(problem, algorithm):
    plan = fsd.solve(problem, iteration_limit=20)
    routes = fsd.initial_routes_from(plan)
    mine = next(r for r in routes if r.engineer == 0)
    mine.jobs = list(reversed(mine.jobs))[:3]
    mine.fixed = True
    result = fsd.solve(problem, iteration_limit=20, initial=routes, algorithm=algorithm)
    assert fsd.verify(problem, result) == []
    assert _jobs_of(result, 0) == mine.jobs
    # The jobs left off the fixed route only eng-1 may serve: out, and told why.
    out = {u.job for u in result.unassigned}
    assert out == {j for j in range(0, 8, 2)} - set(mine.jobs)
    assert all("fixed whole" in u.detail for u in result.unassigned)


def test_fix_by_engineer_id(problem):
    plan = fsd.solve(problem, iteration_limit=20)
    order = _jobs_of(plan, 0)
    routes = fsd.initial_routes_from(plan)
    mine = next(r for r in routes if r.engineer == 0)
    mine.jobs = [order[-1], order[0]] + order[1:-1]
    result = fsd.solve(problem, iteration_limit=20, initial=routes, fix={"eng-1": 2})
    assert fsd.verify(problem, result) == []
    assert _jobs_of(result, 0)[:2] == [order[-1], order[0]]
    assert sorted(_jobs_of(result, 0)) == sorted(order)
    kept = fsd.solve(problem, iteration_limit=20, initial=plan, fix={"eng-2": True, "eng-1": False})
    assert _jobs_of(kept, 1) == _jobs_of(plan, 1)


def test_fixed_parts_errors_name_the_field(problem):
    plan = fsd.solve(problem, iteration_limit=5)
    with pytest.raises(fsd.InputError, match=r'fix\["nobody"\]'):
        fsd.solve(problem, iteration_limit=0, initial=plan, fix={"nobody": True})
    with pytest.raises(fsd.InputError, match=r'fix\["eng-1"\]'):
        fsd.solve(problem, iteration_limit=0, initial=plan, fix={"eng-1": "all"})
    with pytest.raises(fsd.InputError, match=r'fix\["eng-1"\]'):
        fsd.solve(problem, iteration_limit=0, initial=plan, fix={"eng-1": 99})
    with pytest.raises(fsd.InputError, match="initial"):
        fsd.solve(problem, iteration_limit=0, fix={"eng-1": True})
    too_long = [fsd.InitialRoute(engineer=0, jobs=[0], fixed_jobs=2)]
    with pytest.raises(fsd.InputError, match="/options/initial_routes/0/fixed_jobs"):
        fsd.solve(problem, iteration_limit=0, initial=too_long)
    wrong_skill = [fsd.InitialRoute(engineer=1, jobs=[0], fixed=True)]
    with pytest.raises(fsd.InputError, match="/options/initial_routes/0/jobs/0"):
        fsd.solve(problem, iteration_limit=0, initial=wrong_skill)


def test_cli_fix(cli, tmp_path, problem):
    path = tmp_path / "problem.json"
    path.write_text(small_problem_json(jobs=8))
    plan_path = tmp_path / "plan.json"
    r = subprocess.run([cli, "solve", str(path), "-o", str(plan_path), "--iterations", "20", "-q"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    doc = json.loads(plan_path.read_text())
    route = next(r for r in doc["routes"] if r["engineer"] == "eng-1")
    jobs = [s for s in route["steps"] if s["type"] == "job"]
    route["steps"] = [route["steps"][0], jobs[-1], *jobs[:-1], route["steps"][-1]]
    plan_path.write_text(json.dumps(doc))
    out = tmp_path / "out.json"
    r = subprocess.run([cli, "solve", str(path), "--initial", str(plan_path), "--fix", "eng-1", "-o", str(out),
                        "--iterations", "20"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    got = next(r for r in json.loads(out.read_text())["routes"] if r["engineer"] == "eng-1")
    assert [s["id"] for s in got["steps"] if s["type"] == "job"] == [s["id"] for s in [jobs[-1], *jobs[:-1]]]
    r = subprocess.run([cli, "solve", str(path), "--initial", str(plan_path), "--fix", "eng-1:1", "-o", str(out),
                        "--iterations", "20"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    got = next(r for r in json.loads(out.read_text())["routes"] if r["engineer"] == "eng-1")
    assert [s["id"] for s in got["steps"] if s["type"] == "job"][0] == jobs[-1]["id"]
    for args, field in ((["--fix", "eng-1"], "--fix"), (["--initial", str(plan_path), "--fix", "eng-1:x"], "--fix eng-1:x"),
                        (["--initial", str(plan_path), "--fix", "nobody"], "--fix nobody")):
        r = subprocess.run([cli, "solve", str(path), *args], capture_output=True, text=True, timeout=120)
        assert r.returncode == 2, r.stdout + r.stderr
        assert field in r.stderr
