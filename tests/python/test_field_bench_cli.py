import csv
import re
import subprocess

import pytest

from conftest import vroom_day_json

HEADER = "instance,served,priority,travel_s,seconds,verified,vroom_served,vroom_priority,vroom_travel_s"
REFERENCE = """instance,setting,threads,served,unassigned,priority,travel_s,distance_m,wall_s
day_a,-x 0,1,20,4,900,30000,250000,0.01
day_a,-x 5,1,21,3,910,29000,240000,0.02
day_b,-x 0,1,9,11,200,15000,125000,0.01
day_b,-x 5,1,10,10,250,14000,116000,0.03
"""


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def days(tmp_path):
    """Two small VROOM-format days (the second overloaded) and their recorded VROOM runs."""
    d = tmp_path / "field"
    d.mkdir()
    (d / "day_a.json").write_text(vroom_day_json(vehicles=3, jobs=24, seed=1))
    (d / "day_b.json").write_text(vroom_day_json(vehicles=1, jobs=20, seed=2))
    (d / "vroom_reference.csv").write_text(REFERENCE)
    (d / "README.md").write_text("not a day\n")
    return d


def read_rows(path):
    text = path.read_text()
    assert text.splitlines()[0] == HEADER
    return list(csv.DictReader(text.splitlines()))


def test_field_csv_rows_verified_beside_vroom(cli, days, tmp_path):
    out = tmp_path / "rows.csv"
    r = run(cli, "bench", "field", str(days), "--time-limit", "0.2", "--csv", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    rows = read_rows(out)
    assert [row["instance"] for row in rows] == ["day_a", "day_b"]
    for row in rows:
        assert row["verified"] == "1"
        assert 0 < int(row["served"]) <= 24 and int(row["priority"]) >= 0 and int(row["travel_s"]) > 0
        assert float(row["seconds"]) > 0
    # The compared run is "-x 5" by default.
    assert (rows[0]["vroom_served"], rows[0]["vroom_priority"], rows[0]["vroom_travel_s"]) == ("21", "910", "29000")
    assert (rows[1]["vroom_served"], rows[1]["vroom_priority"], rows[1]["vroom_travel_s"]) == ("10", "250", "14000")
    # One engineer cannot serve 20 tickets of up to an hour in a day.
    assert int(rows[1]["served"]) < 20
    # Each day's line ends with its verdict and the travel difference.
    for row in rows:
        line = next(l for l in r.stdout.splitlines() if l.startswith(row["instance"]))
        verdict, travel = line.split()[-2:]
        assert verdict in ("win", "tie", "loss")
        theirs = int(row["vroom_travel_s"])
        assert float(travel.rstrip("%")) == pytest.approx(100 * (int(row["travel_s"]) - theirs) / theirs, abs=0.01)
    assert re.search(r"against VROOM -x 5 \(recorded\): \d win, \d tie, \d loss; 2/2 verified", r.stdout)


def test_field_match_reference_takes_vroom_time_and_compares_with_it(cli, days, tmp_path):
    out = tmp_path / "rows.csv"
    r = run(cli, "bench", "field", str(days), "--time-limit", "5", "--match-reference", "-x 0", "--csv", str(out),
            "--instances", "day_b")
    assert r.returncode == 0, r.stdout + r.stderr
    [row] = read_rows(out)
    assert row["instance"] == "day_b" and row["verified"] == "1"
    assert row["vroom_priority"] == "200"  # the -x 0 row
    assert float(row["seconds"]) < 2.5     # 0.1 s (VROOM's 0.01 s, raised to the floor), not 5 s
    r = run(cli, "bench", "field", str(days), "--time-limit", "0.1", "--reference-setting", "-x 0", "--csv", str(out))
    assert r.returncode == 0, r.stderr
    assert [row["vroom_travel_s"] for row in read_rows(out)] == ["30000", "15000"]


def test_field_bad_input_exit_2(cli, days, tmp_path):
    r = run(cli, "bench", "field", str(days), "--reference-setting", "-x 9")
    assert r.returncode == 2 and "--reference-setting" in r.stderr and "-x 9" in r.stderr
    r = run(cli, "bench", "field", str(days), "--reference-setting", "-x 5", "--match-reference", "-x 0")
    assert r.returncode == 2 and "--match-reference" in r.stderr
    (days / "vroom_reference.csv").write_text(REFERENCE.replace("travel_s,", ""))
    r = run(cli, "bench", "field", str(days), "--time-limit", "0.1")
    assert r.returncode == 2 and "vroom_reference.csv:1" in r.stderr and "travel_s" in r.stderr
    (days / "vroom_reference.csv").unlink()
    r = run(cli, "bench", "field", str(days), "--time-limit", "0.1")
    assert r.returncode == 2 and "vroom_reference.csv" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run(cli, "bench", "field", str(empty))
    assert r.returncode == 2 and "empty" in r.stderr
