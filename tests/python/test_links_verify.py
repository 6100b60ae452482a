"""Linked visits checked from Python: plan evaluation makes a helper wait for the lead and a follow-up for
its gap, the timed plan verifies, each broken link is a named violation of `fsdispatch.verify` and of
`fsdispatch.evaluate`, `linked_visit_out` is accepted only beside a left-out partner, and the objective's
max_lateness part is recomputed."""
import json

import numpy as np
import pytest

import fsdispatch as fsd

# Rows: 0 home of A, 1 home of B, 2 site S, 3 site T. A-S 100 s, B-S 300 s, S-T 200 s.
M = np.array([[0, 100, 100, 200], [100, 0, 300, 200], [100, 300, 0, 200], [200, 200, 200, 0]], dtype=np.int64)


def day(weights=None, lead_deadline=None):
    """A and B; lead L and helper H at S (600 s), follow-up F at T (300 s). L -> H starts together with two
    engineers; L -> F follows 1000..5000 s later by the same engineer."""
    engineers = [fsd.Engineer(id=name, start=fsd.Location(index=row), shifts=[fsd.TimeWindow(0, 20000)])
                 for row, name in enumerate("AB")]
    sla = None if lead_deadline is None else fsd.SlaDeadline(deadline=lead_deadline, hard=False)
    jobs = [fsd.Job(id="L", location=fsd.Location(index=2), duration=600, sla=sla),
            fsd.Job(id="H", location=fsd.Location(index=2), duration=600),
            fsd.Job(id="F", location=fsd.Location(index=3), duration=300)]
    links = [fsd.JobLink(first="L", second="H"),
             fsd.JobLink(first="L", second="F", min_gap=1000, max_gap=5000, engineers=fsd.LinkEngineers.same)]
    return fsd.Problem(engineers, jobs, travel=fsd.TravelMatrices(M, M), weights=weights, links=links)


def hand(routes):
    """A hand plan: engineer id -> job ids in order."""
    return {"routes": [{"engineer": e, "steps": [{"type": "job", "id": j} for j in jobs]}
                       for e, jobs in routes.items()]}


def timed_doc(problem, routes):
    """The evaluator's timing of a hand plan as a solution document, to edit by hand."""
    ev = fsd.evaluate(problem, hand(routes), solve=False)
    return json.loads(ev.timed.to_json(problem))


def kinds(problem, doc):
    return sorted(v.kind for v in fsd.verify(problem, fsd.Solution.from_json(problem, json.dumps(doc))))


@pytest.fixture
def problem():
    return day()


def test_a_helper_who_arrives_first_waits_for_the_lead(problem):
    # A reaches S at 100, B (the lead) at 300: both start at 300; B's follow-up waits for its gap.
    ev = fsd.evaluate(problem, hand({"A": ["H"], "B": ["L", "F"]}), solve=False)
    assert ev.violations == []
    jobs = ev.to_dataframe().query("type == 'job'").set_index("id")
    assert jobs.loc["H", "start"] == jobs.loc["L", "start"] == 300
    assert (jobs.loc["F", "arrival"], jobs.loc["F", "start"]) == (1100, 1300)
    assert fsd.verify(problem, ev.timed) == []


def test_a_correct_plan_verifies_and_each_broken_link_is_named(problem):
    doc = timed_doc(problem, {"A": ["H"], "B": ["L", "F"]})
    assert kinds(problem, doc) == []

    late = json.loads(json.dumps(doc))
    helper = next(r for r in late["routes"] if r["engineer"] == "A")
    for s in helper["steps"]:  # the whole route 100 s later: consistent, but the helper starts late
        for key in ("arrival", "start", "end"):
            s[key] += 100
    assert kinds(problem, late) == ["link_gap"]
    gap = fsd.verify(problem, fsd.Solution.from_json(problem, json.dumps(late)))[0]
    assert "job \"L\" starts at 300 and job \"H\" at 400, a gap of 100 s outside 0..0 s" in gap.message

    partial = json.loads(json.dumps(doc))
    partial["routes"] = [r for r in partial["routes"] if r["engineer"] != "A"]
    partial["unassigned"] = [{"id": "H", "reason": "not_inserted", "detail": ""}]
    partial["objective"]["unassigned"] = problem.unassigned_cost(1)
    partial["objective"]["travel"] = sum(r["cost"] for r in partial["routes"])
    partial["objective"]["total"] = partial["objective"]["unassigned"] + partial["objective"]["travel"]
    assert kinds(problem, partial) == ["link_partial"]

    excuse = json.loads(json.dumps(partial))
    excuse["unassigned"][0]["reason"] = "linked_visit_out"  # L is served: no excuse
    assert kinds(problem, excuse) == ["link_partial", "unassigned_reason"]


def test_linked_visit_out_beside_a_left_out_partner_verifies(problem):
    doc = {"format": "fsdispatch-solution", "version": 1, "routes": [],
           "unassigned": [{"id": "L", "reason": "not_inserted", "detail": ""},
                          {"id": "H", "reason": "linked_visit_out", "detail": ""},
                          {"id": "F", "reason": "linked_visit_out", "detail": ""}],
           "objective": {"unassigned": sum(problem.unassigned_cost(j) for j in range(3))}}
    doc["objective"]["total"] = doc["objective"]["unassigned"]
    assert kinds(problem, doc) == []


def test_evaluate_states_the_wrong_engineers_and_a_partial_link(problem):
    one = fsd.evaluate(problem, hand({"A": ["L", "H", "F"]}), solve=False)
    found = {v["kind"] for v in one.violations}
    assert {"link_engineers", "link_gap"} <= found
    engineers = next(v for v in one.violations if v["kind"] == "link_engineers")
    assert engineers["job"] == "H" and engineers["engineer"] == "A"
    assert "need two different engineers (link 0), but \"A\" serves both" in engineers["cause"]
    gap = next(v for v in one.violations if v["kind"] == "link_gap" and v["job"] == "H")
    assert "cycle that cannot hold" in gap["cause"]

    partial = fsd.evaluate(problem, hand({"A": ["H"]}), solve=False)
    link = next(v for v in partial.violations if v["kind"] == "link_partial")
    assert link["job"] == "L"
    assert "is in no route; linked visits are served together or not at all" in link["cause"]


def test_max_lateness_is_recomputed():
    p = day(weights=fsd.ObjectiveWeights(max_lateness=7), lead_deadline=200)
    # A's lead reaches S at 100 and waits for B's helper until 300: 100 s after its soft deadline.
    ev = fsd.evaluate(p, hand({"A": ["L", "F"], "B": ["H"]}), solve=False)
    assert ev.violations == []
    assert ev.objective.lateness == 100
    assert ev.objective.max_lateness == 700
    report = fsd.verify_report(p, ev.timed)
    assert report.ok and report.objective.max_lateness == 700
    assert json.loads(ev.to_json())["plan"]["objective"]["max_lateness"] == 700
