#include "fsd/model/generate.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/core/seeded_draw.hpp"
#include "fsd/travel/great_circle.hpp"

namespace fsd {
namespace {

using Draw = SeededDraw;

constexpr std::array<const char*, 5> kSkills{"appliance", "hvac", "electrical", "plumbing", "it"};
// How tickets divide between the trades, and how long each takes on site (minutes).
constexpr std::array<double, 5> kSkillShare{0.30, 0.20, 0.20, 0.20, 0.10};
constexpr std::array<int, 5> kMinMinutes{30, 60, 30, 30, 30};
constexpr std::array<int, 5> kMaxMinutes{60, 120, 75, 90, 45};

// Depots, tools and named spare parts (GenerateOptions::depots). Which
// tools a trade's visits need and which parts its repairs use: a vacuum pump
// for refrigerant work, a long ladder for wiring and ceiling installations;
// belts for washers and dryers, compressors for cooling, fuses for
// electrical and IT work, valves for water and heating.
constexpr std::array<const char*, 2> kTools{"ladder-3m", "vacuum-pump"};
constexpr std::array<const char*, 5> kParts{"filter", "compressor", "belt", "fuse", "valve"};
// Per trade (kSkills order): the tool its visits may need (-1: none) and the
// chance that one does, so that about a fifth of all tickets need a tool.
constexpr std::array<int, 5> kTradeTool{-1, 1, 0, 0, 0};
constexpr std::array<double, 5> kTradeToolChance{0.0, 0.5, 0.25, 0.15, 0.25};
// Per trade: the part types its repairs use (indices into kParts, -1 ends a list).
constexpr std::array<std::array<int, 3>, 5> kTradeParts{{{2, 0, 1}, {1, 0, 4}, {3, -1, -1}, {4, 0, -1}, {3, -1, -1}}};
constexpr double kPartShare = 0.30;       // tickets that use a named part
constexpr int kMaxDepots = 50;

constexpr Duration kHour = 3600;
constexpr Duration kMinute = 60;
constexpr Duration kDay = 24 * kHour;

std::string padded(const char* prefix, int number, int width) {
    std::string digits = std::to_string(number);
    std::string id(prefix);
    if (static_cast<int>(digits.size()) < width) id.append(static_cast<size_t>(width) - digits.size(), '0');
    id += digits;
    return id;
}

int digits_of(int n) {
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

void check_options(const GenerateOptions& o) {
    if (o.engineers < 1) throw InputError("/engineers", "engineers must be at least 1");
    if (o.engineers > 100'000) throw InputError("/engineers", "engineers must be at most 100,000");
    if (o.jobs < 0) throw InputError("/jobs", "jobs must not be negative");
    if (o.jobs > 1'000'000) throw InputError("/jobs", "jobs must be at most 1,000,000");
    if (o.days < 1 || o.days > 28) throw InputError("/days", "days must be between 1 and 28");
    if (!std::isfinite(o.centre.lat) || o.centre.lat < -80.0 || o.centre.lat > 80.0)
        throw InputError("/centre/lat", "the centre's latitude must be between -80 and 80 (the region must stay clear of the poles)");
    if (!std::isfinite(o.centre.lon) || o.centre.lon < -180.0 || o.centre.lon > 180.0)
        throw InputError("/centre/lon", "the centre's longitude must be between -180 and 180");
    if (!std::isfinite(o.radius_km) || o.radius_km <= 0.0 || o.radius_km > 500.0)
        throw InputError("/radius_km", "radius_km must be more than 0 and at most 500");
    if (o.day_start < -1'000'000'000'000 || o.day_start > 1'000'000'000'000)
        throw InputError("/day_start", "day_start must be within a trillion seconds of the epoch");
    if (!std::isfinite(o.speed_kmh) || o.speed_kmh <= 0.0 || o.speed_kmh > 1000.0)
        throw InputError("/speed_kmh", "speed_kmh must be more than 0 and at most 1000");
    if (!std::isfinite(o.detour_factor) || o.detour_factor < 1.0 || o.detour_factor > 10.0)
        throw InputError("/detour_factor", "detour_factor must be between 1 and 10");
    if (o.van_stock < 0) throw InputError("/van_stock", "van_stock must not be negative");
    if (!std::isfinite(o.optional_share) || o.optional_share < 0.0 || o.optional_share > 1.0)
        throw InputError("/optional_share", "optional_share must be between 0 and 1");
    if (!std::isfinite(o.hard_sla_share) || o.hard_sla_share < 0.0 || o.hard_sla_share > 1.0)
        throw InputError("/hard_sla_share", "hard_sla_share must be between 0 and 1");
    if (o.maintenance_penalty < 0) throw InputError("/maintenance_penalty", "maintenance_penalty must not be negative");
    if (o.depots < 0 || o.depots > kMaxDepots) throw InputError("/depots", "depots must be between 0 and 50");
}

// A point `km` from the centre in direction `dir` (east, north), on a local
// flat approximation that is accurate enough for a city region.
Coordinates offset(const GenerateOptions& o, double km, const std::array<double, 2>& dir, double cos_lat) {
    constexpr double kKmPerDegree = 111.195;  // mean earth radius * pi / 180
    Coordinates c;
    c.lat = o.centre.lat + km * dir[1] / kKmPerDegree;
    c.lon = o.centre.lon + km * dir[0] / (kKmPerDegree * cos_lat);
    if (c.lon > 180.0) c.lon -= 360.0;
    if (c.lon < -180.0) c.lon += 360.0;
    return c;
}

// Squared flat distance (km^2) between two points given as (east, north) km
// from the centre.
double squared_km(const std::array<double, 2>& a, const std::array<double, 2>& b) {
    const double dx = a[0] - b[0], dy = a[1] - b[1];
    return dx * dx + dy * dy;
}

// `count` depots spread over the region: each is the best of a few
// candidates uniform over the inner 70 % of the disc, the one farthest from
// the depots placed before it (Mitchell's best-candidate sampling). Spread
// without sin and cos, whose last bits differ between maths libraries.
void add_depots(ProblemBuilder& builder, const GenerateOptions& o, Draw& kit, double cos_lat) {
    constexpr int kCandidates = 12;
    std::vector<std::array<double, 2>> placed;
    for (int d = 0; d < o.depots; ++d) {
        std::array<double, 2> best{};
        double best_gap = -1.0;
        for (int c = 0; c < kCandidates; ++c) {
            const double km = 0.7 * o.radius_km * std::sqrt(kit.unit());
            const std::array<double, 2> dir = kit.direction();
            const std::array<double, 2> at{km * dir[0], km * dir[1]};
            // The first depot: the candidate nearest the centre (the main
            // warehouse); later ones: farthest from every depot so far.
            double gap = placed.empty() ? -km : 1e300;
            for (const auto& p : placed) gap = std::min(gap, squared_km(at, p));
            if (gap > best_gap) {
                best_gap = gap;
                best = at;
            }
        }
        placed.push_back(best);
        const double km = std::sqrt(best[0] * best[0] + best[1] * best[1]);
        const std::array<double, 2> dir = km > 0.0 ? std::array<double, 2>{best[0] / km, best[1] / km}
                                                   : std::array<double, 2>{1.0, 0.0};
        Depot depot;
        depot.id = "depot-" + std::to_string(d + 1);
        depot.location.coords = offset(o, km, dir, cos_lat);
        // Open 07:30-17:00 on every planned day: before the shifts start,
        // so a route may restock on its way out.
        for (int k = 0; k < o.days; ++k) {
            const Time midnight = o.day_start + k * kDay;
            depot.opening.push_back({midnight + 7 * kHour + 30 * kMinute, midnight + 17 * kHour});
        }
        depot.duration = 10 * kMinute;
        depot.tools.assign(kTools.begin(), kTools.end());
        depot.parts.assign(kParts.begin(), kParts.end());
        builder.add_depot(std::move(depot));
    }
}

// What an engineer carries when the day has depots: each tool with an even
// chance, 0-3 units of each part type (types with none are not listed).
void equip_engineer(Engineer& eng, Draw& kit) {
    for (const char* tool : kTools)
        if (kit.chance(0.5)) eng.tools.emplace_back(tool);
    for (const char* part : kParts) {
        const auto units = static_cast<Amount>(kit.integer(0, 3));
        if (units > 0) eng.stock.push_back({part, units});
    }
}

// What a ticket of trade `skill` needs when the day has depots: maybe the
// trade's tool, and for about 30 % of tickets 1-2 units of one of the
// trade's part types.
void equip_job(Job& job, size_t skill, Draw& kit) {
    if (kTradeTool[skill] >= 0 && kit.chance(kTradeToolChance[skill]))
        job.tools.emplace_back(kTools[static_cast<size_t>(kTradeTool[skill])]);
    if (kit.chance(kPartShare)) {
        const auto& types = kTradeParts[skill];
        const auto listed = std::count_if(types.begin(), types.end(), [](int t) { return t >= 0; });
        const auto n = static_cast<std::int64_t>(listed);
        const auto type = types[static_cast<size_t>(kit.integer(0, n - 1))];
        job.parts.push_back({kParts[static_cast<size_t>(type)], static_cast<Amount>(kit.integer(1, 2))});
    }
}

}  // namespace

ProblemBuilder generate_builder(const GenerateOptions& o) {
    check_options(o);
    Draw draw(o.seed);
    // The days of a longer horizon come from a stream of their own, drawn only
    // when days > 1: the main stream's draws are the same for any number of
    // days, so a one-day problem (and every figure recorded on one) is what
    // it was before the horizon could grow.
    Draw week(splitmix64(o.seed ^ 0x7765656b2d64617aULL));
    // Depots, tools and named parts likewise come from a stream of their own,
    // drawn only when depots > 0, so that a day without depots is unchanged.
    Draw kit(splitmix64(o.seed ^ 0x6465706f742d6b69ULL));
    const double cos_lat = std::cos(o.centre.lat * 3.14159265358979323846 / 180.0);
    const Time day = o.day_start;
    const Time shift_start = day + 8 * kHour, shift_end = day + 17 * kHour;

    ProblemBuilder builder;
    builder.set_travel(GreatCircleOptions{o.speed_kmh, o.detour_factor});
    if (o.depots > 0) add_depots(builder, o, kit, cos_lat);

    // Engineers. The first skill cycles through the trades so that a team of
    // five or more covers every trade; the rest are drawn.
    std::array<int, kSkills.size()> best_level{};
    const int eng_width = std::max(2, digits_of(o.engineers));
    for (int e = 0; e < o.engineers; ++e) {
        Engineer eng;
        eng.id = padded("eng-", e + 1, eng_width);
        // Home bases uniform over the disc (radius * sqrt(u)), a little inside the edge.
        const double km = 0.9 * o.radius_km * std::sqrt(draw.unit());
        eng.start.coords = offset(o, km, draw.direction(), cos_lat);
        if (o.days == 1) {
            eng.shifts = {{shift_start, shift_end}};
            eng.breaks = {{"lunch", {{day + 11 * kHour + 30 * kMinute, day + 13 * kHour + 30 * kMinute}}, 30 * kMinute}};
        } else {
            // A shift and a lunch per day; each lunch's window lies in its own
            // day's shift, which is the shift the break belongs to.
            for (int d = 0; d < o.days; ++d) {
                const Time on = day + d * kDay;
                eng.shifts.push_back({shift_start + d * kDay, shift_end + d * kDay});
                eng.breaks.push_back({"lunch-" + std::to_string(d + 1),
                                      {{on + 11 * kHour + 30 * kMinute, on + 13 * kHour + 30 * kMinute}},
                                      30 * kMinute});
            }
        }
        const int count = static_cast<int>(draw.integer(2, 3));
        std::vector<size_t> held{static_cast<size_t>(e) % kSkills.size()};
        while (static_cast<int>(held.size()) < count) {
            const auto s = static_cast<size_t>(draw.integer(0, static_cast<std::int64_t>(kSkills.size()) - 1));
            if (std::find(held.begin(), held.end(), s) == held.end()) held.push_back(s);
        }
        std::sort(held.begin(), held.end());
        for (size_t s : held) {
            const int level = static_cast<int>(1 + draw.weighted(std::array<double, 3>{0.30, 0.45, 0.25}));
            eng.skills.push_back({kSkills[s], level});
            best_level[s] = std::max(best_level[s], level);
        }
        eng.capacity = {o.van_stock};
        if (o.depots > 0) equip_engineer(eng, kit);
        builder.add_engineer(std::move(eng));
    }

    const int job_width = std::max(4, digits_of(o.jobs));
    for (int j = 0; j < o.jobs; ++j) {
        Job job;
        job.id = padded("T-", j + 1, job_width);
        // Denser towards the centre: most tickets come from the city (density
        // falling with the distance), the rest from anywhere in the region.
        const double u = draw.unit();
        const double km = o.radius_km * (draw.chance(0.6) ? u : std::sqrt(u));
        job.location.coords = offset(o, km, draw.direction(), cos_lat);

        const bool maintenance = draw.chance(o.optional_share);
        // Preventive maintenance is appliance or hvac work.
        size_t skill = maintenance ? static_cast<size_t>(draw.integer(0, 1)) : draw.weighted(kSkillShare);
        if (best_level[skill] == 0) {
            // Nobody holds this trade (teams of fewer than five): use one somebody holds.
            std::vector<size_t> held;
            for (size_t s = 0; s < kSkills.size(); ++s)
                if (best_level[s] > 0) held.push_back(s);
            skill = held[static_cast<size_t>(draw.integer(0, static_cast<std::int64_t>(held.size()) - 1))];
        }
        const int wanted = static_cast<int>(1 + draw.weighted(std::array<double, 3>{0.60, 0.32, 0.08}));
        job.skills = {{kSkills[skill], std::min(wanted, best_level[skill])}};

        // Service time in 5-minute steps within the trade's range.
        const auto steps = draw.integer(kMinMinutes[skill] / 5, kMaxMinutes[skill] / 5);
        job.duration = steps * 5 * kMinute;

        // Over several days: `on_day` is the day of a fixed appointment and of
        // the SLA deadline; a flexible ticket may be served from `first_day`
        // on (most from the first day: the backlog that arrived before the
        // horizon), which is never after its deadline's day, so that every
        // deadline has a window that opens in time.
        std::int64_t on_day = 0, first_day = 0;
        if (o.days > 1) {
            on_day = week.integer(0, o.days - 1);
            first_day = week.chance(0.6) ? 0 : week.integer(0, on_day);
        }
        const Time day_k = day + on_day * kDay;
        // The latest start that still lets the engineer finish and drive home.
        const Duration latest_offset = 17 * kHour - job.duration - 30 * kMinute;
        const Time latest_start = day_k + latest_offset;

        if (maintenance) {
            job.optional = true;
            job.penalty = o.maintenance_penalty;
        } else {
            constexpr std::array<int, 4> kPriority{0, 30, 60, 90};
            job.priority = kPriority[draw.weighted(std::array<double, 4>{0.40, 0.30, 0.20, 0.10})];
        }

        // Appointment window on the start of service.
        Time window_start = day + first_day * kDay + 8 * kHour;
        const double kind = draw.unit();
        if (kind < 0.40) {
            const auto slot = draw.integer(0, 3);  // 08-10, 10-12, 12-14, 14-16
            window_start = day_k + 8 * kHour + slot * 2 * kHour;
            job.time_windows = {{window_start, std::min(window_start + 2 * kHour, latest_start)}};
        } else if (kind < 0.65) {
            window_start = day_k + 8 * kHour;
            if (draw.chance(0.5)) {
                job.time_windows = {{window_start, day_k + 12 * kHour}};
            } else {
                window_start = day_k + 12 * kHour;
                job.time_windows = {{window_start, latest_start}};
            }
        } else if (first_day > 0) {
            // Not before `first_day` (parts on order, the customer away):
            // working hours of every day from then on.
            for (std::int64_t d = first_day; d < o.days; ++d)
                job.time_windows.push_back({day + d * kDay + 8 * kHour, day + d * kDay + latest_offset});
        }
        if (!job.time_windows.empty() && job.time_windows.front().end <= job.time_windows.front().start)
            job.time_windows.front().end = job.time_windows.front().start + 30 * kMinute;

        // SLA: a response deadline for urgent tickets, a few of them binding.
        if (!maintenance && draw.chance(o.hard_sla_share)) {
            const Time drawn = day_k + draw.integer(11, 15) * kHour;
            job.sla = SlaDeadline{std::max(drawn, window_start + 2 * kHour), true, 1};
        } else if (!maintenance && job.priority >= 60) {
            const Time drawn = day_k + draw.integer(10, 15) * kHour;
            job.sla = SlaDeadline{std::max(drawn, window_start + kHour), false, job.priority == 90 ? 3 : 1};
        }

        job.demand = {static_cast<Amount>(draw.weighted(std::array<double, 3>{0.35, 0.45, 0.20}))};
        if (o.depots > 0) equip_job(job, skill, kit);
        builder.add_job(std::move(job));
    }
    return builder;
}

Problem generate_problem(const GenerateOptions& options) { return generate_builder(options).build(); }

}  // namespace fsd
