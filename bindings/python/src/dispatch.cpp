// Python bindings of the dispatch layer (live plans): conversion only; the
// solver runs without the GIL. Every method of LivePlan is defined here, with
// its argument conversions (instants, (start, end) tuples, event dicts).
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "enum_str.hpp"
#include "repr.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "instant.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;
using fsdpy::fields_repr;
using fsdpy::list_repr;
using fsdpy::py_repr;

namespace {

std::string quoted(const char* text) { return py_repr(std::string(text)); }

// A TimeWindow, or a (start, end) pair of instants.
TimeWindow to_window(const py::handle& value, const std::string& path) {
    if (py::isinstance<TimeWindow>(value)) return value.cast<TimeWindow>();
    if (!py::isinstance<py::sequence>(value) || py::isinstance<py::str>(value) || py::len(value) != 2)
        throw py::type_error(path + ": expected a TimeWindow or a (start, end) pair");
    const py::sequence pair = py::reinterpret_borrow<py::sequence>(value);
    return TimeWindow{fsdpy::to_instant(pair[0], path + "/start"), fsdpy::to_instant(pair[1], path + "/end")};
}

JsonWriteOptions json_options(int indent, std::optional<int> iso_offset_seconds) {
    JsonWriteOptions o;
    o.indent = indent;
    o.iso_offset_seconds = iso_offset_seconds;
    return o;
}

InsertOptions insert_options(int alternatives, std::optional<std::string> engineer, bool commit, bool asap,
                             const py::object& at) {
    InsertOptions o;
    o.alternatives = alternatives;
    o.engineer = std::move(engineer);
    o.commit = commit;
    o.asap = asap;
    if (!at.is_none()) o.at = fsdpy::to_instant(at, "/at");
    return o;
}

py::object json_loads(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

std::string live_plan_repr(const LivePlan& p) {
    return fields_repr("LivePlan", {{"now", py_repr(p.now())},
                                    {"engineers", py_repr(p.engineers().size())},
                                    {"tickets", py_repr(p.jobs().size())},
                                    {"pending", py_repr(p.pending().size())}});
}

void bind_value_types(py::module_& m) {
    py::enum_<StepStatus> stepstatus_enum(m, "StepStatus", "Where a step of a live route stands; any status but planned is frozen.");
    stepstatus_enum.value("planned", StepStatus::planned).value("en_route", StepStatus::en_route)
        .value("on_site", StepStatus::on_site).value("done", StepStatus::done);
    fsdpy::set_enum_str(stepstatus_enum, [](StepStatus x) { return to_string(x); });
    py::enum_<TicketStatus> ticketstatus_enum(m, "TicketStatus", "Where a ticket of a live plan stands (pending: on no route).");
    ticketstatus_enum.value("pending", TicketStatus::pending).value("planned", TicketStatus::planned)
        .value("en_route", TicketStatus::en_route).value("on_site", TicketStatus::on_site)
        .value("done", TicketStatus::done).value("cancelled", TicketStatus::cancelled);
    fsdpy::set_enum_str(ticketstatus_enum, [](TicketStatus x) { return to_string(x); });

    py::class_<LiveStep>(m, "LiveStep", R"(A job or break step of a live route.

Times are actual for done steps, expected for steps in progress and planned
for the rest (Unix seconds). ``index`` is the ticket index for a job step and
the engineer's break index for a break step.)")
        .def_readonly("kind", &LiveStep::kind)
        .def_readonly("index", &LiveStep::index)
        .def_readonly("status", &LiveStep::status)
        .def_readonly("arrival", &LiveStep::arrival)
        .def_readonly("start", &LiveStep::start)
        .def_readonly("end", &LiveStep::end)
        .def_readonly("travel_time", &LiveStep::travel_time)
        .def_readonly("travel_distance", &LiveStep::travel_distance)
        .def_readonly("lateness", &LiveStep::lateness)
        .def_readonly("departed", &LiveStep::departed, "en_route: when the engineer set off.")
        .def_readonly("extra", &LiveStep::extra, "Reported delay of a step in progress (seconds).")
        .def(py::self == py::self)
        .def("__repr__", [](const LiveStep& s) {
            return fields_repr("LiveStep", {{"kind", py::str(py::cast(s.kind)).cast<std::string>()},
                                            {"index", py_repr(s.index)},
                                            {"status", quoted(to_string(s.status))},
                                            {"arrival", py_repr(s.arrival)},
                                            {"start", py_repr(s.start)},
                                            {"end", py_repr(s.end)}});
        });
    py::class_<LiveRoute>(m, "LiveRoute", "One engineer's live route: frozen steps first, then the movable part.")
        .def_readonly("steps", &LiveRoute::steps)
        .def_readonly("departure", &LiveRoute::departure, "When the movable part leaves the anchor.")
        .def_readonly("end_arrival", &LiveRoute::end_arrival, "Back at the end location.")
        .def_readonly("end_travel", &LiveRoute::end_travel)
        .def_readonly("end_distance", &LiveRoute::end_distance)
        .def(py::self == py::self)
        .def("__repr__", [](const LiveRoute& r) {
            return fields_repr("LiveRoute", {{"steps", list_repr(r.steps, 0)},
                                             {"departure", py_repr(r.departure)},
                                             {"end_arrival", py_repr(r.end_arrival)}});
        });
    py::class_<RouteChange>(m, "RouteChange", "How one engineer's route changed (ticket indices).")
        .def_readonly("engineer", &RouteChange::engineer)
        .def_readonly("added", &RouteChange::added)
        .def_readonly("removed", &RouteChange::removed)
        .def_readonly("reordered", &RouteChange::reordered)
        .def_readonly("retimed", &RouteChange::retimed)
        .def(py::self == py::self)
        .def("__repr__", [](const RouteChange& c) {
            return fields_repr("RouteChange", {{"engineer", py_repr(c.engineer)},
                                               {"added", list_repr(c.added)},
                                               {"removed", list_repr(c.removed)},
                                               {"reordered", py_repr(c.reordered)},
                                               {"retimed", py_repr(c.retimed)}});
        });
    py::class_<LeftOut>(m, "LeftOut", "A ticket (index) left without an engineer, and why.")
        .def_readonly("job", &LeftOut::job)
        .def_readonly("reason", &LeftOut::reason)
        .def_readonly("detail", &LeftOut::detail)
        .def(py::self == py::self)
        .def("__repr__", [](const LeftOut& l) {
            return fields_repr("LeftOut", {{"job", py_repr(l.job)},
                                           {"reason", py::str(py::cast(l.reason)).cast<std::string>()},
                                           {"detail", py_repr(l.detail)}});
        });
    py::class_<ChangeSet>(m, "ChangeSet", R"(What an operation on a live plan changed.

``LivePlan.changes_dict(changes)`` gives the same with engineer and ticket ids.)")
        .def_readonly("routes", &ChangeSet::routes)
        .def_readonly("left_out", &ChangeSet::left_out)
        .def_readonly("missed_breaks", &ChangeSet::missed_breaks)
        .def("empty", &ChangeSet::empty, "True when nothing changed.")
        .def(py::self == py::self)
        .def("__repr__", [](const ChangeSet& c) {
            return fields_repr("ChangeSet", {{"routes", list_repr(c.routes, 2)},
                                             {"left_out", list_repr(c.left_out, 2)},
                                             {"missed_breaks", list_repr(c.missed_breaks)}});
        });
    py::class_<InsertionCandidate>(m, "InsertionCandidate", "A place a ticket could take (engineer index, position).")
        .def_readonly("engineer", &InsertionCandidate::engineer)
        .def_readonly("position", &InsertionCandidate::position)
        .def_readonly("arrival", &InsertionCandidate::arrival)
        .def_readonly("start", &InsertionCandidate::start)
        .def_readonly("cost", &InsertionCandidate::cost)
        .def_readonly("added_travel", &InsertionCandidate::added_travel)
        .def_readonly("added_distance", &InsertionCandidate::added_distance)
        .def_readonly("lateness", &InsertionCandidate::lateness)
        .def_readonly("others_lateness", &InsertionCandidate::others_lateness)
        .def(py::self == py::self)
        .def("__repr__", [](const InsertionCandidate& c) {
            return fields_repr("InsertionCandidate", {{"engineer", py_repr(c.engineer)},
                                                      {"position", py_repr(c.position)},
                                                      {"arrival", py_repr(c.arrival)},
                                                      {"start", py_repr(c.start)},
                                                      {"cost", py_repr(c.cost)},
                                                      {"lateness", py_repr(c.lateness)}});
        });
    py::class_<InsertResult>(m, "InsertResult", R"(What inserting a ticket did.

``placed`` says whether it got an engineer; ``alternatives`` are ranked
candidates (best first, one per engineer and shift); ``left_out`` says why it was not
placed; ``changes`` is the change set.)")
        .def_readonly("job", &InsertResult::job)
        .def_readonly("placed", &InsertResult::placed)
        .def_readonly("engineer", &InsertResult::engineer, "Engineer index who got the ticket; -1 when not placed.")
        .def_readonly("arrival", &InsertResult::arrival, "Planned arrival at the customer (when placed).")
        .def_readonly("start", &InsertResult::start, "Planned start of service (when placed).")
        .def_readonly("alternatives", &InsertResult::alternatives)
        .def_readonly("left_out", &InsertResult::left_out)
        .def_readonly("changes", &InsertResult::changes)
        .def("__repr__", [](const InsertResult& r) {
            return fields_repr("InsertResult", {{"job", py_repr(r.job)},
                                                {"placed", py_repr(r.placed)},
                                                {"engineer", py_repr(r.engineer)},
                                                {"start", py_repr(r.start)},
                                                {"alternatives", list_repr(r.alternatives, 0)},
                                                {"left_out", py_repr(r.left_out)}});
        });
    py::class_<SlotOffer>(m, "SlotOffer", "A candidate appointment window graded against the plan.")
        .def_readonly("window", &SlotOffer::window)
        .def_readonly("feasible", &SlotOffer::feasible)
        .def_readonly("best", &SlotOffer::best, "Cheapest placement when feasible, else None.")
        .def("__repr__", [](const SlotOffer& o) {
            return fields_repr("SlotOffer", {{"window", py_repr(o.window)},
                                             {"feasible", py_repr(o.feasible)},
                                             {"best", py_repr(o.best)}});
        });
    py::class_<ReoptimiseResult>(m, "ReoptimiseResult", "What re-planning did (accepted only when cheaper).")
        .def_readonly("accepted", &ReoptimiseResult::accepted)
        .def_readonly("cost_before", &ReoptimiseResult::cost_before)
        .def_readonly("cost_after", &ReoptimiseResult::cost_after)
        .def_readonly("moved", &ReoptimiseResult::moved)
        .def_readonly("newly_placed", &ReoptimiseResult::newly_placed)
        .def_readonly("changes", &ReoptimiseResult::changes)
        .def("__repr__", [](const ReoptimiseResult& r) {
            return fields_repr("ReoptimiseResult", {{"accepted", py_repr(r.accepted)},
                                                    {"cost_before", py_repr(r.cost_before)},
                                                    {"cost_after", py_repr(r.cost_after)},
                                                    {"moved", py_repr(r.moved)},
                                                    {"newly_placed", py_repr(r.newly_placed)}});
        });
}

void bind_live_plan(py::module_& m) {
    py::class_<LivePlan>(m, "LivePlan", R"(The current day: routes with step statuses, engineers' states, the clock.

A LivePlan changes in place; every operation returns what changed. Use
``plan.copy()`` first to keep the old plan. Instants (``now``, ``at``,
``from_``) are Unix seconds, ISO-8601 text with an offset, or timezone-aware
datetimes. Pickling and ``==`` go through the live-plan JSON document.

The plan holds one entry per (engineer, shift): an engineer with shifts on
several days appears once per shift, in shift order, under the same id, and
engineer indices (``engineers``, ``routes``, candidates) are entries; see
docs/several_days.md.

Parameters
----------
problem : Problem
    The day's engineers, tickets and travel.
solution : Solution
    A plan of `problem` (e.g. from ``solve``); jobs it leaves out are pending.
now : int or str or datetime.datetime
    The clock.

Raises
------
InputError
    Road-network travel, or a solution that does not fit the problem.)")
        .def(py::init([](const Problem& problem, const Solution& solution, const py::object& now) {
                 return LivePlan(problem, solution, fsdpy::to_instant(now, "/now"));
             }),
             py::arg("problem"), py::arg("solution"), py::arg("now"))
        .def_static("from_json", &live_plan_from_json, py::arg("text"), R"(Reads a live plan document.

Parameters
----------
text : str
    JSON text in the fsdispatch-live-plan format (docs/dispatch.md).

Returns
-------
LivePlan

Raises
------
InputError
    Naming the bad field.)")
        .def(
            "to_json",
            [](const LivePlan& p, int indent, std::optional<int> iso) { return live_plan_to_json(p, json_options(indent, iso)); },
            py::arg("indent") = 2, py::arg("iso_offset_seconds") = py::none(), R"(The plan as a live-plan JSON document.

Parameters
----------
indent : int, default 2
    Spaces per level; -1 writes one line.
iso_offset_seconds : int, optional
    Write instants as ISO-8601 text with this UTC offset instead of seconds.

Returns
-------
str)")
        .def("copy", [](const LivePlan& p) { return LivePlan(p); }, "An independent copy of the plan.")
        .def("__copy__", [](const LivePlan& p) { return LivePlan(p); })
        .def("__deepcopy__", [](const LivePlan& p, const py::object&) { return LivePlan(p); }, py::arg("memo"))
        .def("__eq__", [](const LivePlan& a, const LivePlan& b) {
            return live_plan_to_json(a, json_options(-1, std::nullopt)) == live_plan_to_json(b, json_options(-1, std::nullopt));
        }, py::is_operator())
        .def("__repr__", &live_plan_repr)
        .def(py::pickle([](const LivePlan& p) { return live_plan_to_json(p, json_options(-1, std::nullopt)); },
                        [](const std::string& text) { return live_plan_from_json(text); }))
        .def_property_readonly("now", &LivePlan::now, "The clock (Unix seconds).")
        .def_property_readonly("engineers", &LivePlan::engineers)
        .def_property_readonly("jobs", &LivePlan::jobs, "Every ticket known today, cancelled ones included.")
        .def_property_readonly("routes", &LivePlan::routes)
        .def("status", &LivePlan::status, py::arg("job"), "The TicketStatus of ticket index `job`.")
        .def("engineer_of", &LivePlan::engineer_of, py::arg("job"), "Engineer index of a ticket, or None.")
        .def("job_index", &LivePlan::job_index, py::arg("id"), "Index of the ticket with this id, or None.")
        .def("engineer_index", &LivePlan::engineer_index, py::arg("id"), "Index of the engineer with this id, or None.")
        .def("pending", &LivePlan::pending, "Indices of the tickets on no route.")
        .def("frozen_steps", &LivePlan::frozen_steps, py::arg("engineer"), "How many leading steps of a route are frozen.")
        .def("objective", &LivePlan::objective, "The objective parts of the movable plan.")
        .def(
            "insert",
            [](LivePlan& p, const Job& ticket, int alternatives, std::optional<std::string> engineer, bool commit,
               bool asap, const py::object& at) {
                return p.insert(ticket, insert_options(alternatives, std::move(engineer), commit, asap, at));
            },
            py::arg("ticket"), py::arg("alternatives") = 5, py::arg("engineer") = py::none(), py::arg("commit") = true,
            py::arg("asap") = false, py::arg("at") = py::none(),
            R"(Places a ticket at its cheapest feasible position.

Parameters
----------
ticket : Job
    The new ticket (its id must be new to the plan).
alternatives : int, default 5
    Ranked candidates to return, the best per engineer and shift.
engineer : str, optional
    Place it with this engineer (a dispatcher's choice).
commit : bool, default True
    False only ranks the candidates and changes nothing.
asap : bool, default False
    As soon as possible: the earliest feasible start wins, cost breaks ties
    (an urgent ticket; priority alone only prices leaving it out).
at : int or str or datetime.datetime, optional
    When the ticket arrived; a later instant than ``now`` moves the clock
    there first, in the same operation.

Returns
-------
InsertResult

Raises
------
InputError
    A ticket that cannot belong to this plan (duplicate id, bad fields).)")
        .def("candidates", &LivePlan::candidates, py::arg("ticket"), py::arg("k") = 5,
             "The k best places for a ticket (one per engineer and shift), best first; nothing changes.")
        .def(
            "offer_slots",
            [](const LivePlan& p, const Job& ticket, const py::iterable& windows) {
                std::vector<TimeWindow> converted;
                for (const py::handle w : windows)
                    converted.push_back(to_window(w, "/windows/" + std::to_string(converted.size())));
                return p.offer_slots(ticket, converted);
            },
            py::arg("ticket"), py::arg("windows"), R"(Grades candidate appointment windows for a ticket.

Parameters
----------
ticket : Job
windows : iterable of TimeWindow or (start, end)
    Instants as seconds, ISO-8601 text or aware datetimes.

Returns
-------
list of SlotOffer
    One per window, in the given order; nothing changes.)")
        .def(
            "book_slot",
            [](LivePlan& p, const Job& ticket, const py::object& window, int alternatives,
               std::optional<std::string> engineer, bool asap, const py::object& at) {
                return p.book_slot(ticket, to_window(window, "/window"),
                                   insert_options(alternatives, std::move(engineer), true, asap, at));
            },
            py::arg("ticket"), py::arg("window"), py::arg("alternatives") = 5, py::arg("engineer") = py::none(),
            py::arg("asap") = false, py::arg("at") = py::none(),
            R"(Gives the ticket `window` as its only time window and inserts it.

Parameters
----------
ticket : Job
window : TimeWindow or (start, end)
alternatives : int, default 5
engineer : str, optional
asap : bool, default False
at : int or str or datetime.datetime, optional
    As for ``insert``.

Returns
-------
InsertResult)")
        .def(
            "cancel", [](LivePlan& p, const std::string& ticket, const py::object& at) { return p.cancel(ticket, fsdpy::to_instant(at, "/at")); },
            py::arg("ticket"), py::arg("at"), "Cancels a ticket (by id) at `at`; returns the ChangeSet.")
        .def(
            "delay",
            [](LivePlan& p, const std::string& engineer, Duration seconds, const py::object& at) {
                return p.delay(engineer, seconds, fsdpy::to_instant(at, "/at"));
            },
            py::arg("engineer"), py::arg("seconds"), py::arg("at"),
            "An engineer reports `seconds` of delay at `at`; returns the ChangeSet.")
        .def(
            "engineer_unavailable",
            [](LivePlan& p, const std::string& engineer, const py::object& from) {
                return p.engineer_unavailable(engineer, fsdpy::to_instant(from, "/from"));
            },
            py::arg("engineer"), py::arg("from_"), "No more work for an engineer from `from_`; returns the ChangeSet.")
        .def(
            "start_travel", [](LivePlan& p, const std::string& ticket, const py::object& at) { return p.start_travel(ticket, fsdpy::to_instant(at, "/at")); },
            py::arg("ticket"), py::arg("at"), "The engineer sets off to a ticket; returns the ChangeSet.")
        .def(
            "arrive", [](LivePlan& p, const std::string& ticket, const py::object& at) { return p.arrive(ticket, fsdpy::to_instant(at, "/at")); },
            py::arg("ticket"), py::arg("at"), "The engineer arrives at a ticket; returns the ChangeSet.")
        .def(
            "job_finished", [](LivePlan& p, const std::string& ticket, const py::object& at) { return p.job_finished(ticket, fsdpy::to_instant(at, "/at")); },
            py::arg("ticket"), py::arg("at"), "Work on a ticket is done; returns the ChangeSet.")
        .def(
            "break_started", [](LivePlan& p, const std::string& engineer, const py::object& at) { return p.break_started(engineer, fsdpy::to_instant(at, "/at")); },
            py::arg("engineer"), py::arg("at"), "An engineer starts the break; returns the ChangeSet.")
        .def(
            "engineer_position",
            [](LivePlan& p, const std::string& engineer, const Location& location, const py::object& at) {
                return p.engineer_position(engineer, location, fsdpy::to_instant(at, "/at"));
            },
            py::arg("engineer"), py::arg("location"), py::arg("at"), "An idle engineer's reported position; returns the ChangeSet.")
        .def(
            "advance_time", [](LivePlan& p, const py::object& now) { return p.advance_time(fsdpy::to_instant(now, "/now")); },
            py::arg("now"), "Moves the clock forward; returns the ChangeSet.")
        .def("place_pending", &LivePlan::place_pending, "Tries to place every pending ticket; returns the ChangeSet.")
        .def(
            "reoptimise",
            [](LivePlan& p, double time_limit, std::int64_t iteration_limit, std::uint64_t seed, Cost reassignment_cost) {
                ReoptimiseOptions o;
                o.time_limit_seconds = time_limit;
                o.iteration_limit = iteration_limit;
                o.seed = seed;
                o.reassignment_cost = reassignment_cost;
                py::gil_scoped_release release;
                return p.reoptimise(o);
            },
            py::arg("time_limit") = 1.0, py::arg("iteration_limit") = -1, py::arg("seed") = 1,
            py::arg("reassignment_cost") = 1800, R"(Re-plans the movable part with the routing solver (GIL released).

Parameters
----------
time_limit : float, default 1.0
    Seconds.
iteration_limit : int, default -1
    -1 for none.
seed : int, default 1
reassignment_cost : int, default 1800
    Cost of moving a planned ticket to another engineer.

Returns
-------
ReoptimiseResult
    The current plan is kept unless the new one is cheaper.)")
        .def(
            "residual",
            [](const LivePlan& p) {
                ResidualProblem r = p.residual();
                return py::make_tuple(std::make_shared<Problem>(std::move(r.problem)), std::move(r.solution));
            },
            "The movable part as (Problem, Solution).")
        .def(
            "apply_event", [](LivePlan& p, const std::string& event) { return apply_event_json(p, event); }, py::arg("event"),
            R"(Applies one event document (JSON text, docs/dispatch.md).

Returns
-------
str
    The outcome as JSON text. A bad event raises InputError and changes nothing.)")
        .def(
            "apply",
            [](LivePlan& p, const py::object& event) {
                const std::string text = py::isinstance<py::str>(event)
                                             ? event.cast<std::string>()
                                             : py::module_::import("json").attr("dumps")(event).cast<std::string>();
                return json_loads(apply_event_json(p, text));
            },
            py::arg("event"), R"(Applies one event and returns its outcome as a dict.

Parameters
----------
event : dict or str
    An event document (docs/dispatch.md) as a dict or JSON text.

Returns
-------
dict
    The outcome: the change set with ids, plus what the event produces.

Raises
------
InputError
    A bad event; the plan is unchanged.)")
        .def(
            "describe",
            [](const LivePlan& p, const ChangeSet& c) { return change_set_to_json(p, c); }, py::arg("changes"),
            "The change set with engineer and ticket ids, as JSON text.")
        .def(
            "changes_dict", [](const LivePlan& p, const ChangeSet& c) { return json_loads(change_set_to_json(p, c)); },
            py::arg("changes"), R"(A ChangeSet with engineer and ticket ids, as a dict.

Parameters
----------
changes : ChangeSet

Returns
-------
dict)");
}

void bind_dispatch(py::module_& m) {
    bind_value_types(m);
    bind_live_plan(m);
}

}  // namespace

FSDPY_REGISTER(70, bind_dispatch);
