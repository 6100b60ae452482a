"""Which dispatch policy should we use? Simulate the bundled "urban" scenario under every built-in
policy with common random numbers, print KPIs with 95 % confidence intervals and the paired
difference to nearest-free-engineer, and write a self-contained HTML report.

    python compare_policies.py [report.html]
"""
import os
import sys
import tempfile

import fsdispatch as fsd

DAYS = 3
REPLICATIONS = 3

scenario = fsd.scenario_preset("urban", seed=1)
policies = fsd.builtin_policy_names()
print(f"scenario {scenario.name}: {len(scenario.engineer_ids)} engineers, "
      f"{scenario.tickets_per_day:.0f} tickets/day; policies {', '.join(policies)}")

table = fsd.compare_policies(scenario, policies, replications=REPLICATIONS, days=DAYS, seed=1, progress=False)

shown = ["sla_response_rate", "sla_resolution_rate", "first_response_mean_s", "travel_km", "utilisation"]
for kpi in shown:
    print(f"\n{kpi}")
    for row in table[table["kpi"] == kpi].itertuples():
        print(f"  {row.policy:<14} {row.mean:12.4g}  [{row.ci_low:.4g}, {row.ci_high:.4g}]"
              f"   vs {policies[0]}: {row.diff_mean:+.4g} [{row.diff_low:+.4g}, {row.diff_high:+.4g}]")

# One full run per policy of the first replication, for the backlog, Gantt chart and route map.
runs = [fsd.simulate(scenario, p, days=DAYS, seed=fsd.replication_seed(1, 0)) for p in policies[:2]]
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.mkdtemp(prefix="fsd-"), "policies.html")
fsd.html_report(path, table, runs=runs, title=f"Dispatch policies on '{scenario.name}' ({DAYS} days, "
                                              f"{REPLICATIONS} replications)")
print(f"\nreport: {path} ({os.path.getsize(path) // 1024} KiB)")
