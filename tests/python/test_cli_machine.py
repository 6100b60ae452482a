"""The CLI as a machine interface: stdout carries the JSON document alone wherever JSON is the output,
"-" reads stdin and writes stdout, several events go into one `fsd dispatch` call (all or nothing), instants
on the command line may be ISO-8601, and what `dispatch-init` and `dispatch` write validates against the
JSON Schemas in docs/schema/."""
import json
import subprocess
import tempfile

import jsonschema
import pytest

from conftest import DAY, small_problem_json

# The day's problem of conftest: two engineers, 8:00 to 17:00 UTC on 2026-11-24.
NEW_TICKET = {"id": "N-1", "location": {"lat": 48.13, "lon": 11.55}, "duration": 1200,
              "skills": [{"skill": "appliance"}]}


def run(cli, *args, stdin=None):
    # In a scratch folder, so that a build without "-" support leaves its file named "-" there.
    return subprocess.run([cli, *map(str, args)], input=stdin, capture_output=True, text=True, timeout=120,
                          cwd=tempfile.gettempdir())


def parses_alone(r):
    """The whole of stdout is one JSON document (status lines went elsewhere)."""
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def schemas(root):
    """Validators of docs/schema/*.schema.json, resolving references between the files by their $id."""
    folder = root / "docs" / "schema"
    docs = {p.name: json.loads(p.read_text()) for p in folder.glob("*.schema.json")}
    store = {d["$id"]: d for d in docs.values()}
    out = {}
    for name, doc in docs.items():
        jsonschema.Draft202012Validator.check_schema(doc)
        resolver = jsonschema.RefResolver.from_schema(doc, store=store)
        out[name.removesuffix(".schema.json")] = jsonschema.Draft202012Validator(doc, resolver=resolver)
    return out


@pytest.fixture
def problem(tmp_path):
    path = tmp_path / "problem.json"
    path.write_text(small_problem_json(jobs=6))
    return path


@pytest.fixture
def live(cli, problem, tmp_path):
    path = tmp_path / "live.json"
    r = run(cli, "dispatch-init", problem, "-o", path, "--time-limit", "0.2")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "", "dispatch-init with -o FILE says what it did on stderr"
    return path


def test_solve_writes_the_plan_alone_to_stdout_with_dash_or_quiet(cli, problem, tmp_path):
    doc = parses_alone(run(cli, "solve", problem, "-o", "-", "--iterations", "20"))
    assert doc["format"] == "fsdispatch-solution"
    r = run(cli, "solve", problem, "-o", "-", "--iterations", "20")
    assert "solved in" in r.stderr and "Total:" in r.stderr, "the table and timing go to stderr"
    assert parses_alone(run(cli, "solve", problem, "-q", "--iterations", "20"))["routes"]
    # Reading the problem from stdin.
    assert parses_alone(run(cli, "solve", "-", "-q", "--iterations", "20", stdin=problem.read_text()))["routes"]
    # With -o FILE the confirmation goes to stderr; stdout keeps the human table.
    out = tmp_path / "plan.json"
    r = run(cli, "solve", problem, "-o", out, "--iterations", "20")
    assert r.returncode == 0, r.stderr
    assert "plan written to" in r.stderr and "plan written to" not in r.stdout
    assert json.loads(out.read_text())["format"] == "fsdispatch-solution"


def test_every_json_writing_command_keeps_stdout_for_the_json(cli, root, problem, tmp_path):
    assert parses_alone(run(cli, "generate", "--engineers", "2", "--jobs", "5", "-o", "-"))["jobs"]
    plan = tmp_path / "plan.json"
    assert run(cli, "solve", problem, "-o", plan, "--iterations", "20").returncode == 0
    assert parses_alone(run(cli, "evaluate", problem, plan, "--no-solve", "--json", "-"))["format"] == "fsdispatch-evaluation"
    # verify and evaluate read one of their two inputs from stdin.
    assert run(cli, "verify", problem, "-", stdin=plan.read_text()).returncode == 0
    assert parses_alone(run(cli, "assign", root / "tests" / "data" / "assign_small.json", "--method", "greedy",
                            "--json", "-"))["method"] == "greedy"
    data = root / "tests" / "data"
    for what in ("status", "escalations", "deadline"):
        rows = parses_alone(run(cli, "sla", what, data / "sla_policy.json", data / "sla_events.csv",
                                "--at", "2026-11-24T12:00:00+01:00", "--json", "-"))
        assert isinstance(rows, list)
    assert parses_alone(run(cli, "staffing", "desk", "--calls", "100", "--interval", "1800", "--aht", "180",
                            "--json", "-"))
    model = parses_alone(run(cli, "triage", "train", data / "triage_small.csv", "-o", "-", "--min-df", "1"))
    model_path = tmp_path / "model.json"
    model_path.write_text(json.dumps(model))
    assert isinstance(parses_alone(run(cli, "triage", "predict", model_path, "no heat in the boiler", "--json", "-")), list)
    kpis = parses_alone(run(cli, "simulate", "preset:urban", "--days", "1", "--json", "-"))
    assert kpis["days"] == 1
    # The scenario itself may come from stdin too.
    scenario = run(cli, "generate-scenario", "--preset", "urban", "-o", "-")
    assert scenario.returncode == 0, scenario.stderr
    again = parses_alone(run(cli, "simulate", "-", "--days", "1", "--json", "-", stdin=scenario.stdout))
    assert {k: v for k, v in again.items() if k != "seconds"} == {k: v for k, v in kpis.items() if k != "seconds"}


def test_two_documents_for_stdout_are_refused(cli, root):
    data = root / "tests" / "data"
    r = run(cli, "sla", "status", data / "sla_policy.json", data / "sla_events.csv", "--at", "2026-11-24T12:00:00+01:00", "--json", "-",
            "--csv", "-")
    assert r.returncode == 2 and "only one output" in r.stderr and r.stdout == ""


def test_dispatch_init_takes_an_iso_now_and_writes_the_live_plan_to_stdout(cli, problem, schemas):
    r = run(cli, "dispatch-init", problem, "-o", "-", "--now", "2026-11-24T09:30:00+01:00", "--time-limit", "0.2")
    doc = parses_alone(r)
    assert doc["now"] == DAY + 8 * 3600 + 1800
    assert "live plan written to -" in r.stderr
    schemas["live_plan"].validate(doc)
    assert run(cli, "dispatch-init", problem, "-o", "-", "--now", str(DAY + 9 * 3600)).returncode == 0
    bad = run(cli, "dispatch-init", problem, "-o", "-", "--now", "half past nine")
    assert bad.returncode == 2 and "--now" in bad.stderr and bad.stdout == ""


def test_an_insert_outcome_says_who_and_when(cli, live, tmp_path, schemas):
    event = tmp_path / "insert.json"
    doc = {"type": "insert", "ticket": NEW_TICKET, "at": "2026-11-24T10:00:00+01:00"}
    event.write_text(json.dumps(doc))
    schemas["dispatch_events"].validate(doc)
    out = parses_alone(run(cli, "dispatch", live, event, "--in-place"))
    schemas["dispatch_outcome"].validate(out)
    assert out["placed"] and out["ticket"] == "N-1"
    assert out["engineer"] == "eng-2"  # the only engineer with the skill
    assert out["start"] >= out["arrival"] >= DAY + 9 * 3600
    plan = json.loads(live.read_text())
    schemas["live_plan"].validate(plan)
    assert plan["now"] == DAY + 9 * 3600
    step = next(s for r in plan["routes"] for s in r["steps"] if s.get("job") == "N-1")
    assert (step["arrival"], step["start"]) == (out["arrival"], out["start"])


def test_several_events_apply_in_order_and_list_each_outcome(cli, live, tmp_path, schemas):
    first = tmp_path / "first.json"
    first.write_text(json.dumps([{"type": "insert", "ticket": NEW_TICKET, "asap": True},
                                 {"type": "advance_time", "at": DAY + 10 * 3600}]))
    second = tmp_path / "second.json"
    second.write_text(json.dumps({"type": "cancel", "ticket": "N-1", "at": DAY + 10 * 3600}))
    for f in (first, second):
        schemas["dispatch_events"].validate(json.loads(f.read_text()))
    out = tmp_path / "after.json"
    outcomes = parses_alone(run(cli, "dispatch", live, first, second, "-o", out))
    schemas["dispatch_outcome"].validate(outcomes)
    assert [o["event"] for o in outcomes] == ["insert", "advance_time", "cancel"]
    after = json.loads(out.read_text())
    schemas["live_plan"].validate(after)
    assert {"id": "N-1", "status": "cancelled"} in after["tickets"]
    # An array in one file gives an array of outcomes; a lone event object gives one object.
    assert isinstance(parses_alone(run(cli, "dispatch", live, first)), list)
    lone = tmp_path / "lone.json"
    lone.write_text(json.dumps({"type": "place_pending"}))
    assert parses_alone(run(cli, "dispatch", live, lone))["event"] == "place_pending"


def test_a_refused_event_applies_none_of_the_call(cli, live, tmp_path):
    before = live.read_text()
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"type": "insert", "ticket": NEW_TICKET}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"type": "advance_time", "at": DAY + 9 * 3600},
                               {"type": "cancel", "ticket": "NOPE", "at": DAY + 9 * 3600}]))
    r = run(cli, "dispatch", live, good, bad, "--in-place")
    assert r.returncode == 2 and r.stdout == ""
    assert "/1/ticket" in r.stderr and "bad.json" in r.stderr
    assert live.read_text() == before


def test_dispatch_reads_the_plan_or_the_events_from_stdin(cli, live, tmp_path, schemas):
    event = json.dumps({"type": "insert", "ticket": NEW_TICKET})
    outcome = parses_alone(run(cli, "dispatch", live, "-", stdin=event))
    assert outcome["placed"]
    events = tmp_path / "event.json"
    events.write_text(event)
    # The plan from stdin, the new plan to stdout and the outcome to a file.
    outcome_file = tmp_path / "outcome.json"
    new_plan = parses_alone(run(cli, "dispatch", "-", events, "-o", "-", "--outcome", outcome_file,
                                stdin=live.read_text()))
    schemas["live_plan"].validate(new_plan)
    schemas["dispatch_outcome"].validate(json.loads(outcome_file.read_text()))
    assert any(t["id"] == "N-1" for t in new_plan["tickets"])
    # Two documents for stdout, two inputs from stdin, or --in-place on stdin are refused before any work.
    for args in (["dispatch", live, events, "-o", "-"], ["dispatch", "-", "-"], ["dispatch", "-", events, "--in-place"]):
        r = run(cli, *args, stdin=live.read_text())
        assert r.returncode == 2 and r.stdout == "", args
