"""Rosters: the cheapest shifts from templates covering a weekly requirement, then people named onto them.

Times are seconds; the roster's week starts Monday 00:00 local time (weekday 0). The problem is built
as the JSON document of docs/staffing.md and read by the C++ reader, so errors are
fsdispatch.InputError (a ValueError) naming the field, e.g. "/templates/2/start: must be a multiple
of the interval (1800 s), got 30600". The solver is COIN-OR CBC (docs/staffing.md, "Roster").
"""
import json as _json
import numbers as _numbers

from . import _fsd
from ._errors import input_error as _error

_WEEK = 7 * 86400
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_SHIFT_COLUMNS = ("person", "template", "weekday", "start", "end", "break_start", "break_end", "skill")


def _plain(value):
    """numpy scalars and arrays, pandas NaN and Timestamps to what json.dumps takes."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return _plain(value.tolist())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if not _missing(v)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _missing(value):
    try:
        return value is None or (not isinstance(value, (list, tuple, dict, str)) and value != value)
    except (TypeError, ValueError):
        return False


def _records(table, name):
    if table is None:
        return []
    if hasattr(table, "to_dict") and hasattr(table, "columns"):
        table = table.to_dict("records")
    if isinstance(table, dict):
        raise _error(f"/{name}", "expected a list of dicts or a DataFrame")
    return [_plain(row) if isinstance(row, dict) else row for row in table]


def _clock(value, path):
    """Seconds after midnight from seconds, "HH:MM[:SS]" or a datetime.time."""
    if hasattr(value, "hour") and hasattr(value, "minute"):
        return value.hour * 3600 + value.minute * 60 + getattr(value, "second", 0)
    if isinstance(value, str):
        parts = value.split(":")
        if len(parts) in (2, 3) and all(p.isdigit() for p in parts):
            h, m, s = (int(p) for p in (parts + ["0"])[:3])
            if h < 24 and m < 60 and s < 60:
                return h * 3600 + m * 60 + s
        raise _error(path, f'expected a time "HH:MM", got {value!r}')
    if isinstance(value, _numbers.Real) and not isinstance(value, bool) and float(value).is_integer() and 0 <= value < 86400:
        return int(value)
    raise _error(path, f"expected seconds after midnight or \"HH:MM\", got {value!r}")


def _weekday(value, path):
    if isinstance(value, str):
        for d, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")):
            if len(value) >= 3 and name.startswith(value.lower()):
                return d
    elif isinstance(value, _numbers.Integral) and not isinstance(value, bool) and 0 <= value <= 6:
        return int(value)
    raise _error(path, f"a weekday is 0 (Monday) to 6 or a name like 'mon', got {value!r}")


def _week_seconds(value, path):
    """Seconds from Monday 00:00 of an interval start: seconds, or a date-time (its local wall clock)."""
    if isinstance(value, str):
        import datetime as _dt
        try:
            value = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise _error(path, f'expected a local date-time like "2026-12-07T08:30", got {value!r}') from None
    if hasattr(value, "weekday") and hasattr(value, "hour"):
        return value.weekday() * 86400 + value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, _numbers.Real) and not isinstance(value, bool) and float(value).is_integer() and 0 <= value < _WEEK:
        return int(value)
    raise _error(path, f"expected seconds from Monday 00:00 or a date-time, got {value!r}")


def _requirements(requirement, interval):
    n = _WEEK // interval if interval > 0 and 86400 % interval == 0 else None
    if isinstance(requirement, dict):
        return [{"skill": str(k), "required": _plain(v)} for k, v in requirement.items()]
    if hasattr(requirement, "columns"):
        columns = set(requirement.columns)
        if "required" not in columns:
            raise _error("/requirement", "needs a column 'required'")
        if "interval_start" not in columns and not {"weekday", "time"} <= columns:
            raise _error("/requirement", "needs a column 'interval_start' or the columns 'weekday' and 'time'")
        if n is None:
            raise _error("/interval", f"must divide a day (86400 s) evenly, got {interval}")
        tables, seen = {}, set()
        for i, row in enumerate(requirement.to_dict("records")):
            path = f"/requirement/{i}"
            skill = row.get("skill", "")
            skill = "" if _missing(skill) else str(skill)
            if "interval_start" in columns:
                at = _week_seconds(row["interval_start"], path + "/interval_start")
            else:
                at = _weekday(_plain(row["weekday"]), path + "/weekday") * 86400 + _clock(row["time"], path + "/time")
            if at % interval:
                raise _error(path, f"the interval start must fall on the {interval} s grid")
            required = _plain(row["required"])
            if not isinstance(required, int) or isinstance(required, bool) or required < 0:
                raise _error(path + "/required", f"expected a whole number >= 0, got {row['required']!r}")
            if (skill, at) in seen:
                raise _error(path, f"skill {skill!r} at this interval is given twice")
            seen.add((skill, at))
            tables.setdefault(skill, [0] * n)[at // interval] = required
        return [{"skill": k, "required": v} for k, v in tables.items()]
    values = _plain(requirement)
    if isinstance(values, list) and all(isinstance(v, int) for v in values):
        return [{"skill": "", "required": values}]
    raise _error("/requirement", "expected a DataFrame, a dict skill -> list or a list of counts")


def roster_problem(requirement, templates, people=None, interval=1800, shortfall_cost=None, rules=None,
                   surplus_cost=0.0, min_week_cost=1.0):
    """The RosterProblem of these inputs, without solving it.

    Parameters
    ----------
    requirement, templates, people, interval, shortfall_cost, rules, surplus_cost, min_week_cost
        As for roster.

    Returns
    -------
    RosterProblem
    """
    doc = {
        "interval": interval,
        "requirements": _requirements(requirement, interval),
        "templates": _records(templates, "templates"),
        "people": _records(people, "people"),
        "surplus_cost": float(surplus_cost),
        "min_week_cost": float(min_week_cost),
    }
    if shortfall_cost is not None:
        doc["shortfall_cost"] = float(shortfall_cost)
    if rules is not None:
        doc["rules"] = _plain(dict(rules))
    return _fsd.RosterProblem.from_json(_json.dumps(doc))


class RosterResult:
    """A solved roster.

    Parameters
    ----------
    problem : RosterProblem
    raw : dict
        What the C++ solve_roster returned.

    Notes
    -----
    status: "optimal", "feasible", "infeasible" or "no_solution_in_time";
    cost, best_bound, gap (relative); message (why infeasible); shifts and coverage DataFrames;
    unfilled: the shifts no person could take, explained; to_json(): the roster as the CLI writes it.
    """

    def __init__(self, problem, raw):
        import pandas as pd

        self.problem = problem
        self.status = raw["status"]
        self.cost = raw["cost"]
        self.best_bound = raw["best_bound"]
        self.gap = raw["gap"]
        self.seconds = raw["seconds"]
        self.count_seconds = raw["count_seconds"]
        self.naming_seconds = raw["naming_seconds"]
        self.naming_status = raw["naming_status"]
        self.message = raw["message"]
        self.unfilled = list(raw["unfilled"])
        self.interval = raw["interval"]
        self._json = raw["json"]
        self.shifts = pd.DataFrame(raw["shifts"], columns=list(_SHIFT_COLUMNS))
        rows = []
        for skill, required, covered, shortfall in raw["coverage"]:
            for i, need in enumerate(required):
                start = i * self.interval
                rows.append((skill, start, _DAYS[start // 86400], "%02d:%02d" % (start % 86400 // 3600, start % 3600 // 60),
                             need, covered[i], shortfall[i] if shortfall else max(0, need - covered[i])))
        self.coverage = pd.DataFrame(rows, columns=["skill", "interval_start", "weekday", "time", "required", "covered",
                                                    "shortfall"])

    def to_json(self):
        return self._json

    def check(self):
        """The checker's violations of this roster against its problem (empty: none)."""
        return _fsd.check_roster(self.problem, self._json)

    def __repr__(self):
        return (f"RosterResult(status={self.status!r}, cost={self.cost:.2f}, gap={self.gap:.4f}, "
                f"shifts={len(self.shifts)}, unfilled={len(self.unfilled)})")


def roster(requirement, templates, people=None, interval=1800, shortfall_cost=None, rules=None, time_limit=30,
           gap=0.01, surplus_cost=0.0, min_week_cost=1.0, threads=1, log=False):
    """The cheapest roster covering `requirement` with shifts of `templates`, people named onto it.

    Parameters
    ----------
    requirement : pandas.DataFrame or dict or list
        People needed per interval of the week (forms below).
    templates : list of dict or pandas.DataFrame
        Shift templates.
    people : list of dict or pandas.DataFrame, optional
    interval : int, default 1800
    shortfall_cost : float, optional
        None: coverage is hard.
    rules : dict, optional
        min_rest, min_days_off, max_consecutive_days.
    time_limit : float, default 30
    gap : float, default 0.01
    surplus_cost, min_week_cost : float
    threads : int, default 1
    log : bool, default False

    Returns
    -------
    RosterResult

    Raises
    ------
    InputError
        A bad field, named by its path.

    Notes
    -----

    requirement: a DataFrame with `required`, optional `skill`, and `interval_start` (a date-time: its
    weekday and wall-clock time count; or seconds from Monday 00:00) or `weekday` (0 = Monday, or a
    name) and `time` ("HH:MM" or seconds); or a dict skill -> list of counts per interval of the week;
    or one list (a single pool). templates / people: lists of dicts or DataFrames with the fields of
    the JSON format (id, weekdays, start, length, break_duration, break_earliest, break_latest,
    break_paid, cost per shift, skills / id, skills, min_week, max_week, max_shifts,
    available_weekdays, available_start, available_end, cost_per_hour). shortfall_cost: None for
    hard coverage, else the price of one missing person-interval. rules: dict of min_rest,
    min_days_off, max_consecutive_days. Returns a RosterResult; the GIL is released while solving.
    """
    problem = roster_problem(requirement, templates, people, interval, shortfall_cost, rules, surplus_cost,
                             min_week_cost)
    raw = _fsd.solve_roster(problem, time_limit=float(time_limit), gap=float(gap), threads=int(threads), log=bool(log))
    return RosterResult(problem, raw)


def plot_coverage(result, skill=None, ax=None):
    """Requirement vs rostered coverage by interval over the week (step plot) for one skill.

    Parameters
    ----------
    result : RosterResult
    skill : str, optional
        Default: the first.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    cov = result.coverage
    skills = list(dict.fromkeys(cov["skill"]))
    if skill is None:
        skill = skills[0] if skills else ""
    if skill not in skills:
        raise _error("/skill", f"no requirement for skill {skill!r} (skills: {skills})")
    rows = cov[cov["skill"] == skill]
    if ax is None:
        _, ax = plt.subplots(figsize=(12, 3.5))
    # One more point at the end of the week so the last interval is drawn too.
    hours = list(rows["interval_start"] / 3600.0) + [168.0]
    required = list(rows["required"]) + [rows["required"].iloc[-1]]
    covered = list(rows["covered"]) + [rows["covered"].iloc[-1]]
    ax.step(hours, required, where="post", label="required", color="black", linewidth=1.2)
    ax.step(hours, covered, where="post", label="rostered", color="tab:blue", alpha=0.8)
    short = [c < r for c, r in zip(covered, required)]
    if any(short):
        ax.fill_between(hours, covered, required, where=short, step="post", color="tab:red", alpha=0.3,
                        label="shortfall")
    ax.set_xticks([24 * d for d in range(8)])
    ax.set_xticklabels(list(_DAYS) + [""])
    ax.set_xlim(0, 168)
    ax.set_ylabel("people")
    ax.set_title(f"Coverage, skill {skill!r}" if skill else "Coverage")
    ax.legend(loc="upper right")
    return ax
