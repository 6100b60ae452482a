import json

import pytest

import fsdispatch as fsd
from conftest import small_problem_json


@pytest.fixture
def problem():
    return fsd.Problem.from_json(small_problem_json(jobs=6))


def test_solve_returns_a_verified_plan(problem):
    plan = fsd.solve(problem, time_limit=0.2, seed=3)
    assert fsd.verify(problem, plan) == []
    served = [s.index for r in plan.routes for s in r.steps if s.kind == fsd.StepKind.job]
    assert sorted(served) == list(range(problem.num_jobs))
    assert plan.objective.total == fsd.verify_report(problem, plan).objective.total


def test_same_seed_same_plan(problem):
    a = fsd.solve(problem, time_limit=0.1, iteration_limit=200, seed=7)
    b = fsd.solve(problem, time_limit=0.1, iteration_limit=200, seed=7)
    assert a.routes == b.routes


def test_plan_to_dataframe_and_json(problem):
    plan = fsd.solve(problem, time_limit=0.1)
    df = plan.to_dataframe()
    assert set(df["type"]) >= {"start", "job", "end"}
    assert sorted(df[df["type"] == "job"]["id"]) == sorted(j.id for j in problem.jobs)
    text = plan.to_json()
    assert json.loads(text)["format"] == "fsdispatch-solution"
    again = fsd.Solution.from_json(problem, text)
    assert again.routes == plan.routes
    assert fsd.verify(problem, again) == []


def test_verify_lists_violations(problem):
    plan = fsd.solve(problem, time_limit=0.1)
    route = plan.routes[0]
    steps = route.steps
    steps[1].start += 7  # the stated times no longer add up
    route.steps = steps
    routes = plan.routes
    routes[0] = route
    plan.routes = routes
    kinds = {v.kind for v in fsd.verify(problem, plan)}
    assert "timing" in kinds


def test_unassigned_jobs_carry_reasons():
    text = json.loads(small_problem_json())
    text["jobs"][0]["skills"] = [{"skill": "plumbing", "min_level": 1}]
    problem = fsd.Problem.from_json(json.dumps(text))
    plan = fsd.solve(problem, time_limit=0.1)
    assert [(problem.jobs[u.job].id, u.reason) for u in plan.unassigned] == [
        ("T-1", fsd.UnassignedReason.no_qualified_engineer)]
    assert fsd.verify(problem, plan) == []


def test_progress_callback_and_bar(problem):
    seen = []
    fsd.solve(problem, time_limit=0.1, on_progress=seen.append, progress=True)
    assert seen, "the callback is called at least for the first solution"
    totals = [p.objective.total for p in seen]
    assert totals == sorted(totals, reverse=True)


def test_bad_options_name_the_option(problem):
    with pytest.raises(fsd.InputError, match="threads"):
        fsd.solve(problem, threads=0)


def test_plot_routes(problem):
    import matplotlib
    matplotlib.use("Agg")
    plan = fsd.solve(problem, time_limit=0.1)
    ax = plan.plot_routes()
    assert len(ax.lines) >= len(plan.routes)
