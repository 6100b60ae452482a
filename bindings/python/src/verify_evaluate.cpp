// Binding of plan evaluation: fsdispatch.evaluate(problem, plan, ...) returns
// an Evaluation whose violations and comparison are plain dicts with ids, so a
// dispatcher's notebook needs no index bookkeeping.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fsd/evaluate.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

/// What evaluate() returns: the plan's evaluation, and the comparison when solved.
struct Evaluation {
    std::shared_ptr<Problem> problem;
    PlanEvaluation given;
    std::optional<PlanComparison> comparison;
};

py::object id_or_none(const std::string* id) { return id ? py::object(py::str(*id)) : py::object(py::none()); }

py::dict violation_dict(const Problem& p, const PlanViolation& v) {
    py::dict d;
    d["kind"] = v.kind;
    d["engineer"] = v.engineer >= 0 ? id_or_none(&p.engineer(v.engineer).id) : py::object(py::none());
    d["shift"] = v.shift >= 0 ? py::object(py::int_(v.shift)) : py::object(py::none());
    d["job"] = v.job >= 0 ? id_or_none(&p.job(v.job).id) : py::object(py::none());
    d["cause"] = v.cause;
    return d;
}

py::dict figures_dict(const PlanFigures& f) {
    py::dict d;
    d["objective"] = f.objective;
    d["travel_time"] = f.travel_time;
    d["distance"] = f.distance;
    d["lateness"] = f.lateness;
    d["served"] = f.served;
    d["violations"] = f.violations;
    return d;
}

py::list violations_list(const Problem& p, const PlanEvaluation& ev) {
    py::list out;
    for (const auto& v : ev.violations) out.append(violation_dict(p, v));
    return out;
}

py::object steps_frame(const Problem& p, const PlanEvaluation& ev) {
    const char* const names[] = {"engineer", "shift", "type", "id", "inserted", "arrival", "start", "end", "waiting",
                                 "travel_time", "distance", "lateness", "window_lateness", "load"};
    std::vector<py::list> columns(std::size(names));
    for (const auto& r : ev.routes) {
        const Engineer& eng = p.engineer(r.engineer);
        for (const auto& s : r.steps) {
            py::object id = py::none();
            if (s.kind == StepKind::job) id = py::str(p.job(s.index).id);
            if (s.kind == StepKind::break_) id = py::str(eng.breaks[static_cast<size_t>(s.index)].id);
            if (s.kind == StepKind::depot) id = py::str(p.depot(s.index).id);
            const char* type = s.kind == StepKind::start   ? "start"
                               : s.kind == StepKind::end   ? "end"
                               : s.kind == StepKind::job   ? "job"
                               : s.kind == StepKind::depot ? "depot"
                                                           : "break";
            const py::object row[] = {py::str(eng.id),        py::int_(r.shift),       py::str(type),
                                      id,                     py::bool_(s.inserted_break), py::int_(s.arrival),
                                      py::int_(s.start),      py::int_(s.end),         py::int_(s.waiting),
                                      py::int_(s.travel_time), py::int_(s.distance),   py::int_(s.sla_lateness),
                                      py::int_(s.window_lateness), py::cast(s.load)};
            for (size_t c = 0; c < columns.size(); ++c) columns[c].append(row[c]);
        }
    }
    py::dict data;
    for (size_t c = 0; c < columns.size(); ++c) data[names[c]] = columns[c];
    return py::module_::import("pandas").attr("DataFrame")(data);
}

Solution plan_argument(const Problem& problem, const py::object& plan) {
    if (py::isinstance<Solution>(plan)) return plan.cast<Solution>();
    std::string text;
    if (py::isinstance<py::str>(plan))
        text = plan.cast<std::string>();
    else if (py::isinstance<py::dict>(plan))
        text = py::module_::import("json").attr("dumps")(plan).cast<std::string>();
    else
        throw py::type_error("plan must be a Solution, a JSON string or a dict");
    return plan_from_json(problem, text);
}

void bind_evaluate(py::module_& m) {
    py::class_<Evaluation>(m, "Evaluation", R"(A plan timed as given, made by evaluate().

Attributes
----------
violations : list of dict
    kind, engineer, shift, job (ids or None) and cause.
objective : ObjectiveParts
figures : dict
    objective, travel_time, distance, lateness, served, violations.
timed : Solution
    The plan with the evaluator's times.
comparison : dict or None
    With the solver's plan (given, solver, saving = given - solver, ...); None without solving.)")
        .def_property_readonly("violations", [](const Evaluation& e) { return violations_list(*e.problem, e.given); },
                               "list of dicts: kind, engineer, shift, job (ids or None) and cause")
        .def_property_readonly("objective", [](const Evaluation& e) { return e.given.objective; })
        .def_property_readonly("figures", [](const Evaluation& e) { return figures_dict(e.given.figures); })
        .def_property_readonly("timed", [](const Evaluation& e) {
                                   py::object timed = py::cast(e.given.timed);
                                   timed.attr("problem") = py::cast(e.problem);
                                   return timed;
                               },
                               "the plan as a Solution with the evaluator's times (it knows its problem)")
        .def_property_readonly(
            "comparison",
            [](const Evaluation& e) -> py::object {
                if (!e.comparison) return py::none();
                const PlanComparison& c = *e.comparison;
                py::dict d;
                d["given"] = figures_dict(c.given.figures);
                d["solver"] = figures_dict(c.solver.figures);
                d["saving"] = figures_dict(c.difference);
                d["objective_saving"] = c.saving;
                d["solver_objective"] = c.solver.objective;
                d["solver_plan"] = c.solver_plan;
                d["solver_violations"] = violations_list(*e.problem, c.solver);
                return d;
            },
            "None without solving; else dicts of figures (given, solver, saving = given - solver) and the solver's plan")
        .def("to_dataframe", [](const Evaluation& e) { return steps_frame(*e.problem, e.given); },
             R"(One row per step of every route (needs pandas).

Returns
-------
pandas.DataFrame
    Columns engineer, shift, type, id, inserted, arrival, start, end, waiting, travel_time,
    distance, lateness, window_lateness, load.)")
        .def("to_json",
             [](const Evaluation& e) {
                 return evaluation_to_json(*e.problem, e.given, e.comparison ? &*e.comparison : nullptr);
             },
             R"(The evaluation as JSON text (the format of `fsd evaluate`).

Returns
-------
str)")
        .def("__repr__", [](const Evaluation& e) {
            return "Evaluation(objective=" + std::to_string(e.given.objective.total()) + ", violations=" +
                   std::to_string(e.given.violations.size()) + ")";
        });

    m.def(
        "evaluate",
        [](std::shared_ptr<Problem> problem, const py::object& plan, bool solve, double time_limit,
           std::uint64_t seed) {
            Evaluation out;
            const Solution given = plan_argument(*problem, plan);
            out.problem = problem;
            py::gil_scoped_release release;
            if (solve) {
                SolveOptions options;
                options.time_limit_seconds = time_limit;
                options.seed = seed;
                out.comparison = compare_with_solver(*problem, given, options);
                out.given = out.comparison->given;
            } else {
                out.given = evaluate_plan(*problem, given);
            }
            return out;
        },
        py::arg("problem"), py::arg("plan"), py::arg("solve") = true, py::arg("time_limit") = 1.0,
        py::arg("seed") = 1,
        R"(Time a hand-made plan without changing its routes and state each violation with its cause.

Parameters
----------
problem : Problem
plan : Solution, str or dict
    The plan, or its JSON text or dict (docs/format.md; ids resolved against `problem`).
solve : bool, default True
    Also solve the problem and compare the plan with the solver's.
time_limit : float, default 1.0
    Seconds for that solve.
seed : int, default 1

Returns
-------
Evaluation

Raises
------
InputError
    The plan's text names an unknown id or a malformed field.
TypeError
    `plan` of another type.)");
}

}  // namespace

FSDPY_REGISTER(45, bind_evaluate);
