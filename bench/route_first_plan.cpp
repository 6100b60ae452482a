// Time to a first verified day plan on generated field-service problems with
// skills (issue 6's target: 1,000 jobs in under 1 s, peak memory under
// 300 MB). The first plan is regret insertion plus one descent (the solve with
// iteration limit 0, which is also the opening of every longer solve); the
// figure includes building the problem (travel matrix) and verifying the plan.
//   route_first_plan [--jobs 1000] [--engineers 100] [--seeds 5]
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
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--jobs") jobs = std::stoi(argv[i + 1]);
        else if (arg == "--engineers") engineers = std::stoi(argv[i + 1]);
        else if (arg == "--seeds") seeds = std::stoi(argv[i + 1]);
        else throw fsd::InputError("", "unknown option " + arg);
    }
    std::cout << fmt::format("{:>5} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9}\n", "seed", "build s", "plan s", "verify s",
                             "total s", "served", "verified");
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
        o.time_limit_seconds = 60;
        const auto t1 = std::chrono::steady_clock::now();
        const fsd::Solution plan = fsd::solve(problem, o);
        const double planned = since(t1);
        const auto t2 = std::chrono::steady_clock::now();
        const bool ok = fsd::verify(problem, plan).ok();
        const double verified = since(t2);
        all_verified = all_verified && ok;
        totals.push_back(since(t0));
        std::cout << fmt::format("{:>5} {:>9.3f} {:>9.3f} {:>9.3f} {:>9.3f} {:>8} {:>9}\n", seed, built, planned,
                                 verified, totals.back(), jobs - static_cast<int>(plan.unassigned.size()),
                                 ok ? "yes" : "NO");
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::sort(totals.begin(), totals.end());
    std::cout << fmt::format("{} jobs, {} engineers: median total {:.3f} s, max {:.3f} s; peak RSS {:.1f} MB\n", jobs,
                             engineers, totals[totals.size() / 2], totals.back(),
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
