"""The simulation commands of the fsd CLI: generate-scenario, simulate, compare, bench sim."""
import csv
import json
import subprocess


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=300)


def test_generate_simulate_json_keys(cli, tmp_path):
    scenario = tmp_path / "scenario.json"
    r = run(cli, "generate-scenario", "--preset", "urban", "--engineers", "8", "--tickets-per-day", "30", "-o", str(scenario))
    assert r.returncode == 0, r.stderr
    assert len(json.loads(scenario.read_text())["engineers"]) == 8
    out = tmp_path / "kpis.json"
    events = tmp_path / "events.csv"
    r = run(cli, "simulate", str(scenario), "--policy", "batch", "--days", "3", "--seed", "4", "--json", str(out),
            "--events", str(events))
    assert r.returncode == 0, r.stderr
    kpis = json.loads(out.read_text())
    for key in ("first_response_mean_s", "resolution_mean_s", "sla_response_rate", "sla_resolution_rate",
                "first_time_fix_rate", "utilisation", "travel_km", "tickets"):
        assert key in kpis
    assert kpis["tickets"] > 0
    with events.open() as f:
        rows = list(csv.DictReader(f))
    assert sum(row["kind"] == "created" for row in rows) == kpis["tickets"]
    # Same seed, same KPIs.
    again = tmp_path / "again.json"
    assert run(cli, "simulate", str(scenario), "--policy", "batch", "--days", "3", "--seed", "4", "--json",
               str(again)).returncode == 0
    first, second = json.loads(out.read_text()), json.loads(again.read_text())
    first.pop("seconds"), second.pop("seconds")
    assert first == second


def test_compare_csv_has_every_policy(cli, tmp_path):
    out = tmp_path / "cmp.csv"
    r = run(cli, "compare", "preset:rural", "--policies", "nearest,insertion", "--replications", "2", "--days", "2",
            "--csv", str(out))
    assert r.returncode == 0, r.stderr
    with out.open() as f:
        rows = list(csv.DictReader(f))
    assert {row["policy"] for row in rows} == {"nearest", "insertion"}
    base = [row for row in rows if row["policy"] == "nearest" and row["kpi"] == "travel_km"][0]
    assert float(base["diff_mean"]) == 0.0
    assert "paired difference" in r.stdout


def test_bad_scenario_and_policy_name_the_field(cli, tmp_path):
    scenario = tmp_path / "scenario.json"
    assert run(cli, "generate-scenario", "--preset", "urban", "-o", str(scenario)).returncode == 0
    doc = json.loads(scenario.read_text())
    doc["arrivals"]["tickets_per_day"] = -5
    scenario.write_text(json.dumps(doc))
    r = run(cli, "simulate", str(scenario))
    assert r.returncode == 2
    assert "/arrivals/tickets_per_day" in r.stderr
    r = run(cli, "simulate", "preset:urban", "--policy", "fastest")
    assert r.returncode == 2
    assert "unknown policy" in r.stderr


def test_bench_sim_rows(cli, tmp_path):
    out = tmp_path / "bench.csv"
    r = run(cli, "bench", "sim", "--replications", "2", "--days", "1", "--csv", str(out))
    assert r.returncode == 0, r.stderr
    with out.open() as f:
        metrics = {row["metric"]: float(row["value"]) for row in csv.DictReader(f)}
    assert metrics["sim_30d_100eng_seconds"] > 0
    assert metrics["events_per_second"] > 0
    assert metrics["sim_30d_100eng_tickets"] > 45000


def grid_network(centre, half_km=20.0, n=6):
    """A strongly connected n x n grid of two-way roads around `centre` (30 km/h)."""
    step_lat = 2 * half_km / (n - 1) / 111.2
    step_lon = step_lat / 0.61  # cos(52.4 degrees)
    nodes, edges = [], []
    for i in range(n):
        for k in range(n):
            nodes.append({"id": f"n{i}_{k}", "lat": centre["lat"] - half_km / 111.2 + i * step_lat,
                          "lon": centre["lon"] - half_km / 111.2 / 0.61 + k * step_lon})
    metres = int(2 * half_km * 1000 / (n - 1))
    for i in range(n):
        for k in range(n):
            for di, dk in ((0, 1), (1, 0)):
                if i + di < n and k + dk < n:
                    a, b = f"n{i}_{k}", f"n{i + di}_{k + dk}"
                    for u, v in ((a, b), (b, a)):
                        edges.append({"from": u, "to": v, "length_m": metres, "duration_s": metres * 3600 // 30000})
    return {"nodes": nodes, "edges": edges}


def test_simulate_on_a_road_network(cli, tmp_path):
    scenario = tmp_path / "scenario.json"
    assert run(cli, "generate-scenario", "--preset", "urban", "--engineers", "6", "--tickets-per-day", "25",
               "-o", str(scenario)).returncode == 0
    doc = json.loads(scenario.read_text())
    plain = tmp_path / "plain.json"
    assert run(cli, "simulate", str(scenario), "--days", "2", "--json", str(plain)).returncode == 0
    doc["travel"]["road_network"] = grid_network(doc["region"]["centre"])
    scenario.write_text(json.dumps(doc))
    road = tmp_path / "road.json"
    r = run(cli, "simulate", str(scenario), "--days", "2", "--json", str(road))
    assert r.returncode == 0, r.stderr
    a, b = json.loads(plain.read_text()), json.loads(road.read_text())
    assert a["tickets"] == b["tickets"]  # the same tickets, other roads
    assert b["travel_km"] > 0 and b["travel_km"] != a["travel_km"]
    # A one-way edge breaks strong connectivity: refused, naming the network.
    doc["travel"]["road_network"]["edges"] = doc["travel"]["road_network"]["edges"][1:]
    doc["travel"]["road_network"]["edges"] = [e for e in doc["travel"]["road_network"]["edges"] if e["to"] != "n0_0"]
    scenario.write_text(json.dumps(doc))
    r = run(cli, "simulate", str(scenario), "--days", "1")
    assert r.returncode == 2
    assert "/travel/road_network" in r.stderr
