"""Plan the bundled service day from Python, check it, and look at it as a table."""
import os
from pathlib import Path

import fsdispatch as fsd

root = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
problem = fsd.Problem.read(str(root / "examples" / "data" / "service_day.json"))
print(f"{problem.num_engineers} engineers, {problem.num_jobs} tickets")

plan = fsd.solve(problem, time_limit=1.0, seed=1)
violations = fsd.verify(problem, plan)
assert violations == [], violations

steps = plan.to_dataframe()
visits = steps[steps["type"] == "job"]
per_engineer = visits.groupby("engineer").agg(jobs=("id", "count"), travel_s=("travel_time", "sum"))
print(per_engineer.to_string())
print(fsd.unassigned_to_dataframe(problem, plan).to_string(index=False))
print(f"objective {plan.objective.total:,}: {plan.objective}")
