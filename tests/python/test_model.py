import json

import numpy as np
import pytest

import fsdispatch as fsd
from conftest import DAY, small_problem_json


def make_problem():
    engineers = [fsd.Engineer(id="eng-1", start=fsd.Location(lat=48.14, lon=11.58),
                              shifts=[fsd.TimeWindow(DAY + 8 * 3600, DAY + 17 * 3600)],
                              skills=[fsd.SkillLevel("hvac", 2)])]
    jobs = [fsd.Job(id=f"T-{i}", location=fsd.Location(lat=48.1 + 0.01 * i, lon=11.5), duration=1200,
                    skills=[fsd.SkillRequirement("hvac", 1)]) for i in range(3)]
    return fsd.Problem(engineers, jobs)


def test_problem_from_keyword_objects():
    p = make_problem()
    assert p.num_jobs == 3
    assert p.num_engineers == 1
    assert p.jobs[1].id == "T-1"
    assert p.job_index("T-2") == 2
    assert p.engineer_index("nobody") is None
    assert p.compatible(0, 0)


def test_matrices_are_read_only_numpy_views():
    p = make_problem()
    d = p.distances
    assert isinstance(d, np.ndarray)
    assert d.shape == (p.num_locations, p.num_locations)
    assert d.dtype == np.int32  # 32-bit entries: half the memory of int64 (docs/design.md, Travel decisions)
    assert (np.diag(d) == 0).all()
    assert not d.flags.writeable
    assert not d.flags.owndata  # a view on the problem's memory, not a copy
    t = p.durations(0)
    assert t[p.job_location(0), p.start_location(0)] > 0


def test_explicit_matrix_travel():
    durations = np.array([[0, 600, 900], [600, 0, 300], [900, 300, 0]], dtype=np.int64)
    engineers = [fsd.Engineer(id="e", start=fsd.Location(index=0), shifts=[fsd.TimeWindow(0, 36000)])]
    jobs = [fsd.Job(id="a", location=fsd.Location(index=1), duration=60),
            fsd.Job(id="b", location=fsd.Location(index=2), duration=60)]
    p = fsd.Problem(engineers, jobs, travel=fsd.TravelMatrices(durations, durations * 10))
    assert p.base_durations[0, 2] == 900
    assert p.distances[1, 2] == 3000


def test_travel_matrices_take_int32_or_int64_and_refuse_what_int32_cannot_hold():
    m32 = np.array([[0, 600], [600, 0]], dtype=np.int32)
    t = fsd.TravelMatrices(m32, m32.astype(np.int64) * 10)
    assert t.durations.dtype == np.int32 and t.distances.dtype == np.int32
    assert t.distances[0, 1] == 6000
    assert not t.durations.flags.owndata  # a view on the matrices, not a copy
    largest = np.array([[0, 2**31 - 1], [0, 0]], dtype=np.int64)
    assert fsd.TravelMatrices(largest, largest).durations[0, 1] == 2**31 - 1
    assert fsd.TravelMatrices(np.zeros((2, 2)), [[0, 1], [1, 0]]).distances[1, 0] == 1  # whole floats, lists

    beyond = largest.copy()
    beyond[1, 0] = 2**31  # as int32 this would wrap to -2**31
    with pytest.raises(fsd.InputError) as err:
        fsd.TravelMatrices(beyond, m32)
    assert err.value.path == "/travel/durations/1/0"
    assert "the value 2147483648 is too large (the most accepted is 2147483647)" in str(err.value)
    with pytest.raises(fsd.InputError) as err:
        fsd.TravelMatrices(m32, np.array([[0, 1], [5_000_000_000, 0]], dtype=np.uint64))
    assert err.value.path == "/travel/distances/1/0"
    with pytest.raises(fsd.InputError) as err:
        fsd.TravelMatrices(m32, np.array([[0, -4], [1, 0]], dtype=np.int64))
    assert err.value.path == "/travel/distances/0/1"
    assert "must not be negative (got -4)" in str(err.value)
    with pytest.raises(fsd.InputError) as err:
        fsd.TravelMatrices(np.array([[0.0, 0.5], [1.0, 0.0]]), m32)
    assert err.value.path == "/travel/durations/0/1"
    assert "expected a whole number, got 0.5" in str(err.value)
    with pytest.raises(fsd.InputError) as err:
        fsd.TravelMatrices(np.zeros(4, dtype=np.int64), m32)
    assert err.value.path == "/travel/durations"
    with pytest.raises(fsd.InputError) as err:
        fsd.TravelMatrices(m32, [["a", "b"], ["c", "d"]])
    assert err.value.path == "/travel/distances"


def test_a_speed_factor_that_overflows_a_matrix_entry_names_the_engineer():
    durations = np.array([[0, 30_000_000], [30_000_000, 0]], dtype=np.int32)  # 347 days
    engineers = [fsd.Engineer(id="e", start=fsd.Location(index=0), shifts=[fsd.TimeWindow(0, 36000)], speed_factor=0.01)]
    jobs = [fsd.Job(id="a", location=fsd.Location(index=1), duration=60)]
    with pytest.raises(fsd.InputError) as err:
        fsd.Problem(engineers, jobs, travel=fsd.TravelMatrices(durations, durations))
    assert err.value.path == "/engineers/0/speed_factor"
    assert "becomes 3000000000 s, more than a travel matrix holds (at most 2147483647 s)" in str(err.value)


def test_bad_input_is_an_input_error_naming_the_field():
    text = json.loads(small_problem_json())
    text["jobs"][3]["duration"] = -10
    with pytest.raises(fsd.InputError) as err:
        fsd.Problem.from_json(json.dumps(text))
    assert isinstance(err.value, ValueError)
    assert err.value.path == "/jobs/3/duration"
    assert "/jobs/3/duration" in str(err.value)


def test_unknown_keyword_is_refused():
    with pytest.raises(TypeError, match="duraton"):
        fsd.Job(id="x", duraton=5)


def test_problem_json_round_trip():
    p = fsd.Problem.from_json(small_problem_json())
    again = fsd.Problem.from_json(p.to_json())
    assert again.engineers == p.engineers
    assert again.jobs == p.jobs
    iso = p.to_json(iso_offset_seconds=3600)
    assert "+01:00" in iso
    assert fsd.Problem.from_json(iso).engineers == p.engineers


def test_unqualified_job_is_a_warning():
    text = json.loads(small_problem_json())
    text["jobs"][0]["skills"] = [{"skill": "plumbing", "min_level": 1}]
    p = fsd.Problem.from_json(json.dumps(text))
    assert [w.path for w in p.warnings] == ["/jobs/0/skills"]


def test_preference_fields_and_weights():
    job = fsd.Job(id="T-9", location=fsd.Location(lat=48.1, lon=11.5), preferred_engineer="eng-1",
                  preference_cost=300)
    assert job.preferred_engineer == "eng-1"
    assert job.preference_cost == 300
    assert fsd.Job().preferred_engineer is None
    w = fsd.ObjectiveWeights(preference=4)
    assert w.preference == 4
    assert fsd.ObjectiveWeights().preference == 1
    parts = fsd.ObjectiveParts()
    parts.travel = 5
    parts.preference = 7
    assert parts.total == 12
    assert "preference=7" in repr(parts)


def test_unknown_preferred_engineer_names_the_field():
    doc = json.loads(small_problem_json())
    doc["jobs"][1]["preferred_engineer"] = "ghost"
    with pytest.raises(fsd.InputError, match="/jobs/1/preferred_engineer"):
        fsd.Problem.from_json(json.dumps(doc))
    doc["jobs"][1]["preferred_engineer"] = "eng-2"
    doc["jobs"][1]["preference_cost"] = 40
    p = fsd.Problem.from_json(json.dumps(doc))
    assert p.jobs[1].preferred_engineer == "eng-2"
    assert fsd.Problem.from_json(p.to_json()).jobs[1].preference_cost == 40
