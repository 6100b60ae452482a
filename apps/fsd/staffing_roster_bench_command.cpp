// fsd bench roster: a generated week (30-minute intervals, three skills, a
// daily and weekly requirement curve), 20 shift templates and 200 people
// with skills, contracts and availability, solved by solve_roster; prints
// status, stage times, cost, bound, gap, shortfall where coverable and the
// checker's violations. Rows "metric,value"; figures go to bench/RESULTS.md.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <random>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "command_registry.hpp"
#include "fsd/staffing/roster.hpp"
#include "fsd/staffing/roster_check.hpp"
#include "option_checks.hpp"

namespace {

constexpr fsd::Duration kH = 3600;

struct BenchArgs {
    int people = 200;
    int templates = 20;
    std::uint64_t seed = 1;
    double time_limit = 30;
    double gap = 0.01;
    std::string csv;
};

double bump(double h, double centre, double width) { return std::exp(-0.5 * (h - centre) * (h - centre) / (width * width)); }

// Relative demand of a skill at hour-of-day h on weekday d (peak about 1).
double curve(int skill, int d, double h) {
    static const double weekday[3][7] = {{1.15, 1.05, 1.0, 1.0, 0.9, 0.45, 0.35},   // service desk
                                         {1.1, 1.05, 1.0, 1.0, 0.95, 0.3, 0.0},      // field
                                         {1.0, 1.0, 1.0, 1.0, 1.0, 0.6, 0.6}};       // network operations
    double f = 0;
    if (skill == 0) f = 0.08 + 0.95 * bump(h, 10.0, 1.8) + 0.8 * bump(h, 14.5, 2.0) + 0.25 * bump(h, 19.0, 1.5);
    if (skill == 1) f = (h >= 7 && h < 20) ? 0.35 + 0.7 * bump(h, 11.0, 3.0) : 0.0;
    if (skill == 2) f = (h >= 7 && h < 21) ? 1.0 : 0.35;
    return f * weekday[skill][d];
}

// Twenty realistic templates (8 h paid day shifts every hour 06-15, part
// time, long days, evening, night, weekend); with fewer asked the first n.
std::vector<fsd::ShiftTemplate> bench_templates(int n) {
    std::vector<fsd::ShiftTemplate> out;
    auto add = [&](std::string id, std::vector<int> days, fsd::Duration start, fsd::Duration length, fsd::Duration brk,
                   fsd::Duration earliest, fsd::Duration latest, double premium) {
        fsd::ShiftTemplate t;
        t.id = std::move(id);
        t.weekdays = std::move(days);
        t.start = start;
        t.length = length;
        t.break_duration = brk;
        t.break_earliest = earliest;
        t.break_latest = latest;
        t.cost = premium * static_cast<double>(length - brk) / 3600.0;  // cost per paid hour of the shift
        out.push_back(std::move(t));
    };
    const std::vector<int> all = {0, 1, 2, 3, 4, 5, 6};
    for (int h = 6; h <= 15; ++h)
        add(fmt::format("day{:02}", h), all, h * kH, 8 * kH + 1800, 1800, 3 * kH, 5 * kH, h >= 14 ? 1.1 : 1.0);
    for (int h : {8, 10, 12, 16, 18}) add(fmt::format("part{:02}", h), all, h * kH, 4 * kH, 0, 0, 0, 1.05);
    add("long07", {0, 1, 2, 3, 4}, 7 * kH, 10 * kH + 1800, 1800, 4 * kH, 6 * kH, 1.0);
    add("long11", {0, 1, 2, 3, 4}, 11 * kH, 10 * kH + 1800, 1800, 4 * kH, 6 * kH, 1.1);
    add("eve17", all, 17 * kH, 6 * kH, 0, 0, 0, 1.15);
    add("night22", all, 22 * kH, 8 * kH + 1800, 1800, 3 * kH, 5 * kH, 1.25);
    add("wkend08", {5, 6}, 8 * kH, 12 * kH, kH, 4 * kH, 6 * kH, 1.2);
    if (n < static_cast<int>(out.size())) out.resize(static_cast<std::size_t>(n));
    return out;
}

fsd::RosterProblem bench_problem(const BenchArgs& a) {
    std::mt19937_64 rng(a.seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    fsd::RosterProblem p;
    p.interval = 1800;
    p.templates = bench_templates(a.templates);
    const char* const skills[] = {"desk", "field", "network"};
    std::array<double, 3> capacity{};
    for (int i = 0; i < a.people; ++i) {
        fsd::RosterPerson r;
        r.id = fmt::format("p{:03}", i);
        const double s = u(rng);
        const int primary = s < 0.45 ? 0 : s < 0.8 ? 1 : 2;
        r.skills.push_back(skills[primary]);
        if (u(rng) < 0.3) r.skills.push_back(skills[(primary + 1 + static_cast<int>(u(rng) * 2)) % 3]);
        const double c = u(rng);
        if (c < 0.6) {  // full time
            r.min_week = 32 * kH;
            r.max_week = 40 * kH;
            r.max_shifts = 5;
        } else if (c < 0.85) {  // part time, four or five weekdays
            r.min_week = 16 * kH;
            r.max_week = 24 * kH;
            r.max_shifts = 4;
            r.available_weekdays.clear();
            for (int d = 0; d < 7; ++d)
                if (u(rng) < 0.7) r.available_weekdays.push_back(d);
            if (r.available_weekdays.empty()) r.available_weekdays = {0, 2, 4};
        } else {  // flexible, days only
            r.max_week = 30 * kH;
            r.available_start = 6 * kH;
            r.available_end = 21 * kH;
        }
        r.cost_per_hour = 20 + std::floor(u(rng) * 16);
        capacity[static_cast<std::size_t>(primary)] += static_cast<double>(r.max_week) / 3600.0;
        p.people.push_back(std::move(r));
    }
    // Scale each skill's curve to about half of its primary holders' hours:
    // shifts never fit a curve exactly, and contracts cap the rest.
    for (int k = 0; k < 3; ++k) {
        std::vector<double> raw(336);
        double hours = 0;
        for (int i = 0; i < 336; ++i) {
            raw[static_cast<std::size_t>(i)] = curve(k, i / 48, (i % 48) / 2.0 + 0.25);
            hours += raw[static_cast<std::size_t>(i)] * 0.5;
        }
        const double peak = 0.5 * capacity[static_cast<std::size_t>(k)] / hours;
        fsd::StaffRequirement req{skills[k], std::vector<int>(336, 0)};
        for (int i = 0; i < 336; ++i)
            req.required[static_cast<std::size_t>(i)] = static_cast<int>(std::ceil(peak * raw[static_cast<std::size_t>(i)] - 0.3));
        p.requirements.push_back(std::move(req));
    }
    p.shortfall_cost = 40;  // per missing person-interval: far above a shift's cost per interval
    p.min_week_cost = 5;
    return p;
}

void run_bench(const BenchArgs& a) {
    const fsd::RosterProblem p = bench_problem(a);
    fsd::RosterOptions o;
    o.time_limit = a.time_limit;
    o.relative_gap = a.gap;
    const fsd::Roster r = fsd::solve_roster(p, o);
    // Shortfall only counts where some template could cover the interval.
    fsd::RosterProblem wide = p;
    wide.people.clear();
    int required = 0, shortfall = 0, coverable_short = 0;
    std::vector<fsd::RosteredShift> probe;
    for (const fsd::ShiftTemplate& t : p.templates)
        for (int d : t.weekdays)
            for (const fsd::StaffRequirement& q : p.requirements)
                probe.push_back({"", t.id, d, d * 86400 + t.start, d * 86400 + t.start + t.length, d * 86400 + t.start,
                                 d * 86400 + t.start, q.skill});
    const auto reach = fsd::roster_coverage(wide, probe);
    for (std::size_t k = 0; k < p.requirements.size(); ++k)
        for (std::size_t i = 0; i < 336; ++i) {
            required += p.requirements[k].required[i];
            if (r.shortfall.empty()) continue;
            shortfall += r.shortfall[k].required[i];
            if (reach[k].required[i] > 0) coverable_short += r.shortfall[k].required[i];
        }
    const auto violations = fsd::check_roster(p, r);
    std::cout << fmt::format("roster bench: {} people, {} templates, 3 skills, 336 intervals, seed {}\n", p.people.size(),
                             p.templates.size(), a.seed);
    std::cout << fmt::format("status {} (names {}), cost {:.1f}, bound {:.1f}, gap {:.3f} %, naming gap {:.3f} %\n",
                             fsd::to_string(r.status), fsd::to_string(r.naming_status), r.cost, r.best_bound, 100 * r.gap,
                             100 * r.naming_gap);
    std::cout << fmt::format("seconds {:.2f} (counts {:.2f}, names {:.2f}); shifts {}, unfilled groups {}\n", r.seconds,
                             r.count_seconds, r.naming_seconds, r.shifts.size(), r.unfilled.size());
    std::cout << fmt::format("required person-intervals {}, short {} (where coverable {}), checker violations {}\n",
                             required, shortfall, coverable_short, violations.size());
    for (std::size_t i = 0; i < std::min<std::size_t>(violations.size(), 5); ++i) std::cout << "  " << violations[i] << "\n";
    std::string csv = "metric,value\n";
    auto row = [&](const std::string& m, double v) { csv += fmt::format("roster_{},{:.6g}\n", m, v); };
    row("optimal", r.status == fsd::RosterStatus::optimal ? 1 : 0);
    row("seconds", r.seconds);
    row("count_seconds", r.count_seconds);
    row("naming_seconds", r.naming_seconds);
    row("cost", r.cost);
    row("best_bound", r.best_bound);
    row("gap", r.gap);
    row("naming_gap", r.naming_gap);
    row("shifts", static_cast<double>(r.shifts.size()));
    row("unfilled_groups", static_cast<double>(r.unfilled.size()));
    row("required_person_intervals", required);
    row("shortfall_person_intervals", shortfall);
    row("coverable_shortfall_person_intervals", coverable_short);
    row("violations", static_cast<double>(violations.size()));
    if (!a.csv.empty()) {
        fsdcli::write_text_file(a.csv, csv);
        std::cout << "rows written to " << a.csv << '\n';
    } else {
        std::cout << '\n' << csv;
    }
    if (!violations.empty()) throw fsdcli::Exit{1};
}

void add_roster_bench(CLI::App& app) {
    auto args = std::make_shared<BenchArgs>();
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand("roster", "Roster of a generated week: 20 templates, 200 people (CBC)");
    cmd->add_option("--people", args->people, "people to roster")->check(CLI::Range(1, 5000));
    cmd->add_option("--templates", args->templates, "shift templates (up to 20)")->check(CLI::Range(1, 20));
    cmd->add_option("--seed", args->seed, "seed of the generated people")->check(fsdcli::seed_text());
    cmd->add_option("--time-limit", args->time_limit, "seconds for both stages")->check(CLI::Range(0.1, 86400.0));
    cmd->add_option("--gap", args->gap, "relative gap")->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--csv", args->csv, "write metric,value rows here");
    cmd->callback([args] { run_bench(*args); });
}

}  // namespace

FSDCLI_REGISTER(98, add_roster_bench);
