"""How many field engineers per skill do we need? Search the smallest headcount per skill group
whose simulated SLA response attainment stays above 85 % with 95 % confidence, check it on new
seeds, and draw the cost vs attainment curve.

    python staff_the_field.py [curve.png]
"""
import os
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import fsdispatch as fsd  # noqa: E402

TARGET = 0.85

# A small service region: 10 engineers, two skills, 45 tickets a day.
scenario = fsd.generate_scenario(name="two-skill town", engineers=10, skills=2, tickets_per_day=45, radius_km=15,
                                 seed=4)
print(f"scenario {scenario.name}: {len(scenario.engineer_ids)} engineers, {scenario.tickets_per_day:.0f} tickets/day")

result = fsd.staff_field(scenario, target=TARGET, kpi="sla_response_rate", policy="nearest", days=28,
                         replications=30, seed=1, cost_per_hour=40, cost_per_breach=200)

print("\nheadcount per skill group (grouped by each engineer's first skill):")
print(result.groups.to_string(index=False))
found = result.found
print(f"\nfound {found.engineers} engineers: attainment {found.attainment_mean:.3f} "
      f"[{found.attainment_low:.3f}, {found.attainment_high:.3f}], cost per 4 weeks {found.total_cost:,.0f} "
      f"(engineers {found.engineer_cost:,.0f} + breaches {found.breach_cost:,.0f})")
today = result.today
print(f"today {today.engineers} engineers: attainment {today.attainment_mean:.3f} "
      f"[{today.attainment_low:.3f}, {today.attainment_high:.3f}], cost per 4 weeks {today.total_cost:,.0f}")
cheapest = result.cheapest
print(f"cheapest total cost among the {result.evaluations} headcounts tried: {list(cheapest.headcount)} "
      f"at {cheapest.total_cost:,.0f} (attainment {cheapest.attainment_mean:.3f})")

print("\nverification on seeds the search never used:")
print(result.verification[["check", "group", "headcount", "attainment_mean", "attainment_low", "meets"]]
      .to_string(index=False))
print(f"\n{result.simulations} simulations in {result.seconds:.1f} s")

ax = fsd.plot_staffing_curve(result)
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.mkdtemp(prefix="fsd-"), "staffing_curve.png")
ax.figure.savefig(path, dpi=110, bbox_inches="tight")
plt.close(ax.figure)
print(f"curve: {path}")
