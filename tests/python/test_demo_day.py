"""The day `fsd demo` plans (examples/data/demo_day.json) shows a depot stop and a two-person job,
and stays the bundled service day plus exactly those additions."""
import json
import subprocess

import jsonschema

from conftest import ROOT

DATA = ROOT / "examples" / "data"


def test_demo_day_is_the_service_day_plus_a_depot_part_and_a_two_person_job():
    day = json.loads((DATA / "service_day.json").read_text())
    demo = json.loads((DATA / "demo_day.json").read_text())
    assert demo["engineers"] == day["engineers"]
    assert demo["travel"] == day["travel"] and demo["weights"] == day["weights"]
    jobs = {j["id"]: j for j in demo["jobs"]}
    assert set(jobs) == {j["id"] for j in day["jobs"]} | {"T-0070-2"}
    changed = [j["id"] for j in day["jobs"] if jobs[j["id"]] != j]
    assert changed == ["T-0009"]  # the compressor it needs
    assert jobs["T-0009"]["parts"] == {"compressor": 1}
    assert not any("compressor" in e.get("stock", {}) for e in demo["engineers"])
    assert [d["parts"] for d in demo["depots"]] == [["compressor"]]
    assert demo["links"] == [{"first": "T-0070", "second": "T-0070-2", "min_gap": 0, "max_gap": 0,
                              "engineers": "different"}]


def validator(name):
    folder = ROOT / "docs" / "schema"
    docs = [json.loads(p.read_text()) for p in folder.glob("*.schema.json")]
    store = {d["$id"]: d for d in docs}
    doc = json.loads((folder / f"{name}.schema.json").read_text())
    return jsonschema.Draft202012Validator(doc, resolver=jsonschema.RefResolver.from_schema(doc, store=store))


def test_demo_day_and_its_plan_follow_the_schemas(cli, tmp_path):
    validator("problem").validate(json.loads((DATA / "demo_day.json").read_text()))
    r = subprocess.run([cli, "demo", "--out", str(tmp_path), "--time-limit", "0.2"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    validator("solution").validate(json.loads((tmp_path / "plan.json").read_text()))


def test_demo_prints_the_depot_stop_and_the_installers_starting_together(cli, tmp_path):
    r = subprocess.run([cli, "demo", "--out", str(tmp_path), "--time-limit", "0.5"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert "[depot-city]" in r.stdout and "pickup 1 x compressor" in r.stdout
    assert "Linked visits (1):" in r.stdout
    line = next(x for x in r.stdout.splitlines() if "T-0070 + T-0070-2" in x)
    assert line.endswith("(together)"), line
    plan = json.loads((tmp_path / "plan.json").read_text())
    starts = {s["id"]: (route["engineer"], s["start"]) for route in plan["routes"] for s in route["steps"]
              if s["type"] == "job"}
    (lead, lead_start), (helper, helper_start) = starts["T-0070"], starts["T-0070-2"]
    assert lead_start == helper_start and lead != helper
