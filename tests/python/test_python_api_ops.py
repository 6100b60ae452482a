"""The typed, idiomatic face of the operations half of the package: dispatch, assign, sim, sla,
triage and staffing. Signatures show names, values print and compare, the heavy objects pickle,
instants come as seconds, ISO text or aware datetimes, and tables say what the user passed."""
import copy
import datetime as dt
import inspect
import pickle

import pytest

import fsdispatch as fsd
from conftest import DAY, ROOT

UTC = dt.timezone.utc
DAY_DT = dt.datetime(2026, 11, 24, tzinfo=UTC)
assert int(DAY_DT.timestamp()) == DAY


def _live_plan(now=DAY + 7 * 3600):
    problem = fsd.Problem.from_json((ROOT / "examples" / "data" / "service_day.json").read_text())
    solution = fsd.solve(problem, time_limit=1, iteration_limit=50, seed=4)
    return problem, solution, fsd.LivePlan(problem, solution, now)


def _ticket(tid):
    return fsd.Job(id=tid, location=fsd.Location(lat=48.14, lon=11.58), duration=600)


def _policy():
    with open(ROOT / "tests" / "data" / "sla_policy.json", encoding="utf-8") as f:
        return fsd.SlaPolicy.from_json(f.read())


def _first_line(doc):
    return doc.splitlines()[0]


# ---- signatures ---------------------------------------------------------------------------------

@pytest.mark.parametrize("function, names", [
    (fsd.LivePlan.__init__, ["problem", "solution", "now"]),
    (fsd.LivePlan.insert, ["ticket", "alternatives", "engineer", "commit", "asap", "at"]),
    (fsd.LivePlan.book_slot, ["ticket", "window", "alternatives", "engineer"]),
    (fsd.LivePlan.offer_slots, ["ticket", "windows"]),
    (fsd.LivePlan.reoptimise, ["time_limit", "iteration_limit", "seed", "reassignment_cost"]),
    (fsd.LivePlan.cancel, ["ticket", "at"]),
    (fsd.LivePlan.apply, ["event"]),
    (fsd.AssignTicket.__init__, ["id", "location", "skills", "priority", "sla_deadline", "duration"]),
    (fsd.AssignEngineer.__init__, ["id", "position", "available_from", "skills", "capacity", "speed_factor"]),
    (fsd.AssignOptions.__init__, ["method", "eta_weight", "lateness_weight", "urgency_horizon"]),
    (fsd.AssignProblem.__init__, ["now", "tickets", "engineers", "great_circle", "travel_matrix"]),
    (fsd.AssignBatch.__init__, ["problem", "options"]),
    (fsd.Scenario.__init__, ["name", "start_date", "utc_offset_seconds", "sla_tier"]),
    (fsd.Kpis.__init__, ["tickets", "sla_response_rate", "reassignments"]),
    (fsd.generate_scenario, ["name", "engineers", "tickets_per_day", "centre", "seed"]),
    (fsd._fsd._sla_escalations, ["rows", "policy", "at"]),
])
def test_bound_signatures_name_their_parameters(function, names):
    signature = _first_line(function.__doc__)
    for name in names:
        assert f"{name}:" in signature, (name, signature)


def test_python_functions_have_numpydoc_sections():
    for function in (fsd.assign, fsd.simulate, fsd.compare_policies, fsd.sla_status, fsd.TriageModel.fit,
                     fsd.find_duplicates, fsd.comparison_to_dataframe):
        doc = inspect.getdoc(function)
        assert "Parameters\n----------" in doc and "Returns\n-------" in doc, function.__name__
    for cls in (fsd.LivePlan, fsd.AssignTicket, fsd.Scenario, fsd.SlaPolicy):
        assert cls.__doc__ and cls.__doc__.strip(), cls


def test_keyword_constructors_keep_defaults_and_refuse_unknown_fields():
    options = fsd.AssignOptions(method="greedy", eta_weight=3)
    assert (options.method, options.eta_weight, options.lateness_weight) == ("greedy", 3, 10)
    assert fsd.AssignEngineer(id="E").capacity == 1
    assert fsd.Scenario().name == "scenario"
    for cls, field in ((fsd.AssignTicket, "colour"), (fsd.AssignOptions, "eta_wieght"), (fsd.Scenario, "engineers"),
                       (fsd.AssignProblem, "jobs"), (fsd.Kpis, "speed")):
        with pytest.raises(TypeError):
            cls(**{field: 1})
    with pytest.raises(TypeError):
        fsd.generate_scenario(engineers=3, no_such_option=1)
    with pytest.raises(TypeError, match="unknown option"):
        fsd.assign(fsd.generate_assign_batch(tickets=2, engineers=2, now=DAY), colour=1)


# ---- repr and == ------------------------------------------------------------------------------------

def test_value_types_print_as_their_fields():
    ticket = fsd.AssignTicket(id="T-1", priority=60, sla_deadline=DAY + 3600)
    assert repr(ticket).startswith("AssignTicket(id='T-1', ")
    assert f"sla_deadline={DAY + 3600}" in repr(ticket)
    assert repr(fsd.AssignEngineer(id="E-1")).startswith("AssignEngineer(id='E-1', ")
    assert "method='exact'" in repr(fsd.AssignOptions())
    assert repr(fsd.AssignTravelMatrix(durations=[1, 2])) == "AssignTravelMatrix(durations=[1, 2], distances=[])"
    problem = fsd.generate_assign_batch(tickets=12, engineers=3, now=DAY, seed=2)
    assert repr(problem) == f"AssignProblem(now={DAY}, tickets=<12 items>, engineers=<3 items>, travel_matrix=None)"
    result = fsd.assign(problem)
    assert repr(result).startswith("AssignResult(method='exact', served=")
    assert repr(result._core.pairs[0]).startswith("AssignPair(ticket=")
    assert repr(fsd.Scenario(name="x")) == "Scenario(name='x', start_date=20416, engineers=0, ticket_types=0)"
    assert repr(fsd.Kpis(tickets=3)).startswith("Kpis(tickets=3.0, ")
    assert repr(fsd.KpiSummary(mean=1.5, half_width=0.5, n=4)) == "KpiSummary(mean=1.5, half_width=0.5, n=4)"
    assert repr(_policy()).startswith("SlaPolicy(tiers=[")


def test_live_plan_and_its_results_print_as_their_fields():
    _, _, plan = _live_plan()
    assert repr(plan).startswith(f"LivePlan(now={DAY + 7 * 3600}, engineers=")
    step = plan.routes[0].steps[0]
    assert repr(step).startswith("LiveStep(kind=") and "status='planned'" in repr(step)
    assert repr(plan.routes[0]).startswith("LiveRoute(steps=<")
    result = plan.insert(_ticket("NEW-R"))
    assert repr(result).startswith("InsertResult(job=") and "placed=True" in repr(result)
    assert repr(result.alternatives[0]).startswith("InsertionCandidate(engineer=")
    assert repr(result.changes).startswith("ChangeSet(routes=")
    assert repr(result.changes.routes[0]).startswith("RouteChange(engineer=")
    offer = plan.offer_slots(_ticket("CALL-R"), [(DAY + 9 * 3600, DAY + 11 * 3600)])[0]
    assert repr(offer).startswith("SlotOffer(window=")
    assert repr(plan.reoptimise(time_limit=0.2, iteration_limit=5)).startswith("ReoptimiseResult(accepted=")


def test_sim_results_print_as_their_fields():
    scenario = fsd.generate_scenario(name="tiny", engineers=3, tickets_per_day=8, skills=1, radius_km=5, seed=2)
    run = fsd.simulate(scenario, "nearest", days=1, seed=1)
    assert repr(run.result).startswith("SimResult(policy='nearest', events=")
    assert repr(run.result.log).startswith("SimLog(horizon_end=")
    assert repr(run.result.log.events[0]).startswith("SimEvent(time=")
    assert repr(run.result.log.tickets[0]).startswith("LoggedTicket(id=")
    assert repr(run.result.report).startswith("KpiReport(kpis=Kpis(")
    assert repr(run.result.report.backlog[0]).startswith("BacklogPoint(time=")
    assert repr(fsd.draw_ticket_stream(scenario, 1, 1).tickets[0]).startswith("SimTicket(id=")


def test_equality_of_value_types():
    assert fsd.AssignOptions(eta_weight=2) == fsd.AssignOptions(eta_weight=2)
    assert fsd.AssignOptions(eta_weight=2) != fsd.AssignOptions(eta_weight=3)
    by_text = fsd.AssignTicket(id="A", sla_deadline="2026-11-24T01:00:00Z")
    assert by_text == fsd.AssignTicket(id="A", sla_deadline=DAY + 3600)
    batch = fsd.generate_assign_batch(tickets=5, engineers=2, now=DAY, seed=3)
    assert fsd.assign(batch) == fsd.assign(batch)
    greedy = fsd.assign(batch, method="greedy")
    assert greedy.method == "greedy" and greedy != fsd.assign(batch)
    nan = float("nan")
    assert fsd.Kpis(tickets=2, sla_response_rate=nan) == fsd.Kpis(tickets=2, sla_response_rate=nan)
    assert fsd.Kpis(tickets=2) != fsd.Kpis(tickets=3)
    assert fsd.Scenario(name="a") == fsd.Scenario(name="a") != fsd.Scenario(name="b")
    _, _, plan = _live_plan()
    other = plan.copy()
    assert other == plan
    other.insert(_ticket("NEW-E"))
    assert other != plan


# ---- pickling -----------------------------------------------------------------------------------------

def test_live_plan_pickles_and_gives_equal_results_afterwards():
    _, _, plan = _live_plan()
    back = pickle.loads(pickle.dumps(plan))
    assert back == plan and back.to_json() == plan.to_json()
    a, b = plan.insert(_ticket("NEW-P")), back.insert(_ticket("NEW-P"))
    assert (a.placed, a.engineer, a.start, a.alternatives) == (b.placed, b.engineer, b.start, b.alternatives)
    assert back == plan
    assert copy.deepcopy(plan) == plan


def test_scenario_pickles_and_simulates_the_same():
    scenario = fsd.generate_scenario(name="tiny", engineers=3, tickets_per_day=8, skills=1, radius_km=5, seed=2)
    back = pickle.loads(pickle.dumps(scenario))
    assert back == scenario
    a = fsd.simulate(scenario, "nearest", days=2, seed=5, record_events=False)
    b = fsd.simulate(back, "nearest", days=2, seed=5, record_events=False)
    assert a.result.report.kpis == b.result.report.kpis


def test_sla_policy_pickles_and_gives_the_same_status():
    policy = _policy()
    back = pickle.loads(pickle.dumps(policy))
    assert back == policy and back.to_json() == policy.to_json()
    events = [{"ticket": "T1", "time": DAY + 9 * 3600, "event": "created", "priority": 2, "tier": back.tiers[0]}]
    assert (fsd.sla_status(events, policy, at=DAY + 12 * 3600).to_dict("records")
            == fsd.sla_status(events, back, at=DAY + 12 * 3600).to_dict("records"))


def test_triage_model_pickles_and_predicts_the_same():
    history = fsd.generate_tickets(count=300, seed=3)
    model = fsd.TriageModel.fit(history, min_df=1, max_iterations=50)
    back = pickle.loads(pickle.dumps(model))
    assert isinstance(back, fsd.TriageModel) and back == model
    texts = history["text"].head(20).tolist()
    assert back.predict(texts).equals(model.predict(texts))


def test_assign_batch_pickles():
    batch = fsd.AssignBatch(problem=fsd.generate_assign_batch(tickets=4, engineers=2, now=DAY),
                            options=fsd.AssignOptions(eta_weight=2))
    assert pickle.loads(pickle.dumps(batch)) == batch


# ---- labels and bounds --------------------------------------------------------------------------------

def test_comparison_labels_policies_as_passed_and_clips_bounds():
    scenario = fsd.generate_scenario(name="tiny", engineers=3, tickets_per_day=6, skills=1, radius_km=5, seed=2)
    table = fsd.compare_policies(scenario, ["nearest", "batch"], replications=3, days=1, progress=False)
    assert list(dict.fromkeys(table["policy"])) == ["nearest", "batch"]
    assert (table["ci_low"].dropna() >= 0).all()
    shares = table[table["kpi"].isin(["sla_response_rate", "sla_resolution_rate", "first_time_fix_rate"])]
    assert (shares["ci_high"].dropna() <= 1).all()
    # the differences to the first policy keep their sign: only values are clipped
    assert "diff_low" in table.columns
    rows = fsd.serial_sweep([scenario], ["batch"], replications=1, days=1)
    assert set(rows["policy"]) == {"batch"}


def test_clipping_is_only_where_a_value_cannot_go():
    comparison = fsd._fsd.compare_runs(["a"], [[fsd.Kpis(tickets=1, sla_response_rate=1.0),
                                                 fsd.Kpis(tickets=5, sla_response_rate=0.2)]])
    table = fsd.comparison_to_dataframe(comparison).set_index("kpi")
    summary = fsd.summarise([1.0, 5.0])
    assert summary.mean - summary.half_width < 0  # the raw interval would go below zero
    assert table.loc["tickets", "ci_low"] == 0.0
    assert table.loc["tickets", "ci_high"] == pytest.approx(summary.mean + summary.half_width)
    assert table.loc["sla_response_rate", "ci_high"] == 1.0


# ---- instants -------------------------------------------------------------------------------------------

def test_live_plan_takes_seconds_iso_text_and_aware_datetimes():
    problem, solution, by_seconds = _live_plan()
    by_text = fsd.LivePlan(problem, solution, "2026-11-24T08:00:00+01:00")
    by_datetime = fsd.LivePlan(problem, solution, DAY_DT + dt.timedelta(hours=7))
    assert by_seconds.now == by_text.now == by_datetime.now == DAY + 7 * 3600
    assert by_seconds.advance_time("2026-11-24T07:30:00Z") == by_datetime.advance_time(DAY_DT + dt.timedelta(hours=7.5))
    assert by_seconds.now == by_datetime.now == DAY + 7 * 3600 + 1800
    with pytest.raises(fsd.InputError) as err:
        by_seconds.advance_time(dt.datetime(2026, 11, 24, 9))
    assert err.value.path == "/now"
    with pytest.raises(fsd.InputError) as err:
        fsd.LivePlan(problem, solution, "tomorrow")
    assert err.value.path == "/now"
    offers = by_text.offer_slots(_ticket("CALL-T"), [("2026-11-24T09:00:00Z", DAY_DT + dt.timedelta(hours=11))])
    assert (offers[0].window.start, offers[0].window.end) == (DAY + 9 * 3600, DAY + 11 * 3600)
    result = by_text.insert(_ticket("LATE-1"), at="2026-11-24T08:00:00Z")
    assert result.placed and by_text.now == DAY + 8 * 3600


def test_assign_takes_iso_text_and_aware_datetimes():
    batch = fsd.generate_assign_batch(tickets=6, engineers=3, now=DAY + 9 * 3600, seed=4)
    by_seconds = fsd.assign(batch.tickets, batch.engineers, now=DAY + 9 * 3600)
    by_text = fsd.assign(batch.tickets, batch.engineers, now="2026-11-24T10:00:00+01:00")
    by_datetime = fsd.assign(batch.tickets, batch.engineers, now=DAY_DT + dt.timedelta(hours=9))
    assert by_seconds.pairs == by_text.pairs == by_datetime.pairs
    ticket = fsd.AssignTicket(id="X", sla_deadline=DAY_DT)
    assert ticket.sla_deadline == DAY
    with pytest.raises(fsd.InputError):
        fsd.AssignEngineer(id="E", available_from=dt.datetime(2026, 11, 24))
    with pytest.raises(TypeError):
        fsd.AssignProblem(now=1.5)


def test_simulate_start_takes_dates_and_instants():
    scenario = fsd.generate_scenario(name="tiny", engineers=2, tickets_per_day=4, skills=1, radius_km=5, seed=2)
    days = {fsd.simulate(scenario, "nearest", days=1, start=s, record_events=False).scenario.start_date
            for s in ("2026-11-24", dt.date(2026, 11, 24), "2026-11-24T08:00:00+01:00", DAY_DT, DAY // 86400)}
    assert days == {DAY // 86400}
    assert scenario.start_date == 20416  # the caller's scenario is not changed
    assert fsd.Scenario(start_date=dt.date(1970, 1, 3)).start_date == 2


def test_dataframe_instant_columns_follow_one_rule():
    pd = pytest.importorskip("pandas")
    texts = ["printer jams on tray two", "printer jams on tray two again", "wifi drops every hour"]
    frame = {"id": ["a", "b", "c"], "customer": ["k", "k", "m"], "asset": ["p", "p", "w"], "text": texts}
    seconds = [DAY, DAY + 3600, DAY + 7200]
    by_seconds = fsd.find_duplicates(pd.DataFrame({**frame, "created": seconds}), threshold=0.3)
    by_aware = fsd.find_duplicates(pd.DataFrame({**frame, "created": pd.to_datetime(seconds, unit="s", utc=True)}),
                                   threshold=0.3)
    stamps = ["2026-11-24T00:00:00Z", "2026-11-24T02:00:00+01:00", "2026-11-24T02:00:00Z"]
    by_text = fsd.find_duplicates(pd.DataFrame({**frame, "created": stamps}), threshold=0.3)
    assert len(by_seconds) == 1
    assert by_seconds.equals(by_aware) and by_seconds.equals(by_text)
    with pytest.raises(fsd.InputError) as err:
        fsd.find_duplicates(pd.DataFrame({**frame, "created": pd.to_datetime(seconds, unit="s")}))
    assert err.value.path == "/columns/created"
    with pytest.raises(fsd.InputError) as err:
        fsd.find_duplicates(pd.DataFrame({**frame, "created": ["2026-11-24T00:00:00Z", None, "x"]}))
    assert err.value.path == "/rows/1/created"


# ---- methods live on their classes ------------------------------------------------------------------------

def test_live_plan_methods_are_its_own():
    for name in ("insert", "book_slot", "offer_slots", "reoptimise", "changes_dict", "apply"):
        assert name in vars(fsd.LivePlan), name
        assert type(vars(fsd.LivePlan)[name]).__name__ == "instancemethod", name
    assert fsd.LivePlan is fsd._fsd.LivePlan


# ---- staffing --------------------------------------------------------------------------------------------

def test_forecast_options_take_keywords_and_instants():
    options = fsd.ForecastOptions(weeks=2, start="2026-01-26T01:00:00+01:00", model="poisson")
    assert (options.weeks, options.start, options.model, options.level) == (2, 1769385600, "poisson", 0.9)
    assert options == fsd.ForecastOptions(weeks=2, start=dt.datetime(2026, 1, 26, tzinfo=UTC), model="poisson")
    assert options != fsd.ForecastOptions(weeks=3)
    assert repr(options).startswith("ForecastOptions(interval=3600, utc_offset_minutes=0, holidays=[], weeks=2, ")
    with pytest.raises(TypeError):
        fsd.ForecastOptions(week=2)
    with pytest.raises(fsd.InputError) as err:
        fsd.ForecastOptions(model="arima")
    assert err.value.path == "/options/model"


def test_roster_problem_pickles_and_compares_by_document():
    templates = (ROOT / "examples" / "data" / "roster_templates.json").read_text()
    text = '{"interval": 1800, "requirements": [{"skill": "", "required": [1]}], "templates": ' + templates + '}'
    problem = fsd.RosterProblem.from_json(text.replace("[1]", str([1] * 336)))
    back = pickle.loads(pickle.dumps(problem))
    assert back == problem and back.to_json() == problem.to_json()


def test_field_staffing_options_are_keyword_only_with_a_repr():
    options = fsd.FieldStaffingOptions(target=0.8, days=3)
    assert repr(options).startswith("FieldStaffingOptions(target=0.8, kpi='sla_response_rate', ")
    with pytest.raises(TypeError):
        fsd.FieldStaffingOptions(0.8)


def test_plot_gantt_of_a_run_from_the_package_and_the_run():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    scenario = fsd.generate_scenario(name="tiny", engineers=2, tickets_per_day=6, skills=1, radius_km=5, seed=2)
    run = fsd.simulate(scenario, "nearest", days=1, seed=1)
    day = fsd.first_working_day(run)
    for figure in (fsd.plot_gantt(run, day=day), run.plot_gantt(day=day)):
        assert figure.axes[0].get_title() == f"nearest: day {day}"
