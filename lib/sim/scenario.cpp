#include "fsd/sim/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "fsd/core/error.hpp"

namespace fsd {
namespace {

std::string at(const std::string& base, size_t i) { return base + "/" + std::to_string(i); }

void check_probability(double p, const std::string& path) {
    if (!(p >= 0.0 && p <= 1.0)) throw InputError(path, "a probability lies between 0 and 1");
}

void check_weights(const double* w, size_t n, const std::string& path, bool may_be_all_zero) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!(w[i] >= 0.0) || !std::isfinite(w[i])) throw InputError(at(path, i), "a weight must be a finite number >= 0");
        total += w[i];
    }
    if (!may_be_all_zero && n > 0 && total <= 0.0) throw InputError(path, "the weights may not all be zero");
}

}  // namespace

int skill_level(const SimEngineer& engineer, const std::string& skill) {
    int level = 0;
    for (const SkillLevel& s : engineer.skills)
        if (s.skill == skill) level = std::max(level, s.level);
    return level;
}

Duration expected_duration(const DurationModel& model) {
    if (!model.empirical.empty()) {
        double sum = 0;
        for (Duration d : model.empirical) sum += static_cast<double>(d);
        return static_cast<Duration>(std::llround(sum / static_cast<double>(model.empirical.size())));
    }
    return static_cast<Duration>(std::llround(static_cast<double>(model.median) * std::exp(model.sigma * model.sigma / 2)));
}

void validate_scenario(const Scenario& s) {
    if (s.engineers.empty()) throw InputError("/engineers", "a scenario needs at least one engineer");
    if (s.ticket_types.empty()) throw InputError("/ticket_types", "a scenario needs at least one ticket type");
    if (s.utc_offset_seconds < -14 * 3600 || s.utc_offset_seconds > 14 * 3600)
        throw InputError("/utc_offset", "a UTC offset lies between -14:00 and +14:00");

    std::set<std::string> ids;
    for (size_t i = 0; i < s.engineers.size(); ++i) {
        const SimEngineer& e = s.engineers[i];
        const std::string p = at("/engineers", i);
        if (e.id.empty()) throw InputError(p + "/id", "an engineer needs an id");
        if (!ids.insert(e.id).second) throw InputError(p + "/id", "duplicate engineer id \"" + e.id + "\"");
        if (!(std::abs(e.home.lat) <= 90.0) || !(std::abs(e.home.lon) <= 180.0))
            throw InputError(p + "/home", "coordinates out of range");
        for (size_t k = 0; k < e.skills.size(); ++k)
            if (e.skills[k].skill.empty() || e.skills[k].level < 1)
                throw InputError(at(p + "/skills", k), "a skill needs a name and a level >= 1");
        if (e.shifts.empty()) throw InputError(p + "/shifts", "the engineer has no shift, so it never starts work");
        std::set<int> days;
        for (size_t k = 0; k < e.shifts.size(); ++k) {
            const SimShift& sh = e.shifts[k];
            const std::string q = at(p + "/shifts", k);
            if (sh.weekdays.empty()) throw InputError(q + "/days", "a shift needs at least one weekday, or it never starts");
            for (size_t d = 0; d < sh.weekdays.size(); ++d) {
                if (sh.weekdays[d] < 0 || sh.weekdays[d] > 6) throw InputError(at(q + "/days", d), "not a weekday");
                if (!days.insert(sh.weekdays[d]).second)
                    throw InputError(at(q + "/days", d), "the engineer already has a shift on this weekday");
            }
            if (sh.start < 0 || sh.start >= 86400) throw InputError(q + "/start", "a shift starts between 00:00 and 23:59:59");
            if (sh.end <= sh.start || sh.end > 86400)
                throw InputError(q + "/end", "a shift ends after its start and at 24:00 at the latest, or it never runs");
        }
        if (e.lunch) {
            if (e.lunch->earliest < 0 || e.lunch->earliest >= 86400)
                throw InputError(p + "/break/earliest", "a time of day between 00:00 and 23:59:59");
            if (e.lunch->duration <= 0 || e.lunch->duration > 4 * 3600)
                throw InputError(p + "/break/duration", "a break lasts between 1 second and 4 hours");
        }
    }

    std::set<std::string> types;
    for (size_t i = 0; i < s.ticket_types.size(); ++i) {
        const TicketType& t = s.ticket_types[i];
        const std::string p = at("/ticket_types", i);
        if (t.name.empty()) throw InputError(p + "/name", "a ticket type needs a name");
        if (!types.insert(t.name).second) throw InputError(p + "/name", "duplicate ticket type \"" + t.name + "\"");
        if (!(t.weight >= 0.0) || !std::isfinite(t.weight)) throw InputError(p + "/weight", "a weight must be a finite number >= 0");
        if (t.priority_mix.empty()) throw InputError(p + "/priority_mix", "give the weight of at least priority 1");
        check_weights(t.priority_mix.data(), t.priority_mix.size(), p + "/priority_mix", false);
        if (t.skill.skill.empty() || t.skill.min_level < 1)
            throw InputError(p + "/skill", "a ticket type needs a skill and a level >= 1");
        const bool served = std::any_of(s.engineers.begin(), s.engineers.end(),
                                        [&](const SimEngineer& e) { return skill_level(e, t.skill.skill) >= t.skill.min_level; });
        if (!served)
            throw InputError(p + "/skill", "no engineer holds skill \"" + t.skill.skill + "\" at level " +
                                                std::to_string(t.skill.min_level) + " or above, so no ticket of type \"" +
                                                t.name + "\" could ever be served");
        const DurationModel& d = t.duration;
        if (d.empirical.empty()) {
            if (d.median <= 0) throw InputError(p + "/duration/median", "a duration must be positive");
            if (!(d.sigma >= 0.0 && d.sigma <= 3.0)) throw InputError(p + "/duration/sigma", "sigma lies between 0 and 3");
        }
        for (size_t k = 0; k < d.empirical.size(); ++k)
            if (d.empirical[k] <= 0) throw InputError(at(p + "/duration/empirical", k), "a duration must be positive");
    }
    const auto priorities = [&] {
        size_t n = 0;
        for (const TicketType& t : s.ticket_types) n = std::max(n, t.priority_mix.size());
        return n;
    }();
    if (priorities > static_cast<size_t>(s.sla.priority_matrix().lowest_priority()) && !s.sla.targets().empty())
        throw InputError("/ticket_types", "priority mixes reach priority " + std::to_string(priorities) +
                                              ", beyond the SLA policy's lowest priority " +
                                              std::to_string(s.sla.priority_matrix().lowest_priority()));

    const SimRegion& r = s.region;
    if (!(std::abs(r.centre.lat) <= 90.0) || !(std::abs(r.centre.lon) <= 180.0))
        throw InputError("/region/centre", "coordinates out of range");
    if (!(r.radius_km > 0.0 && r.radius_km <= 2000.0)) throw InputError("/region/radius_km", "a radius between 0 and 2000 km");
    for (size_t i = 0; i < r.sites.size(); ++i)
        if (!(std::abs(r.sites[i].lat) <= 90.0) || !(std::abs(r.sites[i].lon) <= 180.0))
            throw InputError(at("/region/sites", i), "coordinates out of range");
    if (!r.site_weights.empty()) {
        if (r.site_weights.size() != r.sites.size())
            throw InputError("/region/site_weights", "give one weight per site, or none");
        check_weights(r.site_weights.data(), r.site_weights.size(), "/region/site_weights", false);
    }

    const ArrivalProcess& a = s.arrivals;
    if (!(a.tickets_per_day >= 0.0) || !std::isfinite(a.tickets_per_day))
        throw InputError("/arrivals/tickets_per_day", "an arrival rate must be a finite number >= 0");
    check_weights(a.hour_profile.data(), 24, "/arrivals/hour_profile", true);
    check_weights(a.weekday_profile.data(), 7, "/arrivals/weekday_profile", true);
    for (size_t i = 0; i < a.replay.size(); ++i) {
        const ReplayTicket& t = a.replay[i];
        const std::string p = at("/arrivals/replay", i);
        if (t.created < 0) throw InputError(p + "/created", "replayed tickets start at the scenario start or later");
        if (!types.count(t.type)) throw InputError(p + "/type", "unknown ticket type \"" + t.type + "\"");
        if (t.priority < 1) throw InputError(p + "/priority", "priorities count from 1 (most urgent)");
        if (t.duration && *t.duration <= 0) throw InputError(p + "/duration", "a duration must be positive");
        if (!(std::abs(t.location.lat) <= 90.0) || !(std::abs(t.location.lon) <= 180.0))
            throw InputError(p + "/location", "coordinates out of range");
        if (i > 0 && t.created < a.replay[i - 1].created)
            throw InputError(p + "/created", "replayed tickets must be in order of creation");
    }

    const SimTravel& tr = s.travel;
    if (!(tr.great_circle.speed_kmh > 0.0) || !std::isfinite(tr.great_circle.speed_kmh))
        throw InputError("/travel/speed_kmh", "a speed must be positive");
    if (!(tr.great_circle.detour_factor >= 1.0) || !std::isfinite(tr.great_circle.detour_factor))
        throw InputError("/travel/detour_factor", "a detour factor is at least 1");
    if (!(tr.noise_sigma >= 0.0 && tr.noise_sigma <= 2.0)) throw InputError("/travel/noise_sigma", "sigma lies between 0 and 2");
    if (tr.road_network) {
        validate_road_network(*tr.road_network, "/travel/road_network");
        if (tr.road_network->nodes.empty()) throw InputError("/travel/road_network/nodes", "a road network needs nodes");
        if (tr.road_network->nodes.size() > kMaxSimRoadNodes)
            throw InputError("/travel/road_network/nodes", "a simulation takes road networks of up to " +
                                                               std::to_string(kMaxSimRoadNodes) + " nodes");
    }

    const FirstTimeFix& f = s.first_time_fix;
    if (f.by_level.empty()) throw InputError("/first_time_fix/by_level", "give the probability of at least level 1");
    for (size_t i = 0; i < f.by_level.size(); ++i) check_probability(f.by_level[i], at("/first_time_fix/by_level", i));
    if (f.follow_up_delay < 0) throw InputError("/first_time_fix/follow_up_delay", "a delay may not be negative");
    if (f.max_visits < 1 || f.max_visits > 10) throw InputError("/first_time_fix/max_visits", "between 1 and 10 visits");

    check_probability(s.cancellation.probability, "/cancellation/probability");
    if (s.cancellation.mean_delay <= 0) throw InputError("/cancellation/mean_delay", "a mean delay must be positive");

    if (s.rules.max_overtime < 0) throw InputError("/rules/max_overtime", "overtime may not be negative");
    if (s.rules.duration_factor_by_level.empty())
        throw InputError("/rules/duration_factor_by_level", "give the factor of at least level 1");
    for (size_t i = 0; i < s.rules.duration_factor_by_level.size(); ++i) {
        const double x = s.rules.duration_factor_by_level[i];
        if (!(x > 0.0 && x <= 10.0)) throw InputError(at("/rules/duration_factor_by_level", i), "a factor between 0 and 10");
    }
    if (!s.sla_tier.empty() && s.sla.tier_index(s.sla_tier) < 0)
        throw InputError("/sla_tier", "the SLA policy has no tier \"" + s.sla_tier + "\"");
}

int sim_weekday(const Scenario& scenario, int day) {
    // 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0).
    const std::int64_t d = scenario.start_date + day + 3;
    return static_cast<int>(((d % 7) + 7) % 7);
}

Time sim_to_unix(const Scenario& scenario, Time t) {
    return scenario.start_date * 86400 - scenario.utc_offset_seconds + t;
}

Time unix_to_sim(const Scenario& scenario, Time unix_time) {
    return unix_time - (scenario.start_date * 86400 - scenario.utc_offset_seconds);
}

}  // namespace fsd
