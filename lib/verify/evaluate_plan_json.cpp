// Writing an evaluation as JSON (plans are read by io's plan_from_json).
#include <string>

#include "../io/json_reader.hpp"
#include "fsd/core/error.hpp"
#include "fsd/evaluate.hpp"

namespace fsd {
namespace {

using io_detail::Json;

const char* kind_name(StepKind kind) {
    switch (kind) {
        case StepKind::start: return "start";
        case StepKind::job: return "job";
        case StepKind::break_: return "break";
        case StepKind::depot: return "depot";
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
    j["overtime"] = o.overtime;
    j["max_lateness"] = o.max_lateness;
    return j;
}

Json figures_json(const PlanFigures& f) {
    Json j;
    j["objective"] = f.objective;
    j["travel_time"] = f.travel_time;
    j["distance"] = f.distance;
    j["lateness"] = f.lateness;
    j["served"] = f.served;
    j["overtime"] = f.overtime;
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
            if (s.kind == StepKind::depot) js["id"] = problem.depot(s.index).id;
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
            // As in a plan: present only on a depot stop that picks something up.
            if (!s.pickup_tools.empty() || !s.pickup_parts.empty()) {
                Json pickup = Json::object();
                if (!s.pickup_tools.empty()) pickup["tools"] = s.pickup_tools;
                if (!s.pickup_parts.empty()) {
                    pickup["parts"] = Json::object();
                    for (const PartCount& p : s.pickup_parts) pickup["parts"][p.part] = p.count;
                }
                js["pickup"] = std::move(pickup);
            }
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
