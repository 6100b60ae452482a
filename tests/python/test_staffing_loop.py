"""The staffing loop: forecast work to engineers on duty, a roster and a forecast week to a
scenario, the simulated check, the report's staffing section and `fsd staffing plan`."""
import json
import os
import subprocess

import pandas as pd
import pytest

import fsdispatch as fsd

H = 3600


def team(engineers=2):
    """A one-skill team at one home with hour-long boiler visits (no noise, no cancellations)."""
    return fsd.load_scenario({
        "format": "fsdispatch-scenario", "version": 1, "name": "boilers",
        "region": {"centre": {"lat": 52.0, "lon": 5.0}, "radius_km": 5.0},
        "engineers": [{"id": f"E{i + 1}", "home": {"lat": 52.0, "lon": 5.0}, "skills": [{"skill": "boiler", "level": 2}],
                       "shifts": [{"days": ["monday"], "start": "08:00", "end": "17:00"}]} for i in range(engineers)],
        "ticket_types": [{"name": "boiler", "skill": "boiler", "priority_mix": [0, 0, 1],
                          "duration": {"median": 3600, "sigma": 0.0}}],
        "arrivals": {"tickets_per_day": 4.0},
        "first_time_fix": {"by_level": [1.0]},
        "rules": {"duration_factor_by_level": [1.0]},
    })


def forecast_frame(per_hour, series=("boiler",)):
    """A forecast-shaped DataFrame: one week of hourly intervals from Monday 2026-12-07 00:00 UTC."""
    starts = pd.date_range("2026-12-07", periods=168, freq="h", tz="UTC")
    return pd.concat([pd.DataFrame({"series": s, "interval_start": starts, "mean": per_hour, "lower": 0.0, "upper": 9.0})
                      for s in series], ignore_index=True)


def test_field_requirement_by_hand():
    # One ticket an hour, 2,700 s each, 0.75 of 08:00-17:00: Monday takes Friday 17:00 to Monday
    # 17:00 (72 tickets, 8 engineers), Tuesday 24 tickets (2.67, so 3).
    req = fsd.field_requirement([1.0] * 168, 3600, 2700)
    assert req[8] == 8 and req[16] == 8 and req[7] == 0 and req[24 + 8] == 3 and req[5 * 24 + 10] == 0
    with pytest.raises(fsd.InputError, match="/interval"):
        fsd.field_requirement([1.0] * 168, 7000, 2700)


def test_week_arrivals_follow_the_local_clock():
    frame = forecast_frame(0.0)
    frame.loc[0, "mean"] = 5.0  # Monday 00:00 UTC is Monday 01:00 at UTC+1
    week = fsd.week_arrivals(frame, utc_offset=60)
    assert week["boiler"][1] == 5.0 and sum(week["boiler"]) == 5.0


def test_requirement_frame_skips_series_that_are_not_field_work():
    frame = forecast_frame(0.5, series=("boiler", "customer_service"))
    req = fsd.field_requirement_frame(frame, team(), service_days=[0])
    assert set(req["skill"]) == {"boiler"}
    work = fsd.expected_work_per_ticket(team(), "boiler")
    # The week's 84 tickets all fall to Monday.
    monday_9 = req[(req["weekday"] == 0) & (req["time"] == "09:00")]["required"].iloc[0]
    assert monday_9 == -(-84 * work // int(0.75 * 9 * H))


def test_a_roster_checked_in_the_simulator():
    scenario = team(3)
    frame = forecast_frame(4.0 / 24)
    req = fsd.field_requirement_frame(frame, scenario, service_days=[0], occupancy=0.9)
    templates = [{"id": "day", "weekdays": ["mon"], "start": "08:00", "length": "09:00", "cost": 1.0}]
    plan = fsd.roster(req[["skill", "weekday", "time", "required"]], templates, people=fsd.roster_people(scenario),
                      shortfall_cost=100)
    assert plan.check() == []
    on_duty = fsd.scenario_with_roster(scenario, plan)
    assert len(on_duty.engineer_ids) == plan.shifts["person"].nunique()
    first = fsd.simulate_roster(scenario, plan, frame, target=0.5, days=7, replications=3, seed=4)
    again = fsd.simulate_roster(scenario, plan, frame, target=0.5, days=7, replications=3, seed=4)
    assert first["mean"] == again["mean"]
    assert 0.0 <= first["low"] <= first["mean"] <= first["high"] <= 1.0 + 1e-9
    assert first["meets"] == (first["low"] >= 0.5)
    path = fsd.html_report(None, None, title="t", staffing=[frame, plan, first])
    with open(path, encoding="utf-8") as f:
        page = f.read()
    assert "<h2>Staffing</h2>" in page and "Roster:" in page and "simulator" in page


def test_a_stranger_on_the_roster_is_refused_by_field():
    scenario = team(1)
    plan = fsd.roster({"boiler": [0] * 8 + [1] * 9 + [0] * 151}, [{"id": "day", "weekdays": [0], "start": "08:00",
                                                                    "length": "09:00"}],
                      people=[{"id": "X9", "skills": ["boiler"]}], interval=H)
    with pytest.raises(fsd.InputError, match="/shifts/0/person"):
        fsd.scenario_with_roster(scenario, plan)


def test_cli_plan_from_the_bundled_history(cli, root, tmp_path):
    data = root / "examples" / "data"
    out = tmp_path / "plan.json"
    shifts = tmp_path / "shifts.csv"
    done = subprocess.run([cli, "staffing", "plan", str(data / "tickets.csv"), "--scenario", str(data / "field_team.json"),
                           "--templates", str(tmp_path / "templates.json"), "--json", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "templates.json" in done.stderr
    templates = [t for t in json.loads((data / "roster_templates.json").read_text()) if t["id"] not in ("night", "late")]
    (tmp_path / "templates.json").write_text(json.dumps(templates))
    done = subprocess.run([cli, "staffing", "plan", str(data / "tickets.csv"), "--scenario", str(data / "field_team.json"),
                           "--templates", str(tmp_path / "templates.json"), "--time-limit", "5", "--simulate",
                           "--days", "3", "--replications", "2", "--json", str(out), "--csv", str(shifts)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "not field work" in done.stdout and "customer_service" in done.stdout
    result = json.loads(out.read_text())
    assert result["violations"] == []
    assert {s["skill"] for s in result["skills"]} == {"appliance", "electrical", "elevator", "hvac", "network",
                                                     "plumbing", "refrigeration"}
    assert 0.0 <= result["simulation"]["mean"] <= 1.0
    assert shifts.read_text().startswith("person,template,weekday,start,end,break_start,break_end,skill\n")
