"""Closing the staffing loop in Python: a forecast becomes engineers on duty per interval, the
roster built on them and the forecast week become a simulation scenario, and the simulator says
whether the roster meets the SLA target (docs/staffing.md, "Closing the loop").

    import fsdispatch as fsd
    tickets = fsd.read_tickets("examples/data/tickets.csv")
    week = fsd.forecast(tickets, by="skill", interval=1800, total_series=None)
    team = fsd.load_scenario("examples/data/field_team.json")
    requirement = fsd.field_requirement_frame(week, team)
    plan = fsd.roster(requirement, templates, people=fsd.roster_people(team))
    check = fsd.simulate_roster(team, plan, week, target=0.8)
"""
import json
import math

from . import _fsd
from .sim import load_scenario

_WEEK = 7 * 86400


def _interval_of(forecast_df):
    starts = sorted(set(forecast_df["interval_start"]))
    if len(starts) < 2:
        raise ValueError("/forecast: needs at least two intervals to know their length")
    return int((starts[1] - starts[0]).total_seconds())


def week_arrivals(forecast_df, utc_offset=0, column="mean"):
    """Expected tickets per interval of the local week, per series.

    Parameters
    ----------
    forecast_df : pandas.DataFrame
        fsd.forecast's output; its first seven days are used.
    utc_offset : int, default 0
        Minutes east of UTC.
    column : str, default "mean"

    Returns
    -------
    dict
        {series: list of expected tickets per interval, Monday 00:00 first}.
    """
    import pandas as pd

    if column not in forecast_df.columns:
        raise ValueError(f"/forecast: there is no column {column!r}")
    interval = _interval_of(forecast_df)
    first = forecast_df["interval_start"].min()
    out = {}
    for series, part in forecast_df.groupby("series", sort=True):
        values = [0.0] * (_WEEK // interval)
        for at, value in zip(part["interval_start"], part[column]):
            if at - first >= pd.Timedelta(days=7):
                continue
            local = at + pd.Timedelta(minutes=utc_offset)
            slot = (local.weekday() * 86400 + local.hour * 3600 + local.minute * 60 + local.second) // interval
            values[slot] += float(value)
        out[str(series)] = values
    return out


def _field_skills(scenario):
    return {t["skill"] for t in json.loads(scenario.to_json())["ticket_types"]}


def _clock(text, name):
    if isinstance(text, int):
        return text
    hours, _, minutes = str(text).partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        raise ValueError(f"/{name}: a local time is HH:MM, got {text!r}")
    return int(hours) * 3600 + int(minutes) * 60


def field_requirement_frame(forecast_df, scenario, occupancy=0.75, service_start="08:00", service_end="17:00",
                            service_days=(0, 1, 2, 3, 4), utc_offset=None, column="mean"):
    """Engineers on duty per skill and interval for a forecast.

    Series that are not skills of the scenario's ticket types (e.g. desk work) are skipped.

    Parameters
    ----------
    forecast_df : pandas.DataFrame
    scenario : Scenario
    occupancy : float, default 0.75
    service_start, service_end : str
        Local "HH:MM".
    service_days : sequence of int
        Weekdays, Monday = 0.
    utc_offset : int, optional
        Minutes; default the scenario's.
    column : str, default "mean"

    Returns
    -------
    pandas.DataFrame
        skill, weekday, time, required, work_per_ticket; ready for fsd.roster(requirement=...).
    """
    import pandas as pd

    scenario = load_scenario(scenario)
    if utc_offset is None:
        utc_offset = scenario.utc_offset_seconds // 60
    field_skills = _field_skills(scenario)
    interval = _interval_of(forecast_df)
    rows = []
    for skill, arrivals in week_arrivals(forecast_df, utc_offset, column).items():
        if skill not in field_skills:
            continue
        work = _fsd.expected_work_per_ticket(scenario, skill)
        required = _fsd.field_requirement(arrivals, interval, work, occupancy, _clock(service_start, "service_start"),
                                          _clock(service_end, "service_end"), list(service_days))
        for k, r in enumerate(required):
            at = k * interval
            rows.append((skill, at // 86400, f"{at % 86400 // 3600:02d}:{at % 3600 // 60:02d}", int(r), work))
    if not rows:
        raise ValueError("/forecast: no series is a skill a ticket type of the scenario needs")
    frame = pd.DataFrame(rows, columns=["skill", "weekday", "time", "required", "work_per_ticket"])
    frame.attrs["interval"] = interval
    return frame


def roster_people(scenario, min_hours=0, max_hours=40, max_shifts=5, cost_per_hour=0.0):
    """The scenario's engineers as roster people (their skills; contracted hours as given).

    Parameters
    ----------
    scenario : Scenario
    min_hours, max_hours : float
        Contracted hours a week.
    max_shifts : int, default 5
    cost_per_hour : float, default 0.0

    Returns
    -------
    list of dict
    """
    engineers = json.loads(load_scenario(scenario).to_json())["engineers"]
    return [{"id": e["id"], "skills": [s["skill"] for s in e["skills"]], "min_week": int(min_hours * 3600),
             "max_week": int(max_hours * 3600), "max_shifts": max_shifts, "cost_per_hour": cost_per_hour}
            for e in engineers]


def scenario_with_roster(scenario, roster_result):
    """The scenario whose engineers work exactly the roster's shifts.

    Parameters
    ----------
    scenario : Scenario
    roster_result : RosterResult

    Returns
    -------
    Scenario
    """
    return _fsd._scenario_with_roster(load_scenario(scenario), roster_result.to_json())


def scenario_with_demand(scenario, forecast_df, utc_offset=None, column="mean"):
    """The scenario with tickets arriving at the forecast's rates (series that are field skills).

    Parameters
    ----------
    scenario : Scenario
    forecast_df : pandas.DataFrame
    utc_offset : int, optional
    column : str, default "mean"

    Returns
    -------
    Scenario
    """
    scenario = load_scenario(scenario)
    if utc_offset is None:
        utc_offset = scenario.utc_offset_seconds // 60
    field_skills = _field_skills(scenario)
    week = {s: v for s, v in week_arrivals(forecast_df, utc_offset, column).items() if s in field_skills}
    return _fsd._scenario_with_demand(scenario, list(week), _interval_of(forecast_df), list(week.values()))


def simulate_roster(scenario, roster_result, forecast_df, target=0.9, kpi="sla_response_rate", policy=None, days=7,
                    replications=10, seed=1, column="mean"):
    """Simulates the roster under the forecast demand.

    Parameters
    ----------
    scenario : Scenario
    roster_result : RosterResult
    forecast_df : pandas.DataFrame
    target : float, default 0.9
    kpi : str, default "sla_response_rate"
    policy : str, optional
    days : int, default 7
    replications : int, default 10
        Common random numbers across runs.
    seed : int, default 1
    column : str, default "mean"

    Returns
    -------
    dict
        See below; ``low`` is clipped at 0.

    Notes
    -----
    The dict holds kpi, target, mean, low, high (95 % CI), meets (the
    lower bound reaches the target), engineer_hours, breaches, and "attainment" rows for
    fsd.html_report(staffing=[...]).
    """
    checked = scenario_with_demand(scenario_with_roster(scenario, roster_result), forecast_df, column=column)
    groups = _fsd.group_engineers(checked)
    options = _fsd.FieldStaffingOptions(target=target, kpi=kpi, policy="" if policy is None else policy, days=days,
                                        replications=replications, seed=seed)
    point = _fsd.evaluate_headcount(checked, groups, _fsd.current_headcount(groups), options)
    mean = point.attainment_mean
    out = {"kpi": kpi, "target": target, "mean": mean, "low": point.attainment_low, "high": point.attainment_high,
           "meets": bool(point.meets and not math.isnan(mean)), "engineers": point.engineers,
           "engineer_hours": point.engineer_hours, "breaches": point.breaches, "replications": replications,
           "days": days, "title": "Roster checked in the simulator under the forecast demand"}
    out["attainment"] = [{k: out[k] for k in ("kpi", "target", "mean", "low", "high", "meets", "engineers",
                                              "engineer_hours", "breaches", "replications", "days")}]
    return out
