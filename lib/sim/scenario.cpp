#include "fsd/sim/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"

namespace fsd {
namespace {

std::string at(const std::string& base, size_t i) { return base + "/" + std::to_string(i); }

void check_probability(double p, const std::string& path) {
    if (!(p >= 0.0 && p <= 1.0)) throw InputError(path, "a probability lies between 0 and 1");
}

// A number as a message shows it: 1e+308, not three hundred digits.
std::string number(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

void check_count(size_t n, size_t most, const std::string& path, const std::string& what) {
    if (n > most)
        throw InputError(path, "a scenario takes at most " + std::to_string(most) + " " + what + " (got " + std::to_string(n) + ")");
}

// Entry i of the list at `path` is at path/i + `field` in the scenario JSON
// (sites carry their weight as a field: /region/sites/3/weight).
void check_weights(const double* w, size_t n, const std::string& path, const std::string& field, bool may_be_all_zero) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!(w[i] >= 0.0) || !std::isfinite(w[i]))
            throw InputError(at(path, i) + field, "a weight must be a finite number >= 0");
        total += w[i];
    }
    // An infinite total turns every share into 0 or NaN: no arrivals, or a draw that never ends.
    if (!std::isfinite(total)) throw InputError(path, "the weights add up to more than a number can hold; scale them down");
    if (!may_be_all_zero && n > 0 && total <= 0.0) throw InputError(path, "the weights may not all be zero");
}

void check_duration(Duration d, Duration most, const std::string& path, const std::string& what) {
    if (d <= 0 || d > most)
        throw InputError(path, what + " lasts between 1 and " + std::to_string(most) + " seconds (got " + std::to_string(d) + ")");
}

void check_by_level(const std::vector<double>& by_level, const std::string& path, const std::string& what) {
    if (by_level.empty()) throw InputError(path, "give the " + what + " of at least level 1");
    if (by_level.size() > static_cast<size_t>(kMaxSimLevel))
        throw InputError(path, "levels go up to " + std::to_string(kMaxSimLevel) + ", so give at most " +
                                   std::to_string(kMaxSimLevel) + " entries");
}

// The least urgent priority a ticket may have: the SLA policy's lowest when it
// sets targets (a priority beyond it would have no deadline at all).
int lowest_priority(const Scenario& s) {
    if (s.sla.targets().empty()) return kMaxSimPriority;
    return std::min(kMaxSimPriority, s.sla.priority_matrix().lowest_priority());
}

// Why a priority beyond lowest_priority() is refused.
std::string beyond_lowest_priority(const Scenario& s) {
    if (s.sla.targets().empty() || s.sla.priority_matrix().lowest_priority() > kMaxSimPriority)
        return "beyond priority " + std::to_string(kMaxSimPriority) + ", the least urgent a scenario takes";
    return "beyond the SLA policy's lowest priority " + std::to_string(lowest_priority(s)) + " (1 is the most urgent)";
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

// Paths are those of the scenario JSON (docs/simulation.md), which the reader
// passes through unchanged: a message names the field as the user wrote it.
void validate_scenario(const Scenario& s) {
    if (s.engineers.empty()) throw InputError("/engineers", "a scenario needs at least one engineer");
    check_count(s.engineers.size(), kMaxSimEngineers, "/engineers", "engineers");
    if (s.ticket_types.empty()) throw InputError("/ticket_types", "a scenario needs at least one ticket type");
    check_count(s.ticket_types.size(), kMaxSimTicketTypes, "/ticket_types", "ticket types");
    // Dates of four-digit years, as "start_date" is written.
    if (s.start_date < days_from_civil(0, 1, 1) || s.start_date > days_from_civil(9999, 12, 31))
        throw InputError("/start_date", "a start date lies between 0000-01-01 and 9999-12-31");
    if (s.utc_offset_seconds < -14 * 3600 || s.utc_offset_seconds > 14 * 3600)
        throw InputError("/utc_offset", "a UTC offset lies between -14:00 and +14:00");

    std::set<std::string> ids;
    for (size_t i = 0; i < s.engineers.size(); ++i) {
        const SimEngineer& e = s.engineers[i];
        const std::string p = at("/engineers", i);
        if (e.id.empty()) throw InputError(p + "/id", "an engineer needs an id");
        if (!ids.insert(e.id).second) throw InputError(p + "/id", "duplicate engineer id \"" + e.id + "\"");
        check_coordinates(e.home, p + "/home");
        check_count(e.skills.size(), kMaxSimTicketTypes, p + "/skills", "skills per engineer");
        for (size_t k = 0; k < e.skills.size(); ++k) {
            const std::string q = at(p + "/skills", k);
            if (e.skills[k].skill.empty()) throw InputError(q + "/skill", "a skill needs a name");
            if (e.skills[k].level < 1 || e.skills[k].level > kMaxSimLevel)
                throw InputError(q + "/level", "a skill level lies between 1 and " + std::to_string(kMaxSimLevel));
        }
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

    const int lowest = lowest_priority(s);
    std::set<std::string> types;
    for (size_t i = 0; i < s.ticket_types.size(); ++i) {
        const TicketType& t = s.ticket_types[i];
        const std::string p = at("/ticket_types", i);
        if (t.name.empty()) throw InputError(p + "/name", "a ticket type needs a name");
        if (!types.insert(t.name).second) throw InputError(p + "/name", "duplicate ticket type \"" + t.name + "\"");
        if (!(t.weight >= 0.0) || !std::isfinite(t.weight)) throw InputError(p + "/weight", "a weight must be a finite number >= 0");
        if (t.priority_mix.empty()) throw InputError(p + "/priority_mix", "give the weight of at least priority 1");
        // Entry k is the weight of priority k + 1.
        if (t.priority_mix.size() > static_cast<size_t>(lowest))
            throw InputError(at(p + "/priority_mix", static_cast<size_t>(lowest)),
                             "the mix reaches priority " + std::to_string(t.priority_mix.size()) + ", " +
                                 beyond_lowest_priority(s));
        check_weights(t.priority_mix.data(), t.priority_mix.size(), p + "/priority_mix", "", false);
        if (t.skill.skill.empty()) throw InputError(p + "/skill", "a ticket type needs a skill");
        if (t.skill.min_level < 1 || t.skill.min_level > kMaxSimLevel)
            throw InputError(p + "/min_level", "a skill level lies between 1 and " + std::to_string(kMaxSimLevel));
        const bool served = std::any_of(s.engineers.begin(), s.engineers.end(),
                                        [&](const SimEngineer& e) { return skill_level(e, t.skill.skill) >= t.skill.min_level; });
        if (!served)
            throw InputError(p + "/skill", "no engineer holds skill \"" + t.skill.skill + "\" at level " +
                                                std::to_string(t.skill.min_level) + " or above, so no ticket of type \"" +
                                                t.name + "\" could ever be served");
        const DurationModel& d = t.duration;
        if (d.empirical.empty()) {
            check_duration(d.median, kMaxSimVisit, p + "/duration/median", "a visit");
            if (!(d.sigma >= 0.0 && d.sigma <= 3.0)) throw InputError(p + "/duration/sigma", "sigma lies between 0 and 3");
        }
        for (size_t k = 0; k < d.empirical.size(); ++k)
            check_duration(d.empirical[k], kMaxSimVisit, at(p + "/duration/empirical", k), "a visit");
    }

    double type_weights = 0;
    for (const TicketType& t : s.ticket_types) type_weights += t.weight;
    if (!std::isfinite(type_weights))
        throw InputError("/ticket_types", "the ticket types' weights add up to more than a number can hold; scale them down");

    const SimRegion& r = s.region;
    check_coordinates(r.centre, "/region/centre");
    if (!(r.radius_km > 0.0 && r.radius_km <= 2000.0)) throw InputError("/region/radius_km", "a radius between 0 and 2000 km");
    check_count(r.sites.size(), kMaxSimSites, "/region/sites", "sites");
    for (size_t i = 0; i < r.sites.size(); ++i) check_coordinates(r.sites[i], at("/region/sites", i));
    if (!r.site_weights.empty()) {
        // The JSON gives each site its weight, so only a scenario built in code can miscount them.
        if (r.site_weights.size() != r.sites.size())
            throw InputError("/region/sites", "give every site a weight, or none");
        check_weights(r.site_weights.data(), r.site_weights.size(), "/region/sites", "/weight", false);
    }

    const ArrivalProcess& a = s.arrivals;
    if (!(a.tickets_per_day >= 0.0 && a.tickets_per_day <= kMaxSimTicketsPerDay))
        throw InputError("/arrivals/tickets_per_day", "an arrival rate lies between 0 and " + number(kMaxSimTicketsPerDay) +
                                                          " tickets a day (got " + number(a.tickets_per_day) + ")");
    check_weights(a.hour_profile.data(), 24, "/arrivals/hour_profile", "", true);
    check_weights(a.weekday_profile.data(), 7, "/arrivals/weekday_profile", "", true);
    check_count(a.replay.size(), kMaxSimTickets, "/arrivals/replay", "replayed tickets");
    // A replayed ticket meets the rules of a drawn one (and of a problem's job):
    // a known type, a priority the SLA policy knows, a place on the earth, a
    // visit of bounded length, and a creation within the longest run.
    constexpr Time kLastCreated = static_cast<Time>(kMaxSimDays) * 86400;
    for (size_t i = 0; i < a.replay.size(); ++i) {
        const ReplayTicket& t = a.replay[i];
        const std::string p = at("/arrivals/replay", i);
        if (t.created < 0) throw InputError(p + "/created", "replayed tickets start at the scenario start or later");
        if (t.created >= kLastCreated)
            throw InputError(p + "/created", "created " + std::to_string(t.created) + " s after the start, beyond the longest run (" +
                                                 std::to_string(kMaxSimDays) + " days); seconds, not milliseconds?");
        if (i > 0 && t.created < a.replay[i - 1].created)
            throw InputError(p + "/created", "replayed tickets must be in order of creation");
        if (!types.count(t.type)) throw InputError(p + "/type", "unknown ticket type \"" + t.type + "\"");
        check_coordinates(t.location, p);
        if (t.priority < 1) throw InputError(p + "/priority", "priorities count from 1 (most urgent)");
        if (t.priority > lowest)
            throw InputError(p + "/priority", "priority " + std::to_string(t.priority) + " is " + beyond_lowest_priority(s));
        if (t.duration) check_duration(*t.duration, kMaxSimVisit, p + "/duration", "a visit");
    }

    const SimTravel& tr = s.travel;
    if (!(tr.great_circle.speed_kmh >= kMinSimSpeedKmh && tr.great_circle.speed_kmh <= kMaxSimSpeedKmh))
        throw InputError("/travel/speed_kmh", "a speed lies between 1 and 1000 km/h");
    if (!(tr.great_circle.detour_factor >= 1.0 && tr.great_circle.detour_factor <= kMaxSimDetourFactor))
        throw InputError("/travel/detour_factor", "a detour factor lies between 1 and 10");
    if (!(tr.noise_sigma >= 0.0 && tr.noise_sigma <= 2.0)) throw InputError("/travel/noise_sigma", "sigma lies between 0 and 2");
    if (tr.road_network) {
        // Counted first: checking the network itself already costs in its size.
        if (tr.road_network->nodes.empty()) throw InputError("/travel/road_network/nodes", "a road network needs nodes");
        if (tr.road_network->nodes.size() > kMaxSimRoadNodes)
            throw InputError("/travel/road_network/nodes", "a simulation takes road networks of up to " +
                                                               std::to_string(kMaxSimRoadNodes) + " nodes");
        if (tr.road_network->edges.size() > kMaxSimRoadEdges)
            throw InputError("/travel/road_network/edges", "a simulation takes road networks of up to " +
                                                               std::to_string(kMaxSimRoadEdges) + " edges");
        validate_road_network(*tr.road_network, "/travel/road_network");
    }

    const FirstTimeFix& f = s.first_time_fix;
    check_by_level(f.by_level, "/first_time_fix/by_level", "probability");
    for (size_t i = 0; i < f.by_level.size(); ++i) check_probability(f.by_level[i], at("/first_time_fix/by_level", i));
    if (f.follow_up_delay < 0 || f.follow_up_delay > kMaxSimDelay)
        throw InputError("/first_time_fix/follow_up_delay", "a delay lies between 0 and " + std::to_string(kMaxSimDelay) + " seconds");
    if (f.max_visits < 1 || f.max_visits > 10) throw InputError("/first_time_fix/max_visits", "between 1 and 10 visits");

    check_probability(s.cancellation.probability, "/cancellation/probability");
    check_duration(s.cancellation.mean_delay, kMaxSimDelay, "/cancellation/mean_delay", "a mean delay");

    if (s.rules.max_overtime < 0 || s.rules.max_overtime > kMaxSimOvertime)
        throw InputError("/rules/max_overtime", "overtime lies between 0 and " + std::to_string(kMaxSimOvertime) + " seconds");
    check_by_level(s.rules.duration_factor_by_level, "/rules/duration_factor_by_level", "factor");
    for (size_t i = 0; i < s.rules.duration_factor_by_level.size(); ++i) {
        const double x = s.rules.duration_factor_by_level[i];
        if (!(x > 0.0 && x <= 10.0)) throw InputError(at("/rules/duration_factor_by_level", i), "a factor between 0 and 10");
    }
    if (!s.sla_tier.empty() && s.sla.tier_index(s.sla_tier) < 0)
        throw InputError("/sla_tier", "the SLA policy has no tier \"" + s.sla_tier + "\"");
}

double expected_ticket_count(const Scenario& s, int days) {
    const Time horizon = static_cast<Time>(days) * 86400;
    if (!s.arrivals.replay.empty())
        return static_cast<double>(std::count_if(s.arrivals.replay.begin(), s.arrivals.replay.end(),
                                                  [&](const ReplayTicket& t) { return t.created < horizon; }));
    double week_total = 0;
    for (double v : s.arrivals.weekday_profile) week_total += v;
    double expected = 0;
    for (int day = 0; day < days; ++day) {
        const double w = s.arrivals.weekday_profile[static_cast<size_t>(sim_weekday(s, day))];
        expected += s.arrivals.tickets_per_day * (week_total > 0 ? 7.0 * w / week_total : 1.0);
    }
    return expected;
}

std::int64_t shift_count(const Scenario& s, int days) {
    std::array<std::int64_t, 7> working{};  // engineers on shift per weekday
    for (const SimEngineer& e : s.engineers)
        for (const SimShift& sh : e.shifts)
            for (int wd : sh.weekdays) ++working[static_cast<size_t>(wd)];
    std::int64_t shifts = 0;
    for (int day = 0; day < days; ++day) shifts += working[static_cast<size_t>(sim_weekday(s, day))];
    return shifts;
}

void check_run_size(const Scenario& s, int days) {
    if (days < 1 || days > kMaxSimDays)
        throw InputError("/days", "simulate between 1 and " + std::to_string(kMaxSimDays) + " days (got " + std::to_string(days) + ")");
    const double tickets = expected_ticket_count(s, days);
    if (tickets > static_cast<double>(kMaxSimTickets))
        throw InputError("/days", std::to_string(days) + " days of this scenario bring " +
                                      std::to_string(std::llround(tickets)) + " tickets on average, and a run takes at most " +
                                      std::to_string(kMaxSimTickets) + ": simulate fewer days or fewer tickets a day");
    const std::int64_t shifts = shift_count(s, days);
    if (shifts > static_cast<std::int64_t>(kMaxSimShifts))
        throw InputError("/days", std::to_string(days) + " days of this scenario hold " + std::to_string(shifts) +
                                      " engineer shifts, and a run takes at most " + std::to_string(kMaxSimShifts) +
                                      ": simulate fewer days or fewer engineers");
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
