#include "assign_costs.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace fsd::detail {
namespace {

constexpr double kEarthRadius = 6371008.8;
constexpr double kRad = 3.14159265358979323846 / 180.0;
// Longer travel is capped (63 years); only absurd speeds get there.
constexpr std::int64_t kTravelCap = 2'000'000'000;

struct UnitVector {
    double x = 0, y = 0, z = 0;
};

UnitVector unit_vector(const Coordinates& c) {
    const double lat = c.lat * kRad, lon = c.lon * kRad;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

// Great-circle metres times the detour, from the chord between unit vectors,
// as travel/great_circle.cpp computes them.
double road_metres(const UnitVector& a, const UnitVector& b, double detour) {
    const double dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    const double chord = std::sqrt(dx * dx + dy * dy + dz * dz);
    return 2.0 * kEarthRadius * detour * std::asin(std::min(1.0, chord / 2));
}

std::int64_t divided_by_speed(std::int64_t base, double speed_factor) {
    if (speed_factor == 1.0) return base;
    const double d = static_cast<double>(base) / speed_factor;
    return d >= static_cast<double>(kTravelCap) ? kTravelCap : static_cast<std::int64_t>(std::llround(d));
}

}  // namespace

AssignCosts::AssignCosts(const AssignProblem& problem, const AssignOptions& options)
    : problem_(problem), options_(options) {
    const std::size_t nt = problem.tickets.size(), ne = problem.engineers.size();
    engineers_ = ne;
    travel_.assign(nt * ne, -1);

    start_offset_.resize(ne);
    workload_.resize(ne);
    for (std::size_t e = 0; e < ne; ++e) {
        start_offset_[e] = std::max<Duration>(0, problem.engineers[e].available_from - problem.now);
        workload_[e] = problem.engineers[e].workload;
    }
    slack_.resize(nt);
    leave_.resize(nt);
    for (std::size_t t = 0; t < nt; ++t) {
        const auto& ticket = problem.tickets[t];
        slack_[t] = ticket.sla_deadline ? *ticket.sla_deadline - problem.now : kTimeMax;
        Duration urgency = 0;
        if (ticket.sla_deadline)
            urgency = std::clamp<Duration>(options.urgency_horizon - slack_[t], 0, options.urgency_horizon);
        const Cost c = options.leave_out_base + weighted(options.leave_out_per_priority, ticket.priority) +
                       weighted(options.leave_out_urgency_weight, urgency);
        leave_[t] = std::min(c, kAssignmentCostLimit);
    }

    // Skills as dense indices; an engineer's level per skill (-1: none).
    std::unordered_map<std::string, std::size_t> skill_index;
    for (const auto& eng : problem.engineers)
        for (const auto& s : eng.skills) skill_index.emplace(s.skill, skill_index.size());
    const std::size_t ns = skill_index.size();
    std::vector<int> level(ns * ne, -1);
    for (std::size_t e = 0; e < ne; ++e)
        for (const auto& s : problem.engineers[e].skills) {
            int& l = level[skill_index[s.skill] * ne + e];
            l = std::max(l, s.level);
        }
    std::unordered_map<std::string, std::size_t> engineer_index;
    for (std::size_t e = 0; e < ne; ++e) engineer_index.emplace(problem.engineers[e].id, e);

    std::vector<UnitVector> engineer_at;
    const bool matrix = problem.travel_matrix.has_value();
    if (!matrix) {
        engineer_at.reserve(ne);
        for (const auto& eng : problem.engineers) engineer_at.push_back(unit_vector(*eng.position.coords));
    }
    const double seconds_per_metre = 3.6 / problem.great_circle.speed_kmh;
    std::vector<char> admitted(ne);
    for (std::size_t t = 0; t < nt; ++t) {
        const auto& ticket = problem.tickets[t];
        // Which engineers may serve t: skills at level, then the lists.
        std::fill(admitted.begin(), admitted.end(), static_cast<char>(1));
        for (const auto& req : ticket.skills) {
            const auto it = skill_index.find(req.skill);
            for (std::size_t e = 0; e < ne; ++e)
                if (it == skill_index.end() || level[it->second * ne + e] < req.min_level) admitted[e] = 0;
        }
        if (!ticket.allowed_engineers.empty()) {
            std::vector<char> listed(ne, 0);
            for (const auto& id : ticket.allowed_engineers) listed[engineer_index.at(id)] = 1;
            for (std::size_t e = 0; e < ne; ++e) admitted[e] = static_cast<char>(admitted[e] && listed[e]);
        }
        for (const auto& id : ticket.forbidden_engineers) admitted[engineer_index.at(id)] = 0;

        const UnitVector at = matrix ? UnitVector{} : unit_vector(*ticket.location.coords);
        for (std::size_t e = 0; e < ne; ++e) {
            if (!admitted[e]) continue;
            std::int64_t base = 0;
            if (matrix) {
                base = problem.travel_matrix->durations[t * ne + e];
            } else {
                const double metres = road_metres(engineer_at[e], at, problem.great_circle.detour_factor);
                const double seconds = metres * seconds_per_metre + 0.5;
                base = seconds >= static_cast<double>(kTravelCap) ? kTravelCap : static_cast<std::int64_t>(seconds);
            }
            travel_[t * ne + e] = static_cast<std::int32_t>(divided_by_speed(base, problem.engineers[e].speed_factor));
        }
    }
}

Distance AssignCosts::distance(Index t, Index e) const {
    const auto ti = static_cast<std::size_t>(t), ei = static_cast<std::size_t>(e);
    if (problem_.travel_matrix) {
        const auto& d = problem_.travel_matrix->distances;
        return d.empty() ? 0 : d[ti * problem_.engineers.size() + ei];
    }
    const double metres = road_metres(unit_vector(*problem_.engineers[ei].position.coords),
                                      unit_vector(*problem_.tickets[ti].location.coords),
                                      problem_.great_circle.detour_factor);
    return static_cast<Distance>(metres + 0.5);
}

}  // namespace fsd::detail
