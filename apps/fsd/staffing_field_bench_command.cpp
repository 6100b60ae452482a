// fsd bench field-staffing: the field staffing search on the bundled
// scenario presets, checked on new seeds (issue 16's benchmark): does the
// headcount found meet the target there (95 % interval above it), and is it
// at most one engineer per skill above the smallest count that does?
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/simulate.hpp"
#include "fsd/staffing/field_staffing.hpp"
#include "option_checks.hpp"

namespace {

struct FieldBenchArgs {
    std::vector<std::string> presets{"urban", "rural", "specialist", "peak"};
    fsd::FieldStaffingOptions options;
    std::string csv_out;
};

std::string counts(const std::vector<int>& h) {
    std::string out;
    for (size_t g = 0; g < h.size(); ++g) out += (g ? "/" : "") + std::to_string(h[g]);
    return out;
}

double low(const fsd::StaffingPoint& p) { return p.attainment.mean - p.attainment.half_width; }
double high(const fsd::StaffingPoint& p) { return p.attainment.mean + p.attainment.half_width; }

// Per group: "fails" when minus one misses the target on the new seeds;
// "+1" when minus one still meets it but minus two does not (the answer is
// then one engineer above the smallest count meeting it, within the issue's
// bound); "+2" when minus two meets it as well (beyond the bound).
std::string minus_verdict(const fsd::FieldVerification& v, size_t g) {
    const fsd::StaffingPoint& one = v.minus_one[g];
    if (one.headcount.empty()) return "n/a";
    if (!one.meets) return "fails";
    const fsd::StaffingPoint& two = v.minus_two[g];
    if (two.headcount.empty() || !two.meets) return "+1";
    return "+2";
}

void run_bench(const FieldBenchArgs& a) {
    const std::vector<std::string>& presets = a.presets;
    if (presets.empty()) throw fsd::InputError("--presets", "name at least one preset");
    for (const std::string& p : presets) fsd::scenario_preset(p);  // refuse an unknown name before the first run
    fsd::validate_field_staffing_options(a.options);
    const fsd::FieldStaffingOptions& o = a.options;
    std::cout << fmt::format("field staffing: {} target {:.3f}, policy {}, {} days x {} replications, guard {:g}, seed {}\n\n", o.kpi,
                             o.target, o.policy.empty() ? "nearest" : o.policy, o.days, o.replications, o.guard, o.seed);
    std::cout << fmt::format("{:<11} {:>12} {:>12} {:>25} {:>5} {:>24} {:>6} {:>6} {:>8}\n", "preset", "today", "found",
                             "attainment (new seeds)", "meets", "minus one per group", "evals", "sims", "seconds");
    std::ostringstream csv;
    csv << "preset,groups,today,found,engineers_today,engineers_found,search_mean,search_low,verify_mean,verify_low,verify_high,"
           "target,verify_meets,minus_one,within_one,evaluations,simulations,seconds\n";
    int all_meet = 0, all_within = 0;
    double total_seconds = 0;
    for (const std::string& name : presets) {
        const fsd::Scenario s = fsd::generate_scenario(fsd::scenario_preset(name, 1));
        const fsd::FieldStaffingResult r = fsd::staff_field(s, o);
        std::vector<int> today, found;
        std::string skills, verdicts;
        bool within_one = true;
        for (size_t g = 0; g < r.groups.size(); ++g) {
            today.push_back(r.groups[g].today);
            found.push_back(r.groups[g].found);
            skills += (g ? "/" : "") + r.groups[g].skill;
            const std::string verdict = minus_verdict(r.verification, g);
            verdicts += (g ? "/" : "") + verdict;
            within_one = within_one && verdict != "+2";
        }
        const fsd::StaffingPoint& v = r.verification.found;
        all_meet += v.meets ? 1 : 0;
        all_within += within_one ? 1 : 0;
        total_seconds += r.seconds;
        std::cout << fmt::format("{:<11} {:>12} {:>12} {:>8.4f} [{:.4f}, {:.4f}] {:>5} {:>24} {:>6} {:>6} {:>8.1f}\n", name, counts(today),
                                 counts(found), v.attainment.mean, low(v), high(v), v.meets ? "yes" : "no", verdicts, r.evaluations,
                                 r.simulations, r.seconds);
        csv << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{:.3f}\n", name, skills, counts(today), counts(found),
                           s.engineers.size(), r.found.engineers, r.found.attainment.mean, low(r.found), v.attainment.mean, low(v),
                           high(v), o.target, v.meets ? 1 : 0, verdicts, within_one ? 1 : 0, r.evaluations, r.simulations, r.seconds);
    }
    std::cout << fmt::format(
        "\nnew seeds: the answer meets the target on {} of {} presets; at most one engineer per group above the smallest "
        "count meeting it on {} of {}; {:.1f} s in all\n"
        "(minus one per group: \"fails\" = one fewer misses the target, \"+1\" = one fewer still meets it but two fewer "
        "do not, \"+2\" = two fewer meet it too)\n",
        all_meet, presets.size(), all_within, presets.size(), total_seconds);
    if (!a.csv_out.empty()) {
        fsdcli::write_text_file(a.csv_out, csv.str());
        std::cout << "results written to " << a.csv_out << '\n';
    }
}

void add_field_staffing_bench(CLI::App& app) {
    auto a = std::make_shared<FieldBenchArgs>();
    // The presets' attainment levels off near 0.9 (tickets of nights and
    // weekends wait for the next shift whatever the headcount), so the
    // benchmark's default target sits on the part of the curve that staffing moves.
    a->options.target = 0.85;
    // 28 days x 30 replications: half-widths near 0.004, narrow enough that
    // the guard costs no more than one engineer per group on the presets
    // (14 x 20 left two groups two engineers above the smallest count).
    a->options.days = 28;
    a->options.replications = 30;
    CLI::App* cmd = fsdcli::bench_group(app)->add_subcommand(
        "field-staffing", "Field staffing on the scenario presets, verified on new seeds");
    cmd->add_option("--presets", a->presets, "comma-separated presets (urban, rural, specialist, peak)")->delimiter(',');
    cmd->add_option("--target", a->options.target, "attainment the lower 95 % bound must reach (default 0.85)");
    cmd->add_option("--kpi", a->options.kpi, "sla_response_rate or sla_resolution_rate, optionally :PRIORITY");
    cmd->add_option("--policy", a->options.policy, "dispatch policy (default nearest)");
    cmd->add_option("--days", a->options.days, "days per replication (default 28)")->check(CLI::Range(1, fsd::kMaxSimDays));
    cmd->add_option("--replications", a->options.replications, "replications per headcount (default 30)")
        ->check(CLI::Range(2, fsd::kMaxSimReplications));
    cmd->add_option("--guard", a->options.guard, "extra half-widths the search demands above the target (default 1)");
    cmd->add_option("--seed", a->options.seed, "base seed")->check(fsdcli::seed_text());
    cmd->add_option("--csv", a->csv_out, "write one row per preset as CSV here");
    cmd->callback([a] {
        try {
            run_bench(*a);
        } catch (const fsd::InputError& e) {
            static const std::vector<std::pair<std::string, std::string>> names{
                {"/target", "--target"}, {"/kpi", "--kpi"}, {"/policy", "--policy"}, {"/days", "--days"},
                {"/replications", "--replications"}, {"/guard", "--guard"}, {"/preset", "--presets"}};
            for (const auto& [path, option] : names)
                if (e.path() == path) throw fsd::InputError(option, e.message());
            throw;
        }
    });
}

}  // namespace

FSDCLI_REGISTER(97, add_field_staffing_bench);
