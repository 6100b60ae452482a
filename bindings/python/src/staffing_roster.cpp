// Python bindings of rosters (fsd/staffing/roster*.hpp): conversion only.
// The problem crosses as JSON text so that Python and the CLI share one
// reader and its field paths ("/templates/2/start").
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/staffing/roster.hpp"
#include "fsd/staffing/roster_check.hpp"
#include "fsd/staffing/roster_json.hpp"
#include "registry.hpp"

namespace py = pybind11;

namespace {

py::dict roster_dict(const fsd::RosterProblem& p, const fsd::Roster& r) {
    py::dict d;
    d["status"] = fsd::to_string(r.status);
    d["cost"] = r.cost;
    d["best_bound"] = r.best_bound;
    d["gap"] = r.gap;
    d["seconds"] = r.seconds;
    d["count_seconds"] = r.count_seconds;
    d["naming_seconds"] = r.naming_seconds;
    d["naming_status"] = fsd::to_string(r.naming_status);
    d["naming_gap"] = r.naming_gap;
    d["message"] = r.message;
    d["interval"] = p.interval;
    py::list shifts;
    for (const fsd::RosteredShift& s : r.shifts)
        shifts.append(py::make_tuple(s.person, s.template_id, s.weekday, s.start, s.end, s.break_start, s.break_end, s.skill));
    d["shifts"] = shifts;
    py::list coverage;
    for (std::size_t k = 0; k < r.coverage.size(); ++k)
        coverage.append(py::make_tuple(r.coverage[k].skill, p.requirements[k].required, r.coverage[k].required,
                                       k < r.shortfall.size() ? r.shortfall[k].required : std::vector<int>{}));
    d["coverage"] = coverage;
    d["unfilled"] = r.unfilled;
    d["json"] = fsd::roster_to_json(p, r);
    return d;
}

void bind_roster(py::module_& m) {
    py::class_<fsd::RosterProblem>(m, "RosterProblem",
                                   "A roster problem: weekly requirement per skill, shift templates, people, rules "
                                   "(JSON format in docs/staffing.md).")
        .def_static(
            "from_json", [](const std::string& text) { return fsd::roster_problem_from_json(text); }, py::arg("text"),
            "Reads a problem; ValueError (fsdispatch.InputError) naming the field, e.g. /templates/2/start.")
        .def("to_json", [](const fsd::RosterProblem& p) { return fsd::roster_problem_to_json(p); },
             "The problem as JSON text; RosterProblem.from_json reads it back.")
        .def("__eq__", [](const fsd::RosterProblem& a, const fsd::RosterProblem& b) {
            return fsd::roster_problem_to_json(a) == fsd::roster_problem_to_json(b);
        }, py::is_operator())
        .def(py::pickle([](const fsd::RosterProblem& p) { return fsd::roster_problem_to_json(p); },
                        [](const std::string& text) { return fsd::roster_problem_from_json(text); }))
        .def_property_readonly("interval", [](const fsd::RosterProblem& p) { return p.interval; })
        .def_property_readonly("skills",
                               [](const fsd::RosterProblem& p) {
                                   std::vector<std::string> out;
                                   for (const auto& r : p.requirements) out.push_back(r.skill);
                                   return out;
                               })
        .def_property_readonly("template_ids",
                               [](const fsd::RosterProblem& p) {
                                   std::vector<std::string> out;
                                   for (const auto& t : p.templates) out.push_back(t.id);
                                   return out;
                               })
        .def_property_readonly("person_ids",
                               [](const fsd::RosterProblem& p) {
                                   std::vector<std::string> out;
                                   for (const auto& r : p.people) out.push_back(r.id);
                                   return out;
                               })
        .def("__repr__", [](const fsd::RosterProblem& p) {
            return "RosterProblem(interval=" + std::to_string(p.interval) + ", skills=" +
                   std::to_string(p.requirements.size()) + ", templates=" + std::to_string(p.templates.size()) +
                   ", people=" + std::to_string(p.people.size()) + ")";
        });

    m.def(
        "solve_roster",
        [](const fsd::RosterProblem& p, double time_limit, double gap, int threads, bool log) {
            fsd::RosterOptions o;
            o.time_limit = time_limit;
            o.relative_gap = gap;
            o.threads = threads;
            o.log = log;
            fsd::Roster r;
            {
                py::gil_scoped_release release;
                r = fsd::solve_roster(p, o);
            }
            return roster_dict(p, r);
        },
        py::arg("problem"), py::arg("time_limit") = 30.0, py::arg("gap") = 0.01, py::arg("threads") = 1,
        py::arg("log") = false,
        "Solves the roster with CBC (the GIL is released); a dict of status, cost, bound, gap, shifts, coverage, "
        "unfilled, message and the roster as JSON.");
    m.def(
        "check_roster",
        [](const fsd::RosterProblem& p, const std::string& roster_json) {
            return fsd::check_roster(p, fsd::roster_from_json(roster_json));
        },
        py::arg("problem"), py::arg("roster_json"), "Every way the roster (JSON as written by solve_roster) breaks the problem.");
    m.def(
        "roster_requirements_from_csv",
        [](const std::string& text, fsd::Duration interval) {
            py::list out;
            for (const auto& r : fsd::roster_requirements_from_csv(text, interval)) out.append(py::make_tuple(r.skill, r.required));
            return out;
        },
        py::arg("text"), py::arg("interval") = 1800, "Requirement CSV to a list of (skill, required per interval).");
}

}  // namespace

FSDPY_REGISTER(72, bind_roster);
