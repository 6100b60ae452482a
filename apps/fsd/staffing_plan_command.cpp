// fsd staffing plan: from a ticket history and a field team to a named roster
// (forecast -> requirement -> roster), and with --simulate the roster checked
// in the simulator under the forecast demand (docs/staffing.md, "Closing the loop").
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/io/scenario_json.hpp"
#include "fsd/sla/sla_time.hpp"
#include "fsd/staffing/field_requirement.hpp"
#include "fsd/staffing/field_staffing.hpp"
#include "fsd/staffing/forecast.hpp"
#include "fsd/staffing/roster.hpp"
#include "fsd/staffing/roster_check.hpp"
#include "fsd/staffing/roster_json.hpp"
#include "fsd/staffing/roster_scenario.hpp"
#include "option_checks.hpp"
#include "staffing_history.hpp"
#include "sim_cli.hpp"
#include "text_file.hpp"

namespace {

struct PlanArgs {
    std::string history;
    std::string scenario;
    std::string templates;
    std::string by = "skill";
    fsd::Duration interval = 1800;
    int utc_offset = 0;
    bool utc_offset_given = false;
    std::vector<std::string> holidays;
    bool plan_on_upper = false;
    double level = 0.9;
    fsd::FieldRequirementOptions requirement;
    std::string service_start = "08:00";
    std::string service_end = "17:00";
    std::vector<int> service_days{0, 1, 2, 3, 4};
    double min_hours = 0;
    double max_hours = 40;
    int max_shifts = 5;
    double cost_per_hour = 0;
    double shortfall_cost = 100;
    double time_limit = 30;
    double gap = 0.01;
    bool simulate = false;
    fsd::FieldStaffingOptions check;
    std::string csv_out;
    std::string json_out;
};

const char* kDayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

void run_plan(PlanArgs a) {
    const fsdcli::ReportAwayFromStdout report({a.csv_out, a.json_out});
    const fsd::Scenario scenario = fsdcli::load_scenario(a.scenario);
    const int offset_minutes = a.utc_offset_given ? a.utc_offset : scenario.utc_offset_seconds / 60;

    // 1. Forecast next week per skill.
    fsd::ForecastOptions fo;
    fo.grid.interval = a.interval;
    fo.grid.utc_offset_minutes = offset_minutes;
    fo.holidays = a.holidays;
    fo.level = a.level;
    fo.total_series.clear();
    const fsd::Forecast forecast = fsd::forecast_arrivals(fsdcli::read_ticket_arrivals(a.history, a.by), fo);
    const size_t slots = static_cast<size_t>(7 * 86400 / a.interval);
    std::map<std::string, std::vector<double>> week;  // per field skill
    std::map<std::string, double> not_field;
    for (const fsd::ForecastRow& row : forecast.rows) {
        const bool field = std::any_of(scenario.ticket_types.begin(), scenario.ticket_types.end(),
                                       [&](const fsd::TicketType& t) { return t.skill.skill == row.series; });
        const double value = a.plan_on_upper ? row.upper : row.mean;
        if (!field) {
            not_field[row.series] += row.mean;
            continue;
        }
        std::vector<double>& v = week[row.series];
        if (v.empty()) v.assign(slots, 0.0);
        const auto slot = static_cast<size_t>((row.interval_start - forecast.start) / a.interval);
        if (slot < slots) v[slot] += value;
    }
    if (week.empty())
        throw fsd::InputError("/history", "no series of the history (by " + a.by +
                                              ") is a skill a ticket type of the scenario needs");
    std::cout << fmt::format("Forecast week from {} ({} intervals of {} min, planned on the {}):\n",
                             fsd::format_iso8601(forecast.start, offset_minutes * 60), slots, a.interval / 60,
                             a.plan_on_upper ? fmt::format("upper {:.0f} % bound", 100 * a.level) : "mean");

    // 2. Requirement per skill and interval.
    a.requirement.interval = a.interval;
    a.requirement.service_start = fsd::parse_time_of_day(a.service_start, "--service-start");
    a.requirement.service_end = fsd::parse_time_of_day(a.service_end, "--service-end");
    a.requirement.service_days = a.service_days;
    fsd::RosterProblem problem;
    problem.interval = a.interval;
    std::cout << fmt::format("{:<16} {:>8} {:>9}   engineers on duty per service day\n", "skill", "tickets",
                             "work/tkt");
    std::cout << fmt::format("{:<16} {:>8} {:>9}  ", "", "", "");
    for (const char* d : kDayNames) std::cout << fmt::format(" {:>4}", d);
    std::cout << '\n';
    nlohmann::ordered_json skills_json = nlohmann::ordered_json::array();
    for (const auto& [skill, arrivals] : week) {
        fsd::FieldRequirementOptions r = a.requirement;
        r.work_per_ticket = fsd::expected_work_per_ticket(scenario, skill);
        std::vector<int> required = fsd::field_requirement(arrivals, r);
        double tickets = 0;
        for (double x : arrivals) tickets += x;
        std::cout << fmt::format("{:<16} {:>8.1f} {:>7.0f}m  ", skill, tickets, r.work_per_ticket / 60.0);
        std::vector<int> per_day;
        for (int d = 0; d < 7; ++d) {
            int most = 0;
            for (size_t k = static_cast<size_t>(d) * slots / 7; k < static_cast<size_t>(d + 1) * slots / 7; ++k)
                most = std::max(most, required[k]);
            per_day.push_back(most);
            std::cout << fmt::format(" {:>4}", most);
        }
        std::cout << '\n';
        skills_json.push_back({{"skill", skill}, {"tickets", tickets}, {"work_per_ticket", r.work_per_ticket},
                               {"engineers_per_day", per_day}});
        problem.requirements.push_back({skill, std::move(required)});
    }
    for (const auto& [series, tickets] : not_field)
        std::cout << fmt::format("not field work (no ticket type needs it): {} {:.1f} tickets\n", series, tickets);

    // 3. The roster: the scenario's engineers onto the templates' shifts.
    problem.templates = fsd::shift_templates_from_json(fsdcli::read_text_file(a.templates));
    for (const fsd::SimEngineer& e : scenario.engineers) {
        fsd::RosterPerson p;
        p.id = e.id;
        for (const fsd::SkillLevel& s : e.skills) p.skills.push_back(s.skill);
        p.min_week = static_cast<fsd::Duration>(std::llround(a.min_hours * 3600));
        p.max_week = static_cast<fsd::Duration>(std::llround(a.max_hours * 3600));
        p.max_shifts = a.max_shifts;
        p.cost_per_hour = a.cost_per_hour;
        problem.people.push_back(std::move(p));
    }
    problem.shortfall_cost = a.shortfall_cost;
    fsd::validate_roster_problem(problem);
    fsd::RosterOptions ro;
    ro.time_limit = a.time_limit;
    ro.relative_gap = a.gap;
    const fsd::Roster roster = fsd::solve_roster(problem, ro);
    const std::vector<std::string> violations = fsd::check_roster(problem, roster);
    double short_hours = 0;
    for (const fsd::StaffRequirement& s : roster.shortfall)
        for (int x : s.required) short_hours += x * a.interval / 3600.0;
    std::cout << fmt::format("\nRoster: {}, cost {:.2f}, gap {:.2f} %, {} shifts for {} engineers, shortfall {:.1f} "
                             "engineer-hours, {} violations ({:.1f} s)\n",
                             fsd::to_string(roster.status), roster.cost, 100 * roster.gap, roster.shifts.size(),
                             problem.people.size(), short_hours, violations.size(), roster.seconds);
    if (!roster.message.empty()) std::cout << "  " << roster.message << '\n';
    for (const std::string& u : roster.unfilled) std::cout << "  unfilled: " << u << '\n';
    for (const std::string& v : violations) std::cout << "  violation: " << v << '\n';
    if (roster.status == fsd::RosterStatus::infeasible || roster.status == fsd::RosterStatus::no_solution_in_time)
        throw fsdcli::Exit{1};

    std::map<std::string, std::vector<std::string>> week_of;
    for (const fsd::RosteredShift& s : roster.shifts)
        week_of[s.person].push_back(fmt::format("{} {} ({})", kDayNames[s.weekday % 7], s.template_id, s.skill));
    for (const auto& [person, shifts] : week_of) {
        std::cout << fmt::format("  {:<8}", person);
        for (const std::string& s : shifts) std::cout << "  " << s;
        std::cout << '\n';
    }

    nlohmann::ordered_json out = {{"forecast_start", fsd::format_iso8601(forecast.start, offset_minutes * 60)},
                                  {"skills", skills_json},
                                  {"roster", nlohmann::json::parse(fsd::roster_to_json(problem, roster))},
                                  {"violations", violations}};
    // 4-5. The roster in the simulator under the forecast demand.
    if (a.simulate) {
        std::vector<fsd::SkillDemand> demand;
        for (const auto& [skill, arrivals] : week) demand.push_back({skill, a.interval, arrivals});
        const fsd::Scenario checked = fsd::scenario_with_demand(fsd::scenario_with_roster(scenario, roster), demand);
        const fsd::FieldGroups groups = fsd::group_engineers(checked);
        const fsd::StaffingPoint p = fsd::evaluate_headcount(checked, groups, fsd::current_headcount(groups), a.check);
        const double low = p.attainment.mean - p.attainment.half_width;
        const double high = p.attainment.mean + p.attainment.half_width;
        std::cout << fmt::format("\nSimulated ({} replications of {} days, policy {}): {} {:.3f} [{:.3f}, {:.3f}] "
                                 "against the target {:.3f}: {}\n",
                                 a.check.replications, a.check.days, a.check.policy.empty() ? "nearest" : a.check.policy,
                                 a.check.kpi, p.attainment.mean, low, high, a.check.target,
                                 p.meets ? "meets it (the lower 95 % bound is above)" : "does not meet it");
        std::cout << fmt::format("  engineer-hours {:.1f}, breaches {:.1f} per run\n", p.engineer_hours, p.breaches);
        out["simulation"] = {{"kpi", a.check.kpi},         {"target", a.check.target},
                             {"mean", p.attainment.mean},   {"low", low},
                             {"high", high},                {"replications", a.check.replications},
                             {"days", a.check.days},        {"engineer_hours", p.engineer_hours},
                             {"breaches", p.breaches},      {"meets", p.meets}};
    }
    if (!a.csv_out.empty()) {
        std::string csv = "person,template,weekday,start,end,break_start,break_end,skill\n";
        for (const fsd::RosteredShift& s : roster.shifts)
            csv += fmt::format("{},{},{},{},{},{},{},{}\n", s.person, s.template_id, s.weekday,
                               fsd::week_time_label(s.start), fsd::week_time_label(s.end),
                               fsd::week_time_label(s.break_start), fsd::week_time_label(s.break_end), s.skill);
        fsdcli::write_text_file(a.csv_out, csv);
    }
    if (!a.json_out.empty()) fsdcli::write_text_file(a.json_out, out.dump(2) + "\n");
}

void add_plan_command(CLI::App& app) {
    auto args = std::make_shared<PlanArgs>();
    auto* cmd = fsdcli::staffing_group(app)->add_subcommand(
        "plan", "From a ticket history and a field team to a named roster; --simulate checks it in the simulator");
    cmd->add_option("history", args->history, "ticket CSV with created and a skill column (the triage format)")
        ->required();
    cmd->add_option("--scenario", args->scenario, "the field team and its tickets (simulation scenario JSON)")
        ->required();
    cmd->add_option("--templates", args->templates, "shift templates (a JSON array, docs/staffing.md)")->required();
    cmd->add_option("--by", args->by, "history column that names the skill a ticket needs");
    cmd->add_option("--interval", args->interval, "forecast, requirement and roster interval in seconds")
        ->check(CLI::IsMember({900, 1800, 3600}));
    cmd->add_option("--utc-offset", args->utc_offset, "local clock in minutes east of UTC (default: the scenario's)")
        ->check(fsdcli::utc_offset_minutes())
        ->each([args](const std::string&) { args->utc_offset_given = true; });
    cmd->add_option("--holiday", args->holidays, "a local holiday date YYYY-MM-DD (repeatable)");
    cmd->add_flag("--upper", args->plan_on_upper, "plan on the forecast's upper bound instead of its mean");
    cmd->add_option("--level", args->level, "level of the forecast's intervals")->check(CLI::Range(0.5, 0.999));
    cmd->add_option("--occupancy", args->requirement.occupancy, "planned share of duty time travelling or on site")
        ->check(CLI::Range(0.05, 1.0));
    cmd->add_option("--service-start", args->service_start, "local time field service starts (HH:MM)");
    cmd->add_option("--service-end", args->service_end, "local time field service ends (HH:MM)");
    cmd->add_option("--service-days", args->service_days, "weekdays with field service, 0 = Monday")
        ->delimiter(',')
        ->check(CLI::Range(0, 6));
    cmd->add_option("--min-hours", args->min_hours, "contracted paid hours per engineer and week, at least (soft)")
        ->check(CLI::Range(0.0, 168.0));
    cmd->add_option("--max-hours", args->max_hours, "paid hours per engineer and week, at most")
        ->check(CLI::Range(0.0, 168.0));
    cmd->add_option("--max-shifts", args->max_shifts, "shifts per engineer and week, at most")->check(CLI::Range(0, 7));
    cmd->add_option("--cost-per-hour", args->cost_per_hour, "cost of an engineer's paid hour (added to the templates')")
        ->check(CLI::Range(0.0, 1e6));
    cmd->add_option("--shortfall-cost", args->shortfall_cost,
                    "price of a missing engineer-interval (negative: coverage is hard)");
    cmd->add_option("--time-limit", args->time_limit, "seconds for the roster's integer programs")
        ->check(CLI::Range(0.1, 86400.0));
    cmd->add_option("--gap", args->gap, "relative optimality gap accepted")->check(CLI::Range(0.0, 1.0));
    cmd->add_flag("--simulate", args->simulate, "simulate the roster under the forecast demand");
    cmd->add_option("--target", args->check.target, "SLA attainment the simulated roster should reach")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--kpi", args->check.kpi, "sla_response_rate or sla_resolution_rate, optionally :PRIORITY");
    cmd->add_option("--policy", args->check.policy, "dispatch policy of the simulation (default nearest)");
    cmd->add_option("--days", args->check.days, "days per replication")->check(CLI::Range(1, 366));
    cmd->add_option("--replications", args->check.replications, "replications (common random numbers)")
        ->check(CLI::Range(2, 1000));
    cmd->add_option("--seed", args->check.seed, "seed of the replications")->check(fsdcli::seed_text());
    cmd->add_option("--csv", args->csv_out, "write the shifts here (- for stdout)");
    cmd->add_option("--json", args->json_out, "write the requirement summary, the roster and the check here (- for stdout)");
    cmd->callback([args] { run_plan(*args); });
}

}  // namespace

FSDCLI_REGISTER(86, add_plan_command);
