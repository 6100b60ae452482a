// fsd bench sim [--csv FILE]: simulator throughput (30 days, 100 engineers,
// ~50,000 tickets) and the policy benchmark on the bundled scenario family.
// Rows "metric,value"; figures go to bench/RESULTS.md.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "command_registry.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/simulate.hpp"
#include "sim_cli.hpp"
#include "option_checks.hpp"

namespace {

struct Row {
    std::string metric;
    double value;
};

// A month of city service with long opening hours: 100 engineers, every day
// 07:00-21:00, ~1,670 tickets a day, short visits, so that the load stays
// below capacity and the figure measures the engine, not a growing backlog.
fsd::Scenario throughput_scenario() {
    fsd::ScenarioGenerateOptions o;
    o.name = "throughput";
    o.engineers = 100;
    o.tickets_per_day = 50000.0 / 30.0;
    o.radius_km = 12;
    o.median_duration = 1200;
    o.seed = 7;
    fsd::Scenario s = fsd::generate_scenario(o);
    for (fsd::SimEngineer& e : s.engineers) e.shifts = {{{0, 1, 2, 3, 4, 5, 6}, 7 * 3600, 21 * 3600}};
    return s;
}

struct BenchArgs {
    std::string csv;
    int replications = 20;
    int days = 14;
    std::uint64_t seed = 1;
};

void run_bench(const BenchArgs& a) {
    std::vector<Row> rows;
    const fsd::Scenario big = throughput_scenario();
    for (const std::string& name : {std::string("nearest"), std::string("batch")}) {
        auto policy = fsd::make_policy(name);
        fsd::SimOptions o;
        o.days = 30;
        o.seed = 1;
        o.record_events = false;
        const fsd::SimResult r = fsd::simulate(big, *policy, o);
        const std::string tag = name == "nearest" ? "" : "_batch5";
        rows.push_back({"sim_30d_100eng" + tag + "_seconds", r.seconds});
        rows.push_back({"sim_30d_100eng" + tag + "_tickets", r.report.kpis.tickets});
        rows.push_back({"sim_30d_100eng" + tag + "_events", static_cast<double>(r.events)});
        rows.push_back({(name == "nearest" ? std::string("events_per_second") : "events_per_second_batch5"),
                        static_cast<double>(r.events) / r.seconds});
        rows.push_back({"sim_30d_100eng" + tag + "_sla_resolution_rate", r.report.kpis.sla_resolution_rate});
        std::cout << fmt::format("throughput, {}: {:.0f} tickets, {} events in {:.3f} s ({:.0f} events/s, policy {:.3f} s)\n",
                                 name, r.report.kpis.tickets, r.events, r.seconds, static_cast<double>(r.events) / r.seconds,
                                 r.policy_seconds);
    }

    const std::vector<std::string> policies = fsd::builtin_policy_names();
    for (const std::string& preset : fsd::scenario_preset_names()) {
        const fsd::Scenario s = fsd::generate_scenario(fsd::scenario_preset(preset));
        fsd::CompareOptions o;
        o.days = a.days;
        o.replications = a.replications;
        o.seed = a.seed;
        const fsd::Comparison c = fsd::compare_policies(s, policies, o);
        std::cout << fmt::format("\n== {} ({} days x {} replications, seed {})\n", preset, a.days, a.replications, a.seed);
        fsdcli::print_comparison(std::cout, c);
        for (const fsd::KpiComparison& r : c.rows) {
            if (r.kpi != "sla_response_rate" && r.kpi != "sla_resolution_rate" && r.kpi != "travel_km" &&
                r.kpi != "resolution_mean_s")
                continue;
            const std::string key = preset + "_" + r.policy + "_" + r.kpi;
            rows.push_back({key + "_mean", r.value.mean});
            rows.push_back({key + "_ci", r.value.half_width});
            if (r.policy != policies.front()) {
                rows.push_back({key + "_diff_to_nearest", r.difference.mean});
                rows.push_back({key + "_diff_to_nearest_ci", r.difference.half_width});
            }
        }
    }

    std::string csv = "metric,value\n";
    for (const Row& r : rows) csv += fmt::format("{},{:.6g}\n", r.metric, r.value);
    if (!a.csv.empty()) {
        fsdcli::write_text_file(a.csv, csv);
        std::cout << "\nrows written to " << a.csv << '\n';
    } else {
        std::cout << '\n' << csv;
    }
}

void add_sim_bench(CLI::App& app) {
    auto args = std::make_shared<BenchArgs>();
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand("sim", "Simulator throughput and the policy benchmark");
    cmd->add_option("--csv", args->csv, "write metric,value rows here");
    cmd->add_option("--replications", args->replications, "replications per policy and preset")->check(CLI::Range(2, 1000));
    cmd->add_option("--days", args->days, "days per policy-benchmark run")->check(CLI::Range(1, 3660));
    cmd->add_option("--seed", args->seed, "base seed of the policy benchmark's replications (tuned on 1; 2 is a hold-out)")
        ->check(fsdcli::seed_text());
    cmd->callback([args] { run_bench(*args); });
}

}  // namespace

FSDCLI_REGISTER(91, add_sim_bench);
