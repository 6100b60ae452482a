"""Plan three days at once, then roll the plan forward a day.

The bundled service day becomes a week's start: four engineers work Tuesday to Thursday with a
lunch break each day, and the tickets say which days suit them — an appointment fixed on
Wednesday, windows on Tuesday or Thursday, any day, or a soft SLA deadline on Thursday noon.
One solve plans all three days (a route per engineer and day); the summary prints each
engineer's day. Then a live plan reports Tuesday as planned, re-plans Wednesday and Thursday,
and offers a new customer a slot on each coming day.
"""
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Tuple

import fsdispatch as fsd

root = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
doc = json.loads((root / "examples" / "data" / "service_day.json").read_text())
DAY = 86400
midnight = doc["engineers"][0]["shifts"][0]["start"] // DAY * DAY  # Tuesday 00:00 UTC


def moved(window: Dict[str, int], days: int) -> Dict[str, int]:
    return {"start": window["start"] + days * DAY, "end": window["end"] + days * DAY}


engineers: List[Dict[str, Any]] = []
for eng in doc["engineers"][:4]:
    shift, lunch = eng["shifts"][0], eng["breaks"][0]
    eng["shifts"] = [moved(shift, d) for d in range(3)]
    eng["breaks"] = [dict(lunch, id=f"lunch-{d + 1}", time_windows=[moved(w, d) for w in lunch["time_windows"]])
                     for d in range(3)]
    engineers.append(eng)

jobs: List[Dict[str, Any]] = []
for k, job in enumerate(doc["jobs"][:24]):
    job.pop("sla", None)
    rule = k % 4
    day_window = job["time_windows"][0] if job["time_windows"] else {"start": midnight + 10 * 3600,
                                                                     "end": midnight + 12 * 3600}
    if rule == 0:    # the customer fixed Wednesday
        job["time_windows"] = [moved(day_window, 1)]
    elif rule == 1:  # Tuesday or Thursday
        job["time_windows"] = [day_window, moved(day_window, 2)]
    elif rule == 2:  # any day
        job["time_windows"] = []
    else:            # soft deadline Thursday 12:00
        job["time_windows"] = []
        job["sla"] = {"deadline": midnight + 2 * DAY + 12 * 3600, "hard": False, "lateness_cost_per_second": 1}
    jobs.append(job)

week = fsd.Problem.from_json(json.dumps(dict(doc, engineers=engineers, jobs=jobs)))
plan = fsd.solve(week, time_limit=2.0, iteration_limit=300, seed=1)
assert fsd.verify(week, plan) == []

names = ["Tue", "Wed", "Thu"]
print(f"{'engineer':<10}{'day':<5}{'jobs':>5}{'travel':>9}")
for route in sorted(plan.routes, key=lambda r: (r.engineer, r.shift)):
    served = sum(1 for s in route.steps if s.kind == fsd.StepKind.job)
    print(f"{week.engineers[route.engineer].id:<10}{names[route.shift]:<5}{served:>5}"
          f"{route.travel_time // 60:>6} min")
print(f"{len(jobs) - len(plan.unassigned)} of {len(jobs)} tickets planned over 3 days, "
      f"SLA lateness {plan.objective.lateness} s")
for u in plan.unassigned:
    print(f"  left out {week.jobs[u.job].id}: {u.detail}")

# Tuesday happens as planned; in the evening Wednesday and Thursday are re-planned.
live = fsd.LivePlan(week, plan, midnight + 7 * 3600)
events: List[Tuple[int, int, str]] = []  # (time, kind, ticket or engineer): a visit ends before the next drive
for e, r in enumerate(live.routes):
    if live.engineers[e].shifts[0].start < midnight + DAY:
        for s in r.steps:
            if s.kind == fsd.StepKind.job:
                tid = live.jobs[s.index].id
                events += [(s.end, 0, tid), (s.arrival - s.travel_time, 2, tid), (s.start, 3, tid)]
            else:
                events.append((s.start, 1, live.engineers[e].id))
for t, kind, who in sorted(events):
    if kind == 0:
        live.job_finished(who, t)
    elif kind == 1:
        live.break_started(who, t)
    elif kind == 2:
        live.start_travel(who, t)
    else:
        live.arrive(who, t)
live.advance_time(midnight + 20 * 3600)
result = live.reoptimise(time_limit=1.0, iteration_limit=100, seed=1)
print(f"Tuesday evening re-plan: {'accepted' if result.accepted else 'kept'}, "
      f"{result.moved} tickets moved to another engineer or day")

caller = fsd.Job(id="NEW-CALL", location=fsd.Location(lat=48.14, lon=11.58), duration=3600)
slots = [(midnight + d * DAY + 13 * 3600, midnight + d * DAY + 15 * 3600) for d in range(4)]
for (start, _), offer in zip(slots, live.offer_slots(caller, slots)):
    day = ["Tue", "Wed", "Thu", "Fri"][(start - midnight) // DAY]
    who = live.engineers[offer.best.engineer].id if offer.feasible and offer.best else "-"
    print(f"slot {day} 13:00-15:00 UTC: {'offered, ' + who if offer.feasible else 'not offered'}")
