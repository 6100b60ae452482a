"""A service day where tools and spare parts matter: three engineers with their own tools and van
stock, twelve tickets, one depot with opening hours. Ana is the only one who can do the heat-pump
work but has no vacuum pump, and Cem's van holds two belts for three belt jobs: the plan sends them
past the depot (the solver decides where the stop goes and what to pick up), and the verifier checks
what is on board at every visit."""
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
    fsd.Engineer(id="ana", start=place(52.52, 13.40), shifts=shift,
                 skills=[fsd.SkillLevel("hvac", 2), fsd.SkillLevel("heat_pump", 1)],
                 tools=["multimeter"], stock={"fuse": 4}),
    fsd.Engineer(id="ben", start=place(52.48, 13.45), shifts=shift, skills=[fsd.SkillLevel("hvac", 1)],
                 tools=["multimeter", "ladder"], stock={"filter": 1, "fuse": 2}),
    fsd.Engineer(id="cem", start=place(52.55, 13.35), shifts=shift, skills=[fsd.SkillLevel("appliance", 1)],
                 tools=["multimeter"], stock={"belt": 2}),
]

# The depot opens 07:30-12:00 and 13:00-16:30; a stop takes 15 minutes.
depot = fsd.Depot(id="north", location=place(52.56, 13.41),
                  opening=[fsd.TimeWindow(at(7, 30), at(12)), fsd.TimeWindow(at(13), at(16, 30))], duration=900,
                  tools=["vacuum_pump", "ladder"], parts=["filter", "compressor", "belt", "fuse"])

morning, afternoon, day = fsd.TimeWindow(at(8), at(12)), fsd.TimeWindow(at(12), at(17)), fsd.TimeWindow(at(8), at(17))


def ticket(id, lat, lon, minutes, skill, window, tools=(), parts=None):
    return fsd.Job(id=id, location=place(lat, lon), duration=minutes * 60, skills=[fsd.SkillRequirement(skill)],
                   tools=list(tools), parts=parts or {}, time_windows=[window])


jobs = [
    # Only Ana does heat pumps; the vacuum pump and the compressor come from the depot.
    ticket("HP-1", 52.53, 13.42, 60, "heat_pump", afternoon, ["vacuum_pump"], {"compressor": 1}),
    ticket("HP-2", 52.54, 13.38, 45, "heat_pump", day, ["vacuum_pump"]),
    # Filter changes: one filter each, Ben carries one.
    ticket("F-1", 52.49, 13.43, 30, "hvac", morning, parts={"filter": 1}),
    ticket("F-2", 52.47, 13.47, 30, "hvac", day, parts={"filter": 1}),
    ticket("F-3", 52.50, 13.49, 30, "hvac", afternoon, ["ladder"], {"filter": 1}),
    ticket("H-1", 52.51, 13.39, 40, "hvac", day, ["multimeter"], {"fuse": 1}),
    ticket("H-2", 52.46, 13.44, 30, "hvac", morning),
    ticket("H-3", 52.52, 13.46, 30, "hvac", afternoon, ["multimeter"]),
    # Appliances: Cem has two belts for three belt jobs.
    ticket("A-1", 52.56, 13.33, 30, "appliance", morning, parts={"belt": 1}),
    ticket("A-2", 52.57, 13.37, 30, "appliance", day, parts={"belt": 1}),
    ticket("A-3", 52.54, 13.31, 30, "appliance", afternoon, parts={"belt": 1}),
    ticket("A-4", 52.55, 13.29, 40, "appliance", day, ["multimeter"]),
]

problem = fsd.Problem(engineers, jobs, depots=[depot])
plan = fsd.solve(problem, time_limit=2.0, seed=1)

for route in plan.routes:
    print(f"{route.engineer_id}: working {route.working_time / H:.1f} h, travel {route.travel_time // 60} min")
    for step in route.steps:
        if step.kind == fsd.StepKind.depot:
            parts = ", ".join(f"{p.count} x {p.part}" for p in step.pickup_parts)
            picked = ", ".join(filter(None, [", ".join(step.pickup_tools), parts]))
            print(f"  {clock(step.start)}  depot {step.id}: picks up {picked}")
        elif step.kind == fsd.StepKind.job:
            print(f"  {clock(step.start)}  {step.id}")
for left_out in plan.unassigned:
    print(f"left out: {left_out.job_id} ({left_out.reason.name})")

violations = fsd.verify(problem, plan)
assert violations == [], violations
stops = [s for r in plan.routes for s in r.steps if s.kind == fsd.StepKind.depot]
assert stops, "the heat-pump jobs need the depot's vacuum pump"
assert not plan.unassigned, [u.job_id for u in plan.unassigned]
print(f"{len(stops)} depot stop(s); the plan verifies")
