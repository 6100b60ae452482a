"""fsdispatch.read_trsp and `fsd bench trsp` on the crafted 3-request TRSP file."""
import csv
import shutil
import subprocess

import pytest

import fsdispatch as fsd
from conftest import ROOT

TINY = ROOT / "tests" / "data" / "io_trsp_tiny.txt"
HEADER = "instance,served,requests,duration,bks_duration,gap_pct,seconds,verified"


def test_read_trsp_maps_depot_technicians_and_requests():
    inst = fsd.read_trsp(str(TINY))
    assert (inst.crew, inst.skills, inst.tools, inst.parts, inst.requests, inst.scale) == (2, 2, 2, 2, 3, 1000)
    assert repr(inst) == "TrspInstance(name='TINY.3_2-2-2-2', crew=2, requests=3, scale=1000)"
    p = inst.problem
    assert [e.id for e in p.engineers] == ["tech1", "tech2"]
    assert [j.id for j in p.jobs] == ["3", "4", "5"]
    assert p.engineers[0].costs.per_working_hour == 3600
    assert p.engineers[0].costs.per_hour == 0


def test_a_solved_plan_verifies_and_its_duration_is_in_instance_units():
    inst = fsd.read_trsp(str(TINY))
    plan = fsd.solve(inst.problem, time_limit=0.2, seed=1)
    assert fsd.verify(inst.problem, plan) == []
    working = sum(r.steps[-1].arrival - r.steps[0].start for r in plan.routes)
    assert inst.duration(plan) == pytest.approx(working / 1000)
    served = {s.index for r in plan.routes for s in r.steps if s.kind == fsd.StepKind.job}
    assert {0, 2} <= served  # requests 3 and 5: tech1 carries what they need


def test_a_bad_line_is_an_input_error_naming_line_and_field(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(TINY.read_text().replace("[0,1] \t[] \t[0,0]", "[0,7] \t[] \t[0,0]"))
    with pytest.raises(fsd.InputError, match=r"bad.txt:11: SKILLS: 7 is not a type of the INFO line"):
        fsd.read_trsp(str(bad))
    with pytest.raises(ValueError):
        fsd.read_trsp(str(tmp_path / "missing.txt"))


def test_fsd_bench_trsp_writes_the_documented_csv(cli, tmp_path):
    d = tmp_path / "trsp"
    d.mkdir()
    shutil.copy(TINY, d / "TINY.3_2-2-2-2.txt")
    (d / "bks.csv").write_text("instance,duration_report_2013\nTINY,150.5\n")
    out = tmp_path / "rows.csv"
    r = subprocess.run([cli, "bench", "trsp", str(d), "--time-limit", "0.1", "--csv", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert out.read_text().splitlines()[0] == HEADER
    (row,) = list(csv.DictReader(out.read_text().splitlines()))
    assert row["instance"] == "TINY"
    assert row["requests"] == "3"
    assert row["bks_duration"] == "150.500"
    assert float(row["gap_pct"]) == pytest.approx(100 * (float(row["duration"]) - 150.5) / 150.5, abs=1e-3)
    assert row["verified"] == "1"
    assert "all served" in r.stdout


def test_fsd_solve_reads_a_trsp_instance(cli, tmp_path):
    plan = tmp_path / "plan.json"
    r = subprocess.run([cli, "solve", "--format", "trsp", str(TINY), "--time-limit", "0.1", "-o", str(plan)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "TRSP total duration" in r.stdout
    inst = fsd.read_trsp(str(TINY))
    solution = fsd.Solution.from_json(inst.problem, plan.read_text())
    assert fsd.verify(inst.problem, solution) == []
    assert f"TRSP total duration {inst.duration(solution):.3f}" in r.stdout

    bad = tmp_path / "bad.txt"
    bad.write_text("X\nINFO\n1 2 2\n")
    r = subprocess.run([cli, "solve", "--format", "trsp", str(bad)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "bad.txt:3:" in r.stderr
