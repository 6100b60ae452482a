import json
import math
import os
import subprocess

import pytest

import fsdispatch as fsd


def test_published_erlang_c_example():
    # 100 calls per 30 min, AHT 180 s, 80 % in 20 s, occupancy <= 85 %, shrinkage 30 %: published
    # answer 14 agents, 20 scheduled, SL 0.88835, wait probability 0.1741319, ASA 7.8359 s, occupancy
    # 0.7142857 (callcentrehelper.com "Erlang C Formula - Made Simple"; CRAN ErlangC 0.1.0 README;
    # pyworkforce 0.1.0 README on pypi.org).
    r = fsd.erlang_c(100, 1800, 180, answer_within=20, service_level=0.8, max_occupancy=0.85, shrinkage=0.3)
    assert r["agents"] == 14 and r["scheduled"] == 20
    assert r["service_level"] == pytest.approx(0.88835, abs=5e-6)
    assert r["wait_probability"] == pytest.approx(0.1741319, abs=5e-8)
    assert r["average_speed_of_answer"] == pytest.approx(7.83593701177724, rel=1e-12)
    assert r["occupancy"] == pytest.approx(0.7142857, abs=5e-8)
    assert fsd.erlang_c(100, 1800, 180, agents=11)["wait_probability"] == pytest.approx(0.6821182, abs=5e-8)


def test_hand_computed_small_cases():
    # M/M/1 at rho = 0.5: waiting probability 0.5, ASA = rho aht / (1 - rho) = aht.
    one = fsd.erlang_c(12, 3600, 150, agents=1)
    assert one["wait_probability"] == pytest.approx(0.5)
    assert one["average_speed_of_answer"] == pytest.approx(150)
    # Two agents at one Erlang: B = 0.2, C = 1/3 (by hand), ASA = C aht / (n - a) = 20 s for aht 60.
    two = fsd.erlang_c(30, 1800, 60, agents=2, answer_within=30)
    assert two["wait_probability"] == pytest.approx(1 / 3)
    assert two["service_level"] == pytest.approx(1 - math.exp(-0.5) / 3)
    assert fsd.erlang_b(2, 1.0) == pytest.approx(0.2)
    # At or below the load: the queue never clears.
    over = fsd.erlang_c(100, 1800, 180, agents=10)
    assert over["wait_probability"] == 1 and math.isinf(over["average_speed_of_answer"])


def test_erlang_a_limits_and_abandonment():
    c = fsd.erlang_c(100, 1800, 180, agents=12)
    long_patience = fsd.erlang_a(100, 1800, 180, patience=1.8e9, agents=12)
    assert long_patience["service_level"] == pytest.approx(c["service_level"], rel=1e-5)
    assert long_patience["wait_probability"] == pytest.approx(c["wait_probability"], rel=1e-5)
    no_patience = fsd.erlang_a(100, 1800, 180, patience=1e-9, agents=12)
    assert no_patience["abandonment"] == pytest.approx(fsd.erlang_b(12, 10.0), rel=1e-6)
    staffed = fsd.erlang_a(100, 1800, 180, patience=120)
    assert staffed["agents"] <= fsd.erlang_c(100, 1800, 180)["agents"]
    assert staffed["service_level"] >= 0.8 and 0 < staffed["abandonment"] < 0.1
    assert staffed["answered_service_level"] >= staffed["service_level"]


def test_staff_desk_on_a_forecast_frame():
    pd = pytest.importorskip("pandas")
    starts = pd.date_range("2026-12-07T08:00:00Z", periods=6, freq="30min")
    df = pd.DataFrame({"series": "all", "interval_start": starts, "mean": [20.0, 60.0, 100.0, 140.0, 90.0, 0.0],
                       "lower": 0.0, "upper": 0.0})
    out = fsd.staff_desk(df, calls="mean", aht=180, shrinkage=0.3, max_occupancy=0.85)
    assert list(out.columns[:5]) == ["series", "interval_start", "mean", "lower", "upper"]
    assert out.loc[2, "agents"] == 14 and out.loc[2, "scheduled"] == 20  # the published example again
    assert out.loc[5, "agents"] == 0 and out.loc[5, "service_level"] == 1
    assert (out["service_level"] >= 0.8).all()
    assert list(out["agents"])[:4] == sorted(list(out["agents"])[:4])
    # the interval is read from the 30-minute steps; the "mean" column is found without calls=
    assert fsd.staff_desk(df, aht=180)["agents"].tolist() == fsd.staff_desk(df, aht=180, interval=1800)["agents"].tolist()
    a = fsd.staff_desk(df, aht=180, patience=90)
    assert (a["agents"] <= fsd.staff_desk(df, aht=180)["agents"]).all()
    assert (a["abandonment"][:5] > 0).all()


def test_staff_desk_with_aht_column_and_seconds():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"interval_start": [0, 900, 1800], "calls": [10, 20, 30], "aht": [240, 300, 360]})
    out = fsd.staff_desk(df, service_level=0.9, answer_within=30)
    expected = [fsd.erlang_c(c, 900, h, service_level=0.9, answer_within=30)["agents"] for c, h in zip([10, 20, 30], [240, 300, 360])]
    assert out["agents"].tolist() == expected


def test_errors_name_the_field():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"interval_start": [0, 1800, 3600, 5400], "calls": [10.0, 10.0, 10.0, -2.0]})
    with pytest.raises(fsd.InputError, match="/intervals/3/calls"):
        fsd.staff_desk(df, aht=180)
    df.loc[3, "calls"] = float("nan")
    with pytest.raises(ValueError, match="/intervals/3/calls"):
        fsd.staff_desk(df, aht=180)
    with pytest.raises(fsd.InputError, match="/target/shrinkage") as err:
        fsd.erlang_c(10, 1800, 180, shrinkage=1.0)
    assert err.value.path == "/target/shrinkage"
    with pytest.raises(fsd.InputError, match="/calls"):
        fsd.erlang_c(float("inf"), 1800, 180)
    with pytest.raises(fsd.InputError, match="/calls.*Erlangs"):
        fsd.erlang_c(1e9, 1800, 180)
    with pytest.raises(fsd.InputError, match="/aht"):
        fsd.staff_desk(df[["interval_start", "calls"]])
    with pytest.raises(fsd.InputError, match="/interval"):
        fsd.erlang_c(10, 1800.5, 180)
    with pytest.raises(fsd.InputError, match="/patience"):
        fsd.erlang_a(10, 1800, 180, patience=-1, agents=3)


def test_desk_target_value_type():
    import pickle

    t = fsd._fsd.DeskTarget(service_level=0.9, answer_within=15, patience=60.0)
    assert t.service_level == 0.9 and t.patience == 60.0 and t.max_average_speed_of_answer is None
    assert pickle.loads(pickle.dumps(t)) == t
    assert "patience=60" in repr(t)
    with pytest.raises(fsd.InputError, match="/target/service_level"):
        fsd._fsd.DeskTarget(service_level=1.0)


def test_cli_one_interval_json(cli, tmp_path):
    out = tmp_path / "desk.json"
    subprocess.run([cli, "staffing", "desk", "--calls", "100", "--interval", "1800", "--aht", "180",
                    "--answer-within", "20", "--service-level", "0.8", "--max-occupancy", "0.85",
                    "--shrinkage", "0.3", "--json", str(out)], check=True, capture_output=True)
    j = json.loads(out.read_text())
    assert j["agents"] == 14 and j["scheduled"] == 20 and j["model"] == "erlang_c"
    assert j["service_level"] == pytest.approx(0.88835, abs=5e-6)
    assert j["average_speed_of_answer"] == pytest.approx(7.8359370, abs=1e-6)
    over = tmp_path / "over.json"
    subprocess.run([cli, "staffing", "desk", "--calls", "100", "--interval", "1800", "--aht", "180", "--agents", "10",
                    "--json", str(over)], check=True, capture_output=True)
    assert json.loads(over.read_text())["average_speed_of_answer"] is None  # infinite ASA
    a = tmp_path / "a.json"
    subprocess.run([cli, "staffing", "desk", "--calls", "100", "--interval", "1800", "--aht", "180",
                    "--patience", "120", "--json", str(a)], check=True, capture_output=True)
    ja = json.loads(a.read_text())
    assert ja["model"] == "erlang_a" and ja["agents"] <= 14 and ja["abandonment"] > 0


def test_cli_intervals_csv(cli, tmp_path):
    src = tmp_path / "demand.csv"
    src.write_text("interval_start,calls\n2026-12-07T08:00:00Z,20\n2026-12-07T08:30:00Z,100\n2026-12-07T09:00:00Z,0\n")
    out = tmp_path / "plan.csv"
    r = subprocess.run([cli, "staffing", "desk", "--intervals", str(src), "--aht", "180", "--csv", str(out)],
                       check=True, capture_output=True, text=True)
    assert "2026-12-07T08:30:00Z" in r.stdout
    lines = out.read_text().splitlines()
    header = lines[0].split(",")
    row = dict(zip(header, lines[2].split(",")))
    assert row["agents"] == "14" and row["interval"] == "1800"
    assert dict(zip(header, lines[3].split(",")))["agents"] == "0"


def test_cli_bad_input_exits_2(cli, tmp_path):
    r = subprocess.run([cli, "staffing", "desk", "--calls", "100", "--interval", "1800", "--aht", "180",
                        "--shrinkage", "1.5"], capture_output=True, text=True)
    assert r.returncode == 2 and "--shrinkage" in r.stderr
    src = tmp_path / "bad.csv"
    src.write_text("interval_start,calls\n0,10\n1800,ten\n")
    r = subprocess.run([cli, "staffing", "desk", "--intervals", str(src), "--aht", "180"], capture_output=True,
                       text=True)
    assert r.returncode == 2 and "/rows/1/calls" in r.stderr
    r = subprocess.run([cli, "staffing", "desk", "--calls", "100", "--interval", "1800"], capture_output=True,
                       text=True)
    assert r.returncode == 2 and "--aht" in r.stderr
