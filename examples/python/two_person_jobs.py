"""A service day with visits that belong together. A heat-pump install needs two people at once:
Ana or Ben (the heat-pump skill) leads, and anyone can help carry the unit in, which takes the helper
45 minutes. A washing machine is diagnosed in the morning and the part, ordered on site, is fitted two
to six hours later by whoever is free. Links state both; the solver plans them, the two installers
start together (one waits for the other if need be), and the verifier checks every link."""
from datetime import datetime, timezone

import fsdispatch as fsd

DAY = int(datetime(2026, 3, 2, tzinfo=timezone.utc).timestamp())
H = 3600


def at(hour, minute=0):
    return DAY + hour * H + minute * 60


def place(lat, lon):
    return fsd.Location(lat=lat, lon=lon)


def clock(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%H:%M")


shift = [fsd.TimeWindow(at(8), at(17))]
engineers = [
    fsd.Engineer(id="ana", start=place(52.52, 13.40), shifts=shift, skills=[fsd.SkillLevel("heat_pump", 1)]),
    fsd.Engineer(id="ben", start=place(52.48, 13.45), shifts=shift,
                 skills=[fsd.SkillLevel("heat_pump", 1), fsd.SkillLevel("appliance", 1)]),
    fsd.Engineer(id="cem", start=place(52.55, 13.35), shifts=shift, skills=[fsd.SkillLevel("appliance", 1)]),
    fsd.Engineer(id="dora", start=place(52.50, 13.30), shifts=shift, skills=[fsd.SkillLevel("appliance", 1)]),
]


def ticket(id, lat, lon, minutes, skill=None, window=None):
    return fsd.Job(id=id, location=place(lat, lon), duration=minutes * 60,
                   skills=[fsd.SkillRequirement(skill)] if skill else [],
                   time_windows=[window] if window else [])


jobs = [
    # The install: the lead's visit needs the skill; the helper's needs none and is shorter.
    ticket("HP-INSTALL", 52.53, 13.42, 120, "heat_pump"),
    ticket("HP-INSTALL-helper", 52.53, 13.42, 45),
    # Diagnose before 11:00; the part arrives after two hours at the earliest.
    ticket("WM-diagnose", 52.49, 13.36, 30, "appliance", fsd.TimeWindow(at(8), at(11))),
    ticket("WM-fit-part", 52.49, 13.36, 40, "appliance"),
    ticket("HP-2", 52.54, 13.38, 45, "heat_pump"),
    ticket("A-1", 52.56, 13.33, 30, "appliance"),
    ticket("A-2", 52.57, 13.37, 30, "appliance", fsd.TimeWindow(at(12), at(17))),
    ticket("A-3", 52.51, 13.31, 40, "appliance"),
    ticket("A-4", 52.47, 13.44, 30, "appliance"),
]
links = [
    # The defaults make a two-person job: both start together, two different engineers.
    fsd.JobLink(first="HP-INSTALL", second="HP-INSTALL-helper"),
    fsd.JobLink(first="WM-diagnose", second="WM-fit-part", min_gap=2 * H, max_gap=6 * H,
                engineers=fsd.LinkEngineers.any),
]

problem = fsd.Problem(engineers, jobs, links=links)
plan = fsd.solve(problem, time_limit=1.0, seed=1)

served = {}  # job id -> (engineer, start)
for route in plan.routes:
    print(f"{route.engineer_id}: travel {route.travel_time // 60} min, waiting {route.waiting_time // 60} min")
    for step in route.steps:
        if step.kind == fsd.StepKind.job:
            served[step.id] = (route.engineer_id, step.start)
            print(f"  {clock(step.start)}-{clock(step.end)}  {step.id}")
for left_out in plan.unassigned:
    print(f"left out: {left_out.job_id} ({left_out.reason.name})")

violations = fsd.verify(problem, plan)
assert violations == [], violations
assert not plan.unassigned, [u.job_id for u in plan.unassigned]

(lead, lead_start), (helper, helper_start) = served["HP-INSTALL"], served["HP-INSTALL-helper"]
assert lead_start == helper_start and lead != helper, (served["HP-INSTALL"], served["HP-INSTALL-helper"])
gap = served["WM-fit-part"][1] - served["WM-diagnose"][1]
assert 2 * H <= gap <= 6 * H, gap
print(f"install: {lead} and {helper} start at {clock(lead_start)}; "
      f"the part is fitted {gap // 60} min after the diagnosis; the plan verifies")
