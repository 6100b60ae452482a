// Time to load and validate a large problem from JSON: a generated service
// day of N jobs is written as JSON, then parsed, validated and frozen
// (travel matrices included) several times; prints the median.
//   bench_io_load [--jobs 5000] [--engineers 500] [--repeat 5] [--csv FILE]
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "fsd/io/problem_json.hpp"
#include "fsd/model/generate.hpp"

int main(int argc, char** argv) {
    int jobs = 5000, engineers = 500, repeat = 5;
    std::string csv;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--jobs") jobs = std::stoi(next());
        else if (arg == "--engineers") engineers = std::stoi(next());
        else if (arg == "--repeat") repeat = std::max(1, std::stoi(next()));
        else if (arg == "--csv") csv = next();
        else {
            std::cerr << "usage: bench_io_load [--jobs N] [--engineers M] [--repeat R] [--csv FILE]\n";
            return 2;
        }
    }
    fsd::GenerateOptions options;
    options.jobs = jobs;
    options.engineers = engineers;
    const std::string text = fsd::problem_to_json(fsd::generate_problem(options));

    std::vector<double> seconds;
    fsd::Index loaded = 0, locations = 0;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const fsd::Problem problem = fsd::problem_from_json(text);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        loaded = problem.num_jobs();
        locations = problem.num_locations();
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    std::cout << fmt::format("load+validate {} jobs / {} engineers ({:.1f} MB JSON, {} locations): median {:.3f} s, min {:.3f} s over {} runs\n",
                             loaded, engineers, static_cast<double>(text.size()) / 1e6, locations, median,
                             seconds.front(), repeat);
    if (!csv.empty()) {
        std::ofstream out(csv);
        out << "metric,value\n" << fmt::format("load_validate_{}_jobs_s,{:.4f}\n", loaded, median);
    }
    return 0;
}
