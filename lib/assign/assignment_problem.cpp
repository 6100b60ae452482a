#include "fsd/assign/assignment_problem.hpp"

#include <cmath>
#include <string>
#include <unordered_set>

#include "fsd/core/error.hpp"

namespace fsd {
namespace {

// Instants farther out than this would let differences of instants, times
// weights, leave int64; 10^15 s is thirty million years.
constexpr Time kInstantLimit = 1'000'000'000'000'000;
constexpr Duration kSpanLimit = 1'000'000'000;  // about 31 years

void check_instant(Time t, const std::string& path) {
    if (t < -kInstantLimit || t > kInstantLimit)
        throw InputError(path, "an instant must lie within 10^15 seconds of the epoch");
}

void check_span(std::int64_t d, const std::string& path, const char* what) {
    if (d < 0) throw InputError(path, std::string(what) + " may not be negative");
    if (d > kSpanLimit) throw InputError(path, std::string(what) + " may be at most 10^9 seconds");
}

void check_location(const Location& l, const std::string& path) {
    if (!l.coords) throw InputError(path, "coordinates are needed for great-circle travel (or give a travel_matrix)");
    const double lat = l.coords->lat, lon = l.coords->lon;
    if (!std::isfinite(lat) || lat < -90.0 || lat > 90.0)
        throw InputError(path + "/lat", "a latitude lies between -90 and 90");
    if (!std::isfinite(lon) || lon < -180.0 || lon > 180.0)
        throw InputError(path + "/lon", "a longitude lies between -180 and 180");
}

}  // namespace

void validate_assign_problem(const AssignProblem& p) {
    check_instant(p.now, "/now");
    const bool matrix = p.travel_matrix.has_value();
    if (!matrix) {
        const auto& g = p.great_circle;
        if (!std::isfinite(g.speed_kmh) || g.speed_kmh <= 0.0 || g.speed_kmh > 1000.0)
            throw InputError("/great_circle/speed_kmh", "speed_kmh must be more than 0 and at most 1000");
        if (!std::isfinite(g.detour_factor) || g.detour_factor < 1.0 || g.detour_factor > 10.0)
            throw InputError("/great_circle/detour_factor", "detour_factor must be between 1 and 10");
    }
    std::unordered_set<std::string> engineer_ids;
    for (std::size_t e = 0; e < p.engineers.size(); ++e) {
        const auto& eng = p.engineers[e];
        const std::string path = "/engineers/" + std::to_string(e);
        if (eng.id.empty()) throw InputError(path + "/id", "an engineer needs a non-empty id");
        if (!engineer_ids.insert(eng.id).second)
            throw InputError(path + "/id", "the engineer id \"" + eng.id + "\" appears twice");
        if (!matrix) check_location(eng.position, path + "/position");
        check_instant(eng.available_from, path + "/available_from");
        for (std::size_t s = 0; s < eng.skills.size(); ++s) {
            const std::string sp = path + "/skills/" + std::to_string(s);
            if (eng.skills[s].skill.empty()) throw InputError(sp + "/skill", "a skill needs a name");
            if (eng.skills[s].level < 0) throw InputError(sp + "/level", "a skill level may not be negative");
        }
        if (eng.capacity < 0) throw InputError(path + "/capacity", "a capacity may not be negative");
        if (eng.capacity > 1'000'000) throw InputError(path + "/capacity", "a capacity may be at most 1,000,000");
        check_span(eng.workload, path + "/workload", "a workload");
        if (!std::isfinite(eng.speed_factor) || eng.speed_factor <= 0.0 || eng.speed_factor > 100.0)
            throw InputError(path + "/speed_factor", "a speed factor must be more than 0 and at most 100");
    }
    std::unordered_set<std::string> ticket_ids;
    for (std::size_t t = 0; t < p.tickets.size(); ++t) {
        const auto& ticket = p.tickets[t];
        const std::string path = "/tickets/" + std::to_string(t);
        if (ticket.id.empty()) throw InputError(path + "/id", "a ticket needs a non-empty id");
        if (!ticket_ids.insert(ticket.id).second)
            throw InputError(path + "/id", "the ticket id \"" + ticket.id + "\" appears twice");
        if (!matrix) check_location(ticket.location, path + "/location");
        for (std::size_t s = 0; s < ticket.skills.size(); ++s) {
            const std::string sp = path + "/skills/" + std::to_string(s);
            if (ticket.skills[s].skill.empty()) throw InputError(sp + "/skill", "a skill needs a name");
            if (ticket.skills[s].min_level < 0) throw InputError(sp + "/min_level", "a skill level may not be negative");
        }
        if (ticket.priority < 0 || ticket.priority > 100)
            throw InputError(path + "/priority", "a priority lies between 0 and 100");
        if (ticket.sla_deadline) check_instant(*ticket.sla_deadline, path + "/sla_deadline");
        check_span(ticket.duration, path + "/duration", "a duration");
        auto check_ids = [&](const std::vector<std::string>& ids, const char* field) {
            for (std::size_t k = 0; k < ids.size(); ++k)
                if (!engineer_ids.count(ids[k]))
                    throw InputError(path + "/" + field + "/" + std::to_string(k),
                                     "unknown engineer id \"" + ids[k] + "\"");
        };
        check_ids(ticket.allowed_engineers, "allowed_engineers");
        check_ids(ticket.forbidden_engineers, "forbidden_engineers");
    }
    if (matrix) {
        const auto& tm = *p.travel_matrix;
        const std::size_t pairs = p.tickets.size() * p.engineers.size();
        if (tm.durations.size() != pairs)
            throw InputError("/travel_matrix/durations", "expected tickets x engineers = " + std::to_string(pairs) +
                                                             " entries, got " + std::to_string(tm.durations.size()));
        if (!tm.distances.empty() && tm.distances.size() != pairs)
            throw InputError("/travel_matrix/distances", "expected tickets x engineers = " + std::to_string(pairs) +
                                                             " entries (or none), got " + std::to_string(tm.distances.size()));
        for (std::size_t k = 0; k < tm.durations.size(); ++k)
            check_span(tm.durations[k], "/travel_matrix/durations/" + std::to_string(k), "a travel duration");
        for (std::size_t k = 0; k < tm.distances.size(); ++k)
            if (tm.distances[k] < 0 || tm.distances[k] > 1'000'000'000'000)
                throw InputError("/travel_matrix/distances/" + std::to_string(k),
                                 "a distance lies between 0 and 10^12 metres");
    }
}

}  // namespace fsd
