"""SLA clocks for a few tickets on an office-hours calendar: status, escalations, at-risk."""
import json

import fsdispatch as fsd
from fsdispatch import sla

policy = fsd.SlaPolicy.from_json(json.dumps({
    "tiers": ["gold", "silver"],
    "calendars": [{"name": "office", "utc_offset": "+01:00",
                   "hours": {d: [["08:00", "12:00"], ["13:00", "17:00"]]
                             for d in ["monday", "tuesday", "wednesday", "thursday", "friday"]},
                   "holidays": ["2026-12-25"]}],
    "targets": [
        {"priority": 1, "tier": "gold", "metric": "response", "duration": "30m"},
        {"priority": 1, "tier": "gold", "metric": "resolution", "duration": "4h", "hard": True},
        {"priority": 3, "tier": "silver", "metric": "resolution", "duration": "8h", "calendar": "office"},
    ],
    "escalation": [{"percent": 75, "action": "warn_team_lead"}, {"percent": 100, "action": "breach"}],
}))

events = [
    {"ticket": "T-1", "time": "2026-12-24T15:00:00+01:00", "event": "created", "impact": 1, "urgency": 1, "tier": "gold"},
    {"ticket": "T-1", "time": "2026-12-24T15:20:00+01:00", "event": "responded"},
    {"ticket": "T-2", "time": "2026-12-24T15:00:00+01:00", "event": "created", "impact": 2, "urgency": 2, "tier": "silver"},
    {"ticket": "T-2", "time": "2026-12-24T16:00:00+01:00", "event": "waiting_for_customer"},
    {"ticket": "T-2", "time": "2026-12-28T09:00:00+01:00", "event": "resumed"},
]
at = "2026-12-28T10:00:00+01:00"
print("office calendar: Christmas Eve 16:00 + 2 business hours =",
      policy.calendar("office").add("2026-12-24T16:00:00+01:00", 7200), "(Unix s, Monday 28 Dec 09:00)")
status = sla.sla_status(events, policy, at=at)
print(status[["ticket", "metric", "priority", "state", "elapsed", "paused", "remaining", "breached"]].to_string())
print(sla.sla_escalations(events, policy, at=at).to_string())
risk = sla.sla_at_risk(events, policy, {"T-2": "2026-12-29T12:00:00+01:00"}, at=at)
print(risk[["ticket", "metric", "late_by", "late_by_business"]].to_string())
