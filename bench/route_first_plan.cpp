// Time to a first verified day plan on generated field-service problems with
// skills (issue 6's target: 1,000 jobs in under 1 s, peak memory under
// 300 MB). Per seed: building the problem (travel matrix); the solve with a
// time limit (default 0.5 s) and no iterations, i.e. regret insertion and as
// much of the first descent as the limit allows, with the moment the
// insertion's plan is reported; verifying the plan returned. Then the same
// solve without the limit (insertion and the whole first descent), for what
// the cut costs.
//   route_first_plan [--jobs 1000] [--engineers 100] [--seeds 5] [--time-limit 0.5]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int run(int argc, char** argv) {
    int jobs = 1000, engineers = 100, seeds = 5;
    double limit = 0.5;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--jobs") jobs = std::stoi(argv[i + 1]);
        else if (arg == "--engineers") engineers = std::stoi(argv[i + 1]);
        else if (arg == "--seeds") seeds = std::stoi(argv[i + 1]);
        else if (arg == "--time-limit") limit = std::stod(argv[i + 1]);
        else throw fsd::InputError("", "unknown option " + arg);
    }
    std::cout << fmt::format("{:>5} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>13} {:>8}\n", "seed", "build s",
                             "first s", "plan s", "verify s", "total s", "served", "verified", "full descent", "served");
    std::vector<double> totals;
    bool all_verified = true;
    for (int seed = 1; seed <= seeds; ++seed) {
        const auto t0 = std::chrono::steady_clock::now();
        fsd::GenerateOptions g;
        g.jobs = jobs;
        g.engineers = engineers;
        g.seed = static_cast<std::uint64_t>(seed);
        const fsd::Problem problem = fsd::generate_problem(g);
        const double built = since(t0);
        fsd::SolveOptions o;
        o.iteration_limit = 0;
        o.time_limit_seconds = limit;
        double first = -1.0;
        o.on_progress = [&](const fsd::Progress& p) {
            if (first < 0) first = p.seconds;
        };
        const auto t1 = std::chrono::steady_clock::now();
        const fsd::Solution plan = fsd::solve(problem, o);
        const double planned = since(t1);
        const auto t2 = std::chrono::steady_clock::now();
        const bool ok = fsd::verify(problem, plan).ok();
        const double verified = since(t2);
        all_verified = all_verified && ok;
        totals.push_back(since(t0));
        fsd::SolveOptions whole;
        whole.iteration_limit = 0;
        whole.time_limit_seconds = 600;
        const auto t3 = std::chrono::steady_clock::now();
        const fsd::Solution full = fsd::solve(problem, whole);
        const double full_s = since(t3);
        std::cout << fmt::format("{:>5} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>8} {:>9} {:>13.3f} {:>8}\n", seed,
                                 built, first, planned, verified, totals.back(),
                                 jobs - static_cast<int>(plan.unassigned.size()), ok ? "yes" : "NO", full_s,
                                 jobs - static_cast<int>(full.unassigned.size()));
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::sort(totals.begin(), totals.end());
    std::cout << fmt::format("{} jobs, {} engineers, limit {} s: median total {:.3f} s, max {:.3f} s; peak RSS {:.1f} MB\n",
                             jobs, engineers, limit, totals[totals.size() / 2], totals.back(),
                             static_cast<double>(usage.ru_maxrss) / 1024.0);
    return all_verified ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "route_first_plan: " << e.what() << '\n';
        return 2;
    }
}
