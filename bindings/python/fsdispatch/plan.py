"""Tables and pictures of a day plan (pandas and matplotlib, imported lazily).

Solution's methods (to_dataframe, unassigned_dataframe, plot_routes, plot_gantt) are defined in
its binding and call these functions; they take the problem explicitly so that they also serve
plans that do not remember theirs.
"""
import math

from . import _fsd


def _steps(problem, solution):
    for r, route in enumerate(solution.routes):
        engineer = problem.engineers[route.engineer].id
        for s, step in enumerate(route.steps):
            if step.kind == _fsd.StepKind.job:
                what = problem.jobs[step.index].id
            elif step.kind == _fsd.StepKind.break_:
                what = problem.engineers[route.engineer].breaks[step.index].id
            elif step.kind == _fsd.StepKind.depot:
                what = problem.depots[step.index].id
            else:
                what = ""
            yield {
                "engineer": engineer,
                "shift": route.shift,
                "route": r,
                "step": s,
                "type": step.kind.name.rstrip("_"),
                "id": what,
                "arrival": step.arrival,
                "start": step.start,
                "end": step.end,
                "waiting": step.waiting,
                "travel_time": step.travel_time,
                "distance": step.travel_distance,
                "lateness": step.lateness,
            }


def solution_to_dataframe(problem, solution):
    """One row per step of every route.

    Parameters
    ----------
    problem : Problem
    solution : Solution

    Returns
    -------
    pandas.DataFrame
        Columns engineer, shift, route, step, type, id, arrival, start, end (Unix seconds),
        waiting, travel_time, distance, lateness.
    """
    import pandas as pd

    columns = ["engineer", "shift", "route", "step", "type", "id", "arrival", "start", "end", "waiting",
               "travel_time", "distance", "lateness"]
    return pd.DataFrame(list(_steps(problem, solution)), columns=columns)


def unassigned_to_dataframe(problem, solution):
    """One row per job left out.

    Parameters
    ----------
    problem : Problem
    solution : Solution

    Returns
    -------
    pandas.DataFrame
        Columns id, reason, detail and fix: the sentence of the smallest change that would let
        the job in (None when none was found; the structured fix is `Unassigned.fix`).
    """
    import pandas as pd

    rows = [
        {
            "id": problem.jobs[u.job].id,
            "reason": u.reason.name,
            "detail": u.detail,
            "fix": u.fix.sentence if u.fix is not None else None,
        }
        for u in solution.unassigned
    ]
    return pd.DataFrame(rows, columns=["id", "reason", "detail", "fix"])


def _coords(location):
    if location.coords is None:
        raise ValueError("plot_routes needs coordinates on every location")
    return location.coords.lon, location.coords.lat


def plot_routes(problem, solution, ax=None):
    """Draw every route on a lon/lat map: home bases as squares, jobs as dots, jobs left out as crosses.

    Parameters
    ----------
    problem : Problem
    solution : Solution
    ax : matplotlib.axes.Axes, optional
        Where to draw; None: a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        A location without coordinates.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8))
    cmap = plt.get_cmap("tab20")
    served = set()
    for r, route in enumerate(solution.routes):
        engineer = problem.engineers[route.engineer]
        end = engineer.end if engineer.end is not None else engineer.start
        points = [_coords(engineer.start)]
        for step in route.steps:
            if step.kind == _fsd.StepKind.job:
                points.append(_coords(problem.jobs[step.index].location))
                served.add(step.index)
        points.append(_coords(end))
        xs, ys = zip(*points)
        colour = cmap(r % 20)
        ax.plot(xs, ys, "-", color=colour, linewidth=1.5, label=engineer.id)
        ax.plot(xs[1:-1], ys[1:-1], "o", color=colour, markersize=5)
        ax.plot(xs[0], ys[0], "s", color=colour, markersize=8, markeredgecolor="black")
    left_out = [problem.jobs[u.job] for u in solution.unassigned]
    if left_out:
        xs, ys = zip(*(_coords(j.location) for j in left_out))
        ax.plot(xs, ys, "x", color="black", markersize=8, label="unassigned")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    # Degrees of longitude shrink with latitude: keep the map's proportions true.
    ax.set_aspect(1.0 / max(0.2, math.cos(math.radians(sum(ax.get_ylim()) / 2))))
    ax.legend(fontsize="small", ncol=2, loc="best")
    ax.set_title(f"{len(solution.routes)} routes, {len(solution.unassigned)} unassigned")
    return ax


# One colour per activity; the simulation's Gantt chart (sim.py) uses the same names for the same things.
_GANTT_COLOURS = {"travel": "tab:orange", "on site": "tab:blue", "break": "tab:gray", "waiting": "whitesmoke",
                  "late": "tab:red", "depot": "tab:green"}


def _gantt_bars(route):
    """(activity, start, end) of one route, in Unix seconds, in the order driven."""
    bars = []
    previous_end = None
    for step in route.steps:
        if step.kind == _fsd.StepKind.start:
            previous_end = step.end
            continue
        if step.travel_time > 0 and previous_end is not None:
            bars.append(("travel", previous_end, previous_end + step.travel_time))
        if step.waiting > 0:
            bars.append(("waiting", step.arrival, step.start))
        if step.kind == _fsd.StepKind.job:
            bars.append(("on site", step.start, step.end))
            if step.lateness > 0:
                # The SLA was missed by `lateness` seconds at the start of service: mark the late part before it.
                bars.append(("late", step.start - step.lateness, step.start))
        elif step.kind == _fsd.StepKind.break_:
            bars.append(("break", step.start, step.end))
        elif step.kind == _fsd.StepKind.depot:
            bars.append(("depot", step.start, step.end))
        previous_end = step.end
    return bars


def plot_plan_gantt(solution, problem=None, ax=None):
    """Draw each engineer's day of a plan: travel, work on site, breaks, depot stops, waiting and SLA lateness.

    One row per route (engineer and shift), hours on the x axis (UTC); SLA lateness is the red strip
    under a row, from the deadline to the start of service.

    Parameters
    ----------
    solution : Solution
    problem : Problem, optional
        Default: the solution's own problem.
    ax : matplotlib.axes.Axes, optional
        Where to draw; None: a new figure.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        No problem given and the solution does not know its own.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    problem = problem if problem is not None else solution.problem
    if problem is None:
        raise ValueError("this Solution does not know its problem; pass problem=...")
    routes = list(solution.routes)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, max(2.5, 0.35 * len(routes) + 1.2)))
    starts = [r.steps[0].end for r in routes if r.steps]
    # Hours counted from the midnight (UTC) of the first departure, so that a day reads 0-24.
    origin = (min(starts) // 86400) * 86400 if starts else 0
    labels = []
    for row, route in enumerate(routes):
        engineer = problem.engineers[route.engineer]
        labels.append(engineer.id if len(engineer.shifts) <= 1 else f"{engineer.id} #{route.shift}")
        for activity, start, end in _gantt_bars(route):
            # Lateness overlaps what the engineer was doing meanwhile: a thin strip under the row, not a bar over it.
            band = (row + 0.25, 0.15) if activity == "late" else (row - 0.4, 0.65)
            ax.broken_barh([((start - origin) / 3600, (end - start) / 3600)], band,
                           facecolor=_GANTT_COLOURS[activity], edgecolor="none" if activity != "waiting" else "silver",
                           linewidth=0.5)
    ax.set_yticks(range(len(routes)))
    ax.set_yticklabels(labels, fontsize="small")
    ax.invert_yaxis()
    ax.set_xlabel("hour (UTC)")
    ax.set_title(f"{len(routes)} routes, {len(solution.unassigned)} unassigned")
    handles = [Patch(facecolor=c, edgecolor="silver", label=a) for a, c in _GANTT_COLOURS.items()]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small")
    ax.figure.tight_layout()
    return ax


def plot_gantt(subject, day=None, problem=None, ax=None):
    """Draw a Gantt chart of a plan or of a simulation run.

    Parameters
    ----------
    subject : Solution or SimRun
        A plan: each route's travel, work, breaks, waiting and lateness (see `plot_plan_gantt`).
        A simulation run: its day `day` (see `fsdispatch.sim.plot_gantt`).
    day : int, optional
        Simulation runs only: the day to draw (None: the first day with a visit).
    problem : Problem, optional
        Plans only: default the solution's own problem.
    ax : matplotlib.axes.Axes, optional
        Plans only: where to draw.

    Returns
    -------
    matplotlib.axes.Axes or matplotlib.figure.Figure
        The Axes for a plan; the Figure for a simulation run (as `fsdispatch.sim.plot_gantt`).

    Raises
    ------
    TypeError
        An argument that does not apply to the subject.
    """
    if isinstance(subject, _fsd.Solution):
        if day is not None:
            raise TypeError("plot_gantt: day= applies to simulation runs, not to a plan")
        return plot_plan_gantt(subject, problem=problem, ax=ax)
    if problem is not None or ax is not None:
        raise TypeError("plot_gantt: problem= and ax= apply to plans (Solution), not to simulation runs")
    from .sim import plot_gantt as plot_run_gantt

    return plot_run_gantt(subject, day=day)
