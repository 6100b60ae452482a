"""The core half of the package's Python face: signatures with real names, reprs, ==, pickling,
keyword constructors that refuse unknown fields, JSON names beside the old ones, instants as
datetimes and ISO text, and the Gantt chart of a plan."""
import datetime as dt
import inspect
import json
import pickle
import warnings

import pytest

import fsdispatch as fsd
from conftest import DAY, small_problem_json

BERLIN_WINTER = dt.timezone(dt.timedelta(hours=1))


def lunch_problem():
    """One engineer with a lunch break, two jobs (one with a tight SLA so the plan is late), one
    job nobody can do: a plan with every kind of step, lateness and an unassigned job."""
    lunch = fsd.Break(id="lunch", time_windows=[fsd.TimeWindow(DAY + 12 * 3600, DAY + 13 * 3600)], duration=1800)
    engineer = fsd.Engineer(id="eng-1", start=fsd.Location(lat=48.14, lon=11.58),
                            shifts=[fsd.TimeWindow(DAY + 8 * 3600, DAY + 17 * 3600)], breaks=[lunch],
                            skills=[fsd.SkillLevel("hvac", 2)])
    jobs = [
        fsd.Job(id="T-1", location=fsd.Location(lat=48.20, lon=11.60), duration=3600,
                skills=[fsd.SkillRequirement("hvac")]),
        fsd.Job(id="T-2", location=fsd.Location(lat=48.10, lon=11.50), duration=1800,
                time_windows=[fsd.TimeWindow(DAY + 14 * 3600, DAY + 16 * 3600)],
                sla=fsd.SlaDeadline(DAY + 8 * 3600, hard=False)),
        fsd.Job(id="T-3", location=fsd.Location(lat=48.12, lon=11.55), duration=600,
                skills=[fsd.SkillRequirement("plumbing")]),
    ]
    return fsd.Problem(engineers=[engineer], jobs=jobs)


@pytest.fixture(scope="module")
def plan():
    problem = lunch_problem()
    return fsd.solve(problem, time_limit=1, seed=1)


# ---- signatures ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cls, names", [
    (fsd.Job, ["id", "location", "duration", "time_windows", "skills", "priority", "sla", "demand",
               "pinned_engineer", "allowed_engineers", "forbidden_engineers", "optional", "penalty",
               "preferred_engineer", "preference_cost", "durations_by_level"]),
    (fsd.Engineer, ["id", "start", "end", "shifts", "breaks", "skills", "capacity", "max_jobs", "max_travel_time",
                    "costs", "speed_factor", "max_overtime"]),
    (fsd.Break, ["id", "time_windows", "duration"]),
    (fsd.EngineerCosts, ["fixed", "per_hour", "per_km", "overtime_per_hour"]),
    (fsd.ObjectiveWeights, ["unassigned", "lateness", "travel", "balance", "preference", "overtime"]),
    (fsd.Step, ["kind", "index", "arrival", "start", "end", "waiting", "travel_time", "travel_distance", "lateness",
                "load"]),
    (fsd.Route, ["engineer", "shift", "steps", "travel_time", "distance", "cost"]),
    (fsd.Unassigned, ["job", "reason", "detail", "fix"]),
    (fsd.Solution, ["routes", "unassigned", "objective", "stats"]),
    (fsd.SolveStats, ["seconds", "iterations", "solver", "stop_reason"]),
    (fsd.UnassignedFix, ["kind", "engineer", "skills", "minutes", "sentence"]),
    (fsd.TimeWindow, ["start", "end"]),
    (fsd.Location, ["lat", "lon", "index"]),
    (fsd.InitialRoute, ["engineer", "shift", "jobs", "fixed", "fixed_jobs"]),
])
def test_constructor_signature_names_every_field(cls, names):
    first_line = cls.__init__.__doc__.splitlines()[0]
    for name in names:
        assert f"{name}: " in first_line, (cls.__name__, name, first_line)
    assert "**kwargs" not in first_line


def test_keyword_defaults_are_the_cpp_defaults():
    doc = fsd.EngineerCosts.__init__.__doc__.splitlines()[0]
    assert "per_hour: int = 3600" in doc
    assert "unassigned: int = 1000000000" in fsd.ObjectiveWeights.__init__.__doc__
    costs = fsd.EngineerCosts()
    assert (costs.fixed, costs.per_hour, costs.per_km, costs.overtime_per_hour) == (0, 3600, 0, 0)


@pytest.mark.parametrize("function, names", [
    (fsd.verify, ["problem", "solution"]),
    (fsd.verify_report, ["problem", "solution"]),
    (fsd.evaluate, ["problem", "plan", "solve", "time_limit", "seed"]),
    (fsd.read_vroom, ["source"]),
    (fsd.solve_vroom, ["source", "time_limit", "seed"]),
    (fsd.great_circle_matrices, ["points", "options"]),
    (fsd.parse_iso8601, ["text", "path"]),
    (fsd.format_iso8601, ["t", "offset_seconds"]),
    (fsd.Solution.to_json, ["problem", "indent", "iso_offset_seconds"]),
    (fsd.Solution.from_json, ["problem", "text"]),
    (fsd.Solution.to_dataframe, ["problem"]),
    (fsd.Solution.plot_gantt, ["problem", "ax"]),
    (fsd.Problem.to_json, ["indent", "iso_offset_seconds"]),
])
def test_function_signatures_show_names(function, names):
    first_line = function.__doc__.splitlines()[0]
    for name in names:
        assert f"{name}: " in first_line, (function.__name__, name, first_line)


def test_python_functions_have_numpydoc_sections():
    for function in (fsd.solve, fsd.plot_gantt, fsd.plot_plan_gantt, fsd.plot_routes):
        doc = inspect.getdoc(function)
        assert "Parameters\n----------" in doc and "Returns\n-------" in doc, function.__name__
    for function in (fsd.verify, fsd.evaluate, fsd.Solution.to_json, fsd.Problem.read):
        assert "Parameters\n----------" in function.__doc__, function.__name__


# ---- keyword constructors -----------------------------------------------------------------------

@pytest.mark.parametrize("cls", [fsd.Job, fsd.Engineer, fsd.Break, fsd.EngineerCosts, fsd.ObjectiveWeights, fsd.Step,
                                 fsd.Route, fsd.Unassigned, fsd.Solution, fsd.SolveStats, fsd.UnassignedFix])
def test_unknown_keyword_is_a_type_error_naming_it(cls):
    with pytest.raises(TypeError, match="durration"):
        cls(durration=5)


def test_value_types_refuse_positional_fields():
    # Keyword-only: Job("T-1", 3600) cannot silently put a number into the wrong field.
    with pytest.raises(TypeError):
        fsd.Job("T-1")


def test_old_keyword_calls_keep_working():
    job = fsd.Job(id="T-1", duration=3600)
    assert (job.id, job.duration, job.priority) == ("T-1", 3600, 0)
    engineer = fsd.Engineer(id="E", shifts=[fsd.TimeWindow(0, 10)], max_jobs=3)
    assert engineer.max_jobs == 3 and engineer.end is None
    step = fsd.Step(kind=fsd.StepKind.break_, index=0, start=5)
    assert step.kind == fsd.StepKind.break_ and step.start == 5
    job.durations_by_level = [(2, 1800)]
    assert fsd.Job(id="T-1", duration=3600, durations_by_level=[{"level": 2, "duration": 1800}]) == job


# ---- repr and == --------------------------------------------------------------------------------

def test_repr_in_dataclass_form_shows_set_fields():
    job = fsd.Job(id="T-1", duration=3600, time_windows=[fsd.TimeWindow(10, 20)])
    assert repr(job) == "Job(id='T-1', duration=3600, time_windows=[TimeWindow(start=10, end=20)])"
    assert repr(fsd.TimeWindow(1, 2)) == "TimeWindow(start=1, end=2)"
    assert repr(fsd.EngineerCosts(fixed=5)) == "EngineerCosts(fixed=5, per_hour=3600, per_km=0, overtime_per_hour=0)"
    assert repr(fsd.Location(lat=1.0, lon=2.0)) == "Location(coords=Coordinates(lat=1.0, lon=2.0))"
    assert repr(fsd.Engineer(id="E", max_jobs=2)) == "Engineer(id='E', max_jobs=2)"
    assert repr(fsd.Break(id="lunch", duration=60)) == "Break(id='lunch', time_windows=[], duration=60)"
    assert repr(fsd.Unassigned(job=2, reason=fsd.UnassignedReason.capacity)) == \
        "Unassigned(job=2, reason=UnassignedReason.capacity)"
    assert repr(fsd.Step(kind=fsd.StepKind.job, index=1, start=5)) == \
        "Step(kind=StepKind.job, index=1, arrival=0, start=5, end=0)"


def test_every_value_type_has_its_own_repr(plan):
    problem = plan.problem
    values = [fsd.TimeWindow(0, 1), fsd.Coordinates(1.0, 2.0), fsd.Location(index=0), fsd.SkillLevel("a"),
              fsd.SkillRequirement("a"), fsd.LevelDuration(2, 10), fsd.Break(), fsd.EngineerCosts(), fsd.Engineer(),
              fsd.SlaDeadline(0), fsd.Job(), fsd.ObjectiveWeights(), fsd.ObjectiveParts(), fsd.GreatCircle(),
              fsd.RoadNode("n", 1.0, 2.0), fsd.RoadEdge("a", "b", 1, 1), fsd.RoadNetwork([], []), fsd.Step(),
              fsd.Route(), fsd.FixSkill("a"), fsd.UnassignedFix(), fsd.Unassigned(), fsd.SolveStats(), fsd.Solution(),
              fsd.InitialRoute(engineer=0), problem, plan, plan.routes[0], problem.slots[0],
              fsd.verify_report(problem, plan), fsd.evaluate(problem, plan, solve=False)]
    for value in values:
        text = repr(value)
        assert text.startswith(type(value).__name__ + "(") and " object at 0x" not in text, text


def test_long_lists_are_shortened_in_a_repr():
    route = fsd.Route(steps=[fsd.Step() for _ in range(10)])
    assert "steps=<10 items>" in repr(route)


def test_equality_follows_the_fields(plan):
    assert fsd.Job(id="T-1", duration=5) == fsd.Job(id="T-1", duration=5)
    assert fsd.Job(id="T-1", duration=5) != fsd.Job(id="T-1", duration=6)
    assert fsd.SolveStats(seed=3) == fsd.SolveStats(seed=3)
    assert fsd.InitialRoute(engineer=0, jobs=[1]) == fsd.InitialRoute(engineer=0, jobs=[1])
    assert plan == fsd.Solution.from_json(plan.problem, plan.to_json())
    assert lunch_problem() == lunch_problem()
    assert lunch_problem() != fsd.Problem.from_json(small_problem_json())
    assert (lunch_problem() == "a problem") is False
    assert hash(lunch_problem()) == hash(lunch_problem())
    assert len({lunch_problem(), lunch_problem(), plan.problem}) == 1


# ---- pickling -----------------------------------------------------------------------------------

def test_problem_pickles_through_its_json():
    problem = lunch_problem()
    copy = pickle.loads(pickle.dumps(problem))
    assert copy == problem
    assert copy.to_json() == problem.to_json()
    assert copy.jobs[1].sla == problem.jobs[1].sla


def test_solution_pickles_with_its_problem_and_keeps_working(plan):
    copy = pickle.loads(pickle.dumps(plan))
    assert copy == plan
    assert copy.problem == plan.problem
    assert fsd.verify(copy.problem, copy) == []
    assert copy.to_json() == plan.to_json()
    assert [u.job_id for u in copy.unassigned] == ["T-3"]
    # A warm start from the unpickled plan solves as from the original.
    again = fsd.solve(copy.problem, time_limit=1, seed=1, initial=copy)
    assert again.objective.total <= plan.objective.total


def test_solution_without_problem_refuses_to_pickle():
    with pytest.raises(TypeError, match="problem"):
        pickle.dumps(fsd.Solution())


# ---- JSON names ---------------------------------------------------------------------------------

def test_break_time_windows_with_deprecated_windows_alias():
    window = fsd.TimeWindow(DAY, DAY + 3600)
    lunch = fsd.Break(id="lunch", time_windows=[window], duration=60)
    assert lunch.time_windows == [window]
    with pytest.warns(DeprecationWarning, match="time_windows"):
        assert lunch.windows == [window]
    with pytest.warns(DeprecationWarning):
        old = fsd.Break(id="lunch", windows=[window], duration=60)
    assert old == lunch
    with pytest.warns(DeprecationWarning):
        old.windows = []
    assert old.time_windows == []
    with pytest.raises(TypeError, match="not both"):
        fsd.Break(time_windows=[window], windows=[window])


def test_plan_items_answer_their_json_ids(plan):
    data = json.loads(plan.to_json())
    route, route_json = plan.routes[0], data["routes"][0]
    assert route.engineer_id == route_json["engineer"] == "eng-1"
    assert route.engineer_index == route.engineer == 0
    for step, step_json in zip(route.steps, route_json["steps"]):
        assert step.type == step_json["type"]
        assert step.id == step_json.get("id")
        assert step.distance == step.travel_distance
    assert "lunch" in [s.id for s in route.steps]
    u = plan.unassigned[0]
    assert u.job_id == data["unassigned"][0]["id"] == "T-3"
    assert u.job_index == u.job == 2


def test_hand_made_items_say_they_do_not_know_their_problem():
    with pytest.raises(ValueError, match="does not know its problem"):
        _ = fsd.Unassigned(job=0).job_id
    with pytest.raises(ValueError, match="does not know its problem"):
        _ = fsd.Step(kind=fsd.StepKind.job, index=0).id
    assert fsd.Step(kind=fsd.StepKind.start).id is None
    assert fsd.Solution().problem is None


# ---- instants -----------------------------------------------------------------------------------

def test_time_window_takes_datetimes_and_iso_text():
    start = dt.datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN_WINTER)
    window = fsd.TimeWindow(start, "2026-11-24T17:00:00+01:00")
    assert window == fsd.TimeWindow(DAY + 7 * 3600, DAY + 16 * 3600)
    assert fsd.TimeWindow(dt.datetime(2026, 11, 24, 7, tzinfo=dt.timezone.utc), 0).start == DAY + 7 * 3600
    assert fsd.SlaDeadline("2026-11-24T00:00:00Z").deadline == DAY


def test_naive_datetimes_and_bad_text_are_refused_by_name():
    with pytest.raises(fsd.InputError, match="naive") as caught:
        fsd.TimeWindow(dt.datetime(2026, 11, 24, 8), DAY)
    assert caught.value.path == "start"
    with pytest.raises(fsd.InputError) as caught:
        fsd.SlaDeadline("tomorrow morning")
    assert caught.value.path == "deadline"
    with pytest.raises(TypeError, match="end"):
        fsd.TimeWindow(0, 1.5)
    with pytest.raises(TypeError):
        fsd.TimeWindow(True, 5)


def test_instant_helper_on_lists_and_columns():
    from fsdispatch._time import instant, instant_list

    assert instant(dt.datetime(2026, 11, 24, 0, 0, 0, 999999, tzinfo=dt.timezone.utc), "now") == DAY
    assert instant_list([DAY, "2026-11-24T01:00:00+01:00"], "/x") == [DAY, DAY]
    with pytest.raises(fsd.InputError) as caught:
        instant_list([DAY, "soon"], "/events")
    assert caught.value.path == "/events/1"
    pd = pytest.importorskip("pandas")
    aware = pd.Series(pd.to_datetime(["2026-11-24T00:00:00Z", "2026-11-24T01:00:00Z"]))
    assert instant_list(aware, "/t") == [DAY, DAY + 3600]
    with pytest.raises(fsd.InputError, match="naive"):
        instant_list(pd.Series(pd.to_datetime(["2026-11-24 00:00"])), "/t")


# ---- methods where the class is -----------------------------------------------------------------

def test_solution_methods_are_defined_on_the_bound_class():
    for name in ("to_json", "from_json", "to_dataframe", "unassigned_dataframe", "plot_routes", "plot_gantt"):
        assert name in fsd._fsd.Solution.__dict__, name
    assert fsd.Solution is fsd._fsd.Solution


def test_solution_tables(plan):
    pytest.importorskip("pandas")
    frame = plan.to_dataframe()
    assert list(frame["id"][frame["type"] == "job"]) == [s.id for s in plan.routes[0].steps if s.type == "job"]
    assert list(plan.unassigned_dataframe()["id"]) == ["T-3"]


# ---- plot_gantt ---------------------------------------------------------------------------------

def test_plot_gantt_of_a_plan_draws_every_activity(plan):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = fsd.plot_gantt(plan)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["eng-1"]
    colours = {tuple(c.get_facecolor()[0]) for c in ax.collections}
    drawn = {name for name, colour in fsd.plan._GANTT_COLOURS.items()
             if tuple(matplotlib.colors.to_rgba(colour)) in colours}
    # The plan travels, works, takes lunch, and starts T-2 after its SLA deadline.
    assert {"travel", "on site", "break", "late"} <= drawn
    assert plan.routes[0].lateness > 0
    assert plan.plot_gantt(ax=ax) is ax
    plt.close("all")


def test_plot_gantt_refuses_arguments_of_the_other_kind(plan):
    with pytest.raises(TypeError, match="day"):
        fsd.plot_gantt(plan, day=1)
    with pytest.raises(TypeError, match="plans"):
        fsd.plot_gantt(object(), problem=plan.problem)


def test_one_plot_gantt_also_draws_a_simulation_run():
    matplotlib = pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if not hasattr(fsd, "simulate"):
        pytest.skip("this build leaves the sim layer out")
    scenario = fsd.generate_scenario(name="tiny", engineers=3, tickets_per_day=8, skills=2, radius_km=10, seed=3)
    run = fsd.simulate(scenario, "nearest", days=1, seed=1)
    figure = fsd.plot_gantt(run, day=0)
    assert isinstance(figure, matplotlib.figure.Figure)
    assert figure.axes[0].get_title() == fsd.sim.plot_gantt(run, day=0).axes[0].get_title()
    plt.close("all")
