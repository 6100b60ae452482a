// Python bindings of the dispatch layer (live plans): conversion only; the
// solver runs without the GIL.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/dispatch/live_plan.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

void bind_dispatch(py::module_& m) {
    py::enum_<StepStatus>(m, "StepStatus").value("planned", StepStatus::planned).value("en_route", StepStatus::en_route)
        .value("on_site", StepStatus::on_site).value("done", StepStatus::done);
    py::enum_<TicketStatus>(m, "TicketStatus").value("pending", TicketStatus::pending).value("planned", TicketStatus::planned)
        .value("en_route", TicketStatus::en_route).value("on_site", TicketStatus::on_site).value("done", TicketStatus::done)
        .value("cancelled", TicketStatus::cancelled);

    py::class_<LiveStep>(m, "LiveStep", "A job or break step of a live route.")
        .def_readonly("kind", &LiveStep::kind)
        .def_readonly("index", &LiveStep::index)
        .def_readonly("status", &LiveStep::status)
        .def_readonly("arrival", &LiveStep::arrival)
        .def_readonly("start", &LiveStep::start)
        .def_readonly("end", &LiveStep::end)
        .def_readonly("travel_time", &LiveStep::travel_time)
        .def_readonly("travel_distance", &LiveStep::travel_distance)
        .def_readonly("lateness", &LiveStep::lateness);
    py::class_<LiveRoute>(m, "LiveRoute", "One engineer's live route: frozen steps first.")
        .def_readonly("steps", &LiveRoute::steps)
        .def_readonly("departure", &LiveRoute::departure)
        .def_readonly("end_arrival", &LiveRoute::end_arrival);
    py::class_<RouteChange>(m, "RouteChange", "How one engineer's route changed.")
        .def_readonly("engineer", &RouteChange::engineer)
        .def_readonly("added", &RouteChange::added)
        .def_readonly("removed", &RouteChange::removed)
        .def_readonly("reordered", &RouteChange::reordered)
        .def_readonly("retimed", &RouteChange::retimed);
    py::class_<LeftOut>(m, "LeftOut", "A ticket left without an engineer, and why.")
        .def_readonly("job", &LeftOut::job)
        .def_readonly("reason", &LeftOut::reason)
        .def_readonly("detail", &LeftOut::detail);
    py::class_<ChangeSet>(m, "ChangeSet", "What an operation on a live plan changed.")
        .def_readonly("routes", &ChangeSet::routes)
        .def_readonly("left_out", &ChangeSet::left_out)
        .def_readonly("missed_breaks", &ChangeSet::missed_breaks)
        .def("empty", &ChangeSet::empty);
    py::class_<InsertionCandidate>(m, "InsertionCandidate", "A place a ticket could take.")
        .def_readonly("engineer", &InsertionCandidate::engineer)
        .def_readonly("position", &InsertionCandidate::position)
        .def_readonly("arrival", &InsertionCandidate::arrival)
        .def_readonly("start", &InsertionCandidate::start)
        .def_readonly("cost", &InsertionCandidate::cost)
        .def_readonly("added_travel", &InsertionCandidate::added_travel)
        .def_readonly("added_distance", &InsertionCandidate::added_distance)
        .def_readonly("lateness", &InsertionCandidate::lateness)
        .def_readonly("others_lateness", &InsertionCandidate::others_lateness);
    py::class_<InsertResult>(m, "InsertResult", "Ranked alternatives, whether the ticket was placed, the change set.")
        .def_readonly("job", &InsertResult::job)
        .def_readonly("placed", &InsertResult::placed)
        .def_readonly("alternatives", &InsertResult::alternatives)
        .def_readonly("left_out", &InsertResult::left_out)
        .def_readonly("changes", &InsertResult::changes);
    py::class_<SlotOffer>(m, "SlotOffer", "A candidate appointment window graded against the plan.")
        .def_readonly("window", &SlotOffer::window)
        .def_readonly("feasible", &SlotOffer::feasible)
        .def_readonly("best", &SlotOffer::best);
    py::class_<ReoptimiseResult>(m, "ReoptimiseResult", "What re-planning did.")
        .def_readonly("accepted", &ReoptimiseResult::accepted)
        .def_readonly("cost_before", &ReoptimiseResult::cost_before)
        .def_readonly("cost_after", &ReoptimiseResult::cost_after)
        .def_readonly("moved", &ReoptimiseResult::moved)
        .def_readonly("newly_placed", &ReoptimiseResult::newly_placed)
        .def_readonly("changes", &ReoptimiseResult::changes);

    py::class_<LivePlan>(m, "LivePlan", "The current day: routes with step statuses, engineers' states, the clock.")
        .def(py::init<const Problem&, const Solution&, Time>(), py::arg("problem"), py::arg("solution"), py::arg("now"))
        .def_static("from_json", &live_plan_from_json, py::arg("text"))
        .def("to_json", [](const LivePlan& p, int indent) { return live_plan_to_json(p, JsonWriteOptions{indent, std::nullopt}); },
             py::arg("indent") = 2)
        .def("copy", [](const LivePlan& p) { return LivePlan(p); })
        .def_property_readonly("now", &LivePlan::now)
        .def_property_readonly("engineers", &LivePlan::engineers)
        .def_property_readonly("jobs", &LivePlan::jobs)
        .def_property_readonly("routes", &LivePlan::routes)
        .def("status", &LivePlan::status, py::arg("job"))
        .def("engineer_of", &LivePlan::engineer_of, py::arg("job"))
        .def("job_index", &LivePlan::job_index, py::arg("id"))
        .def("engineer_index", &LivePlan::engineer_index, py::arg("id"))
        .def("pending", &LivePlan::pending)
        .def("frozen_steps", &LivePlan::frozen_steps, py::arg("engineer"))
        .def("objective", &LivePlan::objective)
        .def("_insert", [](LivePlan& p, const Job& j, int alternatives, std::optional<std::string> engineer, bool commit) {
            return p.insert(j, InsertOptions{alternatives, std::move(engineer), commit});
        })
        .def("candidates", &LivePlan::candidates, py::arg("ticket"), py::arg("k") = 5)
        .def("offer_slots", &LivePlan::offer_slots, py::arg("ticket"), py::arg("windows"))
        .def("_book_slot", [](LivePlan& p, const Job& j, const TimeWindow& w, int alternatives, std::optional<std::string> engineer) {
            return p.book_slot(j, w, InsertOptions{alternatives, std::move(engineer), true});
        })
        .def("cancel", &LivePlan::cancel, py::arg("ticket"), py::arg("at"))
        .def("delay", &LivePlan::delay, py::arg("engineer"), py::arg("seconds"), py::arg("at"))
        .def("engineer_unavailable", &LivePlan::engineer_unavailable, py::arg("engineer"), py::arg("from_"))
        .def("start_travel", &LivePlan::start_travel, py::arg("ticket"), py::arg("at"))
        .def("arrive", &LivePlan::arrive, py::arg("ticket"), py::arg("at"))
        .def("job_finished", &LivePlan::job_finished, py::arg("ticket"), py::arg("at"))
        .def("break_started", &LivePlan::break_started, py::arg("engineer"), py::arg("at"))
        .def("engineer_position", &LivePlan::engineer_position, py::arg("engineer"), py::arg("location"), py::arg("at"))
        .def("advance_time", &LivePlan::advance_time, py::arg("now"))
        .def("place_pending", &LivePlan::place_pending)
        .def("_reoptimise", [](LivePlan& p, double time_limit, std::int64_t iteration_limit, std::uint64_t seed, Cost churn) {
            py::gil_scoped_release release;
            return p.reoptimise(ReoptimiseOptions{time_limit, iteration_limit, seed, churn});
        })
        .def("residual", [](const LivePlan& p) {
            ResidualProblem r = p.residual();
            return py::make_tuple(std::make_shared<Problem>(std::move(r.problem)), std::move(r.solution));
        }, "The movable part as (Problem, Solution).")
        .def("apply_event", [](LivePlan& p, const std::string& event) { return apply_event_json(p, event); }, py::arg("event"),
             "Applies one event document (JSON text); returns the outcome as JSON text.")
        .def("describe", [](const LivePlan& p, const ChangeSet& c) { return change_set_to_json(p, c); }, py::arg("changes"),
             "The change set with ids, as JSON text.");
}

}  // namespace

FSDPY_REGISTER(70, bind_dispatch);
