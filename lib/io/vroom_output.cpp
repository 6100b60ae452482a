// Writing a Solution in VROOM's output shape (docs/vroom.md).
#include <cmath>

#include "fsd/core/error.hpp"
#include "fsd/io/vroom_json.hpp"
#include "json_reader.hpp"

namespace fsd {

namespace {

using io_detail::Json;

Json amounts(const std::vector<Amount>& a) {
    Json out = Json::array();
    for (Amount x : a) out.push_back(x);
    return out;
}

void add_to(std::vector<Amount>& sum, const std::vector<Amount>& a) {
    if (sum.size() < a.size()) sum.resize(a.size(), 0);
    for (size_t k = 0; k < a.size(); ++k) sum[k] += a[k];
}

/// Where a job is, as the input gave it.
void put_location(Json& out, const VroomJob& job) {
    if (job.coords) out["location"] = Json::array({job.coords->lon, job.coords->lat});
    if (job.location_index) out["location_index"] = *job.location_index;
}

/// Where an engineer starts or ends, as the input gave it (the Location keeps
/// the caller's coordinates; the matrix row is the caller's only with a matrix).
void put_location(Json& out, const Location& loc, bool explicit_matrix) {
    if (loc.coords) out["location"] = Json::array({loc.coords->lon, loc.coords->lat});
    if (explicit_matrix && loc.matrix_index) out["location_index"] = *loc.matrix_index;
}

std::int64_t milliseconds(double seconds) { return std::llround(seconds * 1000.0); }

}  // namespace

std::string vroom_output_json(const VroomInput& input, const Solution& solution, int indent) {
    const Problem& problem = input.problem;
    const auto dims = static_cast<size_t>(problem.dimensions());
    const std::vector<Amount> zeros(dims, 0);

    Json routes = Json::array();
    Cost total_cost = 0;
    Duration total_service = 0, total_duration = 0, total_waiting = 0;
    Distance total_distance = 0;
    std::int64_t total_priority = 0;
    std::vector<Amount> total_delivery = zeros;
    for (const Route& route : solution.routes) {
        const auto e = static_cast<size_t>(route.engineer);
        FSD_ASSERT(e < input.vehicles.size());
        const VroomVehicle& vehicle = input.vehicles[e];
        const Engineer& engineer = problem.engineer(route.engineer);
        std::vector<Amount> delivery = zeros;
        std::int64_t priority = 0;
        Json steps = Json::array();
        Duration travelled = 0;
        Distance driven = 0;
        for (const Step& s : route.steps) {
            travelled += s.travel_time;
            driven += s.travel_distance;
            Json step;
            switch (s.kind) {
                case StepKind::start: step["type"] = "start"; break;
                case StepKind::job: step["type"] = "job"; break;
                case StepKind::break_: step["type"] = "break"; break;
                case StepKind::depot: step["type"] = "depot"; break;
                case StepKind::end: step["type"] = "end"; break;
            }
            if (s.kind == StepKind::start && !vehicle.has_start) continue;
            if (s.kind == StepKind::end && !vehicle.has_end) continue;
            Duration service = 0;
            if (s.kind == StepKind::job) {
                const VroomJob& job = input.jobs.at(static_cast<size_t>(s.index));
                step["id"] = job.id;
                if (job.description) step["description"] = *job.description;
                put_location(step, job);
                add_to(delivery, problem.demand(s.index));
                priority += job.priority;
                service = s.end - s.start;
            } else if (s.kind == StepKind::depot) {
                // VROOM has no depot stop; it is written as a step of type
                // "depot" named by the depot's id (docs/vroom.md).
                step["id"] = problem.depot(s.index).id;
                put_location(step, problem.depot(s.index).location, input.explicit_matrix);
                service = s.end - s.start;
            } else if (s.kind == StepKind::break_) {
                step["id"] = vehicle.break_ids.at(static_cast<size_t>(s.index));
                if (const auto& d = vehicle.break_descriptions.at(static_cast<size_t>(s.index))) step["description"] = *d;
                service = s.end - s.start;
            } else {
                put_location(step, s.kind == StepKind::start ? engineer.start : engineer.end.value_or(engineer.start),
                             input.explicit_matrix);
            }
            // VROOM's start step is the departure, which our start step holds in `end`.
            step["arrival"] = s.kind == StepKind::start ? s.end : s.arrival;
            step["duration"] = travelled;
            step["setup"] = 0;
            step["service"] = service;
            step["waiting_time"] = s.waiting;
            step["load"] = amounts(s.load.empty() ? zeros : s.load);
            if (input.has_distances) step["distance"] = driven;
            step["violations"] = Json::array();
            steps.push_back(std::move(step));
        }
        Json r;
        r["vehicle"] = vehicle.id;
        r["cost"] = route.cost;
        if (vehicle.description) r["description"] = *vehicle.description;
        r["delivery"] = amounts(delivery);
        r["pickup"] = amounts(zeros);
        r["setup"] = 0;
        r["service"] = route.service_time;
        r["duration"] = route.travel_time;
        r["waiting_time"] = route.waiting_time;
        r["priority"] = priority;
        if (input.has_distances) r["distance"] = route.distance;
        r["steps"] = std::move(steps);
        r["violations"] = Json::array();
        routes.push_back(std::move(r));
        total_cost += route.cost;
        total_service += route.service_time;
        total_duration += route.travel_time;
        total_waiting += route.waiting_time;
        total_distance += route.distance;
        total_priority += priority;
        add_to(total_delivery, delivery);
    }

    Json unassigned = Json::array();
    for (const Unassigned& u : solution.unassigned) {
        const VroomJob& job = input.jobs.at(static_cast<size_t>(u.job));
        Json out;
        out["id"] = job.id;
        out["type"] = "job";
        put_location(out, job);
        if (job.description) out["description"] = *job.description;
        out["reason"] = to_string(u.reason);
        unassigned.push_back(std::move(out));
    }

    Json summary;
    summary["cost"] = total_cost;
    summary["routes"] = solution.routes.size();
    summary["unassigned"] = solution.unassigned.size();
    summary["delivery"] = amounts(total_delivery);
    summary["pickup"] = amounts(zeros);
    summary["setup"] = 0;
    summary["service"] = total_service;
    summary["duration"] = total_duration;
    summary["waiting_time"] = total_waiting;
    summary["priority"] = total_priority;
    if (input.has_distances) summary["distance"] = total_distance;
    summary["violations"] = Json::array();
    summary["computing_times"] = Json{{"loading", milliseconds(input.loading_seconds)},
                                      {"solving", milliseconds(solution.stats.seconds)},
                                      {"routing", 0}};

    Json doc;
    doc["code"] = 0;
    doc["summary"] = std::move(summary);
    doc["unassigned"] = std::move(unassigned);
    doc["routes"] = std::move(routes);
    return io_detail::dump_json(doc, indent);
}

}  // namespace fsd
