// SLA status throughput: clocks for N tickets' histories (generated in memory,
// seeded) on a business-hours calendar with holidays, on one core.
// Usage: sla_throughput [--tickets N] [--seed S] [--csv FILE]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "fsd/sla/sla_policy.hpp"
#include "fsd/sla/sla_status.hpp"
#include "fsd/sla/sla_time.hpp"

using namespace fsd;

int main(int argc, char** argv) {
    long long n = 1000000;
    unsigned long long seed = 42;
    std::string csv;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--tickets")) n = std::stoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seed")) seed = std::stoull(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--csv")) csv = argv[i + 1];
    }
    SlaPolicy policy;
    policy.add_tier("gold");
    policy.add_tier("silver");
    std::array<std::vector<WorkInterval>, 7> week;
    for (int d = 0; d < 5; ++d) week[static_cast<std::size_t>(d)] = {{8 * 3600, 12 * 3600}, {13 * 3600, 17 * 3600}};
    std::vector<std::int64_t> holidays;
    for (int m = 1; m <= 12; ++m) holidays.push_back(days_from_civil(2026, m, 1));
    policy.add_calendar("office", BusinessCalendar(week, holidays, 3600));
    for (int p = 1; p <= 5; ++p)
        for (const char* tier : {"gold", "silver"}) {
            const std::string cal = p <= 2 ? "24x7" : "office";
            policy.add_target({p, tier, SlaMetric::response, 1800 * p, cal, false, 1});
            policy.add_target({p, tier, SlaMetric::resolution, 4 * 3600 * p, cal, p == 1, 1});
        }

    std::mt19937_64 rng(seed);
    const Time base = days_from_civil(2026, 1, 1) * 86400;
    std::vector<SlaTicket> tickets(static_cast<std::size_t>(n));
    for (auto& t : tickets) {
        t.id = "T" + std::to_string(rng() % 100000000);
        t.priority = 1 + static_cast<int>(rng() % 5);
        t.tier = rng() % 2 ? "gold" : "silver";
        Time now = base + static_cast<Time>(rng() % (300 * 86400));
        t.events.push_back({now, SlaEventKind::created});
        auto step = [&](SlaEventKind k) {
            now += static_cast<Time>(rng() % (6 * 3600));
            t.events.push_back({now, k});
        };
        step(SlaEventKind::responded);
        step(SlaEventKind::assigned);
        if (rng() % 3 == 0) {
            step(SlaEventKind::waiting_for_customer);
            step(SlaEventKind::resumed);
        }
        if (rng() % 4 != 0) step(SlaEventKind::resolved);
        if (rng() % 10 == 0) {
            step(SlaEventKind::reopened);
            step(SlaEventKind::resolved);
        }
    }
    const Time at = base + 320 * 86400;
    long long breached = 0, events = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& t : tickets) {
        const SlaTicketStatus st = sla_ticket_status(t, policy, at);
        breached += st.breached(SlaMetric::resolution) ? 1 : 0;
        events += static_cast<long long>(t.events.size());
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double rate = static_cast<double>(n) / secs;
    std::printf("%-28s %16s\n", "metric", "value");
    std::printf("%-28s %16lld\n", "tickets", n);
    std::printf("%-28s %16lld\n", "events", events);
    std::printf("%-28s %16.3f\n", "seconds", secs);
    std::printf("%-28s %16.0f\n", "tickets_per_second", rate);
    std::printf("%-28s %16.4f\n", "resolution_breach_share", static_cast<double>(breached) / static_cast<double>(n));
    if (!csv.empty()) {
        std::ofstream out(csv);
        out << "metric,value\n"
            << "tickets," << n << "\nevents," << events << "\nseconds," << secs << "\ntickets_per_second," << rate
            << "\nresolution_breach_share," << static_cast<double>(breached) / static_cast<double>(n) << "\n";
    }
    return 0;
}
