"""Dispatch simulation for analysts: runs, policy comparisons with confidence intervals,
Dask sweeps, plots and an HTML report. The simulation itself is C++ (fsd/sim).

    import fsdispatch as fsd
    scenario = fsd.scenario_preset("urban", seed=1)
    run = fsd.simulate(scenario, "nearest", days=7, seed=1)
    print(run.kpis)
    table = fsd.compare_policies(scenario, ["nearest", "batch", "insertion"], replications=5)
    fsd.html_report("report.html", table, runs=[run])

A policy is a built-in name (fsd.builtin_policy_names()), a Policy object or a Policy subclass
(instantiated fresh for every run). Python policies subclass fsd.Policy and define name() and any of
tick_interval(), on_ticket(ctx, ticket), on_engineer_free(ctx, engineer), on_tick(ctx); the context
is valid only during the call.
"""
import base64
import html
import io
import json
import math
import os
import tempfile

from . import _fsd

Scenario = _fsd.Scenario
Policy = _fsd.Policy

# KPIs shown when a plot is not told which.
_DEFAULT_PLOT_KPIS = ["sla_response_rate", "sla_resolution_rate", "first_response_mean_s", "travel_km",
                      "utilisation", "first_time_fix_rate"]
_DAY = 86400
_COMPARISON_COLUMNS = ["policy", "kpi", "mean", "ci_low", "ci_high", "diff_mean", "diff_low", "diff_high"]
# Every KPI is a count, a duration, a distance or a share: none can be negative, so a confidence
# bound below 0 says only that the sample is small. Shares cannot exceed 1 either.
_SHARE_KPIS = {"sla_response_rate", "sla_resolution_rate", "first_time_fix_rate", "occupancy", "travel_share",
               "jain_index"}


# ---- inputs -------------------------------------------------------------------------------------

def load_scenario(scenario):
    """A Scenario from what the user has.

    Parameters
    ----------
    scenario : Scenario or str or os.PathLike or dict
        A Scenario, a path, JSON text or the document as a dict.

    Returns
    -------
    Scenario

    Raises
    ------
    InputError
        Naming the bad field of the document.
    """
    if isinstance(scenario, _fsd.Scenario):
        return scenario
    if isinstance(scenario, dict):
        return _fsd.Scenario.from_json(json.dumps(scenario))
    if isinstance(scenario, os.PathLike):
        return _fsd.Scenario.read(os.fspath(scenario))
    if isinstance(scenario, str):
        if scenario.lstrip().startswith("{"):
            return _fsd.Scenario.from_json(scenario)
        return _fsd.Scenario.read(scenario)
    raise TypeError(f"expected a Scenario, a path, JSON text or a dict, not {type(scenario).__name__}")


def _is_policy_class(policy):
    return isinstance(policy, type) and issubclass(policy, _fsd.Policy)


def _policy_for_run(policy):
    """What one run gets: a name stays a name (C++ make_policy), a class is instantiated fresh."""
    if isinstance(policy, str):
        return policy
    if _is_policy_class(policy):
        return policy()
    if isinstance(policy, _fsd.Policy):
        return policy
    raise TypeError(f"a policy is a built-in name, a Policy or a Policy subclass, not {type(policy).__name__}")


def _progress_bar(progress, total, desc, unit):
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit)


# ---- one run ------------------------------------------------------------------------------------

class SimRun:
    """A finished simulation run.

    Attributes
    ----------
    result : SimResult
        The C++ result (log and KPI report).
    scenario : Scenario
    policy : str
        The policy's name.
    days, seed : int
    kpis : pandas.Series
    events, tickets, backlog, by_priority : pandas.DataFrame
    """

    def __init__(self, result, scenario, days, seed):
        self.result = result
        self.scenario = scenario
        self.policy = result.policy
        self.days = days
        self.seed = seed
        self._events = None
        self._tickets = None
        self._locations = None

    def __repr__(self):
        return f"SimRun(policy={self.policy!r}, scenario={self.scenario.name!r}, days={self.days}, seed={self.seed})"

    def __eq__(self, other):
        """The same scenario, policy, days and seed with the same KPIs (runs are deterministic)."""
        if not isinstance(other, SimRun):
            return NotImplemented
        return ((self.policy, self.days, self.seed) == (other.policy, other.days, other.seed)
                and self.scenario == other.scenario and self.result.report.kpis == other.result.report.kpis)

    __hash__ = None

    def plot_gantt(self, day=None):
        """Engineers' activities on one day of the run (see fsdispatch.sim.plot_gantt).

        Parameters
        ----------
        day : int, optional
            Simulation day; default the first working day.

        Returns
        -------
        matplotlib.figure.Figure
        """
        return plot_gantt(self, day=day)

    @property
    def kpis(self):
        """KPI values indexed by name, in kpi_entries order."""
        import pandas as pd

        entries = self.result.report.kpis.entries()
        return pd.Series([e[1] for e in entries], index=[e[0] for e in entries], name=self.policy, dtype=float)

    def kpi_table(self):
        """One row per KPI: kpi, value, higher_is_better."""
        import pandas as pd

        entries = self.result.report.kpis.entries()
        return pd.DataFrame(entries, columns=["kpi", "value", "higher_is_better"])

    @property
    def events(self):
        """The event log: time, day, kind, ticket (id), engineer (id), value; plus the integer
        ticket_index / engineer_index (-1 when none)."""
        if self._events is None:
            import numpy as np
            import pandas as pd

            log = self.result.log
            cols = log.event_arrays()
            names = np.array(_fsd.sim_event_kind_names(), dtype=object)
            ticket_ids = np.array([t.id for t in log.tickets] + [None], dtype=object)
            engineer_ids = np.array(list(log.engineers) + [None], dtype=object)
            time = cols["time"]
            self._events = pd.DataFrame({
                "time": time,
                "day": time // _DAY,
                "kind": pd.Categorical(names[cols["kind"]], categories=list(names)),
                "ticket": ticket_ids[cols["ticket"]],
                "engineer": engineer_ids[cols["engineer"]],
                "value": cols["value"],
                "ticket_index": cols["ticket"],
                "engineer_index": cols["engineer"],
            })
        return self._events

    @property
    def tickets(self):
        """One row per ticket: id, priority, created, response_deadline, resolution_deadline (NaN: no
        target), first_arrival, resolved (NaN: not resolved), visits, status (resolved, cancelled, open)."""
        if self._tickets is None:
            import numpy as np
            import pandas as pd

            log = self.result.log
            n = len(log.tickets)
            cols = log.event_arrays()
            kind, ticket, time, value = cols["kind"], cols["ticket"], cols["time"], cols["value"]
            code = {name: i for i, name in enumerate(_fsd.sim_event_kind_names())}

            def first_time(mask):
                out = np.full(n, np.inf)
                np.minimum.at(out, ticket[mask], time[mask].astype(float))
                out[np.isinf(out)] = np.nan
                return out

            arrive = (kind == code["arrive"]) & (ticket >= 0)
            fixed = (kind == code["service_end"]) & (value == 1) & (ticket >= 0)
            cancelled = (kind == code["cancelled"]) & (ticket >= 0)
            resolved = first_time(fixed)
            is_cancelled = np.zeros(n, dtype=bool)
            is_cancelled[ticket[cancelled]] = True
            status = np.where(~np.isnan(resolved), "resolved", np.where(is_cancelled, "cancelled", "open"))

            def deadline(t):
                return np.nan if t is None else t

            self._tickets = pd.DataFrame({
                "id": [t.id for t in log.tickets],
                "priority": [t.priority for t in log.tickets],
                "created": [t.created for t in log.tickets],
                "response_deadline": [deadline(t.response_deadline) for t in log.tickets],
                "resolution_deadline": [deadline(t.resolution_deadline) for t in log.tickets],
                "first_arrival": first_time(arrive),
                "resolved": resolved,
                "visits": np.bincount(ticket[arrive], minlength=n)[:n] if n else np.zeros(0, dtype=int),
                "status": status,
            })
        return self._tickets

    @property
    def backlog(self):
        """Open tickets over time: time, day, open."""
        import pandas as pd

        points = self.result.report.backlog
        time = [p.time for p in points]
        return pd.DataFrame({"time": time, "day": [t / _DAY for t in time], "open": [p.open for p in points]})

    @property
    def by_priority(self):
        """SLA attainment per priority: priority, tickets, sla_response_rate, sla_resolution_rate."""
        import pandas as pd

        rows = [(p.priority, p.tickets, p.sla_response_rate, p.sla_resolution_rate)
                for p in self.result.report.by_priority]
        return pd.DataFrame(rows, columns=["priority", "tickets", "sla_response_rate", "sla_resolution_rate"])

    def ticket_locations(self):
        """{ticket id: (lat, lon)}, from the ticket stream the run's seed draws."""
        if self._locations is None:
            stream = _fsd.draw_ticket_stream(self.scenario, self.days, self.seed)
            self._locations = {t.id: (t.location.lat, t.location.lon) for t in stream.tickets}
        return self._locations


def simulate(scenario, policy, days=7, seed=1, record_events=True, progress=False, start=None):
    """Simulates `days` days of `scenario` under `policy`.

    Parameters
    ----------
    scenario : Scenario or str or os.PathLike or dict
        A Scenario, a path, JSON text or a dict.
    policy : str or Policy or type
        A built-in name, a Policy or a Policy subclass (instantiated fresh).
    days : int, default 7
    seed : int, default 1
        Same seed, same tickets and outcomes.
    record_events : bool, default True
        False keeps only the KPIs (smaller result).
    progress : bool, default False
        Show a bar over days.
    start : datetime.date or datetime.datetime or str or int, optional
        First simulated day instead of the scenario's start_date: a date, an aware datetime or an
        ISO-8601 instant (its local date under the scenario's UTC offset), "YYYY-MM-DD", or days
        since 1970-01-01. The scenario passed in is not changed.

    Returns
    -------
    SimRun
    """
    scenario = _starting(load_scenario(scenario), start)
    runner = _policy_for_run(policy)
    bar = _progress_bar(progress, days, "simulating", "day")
    callback = None
    if bar is not None:
        def callback(done, _total):
            bar.update(done - bar.n)
    try:
        result = _fsd.simulate(scenario, runner, days=days, seed=seed, record_events=record_events, progress=callback)
    finally:
        if bar is not None:
            bar.close()
    return SimRun(result, scenario, days, seed)


def _starting(scenario, start):
    """The scenario, or a copy of it starting on the local date of `start`."""
    if start is None:
        return scenario
    import copy
    import datetime as dt

    from ._time import instant

    moved = copy.copy(scenario)
    is_date_text = isinstance(start, str) and len(start) == 10
    if isinstance(start, int) or is_date_text or (isinstance(start, dt.date) and not isinstance(start, dt.datetime)):
        moved.start_date = start
    else:
        moved.start_date = (instant(start, "/start") + scenario.utc_offset_seconds) // _DAY
    return moved


# ---- comparisons --------------------------------------------------------------------------------

def _value_bounds(kpi, mean, half_width):
    """The confidence interval of a KPI's mean, clipped to the values the KPI can take."""
    low, high = mean - half_width, mean + half_width
    if low < 0:
        low = 0.0
    if kpi in _SHARE_KPIS and high > 1:
        high = 1.0
    return low, high


def comparison_to_dataframe(comparison):
    """A C++ Comparison as the table compare_policies returns.

    Parameters
    ----------
    comparison : Comparison

    Returns
    -------
    pandas.DataFrame
        One row per policy and KPI: policy, kpi, mean, ci_low, ci_high (the 95 % interval of the
        mean, clipped at 0, and at 1 for shares), diff_mean, diff_low, diff_high (the paired
        difference to the first policy, which may be negative).
    """
    import pandas as pd

    rows = []
    for r in comparison.rows:
        v, d = r.value, r.difference
        low, high = _value_bounds(r.kpi, v.mean, v.half_width)
        rows.append((r.policy, r.kpi, v.mean, low, high, d.mean, d.mean - d.half_width, d.mean + d.half_width))
    return pd.DataFrame(rows, columns=_COMPARISON_COLUMNS)


def compare_policies(scenario, policies, replications=5, days=7, seed=1, progress=True):
    """Simulates every policy for every replication and compares them.

    Replication r uses replication_seed(seed, r) for all policies (common random numbers).

    Parameters
    ----------
    scenario : Scenario or str or os.PathLike or dict
    policies : list of str or Policy or type
        Built-in names, Policy objects or subclasses; each is labelled as passed ("batch" stays
        "batch", a Policy by its name()).
    replications : int, default 5
    days : int, default 7
    seed : int, default 1
    progress : bool, default True

    Returns
    -------
    pandas.DataFrame
        As comparison_to_dataframe: mean and 95 % CI per policy and KPI, and the paired difference
        to the first policy with its CI (built by the C++ compare_runs).
    """
    scenario = load_scenario(scenario)
    if not policies:
        raise ValueError("compare_policies needs at least one policy")
    bar = _progress_bar(progress, len(policies) * replications, "comparing", "run")
    names, runs = [], []
    try:
        for policy in policies:
            kpis = []
            for r in range(replications):
                result = _fsd.simulate(scenario, _policy_for_run(policy), days=days,
                                       seed=_fsd.replication_seed(seed, r), record_events=False)
                kpis.append(result.report.kpis)
                if bar is not None:
                    bar.update(1)
            names.append(_policy_label(policy))
            runs.append(kpis)
    finally:
        if bar is not None:
            bar.close()
    return comparison_to_dataframe(_fsd.compare_runs(names, runs))


def _policy_label(policy):
    """The label a policy has in tables: a name as the user passed it ("batch", not "batch:300"),
    otherwise the policy's own name()."""
    return _policy_name(policy)


def _policy_name(policy):
    if isinstance(policy, str):
        return policy
    if _is_policy_class(policy):
        return policy().name()
    return policy.name()


# ---- sweeps -------------------------------------------------------------------------------------

def _sweep_chunk(scenario_json, scenario_label, policy, replications, days, seed):
    """Runs of one scenario and policy, as plain rows (on a Dask worker or in-process)."""
    scenario = _fsd.Scenario.from_json(scenario_json)
    rows = []
    for r in replications:
        result = _fsd.simulate(scenario, _policy_for_run(policy), days=days, seed=_fsd.replication_seed(seed, r),
                               record_events=False)
        row = {"scenario": scenario_label, "policy": _policy_label(policy), "replication": r}
        for name, value, _ in result.report.kpis.entries():
            row[name] = value
        rows.append(row)
    return rows


def _sweep_tasks(scenarios, policies, replications, days, seed, shippable):
    """(scenario JSON, label, policy, [replication], days, seed) per run, in the table's order."""
    if isinstance(scenarios, dict):
        items = list(scenarios.items())
    else:
        loaded = [load_scenario(s) for s in scenarios]
        items = [(s.name, s) for s in loaded]
    tasks = []
    for label, scenario in items:
        text = load_scenario(scenario).to_json(-1)
        for policy in policies:
            if shippable and not (isinstance(policy, str) or _is_policy_class(policy)):
                raise TypeError("sweep on Dask needs policy names or Policy subclasses; a Policy object cannot "
                                "be shipped to workers")
            tasks.extend((text, label, policy, [r], days, seed) for r in range(replications))
    return tasks


def _sweep_frame(chunks):
    import pandas as pd

    return pd.DataFrame([row for chunk in chunks for row in chunk])


def serial_sweep(scenarios, policies, replications=5, days=7, seed=1):
    """The sweep in this process, in the same order and with the same seeds as sweep().

    Parameters
    ----------
    scenarios, policies, replications, days, seed
        As for sweep.

    Returns
    -------
    pandas.DataFrame
        One row per run: scenario, policy (as passed), replication and one column per KPI.
    """
    tasks = _sweep_tasks(scenarios, policies, replications, days, seed, shippable=False)
    return _sweep_frame([_sweep_chunk(*t) for t in tasks])


def sweep(scenarios, policies, replications=5, days=7, seed=1, client=None):
    """Every scenario x policy x replication on Dask `distributed`.

    Equal to serial_sweep() for the same seeds.

    Parameters
    ----------
    scenarios : list or dict
        A list (labelled by scenario name) or a dict label -> scenario; each a Scenario, path,
        JSON text or dict (shipped to workers as JSON text).
    policies : list of str or type
        Names or Policy subclasses (a Policy object cannot be shipped); labelled as passed.
    replications : int, default 5
    days : int, default 7
    seed : int, default 1
    client : None or str or distributed.Client
        None starts a local cluster (2 worker processes) and closes it afterwards; a string is a
        scheduler address; a Client is used as is; "serial" runs in this process.

    Returns
    -------
    pandas.DataFrame
        One row per run: scenario, policy, replication and one column per KPI.
    """
    if isinstance(client, str) and client == "serial":
        return serial_sweep(scenarios, policies, replications=replications, days=days, seed=seed)
    tasks = _sweep_tasks(scenarios, policies, replications, days, seed, shippable=True)
    owned = []
    if client is None or isinstance(client, str):
        from distributed import Client, LocalCluster

        if client is None:
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            owned.append(cluster)
            client = Client(cluster)
        else:
            client = Client(client)
        owned.insert(0, client)
    try:
        # One task per run: run times differ by orders of magnitude between scenarios and policies,
        # so finer tasks balance the workers better than one task per scenario and policy would.
        texts = list(dict.fromkeys(t[0] for t in tasks))
        shipped = dict(zip(texts, client.scatter(texts, broadcast=True)))
        futures = [client.submit(_sweep_chunk, shipped[t[0]], *t[1:], pure=False) for t in tasks]
        chunks = client.gather(futures)
    finally:
        for thing in owned:
            thing.close()
    return _sweep_frame(chunks)


# ---- plots --------------------------------------------------------------------------------------

def _figure(nrows=1, ncols=1, **kwargs):
    import matplotlib

    if not os.environ.get("MPLBACKEND") and not os.environ.get("DISPLAY"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(nrows, ncols, squeeze=False, **kwargs)


def plot_kpis(comparison_df, kpis=None):
    """Bars of each policy's mean with 95 % CI whiskers, one panel per KPI.

    Parameters
    ----------
    comparison_df : pandas.DataFrame
        The table compare_policies returns.
    kpis : list of str, optional
        Default: SLA rates, response time, travel, utilisation and first-time fix.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        A KPI that is not in the table.
    """
    import numpy as np

    available = list(dict.fromkeys(comparison_df["kpi"]))
    if kpis is None:
        kpis = [k for k in _DEFAULT_PLOT_KPIS if k in available] or available[:6]
    missing = [k for k in kpis if k not in available]
    if missing:
        raise KeyError(f"KPIs not in the table: {missing}")
    cols = min(3, len(kpis))
    rows = math.ceil(len(kpis) / cols)
    fig, axes = _figure(rows, cols, figsize=(4.2 * cols, 3.2 * rows))
    policies = list(dict.fromkeys(comparison_df["policy"]))
    x = np.arange(len(policies))
    for i, kpi in enumerate(kpis):
        ax = axes[i // cols][i % cols]
        part = comparison_df[comparison_df["kpi"] == kpi].drop_duplicates("policy")
        part = part.set_index("policy").reindex(policies)
        mean = part["mean"].to_numpy(dtype=float)
        low = np.nan_to_num(mean - part["ci_low"].to_numpy(dtype=float))
        high = np.nan_to_num(part["ci_high"].to_numpy(dtype=float) - mean)
        ax.bar(x, np.nan_to_num(mean), yerr=[low, high], capsize=4, color=[f"C{j}" for j in range(len(policies))])
        ax.set_xticks(x)
        ax.set_xticklabels(policies, rotation=30, ha="right")
        ax.set_title(kpi)
    for j in range(len(kpis), rows * cols):
        axes[j // cols][j % cols].set_visible(False)
    fig.tight_layout()
    return fig


def plot_backlog(runs):
    """Open tickets over time for one run or several.

    Parameters
    ----------
    runs : SimRun or list of SimRun

    Returns
    -------
    matplotlib.figure.Figure
    """
    if isinstance(runs, SimRun):
        runs = [runs]
    fig, axes = _figure(figsize=(8, 3.5))
    ax = axes[0][0]
    for run in runs:
        b = run.backlog
        ax.step(b["day"], b["open"], where="post", label=f"{run.policy} (seed {run.seed})")
    ax.set_xlabel("day")
    ax.set_ylabel("open tickets")
    ax.legend(loc="upper left", fontsize="small")
    ax.set_title("Backlog")
    fig.tight_layout()
    return fig


# What an engineer does after each event, for the Gantt chart (None: nothing drawn).
_ACTIVITY_AFTER = {"travel_start": "travel", "arrive": "on site", "break_start": "break"}
_ACTIVITY_COLOURS = {"travel": "tab:orange", "on site": "tab:blue", "break": "tab:gray"}


def _day_intervals(run, day):
    """(engineer index, activity, start, end, ticket index) of the day, from the event log."""
    ev = run.events
    ev = ev[(ev["engineer_index"] >= 0) & (ev["day"] == day)]
    out = []
    for e, group in ev.groupby("engineer_index", sort=True):
        current = None  # (activity, start, ticket)
        for time, kind, ticket in zip(group["time"], group["kind"].astype(str), group["ticket_index"]):
            if kind in ("assigned", "unassigned", "created", "follow_up", "cancelled", "shift_end"):
                continue
            if current is not None and time > current[1]:
                out.append((e, current[0], current[1], time, current[2]))
            current = None
            activity = _ACTIVITY_AFTER.get(kind)
            if activity is not None:
                current = (activity, time, ticket)
        if current is not None:
            out.append((e, current[0], current[1], (day + 1) * _DAY, current[2]))
    return out


def first_working_day(run):
    """The first simulation day on which some engineer arrived on site.

    Parameters
    ----------
    run : SimRun

    Returns
    -------
    int
        The day (0 when nobody arrived anywhere).
    """
    ev = run.events
    days = ev.loc[ev["kind"] == "arrive", "day"]
    return int(days.iloc[0]) if len(days) else 0


def plot_gantt(run, day=None):
    """Per engineer: travel, on-site and break bars of one simulation day of a run.

    ``fsdispatch.plot_gantt`` draws plans and hands runs to this function.

    Parameters
    ----------
    run : SimRun
    day : int, optional
        Default: the first day with a visit.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if day is None:
        day = first_working_day(run)
    names = list(run.result.log.engineers)
    fig, axes = _figure(figsize=(10, max(2.5, 0.3 * len(names) + 1)))
    ax = axes[0][0]
    for activity in _ACTIVITY_COLOURS:
        spans = [(s, end - s, e) for e, a, s, end, _ in _day_intervals(run, day) if a == activity]
        for start, width, e in spans:
            ax.broken_barh([((start - day * _DAY) / 3600, width / 3600)], (e - 0.4, 0.8),
                           color=_ACTIVITY_COLOURS[activity])
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names, fontsize="small")
    ax.invert_yaxis()
    ax.set_xlabel("hour of day")
    ax.set_xlim(0, 24)
    ax.set_title(f"{run.policy}: day {day}")
    from matplotlib.patches import Patch

    handles = [Patch(color=c, label=a) for a, c in _ACTIVITY_COLOURS.items()]
    ax.legend(handles=handles, loc="upper right", fontsize="small")
    fig.tight_layout()
    return fig


def plot_route_map(run, day=None):
    """Each engineer's visits of one simulation day as lines on lon/lat, from and to the home base.

    Parameters
    ----------
    run : SimRun
    day : int, optional
        Default: the first day with a visit.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if day is None:
        day = first_working_day(run)
    homes = run.scenario.engineer_homes
    locations = run.ticket_locations()
    ev = run.events
    ev = ev[(ev["day"] == day) & (ev["kind"] == "arrive") & (ev["engineer_index"] >= 0)]
    fig, axes = _figure(figsize=(7, 7))
    ax = axes[0][0]
    for e, group in ev.groupby("engineer_index", sort=True):
        home = homes[e]
        points = [home] + [locations[t] for t in group["ticket"] if t in locations] + [home]
        lats, lons = zip(*points)
        colour = f"C{e % 10}"
        ax.plot(lons, lats, "-o", color=colour, markersize=3, linewidth=1, label=run.result.log.engineers[e])
    if homes:
        ax.scatter([h[1] for h in homes], [h[0] for h in homes], marker="s", color="black", s=18, zorder=3)
    if homes:  # equal ground distances along both axes
        ax.set_aspect(1 / max(0.1, math.cos(math.radians(sum(h[0] for h in homes) / len(homes)))))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"{run.policy}: routes of day {day}")
    if 0 < ev["engineer_index"].nunique() <= 12:
        ax.legend(fontsize="x-small", loc="best")
    fig.tight_layout()
    return fig


# ---- report -------------------------------------------------------------------------------------

def _png(fig):
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _ci_text(mean, low, high):
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "n/a"
    if isinstance(low, float) and math.isnan(low):
        return f"{mean:.4g}"
    return f"{mean:.4g} [{low:.4g}, {high:.4g}]"


def _staffing_parts(staffing):
    """HTML of the staffing section: each item is a forecast DataFrame (series, interval_start, mean,
    lower, upper), a roster result (fsd.roster), a field staffing result (fsd.staff_field) or a
    simulated check of a roster (a dict with "attainment" rows, as examples/python/staffing_from_history.py
    makes)."""
    import matplotlib.pyplot as plt

    parts = ["<h2>Staffing</h2>"]
    for item in staffing:
        columns = getattr(item, "columns", None)
        if columns is not None and {"series", "interval_start", "mean", "lower", "upper"} <= set(columns):
            from .forecast import plot_forecast

            summary = item.attrs.get("series")
            if summary is not None and len(summary):
                parts.append("<h3>Forecast: tickets per week in the history and expected next week, with its interval</h3>")
                parts.append(summary.to_html(index=False, float_format=lambda v: f"{v:.3g}"))
            for series in list(dict.fromkeys(item["series"]))[:6]:
                fig, ax = plt.subplots(figsize=(9, 3))
                plot_forecast(item, series=series, ax=ax)
                parts.append(f"<img src='data:image/png;base64,{_png(fig)}'>")
        elif hasattr(item, "verification") and hasattr(item, "points"):
            from .field_staffing import plot_staffing_curve

            parts.append("<h3>Field headcount per skill group (simulated)</h3>")
            parts.append(item.groups.to_html(index=False))
            parts.append("<h4>Check on replications the search never used</h4>")
            parts.append(item.verification.to_html(index=False, float_format=lambda v: f"{v:.4g}"))
            fig, ax = plt.subplots(figsize=(7, 4.5))
            plot_staffing_curve(item, ax=ax)
            parts.append(f"<img src='data:image/png;base64,{_png(fig)}'>")
        elif hasattr(item, "coverage") and hasattr(item, "shifts"):
            from .roster import plot_coverage

            parts.append(f"<h3>Roster: {html.escape(str(item.status))}, cost {item.cost:.2f}, gap {item.gap:.2%}, "
                         f"{len(item.shifts)} shifts</h3>")
            coverage = item.coverage
            for skill in list(dict.fromkeys(coverage["skill"]))[:6]:
                fig, ax = plt.subplots(figsize=(9, 3))
                plot_coverage(item, skill=skill, ax=ax)
                parts.append(f"<img src='data:image/png;base64,{_png(fig)}'>")
        elif isinstance(item, dict) and "attainment" in item:
            parts.append(f"<h3>{html.escape(item.get('title', 'Roster checked in the simulator'))}</h3>")
            import pandas as pd

            parts.append(pd.DataFrame(item["attainment"]).to_html(index=False, float_format=lambda v: f"{v:.4g}"))
        else:
            raise TypeError(f"staffing: cannot report an item of type {type(item).__name__}")
    return parts


def html_report(path, comparison_df, runs=None, title="Dispatch policy comparison", staffing=None):
    """Writes a self-contained HTML report (figures as base64 PNG, tables as HTML).

    The KPI table with 95 % CIs and paired differences, KPI bars, and for `runs` the backlog, a
    Gantt chart and a route map of the first working day. The file is replaced whole, never left
    half written.

    Parameters
    ----------
    path : str or os.PathLike or None
        None writes a temporary file.
    comparison_df : pandas.DataFrame
        The table compare_policies returns.
    runs : list of SimRun, optional
    title : str, default "Dispatch policy comparison"
    staffing : list, optional
        Adds a staffing section: forecasts with their intervals, field headcounts with the
        cost-vs-attainment curve, rosters' coverage against the requirement, simulated checks of
        a roster.

    Returns
    -------
    str
        The path written.
    """
    if path is None:
        path = os.path.join(tempfile.mkdtemp(prefix="fsd-report-"), "report.html")
    if isinstance(runs, SimRun):
        runs = [runs]
    runs = list(runs or [])
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>",
             "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;font-size:13px}"
             "td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#eee}"
             "img{max-width:100%}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>"]
    if comparison_df is not None and len(comparison_df):
        df = comparison_df
        policies = list(dict.fromkeys(df["policy"]))
        table = df.assign(value=[_ci_text(m, lo, hi) for m, lo, hi in zip(df["mean"], df["ci_low"], df["ci_high"])],
                          difference=[_ci_text(m, lo, hi) for m, lo, hi in
                                      zip(df["diff_mean"], df["diff_low"], df["diff_high"])])
        values = table.drop_duplicates(["kpi", "policy"]).pivot(index="kpi", columns="policy", values="value")
        values = values.reindex(index=list(dict.fromkeys(df["kpi"])), columns=policies)
        diffs = table.drop_duplicates(["kpi", "policy"]).pivot(index="kpi", columns="policy", values="difference")
        diffs = diffs.reindex(index=list(dict.fromkeys(df["kpi"])), columns=policies[1:])
        parts.append("<h2>KPIs: mean [95 % CI]</h2>")
        parts.append(values.to_html())
        if len(policies) > 1:
            parts.append(f"<h2>Paired difference to {html.escape(policies[0])}: mean [95 % CI]</h2>")
            parts.append(diffs.to_html())
        parts.append(f"<h2>KPI bars</h2><img src='data:image/png;base64,{_png(plot_kpis(df))}'>")
    if runs:
        parts.append("<h2>Runs</h2>")
        import pandas as pd

        kpi_table = pd.DataFrame({f"{r.policy} (seed {r.seed})": r.kpis for r in runs})
        parts.append(kpi_table.to_html(float_format=lambda v: f"{v:.4g}"))
        parts.append(f"<h3>Backlog</h3><img src='data:image/png;base64,{_png(plot_backlog(runs))}'>")
        for run in runs:
            day = first_working_day(run)
            parts.append(f"<h3>{html.escape(run.policy)}: day {day}</h3>")
            parts.append(f"<img src='data:image/png;base64,{_png(plot_gantt(run, day))}'>")
            parts.append(f"<img src='data:image/png;base64,{_png(plot_route_map(run, day))}'>")
    if staffing:
        parts.extend(_staffing_parts(list(staffing)))
    parts.append("</body></html>")
    temporary = f"{path}.tmp{os.getpid()}"
    try:
        with open(temporary, "w", encoding="utf-8") as out:
            out.write("\n".join(parts))
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return path
