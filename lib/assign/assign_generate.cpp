#include "fsd/assign/assign_generate.hpp"

#include <array>
#include <cmath>
#include <random>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/core/seeded_draw.hpp"

namespace fsd {
namespace {

using Draw = SeededDraw;

constexpr std::array<const char*, 5> kTrades{"appliance", "hvac", "electrical", "plumbing", "it"};
constexpr std::array<int, 4> kPriorities{0, 30, 60, 90};

std::string numbered(const char* prefix, int n) {
    std::string digits = std::to_string(n);
    if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
    return prefix + digits;
}

// A point uniform over the disc around the centre (local flat approximation,
// fine for a city), by rejection from the square so only sqrt is needed.
Coordinates point(Draw& draw, const AssignGenerateOptions& o) {
    double x = 0, y = 0;
    do {
        x = 2.0 * draw.unit() - 1.0;
        y = 2.0 * draw.unit() - 1.0;
    } while (x * x + y * y > 1.0);
    const double km_per_degree = 111.32;
    const double lat = o.centre.lat + y * o.radius_km / km_per_degree;
    const double lon = o.centre.lon + x * o.radius_km / (km_per_degree * std::cos(o.centre.lat * 3.14159265358979323846 / 180.0));
    return {lat, lon};
}

}  // namespace

AssignProblem generate_assign_batch(const AssignGenerateOptions& o) {
    if (o.tickets < 0 || o.tickets > 100'000) throw InputError("/tickets", "tickets must lie between 0 and 100,000");
    if (o.engineers < 0 || o.engineers > 100'000)
        throw InputError("/engineers", "engineers must lie between 0 and 100,000");
    if (!std::isfinite(o.centre.lat) || o.centre.lat < -80.0 || o.centre.lat > 80.0)
        throw InputError("/centre/lat", "the centre's latitude must lie between -80 and 80");
    if (!std::isfinite(o.centre.lon) || o.centre.lon < -170.0 || o.centre.lon > 170.0)
        throw InputError("/centre/lon", "the centre's longitude must lie between -170 and 170");
    if (!std::isfinite(o.radius_km) || o.radius_km <= 0.0 || o.radius_km > 500.0)
        throw InputError("/radius_km", "radius_km must be more than 0 and at most 500");
    if (o.now < -1'000'000'000'000 || o.now > 1'000'000'000'000)
        throw InputError("/now", "now must lie within 10^12 seconds of the epoch");
    if (o.max_capacity < 1 || o.max_capacity > 100) throw InputError("/max_capacity", "max_capacity must lie between 1 and 100");
    if (!std::isfinite(o.sla_share) || o.sla_share < 0.0 || o.sla_share > 1.0)
        throw InputError("/sla_share", "sla_share must lie between 0 and 1");

    Draw draw(o.seed);
    AssignProblem p;
    p.now = o.now;
    for (int e = 0; e < o.engineers; ++e) {
        AssignEngineer eng;
        eng.id = numbered("E", e + 1);
        eng.position.coords = point(draw, o);
        eng.available_from = draw.chance(0.5) ? o.now : o.now + 60 * draw.integer(0, 120);
        // 2-3 distinct trades: skip one or two of the five at random.
        const int count = static_cast<int>(draw.integer(2, 3));
        std::array<bool, 5> has{};
        for (int k = 0; k < count;) {
            const auto s = static_cast<std::size_t>(draw.integer(0, 4));
            if (has[s]) continue;
            has[s] = true;
            ++k;
        }
        for (std::size_t s = 0; s < kTrades.size(); ++s)
            if (has[s]) eng.skills.push_back({kTrades[s], static_cast<int>(draw.integer(1, 3))});
        eng.capacity = static_cast<int>(draw.integer(1, o.max_capacity));
        eng.workload = 900 * draw.integer(0, 24);
        eng.speed_factor = 0.8 + 0.1 * static_cast<double>(draw.integer(0, 4));
        p.engineers.push_back(std::move(eng));
    }
    for (int t = 0; t < o.tickets; ++t) {
        AssignTicket ticket;
        ticket.id = numbered("T", t + 1);
        ticket.location.coords = point(draw, o);
        const auto first = static_cast<std::size_t>(draw.integer(0, 4));
        ticket.skills.push_back({kTrades[first], static_cast<int>(draw.integer(1, 3))});
        if (draw.chance(0.15)) {
            const auto second = static_cast<std::size_t>(draw.integer(0, 4));
            if (second != first) ticket.skills.push_back({kTrades[second], 1});
        }
        ticket.priority = kPriorities[static_cast<std::size_t>(draw.integer(0, 3))];
        if (draw.chance(o.sla_share)) ticket.sla_deadline = o.now + 60 * draw.integer(-30, 480);
        ticket.duration = 60 * draw.integer(30, 120);
        p.tickets.push_back(std::move(ticket));
    }
    return p;
}

}  // namespace fsd
