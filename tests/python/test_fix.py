"""The smallest change that would let a left-out job in, seen from Python."""
import json

import numpy as np

import fsdispatch as fsd


def line_problem(job_windows=None, shift_end=36000, duration=60, skills=None):
    # Travel on a line, seconds = metres: the engineer at 0, the job at 3,600.
    xs = [0, 3600]
    durations = np.array([[abs(a - b) for b in xs] for a in xs], dtype=np.int64)
    engineers = [fsd.Engineer(id="e1", start=fsd.Location(index=0), shifts=[fsd.TimeWindow(0, shift_end)],
                              skills=[fsd.SkillLevel("gas", 1)])]
    job = fsd.Job(id="a", location=fsd.Location(index=1), duration=duration)
    if job_windows is not None:
        job.time_windows = job_windows
    if skills is not None:
        job.skills = skills
    return fsd.Problem(engineers, [job], travel=fsd.TravelMatrices(durations, durations))


def only_left_out(problem):
    plan = fsd.solve(problem, time_limit=1, iteration_limit=20, seed=1)
    assert len(plan.unassigned) == 1
    return plan, plan.unassigned[0]


def test_window_closing_before_arrival_is_widened_by_the_gap():
    problem = line_problem(job_windows=[fsd.TimeWindow(0, 1800)])
    _, u = only_left_out(problem)
    assert u.reason == fsd.UnassignedReason.window_unreachable
    assert isinstance(u.fix, fsd.UnassignedFix)
    assert u.fix.kind == "widen_window"
    assert u.fix.minutes == 30
    assert u.fix.amount == 1
    assert "30 minutes" in u.fix.sentence
    d = u.fix.to_dict()
    assert d["kind"] == "widen_window" and d["minutes"] == 30 and d["skills"] == []


def test_missing_level_names_the_engineer_and_the_skill():
    problem = line_problem(skills=[fsd.SkillRequirement("gas", 3)])
    _, u = only_left_out(problem)
    assert u.reason == fsd.UnassignedReason.no_qualified_engineer
    assert u.fix.kind == "add_skill"
    assert u.fix.engineer == "e1"
    assert u.fix.skills == [fsd.FixSkill("gas", 3)]
    assert u.fix.to_dict()["skills"] == [{"skill": "gas", "level": 3}]


def test_overtime_for_a_shift_too_short():
    # 3,600 out + 600 + 3,600 back = 7,800 > 7,500: 300 s, 5 minutes.
    problem = line_problem(shift_end=7500, duration=600)
    _, u = only_left_out(problem)
    assert u.reason == fsd.UnassignedReason.shift_too_short
    assert (u.fix.kind, u.fix.engineer, u.fix.minutes) == ("overtime", "e1", 5)


def test_dataframe_has_a_fix_column_and_json_round_trips():
    problem = line_problem(job_windows=[fsd.TimeWindow(0, 1800)])
    plan, u = only_left_out(problem)
    df = fsd.unassigned_to_dataframe(problem, plan)
    assert list(df.columns) == ["id", "reason", "detail", "fix"]
    assert df.loc[0, "fix"] == u.fix.sentence
    text = plan.to_json()
    written = json.loads(text)["unassigned"][0]["fix"]
    assert written["kind"] == "widen_window" and written["minutes"] == 30
    again = fsd.Solution.from_json(problem, text)
    assert again.unassigned == plan.unassigned
    assert again.unassigned[0].fix == u.fix


def test_no_fix_is_none_in_python_and_the_dataframe():
    problem = line_problem(job_windows=[fsd.TimeWindow(0, 1800)])
    plan, u = only_left_out(problem)
    u.fix = None
    plan.unassigned = [u]
    assert plan.unassigned[0].fix is None
    df = fsd.unassigned_to_dataframe(problem, plan)
    assert df.loc[0, "fix"] is None
