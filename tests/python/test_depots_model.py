"""Depots, engineers' tools and van stock, jobs' tools and parts from Python: the model's fields,
their conversions, errors naming the field, JSON and pickle round trips, the schema, and the live
plan's refusal."""
import json
import pickle

import jsonschema
import numpy as np
import pytest

import fsdispatch as fsd

from conftest import ROOT

H = 3600


def day(depots=True, stock=None):
    """Two engineers and three jobs on a 6-location matrix: rows 0-2 jobs, 3-4 homes, 5 the depot."""
    xs = [10, 20, 30, 0, 5, 15]
    m = np.array([[abs(a - b) * 60 for b in xs] for a in xs], dtype=np.int64)
    engineers = [
        fsd.Engineer(id="ann", start=fsd.Location(index=3), shifts=[fsd.TimeWindow(8 * H, 17 * H)],
                     tools=["ladder"], stock={"filter": 2} if stock is None else stock,
                     costs=fsd.EngineerCosts(per_working_hour=1200)),
        fsd.Engineer(id="bob", start=fsd.Location(index=4), shifts=[fsd.TimeWindow(8 * H, 17 * H)]),
    ]
    jobs = [
        fsd.Job(id="j-ladder", location=fsd.Location(index=0), duration=1800, tools=["ladder"]),
        fsd.Job(id="j-filter", location=fsd.Location(index=1), duration=1800, parts={"filter": 1}),
        fsd.Job(id="j-compressor", location=fsd.Location(index=2), duration=1800, parts=[("compressor", 1)]),
    ]
    depot_list = [fsd.Depot(id="north", location=fsd.Location(index=5),
                            opening=[fsd.TimeWindow(7 * H, 12 * H), fsd.TimeWindow(13 * H, 18 * H)],
                            duration=600, tools=["ladder"], parts=["compressor", "filter"])] if depots else []
    return fsd.Problem(engineers, jobs, travel=fsd.TravelMatrices(m, m), depots=depot_list)


def test_fields_reach_the_model_and_read_back():
    p = day()
    ann, bob = p.engineers
    assert ann.tools == ["ladder"]
    assert ann.stock == [fsd.PartCount("filter", 2)]
    assert ann.costs.per_working_hour == 1200
    assert bob.tools == [] and bob.stock == []
    assert p.jobs[1].parts == [fsd.PartCount(part="filter", count=1)]
    assert p.jobs[2].parts == [fsd.PartCount("compressor", 1)]
    assert p.num_depots == 1
    north = p.depots[0]
    assert (north.id, north.duration, north.tools, north.parts) == ("north", 600, ["ladder"], ["compressor", "filter"])
    assert north.opening[1] == fsd.TimeWindow(13 * H, 18 * H)
    assert p.depot_index("north") == 0 and p.depot_index("south") is None
    assert p.depot_location(0) == 5
    with pytest.raises(IndexError):
        p.depot_location(1)
    assert p.has_resources
    # bob gets the ladder, filters and compressors at the depot; without it he serves none of them.
    assert all(p.compatible(1, j) for j in range(3))
    plain = day(depots=False)
    assert [plain.compatible(1, j) for j in range(3)] == [False, False, False]
    assert [plain.compatible(0, j) for j in range(3)] == [True, True, False]
    assert [(w.path, "compressor" in w.message) for w in plain.warnings] == [("/jobs/2/parts/0", True)]


def test_part_counts_accept_dicts_pairs_and_objects():
    j = fsd.Job(id="x", parts={"a": 1, "b": 2})
    assert [(pc.part, pc.count) for pc in j.parts] == [("a", 1), ("b", 2)]
    j.parts = [("c", 3), fsd.PartCount("d", 4)]
    assert [(pc.part, pc.count) for pc in j.parts] == [("c", 3), ("d", 4)]
    e = fsd.Engineer(id="e", stock=[fsd.PartCount("a", 0)])
    e.stock = {"z": 9}
    assert e.stock == [fsd.PartCount("z", 9)]
    s = fsd.Step(kind=fsd.StepKind.depot, index=0, pickup_tools=["ladder"], pickup_parts={"filter": 2})
    assert s.pickup_tools == ["ladder"] and s.pickup_parts == [fsd.PartCount("filter", 2)]
    assert s.type == "depot"
    s.pickup_parts = [("belt", 1)]
    assert s.pickup_parts == [fsd.PartCount("belt", 1)]
    with pytest.raises(TypeError, match="parts"):
        fsd.Job(id="x", parts="filter")
    with pytest.raises(TypeError, match="stock"):
        fsd.Engineer(id="e", stock=[("a", 1, 2)])
    with pytest.raises(TypeError, match="stock"):
        fsd.Engineer(id="e", stock={1: 2})
    assert "tools=['ladder']" in repr(fsd.Engineer(id="e", tools=["ladder"]))
    assert "per_working_hour=5" in repr(fsd.EngineerCosts(per_working_hour=5))
    assert repr(fsd.PartCount("a", 2)) == "PartCount(part='a', count=2)"
    assert repr(fsd.Depot(id="d")) == "Depot(id='d')"


def test_enums_and_fix_members():
    assert fsd.StepKind.depot.name == "depot"
    assert fsd.UnassignedReason.parts_unavailable.name == "parts_unavailable"
    fix = fsd.UnassignedFix(kind="stock", amount=2, item="compressor", depot="north",
                            sentence="2 x compressor at depot North would let it in")
    assert (fix.item, fix.depot) == ("compressor", "north")
    assert fix.to_dict()["item"] == "compressor" and fix.to_dict()["depot"] == "north"
    # Other kinds' dicts keep their keys of before.
    assert "item" not in fsd.UnassignedFix(kind="penalty").to_dict()


def test_a_depot_step_answers_the_depot_id():
    p = day()
    step = fsd.Step(kind=fsd.StepKind.depot, index=0, pickup_parts={"compressor": 1})
    plan = fsd.Solution(routes=[fsd.Route(engineer=1, steps=[step])])
    plan.problem = p
    assert plan.routes[0].steps[0].id == "north"


@pytest.mark.parametrize("change, path", [
    (lambda e, j, d: d.__setitem__(0, fsd.Depot(id="", location=fsd.Location(index=5))), "/depots/0/id"),
    (lambda e, j, d: d.append(fsd.Depot(id="north", location=fsd.Location(index=5))), "/depots/1/id"),
    (lambda e, j, d: d.__setitem__(0, fsd.Depot(id="n", location=fsd.Location(index=9))), "/depots/0/location/index"),
    (lambda e, j, d: d.__setitem__(0, fsd.Depot(id="n", location=fsd.Location(index=5),
                                                opening=[fsd.TimeWindow(5, 1)])), "/depots/0/opening/0"),
    (lambda e, j, d: d.__setitem__(0, fsd.Depot(id="n", location=fsd.Location(index=5), duration=-1)),
     "/depots/0/duration"),
    (lambda e, j, d: d.__setitem__(0, fsd.Depot(id="n", location=fsd.Location(index=5), parts=["a", "a"])),
     "/depots/0/parts/1"),
    (lambda e, j, d: setattr(e[0], "tools", ["ladder", "ladder"]), "/engineers/0/tools/1"),
    (lambda e, j, d: setattr(e[0], "stock", {"filter": -1}), "/engineers/0/stock/0/count"),
    (lambda e, j, d: setattr(e[1], "stock", {"": 1}), "/engineers/1/stock/0/part"),
    (lambda e, j, d: setattr(e[0].costs, "per_working_hour", -1), "/engineers/0/costs/per_working_hour"),
    (lambda e, j, d: setattr(j[1], "parts", {"filter": 0}), "/jobs/1/parts/0/count"),
    (lambda e, j, d: setattr(j[0], "tools", [""]), "/jobs/0/tools/0"),
])
def test_errors_name_the_field(change, path):
    p = day()
    engineers, jobs, depots = list(p.engineers), list(p.jobs), list(p.depots)
    change(engineers, jobs, depots)
    m = p.base_durations.astype(np.int64)
    with pytest.raises(fsd.InputError) as bad:
        fsd.Problem(engineers, jobs, travel=fsd.TravelMatrices(m, m), depots=depots)
    assert bad.value.path == path


def test_json_and_pickle_round_trips_keep_everything():
    p = day()
    doc = json.loads(p.to_json())
    assert doc["depots"][0]["id"] == "north"
    assert doc["engineers"][0]["stock"] == {"filter": 2}
    assert doc["engineers"][0]["tools"] == ["ladder"]
    assert doc["engineers"][0]["costs"]["per_working_hour"] == 1200
    assert doc["jobs"][1]["parts"] == {"filter": 1}
    again = fsd.Problem.from_json(p.to_json())
    assert again.depots == p.depots and again.engineers == p.engineers and again.jobs == p.jobs
    assert again.to_json() == p.to_json()
    unpickled = pickle.loads(pickle.dumps(p))
    assert unpickled == p and unpickled.depots == p.depots
    # Without depots, tools or parts none of the new fields are written.
    plain = fsd.Problem([fsd.Engineer(id="e", start=fsd.Location(index=0), shifts=[fsd.TimeWindow(0, 100)])], [],
                        travel=fsd.TravelMatrices(np.zeros((1, 1), dtype=np.int64), np.zeros((1, 1), dtype=np.int64)))
    text = plain.to_json()
    for field in ("depots", "tools", "stock", "parts", "per_working_hour"):
        assert f'"{field}"' not in text


def test_the_json_errors_name_the_field():
    doc = json.loads(day().to_json())
    doc["jobs"][1]["parts"] = {"filter": 0}
    with pytest.raises(fsd.InputError) as bad:
        fsd.Problem.from_json(json.dumps(doc))
    assert bad.value.path == "/jobs/1/parts/filter"
    doc = json.loads(day().to_json())
    doc["depots"][0]["shelves"] = 3
    with pytest.raises(fsd.InputError) as bad:
        fsd.Problem.from_json(json.dumps(doc))
    assert bad.value.path == "/depots/0/shelves"


def test_written_documents_follow_the_schema():
    folder = ROOT / "docs" / "schema"
    docs = [json.loads(p.read_text()) for p in folder.glob("*.schema.json")]
    store = {d["$id"]: d for d in docs}
    schema = json.loads((folder / "problem.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store))
    doc = json.loads(day().to_json())
    validator.validate(doc)
    validator.validate(json.loads(day(depots=False).to_json()))
    bad = json.loads(day().to_json())
    bad["jobs"][1]["parts"] = {"filter": 0}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)
    bad = json.loads(day().to_json())
    bad["depots"][0]["tools"] = ["ladder", "ladder"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(bad)


def test_the_live_plan_refuses_depots_tools_and_parts():
    p = day()
    with pytest.raises(fsd.InputError, match="depot stops") as bad:
        fsd.LivePlan(p, fsd.Solution(), 8 * H)
    assert bad.value.path == "/depots"
    with pytest.raises(fsd.InputError) as bad:
        fsd.LivePlan(day(depots=False), fsd.Solution(), 8 * H)
    assert bad.value.path == "/engineers/0/tools"

    # A live plan document whose problem states tools is refused at that field too.
    plain = day(depots=False, stock={})
    engineers = list(plain.engineers)
    engineers[0].tools = []
    engineers[0].costs = fsd.EngineerCosts()  # paid working hours are refused as well (below)
    jobs = [fsd.Job(id=j.id, location=j.location, duration=j.duration) for j in plain.jobs]
    m = plain.base_durations.astype(np.int64)
    simple = fsd.Problem(engineers, jobs, travel=fsd.TravelMatrices(m, m))
    doc = json.loads(fsd.LivePlan(simple, fsd.Solution(), 8 * H).to_json())
    doc["problem"]["jobs"][0]["tools"] = ["ladder"]
    with pytest.raises(fsd.InputError, match="depot stops") as bad:
        fsd.LivePlan.from_json(json.dumps(doc))
    assert bad.value.path == "/problem/jobs/0/tools"

    # Engineers paid by the working hour: live insertion prices the drive only.
    paid = list(simple.engineers)
    paid[0].costs = fsd.EngineerCosts(per_working_hour=3600)
    with pytest.raises(fsd.InputError, match="working hours") as bad:
        fsd.LivePlan(fsd.Problem(paid, jobs, travel=fsd.TravelMatrices(m, m)), fsd.Solution(), 8 * H)
    assert bad.value.path == "/engineers/0/costs/per_working_hour"
