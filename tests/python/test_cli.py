import json
import subprocess

from conftest import small_problem_json


def run(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True, timeout=120)


def test_generate_solve_verify(cli, tmp_path):
    problem = tmp_path / "problem.json"
    plan = tmp_path / "plan.json"
    r = run(cli, "generate", "--engineers", "4", "--jobs", "20", "--seed", "5", "-o", str(problem))
    assert r.returncode == 0, r.stderr
    r = run(cli, "solve", str(problem), "-o", str(plan), "--time-limit", "0.3", "--seed", "2")
    assert r.returncode == 0, r.stderr
    assert "verified" in r.stdout
    assert json.loads(plan.read_text())["routes"]
    r = run(cli, "verify", str(problem), str(plan))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.startswith("valid")


def test_verify_exit_1_on_violations(cli, tmp_path):
    problem = tmp_path / "problem.json"
    plan = tmp_path / "plan.json"
    problem.write_text(small_problem_json())
    assert run(cli, "solve", str(problem), "-o", str(plan), "--time-limit", "0.1").returncode == 0
    doc = json.loads(plan.read_text())
    doc["routes"][0]["steps"][1]["start"] += 11
    plan.write_text(json.dumps(doc))
    r = run(cli, "verify", str(problem), str(plan))
    assert r.returncode == 1
    assert "timing" in r.stdout


def test_bad_input_exit_2_names_the_field(cli, tmp_path):
    doc = json.loads(small_problem_json())
    doc["jobs"][3]["duration"] = "long"
    problem = tmp_path / "problem.json"
    problem.write_text(json.dumps(doc))
    r = run(cli, "solve", str(problem))
    assert r.returncode == 2
    assert "/jobs/3/duration" in r.stderr


def test_missing_file_exit_2(cli, tmp_path):
    r = run(cli, "solve", str(tmp_path / "nope.json"))
    assert r.returncode == 2
    assert "nope.json" in r.stderr


def test_demo_writes_plan_and_map(cli, tmp_path):
    r = run(cli, "demo", "--out", str(tmp_path), "--time-limit", "0.5")
    assert r.returncode == 0, r.stderr
    assert "Total:" in r.stdout
    assert (tmp_path / "plan.json").exists()
    svg = (tmp_path / "routes.svg").read_text()
    assert svg.startswith("<svg") and "polyline" in svg


def test_solve_no_decompose_flag(cli, tmp_path):
    problem = tmp_path / "problem.json"
    problem.write_text(small_problem_json(jobs=6))
    r = run(cli, "solve", str(problem), "--algorithm", "hgs", "--iterations", "20", "--no-decompose", "-q")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["routes"]
    r = run(cli, "solve", str(problem), "--no-decompose=maybe")
    assert r.returncode == 2
