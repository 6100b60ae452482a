"""Time zones with daylight saving: an SLA clock across Berlin's spring-forward night, and a
problem written in local Berlin time, planned and printed with each instant's own offset."""
import json

import fsdispatch as fsd

# An on-call desk that works 22:00-06:00 every night, in Berlin wall time.
night = [["00:00", "06:00"], ["22:00", "24:00"]]
desk = fsd.BusinessCalendar.from_json(json.dumps({
    "name": "night desk", "time_zone": "Europe/Berlin",
    "hours": {day: night for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")},
}))

# A 7-hour resolution target opened at 23:00 on Saturday 28 March 2026. That night the clock
# jumps from 02:00 to 03:00, so the desk's night holds 7 hours, not 8: the last hour falls on
# Sunday evening. A calendar with a fixed +01:00 would count 8 and say "due at 06:00".
opened = fsd.parse_iso8601("2026-03-28T23:00:00", time_zone="Europe/Berlin")
due = desk.add(opened, 7 * 3600)
print("ticket opened       ", fsd.format_iso8601(opened, time_zone="Europe/Berlin"))
print("due (Europe/Berlin) ", fsd.format_iso8601(due, time_zone="Europe/Berlin"))
assert due == fsd.parse_iso8601("2026-03-29T23:00:00+02:00")
fixed = fsd.BusinessCalendar.from_json(json.dumps({
    "name": "night desk, fixed offset", "utc_offset": "+01:00",
    "hours": {day: night for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")},
}))
print("due (fixed +01:00)  ", fsd.format_iso8601(fixed.add(opened, 7 * 3600), 3600))
night_hours = desk.between(fsd.parse_iso8601("2026-03-28T22:00:00", time_zone="Europe/Berlin"),
                           fsd.parse_iso8601("2026-03-29T06:00:00", time_zone="Europe/Berlin"))
print("desk hours that night:", night_hours / 3600)
assert night_hours == 7 * 3600

# A day plan written in local time: the problem names its zone, instants carry no offset.
problem = fsd.Problem.from_json(json.dumps({
    "time_zone": "Europe/Berlin",
    "engineers": [{"id": "anna", "start": {"lat": 52.520, "lon": 13.405},
                   "shifts": [{"start": "2026-03-29T01:00:00", "end": "2026-03-29T09:00:00"}]}],
    "jobs": [
        {"id": "heating-failure", "location": {"lat": 52.530, "lon": 13.380}, "duration": 3600,
         "time_windows": [{"start": "2026-03-29T01:00:00", "end": "2026-03-29T02:00:00"}]},
        {"id": "burst-pipe", "location": {"lat": 52.500, "lon": 13.420}, "duration": 1800,
         "sla": {"deadline": "2026-03-29T04:00:00", "hard": True}},
    ],
}))
plan = fsd.solve(problem, time_limit=0.5, seed=1)
assert fsd.verify(problem, plan) == []
doc = json.loads(plan.to_json(time_zone="Europe/Berlin"))
for route in doc["routes"]:
    for step in route["steps"]:
        print(f"  {route['engineer']:5} {step['type']:6} {step.get('id', ''):16} arrive {step['arrival']}  "
              f"start {step['start']}  end {step['end']}")
