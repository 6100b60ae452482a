import csv
import subprocess

HEADER = "jobs,engineers,limit_s,build_s,solve_s,wall_s,peak_rss_mb,served,verified"


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


def test_scale_one_run_verified(cli, tmp_path):
    out = tmp_path / "scale.csv"
    r = run(cli, "bench", "scale", "--sizes", "200x20", "--limits", "0.2", "--csv", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == HEADER
    [row] = list(csv.DictReader(lines))
    assert (row["jobs"], row["engineers"], row["limit_s"], row["verified"]) == ("200", "20", "0.2", "1")
    build, solve, wall = float(row["build_s"]), float(row["solve_s"]), float(row["wall_s"])
    assert 0 < build and 0.15 < solve and wall >= build + solve
    assert 1 < float(row["peak_rss_mb"]) < 4000
    assert 0 < int(row["served"]) <= 200
    # The table: a header and the one run.
    table = [l for l in r.stdout.splitlines() if l.strip() and not l.startswith("rows written")]
    assert table[0].split() == HEADER.split(",")
    assert table[1].split()[:3] == ["200", "20", "0.2"] and table[1].split()[-1] == "yes"


def test_scale_one_measurement_prints_its_row(cli):
    r = run(cli, "bench", "scale", "--one", "30x3", "--limit", "0.05", "--seed", "2")
    assert r.returncode == 0, r.stderr
    fields = r.stdout.strip().split(",")
    assert fields[:3] == ["30", "3", "0.05"] and fields[-1] == "1"


def test_scale_bad_sizes_exit_2(cli):
    r = run(cli, "bench", "scale", "--sizes", "1000by100")
    assert r.returncode == 2 and "--sizes" in r.stderr and "1000by100" in r.stderr
    r = run(cli, "bench", "scale", "--sizes", "10x1", "--limits", "soon")
    assert r.returncode == 2 and "--limits" in r.stderr
