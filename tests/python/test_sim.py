import json
import math
import os

import pandas as pd
import pytest

import fsdispatch as fsd


def _scenario(seed=3, name="tiny"):
    return fsd.generate_scenario(name=name, engineers=4, tickets_per_day=12, skills=2, radius_km=10, seed=seed)


class FirstCapable(fsd.Policy):
    """Gives each ticket to the first on-shift engineer who can serve it; a freed engineer takes
    the oldest waiting ticket it can serve."""

    def __init__(self):
        super().__init__()
        self.calls = {"ticket": 0, "free": 0}

    def name(self):
        return "first_capable"

    def on_ticket(self, ctx, ticket):
        self.calls["ticket"] += 1
        assert ctx.ticket_status(ticket) == fsd.SimTicketStatus.waiting
        for e in range(ctx.engineer_count()):
            if ctx.on_shift(e) and ctx.can_serve(e, ticket):
                ctx.assign(ticket, e)
                return

    def on_engineer_free(self, ctx, engineer):
        self.calls["free"] += 1
        for t in ctx.waiting():
            if ctx.can_serve(engineer, t):
                ctx.assign(t, engineer)
                return


class Exploding(fsd.Policy):
    def name(self):
        return "exploding"

    def on_ticket(self, ctx, ticket):
        raise ZeroDivisionError("policy bug on ticket %d" % ticket)


class Keeper(fsd.Policy):
    """Keeps the context past the call (which a policy must not rely on)."""

    def __init__(self):
        super().__init__()
        self.kept = None

    def name(self):
        return "keeper"

    def on_ticket(self, ctx, ticket):
        self.kept = ctx


def test_scenario_round_trip_and_properties(tmp_path):
    s = _scenario()
    path = tmp_path / "tiny.json"
    path.write_text(s.to_json())
    assert fsd.Scenario.read(str(path)).to_json() == s.to_json()
    assert fsd.load_scenario(path).to_json() == s.to_json()
    with pytest.raises(fsd.InputError):
        fsd.Scenario.read(str(tmp_path / "missing.json"))
    assert s.name == "tiny"
    assert len(s.engineer_ids) == 4 and len(set(s.engineer_ids)) == 4
    assert s.ticket_type_names
    back = fsd.Scenario.from_json(s.to_json())
    assert back.to_json() == s.to_json()
    assert fsd.load_scenario(json.loads(s.to_json())).to_json() == s.to_json()
    assert set(fsd.scenario_preset_names()) >= {"urban", "rural", "specialist", "peak"}
    assert fsd.scenario_preset("urban", seed=2).engineer_ids
    with pytest.raises(TypeError):
        fsd.generate_scenario(engineers=3, no_such_option=1)


def test_simulate_tiny_scenario():
    run = fsd.simulate(_scenario(), "nearest", days=2, seed=1)
    k = run.kpis
    assert list(k.index) == [e[0] for e in run.result.report.kpis.entries()]
    assert k["tickets"] == len(run.tickets) > 0
    assert 0 <= k["utilisation"] <= 1
    assert k["resolved"] + k["cancelled"] + k["open_at_end"] == k["tickets"]
    ev = run.events
    assert list(ev.columns[:6]) == ["time", "day", "kind", "ticket", "engineer", "value"]
    assert ev["time"].is_monotonic_increasing
    assert (ev["kind"] == "created").sum() == k["tickets"]
    t = run.tickets
    assert set(t["status"]) <= {"resolved", "cancelled", "open"}
    assert (t["status"] == "resolved").sum() == k["resolved"]
    done = t[t["status"] == "resolved"]
    assert (done["first_arrival"] >= done["created"]).all() and (done["resolved"] >= done["first_arrival"]).all()
    assert (done["visits"] >= 1).all()
    assert run.backlog["open"].max() == k["backlog_max"]
    assert list(run.by_priority.columns) == ["priority", "tickets", "sla_response_rate", "sla_resolution_rate"]
    assert set(run.kpi_table().columns) == {"kpi", "value", "higher_is_better"}
    assert run.policy == "nearest" and run.scenario.name == "tiny"


def test_same_seed_same_run_different_seed_different_run():
    s = _scenario()
    a = fsd.simulate(s, "least_loaded", days=2, seed=7)
    b = fsd.simulate(s, "least_loaded", days=2, seed=7)
    c = fsd.simulate(s, "least_loaded", days=2, seed=8)
    pd.testing.assert_series_equal(a.kpis, b.kpis)
    pd.testing.assert_frame_equal(a.events, b.events)
    # Keeping only what KPIs need changes no KPI.
    lean = fsd.simulate(s, "least_loaded", days=2, seed=7, record_events=False)
    pd.testing.assert_series_equal(a.kpis, lean.kpis)
    assert not a.events[["time", "kind", "ticket"]].equals(c.events[["time", "kind", "ticket"]])


def test_progress_bar_and_every_builtin_policy():
    s = _scenario()
    for name in fsd.builtin_policy_names():
        run = fsd.simulate(s, name, days=1, seed=2, record_events=False, progress=(name == "nearest"))
        assert run.kpis["tickets"] > 0


def test_python_policy_gets_callbacks_and_serves_tickets():
    policy = FirstCapable()
    run = fsd.simulate(_scenario(), policy, days=2, seed=1)
    assert run.policy == "first_capable"
    assert policy.calls["ticket"] >= run.kpis["tickets"]
    assert policy.calls["free"] > 0
    k = run.kpis
    assert k["resolved"] > 0.5 * k["tickets"]
    assert 0 <= k["sla_response_rate"] <= 1 and 0 < k["utilisation"] <= 1
    # A class is instantiated fresh for each run: the same run again.
    again = fsd.simulate(_scenario(), FirstCapable, days=2, seed=1)
    pd.testing.assert_series_equal(run.kpis.rename(None), again.kpis.rename(None))


def test_python_exception_in_callback_propagates():
    with pytest.raises(ZeroDivisionError, match="policy bug on ticket"):
        fsd.simulate(_scenario(), Exploding(), days=1, seed=1)
    # The policy is usable again afterwards, and the interpreter is fine.
    with pytest.raises(ZeroDivisionError):
        fsd.simulate(_scenario(), Exploding, days=1, seed=1)


def test_context_is_only_valid_during_the_callback():
    keeper = Keeper()
    fsd.simulate(_scenario(), keeper, days=1, seed=1)
    assert keeper.kept is not None and not keeper.kept.valid
    with pytest.raises(RuntimeError, match="only valid during"):
        keeper.kept.ticket_count()


def test_bad_policy_actions_and_names():
    class Bad(fsd.Policy):
        def name(self):
            return "bad"

        def on_ticket(self, ctx, ticket):
            ctx.assign(ticket, 99)

    with pytest.raises(IndexError):
        fsd.simulate(_scenario(), Bad(), days=1, seed=1)

    class Twice(FirstCapable):
        def on_ticket(self, ctx, ticket):
            super().on_ticket(ctx, ticket)
            e = next(e for e in range(ctx.engineer_count()) if ctx.can_serve(e, ticket))
            ctx.assign(ticket, e)  # once the first assign queued it, this one breaks the rules

    # The engine's InputError crosses Python and C++ twice and arrives as itself.
    with pytest.raises(fsd.InputError):
        fsd.simulate(_scenario(), Twice(), days=2, seed=1)
    with pytest.raises(fsd.InputError):
        fsd.simulate(_scenario(), "no_such_policy", days=1, seed=1)
    with pytest.raises(TypeError):
        fsd.simulate(_scenario(), 42, days=1, seed=1)


def _bad(mutate):
    doc = json.loads(_scenario().to_json())
    mutate(doc)
    with pytest.raises(fsd.InputError) as err:
        fsd.simulate(doc, "nearest", days=1)
    return err.value


def test_bad_scenario_dicts_name_the_field():
    err = _bad(lambda d: d["arrivals"].__setitem__("tickets_per_day", -5))
    assert err.path == "/arrivals/tickets_per_day"

    def shift_never_starts(d):
        shift = d["engineers"][1]["shifts"][0]
        shift["start"], shift["end"] = shift["end"], shift["start"]

    err = _bad(shift_never_starts)
    assert err.path.startswith("/engineers/1/shifts/0")

    def nobody_can_serve(d):
        d["ticket_types"][0]["skill"] = "underwater_welding"

    err = _bad(nobody_can_serve)
    assert err.path.startswith("/ticket_types/0")
    assert "/ticket_types/0" in str(err)


def test_hostile_scenarios_and_runs_are_refused_from_python():
    # The reported rate: drawn until the machine ran out, from the CLI and from Python alike.
    assert _bad(lambda d: d["arrivals"].__setitem__("tickets_per_day", 1e308)).path == "/arrivals/tickets_per_day"
    s = _scenario()
    s.start_date = 10 ** 15  # days since 1970: the SLA calendars' arithmetic would overflow
    with pytest.raises(fsd.InputError) as err:
        fsd.simulate(s, "nearest", days=1)
    assert err.value.path == "/start_date"
    # Drawing the tickets on its own checks what a run checks.
    with pytest.raises(fsd.InputError) as err:
        fsd.draw_ticket_stream(s, 1, 1)
    assert err.value.path == "/start_date"
    with pytest.raises(fsd.InputError) as err:
        fsd.draw_ticket_stream(_scenario(), 4000, 1)
    assert err.value.path == "/days"
    # A backlog interval of 0 sampled forever.
    run = fsd.simulate(_scenario(), "nearest", days=1)
    with pytest.raises(fsd.InputError) as err:
        fsd.compute_kpis(run.result.log, 0)
    assert err.value.path == "/backlog_interval"

    class Rarely(FirstCapable):
        def tick_interval(self):
            return 2 ** 63 - 1  # once, at the start: the next tick lies past any horizon

        def on_tick(self, ctx):
            self.calls["tick"] = self.calls.get("tick", 0) + 1

    policy = Rarely()
    fsd.simulate(_scenario(), policy, days=2)
    assert policy.calls["tick"] == 1


def test_compare_policies_ci_and_paired_differences():
    s = _scenario()
    table = fsd.compare_policies(s, ["nearest", FirstCapable, "nearest"], replications=3, days=1, seed=5,
                                 progress=False)
    assert list(table.columns) == ["policy", "kpi", "mean", "ci_low", "ci_high", "diff_mean", "diff_low", "diff_high"]
    kpi_names = [e[0] for e in fsd.simulate(s, "nearest", days=1).result.report.kpis.entries()]
    assert len(table) == 3 * len(kpi_names)
    ok = table.dropna(subset=["mean", "ci_low", "ci_high"])
    assert len(ok) > 0
    assert ((ok["ci_low"] <= ok["mean"]) & (ok["mean"] <= ok["ci_high"])).all()
    # The baseline against itself, and the same policy again, differ by exactly 0.
    for part in (table.iloc[:len(kpi_names)], table.iloc[2 * len(kpi_names):]):
        diffs = part["diff_mean"].dropna()
        assert len(diffs) > 0 and (diffs == 0).all()
    # Built-in policies: the Python comparison equals the C++ one (what the CLI prints).
    py_table = fsd.compare_policies(s, ["nearest", "edf"], replications=2, days=1, seed=5, progress=False)
    cpp = fsd.comparison_to_dataframe(fsd._fsd.compare_policies(s, ["nearest", "edf"], replications=2, days=1, seed=5))
    pd.testing.assert_frame_equal(py_table, cpp)


def test_summarise_and_compare_runs():
    s = fsd.summarise([1.0, 2.0, 3.0, float("nan")])
    assert s.n == 3 and s.mean == pytest.approx(2.0) and s.low < 2.0 < s.high
    assert math.isnan(fsd.summarise([1.0]).half_width)
    k = fsd.Kpis(tickets=10, resolved=8)
    assert k.tickets == 10 and k.fields()["resolved"] == 8
    c = fsd.compare_runs(["a", "b"], [[k, k], [k, k]])
    assert c.policies == ["a", "b"] and len(c.rows) == 2 * len(k.entries())
    assert fsd.replication_seed(1, 0) != fsd.replication_seed(1, 1)


def test_dask_sweep_equals_serial_sweep(monkeypatch):
    # Worker processes unpickle FirstCapable by importing this module.
    here = os.path.dirname(os.path.abspath(__file__))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])))
    scenarios = [_scenario(3, "tiny-a"), _scenario(4, "tiny-b")]
    policies = ["nearest", FirstCapable]
    serial = fsd.sweep(scenarios, policies, replications=2, days=2, seed=9, client="serial")
    assert len(serial) == 2 * 2 * 2
    assert list(serial.columns[:3]) == ["scenario", "policy", "replication"]
    assert set(serial["scenario"]) == {"tiny-a", "tiny-b"}
    assert set(serial["policy"]) == {"nearest", "first_capable"}
    dask = fsd.sweep(scenarios, policies, replications=2, days=2, seed=9)  # a LocalCluster of 2 processes
    pd.testing.assert_frame_equal(serial, dask)


def test_plots_and_html_report(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    s = _scenario()
    table = fsd.compare_policies(s, ["nearest", "least_loaded"], replications=2, days=1, progress=False)
    runs = [fsd.simulate(s, p, days=2, seed=1) for p in ("nearest", "least_loaded")]
    day = fsd.first_working_day(runs[0])
    assert (runs[0].events.query("day == @day")["kind"] == "arrive").any()
    for name, fig in [("kpis", fsd.plot_kpis(table)), ("kpis2", fsd.plot_kpis(table, kpis=["travel_km"])),
                      ("backlog", fsd.plot_backlog(runs)), ("gantt", fsd.plot_gantt(runs[0], day)),
                      ("map", fsd.plot_route_map(runs[0]))]:
        out = tmp_path / f"{name}.png"
        fig.savefig(out)
        assert out.stat().st_size > 1000
    # One on-site bar per visit that day, drawn from the event log.
    visits = ((runs[0].events["day"] == day) & (runs[0].events["kind"] == "arrive")).sum()
    assert len(fsd.plot_gantt(runs[0], day).axes[0].collections) >= visits
    with pytest.raises(KeyError):
        fsd.plot_kpis(table, kpis=["no_such_kpi"])
    path = fsd.html_report(str(tmp_path / "report.html"), table, runs=runs, title="Tiny <test>")
    text = (tmp_path / "report.html").read_text()
    assert path.endswith("report.html")
    assert "Tiny &lt;test&gt;" in text and "data:image/png;base64," in text and "<table" in text
    assert "sla_response_rate" in text


def _team(levels, replay):
    """Engineers at one home, every day 08:00-17:00, with the given levels in "boiler"; 30-minute
    visits at every level; tickets replayed."""
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    return {
        "format": "fsdispatch-scenario", "version": 1, "name": "team",
        "region": {"centre": {"lat": 52.0, "lon": 5.0}, "radius_km": 10},
        "engineers": [{"id": "E%d" % (i + 1), "home": {"lat": 52.0, "lon": 5.0},
                       "skills": [{"skill": "boiler", "level": lv}],
                       "shifts": [{"days": days, "start": "08:00", "end": "17:00"}]}
                      for i, lv in enumerate(levels)],
        "ticket_types": [{"name": "boiler", "skill": "boiler", "priority_mix": [0, 1],
                          "duration": {"empirical": [1800]}}],
        "arrivals": {"replay": replay},
        "rules": {"max_overtime": 0, "duration_factor_by_level": [1.0]},
    }


def _first_visitor(run, ticket_id):
    ev = run.events
    arrive = ev[(ev["kind"] == "arrive") & (ev["ticket"] == ticket_id)]
    return arrive["engineer"].iloc[0] if len(arrive) else None


def test_optimising_policies_send_a_senior_where_a_failed_visit_loses_the_sla():
    # P1: resolution within 8 h, and a failed visit's follow-up comes a day later.
    urgent = _team([1, 3], [{"created": 8 * 3600 + 1800, "type": "boiler", "lat": 52.05, "lon": 5.0, "priority": 1}])
    assert _first_visitor(fsd.simulate(urgent, "nearest", days=1), "T000001") == "E1"
    assert _first_visitor(fsd.simulate(urgent, "insertion", days=1), "T000001") == "E2"
    assert _first_visitor(fsd.simulate(urgent, "batch", days=1), "T000001") == "E2"


class QueueAll(fsd.Policy):
    """Queues every new ticket to the first engineer, once; notes when it is asked for work."""

    def __init__(self):
        super().__init__()
        self.seen, self.asked, self.handed_back = set(), [], []

    def name(self):
        return "queue_all"

    def on_ticket(self, ctx, ticket):
        if ticket in self.seen:
            self.handed_back.append((ctx.now, ticket))
            return
        self.seen.add(ticket)
        ctx.assign(ticket, 0)

    def on_engineer_free(self, ctx, engineer):
        self.asked.append(ctx.now)


def test_a_queued_ticket_that_no_longer_fits_the_day_comes_back_at_once():
    # The first ticket is over an hour's drive away at 16:00 (no overtime allowed): it goes back to
    # the pool at once and the engineer is asked for other work, then serves the near one.
    policy = QueueAll()
    run = fsd.simulate(_team([2], [
        {"created": 16 * 3600, "type": "boiler", "lat": 53.0, "lon": 5.0, "priority": 3},
        {"created": 16 * 3600 + 60, "type": "boiler", "lat": 52.05, "lon": 5.0, "priority": 3},
    ]), policy, days=1)
    assert policy.handed_back[0] == (16 * 3600, 0)
    assert 16 * 3600 in policy.asked
    assert _first_visitor(run, "T000001") is None
    assert _first_visitor(run, "T000002") == "E1"
