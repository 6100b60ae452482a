#pragma once
// The discrete-event simulation of a dispatch policy over a scenario, and
// replicated comparisons of policies.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fsd/sim/kpi.hpp"
#include "fsd/sim/policy.hpp"
#include "fsd/sim/scenario.hpp"
#include "fsd/sim/sim_log.hpp"

namespace fsd {

/// Options of one run.
struct SimOptions {
    int days = 7;
    std::uint64_t seed = 1;
    bool record_events = true;           ///< false drops the event log once the KPIs are computed (smaller results)
    Duration backlog_interval = 3600;
    /// Called after each simulated day with (days done, days); may be empty.
    std::function<void(int, int)> progress;
};

/// A finished run.
struct SimResult {
    std::string policy;
    SimLog log;
    KpiReport report;
    std::int64_t events = 0;    ///< events processed by the engine
    double seconds = 0;         ///< wall time of the run
    double policy_seconds = 0;  ///< of which inside the policy's calls
};

/// Runs the policy over `options.days` days. Validates the scenario and the
/// size of the run first (validate_scenario, check_run_size,
/// check_backlog_interval: InputError); a policy action that breaks the rules (assigning a ticket
/// that is not waiting, or to an engineer who cannot serve it) is an InputError
/// naming the policy and the action.
SimResult simulate(const Scenario& scenario, Policy& policy, const SimOptions& options = {});

/// Most replications and policies of one comparison.
inline constexpr int kMaxSimReplications = 10'000;
inline constexpr size_t kMaxComparePolicies = 100;

/// Options of a comparison: replication r of every policy uses seed
/// replication_seed(seed, r), so policies face the same tickets.
struct CompareOptions {
    int days = 7;
    int replications = 5;
    std::uint64_t seed = 1;
    /// Called after each run with (runs done, runs); may be empty.
    std::function<void(int, int)> progress;
};

/// One KPI of one policy over the replications, and its paired difference to
/// the first policy (the baseline): mean and 95 % CI of (policy - baseline).
struct KpiComparison {
    std::string policy;
    std::string kpi;
    KpiSummary value;
    KpiSummary difference;
};

/// Per policy (in the given order) and KPI (kpi_entries order).
struct Comparison {
    std::vector<std::string> policies;
    std::vector<KpiComparison> rows;
    std::vector<std::vector<Kpis>> runs;  ///< [policy][replication]
};

/// Builds the comparison table from runs already made ([policy][replication]).
Comparison compare_runs(const std::vector<std::string>& policies, std::vector<std::vector<Kpis>> runs);

/// Simulates every built-in policy named (make_policy) for every replication.
/// InputError at "/replications", "/policies", "/days" or in the scenario
/// before the first run.
Comparison compare_policies(const Scenario& scenario, const std::vector<std::string>& policies,
                            const CompareOptions& options = {});

}  // namespace fsd
