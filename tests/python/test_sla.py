import json
import os
import subprocess

import pytest

import fsdispatch as fsd
from fsdispatch import sla

HERE = os.path.dirname(os.path.abspath(__file__))
POLICY_PATH = os.path.join(HERE, "..", "data", "sla_policy.json")
EVENTS_PATH = os.path.join(HERE, "..", "data", "sla_events.csv")


def policy():
    with open(POLICY_PATH) as f:
        return fsd.SlaPolicy.from_json(f.read())


def test_calendar_arithmetic():
    cal = policy().calendar("office")
    assert cal.add("2026-11-27T16:30:00+01:00", 3600) == cal.add("2026-11-30T08:00:00+01:00", 1800)
    assert cal.between("2026-12-24T16:00:00+01:00", "2026-12-28T09:00:00+01:00") == 7200
    assert not cal.is_open("2026-12-25T10:00:00+01:00")
    assert fsd.BusinessCalendar().is_24x7


def test_priority_matrix_and_targets():
    p = policy()
    assert p.priority(1, 1) == 1 and p.priority(2, 2) == 3 and p.priority(3, 3) == 5
    assert p.target(1, "gold", "resolution")["hard"] is True
    assert p.target(2, "gold", "resolution") is None


def test_status_from_dataframe_and_dicts():
    pd = pytest.importorskip("pandas")
    events = [
        {"ticket": "A", "time": 0, "event": "created", "priority": 1, "tier": "gold"},
        {"ticket": "A", "time": 600, "event": "responded"},
        {"ticket": "A", "time": 3600, "event": "waiting_for_customer"},
        {"ticket": "A", "time": 7200, "event": "resumed"},
        {"ticket": "A", "time": 18001, "event": "resolved"},
        {"ticket": "B", "time": 100, "event": "created"},
        {"ticket": "B", "time": 5000, "event": "resolved"},
        {"ticket": "B", "time": 9000, "event": "reopened"},
    ]
    df = sla.sla_status(pd.DataFrame(events), policy(), at=20000, priority=1, tier="gold")
    assert list(df["metric"]) == ["response", "resolution", "response", "resolution"]
    a = df[(df.ticket == "A") & (df.metric == "resolution")].iloc[0]
    assert a.paused == 3600 and a.deadline == 18000 and bool(a.breached)
    b = df[(df.ticket == "B") & (df.metric == "resolution")].iloc[0]
    assert b.cycle == 2 and b.state == "running" and b.deadline == 9000 + 14400
    rows = sla.sla_status(events, policy(), at=20000, priority=1, tier="gold")
    assert len(rows) == 4


def test_escalations_and_at_risk():
    events = [{"ticket": "A", "time": 0, "event": "created", "priority": 1, "tier": "gold"},
              {"ticket": "A", "time": 100, "event": "responded"}]
    es = sla.sla_escalations(events, policy(), at=10000)
    assert list(es["time"]) == [7200, 10800, 14400, 21600]
    assert list(es["fired"]) == [True, False, False, False]
    risk = sla.sla_at_risk(events, policy(), {"A": 15000}, at=10000)
    assert len(risk) == 1 and risk.iloc[0].late_by == 600


def test_bad_input_names_the_field():
    events = [{"ticket": "A", "time": 50, "event": "created", "priority": 1, "tier": "gold"},
              {"ticket": "A", "time": 10, "event": "resolved"}]
    with pytest.raises(fsd.InputError) as e:
        sla.sla_status(events, policy(), at=100)
    assert e.value.path == "/events/1/time"
    with pytest.raises(ValueError) as e:
        sla.sla_status([{"ticket": "A", "time": 0, "event": "created", "priority": 1, "tier": "bronze"}],
                       policy(), at=100)
    assert e.value.path == "/events/0/tier"
    bad = json.loads(open(POLICY_PATH).read())
    bad["targets"][3]["tier"] = "bronze"
    with pytest.raises(fsd.InputError) as e:
        fsd.SlaPolicy.from_json(json.dumps(bad))
    assert e.value.path == "/targets/3/tier"
    bad = json.loads(open(POLICY_PATH).read())
    bad["calendars"][0]["hours"]["monday"][1] = ["11:00", "17:00"]
    with pytest.raises(fsd.InputError) as e:
        fsd.SlaPolicy.from_json(json.dumps(bad))
    assert e.value.path == "/calendars/0/hours/monday/1"


def cli(*args):
    exe = os.environ.get("FSD_CLI")
    if not exe:
        pytest.fail("FSD_CLI is not set")
    return subprocess.run([exe, *args], capture_output=True, text=True)


def test_cli_status_and_errors(tmp_path):
    out = tmp_path / "status.json"
    r = cli("sla", "status", POLICY_PATH, EVENTS_PATH, "--at", "2026-11-24T12:00:00+01:00", "--json", str(out))
    assert r.returncode == 0, r.stderr
    rows = json.loads(out.read_text())
    silver = [x for x in rows if x["ticket"] == "T-2" and x["metric"] == "resolution"][0]
    # Mon 10-12, 13-14, 15-17 (paused 14-15), Tue 08-12: 9 h against 8 h, due Tue 11:00 local.
    assert silver["elapsed"] == 9 * 3600 and silver["paused"] == 3600 and silver["breached"]
    assert silver["deadline"] == 1795514400
    r = cli("sla", "deadline", POLICY_PATH, EVENTS_PATH, "--at", "2026-11-24T12:00:00+01:00", "--duration", "1h")
    assert r.returncode == 0 and "T-2" in r.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("ticket,time,event,priority,tier\nX,2026-11-23T09:00:00Z,created,1,gold\nX,2026-11-23T08:00:00Z,resolved,,\n")
    r = cli("sla", "status", POLICY_PATH, str(bad), "--at", "0")
    assert r.returncode == 2 and "/events/1/time" in r.stderr
