"""A VROOM user's input, solved by fsdispatch and answered in VROOM's output shape
(`fsd solve --format vroom examples/data/vroom_day.json` does the same from the shell)."""
import os
from pathlib import Path

import fsdispatch as fsd

root = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
source = root / "examples" / "data" / "vroom_day.json"

out = fsd.solve_vroom(source, time_limit=1.0, seed=1)
s = out["summary"]
print(f"{s['routes']} routes, {s['unassigned']} unassigned, cost {s['cost']}, distance {s['distance']} m, "
      f"priority served {s['priority']}")
for route in out["routes"]:
    jobs = [step["id"] for step in route["steps"] if step["type"] == "job"]
    print(f"vehicle {route['vehicle']}: jobs {jobs}, travel {route['duration']} s, waiting {route['waiting_time']} s")
for u in out["unassigned"]:
    print(f"job {u['id']} unassigned: {u['reason']}")

# Every job is either on a route or unassigned, exactly once.
served = [step["id"] for r in out["routes"] for step in r["steps"] if step["type"] == "job"]
left = [u["id"] for u in out["unassigned"]]
assert sorted(served + left) == sorted(job_id for job_id in fsd.read_vroom(source).job_ids)

# The same plan through the model: read, solve, check, write back in VROOM's shape.
vroom_input = fsd.read_vroom(source)
plan = fsd.solve(vroom_input.problem, time_limit=0.5, seed=1)
assert fsd.verify(vroom_input.problem, plan) == []
assert vroom_input.output(plan)["code"] == 0
