"""Staff a service desk: one half hour by Erlang C and Erlang A, then a whole day of half hours.

Run from anywhere: python3 examples/python/staff_the_desk.py
"""
import math

import pandas as pd

import fsdispatch as fsd

# One half hour: 100 calls, 3 minutes each, 80 % to answer within 20 s, at most 85 % occupancy,
# 30 % of paid time off the phones (the classic worked example: 14 agents, 20 to schedule).
c = fsd.erlang_c(100, 1800, 180, answer_within=20, service_level=0.8, max_occupancy=0.85, shrinkage=0.3)
print(f"Erlang C: {c['agents']} agents answering, {c['scheduled']} scheduled; "
      f"SL {c['service_level']:.1%}, wait probability {c['wait_probability']:.1%}, "
      f"ASA {c['average_speed_of_answer']:.1f} s, occupancy {c['occupancy']:.1%}")

# The same half hour when callers hang up after two minutes on average (Erlang A): those who give
# up shorten the queue for the others, so fewer agents reach 80 % of ALL callers answered in 20 s.
a = fsd.erlang_a(100, 1800, 180, patience=120, answer_within=20, service_level=0.8, shrinkage=0.3)
print(f"Erlang A: {a['agents']} agents answering, {a['scheduled']} scheduled; "
      f"SL {a['service_level']:.1%} of all calls ({a['answered_service_level']:.1%} of answered), "
      f"abandonment {a['abandonment']:.1%}, ASA {a['average_speed_of_answer']:.1f} s")

# How the service level moves with each agent around the answer.
print("\nagents  SL(C)    SL(A)    abandon(A)")
for n in range(11, 17):
    sc = fsd.erlang_c(100, 1800, 180, agents=n)["service_level"]
    sa = fsd.erlang_a(100, 1800, 180, patience=120, agents=n)
    print(f"{n:>6}  {sc:6.1%}  {sa['service_level']:6.1%}  {sa['abandonment']:8.1%}")

# A weekday from 07:00 to 21:00 in half hours: a morning peak at 10:00 and a smaller one at 14:30,
# 4,000 calls in all, 5 minutes each. The frame has the shape of fsd.forecast's output.
starts = pd.date_range("2026-12-07T07:00:00Z", "2026-12-07T20:30:00Z", freq="30min")
hours = starts.hour + starts.minute / 60
shape = [math.exp(-((h - 10.0) / 1.6) ** 2) + 0.7 * math.exp(-((h - 14.5) / 2.0) ** 2) + 0.08 for h in hours]
scale = 4000 / sum(shape)
day = pd.DataFrame({"series": "desk", "interval_start": starts, "mean": [scale * s for s in shape]})
day["lower"] = day["mean"] * 0.85
day["upper"] = day["mean"] * 1.15

plan = fsd.staff_desk(day, calls="mean", aht=300, service_level=0.8, answer_within=20, shrinkage=0.3,
                      max_occupancy=0.9)
with_patience = fsd.staff_desk(day, calls="mean", aht=300, service_level=0.8, answer_within=20, shrinkage=0.3,
                               max_occupancy=0.9, patience=180)
print("\nstart  calls  agents(C) scheduled(C)  SL(C)  occ(C)  agents(A)  abandon(A)")
for (_, row), (_, row_a) in zip(plan.iterrows(), with_patience.iterrows()):
    print(f"{row.interval_start:%H:%M}  {row['mean']:5.0f}  {row.agents:9d}  {row.scheduled:11d}  "
          f"{row.service_level:5.1%}  {row.occupancy:5.1%}  {row_a.agents:9d}  {row_a.abandonment:9.1%}")
print(f"\nagent-hours to schedule: Erlang C {plan.scheduled.sum() / 2:.1f}, "
      f"Erlang A {with_patience.scheduled.sum() / 2:.1f}")
assert (plan.service_level >= 0.8).all() and (plan.occupancy <= 0.9).all()
assert (with_patience.agents <= plan.agents).all()
