"""Ticket triage in a few lines: train on the bundled bilingual history,
check accuracy on a held-out part, classify new tickets, show how similar
tickets were solved, and list suggested merges of duplicates."""
from pathlib import Path

import fsdispatch as fsd
from fsdispatch import triage

TriageModel = getattr(fsd, "TriageModel", triage.TriageModel)
find_duplicates = getattr(fsd, "find_duplicates", triage.find_duplicates)

history = triage.read_tickets(Path(__file__).resolve().parents[1] / "data" / "tickets.csv")
test = history.sample(frac=0.2, random_state=1)
model = TriageModel.fit(history.drop(test.index), rules={"gas smell": "repair", "煤气": "repair"},
                      skill_rules={"gas smell": "hvac", "煤气": "hvac"})
print(f"{model}\nheld-out accuracy: {model.accuracy(test):.3f}\n")

new = ["The water heater in the basement is leaking water",
       "请问洗衣机还在保修期内吗？",
       "Engineer never showed up, I want a refund",
       "厨房有煤气味"]
print(model.predict(new)[["text", "category", "probability", "skill", "rule"]].to_string(), "\n")

print("How was '电梯无法启动' solved before?")
print(model.similar("电梯无法启动", k=3)[["id", "similarity", "resolution"]].to_string(), "\n")

dups = find_duplicates(history)
print(f"{len(dups)} merge suggestions, e.g.:\n{dups['reason'].iloc[0]}")
