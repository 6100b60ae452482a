"""Linked visits (two-person jobs, follow-ups) and the max_lateness weight from Python: the model's
fields and index views, JSON and pickle round trips, the schema, errors naming the field, and the live
plan's refusal."""
import json
import pickle

import jsonschema
import numpy as np
import pytest

import fsdispatch as fsd

from conftest import ROOT

H = 3600


def day(links=None, weights=None):
    """Two engineers at row 0; a lead and its helper at row 1, a follow-up at row 2."""
    m = np.array([[0, 600, 900], [600, 0, 400], [900, 400, 0]], dtype=np.int64)
    engineers = [fsd.Engineer(id=name, start=fsd.Location(index=0), shifts=[fsd.TimeWindow(8 * H, 17 * H)])
                 for name in ("ann", "bob")]
    jobs = [fsd.Job(id="lead", location=fsd.Location(index=1), duration=1800),
            fsd.Job(id="helper", location=fsd.Location(index=1), duration=1200),
            fsd.Job(id="follow-up", location=fsd.Location(index=2), duration=600)]
    if links is None:
        links = [fsd.JobLink(first="lead", second="helper"),
                 fsd.JobLink(first="lead", second="follow-up", min_gap=H, max_gap=4 * H,
                             engineers=fsd.LinkEngineers.same)]
    return fsd.Problem(engineers, jobs, travel=fsd.TravelMatrices(m, m), weights=weights, links=links)


def test_a_default_link_is_a_two_person_job():
    link = fsd.JobLink(first="a", second="b")
    assert (link.min_gap, link.max_gap, link.engineers) == (0, 0, fsd.LinkEngineers.different)
    assert str(fsd.LinkEngineers.same) == "same"
    assert link == fsd.JobLink(first="a", second="b", engineers=fsd.LinkEngineers.different)
    assert link != fsd.JobLink(first="a", second="b", engineers=fsd.LinkEngineers.any)
    assert repr(link) == "JobLink(first='a', second='b')"
    link.max_gap = 60
    assert link.max_gap == 60


def test_links_reach_the_model_with_their_job_indices():
    p = day()
    assert p.num_links == 2
    assert p.links[1] == fsd.JobLink(first="lead", second="follow-up", min_gap=H, max_gap=4 * H,
                                     engineers=fsd.LinkEngineers.same)
    assert (p.link_first(0), p.link_second(0)) == (0, 1)
    assert (p.link_first(1), p.link_second(1)) == (0, 2)
    assert p.links_of(0) == [0, 1]
    assert p.links_of(1) == [0]
    assert p.links_of(2) == [1]
    with pytest.raises(IndexError):
        p.link_first(2)
    with pytest.raises(IndexError):
        p.link_second(-1)
    with pytest.raises(IndexError):
        p.links_of(3)
    plain = day(links=[])
    assert plain.num_links == 0 and plain.links == [] and plain.links_of(0) == []


def test_max_lateness_weight_and_part():
    w = fsd.ObjectiveWeights(max_lateness=4)
    assert w.max_lateness == 4 and w.lateness == 1
    assert "max_lateness=4" in repr(w)
    assert "max_lateness" not in repr(fsd.ObjectiveWeights())
    assert day(weights=w).weights.max_lateness == 4
    parts = fsd.ObjectiveParts(travel=100, max_lateness=30)
    assert parts.max_lateness == 30 and parts.total == 130
    assert fsd.UnassignedReason.linked_visit_out.name == "linked_visit_out"


def test_links_round_trip_through_json_and_pickle():
    p = day(weights=fsd.ObjectiveWeights(max_lateness=2))
    doc = json.loads(p.to_json())
    assert doc["links"][0] == {"first": "lead", "second": "helper", "min_gap": 0, "max_gap": 0,
                               "engineers": "different"}
    assert doc["links"][1]["engineers"] == "same"
    assert doc["weights"]["max_lateness"] == 2
    again = fsd.Problem.from_json(p.to_json())
    assert again.links == p.links and again == p
    assert pickle.loads(pickle.dumps(p)).links == p.links
    # Without links or max_lateness neither field is written.
    plain = json.loads(day(links=[]).to_json())
    assert "links" not in plain and "max_lateness" not in plain["weights"]


def test_linked_visit_out_reads_back_in_a_plan():
    p = day()
    doc = {"format": "fsdispatch-solution", "version": 1,
           "objective": {"unassigned": 0, "lateness": 0, "travel": 0, "balance": 0, "max_lateness": 9},
           "routes": [],
           "unassigned": [{"id": "helper", "reason": "linked_visit_out"}]}
    s = fsd.Solution.from_json(p, json.dumps(doc))
    assert s.objective.max_lateness == 9 and s.objective.total == 9
    assert s.unassigned[0].reason == fsd.UnassignedReason.linked_visit_out
    written = json.loads(s.to_json(p))
    assert written["objective"]["max_lateness"] == 9
    assert written["unassigned"][0]["reason"] == "linked_visit_out"


@pytest.mark.parametrize("link, path", [
    (fsd.JobLink(first="nobody", second="helper"), "/links/1/first"),
    (fsd.JobLink(first="lead", second="lead"), "/links/1/second"),
    (fsd.JobLink(first="lead", second="helper", min_gap=-1), "/links/1/min_gap"),
    (fsd.JobLink(first="lead", second="helper", min_gap=600, max_gap=300), "/links/1/max_gap"),
    (fsd.JobLink(first="lead", second="helper", max_gap=366 * 24 * H + 1), "/links/1/max_gap"),
])
def test_errors_in_links_name_the_field(link, path):
    with pytest.raises(fsd.InputError) as bad:
        day(links=[fsd.JobLink(first="lead", second="follow-up"), link])
    assert bad.value.path == path
    assert isinstance(bad.value, ValueError)


def test_errors_in_json_links_name_the_field():
    base = json.loads(day().to_json())
    for change, path in [
        (lambda d: d["links"][0].update(engineers="both"), "/links/0/engineers"),
        (lambda d: d["links"][1].update(colour="red"), "/links/1/colour"),
        (lambda d: d["links"][1].pop("second"), "/links/1/second"),
        (lambda d: d["weights"].update(max_lateness=10_001), "/weights/max_lateness"),
    ]:
        doc = json.loads(json.dumps(base))
        change(doc)
        with pytest.raises(fsd.InputError) as bad:
            fsd.Problem.from_json(json.dumps(doc))
        assert bad.value.path == path
    with pytest.raises(fsd.InputError) as bad:
        day(weights=fsd.ObjectiveWeights(max_lateness=-1))
    assert bad.value.path == "/weights/max_lateness"


def test_written_documents_follow_the_schema():
    folder = ROOT / "docs" / "schema"
    store = {d["$id"]: d for d in (json.loads(p.read_text()) for p in folder.glob("*.schema.json"))}
    schema = store["https://fsdispatch.example/schema/problem.schema.json"]
    validator = jsonschema.Draft202012Validator(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store))
    validator.validate(json.loads(day(weights=fsd.ObjectiveWeights(max_lateness=3)).to_json()))
    for change in (lambda d: d["links"][0].update(engineers="both"),
                   lambda d: d["links"][0].update(min_gap=-5),
                   lambda d: d["links"][0].pop("first"),
                   lambda d: d["weights"].update(max_lateness=10_001)):
        bad = json.loads(day().to_json())
        change(bad)
        with pytest.raises(jsonschema.ValidationError):
            validator.validate(bad)


def test_the_live_plan_refuses_links_and_max_lateness():
    with pytest.raises(fsd.InputError, match="linked visits") as bad:
        fsd.LivePlan(day(), fsd.Solution(), 8 * H)
    assert bad.value.path == "/links"
    with pytest.raises(fsd.InputError, match="largest lateness") as bad:
        fsd.LivePlan(day(links=[], weights=fsd.ObjectiveWeights(max_lateness=1)), fsd.Solution(), 8 * H)
    assert bad.value.path == "/weights/max_lateness"

    # A live plan document whose problem states links or the weight is refused at that field too.
    doc = json.loads(fsd.LivePlan(day(links=[]), fsd.Solution(), 8 * H).to_json())
    doc["problem"]["links"] = [{"first": "lead", "second": "helper"}]
    with pytest.raises(fsd.InputError, match="linked visits") as bad:
        fsd.LivePlan.from_json(json.dumps(doc))
    assert bad.value.path == "/problem/links"
    doc = json.loads(fsd.LivePlan(day(links=[]), fsd.Solution(), 8 * H).to_json())
    doc["problem"]["weights"]["max_lateness"] = 1
    with pytest.raises(fsd.InputError, match="largest lateness") as bad:
        fsd.LivePlan.from_json(json.dumps(doc))
    assert bad.value.path == "/problem/weights/max_lateness"
