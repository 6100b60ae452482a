"""Depot stops in plans from Python and the CLI: a hand-written plan with a stop reads back, verifies, and
validates against the solution schema; each broken depot rule is a named violation; plan evaluation times the
stop at the depot and names shortfalls; `fsd evaluate` prints the stop."""
import json
import subprocess

import jsonschema
import pytest

import fsdispatch as fsd

from conftest import ROOT

# Rows: 0 home, 1 job J, 2 depot D. Home-D 50 s, D-J 80 s, J-home 100 s.
DURATIONS = [[0, 100, 50], [100, 0, 80], [50, 80, 0]]


def problem_json():
    return json.dumps({
        "engineers": [{"id": "E", "start": {"index": 0}, "shifts": [{"start": 0, "end": 2000}],
                       "stock": {"filter": 1}, "costs": {"per_working_hour": 3600}}],
        "jobs": [{"id": "J", "location": {"index": 1}, "duration": 300, "tools": ["drill"], "parts": {"filter": 2}}],
        "depots": [{"id": "D", "location": {"index": 2}, "opening": [{"start": 100, "end": 1000}], "duration": 60,
                    "tools": ["drill"], "parts": ["filter", "pump"]}],
        "travel": {"model": "matrix", "durations": DURATIONS, "distances": DURATIONS},
    })


def step(kind, arrival, start, end, travel, id=None, pickup=None):
    s = {"type": kind, "arrival": arrival, "start": start, "end": end, "waiting": start - arrival,
         "travel_time": travel, "distance": travel, "lateness": 0, "load": []}
    if id is not None:
        s["id"] = id
    if pickup is not None:
        s["pickup"] = pickup
    return s


def plan(depart=50, stop=100, pickup=None):
    """Home -> D -> J -> home, leaving at `depart`, the stop starting at `stop`."""
    pickup = {"tools": ["drill"], "parts": {"filter": 1}} if pickup is None else pickup
    at_job = stop + 60 + 80
    end = at_job + 400
    # Travel 230 s; working time end - depart at 3,600 an hour.
    cost = 230 + (end - depart)
    steps = [step("start", depart, depart, depart, 0), step("depot", depart + 50, stop, stop + 60, 50, "D", pickup),
             step("job", at_job, at_job, at_job + 300, 80, "J"), step("end", end, end, end, 100)]
    return {"format": "fsdispatch-solution", "version": 1,
            "objective": {"total": cost, "unassigned": 0, "lateness": 0, "travel": cost, "balance": 0},
            "routes": [{"engineer": "E", "shift": 0, "travel_time": 230, "distance": 230, "service_time": 300,
                        "waiting_time": stop - depart - 50, "working_time": end - depart, "lateness": 0,
                        "cost": cost, "steps": steps}],
            "unassigned": [], "stats": {"seconds": 0.0, "iterations": 0, "improvements": 0, "seed": 0, "solver": ""}}


@pytest.fixture
def problem():
    return fsd.Problem.from_json(problem_json())


@pytest.fixture
def schema():
    doc = json.loads((ROOT / "docs" / "schema" / "solution.schema.json").read_text())
    return jsonschema.Draft202012Validator(doc)


def test_a_plan_with_a_depot_stop_reads_back_verifies_and_fits_the_schema(problem, schema):
    text = json.dumps(plan())
    schema.validate(json.loads(text))
    sol = fsd.Solution.from_json(problem, text)
    assert fsd.verify(problem, sol) == []
    stop = sol.routes[0].steps[1]
    assert stop.kind == fsd.StepKind.depot
    assert list(stop.pickup_tools) == ["drill"]
    written = json.loads(sol.to_json(problem))
    schema.validate(written)
    assert written["routes"][0]["steps"][1]["pickup"] == {"tools": ["drill"], "parts": {"filter": 1}}
    assert written == json.loads(text)


@pytest.mark.parametrize("doc, kind", [
    (plan(depart=0, stop=50), "depot_closed"),
    (plan(pickup={"tools": ["drill", "saw"], "parts": {"filter": 1}}), "depot_pickup"),
    (plan(pickup={"parts": {"filter": 1}}), "tool_missing"),
    (plan(pickup={"tools": ["drill"]}), "parts_short"),
])
def test_each_broken_depot_rule_is_named(problem, schema, doc, kind):
    schema.validate(doc)
    kinds = [v.kind for v in fsd.verify(problem, fsd.Solution.from_json(problem, json.dumps(doc)))]
    assert kinds == [kind]


def test_the_schema_refuses_a_pickup_on_a_job_step_and_a_zero_count(schema):
    doc = plan()
    doc["routes"][0]["steps"][2]["pickup"] = {"tools": ["drill"]}
    with pytest.raises(jsonschema.ValidationError):
        schema.validate(doc)
    doc = plan(pickup={"parts": {"filter": 0}})
    with pytest.raises(jsonschema.ValidationError):
        schema.validate(doc)


def test_evaluate_times_the_stop_at_the_depot_and_names_shortfalls(problem):
    hand = {"routes": [{"engineer": "E", "steps": [
        {"type": "depot", "id": "D", "pickup": {"parts": {"filter": 1}}}, {"type": "job", "id": "J"}]}]}
    ev = fsd.evaluate(problem, hand, solve=False)
    df = ev.to_dataframe()
    stop = df[df["type"] == "depot"].iloc[0]
    # The depot opens at 100: leave at 50, stop 100-160, at J at 240.
    assert stop["id"] == "D"
    assert (stop["arrival"], stop["start"], stop["end"]) == (100, 100, 160)
    assert list(df[df["type"] == "job"]["start"]) == [240]
    kinds = [v["kind"] for v in ev.violations]
    assert kinds == ["tool_missing"]
    assert 'no depot stop before it ("D") picks it up' in ev.violations[0]["cause"]
    # Travel 230 plus 590 s of working time at 3,600 an hour.
    assert ev.objective.travel == 230 + 590


def test_cli_evaluate_prints_the_depot_stop(cli, tmp_path):
    (tmp_path / "p.json").write_text(problem_json())
    (tmp_path / "plan.json").write_text(json.dumps(plan()))
    out = subprocess.run([cli, "evaluate", str(tmp_path / "p.json"), str(tmp_path / "plan.json"), "--no-solve"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "depot D" in out.stdout


def test_a_solved_plan_with_a_stop_verifies_fits_the_schema_and_explains_the_rest(schema):
    # A second job needs a lift nobody carries and no depot lends.
    doc = json.loads(problem_json())
    doc["jobs"].append({"id": "X", "location": {"index": 1}, "duration": 300, "tools": ["lift"]})
    p = fsd.Problem.from_json(json.dumps(doc))
    sol = fsd.solve(p, time_limit=1, iteration_limit=20, seed=1)
    assert fsd.verify(p, sol) == []
    written = json.loads(sol.to_json(p))
    schema.validate(written)
    stops = [s for s in written["routes"][0]["steps"] if s["type"] == "depot"]
    assert stops == [step("depot", 100, 100, 160, 50, "D", {"tools": ["drill"], "parts": {"filter": 1}})]
    (u,) = sol.unassigned
    assert u.reason == fsd.UnassignedReason.parts_unavailable
    assert u.fix.kind == "stock" and u.fix.item == "lift" and u.fix.depot == "D" and u.fix.amount == 1
    assert u.fix.sentence == 'Tool "lift" at depot "D" would let it in.'


def test_cli_solve_prints_the_stop_and_its_pickup(cli, tmp_path):
    (tmp_path / "p.json").write_text(problem_json())
    out = subprocess.run([cli, "solve", str(tmp_path / "p.json"), "--time-limit", "0.2", "--seed", "1"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "[D]" in out.stdout and "pickup drill, 1 x filter" in out.stdout
