import csv
import json
import math
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HEADER = "instance,vehicles,distance,bks_vehicles,bks_distance,gap_pct,seconds,verified"
PICKED = ["C101", "RC101"]


def bench_data():
    env = os.environ.get("FSD_BENCH_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "benchmarks"


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def tiny(tmp_path):
    """Two Solomon instances and the distance-only BKS rows that match them."""
    src = bench_data() / "solomon"
    if not src.is_dir():
        pytest.fail(f"benchmark data not found at {src}: set FSD_BENCH_DATA")
    d = tmp_path / "solomon"
    d.mkdir()
    for name in PICKED:
        shutil.copy(src / f"{name}.txt", d / f"{name}.txt")
    lines = (src / "bks_distance_only.csv").read_text().splitlines()
    keep = [lines[0]] + [l for l in lines[1:] if l.split(",")[0] in PICKED]
    (d / "bks_distance_only.csv").write_text("\n".join(keep) + "\n")
    return d


def read_rows(path):
    text = path.read_text()
    assert text.splitlines()[0] == HEADER or text.splitlines()[0].startswith(HEADER + ",")
    return list(csv.DictReader(text.splitlines()))


def test_solomon_csv_rows_verified(cli, tiny, tmp_path):
    out = tmp_path / "rows.csv"
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1", "--csv", str(out), "--seed", "3")
    assert r.returncode == 0, r.stdout + r.stderr
    assert out.read_text().splitlines()[0] == HEADER
    rows = read_rows(out)
    assert [row["instance"] for row in rows] == PICKED
    bks = {l.split(",")[0]: float(l.split(",")[2]) for l in (tiny / "bks_distance_only.csv").read_text().splitlines()[1:]
           if "double precision" in l}
    for row in rows:
        assert row["verified"] == "1"
        gap = float(row["gap_pct"])
        assert math.isfinite(gap)
        assert float(row["bks_distance"]) == pytest.approx(bks[row["instance"]])
        assert gap == pytest.approx(100 * (float(row["distance"]) - bks[row["instance"]]) / bks[row["instance"]], abs=1e-3)
        assert 0 < int(row["vehicles"]) <= 25
    # Class table and overall line.
    assert any(line.startswith("C1 ") for line in r.stdout.splitlines())
    assert any(line.startswith("RC1 ") for line in r.stdout.splitlines())
    assert "2/2" in [line for line in r.stdout.splitlines() if line.startswith("all ")][0]


def test_instances_prefix_does_not_pick_other_classes(cli, tiny, tmp_path):
    out = tmp_path / "rows.csv"
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1", "--csv", str(out), "--instances", "C1")
    assert r.returncode == 0, r.stderr
    assert [row["instance"] for row in read_rows(out)] == ["C101"]


def test_reference_columns(cli, tiny):
    reference = bench_data() / "solomon" / "vroom_reference.csv"
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1", "--instances", "RC101",
            "--reference", str(reference))
    assert r.returncode == 0, r.stderr
    assert "ref -x 5" in r.stdout and "ref -x 0" in r.stdout
    line = [l for l in r.stdout.splitlines() if l.startswith("RC101")][0]
    assert len(line.split()) == 9  # our 7 fields, then the two recorded VROOM distances


def test_match_reference_takes_vroom_time_per_instance(cli, tiny, tmp_path):
    # A reference whose recorded times differ per instance: each run's time
    # limit is that instance's time, and the table counts wins/ties/losses.
    ref = tmp_path / "ref.csv"
    ref.write_text("instance,setting,threads,distance,vehicles,unassigned,wall_s\n"
                   "C101,-x 0,1,9999.0,10,0,0.05\n"
                   "RC101,-x 0,1,1.0,10,0,0.3\n"
                   "C101,-x 5,1,9999.0,10,0,0.2\n")
    out = tmp_path / "rows.csv"
    r = run(cli, "bench", "solomon", str(tiny), "--reference", str(ref), "--match-reference", "-x 0",
            "--algorithm", "ils", "--csv", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    rows = {row["instance"]: row for row in read_rows(out)}
    # The solve stops at its limit (plus the closing descent's moments).
    assert float(rows["C101"]["seconds"]) < float(rows["RC101"]["seconds"])
    assert float(rows["RC101"]["seconds"]) >= 0.25
    all_line = [l for l in r.stdout.splitlines() if l.startswith("all ")][0]
    assert "1/0/1" in all_line.split()  # beats 9999 on C101, loses to 1.0 on RC101 (-x 0)
    # An instance without a recorded time is skipped, said on stderr.
    r = run(cli, "bench", "solomon", str(tiny), "--reference", str(ref), "--match-reference", "-x 5")
    assert r.returncode == 0, r.stderr
    assert "RC101: no recorded -x 5 time: skipped" in r.stderr
    # Without --reference, or with an unknown setting: a clear error.
    r = run(cli, "bench", "solomon", str(tiny), "--match-reference", "-x 0")
    assert r.returncode == 2 and "--reference" in r.stderr
    r = run(cli, "bench", "solomon", str(tiny), "--reference", str(ref), "--match-reference", "-x 9")
    assert r.returncode == 2 and "-x 9" in r.stderr


def test_bench_algorithm_option(cli, tiny):
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1", "--instances", "C101", "--algorithm", "hgs")
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1", "--instances", "C101", "--algorithm", "hgs",
            "--no-decompose")
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1", "--algorithm", "genetic")
    assert r.returncode == 2 and "genetic" in r.stderr


def test_vroom_mode_with_a_stand_in_binary(cli, tiny, tmp_path):
    # A stand-in for vroom: checks the input's shape and serves every job on a
    # route of its own, so the recomputed distance is known exactly.
    fake = tmp_path / "vroom"
    fake.write_text(f"""#!{sys.executable}
import json, sys
args = sys.argv[1:]
assert "-x" in args and "-t" in args
doc = json.load(open(args[args.index("-i") + 1]))
n = len(doc["matrices"]["car"]["durations"])
assert n == len(doc["jobs"]) + 1 and doc["vehicles"][0]["capacity"] == [200]
assert all(j["location_index"] == j["id"] and len(j["time_windows"]) == 1 for j in doc["jobs"])
routes = [{{"vehicle": 1, "steps": [{{"type": "start"}}, {{"type": "job", "id": j["id"]}}, {{"type": "end"}}]}}
          for j in doc["jobs"]]
json.dump({{"code": 0, "routes": routes, "unassigned": []}}, open(args[args.index("-o") + 1], "w"))
""")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    out = tmp_path / "rows.csv"
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1", "--instances", "C101", "--csv", str(out),
            "--vroom", str(fake))
    assert r.returncode == 0, r.stdout + r.stderr
    assert out.read_text().splitlines()[0] == HEADER + ",vroom_distance,vroom_seconds"
    [row] = read_rows(out)
    pts = []
    for line in (tiny / "C101.txt").read_text().splitlines():
        f = line.split()
        if len(f) == 7 and f[0].isdigit():
            pts.append((float(f[1]), float(f[2])))
    expected = sum(2 * math.dist(pts[0], p) for p in pts[1:])
    assert float(row["vroom_distance"]) == pytest.approx(expected, abs=1e-3)
    assert row["verified"] == "1"


def test_directory_without_instances_exit_2(cli, tmp_path):
    empty = tmp_path / "nothing_here"
    empty.mkdir()
    r = run(cli, "bench", "solomon", str(empty), "--time-limit", "0.1")
    assert r.returncode == 2
    assert "nothing_here" in r.stderr


def test_missing_bks_file_exit_2(cli, tiny):
    (tiny / "bks_distance_only.csv").unlink()
    r = run(cli, "bench", "solomon", str(tiny), "--time-limit", "0.1")
    assert r.returncode == 2
    assert "bks_distance_only.csv" in r.stderr


def test_homberger_exact_name_and_hierarchical_bks(cli, tmp_path):
    src = bench_data() / "homberger_200"
    d = tmp_path / "gh"
    d.mkdir()
    picked = ["c1_2_1", "c1_2_10"]
    for name in picked:
        shutil.copy(src / f"{name}.txt", d / f"{name}.txt")
    lines = (src / "bks.csv").read_text().splitlines()
    (d / "bks.csv").write_text("\n".join([lines[0]] + [l for l in lines[1:] if l.split(",")[0] in picked]) + "\n")
    out = tmp_path / "rows.csv"
    # "c1_2_1" names an instance, so it must not also pick c1_2_10 by prefix.
    r = run(cli, "bench", "homberger", str(d), "--time-limit", "0.1", "--instances", "c1_2_1", "--csv", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    [row] = read_rows(out)
    assert row["instance"] == "c1_2_1" and row["verified"] == "1"
    assert int(row["bks_vehicles"]) == 20 and float(row["bks_distance"]) == pytest.approx(2704.5678)
    assert any(line.startswith("c1 ") for line in r.stdout.splitlines())
