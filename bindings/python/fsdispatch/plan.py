"""Tables and pictures of a day plan (pandas and matplotlib, imported lazily)."""
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
    """One row per step of every route (engineer, type, id, times in seconds, travel, lateness)."""
    import pandas as pd

    columns = ["engineer", "shift", "route", "step", "type", "id", "arrival", "start", "end", "waiting",
               "travel_time", "distance", "lateness"]
    return pd.DataFrame(list(_steps(problem, solution)), columns=columns)


def unassigned_to_dataframe(problem, solution):
    """One row per job left out, with its reason, explanation and, in `fix`,
    the sentence of the smallest change that would let it in (None when none
    was found; the structured fix is `Unassigned.fix`)."""
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
    """Draws every route on a lon/lat map: home bases as squares, jobs as dots,
    unassigned jobs as crosses. Returns the matplotlib Axes."""
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
