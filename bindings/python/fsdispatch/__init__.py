"""fsdispatch: a field-service dispatch engine.

Plans engineers' service days (who goes where, when, in what order), checks
plans independently, and explains every ticket left out. The work is done in
C++; this package adds keyword constructors, pandas tables and matplotlib plots.

    import fsdispatch as fsd
    problem = fsd.Problem.read("problem.json")
    plan = fsd.solve(problem, time_limit=2, seed=1)
    assert fsd.verify(problem, plan) == []
    print(plan.to_dataframe())
"""
from . import _fsd
from ._fsd import *  # noqa: F401,F403
from ._fsd import InputError, Problem, Solution
from ._kwargs import install_keyword_constructors
from .plan import plot_routes, solution_to_dataframe, unassigned_to_dataframe  # noqa: F401
from .sla import sla_at_risk, sla_escalations, sla_status  # noqa: F401
if hasattr(_fsd, "AssignProblem"):  # partial builds may leave the assign layer out
    from .assign import AssignResult, assign, generate_assign_batch, load_assign_batch, read_assign_batch  # noqa: F401
if hasattr(_fsd, "LivePlan"):  # partial builds may leave the dispatch layer out
    from .dispatch import LivePlan  # noqa: F401
if hasattr(_fsd, "Scenario"):  # partial builds may leave the sim layer out
    from .sim import (SimRun, compare_policies, comparison_to_dataframe, first_working_day, html_report,  # noqa: F401
                      load_scenario, plot_backlog, plot_gantt, plot_kpis, plot_route_map, serial_sweep, simulate,
                      sweep)

try:  # the triage helpers work on pandas DataFrames; the rest of the package does not need pandas
    from .triage import TriageModel, find_duplicates, generate_tickets, read_tickets  # noqa: F401
except ModuleNotFoundError as missing:
    if missing.name not in ("pandas", "numpy"):
        raise

# Staffing: forecast, desk (Erlang C/A), field headcount, rosters; tables are pandas DataFrames.
try:
    if hasattr(_fsd, "ForecastOptions"):
        from .forecast import backtest_forecast, forecast, plot_forecast  # noqa: F401
    if hasattr(_fsd, "DeskTarget"):
        from .desk import erlang_a, erlang_c, staff_desk  # noqa: F401
    if hasattr(_fsd, "RosterProblem"):
        from .roster import plot_coverage, roster  # noqa: F401
    if hasattr(_fsd, "FieldStaffingOptions"):
        from .field_staffing import plot_staffing_curve, staff_field  # noqa: F401
    if hasattr(_fsd, "field_requirement") and hasattr(_fsd, "RosterProblem"):
        from .staffing_loop import (field_requirement_frame, roster_people, scenario_with_demand,  # noqa: F401
                                    scenario_with_roster, simulate_roster, week_arrivals)
except ModuleNotFoundError as missing:
    if missing.name not in ("pandas", "numpy"):
        raise

__version__ = "0.1.0"

install_keyword_constructors(
    _fsd.Engineer, _fsd.Job, _fsd.Break, _fsd.EngineerCosts, _fsd.ObjectiveWeights, _fsd.Step, _fsd.Route,
    _fsd.Unassigned, _fsd.Solution,
)


def solve(problem, time_limit=1.0, seed=1, iteration_limit=-1, threads=1, on_progress=None, progress=False,
          initial=None, fix=None, algorithm="auto", stagnation_limit=-1, decompose=True):
    """Plans the day for `problem` and returns a Solution (which remembers its problem).

    time_limit: seconds from the call (the plan comes back within it); iteration_limit: -1 for none;
    stagnation_limit: stop after this many iterations without a better plan (-1: automatic, 500 + 5 per
    job, so a small day returns in milliseconds; 0: never); seed: same seed, same plan;
    threads: searches sharing their best plan now and then, the best kept; on_progress: called with a Progress at each
    new best; progress=True shows a tqdm bar; initial: a Solution of this problem, or a list of
    InitialRoute, to start from (warm start; jobs that no longer fit are dropped from it and inserted
    again); fix: {engineer id: True} keeps that engineer's initial route as it is, {engineer id: N}
    keeps its first N jobs first and in order (InitialRoute.fixed / fixed_jobs do the same); algorithm: the
    improving stage of the one search, "auto" (hgs from 2 s per 100 jobs on days of 100 jobs or more, ils
    otherwise), "ils" (iterated local search) or "hgs" (hybrid genetic search); solution.stats.solver says
    which ran; decompose: hgs on plans of 400 served jobs or more also searches groups of nearby routes on
    their own now and then (False: always the whole plan).
    """
    callback = on_progress
    bar = None
    if progress:
        from tqdm import tqdm
        bar = tqdm(total=float(time_limit), unit="s", desc="solving", bar_format="{l_bar}{bar}| {n:.1f}/{total:.1f}s {postfix}")

        def callback(p, _user=on_progress):
            bar.n = min(p.seconds, float(time_limit))
            bar.set_postfix_str(f"cost {p.objective.total:,} unassigned {p.unassigned}")
            if _user is not None:
                _user(p)
    try:
        solution = _fsd._solve(problem, time_limit=time_limit, iteration_limit=iteration_limit, seed=seed,
                               threads=threads, on_progress=callback, initial=initial, fix=fix or {},
                               algorithm=algorithm, stagnation_limit=stagnation_limit, decompose=decompose)
    finally:
        if bar is not None:
            bar.close()
    solution.problem = problem
    return solution


def _solution_from_json(problem, text):
    solution = _fsd._solution_from_json(problem, text)
    solution.problem = problem
    return solution


def _solution_to_json(self, problem=None, indent=2, iso_offset_seconds=None):
    problem = problem if problem is not None else _problem_of(self)
    return _fsd._solution_to_json(problem, self, indent=indent, iso_offset_seconds=iso_offset_seconds)


def _problem_of(solution):
    problem = getattr(solution, "problem", None)
    if problem is None:
        raise ValueError("this Solution does not know its problem; pass problem=...")
    return problem


Solution.from_json = staticmethod(_solution_from_json)
Solution.to_json = _solution_to_json
Solution.to_dataframe = lambda self, problem=None: solution_to_dataframe(
    problem if problem is not None else _problem_of(self), self)
Solution.plot_routes = lambda self, problem=None, ax=None: plot_routes(
    problem if problem is not None else _problem_of(self), self, ax=ax)
