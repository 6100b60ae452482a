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


def _one_job_two_engineers(preference_cost):
    # eng-A 100 s from the job, eng-B 90 s: B saves 20 s of travel (cost 20 at the default rates).
    return fsd.Problem.from_json(json.dumps({
        "engineers": [
            {"id": "eng-A", "start": {"index": 1}, "shifts": [{"start": 0, "end": 10000}]},
            {"id": "eng-B", "start": {"index": 2}, "shifts": [{"start": 0, "end": 10000}]},
        ],
        "jobs": [{"id": "T-1", "location": {"index": 0}, "duration": 60,
                  "preferred_engineer": "eng-A", "preference_cost": preference_cost}],
        "travel": {"model": "matrix", "durations": [[0, 100, 90], [100, 0, 190], [90, 190, 0]]},
    }))


def test_preferred_engineer_against_travel():
    kept = fsd.solve(_one_job_two_engineers(50), time_limit=5, iteration_limit=20)
    assert kept.routes[0].engineer == 0
    assert kept.objective.preference == 0
    moved = fsd.solve(_one_job_two_engineers(10), time_limit=5, iteration_limit=20)
    assert moved.routes[0].engineer == 1
    assert moved.objective.preference == 10
    assert moved.objective.total == 180 + 10
    assert fsd.verify(moved.problem, moved) == []


def test_warm_start_keeps_an_optimal_plan(problem):
    best = fsd.solve(problem, time_limit=5, iteration_limit=200, seed=4)
    again = fsd.solve(problem, time_limit=5, iteration_limit=0, seed=9, initial=best)
    assert again.routes == best.routes
    assert again.objective == best.objective
    assert fsd.verify(problem, again) == []


def test_warm_start_repairs_a_plan_of_another_problem(problem):
    # A plan whose first job now needs a skill only eng-1 holds is repaired, not refused.
    doc = json.loads(small_problem_json(jobs=6))
    plan = fsd.solve(problem, time_limit=5, iteration_limit=20)
    moved = next(s.index for r in plan.routes if r.engineer == 1 for s in r.steps if s.kind == fsd.StepKind.job)
    doc["jobs"][moved]["skills"] = [{"skill": "hvac", "min_level": 1}]
    changed = fsd.Problem.from_json(json.dumps(doc))
    result = fsd.solve(changed, time_limit=5, iteration_limit=0, initial=plan)
    assert fsd.verify(changed, result) == []
    owner = next(r.engineer for r in result.routes for s in r.steps if s.kind == fsd.StepKind.job and s.index == moved)
    assert owner == 0


def test_warm_start_errors_name_the_route(problem):
    plan = fsd.solve(problem, time_limit=5, iteration_limit=5)
    routes = plan.routes
    steps = routes[0].steps
    steps[1].index = 99
    route = routes[0]
    route.steps = steps
    routes[0] = route
    plan.routes = routes
    with pytest.raises(fsd.InputError, match="/options/initial_routes/0/jobs/0"):
        fsd.solve(problem, iteration_limit=0, initial=plan)


def test_cli_solve_from_initial_plan(cli, tmp_path):
    import subprocess

    problem = tmp_path / "problem.json"
    plan = tmp_path / "plan.json"
    again = tmp_path / "again.json"
    problem.write_text(small_problem_json(jobs=6))
    r = subprocess.run([cli, "solve", str(problem), "-o", str(plan), "--iterations", "200", "--time-limit", "5"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([cli, "solve", str(problem), "--initial", str(plan), "-o", str(again), "--iterations", "0",
                        "--seed", "5"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "preference 0" in r.stdout
    assert json.loads(again.read_text())["routes"] == json.loads(plan.read_text())["routes"]
    bad = json.loads(plan.read_text())
    bad["routes"][0]["engineer"] = "nobody"
    plan.write_text(json.dumps(bad))
    r = subprocess.run([cli, "solve", str(problem), "--initial", str(plan)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2


def test_algorithm_choice():
    from conftest import ROOT

    tiny = fsd.read_solomon(str(ROOT / "tests" / "data" / "io_solomon_tiny.txt")).problem
    auto = fsd.solve(tiny, iteration_limit=20, seed=3)
    assert auto.stats.solver == "ils"  # a small day: iterated local search whatever the limit
    assert fsd.verify(tiny, auto) == []
    assert fsd.solve(tiny, iteration_limit=20, algorithm="segment-ils").stats.solver == "ils"
    with pytest.raises(fsd.InputError, match="auto, ils, hgs"):
        fsd.solve(tiny, algorithm="regret-ls")
    genetic = fsd.solve(tiny, iteration_limit=20, seed=3, algorithm="hgs")
    assert genetic.stats.solver == "hgs"
    assert fsd.verify(tiny, genetic) == []
    with pytest.raises(fsd.InputError) as err:
        fsd.solve(tiny, algorithm="genetic")
    assert err.value.path == "/options/algorithm"


def test_both_stages_plan_a_service_day():
    from conftest import ROOT

    # The bundled service day has lunch breaks, two-window jobs and priced SLA deadlines.
    problem = fsd.Problem.read(str(ROOT / "examples" / "data" / "service_day.json"))
    for algorithm in ("ils", "hgs"):
        plan = fsd.solve(problem, iteration_limit=5, algorithm=algorithm)
        assert plan.stats.solver == algorithm
        assert fsd.verify(problem, plan) == []


def test_stagnation_ends_the_search_early(problem):
    plan = fsd.solve(problem, time_limit=30, iteration_limit=100_000, stagnation_limit=20, seed=2)
    assert plan.stats.iterations < 100_000
    assert plan.stats.seconds < 30
    with pytest.raises(fsd.InputError) as err:
        fsd.solve(problem, stagnation_limit=-5)
    assert err.value.path == "/options/stagnation_limit"


def test_threads_share_and_stay_deterministic(problem):
    one = fsd.solve(problem, time_limit=30, iteration_limit=250, seed=4)
    a = fsd.solve(problem, time_limit=30, iteration_limit=250, seed=4, threads=2)
    b = fsd.solve(problem, time_limit=30, iteration_limit=250, seed=4, threads=2)
    assert a.routes == b.routes
    assert a.objective == b.objective
    assert a.objective.total <= one.objective.total
    assert fsd.verify(problem, a) == []


def test_threads_beyond_the_machine_are_refused_by_field(problem):
    most = fsd.max_solve_threads()
    assert most >= 4 and most % 4 == 0
    with pytest.raises(fsd.InputError) as err:
        fsd.solve(problem, iteration_limit=5, threads=most + 1)
    assert err.value.path == "/options/threads"


def test_decompose_is_an_option_of_the_genetic_search(problem):
    # Below 400 served jobs nothing is decomposed: both settings give the same plan for a seed
    # (examples/python/large_day.py solves a day large enough for parts).
    whole = fsd.solve(problem, iteration_limit=30, seed=4, algorithm="hgs", decompose=False)
    parts = fsd.solve(problem, iteration_limit=30, seed=4, algorithm="hgs", decompose=True)
    assert fsd.verify(problem, parts) == []
    assert parts.routes == whole.routes
    with pytest.raises(TypeError):
        fsd.solve(problem, decompose="yes")
