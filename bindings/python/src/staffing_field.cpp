// Python bindings of field staffing: conversion only. The search runs
// without the GIL; the progress callback takes it back for each call.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/sim/scenario.hpp"
#include "fsd/staffing/field_staffing.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

std::function<void(int, int)> field_progress(const py::object& f) {
    if (f.is_none()) return {};
    auto fn = std::make_shared<py::function>(f.cast<py::function>());
    return [fn](int done, int total) {
        py::gil_scoped_acquire gil;
        (*fn)(done, total);
    };
}

std::string options_repr(const FieldStaffingOptions& o) {
    return fmt::format(
        "FieldStaffingOptions(target={}, kpi='{}', policy='{}', days={}, replications={}, seed={}, cost_per_engineer_hour={}, "
        "cost_per_breach={}, guard={}, max_evaluations={}, max_headcount_per_group={})",
        o.target, o.kpi, o.policy, o.days, o.replications, o.seed, o.cost_per_engineer_hour, o.cost_per_breach, o.guard, o.max_evaluations,
        o.max_headcount_per_group);
}

// The lower bound of a KPI's confidence interval: no KPI can be negative, so
// a bound below 0 only reflects a small sample (NaN stays NaN: undefined).
double clipped_low(const KpiSummary& s) {
    const double low = s.mean - s.half_width;
    return std::isnan(low) ? low : std::max(0.0, low);
}

std::string headcount_text(const std::vector<int>& h) {
    std::string out;
    for (size_t g = 0; g < h.size(); ++g) out += (g ? ", " : "") + std::to_string(h[g]);
    return "[" + out + "]";
}

void bind_staffing_field(py::module_& m) {
    py::class_<FieldStaffingOptions>(m, "FieldStaffingOptions",
                                     "Options of the field staffing search (docs/staffing.md); costs per run of `days` days.")
        .def(py::init([](double target, const std::string& kpi, const std::string& policy, int days, int replications,
                         std::uint64_t seed, double cost_per_engineer_hour, double cost_per_breach, double guard, int max_evaluations,
                         int max_headcount_per_group) {
                 FieldStaffingOptions o;
                 o.target = target;
                 o.kpi = kpi;
                 o.policy = policy;
                 o.days = days;
                 o.replications = replications;
                 o.seed = seed;
                 o.cost_per_engineer_hour = cost_per_engineer_hour;
                 o.cost_per_breach = cost_per_breach;
                 o.guard = guard;
                 o.max_evaluations = max_evaluations;
                 o.max_headcount_per_group = max_headcount_per_group;
                 return o;
             }),
             py::kw_only(), py::arg("target") = 0.9, py::arg("kpi") = "sla_response_rate", py::arg("policy") = "", py::arg("days") = 7,
             py::arg("replications") = 10, py::arg("seed") = 1, py::arg("cost_per_engineer_hour") = 40.0,
             py::arg("cost_per_breach") = 200.0, py::arg("guard") = 1.0, py::arg("max_evaluations") = 200, py::arg("max_headcount_per_group") = 0)
        .def_readwrite("target", &FieldStaffingOptions::target)
        .def_readwrite("kpi", &FieldStaffingOptions::kpi)
        .def_readwrite("policy", &FieldStaffingOptions::policy)
        .def_readwrite("days", &FieldStaffingOptions::days)
        .def_readwrite("replications", &FieldStaffingOptions::replications)
        .def_readwrite("seed", &FieldStaffingOptions::seed)
        .def_readwrite("cost_per_engineer_hour", &FieldStaffingOptions::cost_per_engineer_hour)
        .def_readwrite("cost_per_breach", &FieldStaffingOptions::cost_per_breach)
        .def_readwrite("guard", &FieldStaffingOptions::guard)
        .def_readwrite("max_evaluations", &FieldStaffingOptions::max_evaluations)
        .def_readwrite("max_headcount_per_group", &FieldStaffingOptions::max_headcount_per_group)
        .def("validate", &validate_field_staffing_options, "Raises InputError naming the first bad field.")
        .def("__repr__", &options_repr);

    py::class_<FieldGroup>(m, "FieldGroup", "Engineers sharing a primary skill (their first listed skill).")
        .def_readonly("skill", &FieldGroup::skill)
        .def_readonly("members", &FieldGroup::members, "Indices into the scenario's engineers.")
        .def("__repr__", [](const FieldGroup& g) {
            return fmt::format("FieldGroup('{}', members={})", g.skill, g.members.size());
        });

    py::class_<StaffingPoint>(m, "StaffingPoint", "One headcount judged by replicated simulations (means per run).")
        .def_readonly("headcount", &StaffingPoint::headcount)
        .def_readonly("engineers", &StaffingPoint::engineers)
        .def_readonly("covered", &StaffingPoint::covered)
        .def_property_readonly("attainment_mean", [](const StaffingPoint& p) { return p.attainment.mean; })
        .def_property_readonly("attainment_low", [](const StaffingPoint& p) { return clipped_low(p.attainment); },
                               "Lower 95 % bound of the attainment, clipped at 0.")
        .def_property_readonly("attainment_high", [](const StaffingPoint& p) { return p.attainment.mean + p.attainment.half_width; })
        .def_property_readonly("replications", [](const StaffingPoint& p) { return p.attainment.n; })
        .def_readonly("engineer_hours", &StaffingPoint::engineer_hours)
        .def_readonly("breaches", &StaffingPoint::breaches)
        .def_readonly("engineer_cost", &StaffingPoint::engineer_cost)
        .def_readonly("breach_cost", &StaffingPoint::breach_cost)
        .def_readonly("total_cost", &StaffingPoint::total_cost)
        .def_readonly("meets", &StaffingPoint::meets)
        .def_readonly("accepted", &StaffingPoint::accepted)
        .def("__repr__", [](const StaffingPoint& p) {
            return fmt::format("StaffingPoint({}, attainment={:.4f} +- {:.4f}, total_cost={:.0f}, meets={})", headcount_text(p.headcount),
                               p.attainment.mean, p.attainment.half_width, p.total_cost, p.meets ? "True" : "False");
        });

    py::class_<FieldGroupResult>(m, "FieldGroupResult", "A group's primary skill, today's headcount and the one found.")
        .def_readonly("skill", &FieldGroupResult::skill)
        .def_readonly("today", &FieldGroupResult::today)
        .def_readonly("found", &FieldGroupResult::found)
        .def("__repr__", [](const FieldGroupResult& g) {
            return fmt::format("FieldGroupResult(skill='{}', today={}, found={})", g.skill, g.today, g.found);
        });

    py::class_<FieldVerification>(m, "FieldVerification",
                                  "The answer, and each group minus one (minus two where minus one still meets), on new seeds.")
        .def_readonly("found", &FieldVerification::found)
        .def_readonly("minus_one", &FieldVerification::minus_one)
        .def_readonly("minus_two", &FieldVerification::minus_two)
        .def("__repr__", [](const FieldVerification& v) {
            return fmt::format("FieldVerification(found={}, minus_one=<{} points>, minus_two=<{} points>)",
                               headcount_text(v.found.headcount), v.minus_one.size(), v.minus_two.size());
        });

    py::class_<FieldStaffingResult>(m, "FieldStaffingResult", "What the field staffing search found and evaluated.")
        .def_readonly("groups", &FieldStaffingResult::groups)
        .def_readonly("feasible", &FieldStaffingResult::feasible)
        .def_readonly("budget_exhausted", &FieldStaffingResult::budget_exhausted)
        .def_readonly("found", &FieldStaffingResult::found)
        .def_readonly("today", &FieldStaffingResult::today)
        .def_readonly("cheapest", &FieldStaffingResult::cheapest)
        .def_readonly("verification", &FieldStaffingResult::verification)
        .def_readonly("points", &FieldStaffingResult::points)
        .def_readonly("evaluations", &FieldStaffingResult::evaluations)
        .def_readonly("simulations", &FieldStaffingResult::simulations)
        .def_readonly("seconds", &FieldStaffingResult::seconds)
        .def("__repr__", [](const FieldStaffingResult& r) {
            return fmt::format("FieldStaffingResult(feasible={}, found={}, today={}, evaluations={})", r.feasible ? "True" : "False",
                               headcount_text(r.found.headcount), headcount_text(r.today.headcount), r.evaluations);
        });

    m.def("group_engineers", &group_engineers, py::arg("scenario"), "The scenario's engineers grouped by primary skill.");
    m.def("current_headcount", &current_headcount, py::arg("groups"), "The size of each group.");
    m.def("with_headcount", &with_headcount, py::arg("scenario"), py::arg("groups"), py::arg("headcount"), py::arg("seed") = 1,
          "The scenario with headcount[g] engineers in group g (copies named id+k, homes within 2 km).");
    m.def(
        "evaluate_headcount",
        [](const Scenario& scenario, const FieldGroups& groups, const std::vector<int>& headcount, const FieldStaffingOptions& options,
           int first_replication) {
            py::gil_scoped_release release;
            return evaluate_headcount(scenario, groups, headcount, options, first_replication);
        },
        py::arg("scenario"), py::arg("groups"), py::arg("headcount"), py::arg("options"), py::arg("first_replication") = 0,
        "One headcount over the options' replications (seeds replication_seed(seed, first_replication + r)).");
    m.def(
        "staff_field",
        [](const Scenario& scenario, FieldStaffingOptions options, const py::object& progress) {
            options.progress = field_progress(progress);
            py::gil_scoped_release release;
            return staff_field(scenario, options);
        },
        py::arg("scenario"), py::arg("options") = FieldStaffingOptions{}, py::arg("progress") = py::none(),
        "The smallest headcount per group meeting the target (C++ result; fsdispatch.staff_field gives DataFrames); "
        "progress(evaluations, max_evaluations).");
}

}  // namespace

FSDPY_REGISTER(112, bind_staffing_field);
