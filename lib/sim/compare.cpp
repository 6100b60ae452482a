#include <cmath>

#include "fsd/core/error.hpp"
#include "fsd/sim/simulate.hpp"

namespace fsd {

Comparison compare_runs(const std::vector<std::string>& policies, std::vector<std::vector<Kpis>> runs) {
    if (policies.empty()) throw InputError("/policies", "compare at least one policy");
    if (runs.size() != policies.size()) throw InputError("/runs", "give the runs of every policy");
    for (size_t p = 0; p < runs.size(); ++p)
        if (runs[p].size() != runs[0].size())
            throw InputError("/runs/" + std::to_string(p), "every policy needs the same number of replications (paired)");
    Comparison c;
    c.policies = policies;
    const size_t reps = runs[0].size();
    const size_t kpis = kpi_entries(Kpis{}).size();
    for (size_t p = 0; p < policies.size(); ++p)
        for (size_t k = 0; k < kpis; ++k) {
            std::vector<double> values, diffs;
            for (size_t r = 0; r < reps; ++r) {
                const double v = kpi_entries(runs[p][r])[k].value;
                const double base = kpi_entries(runs[0][r])[k].value;
                values.push_back(v);
                // A pair with an undefined side is dropped from the difference.
                diffs.push_back(std::isnan(v) || std::isnan(base) ? std::nan("") : v - base);
            }
            c.rows.push_back({policies[p], std::string(kpi_entries(Kpis{})[k].name), summarise(values), summarise(diffs)});
        }
    c.runs = std::move(runs);
    return c;
}

Comparison compare_policies(const Scenario& scenario, const std::vector<std::string>& policies, const CompareOptions& options) {
    if (options.replications < 1 || options.replications > kMaxSimReplications)
        throw InputError("/replications", "between 1 and " + std::to_string(kMaxSimReplications) + " replications");
    if (policies.empty()) throw InputError("/policies", "compare at least one policy");
    if (policies.size() > kMaxComparePolicies)
        throw InputError("/policies", "compare at most " + std::to_string(kMaxComparePolicies) + " policies at once");
    // Everything refusable is refused before the first run, not after hours of them.
    for (const std::string& name : policies) make_policy(name);
    validate_scenario(scenario);
    check_run_size(scenario, options.days);
    std::vector<std::vector<Kpis>> runs(policies.size());
    const int total = static_cast<int>(policies.size()) * options.replications;
    int done = 0;
    for (int r = 0; r < options.replications; ++r)
        for (size_t p = 0; p < policies.size(); ++p) {
            const auto policy = make_policy(policies[p]);
            SimOptions so;
            so.days = options.days;
            so.seed = replication_seed(options.seed, r);
            so.record_events = false;
            runs[p].push_back(simulate(scenario, *policy, so).report.kpis);
            if (options.progress) options.progress(++done, total);
        }
    return compare_runs(policies, std::move(runs));
}

}  // namespace fsd
