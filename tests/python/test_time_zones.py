"""Time zones with daylight saving: ISO text, business calendars and plans, checked against
instants computed by hand (Europe/Berlin changes at 01:00 UTC on the last Sundays of March and
October; America/New_York at 07:00 and 06:00 UTC on 2026-03-08 and 2026-11-01)."""
import json
import subprocess

import pytest

import fsdispatch as fsd

SPRING = 1774746000  # 2026-03-29T01:00:00Z: Berlin goes from 02:00 CET to 03:00 CEST
AUTUMN = 1792890000  # 2026-10-25T01:00:00Z: Berlin goes from 03:00 CEST back to 02:00 CET
HOUR = 3600


def every_day(start, end):
    day = [[start, end]]
    return {d: day for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}


def test_iso_text_carries_the_offset_of_that_day():
    assert fsd.format_iso8601(SPRING - 1800, time_zone="Europe/Berlin") == "2026-03-29T01:30:00+01:00"
    assert fsd.format_iso8601(SPRING + 1800, time_zone="Europe/Berlin") == "2026-03-29T03:30:00+02:00"
    assert fsd.format_iso8601(AUTUMN - 1800, time_zone="Europe/Berlin") == "2026-10-25T02:30:00+02:00"
    assert fsd.format_iso8601(AUTUMN + 1800, time_zone="Europe/Berlin") == "2026-10-25T02:30:00+01:00"
    # 2026-11-01T05:30:00Z and an hour later: 01:30 EDT, then 01:30 EST.
    assert fsd.format_iso8601(1793511000, time_zone="America/New_York") == "2026-11-01T01:30:00-04:00"
    assert fsd.format_iso8601(1793514600, time_zone="America/New_York") == "2026-11-01T01:30:00-05:00"


def test_local_text_is_read_in_the_zone_with_the_gap_and_overlap_rules():
    assert fsd.parse_iso8601("2026-03-29T08:00:00", time_zone="Europe/Berlin") == SPRING + 5 * HOUR
    # 02:30 does not exist that night: 30 minutes past the jump.
    assert fsd.parse_iso8601("2026-03-29T02:30:00", time_zone="Europe/Berlin") == SPRING + 1800
    # 02:30 happens twice in October: the earlier one.
    assert fsd.parse_iso8601("2026-10-25T02:30:00", time_zone="Europe/Berlin") == AUTUMN - 1800
    assert fsd.parse_iso8601("2026-10-25T02:30:00+01:00", time_zone="Europe/Berlin") == AUTUMN + 1800
    with pytest.raises(fsd.InputError):
        fsd.parse_iso8601("2026-03-29T08:00:00")  # no zone, no offset


def test_unknown_zone_is_refused_with_the_path():
    with pytest.raises(fsd.InputError, match="Mars/Olympus") as err:
        fsd.BusinessCalendar.from_json(json.dumps({"name": "x", "type": "24x7", "time_zone": "Mars/Olympus"}))
    assert str(err.value).startswith("/time_zone")
    assert isinstance(err.value, ValueError)


def test_business_hours_across_both_berlin_nights():
    night = fsd.BusinessCalendar.from_json(
        json.dumps({"name": "night", "time_zone": "Europe/Berlin", "hours": every_day("01:00", "04:00")}))
    assert night.time_zone == "Europe/Berlin"
    # From local 23:00 the evening before to the next noon: that night's 01:00-04:00 only.
    assert night.between(SPRING - 3 * HOUR, SPRING + 11 * HOUR) == 2 * HOUR
    assert night.between(AUTUMN - 4 * HOUR, AUTUMN + 12 * HOUR) == 4 * HOUR
    # 01:00 CET (00:00 UTC) plus two business hours: 04:00 CEST (02:00 UTC), the clock having jumped.
    assert night.add(SPRING - HOUR, 2 * HOUR) == SPRING + HOUR
    assert night.add("2026-10-25T01:00:00+02:00", 4 * HOUR) == fsd.parse_iso8601("2026-10-25T04:00:00+01:00")


def test_a_24x7_calendar_in_a_zone_counts_elapsed_time():
    open_ = fsd.BusinessCalendar.from_json(
        json.dumps({"name": "always", "type": "24x7", "time_zone": "America/New_York", "holidays": ["2026-12-25"]}))
    start = fsd.parse_iso8601("2026-11-01T00:00:00-04:00")
    assert open_.between(start, start + 5 * HOUR) == 5 * HOUR
    assert open_.add(start, 5 * HOUR) == start + 5 * HOUR


def test_shanghai_counts_like_a_fixed_plus_eight():
    hours = every_day("09:00", "18:00")
    shanghai = fsd.BusinessCalendar.from_json(json.dumps({"name": "a", "time_zone": "Asia/Shanghai", "hours": hours}))
    plus8 = fsd.BusinessCalendar.from_json(json.dumps({"name": "b", "utc_offset": "+08:00", "hours": hours}))
    t = fsd.parse_iso8601("2026-03-01T00:00:00Z")
    for k in range(0, 200):
        a = t + k * 37 * 3607
        assert shanghai.between(a, a + 50 * HOUR) == plus8.between(a, a + 50 * HOUR)
    assert fsd.format_iso8601(t, time_zone="Asia/Shanghai") == fsd.format_iso8601(t, 8 * HOUR)


def berlin_problem():
    # Shifts and windows in local Berlin time on the spring-forward day; no offsets written.
    return json.dumps({
        "time_zone": "Europe/Berlin",
        "engineers": [{"id": "anna", "start": {"lat": 52.52, "lon": 13.40},
                       "shifts": [{"start": "2026-03-29T01:00:00", "end": "2026-03-29T09:00:00"}]}],
        "jobs": [{"id": "boiler", "location": {"lat": 52.53, "lon": 13.41}, "duration": 1800,
                  "time_windows": [{"start": "2026-03-29T03:00:00", "end": "2026-03-29T05:00:00"}]}],
    })


def test_a_problem_with_local_times_is_read_in_its_zone_and_written_with_each_days_offset():
    problem = fsd.Problem.from_json(berlin_problem())
    doc = json.loads(problem.to_json())
    assert doc["engineers"][0]["shifts"][0] == {"start": SPRING - HOUR, "end": SPRING + 6 * HOUR}
    assert doc["jobs"][0]["time_windows"][0] == {"start": SPRING, "end": SPRING + 2 * HOUR}
    local = json.loads(problem.to_json(time_zone="Europe/Berlin"))
    assert local["time_zone"] == "Europe/Berlin"
    assert local["engineers"][0]["shifts"][0] == {"start": "2026-03-29T01:00:00+01:00", "end": "2026-03-29T09:00:00+02:00"}
    assert fsd.Problem.from_json(problem.to_json(time_zone="Europe/Berlin")) == problem
    plan = fsd.solve(problem, time_limit=0.2, seed=1)
    assert fsd.verify(problem, plan) == []
    steps = json.loads(plan.to_json(time_zone="Europe/Berlin"))["routes"][0]["steps"]
    job = next(s for s in steps if s.get("id") == "boiler")
    assert job["start"].endswith("+02:00") and job["start"] >= "2026-03-29T03:00:00+02:00"


def test_the_cli_prints_the_plan_in_the_problems_zone(cli, tmp_path):
    path = tmp_path / "berlin.json"
    path.write_text(berlin_problem())
    out = subprocess.run([cli, "solve", str(path), "--time-limit", "0.2", "-o", "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    starts = [s["start"] for r in plan["routes"] for s in r["steps"]]
    assert all(isinstance(s, str) and s[-6:] in ("+01:00", "+02:00") for s in starts)
    assert "03:" in out.stderr  # the table's clock times are CEST wall times
    # An explicit fixed offset keeps the old output: clock times in +01:00, instants as seconds.
    fixed = subprocess.run([cli, "solve", str(path), "--time-limit", "0.2", "--utc-offset", "60", "-o", "-"],
                           capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stderr
    assert all(isinstance(s["start"], int) for r in json.loads(fixed.stdout)["routes"] for s in r["steps"])
    bad = subprocess.run([cli, "solve", str(path), "--time-zone", "Europe/Atlantis"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "Europe/Atlantis" in bad.stderr


def test_offsets_and_local_readings_agree_with_the_standard_librarys_zoneinfo():
    # zoneinfo reads the same system tzdata but with its own code, and its fold=0 reading of a skipped
    # or repeated wall time is the rule fsdispatch documents (shift forward by the gap; the earlier one).
    import datetime as dt
    import random
    import zoneinfo

    rng = random.Random(18)
    for name in ("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Shanghai", "America/Santiago",
                 "Pacific/Chatham"):
        zone = zoneinfo.ZoneInfo(name)
        for _ in range(300):
            t = rng.randrange(0, 7_258_118_400)  # 1970 to 2199
            offset = int(dt.datetime.fromtimestamp(t, dt.timezone.utc).astimezone(zone).utcoffset().total_seconds())
            assert fsd.format_iso8601(t, time_zone=name) == fsd.format_iso8601(t, offset), (name, t)
            wall = dt.datetime(2026, 1, 1) + dt.timedelta(seconds=rng.randrange(0, 366 * 86400))
            text = wall.strftime("%Y-%m-%dT%H:%M:%S")
            assert fsd.parse_iso8601(text, time_zone=name) == int(wall.replace(tzinfo=zone).timestamp()), (name, text)
        # Every wall reading, 10 minutes apart, within two hours of each change of 2026 and 2040.
        for year in (2026, 2040):
            start = int(dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc).timestamp())
            offsets = [dt.datetime.fromtimestamp(start + h * 3600, dt.timezone.utc).astimezone(zone).utcoffset()
                       for h in range(366 * 24)]
            for h in range(1, len(offsets)):
                if offsets[h] == offsets[h - 1]:
                    continue
                change = dt.datetime.fromtimestamp(start + h * 3600, dt.timezone.utc).astimezone(zone).replace(tzinfo=None)
                for minutes in range(-120, 121, 10):
                    wall = change + dt.timedelta(minutes=minutes)
                    text = wall.strftime("%Y-%m-%dT%H:%M:%S")
                    expected = int(wall.replace(tzinfo=zone).timestamp())
                    assert fsd.parse_iso8601(text, time_zone=name) == expected, (name, text)
