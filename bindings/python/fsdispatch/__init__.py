"""fsdispatch: a field-service dispatch engine.

Plans engineers' service days (who goes where, when, in what order), checks
plans independently, and explains every ticket left out. The work is done in
C++; every class is defined in its binding with its methods (keyword
constructors, repr, ==, pickling of Problem and Solution); the Python modules
add functions over pandas tables and matplotlib plots.

    import fsdispatch as fsd
    problem = fsd.Problem.read("problem.json")
    plan = fsd.solve(problem, time_limit=2, seed=1)
    assert fsd.verify(problem, plan) == []
    print(plan.to_dataframe())
"""
from . import _fsd
from ._fsd import *  # noqa: F401,F403
from ._fsd import InputError, Problem, Solution  # noqa: F401  (named for readers; also in the * import)
from .plan import plot_plan_gantt, plot_routes, solution_to_dataframe, unassigned_to_dataframe  # noqa: F401
from .sla import sla_at_risk, sla_escalations, sla_status  # noqa: F401
if hasattr(_fsd, "AssignProblem"):  # partial builds may leave the assign layer out
    from .assign import AssignResult, assign, generate_assign_batch, load_assign_batch, read_assign_batch  # noqa: F401
if hasattr(_fsd, "LivePlan"):  # partial builds may leave the dispatch layer out
    from .dispatch import LivePlan  # noqa: F401
if hasattr(_fsd, "Scenario"):  # partial builds may leave the sim layer out
    from .sim import (SimRun, compare_policies, comparison_to_dataframe, first_working_day, html_report,  # noqa: F401
                      load_scenario, plot_backlog, plot_kpis, plot_route_map, serial_sweep, simulate, sweep)
# One plot_gantt for plans and simulation runs: plan.py's dispatches runs to sim.plot_gantt.
from .plan import plot_gantt  # noqa: F401,E402

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


def solve(problem, time_limit=1.0, seed=1, iteration_limit=-1, threads=1, on_progress=None, progress=False,
          initial=None, fix=None, algorithm="auto", stagnation_limit=-1, decompose=True):
    """Plan the day for `problem`.

    Parameters
    ----------
    problem : Problem
    time_limit : float, default 1.0
        Seconds from the call; the plan comes back within it.
    seed : int, default 1
        Same seed, same plan.
    iteration_limit : int, default -1
        -1: none.
    threads : int, default 1
        Searches sharing their best plan now and then; the best is kept.
    on_progress : callable, optional
        Called with a Progress at each new best (with the GIL held); raising stops the search.
    progress : bool, default False
        True shows a tqdm bar.
    initial : Solution or list of InitialRoute, optional
        A plan of this problem to start from (warm start); jobs that no longer fit are dropped
        from it and inserted again.
    fix : dict, optional
        {engineer id: True} keeps that engineer's initial route as it is, {engineer id: N} keeps
        its first N jobs first and in order (InitialRoute.fixed / fixed_jobs do the same).
    algorithm : {"auto", "ils", "hgs"}, default "auto"
        The improving stage: "auto" takes hgs from 2 s per 100 jobs on days of 100 jobs or more,
        ils otherwise; ``solution.stats.solver`` says which ran.
    stagnation_limit : int, default -1
        Stop after this many iterations without a better plan (-1: 500 + 5 per job; 0: never).
    decompose : bool, default True
        hgs on plans of 400 served jobs or more also searches groups of nearby routes on their
        own now and then (False: always the whole plan).

    Returns
    -------
    Solution
        It remembers `problem` (``solution.problem``).

    Raises
    ------
    InputError
        A bad option or fix, named by its path.
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
