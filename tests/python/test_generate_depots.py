"""Generated days with depots, tools and named spare parts (fsd generate --depots)."""
import json
import subprocess

import pytest

import fsdispatch as fsd
from conftest import DAY

TOOLS = ["ladder-3m", "vacuum-pump"]
PARTS = ["filter", "compressor", "belt", "fuse", "valve"]


def cli_text(cli, *args):
    r = subprocess.run([cli, "generate", *args, "-o", "-"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_no_depots_is_the_day_without_them(cli):
    args = ["--engineers", "7", "--jobs", "50", "--seed", "5"]
    assert cli_text(cli, *args, "--depots", "0") == cli_text(cli, *args)
    p = fsd.generate_problem(engineers=7, jobs=50, seed=5, depots=0)
    assert p == fsd.generate_problem(engineers=7, jobs=50, seed=5)
    assert p.num_depots == 0 and not p.has_resources
    assert all(not e.tools and not e.stock for e in p.engineers)
    assert all(not j.tools and not j.parts for j in p.jobs)


def test_python_and_cli_generate_the_same_day_with_depots(cli):
    p = fsd.generate_problem(engineers=6, jobs=60, seed=3, depots=2, days=2)
    assert p == fsd.Problem.from_json(cli_text(cli, "--engineers", "6", "--jobs", "60", "--seed", "3",
                                               "--depots", "2", "--days", "2"))
    assert [d.id for d in p.depots] == ["depot-1", "depot-2"]
    for d in p.depots:
        assert d.tools == TOOLS and d.parts == PARTS and d.duration == 600
        assert [(w.start - DAY, w.end - DAY) for w in d.opening] == [
            (day * 86400 + 7 * 3600 + 1800, day * 86400 + 17 * 3600) for day in range(2)]
    # Tools and parts come on top of the same engineers and tickets.
    plain = fsd.generate_problem(engineers=6, jobs=60, seed=3, days=2)
    assert [j.location for j in p.jobs] == [j.location for j in plain.jobs]
    assert [e.skills for e in p.engineers] == [e.skills for e in plain.engineers]
    assert any(j.tools for j in p.jobs) and any(j.parts for j in p.jobs)
    assert any(e.tools for e in p.engineers) and any(e.stock for e in p.engineers)


@pytest.mark.parametrize("depots", [-1, 51])
def test_depots_out_of_range_is_an_input_error_naming_depots(depots, cli):
    with pytest.raises(fsd.InputError, match="/depots"):
        fsd.generate_problem(depots=depots)
    r = subprocess.run([cli, "generate", "--depots", str(depots), "-o", "-"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode != 0 and "/depots" in r.stderr


def test_fsd_solve_plans_depot_stops_on_a_generated_day(cli, tmp_path):
    problem_path, plan_path = tmp_path / "day.json", tmp_path / "plan.json"
    problem_path.write_text(cli_text(cli, "--engineers", "6", "--jobs", "40", "--seed", "2", "--depots", "2"))
    # An iteration budget rather than a time limit: the same plan on any machine.
    r = subprocess.run([cli, "solve", str(problem_path), "--iterations", "200", "--time-limit", "30", "--seed", "1",
                        "-q", "-o", str(plan_path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    problem = fsd.Problem.from_json(problem_path.read_text())
    plan = fsd.Solution.from_json(problem, plan_path.read_text())
    assert fsd.verify(problem, plan) == []
    # Every depot has every tool and part: nothing is left out for want of one.
    assert all(u.reason != fsd.UnassignedReason.parts_unavailable for u in plan.unassigned)
    stops = [s for r in plan.routes for s in r.steps if s.kind == fsd.StepKind.depot]
    assert stops, "no route stopped at a depot"
    assert all(s.pickup_tools or s.pickup_parts for s in stops)
    raw = json.loads(plan_path.read_text())
    assert any(step["type"] == "depot" for route in raw["routes"] for step in route["steps"])


def test_a_week_with_a_depot_restocks_on_more_than_one_day(cli, tmp_path):
    problem = fsd.generate_problem(engineers=4, jobs=40, days=2, seed=3, depots=1)
    problem_path, plan_path = tmp_path / "week.json", tmp_path / "plan.json"
    problem_path.write_text(cli_text(cli, "--engineers", "4", "--jobs", "40", "--days", "2", "--seed", "3",
                                     "--depots", "1"))
    r = subprocess.run([cli, "solve", str(problem_path), "--iterations", "200", "--time-limit", "30", "--seed", "1",
                        "-q", "-o", str(plan_path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    plan = fsd.Solution.from_json(problem, plan_path.read_text())
    assert fsd.verify(problem, plan) == []
    [depot] = problem.depots
    stop_days = set()
    for route in plan.routes:
        for step in route.steps:
            if step.kind == fsd.StepKind.depot:
                day = (step.start - DAY) // 86400
                stop_days.add(day)
                # Inside that day's opening, 07:30-17:00.
                assert depot.opening[day].start <= step.start <= depot.opening[day].end
    assert stop_days == {0, 1}
