"""Field staffing: the smallest headcount per skill group whose simulated SLA attainment meets a
target with 95 % confidence, and the cost of every headcount tried (docs/staffing.md).

    import fsdispatch as fsd
    result = fsd.staff_field(fsd.scenario_preset("urban"), target=0.85, days=7, replications=10)
    print(result.groups)          # skill, today, found
    print(result.verification)    # the answer (and each group minus one) on new seeds
    fsd.plot_staffing_curve(result)

The search and its simulations run in C++ without the GIL.
"""
import math

from . import _fsd
from .sim import load_scenario

_POINT_COLUMNS = ["engineers", "covered", "attainment_mean", "attainment_low", "attainment_high", "engineer_hours",
                  "breaches", "engineer_cost", "breach_cost", "total_cost", "meets", "accepted"]


def _group_name(skill):
    return skill if skill else "(no skill)"


def _point_row(point, groups):
    row = {f"n_{_group_name(g.skill)}": c for g, c in zip(groups, point.headcount)}
    for column in _POINT_COLUMNS:
        row[column] = getattr(point, column)
    return row


def _points_frame(points, groups):
    import pandas as pd

    columns = [f"n_{_group_name(g.skill)}" for g in groups] + _POINT_COLUMNS
    return pd.DataFrame([_point_row(p, groups) for p in points], columns=columns)


class FieldStaffingResult:
    """The outcome of staff_field.

    Parameters
    ----------
    result : FieldStaffingResult (C++)
    options : FieldStaffingOptions

    Attributes
    ----------
    groups, points, verification : pandas.DataFrame
        As described below.

    groups: DataFrame, one row per skill group (skill, today, found);
    points: DataFrame of every headcount the search judged (n_<skill> per group, engineers, covered,
        attainment_mean / _low / _high, engineer_hours, breaches, engineer_cost, breach_cost, total_cost,
        meets: lower bound >= target, accepted: the search's test with the guard);
    verification: DataFrame of the answer and of each group minus one (minus two where minus one still
        meets) on replications the search never used (check, group, headcount, attainment, meets);
    found, today, cheapest: the C++ StaffingPoints; feasible, budget_exhausted, evaluations, simulations,
    seconds; options (the FieldStaffingOptions used); result (the C++ FieldStaffingResult).
    """

    def __init__(self, result, options):
        self.result = result
        self.options = options
        self.found = result.found
        self.today = result.today
        self.cheapest = result.cheapest
        self.feasible = result.feasible
        self.budget_exhausted = result.budget_exhausted
        self.evaluations = result.evaluations
        self.simulations = result.simulations
        self.seconds = result.seconds

    def __repr__(self):
        found = ", ".join(f"{_group_name(g.skill)} {g.found}" for g in self.result.groups)
        return (f"FieldStaffingResult({found}; attainment {self.found.attainment_mean:.3f} "
                f"[{self.found.attainment_low:.3f}, {self.found.attainment_high:.3f}], feasible={self.feasible})")

    @property
    def groups(self):
        import pandas as pd

        return pd.DataFrame([(_group_name(g.skill), g.today, g.found) for g in self.result.groups],
                            columns=["skill", "today", "found"])

    @property
    def points(self):
        return _points_frame(self.result.points, self.result.groups)

    @property
    def verification(self):
        import pandas as pd

        v = self.result.verification
        rows = [("found", None, v.found)]
        for g, minus_one, minus_two in zip(self.result.groups, v.minus_one, v.minus_two):
            if minus_one.headcount:
                rows.append(("minus_one", _group_name(g.skill), minus_one))
            if minus_two.headcount:
                rows.append(("minus_two", _group_name(g.skill), minus_two))
        return pd.DataFrame(
            [(check, group, list(p.headcount), p.engineers, p.attainment_mean, p.attainment_low, p.attainment_high,
              self.options.target, p.meets) for check, group, p in rows],
            columns=["check", "group", "headcount", "engineers", "attainment_mean", "attainment_low",
                     "attainment_high", "target", "meets"])


def staff_field(scenario, target=0.9, kpi="sla_response_rate", policy=None, days=7, replications=10, seed=1,
                cost_per_hour=40.0, cost_per_breach=200.0, guard=1.0, max_evaluations=200, max_headcount_per_group=0,
                progress=False):
    """The smallest headcount per skill group meeting an SLA target in simulation.

    Parameters
    ----------
    scenario : Scenario or str or os.PathLike or dict
    target : float, default 0.9
    kpi : str, default "sla_response_rate"
    policy : str, optional
    days : int, default 7
    replications : int, default 10
    seed : int, default 1
    cost_per_hour, cost_per_breach : float
    guard : float, default 1.0
    max_evaluations : int, default 200
    max_headcount_per_group : int, default 0
    progress : bool, default False

    Returns
    -------
    FieldStaffingResult

    Raises
    ------
    InputError
        A bad option, named.

    Notes
    -----
    Engineers are grouped by their first skill; the answer's
    simulated attainment clears `target` with 95 % confidence and `guard` half-widths to spare
    (mean - (1 + guard) x half-width >= target; the spare keeps the answer above the target on
    new seeds, see docs/staffing.md; guard=0: the plain lower bound).

    scenario: a Scenario, a path, JSON text or a dict; kpi: "sla_response_rate" or
    "sla_resolution_rate", optionally ":PRIORITY"; policy: a built-in policy name (None: "nearest");
    every headcount is simulated for `replications` runs of `days` days on the same seeds (common
    random numbers); costs are per run: engineer-hours x cost_per_hour + breaches x cost_per_breach;
    progress=True shows a bar over evaluated headcounts. Returns a FieldStaffingResult.
    InputError (a ValueError) names a bad option.
    """
    scenario = load_scenario(scenario)
    options = _fsd.FieldStaffingOptions(
        target=target, kpi=kpi, policy="" if policy is None else policy, days=days, replications=replications,
        seed=seed, cost_per_engineer_hour=cost_per_hour, cost_per_breach=cost_per_breach, guard=guard,
        max_evaluations=max_evaluations, max_headcount_per_group=max_headcount_per_group)
    bar = None
    callback = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=max_evaluations, desc="staffing", unit="headcount")

        def callback(done, _total):
            bar.update(done - bar.n)
    try:
        result = _fsd.staff_field(scenario, options, progress=callback)
    finally:
        if bar is not None:
            bar.close()
    return FieldStaffingResult(result, options)


def plot_staffing_curve(result, ax=None):
    """Engineer cost against attainment for every simulated headcount.

    95 % intervals are error bars, the target a dashed line, the answer circled.

    Parameters
    ----------
    result : FieldStaffingResult
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4.5))
    points = result.points
    points = points[points["covered"] & points["attainment_mean"].notna()]
    for meets, colour, label in ((True, "tab:blue", "meets the target"), (False, "tab:gray", "falls short")):
        part = points[points["meets"] == meets]
        if part.empty:
            continue
        ax.errorbar(part["engineer_cost"], part["attainment_mean"],
                    yerr=[part["attainment_mean"] - part["attainment_low"], part["attainment_high"] - part["attainment_mean"]],
                    fmt="o", color=colour, ecolor=colour, capsize=2, markersize=4, label=label)
    target = result.options.target
    ax.axhline(target, color="tab:red", linestyle="--", linewidth=1, label=f"target {target:.3f}")
    found = result.found
    if found.covered and not math.isnan(found.attainment_mean):
        ax.scatter([found.engineer_cost], [found.attainment_mean], s=160, facecolors="none", edgecolors="tab:green",
                   linewidths=2, label=f"found: {found.engineers} engineers", zorder=3)
    ax.set_xlabel(f"engineer cost per run of {result.options.days} days")
    ax.set_ylabel(f"{result.options.kpi} (mean, 95 % CI)")
    ax.set_title("Field staffing: cost vs attainment")
    ax.legend(loc="lower right", fontsize="small")
    return ax
