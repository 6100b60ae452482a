"""A week's roster for a service desk and its field team: requirement per half hour, the bundled
shift templates, 30 people with skills, contracts and availability; checked, then plotted."""
import json
import math
import os
import random

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402

import fsdispatch as fsd  # noqa: E402

source = os.environ.get("FSD_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
with open(os.path.join(source, "examples", "data", "roster_templates.json")) as f:
    templates = json.load(f)

# People needed per half hour: the desk peaks mid-morning and mid-afternoon and keeps one agent
# overnight; the field works 07:00-19:00 on weekdays, fewer on Saturday, not on Sunday.
rows = []
for day, name in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]):
    weekly = [1.1, 1.0, 1.0, 1.0, 0.9, 0.5, 0.4][day]
    for half in range(48):
        hour = half / 2 + 0.25
        desk = 1 + 4 * weekly * (math.exp(-((hour - 10) / 2.0) ** 2) + 0.8 * math.exp(-((hour - 14.5) / 2.2) ** 2))
        field = (2 + 2 * weekly * math.exp(-((hour - 11) / 3.0) ** 2)) if 7 <= hour < 19 and day < 6 else 0
        time = f"{half // 2:02d}:{30 * (half % 2):02d}"
        rows.append({"skill": "desk", "weekday": name, "time": time, "required": round(desk)})
        rows.append({"skill": "field", "weekday": name, "time": time, "required": round(field * (0.5 if day == 5 else 1))})
requirement = pd.DataFrame(rows)

# Thirty people: most hold one skill, some both; full-timers 32-40 h, part-timers 16-24 h on
# four weekdays; a few who only work days.
rng = random.Random(7)
people = []
for i in range(30):
    skills = ["desk"] if i < 17 else ["field"]
    if rng.random() < 0.25:
        skills = ["desk", "field"]
    person = {"id": f"{'agent' if i < 17 else 'eng'}-{i:02d}", "skills": skills, "cost_per_hour": 22 + rng.randint(0, 10)}
    if i % 4 == 3:
        person.update(min_week="16:00", max_week="24:00", max_shifts=4, available_weekdays=rng.sample(range(7), 4))
    else:
        person.update(min_week="32:00", max_week="40:00")
    if i % 7 == 5:
        person.update(available_start="06:00", available_end="20:00")
    people.append(person)

result = fsd.roster(requirement, templates, people=people, shortfall_cost=60, time_limit=15,
                    rules={"min_rest": "11:00", "min_days_off": 2, "max_consecutive_days": 5})
print(result)
print(f"stages: counts {result.count_seconds:.2f} s, names {result.naming_seconds:.2f} s; bound {result.best_bound:.1f}")

shifts = result.shifts
print("\nshifts per template and weekday:")
print(shifts.pivot_table(index="template", columns="weekday", values="start", aggfunc="count", fill_value=0))
hours = shifts.assign(paid=(shifts["end"] - shifts["start"] - (shifts["break_end"] - shifts["break_start"])) / 3600)
print("\npaid hours per person (first 10):")
print(hours.groupby("person")["paid"].sum().head(10).to_string())
short = result.coverage.groupby(["skill", "weekday"], sort=False)["shortfall"].sum()
print("\nshort person-intervals per skill and day:", short[short > 0].to_dict() or "none")
for line in result.unfilled[:5]:
    print("unfilled:", line)

violations = result.check()
print("\nchecker:", "no violations" if not violations else violations)
assert not violations

ax = fsd.plot_coverage(result, skill="desk")
ax.figure.savefig("roster_coverage_desk.png", dpi=100, bbox_inches="tight")
print("plot written to roster_coverage_desk.png")
