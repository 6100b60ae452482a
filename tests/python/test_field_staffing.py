"""Field staffing from Python and the CLI: fsd.staff_field, fsd.plot_staffing_curve, `fsd staffing field`."""
import csv
import json
import subprocess

import pytest

import fsdispatch as fsd


def tiny_scenario():
    # One skill, three engineers, 20 tickets a day in an 8 km disc: small enough for a search of
    # about a dozen headcounts x 3 runs x 3 days in well under a second.
    return fsd.generate_scenario(name="tiny", engineers=3, skills=1, tickets_per_day=20, radius_km=8, seed=3)


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=300)


def test_options_class_is_exported():
    o = fsd.FieldStaffingOptions(target=0.8, days=3)
    assert (o.target, o.days, o.kpi, o.replications) == (0.8, 3, "sla_response_rate", 10)
    assert "target=0.8" in repr(o)


def test_staff_field_end_to_end():
    import matplotlib

    matplotlib.use("Agg")
    result = fsd.staff_field(tiny_scenario(), target=0.7, days=3, replications=3, seed=2)
    groups = result.groups
    assert list(groups.columns) == ["skill", "today", "found"]
    assert groups["today"].tolist() == [3]
    found = int(groups["found"].iloc[0])
    assert result.feasible and result.found.meets
    assert result.found.headcount == [found]

    points = result.points
    assert {"n_boiler", "engineers", "attainment_mean", "attainment_low", "attainment_high", "engineer_cost",
            "breach_cost", "total_cost", "meets"} <= set(points.columns)
    simulated = points[points["covered"]]
    assert len(simulated) == result.evaluations
    # Costs add up, the bounds surround the mean, "meets" is the lower bound against the target.
    assert ((simulated["engineer_cost"] + simulated["breach_cost"] - simulated["total_cost"]).abs() < 1e-6).all()
    assert (simulated["attainment_low"] <= simulated["attainment_mean"]).all()
    assert (simulated["meets"] == (simulated["attainment_low"] >= 0.7)).all()
    # The search's test (guard 1): the mean two half-widths above the target.
    half = simulated["attainment_mean"] - simulated["attainment_low"]
    assert (simulated["accepted"] == (simulated["attainment_mean"] - 2 * half >= 0.7)).all()
    # The answer is the smallest count the search accepted, one fewer was refused.
    accepted = simulated[simulated["accepted"]]["n_boiler"]
    assert accepted.min() == found
    below = simulated[simulated["n_boiler"] == found - 1]
    assert below.empty or not below["accepted"].iloc[0]
    assert result.cheapest.total_cost == pytest.approx(simulated["total_cost"].min())

    v = result.verification
    assert v["check"].iloc[0] == "found"
    assert v["headcount"].iloc[0] == [found]
    assert bool(v["meets"].iloc[0]) == (v["attainment_low"].iloc[0] >= 0.7)
    if found > 0:
        assert "minus_one" in set(v["check"])

    ax = fsd.plot_staffing_curve(result)
    assert any(abs(line.get_ydata()[0] - 0.7) < 1e-12 for line in ax.get_lines())
    assert ax.get_xlabel().startswith("engineer cost")


def test_same_seed_same_result_and_same_tickets():
    scenario = tiny_scenario()
    a = fsd.staff_field(scenario, target=0.7, days=2, replications=2, seed=5)
    b = fsd.staff_field(scenario, target=0.7, days=2, replications=2, seed=5)
    assert a.points.equals(b.points)
    groups = fsd.group_engineers(scenario)
    few = fsd.with_headcount(scenario, groups, [1], 5)
    many = fsd.with_headcount(scenario, groups, [6], 5)
    assert many.engineer_ids[3:] == ["E001+2", "E002+2", "E003+2"]
    t_few = [(t.id, t.created, t.priority) for t in fsd.draw_ticket_stream(few, 2, 9).tickets]
    t_many = [(t.id, t.created, t.priority) for t in fsd.draw_ticket_stream(many, 2, 9).tickets]
    assert t_few and t_few == t_many


@pytest.mark.parametrize("kwargs, field", [
    ({"target": 1.5}, "/target"),
    ({"kpi": "travel_km"}, "/kpi"),
    ({"policy": "psychic"}, "/policy"),
    ({"replications": 1}, "/replications"),
    ({"cost_per_hour": -1}, "/cost_per_engineer_hour"),
    ({"guard": -1}, "/guard"),
])
def test_bad_options_name_the_field(kwargs, field):
    with pytest.raises(fsd.InputError, match=field):
        fsd.staff_field(tiny_scenario(), days=1, **kwargs)


def test_cli_staffing_field_writes_csv_json_svg(cli, tmp_path):
    scenario = tmp_path / "tiny.json"
    scenario.write_text(tiny_scenario().to_json())
    out_csv, out_json, out_svg = tmp_path / "points.csv", tmp_path / "result.json", tmp_path / "curve.svg"
    r = run(cli, "staffing", "field", str(scenario), "--target", "0.7", "--days", "3", "--replications", "3", "--seed", "2",
            "--csv", str(out_csv), "--json", str(out_json), "--plot", str(out_svg))
    assert r.returncode == 0, r.stderr
    assert "verification with new seeds" in r.stdout
    doc = json.loads(out_json.read_text())
    assert doc["groups"][0]["skill"] == "boiler" and doc["groups"][0]["today"] == 3
    assert doc["found"]["headcount"] == [doc["groups"][0]["found"]]
    # The CLI and Python run the same search.
    py = fsd.staff_field(tiny_scenario(), target=0.7, days=3, replications=3, seed=2)
    assert doc["found"]["headcount"] == py.found.headcount
    assert doc["found"]["attainment_mean"] == pytest.approx(py.found.attainment_mean)
    with out_csv.open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(doc["points"]) and "n_boiler" in rows[0]
    assert out_svg.read_text().startswith("<svg")


def test_cli_bad_input_exits_2(cli, tmp_path):
    r = run(cli, "staffing", "field", "--preset", "urban", "--kpi", "travel_km")
    assert r.returncode == 2 and "--kpi" in r.stderr
    r = run(cli, "staffing", "field", "--preset", "urban", "--plot", str(tmp_path / "curve.pdf"))
    assert r.returncode == 2 and "--plot" in r.stderr
    r = run(cli, "staffing", "field")
    assert r.returncode == 2


def test_cli_bench_field_staffing_csv(cli, tmp_path):
    out = tmp_path / "bench.csv"
    r = run(cli, "bench", "field-staffing", "--presets", "rural", "--days", "3", "--replications", "3", "--csv", str(out))
    assert r.returncode == 0, r.stderr
    assert "new seeds" in r.stdout
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1 and rows[0]["preset"] == "rural"
    assert rows[0]["groups"] == "boiler/electrical/plumbing" and rows[0]["today"] == "5/5/5"
    assert float(rows[0]["verify_low"]) <= float(rows[0]["verify_mean"]) <= float(rows[0]["verify_high"])
    assert rows[0]["verify_meets"] == str(int(float(rows[0]["verify_low"]) >= 0.85))
    assert len(rows[0]["minus_one"].split("/")) == 3
    r = run(cli, "bench", "field-staffing", "--presets", "urban,atlantis")
    assert r.returncode == 2 and "--presets" in r.stderr
