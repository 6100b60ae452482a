"""Evaluate a plan a dispatcher might make by hand, and see what the solver would save.

The "hand" plan sends every ticket to the nearest qualified engineer (home base to
ticket, straight line) and lets each engineer visit their tickets nearest-first.
"""
import json
import math
import os
from pathlib import Path

import fsdispatch as fsd

root = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
path = root / "examples" / "data" / "service_day.json"
doc = json.loads(path.read_text())
problem = fsd.Problem.read(str(path))


def km(a, b):
    # Equirectangular distance: plenty for ranking places within a city.
    x = math.radians(b["lon"] - a["lon"]) * math.cos(math.radians((a["lat"] + b["lat"]) / 2))
    y = math.radians(b["lat"] - a["lat"])
    return 6371.0 * math.hypot(x, y)


def qualified(engineer, job):
    levels = {s["skill"]: s.get("level", 1) for s in engineer.get("skills", [])}
    return all(levels.get(r["skill"], 0) >= r.get("min_level", 1) for r in job.get("skills", []))


tickets = {e["id"]: [] for e in doc["engineers"]}
for job in doc["jobs"]:
    candidates = [e for e in doc["engineers"] if qualified(e, job)]
    if candidates:
        nearest = min(candidates, key=lambda e: km(e["start"], job["location"]))
        tickets[nearest["id"]].append(job)

routes = []
for engineer in doc["engineers"]:
    here, todo, order = engineer["start"], list(tickets[engineer["id"]]), []
    while todo:
        nxt = min(todo, key=lambda j: km(here, j["location"]))
        todo.remove(nxt)
        order.append(nxt["id"])
        here = nxt["location"]
    if order:
        routes.append({"engineer": engineer["id"], "steps": [{"type": "job", "id": j} for j in order]})

evaluation = fsd.evaluate(problem, {"routes": routes}, time_limit=1.0, seed=1)
print(f"hand plan: {len(routes)} routes, {len(evaluation.violations)} violation(s)")
for v in evaluation.violations[:8]:
    print(f"  {v['kind']}: {v['cause']}")
steps = evaluation.to_dataframe()
late = steps[steps["window_lateness"] > 0]
print(f"{len(late)} visit(s) outside their window, {steps['lateness'].sum() // 60} min of SLA lateness")

c = evaluation.comparison
print(f"{'':12} {'hand':>16} {'solver':>16} {'saving':>16}")
for key in ["objective", "travel_time", "distance", "lateness", "served", "violations"]:
    print(f"{key:12} {c['given'][key]:>16,} {c['solver'][key]:>16,} {c['saving'][key]:>16,}")
# The objective prices lateness, travel and jobs left out, not broken rules: a hand plan
# that serves every ticket by overrunning windows and shifts can look cheaper than a
# feasible plan that has to leave some out. Read the objective together with the violations.
if c["given"]["violations"]:
    print(f"the hand plan breaks {c['given']['violations']} rule(s); the solver's plan "
          f"{c['solver']['violations']} (jobs it could not fit are listed as unserved)")
assert c["solver"]["violations"] <= c["given"]["violations"]
