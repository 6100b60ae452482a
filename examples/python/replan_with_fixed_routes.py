"""Re-plan the day around what the dispatcher has already promised.

The morning plan goes out; then an urgent ticket comes in. Engineer eng-01's day is settled with
the customer (fixed whole), and every other engineer's first two visits are confirmed (a fixed
head). The solver starts from the morning plan, keeps all of that, and fits the new ticket in
after the confirmed visits.
"""
import json
import os
from pathlib import Path

import fsdispatch as fsd

root = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
doc = json.loads((root / "examples" / "data" / "service_day.json").read_text())
morning_problem = fsd.Problem.from_json(json.dumps(doc))
morning = fsd.solve(morning_problem, time_limit=1.0, seed=1)

# The new ticket goes last, so the morning plan's job indices still hold.
urgent = dict(doc["jobs"][0], id="URGENT-1", priority=3)
doc["jobs"].append(urgent)
problem = fsd.Problem.from_json(json.dumps(doc))

ids = [e.id for e in problem.engineers]
routes = fsd.initial_routes_from(morning)
fix = {ids[r.engineer]: min(2, len(r.jobs)) for r in routes}
fix["eng-01"] = True
plan = fsd.solve(problem, time_limit=1.0, seed=1, initial=routes, fix=fix)
assert fsd.verify(problem, plan) == []


def visits(solution, engineer):
    return [s.index for r in solution.routes if r.engineer == engineer for s in r.steps if s.kind == fsd.StepKind.job]


for r in routes:
    before, after = visits(morning, r.engineer), visits(plan, r.engineer)
    kept = after == before if ids[r.engineer] == "eng-01" else after[:2] == before[:2]
    assert kept, ids[r.engineer]
new = problem.num_jobs - 1
owner = next((ids[r.engineer] for r in plan.routes for s in r.steps if s.kind == fsd.StepKind.job and s.index == new), None)
print(f"morning: {sum(len(visits(morning, e)) for e in range(len(ids)))} visits; "
      f"re-planned: {sum(len(visits(plan, e)) for e in range(len(ids)))} visits, fixed parts kept")
print(f"URGENT-1 goes to {owner}" if owner else "URGENT-1 could not be fitted in: " +
      next(u.detail for u in plan.unassigned if u.job == new))
