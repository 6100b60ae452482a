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


def _scenario_doc(cli, tmp_path, **changes):
    """The urban preset as a dict, changed by {section: {field: value}}."""
    scenario = tmp_path / "scenario.json"
    assert run(cli, "generate-scenario", "--preset", "urban", "--engineers", "6", "--tickets-per-day", "25",
               "-o", str(scenario)).returncode == 0
    doc = json.loads(scenario.read_text())
    for section, fields in changes.items():
        doc[section] = {**doc[section], **fields}
    return doc


def _refused(cli, tmp_path, doc, *args):
    scenario = tmp_path / "hostile.json"
    scenario.write_text(json.dumps(doc))
    r = run(cli, "simulate", str(scenario), *(args or ("--days", "1")))
    assert r.returncode == 2, (r.returncode, r.stderr)
    return r.stderr


def _points_into(doc, pointer):
    """Whether the JSON pointer names a value of the document."""
    node = doc
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            if not part.isdigit() or int(part) >= len(node):
                return False
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return False
    return True


def test_simulate_refuses_an_unbounded_arrival_rate_by_field(cli, tmp_path):
    # 1e308 tickets a day drew tickets until the machine ran out; now refused at once.
    doc = _scenario_doc(cli, tmp_path, arrivals={"tickets_per_day": 1e308})
    err = _refused(cli, tmp_path, doc)
    assert "/arrivals/tickets_per_day" in err and "100000" in err
    # Each quantity within its limit, the run too large: the option that sizes it is named.
    doc = _scenario_doc(cli, tmp_path, arrivals={"tickets_per_day": 100000})
    err = _refused(cli, tmp_path, doc, "--days", "30")
    assert err.startswith("error: --days:") and "2000000" in err


def test_replayed_ticket_with_a_priority_beyond_the_sla_policy_is_refused(cli, tmp_path):
    doc = _scenario_doc(cli, tmp_path)
    kind = doc["ticket_types"][0]["name"]
    doc["arrivals"] = {"replay": [{"created": 3600, "type": kind, "lat": 52.37, "lon": 4.9, "priority": 2},
                                  {"created": 7200, "type": kind, "lat": 52.37, "lon": 4.9, "priority": 9}]}
    err = _refused(cli, tmp_path, doc)
    assert "/arrivals/replay/1/priority" in err and "lowest priority 5" in err


def test_scenario_error_paths_point_at_fields_of_the_document(cli, tmp_path):
    doc = _scenario_doc(cli, tmp_path)
    kind = doc["ticket_types"][0]["name"]
    doc["arrivals"] = {"replay": [{"created": 3600, "type": kind, "lat": 100, "lon": 4.9}]}
    cases = [doc]
    doc = _scenario_doc(cli, tmp_path)
    doc["region"]["sites"] = [{"lat": 52.3, "lon": 4.8, "weight": 1}, {"lat": 52.4, "lon": 4.9, "weight": -1}]
    cases.append(doc)
    doc = _scenario_doc(cli, tmp_path)
    doc["engineers"][2]["home"]["lon"] = 200
    cases.append(doc)
    expected = ["/arrivals/replay/0/lat", "/region/sites/1/weight", "/engineers/2/home/lon"]
    for doc, path in zip(cases, expected):
        err = _refused(cli, tmp_path, doc)
        assert err.startswith("error: " + path + ":"), err
        assert _points_into(doc, path)


def test_sim_options_out_of_range_are_refused_by_name(cli, tmp_path):
    # CLI11 wrapped --seed -1 to 2^64 - 1 and clamped larger numbers to it, without a word.
    for args, option in [(["simulate", "preset:urban", "--seed", "-1"], "--seed"),
                         (["simulate", "preset:urban", "--seed", "18446744073709551616"], "--seed"),
                         (["simulate", "preset:urban", "--days", "3661"], "--days"),
                         (["simulate", "preset:urban", "--days", "0"], "--days"),
                         (["simulate", "preset:urban", "--policy", "fastest"], "--policy"),
                         (["compare", "preset:urban", "--seed", "-5"], "--seed"),
                         (["compare", "preset:urban", "--replications", "10001"], "--replications"),
                         (["compare", "preset:urban", "--policies", "nearest,fastest"], "--policies"),
                         (["compare", "preset:urban", "--policies", ",".join(["nearest"] * 101)], "--policies"),
                         (["generate-scenario", "--seed", "-1", "-o", str(tmp_path / "g.json")], "--seed"),
                         (["generate-scenario", "--engineers", "10001", "-o", str(tmp_path / "g.json")], "--engineers"),
                         (["generate-scenario", "--tickets-per-day", "1e308", "-o", str(tmp_path / "g.json")],
                          "--tickets-per-day")]:
        r = run(cli, *args)
        assert r.returncode == 2, (args, r.returncode, r.stderr)
        assert option + ":" in r.stderr, (args, r.stderr)
    assert not (tmp_path / "g.json").exists()
    # The largest seed is a seed like any other.
    r = run(cli, "simulate", "preset:urban", "--days", "1", "--seed", "18446744073709551615")
    assert r.returncode == 0, r.stderr
    assert "seed 18446744073709551615" in r.stdout
