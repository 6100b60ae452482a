"""Several days in one problem, through fsdispatch: the week of docs/several_days.md is read
out of the doc itself, solved and verified; a live plan rolls it forward (Monday reported as it
happens, Tuesday and Wednesday re-planned), and slots are offered over the coming days."""
import datetime as dt
import json
import pickle
import re
import subprocess

import jsonschema

import pytest

import fsdispatch as fsd
from conftest import ROOT

MONDAY = int(dt.datetime(2026, 12, 7, tzinfo=dt.timezone(dt.timedelta(hours=1))).timestamp())
HOUR = 3600


def at(day, hour, minute=0):
    """Unix seconds of a clock time on day 0 (Monday), 1 or 2, local time +01:00."""
    return MONDAY + day * 86400 + hour * HOUR + minute * 60


def day_of(t):
    return (t - MONDAY) // 86400


def doc_week_json():
    text = (ROOT / "docs" / "several_days.md").read_text()
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    assert len(blocks) == 1, "docs/several_days.md should hold exactly one JSON example"
    return blocks[0]


def solved_week():
    problem = fsd.Problem.from_json(doc_week_json())
    return problem, fsd.solve(problem, time_limit=5, iteration_limit=200, seed=1)


def job_steps(solution):
    """{job id: (route, step)} of a solution."""
    out = {}
    for r in solution.routes:
        for s in r.steps:
            if s.kind == fsd.StepKind.job:
                out[s.index] = (r, s)
    return out


def test_the_doc_week_validates_solves_and_verifies():
    problem, plan = solved_week()
    assert fsd.verify(problem, plan) == []
    assert plan.unassigned == []
    ids = [j.id for j in problem.jobs]
    served = {ids[j]: rs for j, rs in job_steps(plan).items()}
    engineer_ids = [e.id for e in problem.engineers]
    for r in plan.routes:
        shift = problem.engineers[r.engineer].shifts[r.shift]
        # Every route stays within its own day and takes that day's lunch, once.
        assert day_of(r.steps[0].start) == day_of(shift.start) == day_of(r.steps[-1].arrival)
        lunches = [s for s in r.steps if s.kind == fsd.StepKind.break_]
        assert len(lunches) == 1
        assert day_of(lunches[0].start) == day_of(shift.start)
    route, step = served["appointment-tue"]
    assert day_of(step.start) == 1 and at(1, 10) <= step.start <= at(1, 12)
    assert engineer_ids[route.engineer] == "anna"  # ben does not work on Tuesday
    assert day_of(served["mon-or-wed"][1].start) in (0, 2)
    assert served["hard-mon"][1].start <= at(0, 11)
    assert served["sla-wed"][1].lateness == 0
    assert plan.objective.lateness == 0


def _live_monday(plan):
    """Reports every Monday step as planned, in time order (fsd dispatch's events)."""
    events = []
    for e, r in enumerate(plan.routes):
        if day_of(plan.engineers[e].shifts[0].start) != 0:
            continue
        for s in r.steps:
            if s.kind == fsd.StepKind.job:
                tid = plan.jobs[s.index].id
                events += [(s.end, 0, tid), (s.arrival - s.travel_time, 2, tid), (s.start, 3, tid)]
            else:
                events.append((s.start, 1, plan.engineers[e].id))
    for t, kind, who in sorted(events):
        [plan.job_finished, plan.break_started, plan.start_travel, plan.arrive][kind](who, t)


def _residual_ok(plan):
    problem, solution = plan.residual()
    assert fsd.verify(problem, solution) == []


def test_live_plan_rolls_the_week_forward():
    problem, week = solved_week()
    plan = fsd.LivePlan(problem, week, at(0, 7))
    # One entry per (engineer, shift): anna 3 days, ben Monday and Wednesday.
    assert [(e.id, day_of(e.shifts[0].start)) for e in plan.engineers] == [
        ("anna", 0), ("anna", 1), ("anna", 2), ("ben", 0), ("ben", 2)]
    _residual_ok(plan)

    _live_monday(plan)
    plan.advance_time(at(0, 20))
    monday = [e for e, eng in enumerate(plan.engineers) if day_of(eng.shifts[0].start) == 0]
    done = [[(s.kind, s.index, s.status) for s in plan.routes[e].steps] for e in monday]
    for e in monday:
        assert all(s.status == fsd.StepStatus.done or s.kind == fsd.StepKind.break_ for s in plan.routes[e].steps)

    plan.reoptimise(time_limit=5, iteration_limit=100, seed=1)
    assert [[(s.kind, s.index, s.status) for s in plan.routes[e].steps] for e in monday] == done
    assert plan.pending() == []
    _residual_ok(plan)

    # A call that evening for Wednesday afternoon lands on a Wednesday route.
    call = fsd.Job(id="new-wed", location=fsd.Location(lat=48.15, lon=11.57), duration=1800,
                   time_windows=[fsd.TimeWindow(start=at(2, 14), end=at(2, 16))])
    result = plan.insert(call)
    assert result.placed
    assert day_of(plan.engineers[result.engineer].shifts[0].start) == 2
    _residual_ok(plan)


def test_offer_slots_cover_the_coming_days():
    problem, week = solved_week()
    plan = fsd.LivePlan(problem, week, at(0, 7))
    _live_monday(plan)
    plan.advance_time(at(0, 20))
    probe = fsd.Job(id="customer", location=fsd.Location(lat=48.16, lon=11.59), duration=1800)
    windows = [(at(0, 14), at(0, 16)), (at(1, 14), at(1, 16)), (at(2, 8), at(2, 10)), (at(3, 8), at(3, 10))]
    offers = plan.offer_slots(probe, windows)
    assert [o.feasible for o in offers] == [False, True, True, False]  # Monday is over; nobody works Thursday
    tuesday, wednesday = offers[1].best, offers[2].best
    assert plan.engineers[tuesday.engineer].id == "anna" and day_of(tuesday.start) == 1
    assert day_of(plan.engineers[wednesday.engineer].shifts[0].start) == 2
    booked = plan.book_slot(probe, windows[2])
    assert booked.placed and day_of(booked.start) == 2


def test_events_naming_an_engineer_go_to_the_day_under_way():
    problem, week = solved_week()
    plan = fsd.LivePlan(problem, week, at(0, 7))
    _live_monday(plan)
    plan.delay("anna", 600, at(1, 7, 30))  # Tuesday morning: Tuesday starts at 08:10
    anna = [e for e, eng in enumerate(plan.engineers) if eng.id == "anna"]
    assert plan.routes[anna[1]].departure >= at(1, 8, 10) or not any(
        s.kind == fsd.StepKind.job for s in plan.routes[anna[1]].steps)
    plan.engineer_unavailable("ben", at(1, 0))  # off from Tuesday: Wednesday's tickets go to anna
    ben_wed = next(e for e, eng in enumerate(plan.engineers) if eng.id == "ben" and day_of(eng.shifts[0].start) == 2)
    assert not any(s.kind == fsd.StepKind.job for s in plan.routes[ben_wed].steps)
    _residual_ok(plan)


def _rolled_plan():
    """The week's live plan after Monday, with a delay and an absence on later days."""
    problem, week = solved_week()
    plan = fsd.LivePlan(problem, week, at(0, 7))
    _live_monday(plan)
    plan.delay("anna", 600, at(1, 7, 30))
    plan.engineer_unavailable("ben", at(2, 12))
    return plan


def test_a_several_day_live_plan_round_trips_through_json_and_pickle():
    plan = _rolled_plan()
    text = plan.to_json()
    doc = json.loads(text)
    # The document's problem names the real engineers with all their shifts.
    assert [(e["id"], len(e["shifts"])) for e in doc["problem"]["engineers"]] == [("anna", 3), ("ben", 2)]
    # One route per (engineer, shift); "shift" indexes the engineer's shifts, left out for the first.
    assert [(r["engineer"], r.get("shift", 0)) for r in doc["routes"]] == [
        ("anna", 0), ("anna", 1), ("anna", 2), ("ben", 0), ("ben", 1)]
    assert all(r.get("shift", 1) != 0 for r in doc["routes"])
    states = {(s["engineer"], s.get("shift", 0)): s for s in doc["engineer_states"]}
    assert states[("anna", 1)]["ready_at"] >= at(1, 7, 40)
    assert states[("ben", 1)]["unavailable_from"] == at(2, 12)

    back = fsd.LivePlan.from_json(text)
    assert back == plan
    assert back.to_json() == text
    assert [(e.id, e.shifts[0].start) for e in back.engineers] == [(e.id, e.shifts[0].start) for e in plan.engineers]
    assert [[(s.kind, s.index, s.status, s.start) for s in r.steps] for r in back.routes] == [
        [(s.kind, s.index, s.status, s.start) for s in r.steps] for r in plan.routes]
    again = pickle.loads(pickle.dumps(plan))
    assert again == plan
    # The copy lives on like the original: the same event gives the same plan.
    call = fsd.Job(id="new-wed", location=fsd.Location(lat=48.15, lon=11.57), duration=1800,
                   time_windows=[fsd.TimeWindow(start=at(2, 8), end=at(2, 10))])
    assert again.insert(call).placed == plan.insert(call).placed
    assert again == plan


def test_a_bad_shift_in_a_live_plan_document_is_named():
    doc = json.loads(_rolled_plan().to_json())
    doc["routes"][4]["shift"] = 2  # ben has two shifts
    with pytest.raises(fsd.InputError) as bad:
        fsd.LivePlan.from_json(json.dumps(doc))
    assert bad.value.path == "/routes/4/shift"
    doc["routes"][4]["shift"] = 0  # ben's Monday route twice
    with pytest.raises(fsd.InputError) as twice:
        fsd.LivePlan.from_json(json.dumps(doc))
    assert twice.value.path == "/routes/4/shift"


def _validator(root, name):
    folder = root / "docs" / "schema"
    docs = [json.loads(p.read_text()) for p in folder.glob("*.schema.json")]
    store = {d["$id"]: d for d in docs}
    schema = json.loads((folder / f"{name}.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store))


def test_the_cli_dispatches_a_week_end_to_end(cli, root, tmp_path):
    problem = tmp_path / "week.json"
    problem.write_text(doc_week_json())
    live = tmp_path / "live.json"
    r = subprocess.run([cli, "dispatch-init", str(problem), "-o", str(live), "--now", str(at(0, 7)),
                        "--time-limit", "2"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    doc = json.loads(live.read_text())
    validator = _validator(root, "live_plan")
    validator.validate(doc)
    assert sorted({(r["engineer"], r.get("shift", 0)) for r in doc["routes"]}) == [
        ("anna", 0), ("anna", 1), ("anna", 2), ("ben", 0), ("ben", 1)]

    # Tuesday's appointment is anna's; she reports it as it happens, then a Wednesday call comes in.
    tue = next(r for r in doc["routes"] if r["engineer"] == "anna" and r.get("shift", 0) == 1)
    step = next(s for s in tue["steps"] if s.get("job") == "appointment-tue")
    events = [{"type": "start_travel", "ticket": "appointment-tue", "at": step["arrival"] - step["travel_time"]},
              {"type": "arrive", "ticket": "appointment-tue", "at": step["arrival"]},
              {"type": "job_finished", "ticket": "appointment-tue", "at": step["end"]},
              {"type": "insert", "ticket": {"id": "new-wed", "location": {"lat": 48.15, "lon": 11.57}, "duration": 1800,
                                            "time_windows": [{"start": at(2, 14), "end": at(2, 16)}]}}]
    r = subprocess.run([cli, "dispatch", str(live), "-", "--in-place"], input=json.dumps(events), capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    outcomes = json.loads(r.stdout)
    assert [o["event"] for o in outcomes] == ["start_travel", "arrive", "job_finished", "insert"]
    assert outcomes[3]["placed"]
    _validator(root, "dispatch_outcome").validate(outcomes)
    after = json.loads(live.read_text())
    validator.validate(after)
    statuses = {t["id"]: t["status"] for t in after["tickets"]}
    assert statuses["appointment-tue"] == "done" and statuses["new-wed"] == "planned"
    wed = [(r["engineer"], r.get("shift", 0)) for r in after["routes"] if any(s.get("job") == "new-wed" for s in r["steps"])]
    assert wed in ([("anna", 2)], [("ben", 1)])
    # The outcome names the day's route as the document does: the engineer and, past the first, the shift.
    assert [(outcomes[3]["engineer"], outcomes[3].get("shift", 0))] == wed
    assert wed[0] in [(c["engineer"], c.get("shift", 0)) for c in outcomes[3]["changes"]["routes"]]
    assert json.loads(fsd.LivePlan.from_json(live.read_text()).to_json()) == after
