// Reading a hand-made plan (times optional) and writing an evaluation. Uses
// the io layer's strict JSON reader so a plan is refused exactly where a
// solution document would be.
#include <string>

#include "../io/json_reader.hpp"
#include "fsd/core/error.hpp"
#include "fsd/evaluate.hpp"

namespace fsd {
namespace {

using io_detail::child_path;
using io_detail::Json;
using io_detail::ObjectReader;

Step read_plan_step(const Problem& problem, const Engineer& engineer, const Json& v, const std::string& path) {
    // The timing fields are accepted (a solver's plan has them) but not read.
    ObjectReader r(v, path,
                   {"type", "id", "arrival", "start", "end", "waiting", "travel_time", "distance", "lateness", "load"});
    Step s;
    const std::string type = io_detail::read_string(r.require("type"), r.path("type"));
    if (type == "start") s.kind = StepKind::start;
    else if (type == "end") s.kind = StepKind::end;
    else if (type == "job") s.kind = StepKind::job;
    else if (type == "break") s.kind = StepKind::break_;
    else throw InputError(r.path("type"), "unknown step type \"" + type + "\"; use \"start\", \"job\", \"break\" or \"end\"");
    const Json* id = r.get("id");
    if (s.kind == StepKind::start || s.kind == StepKind::end) {
        if (id) throw InputError(r.path("id"), "a " + type + " step has no id");
        return s;
    }
    if (!id) throw InputError(path, "the field \"id\" is required for a " + type + " step");
    const std::string name = io_detail::read_string(*id, r.path("id"));
    if (s.kind == StepKind::job) {
        const auto j = problem.job_index(name);
        if (!j) throw InputError(r.path("id"), "unknown job id \"" + name + "\"");
        s.index = *j;
        return s;
    }
    for (size_t b = 0; b < engineer.breaks.size(); ++b)
        if (engineer.breaks[b].id == name) s.index = static_cast<Index>(b);
    if (s.index < 0)
        throw InputError(r.path("id"), "engineer \"" + engineer.id + "\" has no break with id \"" + name + "\"");
    return s;
}

Route read_plan_route(const Problem& problem, const Json& v, const std::string& path) {
    ObjectReader r(v, path,
                   {"engineer", "shift", "travel_time", "distance", "service_time", "waiting_time", "working_time",
                    "lateness", "cost", "steps"});
    Route route;
    const std::string eng = io_detail::read_string(r.require("engineer"), r.path("engineer"));
    const auto e = problem.engineer_index(eng);
    if (!e) throw InputError(r.path("engineer"), "unknown engineer id \"" + eng + "\"");
    route.engineer = *e;
    const Engineer& engineer = problem.engineer(*e);
    if (const Json* sh = r.get("shift")) {
        const std::int64_t shift = io_detail::read_int(*sh, r.path("shift"));
        if (shift < 0 || shift >= static_cast<std::int64_t>(engineer.shifts.size()))
            throw InputError(r.path("shift"), "engineer \"" + eng + "\" has no shift " + std::to_string(shift) +
                                                  " (it has " + std::to_string(engineer.shifts.size()) +
                                                  ", numbered from 0)");
        route.shift = static_cast<Index>(shift);
    }
    const Json& steps = io_detail::read_array(r.require("steps"), r.path("steps"));
    for (size_t i = 0; i < steps.size(); ++i)
        route.steps.push_back(read_plan_step(problem, engineer, steps[i], child_path(r.path("steps"), i)));
    return route;
}

const char* kind_name(StepKind kind) {
    switch (kind) {
        case StepKind::start: return "start";
        case StepKind::job: return "job";
        case StepKind::break_: return "break";
        case StepKind::end: return "end";
    }
    return "job";
}

Json objective_json(const ObjectiveParts& o) {
    Json j;
    j["total"] = o.total();
    j["unassigned"] = o.unassigned;
    j["lateness"] = o.lateness;
    j["travel"] = o.travel;
    j["balance"] = o.balance;
    j["preference"] = o.preference;
    return j;
}

Json figures_json(const PlanFigures& f) {
    Json j;
    j["objective"] = f.objective;
    j["travel_time"] = f.travel_time;
    j["distance"] = f.distance;
    j["lateness"] = f.lateness;
    j["served"] = f.served;
    j["violations"] = f.violations;
    return j;
}

Json violation_json(const Problem& problem, const PlanViolation& v) {
    Json j;
    j["kind"] = v.kind;
    j["engineer"] = v.engineer >= 0 ? Json(problem.engineer(v.engineer).id) : Json(nullptr);
    j["shift"] = v.shift >= 0 ? Json(v.shift) : Json(nullptr);
    j["job"] = v.job >= 0 ? Json(problem.job(v.job).id) : Json(nullptr);
    j["cause"] = v.cause;
    return j;
}

Json evaluation_json(const Problem& problem, const PlanEvaluation& ev) {
    Json j;
    j["objective"] = objective_json(ev.objective);
    j["figures"] = figures_json(ev.figures);
    Json routes = Json::array();
    for (const auto& r : ev.routes) {
        const Engineer& eng = problem.engineer(r.engineer);
        Json jr;
        jr["engineer"] = eng.id;
        jr["shift"] = r.shift;
        jr["travel_time"] = r.travel_time;
        jr["distance"] = r.distance;
        jr["waiting"] = r.waiting;
        jr["lateness"] = r.lateness;
        jr["window_lateness"] = r.window_lateness;
        jr["overtime"] = r.overtime;
        jr["cost"] = r.cost;
        Json steps = Json::array();
        for (const auto& s : r.steps) {
            Json js;
            js["type"] = kind_name(s.kind);
            if (s.kind == StepKind::job) js["id"] = problem.job(s.index).id;
            if (s.kind == StepKind::break_) js["id"] = eng.breaks[static_cast<size_t>(s.index)].id;
            if (s.inserted_break) js["inserted"] = true;
            js["arrival"] = s.arrival;
            js["start"] = s.start;
            js["end"] = s.end;
            js["waiting"] = s.waiting;
            js["travel_time"] = s.travel_time;
            js["distance"] = s.distance;
            js["lateness"] = s.sla_lateness;
            js["window_lateness"] = s.window_lateness;
            js["load"] = s.load;
            steps.push_back(std::move(js));
        }
        jr["steps"] = std::move(steps);
        routes.push_back(std::move(jr));
    }
    j["routes"] = std::move(routes);
    Json violations = Json::array();
    for (const auto& v : ev.violations) violations.push_back(violation_json(problem, v));
    j["violations"] = std::move(violations);
    return j;
}

}  // namespace

Solution plan_from_json(const Problem& problem, std::string_view text) {
    const Json doc = io_detail::parse_json_text(text);
    io_detail::check_header(doc, "fsdispatch-solution");
    // The stated figures of a solver's plan are allowed and ignored.
    ObjectReader r(doc, "", {"format", "version", "objective", "routes", "unassigned", "stats"});
    Solution plan;
    if (const Json* routes = r.get("routes")) {
        const Json& arr = io_detail::read_array(*routes, "/routes");
        for (size_t i = 0; i < arr.size(); ++i)
            plan.routes.push_back(read_plan_route(problem, arr[i], child_path("/routes", i)));
    }
    return plan;
}

std::string evaluation_to_json(const Problem& problem, const PlanEvaluation& evaluation,
                               const PlanComparison* comparison) {
    Json doc;
    doc["format"] = "fsdispatch-evaluation";
    doc["version"] = 1;
    doc["plan"] = evaluation_json(problem, evaluation);
    if (comparison) {
        Json c;
        c["solver"] = evaluation_json(problem, comparison->solver);
        c["saving"] = objective_json(comparison->saving);
        c["difference"] = figures_json(comparison->difference);
        doc["comparison"] = std::move(c);
    }
    return doc.dump(2) + "\n";
}

}  // namespace fsd
