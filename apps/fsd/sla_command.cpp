// fsd sla status|escalations|deadline: SLA clocks of tickets from an event CSV.
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/sla/escalation.hpp"
#include "fsd/sla/sla_deadline.hpp"
#include "fsd/sla/sla_events_csv.hpp"
#include "fsd/sla/sla_json.hpp"
#include "fsd/sla/sla_status.hpp"
#include "fsd/sla/sla_time.hpp"

namespace {

struct SlaArgs {
    std::string policy;
    std::string events;
    std::string at;
    std::string json_out;
    std::string csv_out;
    std::string duration = "0";
    bool response_on_site = false;
};

std::vector<fsd::SlaEventRow> read_events(const std::string& file) {
    return fsd::parse_sla_events_csv(fsdcli::read_text_file(file));
}

fsd::Time reading_instant(const std::string& at) {
    if (!at.empty()) return fsd::parse_sla_time(at, "--at");
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string when(fsd::Time t) { return t == fsd::kTimeMax ? "-" : fsd::format_sla_time(t); }

void run_status(const SlaArgs& a) {
    const fsd::SlaPolicy policy = fsd::sla_policy_from_json(fsdcli::read_text_file(a.policy));
    const fsd::Time at = reading_instant(a.at);
    const auto table = fsd::sla_status_table(fsd::group_sla_events(read_events(a.events), policy), policy, at);
    std::optional<fsdcli::ReportAwayFromStdout> report(std::in_place, std::vector<std::string>{a.json_out, a.csv_out});
    std::cout << fmt::format("{:<14} {:<10} {:>5} {:<9} {:>9} {:>9} {:>9} {:<21} {}\n", "ticket", "metric", "cycle",
                             "state", "elapsed", "paused", "remaining", "deadline", "breached");
    nlohmann::json j = nlohmann::json::array();
    std::string csv = "ticket,metric,cycle,state,elapsed,paused,remaining,deadline,breached\n";
    for (const auto& s : table) {
        const auto& c = s.clock;
        std::cout << fmt::format("{:<14} {:<10} {:>5} {:<9} {:>9} {:>9} {:>9} {:<21} {}\n", s.ticket,
                                 fsd::to_string(s.metric), s.cycle, fsd::to_string(c.state), fsdcli::span(c.elapsed),
                                 fsdcli::span(c.paused), (c.remaining < 0 ? "-" : "") + fsdcli::span(std::abs(c.remaining)),
                                 when(c.deadline), c.breached ? "yes" : "no");
        j.push_back({{"ticket", s.ticket}, {"metric", fsd::to_string(s.metric)}, {"cycle", s.cycle},
                     {"priority", s.priority}, {"tier", s.tier}, {"state", fsd::to_string(c.state)},
                     {"elapsed", c.elapsed}, {"paused", c.paused}, {"remaining", c.remaining},
                     {"deadline", c.deadline}, {"breached", c.breached}});
        csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", s.ticket, fsd::to_string(s.metric), s.cycle,
                           fsd::to_string(c.state), c.elapsed, c.paused, c.remaining, c.deadline, c.breached ? 1 : 0);
    }
    report.reset();
    if (!a.json_out.empty()) fsdcli::write_text_file(a.json_out, j.dump(2) + "\n");
    if (!a.csv_out.empty()) fsdcli::write_text_file(a.csv_out, csv);
}

void run_escalations(const SlaArgs& a) {
    const fsd::SlaPolicy policy = fsd::sla_policy_from_json(fsdcli::read_text_file(a.policy));
    const auto es = fsd::sla_escalations(fsd::group_sla_events(read_events(a.events), policy), policy,
                                         reading_instant(a.at));
    std::optional<fsdcli::ReportAwayFromStdout> report(std::in_place, std::vector<std::string>{a.json_out});
    nlohmann::json j = nlohmann::json::array();
    std::cout << fmt::format("{:<21} {:<14} {:<10} {:>5} {:>7} {:<18} {}\n", "time", "ticket", "metric", "cycle",
                             "percent", "action", "fired");
    for (const auto& e : es) {
        std::cout << fmt::format("{:<21} {:<14} {:<10} {:>5} {:>7} {:<18} {}\n", when(e.time), e.ticket,
                                 fsd::to_string(e.metric), e.cycle, e.percent, e.action, e.fired ? "yes" : "due");
        j.push_back({{"ticket", e.ticket}, {"metric", fsd::to_string(e.metric)}, {"cycle", e.cycle},
                     {"percent", e.percent}, {"action", e.action}, {"time", e.time}, {"fired", e.fired}});
    }
    report.reset();
    if (!a.json_out.empty()) fsdcli::write_text_file(a.json_out, j.dump(2) + "\n");
}

void run_deadline(const SlaArgs& a) {
    const fsd::SlaPolicy policy = fsd::sla_policy_from_json(fsdcli::read_text_file(a.policy));
    const fsd::Duration visit = fsd::parse_sla_duration(a.duration, "--duration");
    const fsd::Time at = reading_instant(a.at);
    std::optional<fsdcli::ReportAwayFromStdout> report(std::in_place, std::vector<std::string>{a.json_out});
    nlohmann::json j = nlohmann::json::array();
    std::cout << fmt::format("{:<14} {:<21} {:<5} {}\n", "ticket", "start_deadline", "hard", "cost_per_s");
    for (const auto& t : fsd::group_sla_events(read_events(a.events), policy)) {
        const auto d = fsd::to_sla_deadline(fsd::sla_ticket_status(t, policy, at), visit, policy,
                                            {a.response_on_site, std::nullopt, std::nullopt});
        if (!d) continue;
        std::cout << fmt::format("{:<14} {:<21} {:<5} {}\n", t.id, when(d->deadline), d->hard ? "yes" : "no",
                                 d->lateness_cost_per_second);
        j.push_back({{"ticket", t.id}, {"deadline", d->deadline}, {"hard", d->hard},
                     {"lateness_cost_per_second", d->lateness_cost_per_second}});
    }
    report.reset();
    if (!a.json_out.empty()) fsdcli::write_text_file(a.json_out, j.dump(2) + "\n");
}

void add_sla_command(CLI::App& app) {
    auto args = std::make_shared<SlaArgs>();
    auto* sla = app.add_subcommand("sla", "SLA clocks of tickets: status, escalations, deadlines for planning");
    sla->require_subcommand(1);
    auto common = [args](CLI::App* sub) {
        sub->add_option("policy", args->policy, "SLA policy JSON (docs/sla.md)")->required();
        sub->add_option("events", args->events, "event CSV: ticket,time,event[,priority,tier,impact,urgency]")->required();
        sub->add_option("--at", args->at, "reading instant: Unix seconds or ISO-8601 with offset (default: now)");
        sub->add_option("--json", args->json_out, "write the rows as JSON to this file (- for stdout: then the table goes to stderr)");
    };
    auto* status = sla->add_subcommand("status", "one row per ticket x metric: elapsed, paused, deadline, breach");
    common(status);
    status->add_option("--csv", args->csv_out, "write the rows as CSV to this file (- for stdout)");
    status->callback([args] { run_status(*args); });
    auto* esc = sla->add_subcommand("escalations", "escalation levels fired and due");
    common(esc);
    esc->callback([args] { run_escalations(*args); });
    auto* dl = sla->add_subcommand("deadline", "the start-of-service deadline each open ticket gives its visit");
    common(dl);
    dl->add_option("--duration", args->duration, "visit duration: seconds or like 1h30m");
    dl->add_flag("--response-on-site", args->response_on_site, "arrival on site counts as the first response");
    dl->callback([args] { run_deadline(*args); });
}

}  // namespace

FSDCLI_REGISTER(60, add_sla_command);
