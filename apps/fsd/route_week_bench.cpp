#include "route_week_bench.hpp"

#include <charconv>
#include <chrono>
#include <ostream>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/core/time_window.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "text_fields.hpp"
#include "text_file.hpp"

namespace fsdcli {

namespace {

using Clock = std::chrono::steady_clock;

// fsd::generate_problem's ranges, checked here so that the message names the
// command's option rather than the generator's field.
void check_options(const WeekBenchOptions& o) {
    if (o.engineers < 1 || o.engineers > 100'000)
        throw fsd::InputError("--engineers", "engineers must be between 1 and 100,000");
    if (o.jobs < 0 || o.jobs > 1'000'000) throw fsd::InputError("--jobs", "jobs must be between 0 and 1,000,000");
    if (o.days < 1 || o.days > 28) throw fsd::InputError("--days", "days must be between 1 and 28");
    if (!(o.time_limit >= 0.0 && o.time_limit <= 86400.0))
        throw fsd::InputError("--time-limit", "the time limit must be between 0 and 86400 seconds");
    if (o.lateness_weight < 0 || o.lateness_weight > 10'000)
        throw fsd::InputError("--lateness-weight", "the weight must be between 0 and 10,000 (a problem's limit)");
}

}  // namespace

std::vector<std::uint64_t> parse_week_seeds(const std::string& text) {
    std::vector<std::uint64_t> seeds;
    for (const std::string& raw : split(text, ',')) {
        const std::string item = trim(raw);
        std::uint64_t v = 0;
        const char* end = item.data() + item.size();
        const auto [p, ec] = std::from_chars(item.data(), end, v);
        if (item.empty() || ec != std::errc() || p != end)
            throw fsd::InputError("--seeds", fmt::format("\"{}\": expected a whole number from 0 to 2^64-1", item));
        seeds.push_back(v);
    }
    if (seeds.empty()) throw fsd::InputError("--seeds", "the list is empty");
    return seeds;
}

bool week_sla_meetable(const fsd::Problem& problem, fsd::Index j) {
    const fsd::Job& job = problem.job(j);
    if (!job.sla) return false;
    const fsd::Index place = problem.job_location(j);
    const std::vector<fsd::RouteSlot>& slots = problem.slots();
    for (fsd::Index r = 0; r < static_cast<fsd::Index>(slots.size()); ++r) {
        const fsd::Index e = slots[static_cast<size_t>(r)].engineer;
        if (!problem.compatible(e, j)) continue;
        const std::vector<fsd::Amount>& demand = problem.demand(j);
        const std::vector<fsd::Amount>& capacity = problem.capacity(e);
        bool fits = true;
        for (size_t d = 0; d < demand.size(); ++d) fits = fits && demand[d] <= capacity[d];
        if (!fits) continue;
        const fsd::DurationMatrix& travel = problem.durations(e);
        const fsd::Time arrival = slots[static_cast<size_t>(r)].window.start + travel(problem.start_location(e), place);
        const fsd::Time start = fsd::earliest_in(job.time_windows, arrival);
        if (start == fsd::kTimeMax || start > job.sla->deadline) continue;
        const fsd::Time home = start + problem.service_duration(e, j) + travel(place, problem.end_location(e));
        if (home <= problem.latest_end(r)) return true;
    }
    return false;
}

void count_week_plan(const fsd::Problem& problem, const fsd::Solution& solution, WeekRow& row) {
    row.served = row.sla_jobs = row.sla_met = row.sla_meetable = row.sla_late = row.hard_missed = 0;
    row.travel_s = 0;
    std::vector<fsd::Time> started(static_cast<size_t>(problem.num_jobs()), fsd::kTimeMax);
    for (const fsd::Route& route : solution.routes) {
        row.travel_s += route.travel_time;
        for (const fsd::Step& step : route.steps) {
            if (step.kind != fsd::StepKind::job) continue;
            ++row.served;
            started.at(static_cast<size_t>(step.index)) = step.start;
        }
    }
    for (fsd::Index j = 0; j < problem.num_jobs(); ++j) {
        const fsd::Job& job = problem.job(j);
        if (!job.sla) continue;
        ++row.sla_jobs;
        const fsd::Time start = started[static_cast<size_t>(j)];
        const bool met = start <= job.sla->deadline;
        row.sla_met += met ? 1 : 0;
        row.sla_late += !met && start != fsd::kTimeMax ? 1 : 0;
        row.hard_missed += !met && job.sla->hard ? 1 : 0;
        row.sla_meetable += week_sla_meetable(problem, j) ? 1 : 0;
    }
}

WeekRow run_week_once(const WeekBenchOptions& o, std::uint64_t seed) {
    check_options(o);
    fsd::GenerateOptions g;
    g.engineers = o.engineers;
    g.jobs = o.jobs;
    g.days = o.days;
    g.seed = seed;
    fsd::ObjectiveWeights weights;
    weights.lateness = o.lateness_weight;
    const fsd::Problem problem = fsd::generate_builder(g).set_weights(weights).build();
    fsd::SolveOptions options;
    options.time_limit_seconds = o.time_limit;
    options.seed = seed;
    options.threads = 1;
    // The target is a plan within the time limit: the search may use all of
    // it (no early stop on stagnation), as a dispatcher's run would.
    options.stagnation_limit = 0;
    const auto t0 = Clock::now();
    const fsd::Solution solution = fsd::solve(problem, options);
    WeekRow row;
    row.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    row.seed = seed;
    row.engineers = o.engineers;
    row.jobs = o.jobs;
    row.days = o.days;
    row.verified = fsd::verify(problem, solution).ok();
    count_week_plan(problem, solution, row);
    return row;
}

std::string week_csv_header() {
    return "seed,engineers,jobs,days,served,sla_jobs,sla_met,sla_meetable,hard_missed,travel_s,seconds,verified";
}

std::string week_csv_line(const WeekRow& r) {
    return fmt::format("{},{},{},{},{},{},{},{},{},{},{:.3f},{}", r.seed, r.engineers, r.jobs, r.days, r.served,
                       r.sla_jobs, r.sla_met, r.sla_meetable, r.hard_missed, r.travel_s, r.seconds,
                       r.verified ? 1 : 0);
}

int run_week_bench(const WeekBenchOptions& o, std::ostream& out, std::ostream& err) {
    check_options(o);
    const std::vector<std::uint64_t> seeds = parse_week_seeds(o.seeds);
    out << fmt::format("{:>6} {:>5} {:>5} {:>4} {:>6} {:>8} {:>8} {:>7} {:>8} {:>5} {:>8} {:>11} {:>8} {:>8}\n", "seed",
                       "engs", "jobs", "days", "served", "unserved", "sla_jobs", "sla_met", "meetable", "late",
                       "hard_mis", "travel_s", "seconds", "verified");
    std::vector<WeekRow> rows;
    for (const std::uint64_t seed : seeds) {
        const WeekRow r = run_week_once(o, seed);
        out << fmt::format("{:>6} {:>5} {:>5} {:>4} {:>6} {:>8} {:>8} {:>7} {:>8} {:>5} {:>8} {:>11} {:>8.3f} {:>8}",
                           r.seed, r.engineers, r.jobs, r.days, r.served, r.jobs - r.served, r.sla_jobs, r.sla_met,
                           r.sla_meetable, r.sla_late, r.hard_missed, r.travel_s, r.seconds,
                           r.verified ? "yes" : "FAILED")
            << std::endl;  // flushed: each run shows as it finishes
        rows.push_back(r);
    }
    if (!o.csv.empty()) {
        std::string text = week_csv_header() + '\n';
        for (const WeekRow& r : rows) text += week_csv_line(r) + '\n';
        write_text_file(o.csv, text);
        out << "rows written to " << o.csv << '\n';
    }
    int failed = 0;
    for (const WeekRow& r : rows) failed += r.verified ? 0 : 1;
    if (failed > 0) {
        err << failed << " of " << rows.size() << " plans FAILED verification\n";
        return 1;
    }
    return 0;
}

}  // namespace fsdcli
