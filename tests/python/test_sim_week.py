"""The simulator's week policy from Python: simulate, compare, and its name."""
import pytest

import fsdispatch as fsd


def _scenario(seed=4):
    return fsd.generate_scenario(name="week", engineers=5, tickets_per_day=25, skills=2, radius_km=15, seed=seed)


def test_week_is_a_builtin_policy():
    assert "week" in fsd.builtin_policy_names()
    assert fsd.builtin_policy_names()[-1] == "week"


def test_simulate_week_serves_and_repeats():
    s = _scenario()
    a = fsd.simulate(s, "week:3", days=3, seed=2)
    assert a.policy == "week:3"
    k = a.kpis
    assert k["tickets"] > 0
    assert k["resolved"] > 0.8 * k["tickets"]
    assert k["resolved"] + k["cancelled"] + k["open_at_end"] == k["tickets"]
    # Same seed, same run: the evening solves stop on iteration limits, not on time.
    b = fsd.simulate(s, "week:3", days=3, seed=2)
    assert a.events.equals(b.events)


def test_compare_week_with_insertion():
    s = _scenario()
    table = fsd.compare_policies(s, ["insertion", "week"], replications=2, days=2, seed=1, progress=False)
    assert set(table["policy"]) == {"insertion", "week"}
    resolved = table[(table["policy"] == "week") & (table["kpi"] == "resolved")]
    assert len(resolved) == 1 and resolved["mean"].iloc[0] > 0


@pytest.mark.parametrize("name", ["week:bad", "week:0", "week:15"])
def test_bad_week_names(name):
    with pytest.raises(fsd.InputError, match="week"):
        fsd.simulate(_scenario(), name, days=1, seed=1)
