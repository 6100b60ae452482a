// fsd staffing roster PROBLEM.json: the cheapest roster of shift templates
// covering a weekly requirement, then people named onto it (CBC).
#include <array>
#include <iostream>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/staffing/roster.hpp"
#include "fsd/staffing/roster_json.hpp"

namespace {

const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

struct RosterArgs {
    std::string problem;
    std::string requirements;
    std::string templates;
    double time_limit = 30;
    double gap = 0.01;
    std::string csv_out;
    std::string json_out;
    bool log = false;
};

void print_counts(const fsd::RosterProblem& p, const fsd::Roster& r) {
    std::map<std::string, std::array<int, 7>> counts;
    for (const fsd::RosteredShift& s : r.shifts) ++counts[s.template_id][static_cast<std::size_t>(s.weekday)];
    std::cout << fmt::format("\nshifts per day{}\n{:<16}", p.people.empty() ? "" : " (named)", "template");
    for (const char* d : kDays) std::cout << fmt::format(" {:>4}", d);
    std::cout << "\n";
    for (const fsd::ShiftTemplate& t : p.templates) {
        if (!counts.count(t.id)) continue;
        std::cout << fmt::format("{:<16}", t.id);
        for (int n : counts[t.id]) std::cout << fmt::format(" {:>4}", n);
        std::cout << "\n";
    }
}

void print_coverage(const fsd::RosterProblem& p, const fsd::Roster& r) {
    const double hours = static_cast<double>(p.interval) / 3600.0;
    std::cout << "\ncoverage (person-hours required / covered / short) per day\n";
    for (std::size_t k = 0; k < r.coverage.size(); ++k) {
        std::cout << fmt::format("skill \"{}\"\n", r.coverage[k].skill);
        const std::size_t per_day = r.coverage[k].required.size() / 7;
        for (std::size_t d = 0; d < 7; ++d) {
            double need = 0, have = 0, shortfall = 0;
            for (std::size_t i = d * per_day; i < (d + 1) * per_day; ++i) {
                need += p.requirements[k].required[i] * hours;
                have += r.coverage[k].required[i] * hours;
                shortfall += r.shortfall[k].required[i] * hours;
            }
            std::cout << fmt::format("  {}  {:8.1f} {:8.1f} {:8.1f}\n", kDays[d], need, have, shortfall);
        }
    }
}

void print_people(const fsd::RosterProblem& p, const fsd::Roster& r) {
    std::map<std::string, std::vector<const fsd::RosteredShift*>> weeks;
    for (const fsd::RosteredShift& s : r.shifts) weeks[s.person].push_back(&s);
    std::cout << "\npeople\n";
    for (const fsd::RosterPerson& person : p.people) {
        fsd::Duration paid = 0;
        std::string line;
        for (const fsd::RosteredShift* s : weeks[person.id]) {
            paid += (s->end - s->start) - (s->break_end - s->break_start);
            line += fmt::format("  {}-{} {}", fsd::week_time_label(s->start), fsd::week_time_label(s->end).substr(4),
                                s->skill.empty() ? s->template_id : s->skill);
        }
        std::cout << fmt::format("{:<14} {:>5.1f} h{}\n", person.id, static_cast<double>(paid) / 3600.0,
                                 line.empty() ? "  (off all week)" : line);
    }
}

std::string shifts_csv(const fsd::Roster& r) {
    std::string csv = "person,template,weekday,start,end,break_start,break_end,skill\n";
    for (const fsd::RosteredShift& s : r.shifts)
        csv += fmt::format("{},{},{},{},{},{},{},{}\n", s.person, s.template_id, s.weekday, s.start, s.end, s.break_start,
                           s.break_end, s.skill);
    return csv;
}

void run_roster(const RosterArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.csv_out, a.json_out});
    fsdcli::at_most_one_stdin({a.problem, a.requirements, a.templates});
    fsd::RosterProblem p = fsd::roster_problem_from_json(fsdcli::read_text_file(a.problem));
    if (!a.requirements.empty())
        p.requirements = fsd::roster_requirements_from_csv(fsdcli::read_text_file(a.requirements), p.interval);
    if (!a.templates.empty()) p.templates = fsd::shift_templates_from_json(fsdcli::read_text_file(a.templates));
    fsd::RosterOptions o;
    o.time_limit = a.time_limit;
    o.relative_gap = a.gap;
    // CBC prints its log on stdout itself, past std::cout.
    if (a.log && report.document_on_stdout())
        throw fsd::InputError("--log", "CBC's log goes to stdout, where the JSON or CSV goes; write that to a file");
    o.log = a.log;
    const fsd::Roster r = fsd::solve_roster(p, o);
    if (r.status == fsd::RosterStatus::infeasible || r.status == fsd::RosterStatus::no_solution_in_time) {
        std::cout << fmt::format("status {}: {}\n", fsd::to_string(r.status), r.message);
        if (!a.json_out.empty()) fsdcli::write_text_file(a.json_out, fsd::roster_to_json(p, r));
        throw fsdcli::Exit{1};
    }
    std::cout << fmt::format("status {}  cost {:.2f}  bound {:.2f}  gap {:.2f} %  {:.2f} s (counts {:.2f} s, names {:.2f} s)\n",
                             fsd::to_string(r.status), r.cost, r.best_bound, 100 * r.gap, r.seconds, r.count_seconds,
                             r.naming_seconds);
    if (!a.json_out.empty()) fsdcli::write_text_file(a.json_out, fsd::roster_to_json(p, r));
    if (!a.csv_out.empty()) fsdcli::write_text_file(a.csv_out, shifts_csv(r));
    print_counts(p, r);
    print_coverage(p, r);
    if (!p.people.empty()) print_people(p, r);
    if (!r.unfilled.empty()) {
        std::cout << "\nunfilled shifts\n";
        for (const std::string& u : r.unfilled) std::cout << "  " << u << "\n";
    }
}

void add_roster_command(CLI::App& app) {
    auto args = std::make_shared<RosterArgs>();
    CLI::App* cmd = fsdcli::staffing_group(app)->add_subcommand(
        "roster", "Cheapest roster of shift templates covering a weekly requirement, people named onto it (CBC)");
    cmd->add_option("problem", args->problem, "roster problem JSON (docs/staffing.md)")->required();
    cmd->add_option("--requirements", args->requirements,
                    "requirement CSV (required, skill, interval_start or weekday+time) replacing the problem's");
    cmd->add_option("--templates", args->templates, "JSON array of shift templates replacing the problem's");
    cmd->add_option("--time-limit", args->time_limit, "seconds for both stages")->check(CLI::Range(0.1, 86400.0));
    cmd->add_option("--gap", args->gap, "relative gap at which the solver stops")->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--csv", args->csv_out, "write the shifts as CSV here (- for stdout)");
    cmd->add_option("--json", args->json_out, "write the whole roster as JSON here (- for stdout)");
    cmd->add_flag("--log", args->log, "show CBC's log");
    cmd->callback([args] { run_roster(*args); });
}

}  // namespace

FSDCLI_REGISTER(220, add_roster_command);
