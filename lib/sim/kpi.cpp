#include "fsd/sim/kpi.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "fsd/core/error.hpp"

namespace fsd {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double mean_of(const std::vector<double>& v) {
    if (v.empty()) return kNaN;
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}

// Linear interpolation between order statistics (numpy's default), so a
// pandas user recomputing a percentile from the log gets the same figure.
double percentile(std::vector<double> v, double p) {
    if (v.empty()) return kNaN;
    std::sort(v.begin(), v.end());
    const double pos = p / 100.0 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

double rate(int met, int breached) { return met + breached == 0 ? kNaN : static_cast<double>(met) / (met + breached); }

struct TicketFacts {
    bool created = false;
    Time first_arrival = kTimeMax;
    Time resolved = kTimeMax;
    int visits = 0;
    bool first_visit_fixed = false;
    bool cancelled = false;
};

// Met (+1), breached (-1) or not counted (0): an SLA still running at the
// horizon counts only once its deadline has passed.
int sla_outcome(Time deadline, Time done, Time horizon_end) {
    if (deadline == kTimeMax) return 0;
    if (done != kTimeMax) return done <= deadline ? 1 : -1;
    return horizon_end > deadline ? -1 : 0;
}

}  // namespace

std::vector<KpiEntry> kpi_entries(const Kpis& k) {
    return {
        {"tickets", k.tickets, false},
        {"resolved", k.resolved, true},
        {"cancelled", k.cancelled, false},
        {"open_at_end", k.open_at_end, false},
        {"first_response_mean_s", k.first_response_mean_s, false},
        {"first_response_p50_s", k.first_response_p50_s, false},
        {"first_response_p90_s", k.first_response_p90_s, false},
        {"resolution_mean_s", k.resolution_mean_s, false},
        {"resolution_p50_s", k.resolution_p50_s, false},
        {"resolution_p90_s", k.resolution_p90_s, false},
        {"sla_response_rate", k.sla_response_rate, true},
        {"sla_resolution_rate", k.sla_resolution_rate, true},
        {"first_time_fix_rate", k.first_time_fix_rate, true},
        {"utilisation", k.utilisation, true},
        {"occupancy", k.occupancy, true},
        {"travel_share", k.travel_share, false},
        {"travel_km", k.travel_km, false},
        {"overtime_hours", k.overtime_hours, false},
        {"load_balance_cv", k.load_balance_cv, false},
        {"jain_index", k.jain_index, true},
        {"jobs_per_engineer_day", k.jobs_per_engineer_day, true},
        {"backlog_mean", k.backlog_mean, false},
        {"backlog_max", k.backlog_max, false},
        {"reassignments", k.reassignments, false},
    };
}

void check_backlog_interval(Duration backlog_interval, Time horizon) {
    if (backlog_interval <= 0) throw InputError("/backlog_interval", "the backlog interval must be positive");
    if (horizon / backlog_interval > kMaxBacklogSamples)
        throw InputError("/backlog_interval", "an interval of " + std::to_string(backlog_interval) + " s samples the backlog " +
                                                  std::to_string(horizon / backlog_interval) + " times, and a report holds at most " +
                                                  std::to_string(kMaxBacklogSamples) + " samples");
}

KpiReport compute_kpis(const SimLog& log, Duration backlog_interval) {
    check_backlog_interval(backlog_interval, std::max<Time>(log.horizon_end, 0));
    KpiReport report;
    Kpis& k = report.kpis;
    const size_t nt = log.tickets.size();
    const size_t ne = log.engineers.size();
    std::vector<TicketFacts> facts(nt);
    std::vector<double> travel(ne, 0.0), on_site(ne, 0.0);
    std::vector<Time> travel_from(ne, kTimeMax), site_from(ne, kTimeMax);
    std::vector<Time> opened, closed;  // for the backlog
    std::vector<std::vector<Time>> home_at(ne);
    double metres = 0;
    int visits = 0, unassigned = 0;

    auto valid_t = [&](Index t) { return t >= 0 && static_cast<size_t>(t) < nt; };
    auto valid_e = [&](Index e) { return e >= 0 && static_cast<size_t>(e) < ne; };
    for (const SimEvent& ev : log.events) {
        const auto e = static_cast<size_t>(ev.engineer);
        switch (ev.kind) {
            case SimEventKind::created:
                if (valid_t(ev.ticket)) facts[static_cast<size_t>(ev.ticket)].created = true, opened.push_back(ev.time);
                break;
            case SimEventKind::travel_start:
                if (valid_e(ev.engineer)) travel_from[e] = ev.time, metres += static_cast<double>(ev.value);
                break;
            case SimEventKind::arrive:
                if (!valid_e(ev.engineer)) break;
                if (travel_from[e] != kTimeMax) travel[e] += static_cast<double>(ev.time - travel_from[e]);
                travel_from[e] = kTimeMax;
                site_from[e] = ev.time;
                if (valid_t(ev.ticket)) {
                    TicketFacts& f = facts[static_cast<size_t>(ev.ticket)];
                    f.first_arrival = std::min(f.first_arrival, ev.time);
                }
                break;
            case SimEventKind::home:
                if (!valid_e(ev.engineer)) break;
                if (travel_from[e] != kTimeMax) travel[e] += static_cast<double>(ev.time - travel_from[e]);
                travel_from[e] = kTimeMax;
                home_at[e].push_back(ev.time);
                break;
            case SimEventKind::service_end:
                ++visits;
                if (valid_e(ev.engineer) && site_from[e] != kTimeMax) on_site[e] += static_cast<double>(ev.time - site_from[e]);
                if (valid_e(ev.engineer)) site_from[e] = kTimeMax;
                if (valid_t(ev.ticket)) {
                    TicketFacts& f = facts[static_cast<size_t>(ev.ticket)];
                    if (f.visits++ == 0) f.first_visit_fixed = ev.value != 0;
                    if (ev.value != 0 && f.resolved == kTimeMax) f.resolved = ev.time, closed.push_back(ev.time);
                }
                break;
            case SimEventKind::cancelled:
                if (valid_t(ev.ticket) && !facts[static_cast<size_t>(ev.ticket)].cancelled)
                    facts[static_cast<size_t>(ev.ticket)].cancelled = true, closed.push_back(ev.time);
                break;
            case SimEventKind::unassigned: ++unassigned; break;
            default: break;
        }
    }
    // Activities still running at the horizon count up to it.
    for (size_t e = 0; e < ne; ++e) {
        if (travel_from[e] != kTimeMax) travel[e] += static_cast<double>(log.horizon_end - travel_from[e]);
        if (site_from[e] != kTimeMax) on_site[e] += static_cast<double>(log.horizon_end - site_from[e]);
    }

    std::vector<double> response, resolution;
    int resp_met = 0, resp_breached = 0, res_met = 0, res_breached = 0, ftf = 0;
    std::map<int, std::array<int, 5>> by_priority;  // tickets, resp met, resp breached, res met, res breached
    for (size_t t = 0; t < nt; ++t) {
        const TicketFacts& f = facts[t];
        if (!f.created) continue;
        const LoggedTicket& lt = log.tickets[t];
        k.tickets += 1;
        auto& pr = by_priority[lt.priority];
        pr[0] += 1;
        if (f.cancelled) {
            k.cancelled += 1;
            continue;
        }
        if (f.first_arrival != kTimeMax) response.push_back(static_cast<double>(f.first_arrival - lt.created));
        if (f.resolved != kTimeMax) {
            k.resolved += 1;
            resolution.push_back(static_cast<double>(f.resolved - lt.created));
            if (f.first_visit_fixed) ++ftf;
        } else {
            k.open_at_end += 1;
        }
        const int r1 = sla_outcome(lt.response_deadline, f.first_arrival, log.horizon_end);
        const int r2 = sla_outcome(lt.resolution_deadline, f.resolved, log.horizon_end);
        resp_met += r1 > 0, resp_breached += r1 < 0, res_met += r2 > 0, res_breached += r2 < 0;
        pr[1] += r1 > 0, pr[2] += r1 < 0, pr[3] += r2 > 0, pr[4] += r2 < 0;
    }
    k.first_response_mean_s = mean_of(response);
    k.first_response_p50_s = percentile(response, 50);
    k.first_response_p90_s = percentile(response, 90);
    k.resolution_mean_s = mean_of(resolution);
    k.resolution_p50_s = percentile(resolution, 50);
    k.resolution_p90_s = percentile(resolution, 90);
    k.sla_response_rate = rate(resp_met, resp_breached);
    k.sla_resolution_rate = rate(res_met, res_breached);
    k.first_time_fix_rate = k.resolved > 0 ? ftf / k.resolved : kNaN;
    for (const auto& [priority, c] : by_priority)
        report.by_priority.push_back({priority, c[0], rate(c[1], c[2]), rate(c[3], c[4])});

    double available = 0, overtime = 0;
    std::vector<int> shifts_of(ne, 0);
    std::vector<std::vector<const LoggedShift*>> shifts_by(ne);
    for (const LoggedShift& s : log.shifts) {
        available += static_cast<double>(s.end - s.start - s.break_duration);
        if (valid_e(s.engineer)) shifts_of[static_cast<size_t>(s.engineer)]++, shifts_by[static_cast<size_t>(s.engineer)].push_back(&s);
    }
    // Each return home belongs to the latest shift that began before it.
    for (size_t e = 0; e < ne; ++e)
        for (Time h : home_at[e]) {
            const LoggedShift* last = nullptr;
            for (const LoggedShift* s : shifts_by[e])
                if (s->start <= h && (last == nullptr || s->start > last->start)) last = s;
            if (last != nullptr && h > last->end) overtime += static_cast<double>(h - last->end);
        }
    double travel_total = 0, site_total = 0;
    std::vector<double> work;
    for (size_t e = 0; e < ne; ++e) {
        travel_total += travel[e];
        site_total += on_site[e];
        if (shifts_of[e] > 0) work.push_back((travel[e] + on_site[e]) / 60.0);
    }
    k.utilisation = available > 0 ? site_total / available : kNaN;
    k.occupancy = available > 0 ? (travel_total + site_total) / available : kNaN;
    k.travel_share = travel_total + site_total > 0 ? travel_total / (travel_total + site_total) : kNaN;
    k.travel_km = metres / 1000.0;
    k.overtime_hours = overtime / 3600.0;
    const double mu = mean_of(work);
    if (!work.empty() && mu > 0) {
        double ss = 0, sq = 0, sum = 0;
        for (double x : work) ss += (x - mu) * (x - mu), sq += x * x, sum += x;
        k.load_balance_cv = std::sqrt(ss / static_cast<double>(work.size())) / mu;
        k.jain_index = sum * sum / (static_cast<double>(work.size()) * sq);
    } else {
        k.load_balance_cv = kNaN;
        k.jain_index = kNaN;
    }
    k.jobs_per_engineer_day = log.shifts.empty() ? kNaN : static_cast<double>(visits) / static_cast<double>(log.shifts.size());
    k.reassignments = unassigned;

    std::sort(opened.begin(), opened.end());
    std::sort(closed.begin(), closed.end());
    double backlog_sum = 0;
    size_t samples = 0, io = 0, ic = 0;
    // Counted, not stepped: t + interval may not fit when the interval is huge.
    const Time sample_count = std::max<Time>(log.horizon_end, 0) / backlog_interval;
    for (Time i = 1; i <= sample_count; ++i) {
        const Time t = i * backlog_interval;
        while (io < opened.size() && opened[io] <= t) ++io;
        while (ic < closed.size() && closed[ic] <= t) ++ic;
        const int open = static_cast<int>(io) - static_cast<int>(ic);
        report.backlog.push_back({t, open});
        backlog_sum += open;
        k.backlog_max = std::max(k.backlog_max, static_cast<double>(open));
        ++samples;
    }
    k.backlog_mean = samples > 0 ? backlog_sum / static_cast<double>(samples) : kNaN;
    return report;
}

double student_t975(int df) {
    static constexpr std::array<double, 30> table{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                                  2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                                  2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1) return kNaN;
    if (df <= 30) return table[static_cast<size_t>(df - 1)];
    // Beyond the table, interpolate in 1/df between 30, 40, 60, 120 and infinity.
    static constexpr std::array<std::pair<double, double>, 5> tail{
        {{30, 2.042}, {40, 2.021}, {60, 2.000}, {120, 1.980}, {std::numeric_limits<double>::infinity(), 1.960}}};
    const double x = 1.0 / df;
    for (size_t i = 0; i + 1 < tail.size(); ++i) {
        const double x0 = 1.0 / tail[i].first, x1 = 1.0 / tail[i + 1].first;
        if (x <= x0 && x >= x1) return tail[i + 1].second + (tail[i].second - tail[i + 1].second) * (x - x1) / (x0 - x1);
    }
    return 1.960;
}

KpiSummary summarise(const std::vector<double>& values) {
    std::vector<double> v;
    for (double x : values)
        if (!std::isnan(x)) v.push_back(x);
    KpiSummary s;
    s.n = static_cast<int>(v.size());
    s.mean = mean_of(v);
    if (v.size() < 2) {
        s.half_width = kNaN;
        return s;
    }
    double ss = 0;
    for (double x : v) ss += (x - s.mean) * (x - s.mean);
    const double sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
    s.half_width = student_t975(s.n - 1) * sd / std::sqrt(static_cast<double>(v.size()));
    return s;
}

std::string_view to_string(SimEventKind kind) noexcept {
    switch (kind) {
        case SimEventKind::created: return "created";
        case SimEventKind::assigned: return "assigned";
        case SimEventKind::unassigned: return "unassigned";
        case SimEventKind::travel_start: return "travel_start";
        case SimEventKind::arrive: return "arrive";
        case SimEventKind::service_end: return "service_end";
        case SimEventKind::follow_up: return "follow_up";
        case SimEventKind::cancelled: return "cancelled";
        case SimEventKind::shift_start: return "shift_start";
        case SimEventKind::shift_end: return "shift_end";
        case SimEventKind::home: return "home";
        case SimEventKind::break_start: return "break_start";
        case SimEventKind::break_end: return "break_end";
    }
    return "unknown";
}

}  // namespace fsd
