// Python bindings of the assign layer: conversion only.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/assign/assign.hpp"
#include "fsd/assign/assign_generate.hpp"
#include "fsd/assign/assign_json.hpp"
#include "fsd/core/error.hpp"
#include "repr.hpp"
#include "instant.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

using fsdpy::fields_repr;
using fsdpy::list_repr;
using fsdpy::py_repr;

std::optional<Time> optional_instant(const py::object& value, const std::string& path) {
    if (value.is_none()) return std::nullopt;
    return fsdpy::to_instant(value, path);
}

std::string ticket_repr(const AssignTicket& t) {
    return fields_repr("AssignTicket", {{"id", py_repr(t.id)},
                                        {"location", py_repr(t.location)},
                                        {"skills", list_repr(t.skills)},
                                        {"priority", py_repr(t.priority)},
                                        {"sla_deadline", py_repr(t.sla_deadline)},
                                        {"duration", py_repr(t.duration)}});
}

std::string engineer_repr(const AssignEngineer& e) {
    return fields_repr("AssignEngineer", {{"id", py_repr(e.id)},
                                          {"position", py_repr(e.position)},
                                          {"available_from", py_repr(e.available_from)},
                                          {"skills", list_repr(e.skills)},
                                          {"capacity", py_repr(e.capacity)},
                                          {"workload", py_repr(e.workload)},
                                          {"speed_factor", py_repr(e.speed_factor)}});
}

std::string options_repr(const AssignOptions& o) {
    return fields_repr("AssignOptions", {{"method", py_repr(std::string(to_string(o.method)))},
                                         {"eta_weight", py_repr(o.eta_weight)},
                                         {"lateness_weight", py_repr(o.lateness_weight)},
                                         {"balance_weight", py_repr(o.balance_weight)},
                                         {"per_ticket_time", py_repr(o.per_ticket_time)},
                                         {"leave_out_base", py_repr(o.leave_out_base)},
                                         {"leave_out_per_priority", py_repr(o.leave_out_per_priority)},
                                         {"leave_out_urgency_weight", py_repr(o.leave_out_urgency_weight)},
                                         {"urgency_horizon", py_repr(o.urgency_horizon)}});
}

void bind_inputs(py::module_& m) {
    py::class_<AssignTicket>(m, "AssignTicket", R"(A waiting ticket of an assignment batch.

Parameters
----------
id : str
location : Location
    Coordinates (great-circle travel) or a row of the explicit matrix.
skills : list of SkillRequirement
    All needed, each at its min_level or above.
priority : int, default 0
    0 (lowest) to 100 (highest).
sla_deadline : int or str or datetime.datetime, optional
    Deadline on the start of service.
duration : int, default 0
    Seconds on site (reported only).
allowed_engineers, forbidden_engineers : list of str
    Engineer ids; an empty allowed list admits any qualified engineer.)")
        .def(py::init([](std::string id, Location location, std::vector<SkillRequirement> skills, int priority,
                         const py::object& sla_deadline, Duration duration, std::vector<std::string> allowed,
                         std::vector<std::string> forbidden) {
                 AssignTicket t;
                 t.id = std::move(id);
                 t.location = std::move(location);
                 t.skills = std::move(skills);
                 t.priority = priority;
                 t.sla_deadline = optional_instant(sla_deadline, "/sla_deadline");
                 t.duration = duration;
                 t.allowed_engineers = std::move(allowed);
                 t.forbidden_engineers = std::move(forbidden);
                 return t;
             }),
             py::kw_only(), py::arg("id") = "", py::arg("location") = Location{},
             py::arg("skills") = std::vector<SkillRequirement>{}, py::arg("priority") = 0,
             py::arg("sla_deadline") = py::none(), py::arg("duration") = 0,
             py::arg("allowed_engineers") = std::vector<std::string>{},
             py::arg("forbidden_engineers") = std::vector<std::string>{})
        .def_readwrite("id", &AssignTicket::id)
        .def_readwrite("location", &AssignTicket::location)
        .def_readwrite("skills", &AssignTicket::skills)
        .def_readwrite("priority", &AssignTicket::priority)
        .def_property(
            "sla_deadline", [](const AssignTicket& t) { return t.sla_deadline; },
            [](AssignTicket& t, const py::object& v) { t.sla_deadline = optional_instant(v, "/sla_deadline"); },
            "Deadline on the start of service: Unix seconds (ISO-8601 text or an aware datetime when set), or None.")
        .def_readwrite("duration", &AssignTicket::duration)
        .def_readwrite("allowed_engineers", &AssignTicket::allowed_engineers)
        .def_readwrite("forbidden_engineers", &AssignTicket::forbidden_engineers)
        .def(py::self == py::self)
        .def("__repr__", &ticket_repr);

    py::class_<AssignEngineer>(m, "AssignEngineer", R"(An engineer who can take tickets of an assignment batch.

Parameters
----------
id : str
position : Location
    Where the engineer is (or will be when free).
available_from : int or str or datetime.datetime, default 0
    Free from this instant (the past means now).
skills : list of SkillLevel
capacity : int, default 1
    Tickets of this batch it may take (0: none).
workload : int, default 0
    Seconds of work already planned today (for the balance term).
speed_factor : float, default 1.0
    Travel durations are divided by it.)")
        .def(py::init([](std::string id, Location position, const py::object& available_from,
                         std::vector<SkillLevel> skills, int capacity, Duration workload, double speed_factor) {
                 AssignEngineer e;
                 e.id = std::move(id);
                 e.position = std::move(position);
                 e.available_from = fsdpy::to_instant(available_from, "/available_from");
                 e.skills = std::move(skills);
                 e.capacity = capacity;
                 e.workload = workload;
                 e.speed_factor = speed_factor;
                 return e;
             }),
             py::kw_only(), py::arg("id") = "", py::arg("position") = Location{}, py::arg("available_from") = 0,
             py::arg("skills") = std::vector<SkillLevel>{}, py::arg("capacity") = 1, py::arg("workload") = 0,
             py::arg("speed_factor") = 1.0)
        .def_readwrite("id", &AssignEngineer::id)
        .def_readwrite("position", &AssignEngineer::position)
        .def_property(
            "available_from", [](const AssignEngineer& e) { return e.available_from; },
            [](AssignEngineer& e, const py::object& v) { e.available_from = fsdpy::to_instant(v, "/available_from"); },
            "Free from this instant: Unix seconds (ISO-8601 text or an aware datetime when set).")
        .def_readwrite("skills", &AssignEngineer::skills)
        .def_readwrite("capacity", &AssignEngineer::capacity)
        .def_readwrite("workload", &AssignEngineer::workload)
        .def_readwrite("speed_factor", &AssignEngineer::speed_factor)
        .def(py::self == py::self)
        .def("__repr__", &engineer_repr);

    const AssignOptions defaults;
    py::class_<AssignOptions>(m, "AssignOptions", R"(Method and weights of the assignment objective (docs/assign.md).

All weights are integers; costs are per second where it says so.

Parameters
----------
method : {"exact", "greedy"}, default "exact"
eta_weight : int, default 1
    Per second of ETA.
lateness_weight : int, default 10
    Per second of SLA lateness.
balance_weight : int, default 0
    Per second of the engineer's workload including the ticket.
per_ticket_time : int, default 3600
    Seconds each extra ticket of one engineer starts later.
leave_out_base, leave_out_per_priority, leave_out_urgency_weight : int
    Cost of leaving a ticket out: base + per priority point + per second of urgency.
urgency_horizon : int, default 28800
    A deadline this far away or more has urgency 0.)")
        .def(py::init([](const std::string& method, Cost eta_weight, Cost lateness_weight, Cost balance_weight,
                         Duration per_ticket_time, Cost leave_out_base, Cost leave_out_per_priority,
                         Cost leave_out_urgency_weight, Duration urgency_horizon) {
                 AssignOptions o;
                 o.method = parse_assign_method(method, "/options/method");
                 o.eta_weight = eta_weight;
                 o.lateness_weight = lateness_weight;
                 o.balance_weight = balance_weight;
                 o.per_ticket_time = per_ticket_time;
                 o.leave_out_base = leave_out_base;
                 o.leave_out_per_priority = leave_out_per_priority;
                 o.leave_out_urgency_weight = leave_out_urgency_weight;
                 o.urgency_horizon = urgency_horizon;
                 return o;
             }),
             py::kw_only(), py::arg("method") = std::string(to_string(defaults.method)),
             py::arg("eta_weight") = defaults.eta_weight, py::arg("lateness_weight") = defaults.lateness_weight,
             py::arg("balance_weight") = defaults.balance_weight, py::arg("per_ticket_time") = defaults.per_ticket_time,
             py::arg("leave_out_base") = defaults.leave_out_base,
             py::arg("leave_out_per_priority") = defaults.leave_out_per_priority,
             py::arg("leave_out_urgency_weight") = defaults.leave_out_urgency_weight,
             py::arg("urgency_horizon") = defaults.urgency_horizon)
        .def_property(
            "method", [](const AssignOptions& o) { return std::string(to_string(o.method)); },
            [](AssignOptions& o, const std::string& s) { o.method = parse_assign_method(s, "/options/method"); },
            "\"exact\" or \"greedy\".")
        .def_readwrite("eta_weight", &AssignOptions::eta_weight)
        .def_readwrite("lateness_weight", &AssignOptions::lateness_weight)
        .def_readwrite("balance_weight", &AssignOptions::balance_weight)
        .def_readwrite("per_ticket_time", &AssignOptions::per_ticket_time)
        .def_readwrite("leave_out_base", &AssignOptions::leave_out_base)
        .def_readwrite("leave_out_per_priority", &AssignOptions::leave_out_per_priority)
        .def_readwrite("leave_out_urgency_weight", &AssignOptions::leave_out_urgency_weight)
        .def_readwrite("urgency_horizon", &AssignOptions::urgency_horizon)
        .def(py::self == py::self)
        .def("__repr__", &options_repr);

    py::class_<AssignTravelMatrix>(m, "AssignTravelMatrix", R"(Explicit travel from each engineer to each ticket.

Parameters
----------
durations : list of int
    Seconds, ticket-major: entry ``[t * engineers + e]``.
distances : list of int
    Metres in the same layout; empty when unknown (reported as 0).)")
        .def(py::init([](std::vector<Duration> durations, std::vector<Distance> distances) {
                 return AssignTravelMatrix{std::move(durations), std::move(distances)};
             }),
             py::kw_only(), py::arg("durations") = std::vector<Duration>{}, py::arg("distances") = std::vector<Distance>{})
        .def_readwrite("durations", &AssignTravelMatrix::durations)
        .def_readwrite("distances", &AssignTravelMatrix::distances)
        .def(py::self == py::self)
        .def("__repr__", [](const AssignTravelMatrix& t) {
            return fields_repr("AssignTravelMatrix", {{"durations", list_repr(t.durations)}, {"distances", list_repr(t.distances)}});
        });

    py::class_<AssignProblem>(m, "AssignProblem", R"(A batch: match `tickets` to `engineers` at instant `now`.

Parameters
----------
now : int or str or datetime.datetime, default 0
tickets : list of AssignTicket
engineers : list of AssignEngineer
great_circle : GreatCircle
    Travel when there is no travel_matrix.
travel_matrix : AssignTravelMatrix, optional
    Ticket x engineer travel; replaces great-circle travel.)")
        .def(py::init([](const py::object& now, std::vector<AssignTicket> tickets, std::vector<AssignEngineer> engineers,
                         GreatCircleOptions great_circle, std::optional<AssignTravelMatrix> travel_matrix) {
                 AssignProblem p;
                 p.now = fsdpy::to_instant(now, "/now");
                 p.tickets = std::move(tickets);
                 p.engineers = std::move(engineers);
                 p.great_circle = great_circle;
                 p.travel_matrix = std::move(travel_matrix);
                 return p;
             }),
             py::kw_only(), py::arg("now") = 0, py::arg("tickets") = std::vector<AssignTicket>{},
             py::arg("engineers") = std::vector<AssignEngineer>{}, py::arg("great_circle") = GreatCircleOptions{},
             py::arg("travel_matrix") = py::none())
        .def_property(
            "now", [](const AssignProblem& p) { return p.now; },
            [](AssignProblem& p, const py::object& v) { p.now = fsdpy::to_instant(v, "/now"); },
            "The instant of the decision: Unix seconds (ISO-8601 text or an aware datetime when set).")
        .def_readwrite("tickets", &AssignProblem::tickets)
        .def_readwrite("engineers", &AssignProblem::engineers)
        .def_readwrite("great_circle", &AssignProblem::great_circle)
        .def_readwrite("travel_matrix", &AssignProblem::travel_matrix)
        .def("validate", &validate_assign_problem, R"(Checks the batch.

Raises
------
InputError
    Naming the first bad field ("/tickets/3/priority").)")
        .def(py::self == py::self)
        .def("__repr__", [](const AssignProblem& p) {
            return fields_repr("AssignProblem", {{"now", py_repr(p.now)},
                                                 {"tickets", list_repr(p.tickets, 2)},
                                                 {"engineers", list_repr(p.engineers, 2)},
                                                 {"travel_matrix", p.travel_matrix ? "AssignTravelMatrix(...)" : "None"}});
        });

    py::class_<AssignBatch>(m, "AssignBatch", R"(A batch as stored in JSON: problem and options.

Parameters
----------
problem : AssignProblem
options : AssignOptions)")
        .def(py::init([](AssignProblem problem, AssignOptions options) { return AssignBatch{std::move(problem), options}; }),
             py::kw_only(), py::arg("problem") = AssignProblem{}, py::arg("options") = AssignOptions{})
        .def_readwrite("problem", &AssignBatch::problem)
        .def_readwrite("options", &AssignBatch::options)
        .def_static(
            "from_json", [](const std::string& text) { return assign_batch_from_json(text); }, py::arg("text"),
            R"(Reads the fsdispatch-assign format (docs/assign.md).

Raises
------
InputError
    Naming the bad field.)")
        .def(
            "to_json", [](const AssignBatch& b, int indent) { return assign_batch_to_json(b, indent); },
            py::arg("indent") = 2, "The batch as fsdispatch-assign JSON text (indent -1: one line).")
        .def(py::pickle([](const AssignBatch& b) { return assign_batch_to_json(b, -1); },
                        [](const std::string& text) { return assign_batch_from_json(text); }))
        .def(py::self == py::self)
        .def("__repr__", [](const AssignBatch& b) {
            return fields_repr("AssignBatch", {{"tickets", py_repr(b.problem.tickets.size())},
                                               {"engineers", py_repr(b.problem.engineers.size())},
                                               {"method", py_repr(std::string(to_string(b.options.method)))}});
        });
}

void bind_results(py::module_& m) {
    py::class_<AssignPair>(m, "AssignPair", "One ticket served by one engineer (indices into the batch).")
        .def_readonly("ticket", &AssignPair::ticket)
        .def_readonly("engineer", &AssignPair::engineer)
        .def_readonly("order", &AssignPair::order)
        .def_readonly("travel", &AssignPair::travel)
        .def_readonly("distance", &AssignPair::distance)
        .def_readonly("eta", &AssignPair::eta)
        .def_readonly("lateness", &AssignPair::lateness)
        .def_readonly("cost", &AssignPair::cost)
        .def(py::self == py::self)
        .def("__repr__", [](const AssignPair& a) {
            return fields_repr("AssignPair", {{"ticket", py_repr(a.ticket)},
                                              {"engineer", py_repr(a.engineer)},
                                              {"order", py_repr(a.order)},
                                              {"eta", py_repr(a.eta)},
                                              {"lateness", py_repr(a.lateness)},
                                              {"cost", py_repr(a.cost)}});
        });

    py::class_<AssignLeftOut>(m, "AssignLeftOut", "A ticket left out, with its reason and cost.")
        .def_readonly("ticket", &AssignLeftOut::ticket)
        .def_property_readonly("reason", [](const AssignLeftOut& l) { return std::string(to_string(l.reason)); })
        .def_readonly("cost", &AssignLeftOut::cost)
        .def(py::self == py::self)
        .def("__repr__", [](const AssignLeftOut& l) {
            return fields_repr("AssignLeftOut", {{"ticket", py_repr(l.ticket)},
                                                 {"reason", py_repr(std::string(to_string(l.reason)))},
                                                 {"cost", py_repr(l.cost)}});
        });

    py::class_<AssignResult>(m, "_AssignResult", "The C++ result; fsdispatch.AssignResult adds ids and tables.")
        .def_property_readonly("method", [](const AssignResult& r) { return std::string(to_string(r.method)); })
        .def_readonly("pairs", &AssignResult::pairs)
        .def_readonly("left_out", &AssignResult::left_out)
        .def_readonly("total_cost", &AssignResult::total_cost)
        .def_readonly("served_cost", &AssignResult::served_cost)
        .def_readonly("left_out_cost", &AssignResult::left_out_cost)
        .def_readonly("total_eta", &AssignResult::total_eta)
        .def_readonly("served", &AssignResult::served)
        .def_readonly("seconds", &AssignResult::seconds)
        .def(
            "to_json",
            [](const AssignResult& r, const AssignProblem& p, int indent, std::optional<int> iso) {
                return assign_result_to_json(p, r, indent, iso);
            },
            py::arg("problem"), py::arg("indent") = 2, py::arg("iso_offset_seconds") = py::none(),
            "The result in the fsdispatch-assign-result format.")
        .def("__repr__", [](const AssignResult& r) {
            return fields_repr("_AssignResult", {{"method", py_repr(std::string(to_string(r.method)))},
                                                 {"served", py_repr(r.served)},
                                                 {"left_out", py_repr(r.left_out.size())},
                                                 {"total_cost", py_repr(r.total_cost)}});
        });

    m.def(
        "_assign",
        [](const AssignProblem& problem, const AssignOptions& options) {
            py::gil_scoped_release release;
            return assign(problem, options);
        },
        py::arg("problem"), py::arg("options"), "Matches the batch (exact or greedy).");

    m.def(
        "_generate_assign_batch",
        [](int tickets, int engineers, std::uint64_t seed, int max_capacity, double sla_share, double radius_km,
           const py::object& now, std::optional<Coordinates> centre) {
            AssignGenerateOptions o;
            o.tickets = tickets;
            o.engineers = engineers;
            o.seed = seed;
            o.max_capacity = max_capacity;
            o.sla_share = sla_share;
            o.radius_km = radius_km;
            if (!now.is_none()) o.now = fsdpy::to_instant(now, "/now");
            if (centre) o.centre = *centre;
            return generate_assign_batch(o);
        },
        py::arg("tickets"), py::arg("engineers"), py::arg("seed"), py::arg("max_capacity"), py::arg("sla_share"),
        py::arg("radius_km"), py::arg("now"), py::arg("centre"), "A seeded batch (fsdispatch.generate_assign_batch).");
}

void bind_assign(py::module_& m) {
    bind_inputs(m);
    bind_results(m);
}

}  // namespace

FSDPY_REGISTER(60, bind_assign);
