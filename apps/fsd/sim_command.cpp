// fsd simulate | compare | generate-scenario: dispatch policies over weeks of
// simulated ticket flow (docs/simulation.md, KPIs in docs/kpis.md).
#include <cmath>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <sstream>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/scenario_json.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/simulate.hpp"
#include "option_checks.hpp"
#include "sim_cli.hpp"

namespace fsdcli {

fsd::Scenario load_scenario(const std::string& source) {
    if (source.rfind("preset:", 0) == 0) return fsd::generate_scenario(fsd::scenario_preset(source.substr(7)));
    if (source == "-") return fsd::scenario_from_json(read_text_file("-"));
    return fsd::read_scenario_file(source);
}

}  // namespace fsdcli

namespace {

using fsdcli::kpi_cell;

nlohmann::ordered_json number(double v) { return std::isnan(v) ? nlohmann::ordered_json() : nlohmann::ordered_json(v); }

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

// The library names the options of a run by path ("/days"); on the command
// line the message names the option the user typed.
template <class F>
void naming_options(std::initializer_list<std::pair<std::string_view, std::string_view>> options, F&& run) {
    try {
        run();
    } catch (const fsd::InputError& e) {
        for (const auto& [path, option] : options)
            if (e.path() == path) throw fsd::InputError(std::string(option), e.message());
        throw;
    }
}

struct SimulateArgs {
    std::string scenario;
    std::string policy = "nearest";
    int days = 7;
    std::uint64_t seed = 1;
    std::string json_out;
    std::string events_out;
};

void run_simulate(const SimulateArgs& a) {
    const fsd::Scenario s = fsdcli::load_scenario(a.scenario);
    auto policy = fsd::make_policy(a.policy);
    fsd::SimOptions o;
    o.days = a.days;
    o.seed = a.seed;
    o.record_events = !a.events_out.empty();
    const fsd::SimResult r = fsd::simulate(s, *policy, o);
    const fsd::Kpis& k = r.report.kpis;
    const fsdcli::ReportAwayFromStdout report({a.json_out, a.events_out});
    std::cout << fmt::format("{}: policy {}, {} days, seed {}: {} tickets, {} events in {:.2f} s (policy {:.2f} s)\n\n",
                             s.name, a.policy, a.days, a.seed, k.tickets, r.events, r.seconds, r.policy_seconds);
    for (const fsd::KpiEntry& e : fsd::kpi_entries(k)) std::cout << fmt::format("  {:<24} {:>12}\n", e.name, kpi_cell(e.value));
    std::cout << "\n  SLA attainment by priority (response / resolution):\n";
    for (const fsd::PriorityKpis& p : r.report.by_priority)
        std::cout << fmt::format("  P{} {:>6} tickets  {:>7} / {:>7}\n", p.priority, p.tickets, kpi_cell(p.sla_response_rate),
                                 kpi_cell(p.sla_resolution_rate));
    if (!a.json_out.empty()) {
        nlohmann::ordered_json doc;
        doc["scenario"] = s.name;
        doc["policy"] = a.policy;
        doc["days"] = a.days;
        doc["seed"] = a.seed;
        for (const fsd::KpiEntry& e : fsd::kpi_entries(k)) doc[std::string(e.name)] = number(e.value);
        nlohmann::ordered_json pr = nlohmann::ordered_json::array();
        for (const fsd::PriorityKpis& p : r.report.by_priority)
            pr.push_back({{"priority", p.priority},
                          {"tickets", p.tickets},
                          {"sla_response_rate", number(p.sla_response_rate)},
                          {"sla_resolution_rate", number(p.sla_resolution_rate)}});
        doc["by_priority"] = pr;
        doc["events"] = r.events;
        doc["seconds"] = r.seconds;
        fsdcli::write_text_file(a.json_out, doc.dump(2) + "\n");
        fsdcli::note_written("KPIs", a.json_out);
    }
    if (!a.events_out.empty()) {
        std::ostringstream csv;
        csv << "time,kind,ticket,engineer,value\n";
        for (const fsd::SimEvent& e : r.log.events)
            csv << e.time << ',' << fsd::to_string(e.kind) << ','
                << (e.ticket >= 0 ? r.log.tickets[static_cast<size_t>(e.ticket)].id : "") << ','
                << (e.engineer >= 0 ? r.log.engineers[static_cast<size_t>(e.engineer)] : "") << ',' << e.value << '\n';
        fsdcli::write_text_file(a.events_out, csv.str());
        fsdcli::note_written("event log", a.events_out);
    }
}

struct CompareArgs {
    std::string scenario;
    std::string policies = "nearest,least_loaded,edf,batch,insertion";
    int replications = 5;
    int days = 7;
    std::uint64_t seed = 1;
    std::string csv_out;
};

void run_compare(const CompareArgs& a) {
    const fsd::Scenario s = fsdcli::load_scenario(a.scenario);
    const std::vector<std::string> names = split_list(a.policies);
    fsd::CompareOptions o;
    o.days = a.days;
    o.replications = a.replications;
    o.seed = a.seed;
    o.progress = [](int done, int total) { std::cerr << fmt::format("\r{} / {} runs", done, total) << std::flush; };
    const fsd::Comparison c = fsd::compare_policies(s, names, o);
    std::cerr << '\n';
    {
        const fsdcli::ReportAwayFromStdout report({a.csv_out});
        fsdcli::print_comparison(std::cout, c);
    }
    if (!a.csv_out.empty()) {
        fsdcli::write_text_file(a.csv_out, fsdcli::comparison_csv(c));
        fsdcli::note_written("comparison", a.csv_out);
    }
}

struct GenerateArgs {
    std::string preset;
    fsd::ScenarioGenerateOptions options;
    std::string out;
};

void run_generate(const GenerateArgs& a, const CLI::App& cmd) {
    fsd::ScenarioGenerateOptions o = a.preset.empty() ? fsd::ScenarioGenerateOptions{} : fsd::scenario_preset(a.preset, a.options.seed);
    // Options given on the command line override the preset's.
    auto given = [&](const char* name) { return cmd.count(name) > 0; };
    if (given("--name")) o.name = a.options.name;
    if (given("--engineers")) o.engineers = a.options.engineers;
    if (given("--tickets-per-day")) o.tickets_per_day = a.options.tickets_per_day;
    if (given("--skills")) o.skills = a.options.skills;
    if (given("--radius-km")) o.radius_km = a.options.radius_km;
    if (given("--seed")) o.seed = a.options.seed;
    const fsd::Scenario s = fsd::generate_scenario(o);
    fsdcli::write_text_file(a.out, fsd::scenario_to_json(s) + "\n");
    fsdcli::note_written(fmt::format("scenario \"{}\": {} engineers, {} ticket types, {} tickets a day,", s.name,
                                     s.engineers.size(), s.ticket_types.size(), s.arrivals.tickets_per_day),
                         a.out);
}

void add_sim_commands(CLI::App& app) {
    auto sa = std::make_shared<SimulateArgs>();
    auto* sim = app.add_subcommand("simulate", "Simulate days of ticket flow under one dispatch policy and report KPIs");
    sim->add_option("scenario", sa->scenario, "scenario JSON (docs/simulation.md) or preset:NAME")->required();
    sim->add_option("--policy", sa->policy, "nearest, least_loaded, edf, batch[:seconds], insertion[:seconds], week[:days]");
    sim->add_option("--days", sa->days, "days to simulate")->check(CLI::Range(1, fsd::kMaxSimDays));
    sim->add_option("--seed", sa->seed, "random seed (same seed, same run)")->check(fsdcli::seed_text());
    sim->add_option("--json", sa->json_out, "write the KPIs as JSON here (- for stdout: then the report goes to stderr)");
    sim->add_option("--events", sa->events_out, "write the event log as CSV here (- for stdout)");
    sim->callback([sa] { naming_options({{"/days", "--days"}, {"/policy", "--policy"}}, [&] { run_simulate(*sa); }); });

    auto ca = std::make_shared<CompareArgs>();
    auto* cmp = app.add_subcommand("compare", "Compare dispatch policies over replications: KPI means with 95% CIs");
    cmp->add_option("scenario", ca->scenario, "scenario JSON or preset:NAME")->required();
    cmp->add_option("--policies", ca->policies, "comma-separated policy names; the first is the baseline");
    cmp->add_option("--replications", ca->replications, "runs per policy (same seeds for every policy)")
        ->check(CLI::Range(1, fsd::kMaxSimReplications));
    cmp->add_option("--days", ca->days, "days per run")->check(CLI::Range(1, fsd::kMaxSimDays));
    cmp->add_option("--seed", ca->seed, "base seed")->check(fsdcli::seed_text());
    cmp->add_option("--csv", ca->csv_out, "write the comparison as CSV here (- for stdout: then the table goes to stderr)");
    cmp->callback([ca] {
        naming_options({{"/days", "--days"}, {"/replications", "--replications"}, {"/policies", "--policies"}, {"/policy", "--policies"}},
                       [&] { run_compare(*ca); });
    });

    auto ga = std::make_shared<GenerateArgs>();
    auto* gen = app.add_subcommand("generate-scenario", "Write a generated simulation scenario (a preset, options override it)");
    gen->add_option("--preset", ga->preset, "urban, rural, specialist or peak");
    gen->add_option("--name", ga->options.name, "scenario name");
    gen->add_option("--engineers", ga->options.engineers, "number of engineers");
    gen->add_option("--tickets-per-day", ga->options.tickets_per_day, "mean tickets a day over a week");
    gen->add_option("--skills", ga->options.skills, "number of skills (ticket types)");
    gen->add_option("--radius-km", ga->options.radius_km, "radius of the service region");
    gen->add_option("--seed", ga->options.seed, "random seed")->check(fsdcli::seed_text());
    gen->add_option("-o,--output", ga->out, "where to write the scenario JSON (- for stdout)")->required();
    gen->callback([ga, gen] {
        naming_options({{"/preset", "--preset"},
                        {"/engineers", "--engineers"},
                        {"/tickets_per_day", "--tickets-per-day"},
                        {"/skills", "--skills"},
                        {"/radius_km", "--radius-km"}},
                       [&] { run_generate(*ga, *gen); });
    });
}

}  // namespace

FSDCLI_REGISTER(80, add_sim_commands);
