"""Overtime (a soft shift end with a hard maximum) and service time by skill level, from Python."""
import json

import numpy as np
import pytest

import fsdispatch as fsd


def line_problem(max_overtime=300, overtime_per_hour=3600, level=1, overtime_weight=1):
    # Travel on a line, seconds = metres: the engineer at 0, the job at 100.
    xs = [0, 100]
    durations = np.array([[abs(a - b) for b in xs] for a in xs], dtype=np.int64)
    engineer = fsd.Engineer(id="e1", start=fsd.Location(index=0), shifts=[fsd.TimeWindow(0, 600)],
                            skills=[fsd.SkillLevel("gas", level)], max_overtime=max_overtime,
                            costs=fsd.EngineerCosts(overtime_per_hour=overtime_per_hour))
    job = fsd.Job(id="a", location=fsd.Location(index=1), duration=500,
                  skills=[fsd.SkillRequirement("gas", 1)], durations_by_level=[(4, 300)])
    weights = fsd.ObjectiveWeights(overtime=overtime_weight)
    return fsd.Problem([engineer], [job], travel=fsd.TravelMatrices(durations, durations), weights=weights)


def solve(problem):
    return fsd.solve(problem, time_limit=5, iteration_limit=20, seed=1)


def test_keyword_fields_reach_the_model():
    p = line_problem(max_overtime=900, overtime_per_hour=5400, overtime_weight=3)
    e = p.engineers[0]
    assert e.max_overtime == 900
    assert e.costs.overtime_per_hour == 5400
    assert p.weights.overtime == 3
    assert p.has_overtime and p.has_level_durations
    assert p.jobs[0].durations_by_level == [fsd.LevelDuration(level=4, duration=300)]
    assert fsd.ObjectiveParts().overtime == 0


def test_level_durations_accept_pairs_dicts_and_objects():
    j = fsd.Job(id="x", durations_by_level=[(2, 400), {"level": 3, "duration": 300}, fsd.LevelDuration(5, 100)])
    assert [(d.level, d.duration) for d in j.durations_by_level] == [(2, 400), (3, 300), (5, 100)]
    with pytest.raises(TypeError):
        fsd.Job(id="x", durations_by_level=[{"level": 3, "minutes": 5}])
    with pytest.raises(TypeError):
        fsd.Job(id="x", durations_by_level=[(1, 2, 3)])


def test_overtime_part_of_a_job_served_thanks_to_overtime():
    plan = solve(line_problem())
    assert plan.unassigned == []
    assert plan.routes[0].steps[-1].arrival == 700
    assert plan.objective.overtime == 100
    assert plan.objective.total == 300
    assert "overtime=100" in repr(plan.objective)
    assert fsd.verify(line_problem(), plan) == []


def test_a_job_needing_more_than_max_overtime_stays_out():
    plan = solve(line_problem(max_overtime=60))
    assert len(plan.unassigned) == 1
    u = plan.unassigned[0]
    assert u.reason == fsd.UnassignedReason.shift_too_short
    assert u.fix.kind == "overtime" and u.fix.minutes == 1


def test_a_senior_is_timed_with_the_level_duration():
    p = line_problem(max_overtime=0, level=4)
    assert p.service_duration(0, 0) == 300
    plan = solve(p)
    step = plan.routes[0].steps[1]
    assert step.end - step.start == 300
    assert plan.objective.overtime == 0


def test_builder_errors_name_the_field():
    with pytest.raises(fsd.InputError, match="max_overtime"):
        line_problem(max_overtime=-1)
    with pytest.raises(fsd.InputError, match="overtime_per_hour"):
        line_problem(overtime_per_hour=-1)
    job = fsd.Job(id="a", location=fsd.Location(index=0), durations_by_level=[(2, 60)])
    engineer = fsd.Engineer(id="e1", start=fsd.Location(index=0), shifts=[fsd.TimeWindow(0, 600)])
    m = np.zeros((1, 1), dtype=np.int64)
    with pytest.raises(fsd.InputError, match="durations_by_level"):
        fsd.Problem([engineer], [job], travel=fsd.TravelMatrices(m, m))


def test_json_round_trip():
    p = line_problem(max_overtime=900, overtime_per_hour=5400, overtime_weight=2)
    doc = json.loads(p.to_json())
    assert doc["engineers"][0]["max_overtime"] == 900
    assert doc["engineers"][0]["costs"]["overtime_per_hour"] == 5400
    assert doc["jobs"][0]["durations_by_level"] == [{"level": 4, "duration": 300}]
    assert doc["weights"]["overtime"] == 2
    again = fsd.Problem.from_json(p.to_json())
    assert again.engineers == p.engineers and again.jobs == p.jobs and again.weights == p.weights


def test_cli_prints_the_overtime_part(cli, tmp_path):
    import subprocess

    problem = tmp_path / "p.json"
    plan = tmp_path / "plan.json"
    problem.write_text(line_problem().to_json())
    r = subprocess.run([cli, "solve", str(problem), "--iterations", "20", "-o", str(plan)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "overtime 100" in r.stdout
    assert json.loads(plan.read_text())["objective"]["overtime"] == 100
    r = subprocess.run([cli, "verify", str(problem), str(plan)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "overtime 100)" in r.stdout
    r = subprocess.run([cli, "evaluate", str(problem), str(plan), "--no-solve"], capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "overtime 1 min 40 s" in r.stdout and "overtime 100)" in r.stdout
