#include "fsd/sim/ticket_stream.hpp"

#include <cmath>
#include <cstdio>

#include "disc_point.hpp"
#include "fsd/core/seeded_draw.hpp"
#include "fsd/sla/sla_policy.hpp"

namespace fsd {
namespace {

size_t draw_weighted(SeededDraw& rng, const std::vector<double>& w) {
    double total = 0;
    for (double x : w) total += x;
    double u = rng.unit() * total;
    for (size_t i = 0; i + 1 < w.size(); ++i) {
        if (u < w[i]) return i;
        u -= w[i];
    }
    return w.size() - 1;
}

// Standard normal by Marsaglia's polar method (only log and sqrt).
double normal(SeededDraw& rng) {
    while (true) {
        const double x = 2.0 * rng.unit() - 1.0, y = 2.0 * rng.unit() - 1.0;
        const double r2 = x * x + y * y;
        if (r2 > 0.0 && r2 < 1.0) return x * std::sqrt(-2.0 * std::log(r2) / r2);
    }
}

Duration draw_duration(SeededDraw& rng, const DurationModel& m) {
    if (!m.empirical.empty())
        return m.empirical[static_cast<size_t>(rng.integer(0, static_cast<std::int64_t>(m.empirical.size()) - 1))];
    const double d = static_cast<double>(m.median) * std::exp(m.sigma * normal(rng));
    return std::max<Duration>(60, static_cast<Duration>(std::llround(std::min(d, static_cast<double>(kMaxSimVisit)))));
}

// Mean-one lognormal factor: the policy plans with the expected time.
double travel_factor(SeededDraw& rng, double sigma) {
    if (sigma <= 0.0) return 1.0;
    return std::exp(sigma * normal(rng) - sigma * sigma / 2.0);
}

Coordinates draw_location(SeededDraw& rng, const SimRegion& r) {
    if (!r.sites.empty()) {
        if (r.site_weights.empty())
            return r.sites[static_cast<size_t>(rng.integer(0, static_cast<std::int64_t>(r.sites.size()) - 1))];
        return r.sites[draw_weighted(rng, r.site_weights)];
    }
    return sim_detail::point_in_disc(rng, r.centre, r.radius_km);
}

Time deadline(const Scenario& s, int priority, Time created, SlaMetric metric) {
    if (s.sla.tiers().empty()) return kTimeMax;
    const std::string& tier = s.sla_tier.empty() ? s.sla.tiers().front() : s.sla_tier;
    const SlaTarget* target = s.sla.find_target(priority, tier, metric);
    if (target == nullptr) return kTimeMax;
    const BusinessCalendar& cal = s.sla.calendar(target->calendar);
    return unix_to_sim(s, cal.add(sim_to_unix(s, created), target->duration));
}

void fill_outcomes(SimTicket& t, TicketDraws& d, const Scenario& s, SeededDraw& rng, std::optional<Duration> first) {
    const TicketType& type = s.ticket_types[static_cast<size_t>(t.type)];
    const int visits = s.first_time_fix.max_visits;
    for (int v = 0; v < visits; ++v) {
        const Duration drawn = draw_duration(rng, type.duration);
        d.base_duration.push_back(v == 0 && first ? *first : drawn);
        d.fix_draw.push_back(rng.unit());
        d.travel_factor.push_back(travel_factor(rng, s.travel.noise_sigma));
    }
    const double u = rng.unit(), gap = rng.unit();
    if (u < s.cancellation.probability)
        d.cancel_at = t.created + std::max<Duration>(1, static_cast<Duration>(std::llround(
                                                            -std::log1p(-gap) * static_cast<double>(s.cancellation.mean_delay))));
    t.response_deadline = deadline(s, t.priority, t.created, SlaMetric::response);
    t.resolution_deadline = deadline(s, t.priority, t.created, SlaMetric::resolution);
}

std::string ticket_id(size_t i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "T%06zu", i + 1);
    return buf;
}

}  // namespace

std::uint64_t replication_seed(std::uint64_t seed, int replication) {
    return splitmix64(seed * 0x2545f4914f6cdd1dULL + static_cast<std::uint64_t>(replication) + 1);
}

double home_travel_factor(const Scenario& scenario, std::uint64_t seed, Index engineer, int day) {
    SeededDraw rng(splitmix64(splitmix64(seed ^ 0x686f6d65ULL) + static_cast<std::uint64_t>(engineer) * 1'000'003ULL +
                            static_cast<std::uint64_t>(day)));
    return travel_factor(rng, scenario.travel.noise_sigma);
}

TicketStream draw_ticket_stream(const Scenario& s, int days, std::uint64_t seed) {
    // Also called on its own (Python): a rate of 1e308 or an unknown replayed
    // type must be refused here, not drawn until memory runs out.
    validate_scenario(s);
    check_run_size(s, days);
    TicketStream out;
    // Separate streams for arrival instants and ticket attributes, so that a
    // change of the arrival rate leaves the attributes of early tickets alone.
    SeededDraw when(splitmix64(seed ^ 0x61727269ULL));
    SeededDraw what(splitmix64(seed ^ 0x61747472ULL));
    const Time horizon = static_cast<Time>(days) * 86400;

    auto add = [&](Time created, Index type, Coordinates where, int priority, std::optional<Duration> first) {
        SimTicket t;
        t.id = ticket_id(out.tickets.size());
        t.type = type;
        t.location = where;
        t.priority = priority;
        t.created = created;
        TicketDraws d;
        fill_outcomes(t, d, s, what, first);
        out.tickets.push_back(std::move(t));
        out.draws.push_back(std::move(d));
    };

    if (!s.arrivals.replay.empty()) {
        for (const ReplayTicket& r : s.arrivals.replay) {
            if (r.created >= horizon) break;
            Index type = 0;
            while (s.ticket_types[static_cast<size_t>(type)].name != r.type) ++type;
            add(r.created, type, r.location, r.priority, r.duration);
        }
        return out;
    }

    std::vector<double> type_weights;
    for (const TicketType& t : s.ticket_types) type_weights.push_back(t.weight);
    double hour_total = 0, week_total = 0;
    for (double v : s.arrivals.hour_profile) hour_total += v;
    for (double v : s.arrivals.weekday_profile) week_total += v;
    for (int day = 0; day < days; ++day) {
        const int wd = sim_weekday(s, day);
        const double day_factor = week_total > 0 ? 7.0 * s.arrivals.weekday_profile[static_cast<size_t>(wd)] / week_total : 1.0;
        for (int h = 0; h < 24; ++h) {
            const double share = hour_total > 0 ? s.arrivals.hour_profile[static_cast<size_t>(h)] / hour_total : 1.0 / 24.0;
            const double per_second = s.arrivals.tickets_per_day * day_factor * share / 3600.0;
            if (per_second <= 0) continue;
            const double start = static_cast<double>(day) * 86400 + h * 3600.0;
            double t = start;
            while (true) {
                t += -std::log1p(-when.unit()) / per_second;
                if (t >= start + 3600.0) break;
                const Index type = static_cast<Index>(draw_weighted(what, type_weights));
                const TicketType& tt = s.ticket_types[static_cast<size_t>(type)];
                const int priority = static_cast<int>(draw_weighted(what, tt.priority_mix)) + 1;
                const Coordinates where = draw_location(what, s.region);
                add(static_cast<Time>(t), type, where, priority, std::nullopt);
            }
        }
    }
    return out;
}

}  // namespace fsd
