"""From the bundled ticket history to verified rosters: forecast next week by skill; the desk
(customer_service tickets) staffed per half hour with Erlang C and rostered; the field team's
engineers on duty from the forecast work, rostered with their names, and that roster checked in
the simulator under the forecast demand; all of it in one HTML report."""
import json
import os
import tempfile

import matplotlib

matplotlib.use("Agg")
import fsdispatch as fsd  # noqa: E402

source = os.environ.get("FSD_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
data = os.path.join(source, "examples", "data")
with open(os.path.join(data, "roster_templates.json")) as f:
    templates = json.load(f)

# 1. Forecast next week's tickets per half hour, per skill (no pooled series: each skill is staffed).
tickets = fsd.read_tickets(os.path.join(data, "tickets.csv"))
week = fsd.forecast(tickets, by="skill", interval=1800, total_series=None)
totals = week.attrs["series"].set_index("series")[["mean_per_week", "next_week_mean", "next_week_lower", "next_week_upper"]]
print("Tickets per week in the history, and expected next week with its 90 % interval:")
print(totals.round(1).to_string())

# 2. The desk: agents per half hour for 80 % answered within 60 s (a ticket takes 12 minutes on
# the phone), 30 % shrinkage; then a roster of ten agents on the bundled shift templates.
desk = fsd.staff_desk(week[week["series"] == "customer_service"], aht=720, service_level=0.8, answer_within=60,
                      shrinkage=0.3, interval=1800)
requirement = desk.assign(skill="customer_service", required=desk["scheduled"].astype(int))
agents = [{"id": f"agent-{i}", "skills": ["customer_service"], "min_week": "24:00", "max_week": "40:00",
           "cost_per_hour": 24} for i in range(10)]
desk_roster = fsd.roster(requirement[["skill", "interval_start", "required"]], templates, people=agents,
                         shortfall_cost=100, time_limit=10)
assert desk_roster.check() == [], desk_roster.check()
print(f"\nDesk roster: {desk_roster.status}, {len(desk_roster.shifts)} shifts, "
      f"{int(desk_roster.coverage['shortfall'].sum())} half hours short")

# 3. The field: engineers on duty per skill from the forecast work, Monday to Saturday, the team's
# engineers onto shifts that end by midnight (the simulator's shifts do).
team = fsd.load_scenario(os.path.join(data, "field_team.json"))
field_requirement = fsd.field_requirement_frame(week, team, service_days=range(6))
day_shifts = [t for t in templates if t["id"] not in ("night", "late")]
field_roster = fsd.roster(field_requirement[["skill", "weekday", "time", "required"]], day_shifts,
                          people=fsd.roster_people(team, max_hours=40), shortfall_cost=100, time_limit=10)
assert field_roster.check() == [], field_roster.check()
print(f"Field roster: {field_roster.status}, {len(field_roster.shifts)} shifts for "
      f"{field_roster.shifts['person'].nunique()} engineers, "
      f"{int(field_roster.coverage['shortfall'].sum())} engineer-half-hours short")

# 4. The field roster in the simulator under the forecast demand.
check = fsd.simulate_roster(team, field_roster, week, target=0.8, days=7, replications=4, seed=1)
print(f"Simulated SLA response attainment {check['mean']:.3f} [{check['low']:.3f}, {check['high']:.3f}] "
      f"against {check['target']}: {'meets' if check['meets'] else 'does not meet'} the target")

report = fsd.html_report(os.path.join(tempfile.mkdtemp(prefix="fsd-staffing-"), "staffing.html"), None,
                         title="Staffing from the ticket history", staffing=[week, desk_roster, field_roster, check])
print("report:", report)
