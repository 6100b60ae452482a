import json
import os
import subprocess

import pandas as pd
import pytest

import fsdispatch as fsd

H = 3600


def monday(values, interval):
    """A week of zeros with `values` from Monday 00:00."""
    week = [0] * (7 * 86400 // interval)
    week[: len(values)] = values
    return week


def test_tiny_roster_solved_by_hand():
    # Monday in four 6-hour intervals needs 1, 2, 2, 1. long 00-24 costs 5, early 00-12 3,
    # late 12-24 3, mid 06-18 2: intervals 1 and 2 need two shifts each, so long + mid = 7 is
    # the cheapest cover (early + late + mid = 8; every set under 7 leaves an interval short).
    templates = [
        {"id": "long", "weekdays": [0], "start": 0, "length": 24 * H, "cost": 5},
        {"id": "early", "weekdays": [0], "start": 0, "length": 12 * H, "cost": 3},
        {"id": "late", "weekdays": [0], "start": 12 * H, "length": 12 * H, "cost": 3},
        {"id": "mid", "weekdays": [0], "start": 6 * H, "length": 12 * H, "cost": 2},
    ]
    req = pd.DataFrame({"weekday": [0, 0, 0, 0], "time": ["00:00", "06:00", "12:00", "18:00"], "required": [1, 2, 2, 1]})
    r = fsd.roster(req, templates, interval=6 * H)
    assert r.status == "optimal"
    assert r.cost == pytest.approx(7.0)
    assert sorted(r.shifts["template"]) == ["long", "mid"]
    monday_rows = r.coverage[r.coverage["weekday"] == "Mon"]
    assert list(monday_rows["covered"]) == [1, 2, 2, 1]
    assert r.coverage["shortfall"].sum() == 0
    assert list(r.coverage.columns) == ["skill", "interval_start", "weekday", "time", "required", "covered", "shortfall"]
    assert r.check() == []


def test_requirement_forms_agree():
    templates = pd.DataFrame([{"id": "day", "weekdays": [0, 1], "start": "09:00", "length": "08:00", "cost": 1.0}])
    by_dict = fsd.roster({"": monday([0] * 18 + [1] * 16, 1800)}, templates)
    by_time = fsd.roster(pd.DataFrame({"interval_start": pd.date_range("2026-12-07 09:00", periods=16, freq="30min"),
                                       "required": 1}), templates)
    assert by_dict.cost == by_time.cost == pytest.approx(1.0)
    assert list(by_dict.shifts["start"]) == list(by_time.shifts["start"]) == [9 * H]


def test_cyclic_week_sunday_night_covers_monday():
    r = fsd.roster({"": monday([1], 6 * H)}, [{"id": "night", "weekdays": ["sun"], "start": "18:00", "length": "12:00"}],
                   interval=6 * H)
    assert r.status == "optimal"
    assert list(r.shifts["end"]) == [7 * 86400 + 6 * H]
    assert r.coverage["covered"].iloc[0] == 1 and r.coverage["covered"].iloc[-1] == 1


def test_soft_coverage_takes_the_cheaper_shortfall():
    req = {"": monday([0] * 9 + [1], H)}
    templates = [{"id": "day", "weekdays": [0], "start": "08:00", "length": "08:00", "cost": 10}]
    cheap = fsd.roster(req, templates, interval=H, shortfall_cost=4)
    assert cheap.shifts.empty and cheap.cost == pytest.approx(4.0)
    assert cheap.coverage["shortfall"].sum() == 1
    dear = fsd.roster(req, templates, interval=H, shortfall_cost=20)
    assert len(dear.shifts) == 1 and dear.cost == pytest.approx(10.0)


def test_infeasible_hard_coverage_names_the_interval():
    req = pd.DataFrame({"skill": ["gas"], "weekday": ["tue"], "time": ["03:00"], "required": [1]})
    r = fsd.roster(req, [{"id": "day", "start": "08:00", "length": "08:00"}])
    assert r.status == "infeasible"
    assert '"gas"' in r.message and "Tue 03:00" in r.message


def test_errors_name_the_field():
    with pytest.raises(ValueError, match="/templates/0/start"):
        fsd.roster({"": [0] * 336}, [{"id": "x", "start": "08:10", "length": "08:00"}])
    with pytest.raises(ValueError, match="/templates/0/lenght: unknown field"):
        fsd.roster({"": [0] * 336}, [{"id": "x", "start": "08:00", "lenght": "08:00"}])
    with pytest.raises(ValueError, match="/requirements/0/required: needs 336"):
        fsd.roster({"": [0] * 10}, [])
    with pytest.raises(ValueError, match="/requirement/1/required"):
        fsd.roster(pd.DataFrame({"weekday": [0, 0], "time": ["08:00", "08:30"], "required": [1, -1]}), [])
    with pytest.raises(ValueError, match="/people/0/max_week"):
        fsd.roster({"": [0] * 336}, [], people=[{"id": "a", "min_week": 36000, "max_week": 3600}])


def test_names_respect_skills_availability_and_rest():
    # Late Monday 14-22 and early Tuesday 06-14 leave 8 h of rest: one person cannot work both.
    req = pd.DataFrame({"weekday": [0] * 8 + [1] * 8,
                        "time": [f"{h:02d}:00" for h in range(14, 22)] + [f"{h:02d}:00" for h in range(6, 14)],
                        "required": 1})
    templates = [{"id": "late", "weekdays": [0], "start": "14:00", "length": "08:00"},
                 {"id": "early", "weekdays": [1], "start": "06:00", "length": "08:00"}]
    alone = fsd.roster(req, templates, people=[{"id": "ana"}], interval=H)
    assert len(alone.shifts) == 1 and len(alone.unfilled) == 1
    assert alone.coverage["shortfall"].sum() == 8
    people = pd.DataFrame([{"id": "ana", "available_weekdays": [0]}, {"id": "ben", "available_weekdays": [1]},
                           {"id": "cy", "skills": ["gas"]}])
    both = fsd.roster(req, templates, people=people, interval=H)
    assert both.unfilled == []
    assert dict(zip(both.shifts["template"], both.shifts["person"])) == {"late": "ana", "early": "ben"}
    assert both.check() == []


def test_max_shifts_limits_a_person():
    req = {"gas": [1 if 9 <= (i % 24) < 17 else 0 for i in range(168)]}
    people = [{"id": "ana", "skills": ["gas"], "max_shifts": 2}, {"id": "ben", "skills": ["elec"]}]
    r = fsd.roster(req, [{"id": "day", "start": "09:00", "length": "08:00"}], people=people, interval=H)
    assert (r.shifts["person"] == "ana").sum() == 2
    assert len(r.unfilled) == 5


def test_plot_coverage_returns_axes():
    import matplotlib

    matplotlib.use("Agg")
    r = fsd.roster({"desk": monday([0] * 18 + [2] * 16, 1800)},
                   [{"id": "day", "start": "09:00", "length": "08:00"}], shortfall_cost=1)
    ax = fsd.plot_coverage(r)
    assert ax.get_ylabel() == "people"
    assert len(ax.lines) == 2
    with pytest.raises(ValueError, match="/skill"):
        fsd.plot_coverage(r, skill="field")


def problem_file(tmp_path, root, **extra):
    templates = json.loads((root / "examples" / "data" / "roster_templates.json").read_text())
    req = [0] * 336
    for i in range(336):
        hour, day = (i % 48) / 2, i // 48
        req[i] = (3 if 8 <= hour < 18 else 1) if day < 5 else (2 if 8 <= hour < 20 else 1)
    doc = {"interval": 1800, "requirements": [{"skill": "", "required": req}], "templates": templates}
    doc.update(extra)
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(doc))
    return path


def test_cli_roster_writes_csv_and_json(cli, root, tmp_path):
    path = problem_file(tmp_path, root, people=[{"id": f"p{i}"} for i in range(14)])
    out = subprocess.run([cli, "staffing", "roster", str(path), "--csv", str(tmp_path / "s.csv"), "--json",
                          str(tmp_path / "r.json")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "status optimal" in out.stdout and "people" in out.stdout
    shifts = pd.read_csv(tmp_path / "s.csv", keep_default_na=False)
    assert list(shifts.columns) == ["person", "template", "weekday", "start", "end", "break_start", "break_end", "skill"]
    roster_json = (tmp_path / "r.json").read_text()
    assert len(json.loads(roster_json)["shifts"]) == len(shifts)
    problem = fsd.RosterProblem.from_json(path.read_text())
    assert fsd._fsd.check_roster(problem, roster_json) == []


def test_cli_roster_exit_codes(cli, root, tmp_path):
    bad = problem_file(tmp_path, root)
    doc = json.loads(bad.read_text())
    doc["templates"][0]["start"] = "06:10"
    bad.write_text(json.dumps(doc))
    out = subprocess.run([cli, "staffing", "roster", str(bad)], capture_output=True, text=True)
    assert out.returncode == 2 and "/templates/0/start" in out.stderr
    doc["templates"] = [t for t in doc["templates"] if t["id"] not in ("night", "early")]
    bad.write_text(json.dumps(doc))
    out = subprocess.run([cli, "staffing", "roster", str(bad)], capture_output=True, text=True)
    assert out.returncode == 1 and "status infeasible" in out.stdout and "Mon 00:00" in out.stdout


def test_cli_roster_requirements_csv(cli, root, tmp_path):
    path = problem_file(tmp_path, root)
    (tmp_path / "req.csv").write_text("weekday,time,required\nmon,09:00,2\nmon,09:30,2\n")
    out = subprocess.run([cli, "staffing", "roster", str(path), "--requirements", str(tmp_path / "req.csv"),
                          "--csv", str(tmp_path / "s.csv")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    # Two 4-hour am-part shifts (4.2 each) are the cheapest way to have two people at 09:00-10:00.
    assert "cost 8.40" in out.stdout


def test_bench_roster_small(cli, tmp_path):
    out = subprocess.run([cli, "bench", "roster", "--people", "40", "--templates", "10", "--time-limit", "10",
                          "--csv", str(tmp_path / "b.csv")], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    rows = dict(line.split(",") for line in (tmp_path / "b.csv").read_text().splitlines()[1:])
    assert rows["roster_violations"] == "0"
