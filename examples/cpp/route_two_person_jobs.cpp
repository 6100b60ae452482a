// A day with visits that depend on each other: a heat-pump install that needs
// two engineers at once (the lead with the skill, a helper without), and a
// repair whose part is ordered at a first visit and fitted two to six hours
// later by anyone. Links state both (docs/linked_visits.md); the solver makes
// the two installers start together, and the verifier checks every link.
#include <iostream>
#include <map>
#include <string>

#include "fsd/fsd.hpp"

namespace {

using namespace fsd;

constexpr Time kDay = 1795478400;  // 2026-11-24T00:00:00Z
constexpr Duration kHour = 3600;

std::string clock_text(Time t) {
    const Time s = t - kDay;
    const std::string m = std::to_string(s % kHour / 60);
    return std::to_string(s / kHour) + ":" + (m.size() < 2 ? "0" + m : m);
}

Job visit(const std::string& id, double lat, double lon, Duration minutes, const std::string& skill) {
    Job job;
    job.id = id;
    job.location.coords = Coordinates{lat, lon};
    job.duration = minutes * 60;
    if (!skill.empty()) job.skills = {{skill, 1}};
    return job;
}

Problem build_day() {
    ProblemBuilder builder;
    const char* names[] = {"ana", "ben", "cem"};
    const char* skills[] = {"hvac", "hvac", "appliance"};
    for (int e = 0; e < 3; ++e) {
        Engineer eng;
        eng.id = names[e];
        eng.start.coords = Coordinates{48.11 + 0.03 * e, 11.54 + 0.02 * e};
        eng.shifts = {{kDay + 8 * kHour, kDay + 17 * kHour}};
        eng.skills = {{skills[e], 1}};
        builder.add_engineer(eng);
    }
    // The install: the lead needs the skill for 2 h; the helper carries the
    // unit in and is free again after 45 min.
    builder.add_job(visit("INST-1", 48.15, 11.60, 120, "hvac"));
    builder.add_job(visit("INST-1-helper", 48.15, 11.60, 45, ""));
    // The follow-up: diagnose in the morning, fit the ordered part later.
    Job diagnose = visit("REP-7-diagnose", 48.12, 11.50, 30, "appliance");
    diagnose.time_windows = {{kDay + 8 * kHour, kDay + 11 * kHour}};
    builder.add_job(diagnose);
    builder.add_job(visit("REP-7-fit", 48.12, 11.50, 45, "appliance"));
    for (int j = 0; j < 6; ++j)
        builder.add_job(visit("T-" + std::to_string(300 + j), 48.09 + 0.015 * j, 11.48 + 0.03 * (j % 3), 40,
                              j % 2 == 0 ? "hvac" : "appliance"));

    builder.add_link(JobLink{"INST-1", "INST-1-helper"});  // defaults: start together, two engineers
    JobLink follow_up{"REP-7-diagnose", "REP-7-fit"};
    follow_up.min_gap = 2 * kHour;
    follow_up.max_gap = 6 * kHour;
    follow_up.engineers = LinkEngineers::any;
    builder.add_link(follow_up);
    return builder.build();
}

}  // namespace

int main() {
    const Problem problem = build_day();
    SolveOptions options;
    options.time_limit_seconds = 0.5;
    options.seed = 1;
    const Solution plan = solve(problem, options);

    std::map<std::string, std::pair<std::string, Time>> served;  // job id -> engineer, start
    for (const Route& route : plan.routes) {
        const std::string& engineer = problem.engineer(route.engineer).id;
        std::cout << engineer << ':';
        for (const Step& step : route.steps) {
            if (step.kind != StepKind::job) continue;
            const std::string& id = problem.job(step.index).id;
            served[id] = {engineer, step.start};
            std::cout << ' ' << id << '@' << clock_text(step.start);
        }
        std::cout << '\n';
    }
    for (const Unassigned& u : plan.unassigned)
        std::cout << "left out: " << problem.job(u.job).id << " (" << to_string(u.reason) << ")\n";

    const VerifyReport report = verify(problem, plan);
    for (const auto& v : report.violations) std::cerr << v.kind << ": " << v.message << '\n';
    if (!report.ok() || !plan.unassigned.empty()) return 1;

    const auto& lead = served.at("INST-1");
    const auto& helper = served.at("INST-1-helper");
    const Duration gap = served.at("REP-7-fit").second - served.at("REP-7-diagnose").second;
    std::cout << "install: " << lead.first << " and " << helper.first << " start at " << clock_text(lead.second)
              << "; part fitted " << gap / 60 << " min after the diagnosis\n";
    // The whole point of the link: both installers on site at the same minute.
    const bool together = lead.second == helper.second && lead.first != helper.first;
    return together && gap >= 2 * kHour && gap <= 6 * kHour ? 0 : 1;
}
