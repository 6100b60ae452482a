"""A service day with more tickets than time: lunch breaks, morning/afternoon and two-hour windows,
a priced SLA deadline on the urgent tickets, and three priorities. The search chooses which tickets
to serve (priority first, then how many, then travel), says why each other one stays out, and
returns as soon as it stops improving rather than spending the whole time limit."""
import fsdispatch as fsd

HOUR = 3600
DAY = 8 * HOUR  # 08:00, in seconds of the day

# A city on a 3 x 3 km grid: engineers at the corners, tickets spread over it.
places = [(x * 500.0, y * 500.0) for y in range(7) for x in range(7)]
homes = [0, 6, 42, 48]
n = len(places)
durations = [[int(round(((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 / 4)) for (bx, by) in places] for (ax, ay) in places]
travel = fsd.TravelMatrices(durations, [[4 * d for d in row] for row in durations])

lunch = fsd.Break(id="lunch", time_windows=[fsd.TimeWindow(DAY + 7 * HOUR // 2, DAY + 11 * HOUR // 2)], duration=HOUR // 2)
engineers = [fsd.Engineer(id=f"eng-{k}", start=fsd.Location(index=home), shifts=[fsd.TimeWindow(DAY, DAY + 9 * HOUR)],
                          breaks=[lunch]) for k, home in enumerate(homes)]
jobs = []
for k in range(n):
    if k in homes:
        continue
    priority = 100 if k % 9 == 0 else 50 if k % 4 == 0 else 0
    window = [[fsd.TimeWindow(DAY, DAY + 4 * HOUR)], [fsd.TimeWindow(DAY + 4 * HOUR, DAY + 9 * HOUR)],
              [fsd.TimeWindow(DAY + (k % 7) * HOUR, DAY + (k % 7 + 2) * HOUR)]][k % 3]
    sla = fsd.SlaDeadline(deadline=DAY + 3 * HOUR, hard=False, lateness_cost_per_second=5) if priority == 100 else None
    jobs.append(fsd.Job(id=f"T-{k:03d}", location=fsd.Location(index=k), duration=(45 + 15 * (k % 4)) * 60,
                        time_windows=window, priority=priority, sla=sla))
problem = fsd.Problem(engineers, jobs, travel=travel)

# A generous limit: a day this size stops on stagnation long before it.
plan = fsd.solve(problem, time_limit=30, seed=1)
assert fsd.verify(problem, plan) == []
print(f"{plan.stats.solver}: stopped on {plan.stats.stop_reason} after {plan.stats.seconds:.2f} s, "
      f"{plan.stats.iterations} iterations")

served = {step.index for route in plan.routes for step in route.steps if step.kind == fsd.StepKind.job}
for priority in (100, 50, 0):
    tier = [j for j, job in enumerate(problem.jobs) if job.priority == priority]
    print(f"priority {priority:3d}: {sum(j in served for j in tier)} of {len(tier)} served")
print(fsd.unassigned_to_dataframe(problem, plan).to_string(index=False))

# More tickets than four engineers can serve in a day, and every urgent one among those served.
assert plan.unassigned
assert all(j in served for j, job in enumerate(problem.jobs) if job.priority == 100)
assert plan.stats.stop_reason == "stagnation"
