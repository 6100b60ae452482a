"""A large day (480 tickets, 48 engineers from one depot) searched by the hybrid genetic search,
once on the whole plan and once also in parts: groups of nearby routes searched on their own while
the other routes stay as they are (docs/design.md, "Decomposition"). Both get the same number of
children (an iteration is one child, in a part or of the whole plan), so the seed decides the plan."""
import math
import random
import time

import fsdispatch as fsd

HOUR = 3600
rng = random.Random(4)
points = [(10_000.0, 10_000.0)] + [(rng.uniform(0, 20_000), rng.uniform(0, 20_000)) for _ in range(480)]
metres = [[round(math.dist(a, b)) for b in points] for a in points]
seconds = [[round(d / 10) for d in row] for row in metres]  # 36 km/h
travel = fsd.TravelMatrices(seconds, metres)

engineers = [fsd.Engineer(id=f"eng-{k:02d}", start=fsd.Location(index=0), shifts=[fsd.TimeWindow(8 * HOUR, 18 * HOUR)])
             for k in range(48)]
jobs = []
for k in range(1, len(points)):
    start = 8 * HOUR + rng.randrange(0, 7) * HOUR
    jobs.append(fsd.Job(id=f"T-{k:03d}", location=fsd.Location(index=k), duration=rng.choice([900, 1800, 2700]),
                        time_windows=[fsd.TimeWindow(start, start + 3 * HOUR)]))
problem = fsd.Problem(engineers, jobs, travel=travel)

for decompose in (False, True):
    began = time.monotonic()
    plan = fsd.solve(problem, time_limit=600, iteration_limit=250, stagnation_limit=0, seed=1, algorithm="hgs",
                     decompose=decompose)
    assert fsd.verify(problem, plan) == []
    served = sum(step.kind == fsd.StepKind.job for route in plan.routes for step in route.steps)
    print(f"{'in parts' if decompose else 'whole   '}: {served} of {len(jobs)} served by {len(plan.routes)} engineers, "
          f"travel cost {plan.objective.travel:,}, {plan.stats.iterations} children in "
          f"{time.monotonic() - began:.1f} s")
