import csv
import subprocess

import pytest

import fsdispatch as fsd
from conftest import DAY

DAY_S = 24 * 3600
HEADER = "seed,engineers,jobs,days,served,sla_jobs,sla_met,sla_meetable,hard_missed,travel_s,seconds,verified"


def cli_problem(cli, *args):
    r = subprocess.run([cli, "generate", *args, "-o", "-"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return fsd.Problem.from_json(r.stdout)


def test_python_and_cli_generate_the_same_day_and_week(cli):
    assert fsd.generate_problem() == cli_problem(cli)
    assert fsd.generate_problem(days=1) == fsd.generate_problem()
    week = fsd.generate_problem(engineers=4, jobs=80, days=5, seed=3)
    assert week == cli_problem(cli, "--engineers", "4", "--jobs", "80", "--days", "5", "--seed", "3")
    assert week != fsd.generate_problem(engineers=4, jobs=80, days=5, seed=4)


def test_a_week_has_a_shift_and_a_lunch_a_day_and_deadlines_on_every_day():
    p = fsd.generate_problem(engineers=5, jobs=200, days=3, seed=2)
    assert p.num_jobs == 200 and len(p.slots) == 15
    for e in p.engineers:
        assert [(s.start - DAY, s.end - DAY) for s in e.shifts] == [
            (d * DAY_S + 8 * 3600, d * DAY_S + 17 * 3600) for d in range(3)]
        assert [b.id for b in e.breaks] == ["lunch-1", "lunch-2", "lunch-3"]
    deadline_days = {(j.sla.deadline - DAY) // DAY_S for j in p.jobs if j.sla is not None}
    assert deadline_days == {0, 1, 2}
    for j in p.jobs:
        for w in j.time_windows:
            assert DAY <= w.start <= w.end < DAY + 3 * DAY_S


@pytest.mark.parametrize("days", [0, 29])
def test_days_out_of_range_is_an_input_error_naming_days(days):
    with pytest.raises(fsd.InputError, match="/days"):
        fsd.generate_problem(days=days)
    with pytest.raises(ValueError):
        fsd.generate_problem(days=days)


def test_a_small_week_is_planned_and_verified():
    p = fsd.generate_problem(engineers=3, jobs=30, days=2, seed=1)
    plan = fsd.solve(p, time_limit=0.3, seed=1)
    assert fsd.verify(p, plan) == []
    served = {s.index for r in plan.routes for s in r.steps if s.kind == fsd.StepKind.job}
    assert len(served) + len(plan.unassigned) == 30
    # Routes of both days are used: one route per (engineer, shift).
    assert {r.shift for r in plan.routes} == {0, 1}


def test_bench_week_writes_its_columns(cli, tmp_path):
    out = tmp_path / "week.csv"
    r = subprocess.run([cli, "bench", "week", "--engineers", "3", "--jobs", "30", "--days", "2", "--seeds", "1",
                        "--time-limit", "0.3", "--csv", str(out)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == HEADER
    [row] = list(csv.DictReader(lines))
    assert (row["seed"], row["engineers"], row["jobs"], row["days"], row["verified"]) == ("1", "3", "30", "2", "1")
    assert int(row["sla_met"]) <= int(row["sla_meetable"]) <= int(row["sla_jobs"])
    r = subprocess.run([cli, "bench", "week", "--days", "0"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "--days" in r.stderr
