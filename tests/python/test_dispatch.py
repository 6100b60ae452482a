import json
import subprocess

import pytest

import fsdispatch as fsd
from conftest import DAY, ROOT


def _plan():
    problem = fsd.Problem.from_json((ROOT / "examples" / "data" / "service_day.json").read_text())
    solution = fsd.solve(problem, time_limit=2, iteration_limit=100, seed=4)
    return problem, fsd.LivePlan(problem, solution, DAY + 7 * 3600)


def _ticket(tid, lat=48.14, lon=11.58, minutes=10):
    # Short and without skills: the bundled day is full, but not that full.
    return fsd.Job(id=tid, location=fsd.Location(lat=lat, lon=lon), duration=minutes * 60)


def test_insert_ranks_engineers_and_verifies():
    _, plan = _plan()
    result = plan.insert(_ticket("NEW-1"), alternatives=3)
    assert result.placed
    costs = [c.cost for c in result.alternatives]
    assert costs == sorted(costs)
    changes = plan.changes_dict(result.changes)
    assert [r["added"] for r in changes["routes"]] == [["NEW-1"]]
    problem, solution = plan.residual()
    assert fsd.verify(problem, solution) == []


def test_events_and_json_round_trip():
    _, plan = _plan()
    e = next(i for i, r in enumerate(plan.routes) if r.steps and r.steps[0].kind == fsd.StepKind.job)
    first = plan.jobs[plan.routes[e].steps[0].index].id
    plan.start_travel(first, DAY + 8 * 3600)
    plan.arrive(first, DAY + 8 * 3600 + 1500)
    out = plan.apply({"type": "delay", "engineer": plan.engineers[e].id, "seconds": 900, "at": DAY + 8 * 3600 + 1600})
    assert "changes" in out
    back = fsd.LivePlan.from_json(plan.to_json())
    assert back.to_json() == plan.to_json()
    assert back.status(plan.job_index(first)) == fsd.TicketStatus.on_site


def test_slots_and_reoptimise():
    _, plan = _plan()
    windows = [(DAY + h * 3600, DAY + (h + 2) * 3600) for h in range(8, 20, 2)]
    offers = plan.offer_slots(_ticket("CALL-1"), windows)
    assert len(offers) == len(windows)
    assert not offers[-1].feasible  # 18:00-20:00 is after every shift
    before = plan.objective().total
    r = plan.reoptimise(time_limit=2, iteration_limit=50, reassignment_cost=600)
    assert r.cost_after <= before


def test_errors_name_the_field():
    _, plan = _plan()
    with pytest.raises(fsd.InputError) as err:
        plan.cancel("NOPE", DAY + 9 * 3600)
    assert err.value.path == "/ticket"
    with pytest.raises(fsd.InputError) as err:
        plan.apply({"type": "delay", "engineer": "nobody", "seconds": 5, "at": 0})
    assert err.value.path == "/engineer"


def test_cli_dispatch(tmp_path, cli):
    fsd_cli = cli
    problem, plan = _plan()
    problem_path = tmp_path / "problem.json"
    problem_path.write_text(problem.to_json())
    live = tmp_path / "live.json"
    subprocess.run([fsd_cli, "dispatch-init", str(problem_path), "-o", str(live), "--time-limit", "0.5"], check=True)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"type": "insert", "ticket": {"id": "N-1", "location": {"lat": 48.14, "lon": 11.58},
                                                              "duration": 1800, "skills": [{"skill": "appliance"}]}}))
    out = subprocess.run([fsd_cli, "dispatch", str(live), str(event), "--in-place"], check=True, capture_output=True,
                         text=True)
    assert json.loads(out.stdout)["event"] == "insert"
    assert "N-1" in live.read_text()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"type": "cancel", "ticket": "NOPE", "at": 0}))
    res = subprocess.run([fsd_cli, "dispatch", str(live), str(bad)], capture_output=True, text=True)
    assert res.returncode == 2
    assert "/ticket" in res.stderr
