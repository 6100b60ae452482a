// Python bindings of the assign layer: conversion only.
#include <pybind11/operators.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/assign/assign.hpp"
#include "fsd/assign/assign_generate.hpp"
#include "fsd/assign/assign_json.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

// Integer seconds or ISO-8601 text with an offset.
Time to_time(const py::handle& v, const std::string& path) {
    if (py::isinstance<py::str>(v)) return parse_iso8601(v.cast<std::string>(), path);
    if (py::isinstance<py::bool_>(v) || !py::isinstance<py::int_>(v))
        throw InputError(path, "expected integer seconds or an ISO-8601 string");
    return v.cast<Time>();
}

void bind_assign(py::module_& m) {
    py::class_<AssignTicket>(m, "AssignTicket", "A waiting ticket of an assignment batch.")
        .def(py::init<>())
        .def_readwrite("id", &AssignTicket::id)
        .def_readwrite("location", &AssignTicket::location)
        .def_readwrite("skills", &AssignTicket::skills)
        .def_readwrite("priority", &AssignTicket::priority)
        .def_property(
            "sla_deadline", [](const AssignTicket& t) { return t.sla_deadline; },
            [](AssignTicket& t, py::object v) {
                if (v.is_none())
                    t.sla_deadline.reset();
                else
                    t.sla_deadline = to_time(v, "/sla_deadline");
            },
            "Deadline on the start of service: Unix seconds, ISO-8601 text, or None.")
        .def_readwrite("duration", &AssignTicket::duration)
        .def_readwrite("allowed_engineers", &AssignTicket::allowed_engineers)
        .def_readwrite("forbidden_engineers", &AssignTicket::forbidden_engineers)
        .def(py::self == py::self)
        .def("__repr__", [](const AssignTicket& t) { return "AssignTicket('" + t.id + "')"; });

    py::class_<AssignEngineer>(m, "AssignEngineer", "An engineer who can take tickets of an assignment batch.")
        .def(py::init<>())
        .def_readwrite("id", &AssignEngineer::id)
        .def_readwrite("position", &AssignEngineer::position)
        .def_property(
            "available_from", [](const AssignEngineer& e) { return e.available_from; },
            [](AssignEngineer& e, py::object v) { e.available_from = to_time(v, "/available_from"); },
            "Free from this instant: Unix seconds or ISO-8601 text.")
        .def_readwrite("skills", &AssignEngineer::skills)
        .def_readwrite("capacity", &AssignEngineer::capacity)
        .def_readwrite("workload", &AssignEngineer::workload)
        .def_readwrite("speed_factor", &AssignEngineer::speed_factor)
        .def(py::self == py::self)
        .def("__repr__", [](const AssignEngineer& e) { return "AssignEngineer('" + e.id + "')"; });

    py::class_<AssignOptions>(m, "AssignOptions", "Method and weights of the assignment objective (docs/assign.md).")
        .def(py::init<>())
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
        .def(py::self == py::self);

    py::class_<AssignTravelMatrix>(m, "AssignTravelMatrix", "Explicit travel, ticket-major: entry [t * engineers + e].")
        .def(py::init<>())
        .def_readwrite("durations", &AssignTravelMatrix::durations)
        .def_readwrite("distances", &AssignTravelMatrix::distances)
        .def(py::self == py::self);

    py::class_<AssignProblem>(m, "AssignProblem", "A batch: tickets, engineers, the instant, travel.")
        .def(py::init<>())
        .def_property(
            "now", [](const AssignProblem& p) { return p.now; },
            [](AssignProblem& p, py::object v) { p.now = to_time(v, "/now"); })
        .def_readwrite("tickets", &AssignProblem::tickets)
        .def_readwrite("engineers", &AssignProblem::engineers)
        .def_readwrite("great_circle", &AssignProblem::great_circle)
        .def_readwrite("travel_matrix", &AssignProblem::travel_matrix)
        .def("validate", &validate_assign_problem, "Raises InputError naming the first bad field.")
        .def(py::self == py::self);

    py::class_<AssignBatch>(m, "AssignBatch", "A batch as stored in JSON: problem and options.")
        .def(py::init<>())
        .def_readwrite("problem", &AssignBatch::problem)
        .def_readwrite("options", &AssignBatch::options)
        .def_static(
            "from_json", [](const std::string& text) { return assign_batch_from_json(text); }, py::arg("text"),
            "Reads the fsdispatch-assign format (docs/assign.md).")
        .def(
            "to_json", [](const AssignBatch& b, int indent) { return assign_batch_to_json(b, indent); },
            py::arg("indent") = 2)
        .def(py::self == py::self);

    py::class_<AssignPair>(m, "AssignPair", "One ticket served by one engineer (indices into the batch).")
        .def_readonly("ticket", &AssignPair::ticket)
        .def_readonly("engineer", &AssignPair::engineer)
        .def_readonly("order", &AssignPair::order)
        .def_readonly("travel", &AssignPair::travel)
        .def_readonly("distance", &AssignPair::distance)
        .def_readonly("eta", &AssignPair::eta)
        .def_readonly("lateness", &AssignPair::lateness)
        .def_readonly("cost", &AssignPair::cost);

    py::class_<AssignLeftOut>(m, "AssignLeftOut", "A ticket left out, with its reason and cost.")
        .def_readonly("ticket", &AssignLeftOut::ticket)
        .def_property_readonly("reason", [](const AssignLeftOut& l) { return std::string(to_string(l.reason)); })
        .def_readonly("cost", &AssignLeftOut::cost);

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
            py::arg("problem"), py::arg("indent") = 2, py::arg("iso_offset_seconds") = py::none());

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
           py::object now, std::optional<Coordinates> centre) {
            AssignGenerateOptions o;
            o.tickets = tickets;
            o.engineers = engineers;
            o.seed = seed;
            o.max_capacity = max_capacity;
            o.sla_share = sla_share;
            o.radius_km = radius_km;
            if (!now.is_none()) o.now = to_time(now, "/now");
            if (centre) o.centre = *centre;
            return generate_assign_batch(o);
        },
        py::arg("tickets"), py::arg("engineers"), py::arg("seed"), py::arg("max_capacity"), py::arg("sla_share"),
        py::arg("radius_km"), py::arg("now"), py::arg("centre"));
}

}  // namespace

FSDPY_REGISTER(60, bind_assign);
