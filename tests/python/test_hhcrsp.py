"""fsdispatch.read_hhcrsp / parse_hhcrsp, `fsd solve --format hhcrsp` and `fsd bench hhcrsp`
on a hand-made 2-patient instance of the Mankowska et al. (2014) format."""
import csv
import os
import subprocess
from pathlib import Path

import pytest

import fsdispatch as fsd
from conftest import ROOT

HEADER = "instance,objective,distance,total_tardiness,max_tardiness,z4,gap_pct,seconds,verified"

# Node 1 needs s1 in [10, 30]; node 2 needs s1 and s2 (DS counts from 1: {3}), s2 starting
# 5 to 10 after s1, window [20, 40]. Caregiver c1 holds s1 and s2, c2 only s2, so the two
# services of node 2 go to c1 (s1) and c2 (s2): the best plan drives 3+5+4 (c1) and 4+4 (c2)
# with no tardiness, (20 + 0 + 0) / 3.
TINY = """nbNodes=4;
nbVehi=2;
nbServi=2;
r=[[1,1]
[1,0]
[1,1]
[1,1]];
DS={3};
a=[[1,1]
[0,1]];
d=[[0,3,4,0]
[3,0,5,3]
[4,5,0,4]
[0,3,4,0]];
p=[[[0,0][0,0]]
[[2.5,2.5][2.5,2.5]]
[[2.5,2.5][2.5,2.5]]
[[0,0][0,0]]];
mind=[0,0,5,0];
maxd=[0,0,10,0];
e=[0,10,20,0];
l=[100,30,40,200];
"""
BEST = 20 / 3


def bench_data():
    env = os.environ.get("FSD_BENCH_DATA")
    return Path(env) if env else ROOT.parent / "shared" / "benchmarks"


def test_parse_hhcrsp_maps_caregivers_services_and_the_double_service():
    inst = fsd.parse_hhcrsp(TINY, "tiny.txt")
    assert (inst.nodes, inst.caregivers, inst.service_types, inst.patients, inst.double_services, inst.scale) == (
        4, 2, 2, 2, 1, 1000)
    assert repr(inst) == "HhcrspInstance(patients=2, caregivers=2, double_services=1, scale=1000)"
    p = inst.problem
    assert [e.id for e in p.engineers] == ["c1", "c2"]
    assert [j.id for j in p.jobs] == ["1-s1", "2-s1", "2-s2"]
    assert inst.job_node == [1, 2, 2]
    assert inst.job_service == [0, 0, 1]
    assert p.jobs[0].duration == 2500
    assert p.jobs[0].sla.deadline == 30_000
    assert not p.jobs[0].sla.hard


def test_a_solved_plan_serves_both_services_with_two_caregivers_and_measures_in_file_units():
    inst = fsd.parse_hhcrsp(TINY)
    plan = fsd.solve(inst.problem, time_limit=0.3, seed=1)
    assert fsd.verify(inst.problem, plan) == []
    m = inst.measure(plan)
    assert (m.served, m.services) == (3, 3)
    # Each engineer serves one of node 2's services: together, 5 to 10 apart.
    by_job = {s.index: (r.engineer, s.start) for r in plan.routes for s in r.steps if s.kind == fsd.StepKind.job}
    assert by_job[1][0] != by_job[2][0]
    assert 5000 <= by_job[2][1] - by_job[1][1] <= 10_000
    assert m.objective == pytest.approx((m.distance + m.total_tardiness + m.max_tardiness) / 3)
    assert m.objective == pytest.approx(BEST, abs=1e-6)


def test_bad_input_is_an_input_error_naming_field_and_line(tmp_path):
    with pytest.raises(fsd.InputError, match=r"^DS\[0\]: tiny.txt:8: node 2 \(counted from 1\) needs 1 service"):
        fsd.parse_hhcrsp(TINY.replace("DS={3};", "DS={2};"), "tiny.txt")
    with pytest.raises(ValueError, match=r"nbVehi"):
        fsd.parse_hhcrsp(TINY.replace("nbVehi=2;", ""))
    with pytest.raises(ValueError):
        fsd.read_hhcrsp(str(tmp_path / "missing.txt"))


def test_read_hhcrsp_reads_instance_10_1():
    path = bench_data() / "hhcrsp_mankowska" / "InstanzCPLEX_HCSRP_10_1.txt"
    if not path.exists():
        pytest.fail(f"benchmark data not found at {path}: set FSD_BENCH_DATA")
    inst = fsd.read_hhcrsp(str(path))
    assert (inst.patients, inst.caregivers, inst.double_services) == (10, 3, 3)
    assert len(inst.problem.jobs) == 13


def test_fsd_solve_reads_an_hhcrsp_instance(cli, tmp_path):
    src = tmp_path / "tiny.txt"
    src.write_text(TINY)
    plan = tmp_path / "plan.json"
    r = subprocess.run([cli, "solve", "--format", "hhcrsp", str(src), "--time-limit", "0.2", "-o", str(plan)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    inst = fsd.read_hhcrsp(str(src))
    solution = fsd.Solution.from_json(inst.problem, plan.read_text())
    assert fsd.verify(inst.problem, solution) == []
    assert f"HHCRSP objective {inst.measure(solution).objective:.3f}" in r.stdout

    bad = tmp_path / "bad.txt"
    bad.write_text(TINY.replace("e=[0,10,20,0]", "e=[0,10,-1,0]"))
    r = subprocess.run([cli, "solve", "--format", "hhcrsp", str(bad)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "e[2]" in r.stderr and "bad.txt:21:" in r.stderr


def test_fsd_bench_hhcrsp_writes_the_documented_csv(cli, tmp_path):
    d = tmp_path / "hhcrsp"
    d.mkdir()
    (d / "InstanzCPLEX_HCSRP_2_1.txt").write_text(TINY)
    (d / "mankowska2014_table7.csv").write_text("Instance,LB,zopt,gap,CPU,z4\nins2-1,6,missing,x,1,7.5\n")
    out = tmp_path / "rows.csv"
    r = subprocess.run([cli, "bench", "hhcrsp", str(d), "--time-limit", "0.2", "--csv", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert out.read_text().splitlines()[0] == HEADER
    (row,) = list(csv.DictReader(out.read_text().splitlines()))
    assert row["instance"] == "ins2-1"
    assert float(row["objective"]) == pytest.approx(BEST, abs=1e-3)
    assert float(row["objective"]) == pytest.approx(
        (float(row["distance"]) + float(row["total_tardiness"]) + float(row["max_tardiness"])) / 3, abs=1e-3)
    assert row["z4"] == "7.500"
    assert float(row["gap_pct"]) == pytest.approx(100 * (float(row["objective"]) - 7.5) / 7.5, abs=1e-2)
    assert row["verified"] == "1"
    assert "wins" in r.stdout
