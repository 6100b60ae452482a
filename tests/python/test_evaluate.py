import json
import subprocess

import pytest

import fsdispatch as fsd

# Depot 0, jobs at 1, 2 and 3; durations in seconds (distances ten times more).
DURATIONS = [[0, 600, 1200, 900], [600, 0, 300, 1000], [1200, 300, 0, 3000], [900, 1000, 3000, 0]]


def tiny_problem_json():
    return json.dumps({
        "engineers": [
            {"id": "E1", "start": {"index": 0}, "shifts": [{"start": 28800, "end": 36000}],
             "skills": [{"skill": "gas", "level": 1}], "capacity": [3]},
        ],
        "jobs": [
            {"id": "J1", "location": {"index": 1}, "duration": 600, "demand": [1],
             "time_windows": [{"start": 30000, "end": 40000}]},
            {"id": "J2", "location": {"index": 2}, "duration": 1200, "demand": [1],
             "sla": {"deadline": 30800, "hard": False, "lateness_cost_per_second": 1}},
            {"id": "J3", "location": {"index": 3}, "duration": 900, "demand": [1],
             "time_windows": [{"start": 30000, "end": 33000}]},
            {"id": "J4", "location": {"index": 1}, "duration": 0, "skills": [{"skill": "gas", "min_level": 2}]},
        ],
        "travel": {"model": "matrix", "durations": DURATIONS,
                   "distances": [[d * 10 for d in row] for row in DURATIONS]},
    })


def hand_plan(jobs):
    return {"routes": [{"engineer": "E1", "steps": [{"type": "job", "id": j} for j in jobs]}]}


@pytest.fixture
def problem():
    return fsd.Problem.from_json(tiny_problem_json())


def test_steps_and_causes_known_by_hand(problem):
    ev = fsd.evaluate(problem, hand_plan(["J1", "J2", "J3", "J4"]), solve=False)
    assert ev.comparison is None
    df = ev.to_dataframe()
    jobs = df[df["type"] == "job"].set_index("id")
    assert list(jobs["arrival"]) == [30000, 30900, 35100, 37000]
    assert list(jobs["start"]) == [30000, 30900, 35100, 37000]
    assert jobs.loc["J2", "lateness"] == 100
    assert jobs.loc["J3", "window_lateness"] == 2100
    assert list(df[df["type"] == "start"]["end"]) == [29400]
    kinds = sorted(v["kind"] for v in ev.violations)
    assert kinds == ["incompatible", "shift_end", "time_window"]
    tw = next(v for v in ev.violations if v["kind"] == "time_window")
    assert tw["engineer"] == "E1" and tw["job"] == "J3"
    assert "35 min after its window closes at 09:10" in tw["cause"]
    assert "the drive from job \"J2\" takes 50 min" in tw["cause"]
    skill = next(v for v in ev.violations if v["kind"] == "incompatible")
    assert skill["cause"] == 'Engineer "E1" lacks skill "gas" level 2 for job "J4" (holds level 1).'
    assert ev.objective.lateness == 100
    assert ev.objective.travel == 600 + 300 + 3000 + 1000 + 600


def test_comparison_with_the_solver(problem):
    ev = fsd.evaluate(problem, hand_plan(["J3", "J1", "J2"]), time_limit=0.2, seed=3)
    c = ev.comparison
    assert c["saving"]["objective"] == c["given"]["objective"] - c["solver"]["objective"]
    assert c["saving"]["objective"] == c["objective_saving"].total
    assert fsd.verify(problem, c["solver_plan"]) == []
    doc = json.loads(ev.to_json())
    assert doc["format"] == "fsdispatch-evaluation" and "comparison" in doc


def test_solver_plan_evaluates_clean(problem):
    plan = fsd.solve(problem, time_limit=0.2, seed=1)
    ev = fsd.evaluate(problem, plan, solve=False)
    assert [v["kind"] for v in ev.violations] == ["unserved"] * len(plan.unassigned)
    assert ev.objective == fsd.verify_report(problem, plan).objective


@pytest.mark.parametrize("plan, path", [
    (hand_plan(["J9"]), "/routes/0/steps/0/id"),
    ({"routes": [{"engineer": "E7", "steps": []}]}, "/routes/0/engineer"),
    ({"routes": [{"engineer": "E1", "steps": [{"type": "job", "id": "J1"}, {"type": "job", "id": "J1"}]}]},
     "/routes/0/steps/1/id"),
])
def test_bad_plans_name_the_field(problem, plan, path):
    with pytest.raises(fsd.InputError) as err:
        fsd.evaluate(problem, plan, solve=False)
    assert err.value.path == path


def test_cli_evaluate(cli, tmp_path):
    problem = tmp_path / "problem.json"
    plan = tmp_path / "plan.json"
    out = tmp_path / "evaluation.json"
    problem.write_text(tiny_problem_json())
    plan.write_text(json.dumps(hand_plan(["J1", "J2", "J3"])))
    r = subprocess.run([cli, "evaluate", str(problem), str(plan), "--time-limit", "0.2", "--seed", "2",
                        "--json", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "time_window: Job \"J3\" starts at 09:45" in r.stdout
    assert "saving" in r.stdout
    doc = json.loads(out.read_text())
    given, solver = doc["plan"]["figures"], doc["comparison"]["solver"]["figures"]
    assert doc["comparison"]["difference"]["objective"] == given["objective"] - solver["objective"]
    assert doc["comparison"]["difference"]["violations"] > 0
    r = subprocess.run([cli, "evaluate", str(problem), str(plan), "--no-solve"], capture_output=True, text=True)
    assert r.returncode == 1 and "saving" not in r.stdout
    plan.write_text(json.dumps(hand_plan(["J1", "J1"])))
    r = subprocess.run([cli, "evaluate", str(problem), str(plan), "--no-solve"], capture_output=True, text=True)
    assert r.returncode == 2
    assert "/routes/0/steps/1/id" in r.stderr
