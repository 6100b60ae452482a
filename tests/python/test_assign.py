import json
import subprocess

import pytest

import fsdispatch as fsd
from fsdispatch.assign import (AssignEngineer, AssignOptions, AssignTicket, assign, generate_assign_batch,
                               load_assign_batch, read_assign_batch)

NOW = 1795510800  # 2026-11-24T09:00:00Z


def _small():
    tickets = [
        AssignTicket(id="T-1", location=fsd.Location(lat=48.137, lon=11.575),
                     skills=[fsd.SkillRequirement(skill="hvac", min_level=1)], priority=90,
                     sla_deadline="2026-11-24T10:00:00Z"),
        AssignTicket(id="T-2", location=fsd.Location(lat=48.15, lon=11.54),
                     skills=[fsd.SkillRequirement(skill="plumbing", min_level=1)], priority=30),
        AssignTicket(id="T-3", location=fsd.Location(lat=48.2, lon=11.5),
                     skills=[fsd.SkillRequirement(skill="solar", min_level=1)]),
    ]
    engineers = [
        AssignEngineer(id="E-1", position=fsd.Location(lat=48.14, lon=11.56),
                       skills=[fsd.SkillLevel(skill="hvac", level=2)], capacity=2),
        AssignEngineer(id="E-2", position=fsd.Location(lat=48.12, lon=11.59), available_from=NOW + 1800,
                       skills=[fsd.SkillLevel(skill="plumbing", level=1)]),
    ]
    return tickets, engineers


def test_assign_small_batch_by_hand():
    tickets, engineers = _small()
    result = assign(tickets, engineers, now="2026-11-24T09:00:00Z")
    assert result.method == "exact"
    by_ticket = {p["ticket"]: p for p in result.pairs}
    assert by_ticket["T-1"]["engineer"] == "E-1"
    assert by_ticket["T-2"]["engineer"] == "E-2"
    assert by_ticket["T-2"]["eta"] >= 1800  # E-2 is free only in half an hour
    assert result.left_out == [dict(ticket="T-3", reason="no_qualified_engineer", cost=7200)]
    assert result.total_cost == sum(p["cost"] for p in result.pairs) + 7200
    table = result.to_dataframe()
    assert len(table) == 2
    assert json.loads(result.to_json(iso_offset_seconds=0))["now"] == "2026-11-24T09:00:00Z"


def test_exact_beats_or_equals_greedy_on_a_generated_batch():
    problem = generate_assign_batch(tickets=300, engineers=80, seed=5)
    exact = assign(problem, method="exact")
    greedy = assign(problem, method="greedy")
    assert exact.total_cost <= greedy.total_cost
    assert exact.served > 0
    # Same batch, same seed: the same matching.
    again = assign(generate_assign_batch(tickets=300, engineers=80, seed=5), method="exact")
    assert again.pairs == exact.pairs


def test_options_as_keywords_and_objects():
    tickets, engineers = _small()
    far = assign(tickets, engineers, now=NOW, leave_out_base=10, leave_out_per_priority=0, leave_out_urgency_weight=0)
    assert far.served == 0  # every ticket is cheaper to leave out
    assert {x["reason"] for x in far.left_out} == {"too_costly", "no_qualified_engineer"}
    options = AssignOptions(lateness_weight=50, method="greedy")
    assert assign(tickets, engineers, now=NOW, options=options).method == "greedy"
    with pytest.raises(TypeError):
        assign(tickets, engineers, now=NOW, eta_wieght=3)


def test_explicit_travel_matrix():
    tickets, engineers = _small()
    result = assign(tickets, engineers, now=NOW, durations=[[60, 600], [900, 30], [5, 5]],
                    distances=[[1000, 9000], [12000, 500], [1, 1]])
    by_ticket = {p["ticket"]: p for p in result.pairs}
    assert by_ticket["T-1"]["travel"] == 60
    assert by_ticket["T-1"]["distance"] == 1000
    assert by_ticket["T-2"]["eta"] == 1800 + 30


def test_input_error_carries_the_path():
    tickets, engineers = _small()
    tickets[1].priority = 120
    with pytest.raises(fsd.InputError) as info:
        assign(tickets, engineers, now=NOW)
    assert info.value.path == "/tickets/1/priority"
    assert isinstance(info.value, ValueError)
    with pytest.raises(fsd.InputError) as info:
        load_assign_batch(json.dumps({"format": "fsdispatch-assign", "version": 1, "now": 0,
                                      "tickets": [{"id": "a", "skills": [{"skill": "x", "min_level": "2"}]}]}))
    assert info.value.path == "/tickets/0/skills/0/min_level"


def test_read_batch_file_and_round_trip(root):
    batch = read_assign_batch(root / "tests" / "data" / "assign_small.json")
    assert len(batch.problem.tickets) == 4
    assert batch.options.lateness_weight == 20
    assert load_assign_batch(batch.to_json()) == batch
    result = assign(batch)
    assert result.served == 3


def test_cli_assign(cli, root, tmp_path):
    out = tmp_path / "result.json"
    done = subprocess.run([cli, "assign", str(root / "tests" / "data" / "assign_small.json"), "--method", "greedy",
                           "--json", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "greedy: 3 of 4 tickets served" in done.stdout
    assert json.loads(out.read_text())["method"] == "greedy"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "fsdispatch-assign", "version": 1, "now": 0, "tickets": [{"id": "a", "prio": 1}]}))
    done = subprocess.run([cli, "assign", str(bad)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "/tickets/0/prio" in done.stderr
