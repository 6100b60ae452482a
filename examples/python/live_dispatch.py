"""A running service day: place new tickets now, offer appointment slots, react to what
engineers report, re-plan, and match a batch of waiting tickets exactly."""
import os
from pathlib import Path

import fsdispatch as fsd

DAY = 1_795_478_400  # 2026-11-24T00:00:00Z, the bundled day
root = Path(os.environ.get("FSD_SOURCE_DIR", Path(__file__).resolve().parents[2]))
problem = fsd.Problem.read(str(root / "examples" / "data" / "service_day.json"))
plan = fsd.LivePlan(problem, fsd.solve(problem, time_limit=0.5, seed=1), now=DAY + 7 * 3600)
print(f"{len(plan.jobs)} tickets, {len(plan.pending())} pending at 07:00")


def clock(t):
    return f"{(t - DAY) // 3600:02d}:{(t - DAY) % 3600 // 60:02d}"


# A customer calls: which 2-hour slots today can we offer?
ticket = fsd.Job(id="CALL-1", location=fsd.Location(lat=48.15, lon=11.56), duration=20 * 60)
slots = [(DAY + h * 3600, DAY + (h + 2) * 3600) for h in range(8, 18, 2)]
for offer in plan.offer_slots(ticket, slots):
    best = offer.best
    what = f"{plan.engineers[best.engineer].id} at {clock(best.start)}, +{best.added_travel // 60} min travel" if best else "-"
    print(f"  {clock(offer.window.start)}-{clock(offer.window.end)}  {'yes' if offer.feasible else 'no '}  {what}")
feasible = [o for o in plan.offer_slots(ticket, slots) if o.feasible]
if feasible:
    booked = plan.book_slot(ticket, (feasible[0].window.start, feasible[0].window.end))
    print("booked:", plan.changes_dict(booked.changes))

# An urgent ticket: place it now, with the alternatives a dispatcher could choose from.
urgent = fsd.Job(id="URGENT-1", location=fsd.Location(lat=48.12, lon=11.60), duration=15 * 60, priority=90)
result = plan.insert(urgent, alternatives=3)
for c in result.alternatives:
    print(f"  option {plan.engineers[c.engineer].id}: ETA {clock(c.arrival)}, cost +{c.cost}")
print("placed:", result.placed, plan.changes_dict(result.changes))

# The day runs: an engineer sets off, arrives late, reports a delay on site.
e = next(i for i, r in enumerate(plan.routes) if r.steps and r.steps[0].kind == fsd.StepKind.job)
first = plan.routes[e].steps[0]
ticket_id = plan.jobs[first.index].id
plan.start_travel(ticket_id, first.arrival - first.travel_time)
plan.arrive(ticket_id, plan.routes[e].steps[0].arrival + 600)
delay = plan.delay(plan.engineers[e].id, 45 * 60, plan.routes[e].steps[0].arrival + 60)
print("after a 45-minute delay:", plan.changes_dict(delay))

# Re-plan what has not started yet; moving a ticket to another engineer costs 30 minutes.
r = plan.reoptimise(time_limit=0.5, reassignment_cost=1800)
print(f"re-plan: accepted={r.accepted} cost {r.cost_before:,} -> {r.cost_after:,}, moved {r.moved}")

# Every event keeps the plan valid: the part still to do verifies as a problem of its own.
rest_problem, rest_plan = plan.residual()
assert fsd.verify(rest_problem, rest_plan) == []

# A stateless service keeps the plan as JSON between events.
restored = fsd.LivePlan.from_json(plan.to_json())
assert restored.to_json() == plan.to_json()

# Instant assignment of a waiting batch: exact against the nearest-engineer baseline.
batch = fsd.generate_assign_batch(tickets=200, engineers=60, seed=7)
exact = fsd.assign(batch, method="exact")
greedy = fsd.assign(batch, method="greedy")
print(f"batch of 200: exact serves {exact.served} at cost {exact.total_cost:,}; "
      f"greedy serves {greedy.served} at cost {greedy.total_cost:,}")
assert exact.total_cost <= greedy.total_cost
