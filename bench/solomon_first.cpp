// Quality of the first solver (regret insertion + local search) on Solomon
// VRPTW instances. A thin caller of the code behind `fsd bench solomon`
// (apps/fsd/route_bench.cpp, docs/benchmarks.md), kept so that a build
// without the CLI can still run the benchmark.
//   solomon_first [DIR] [--time-limit S] [--csv FILE]
#include <iostream>
#include <string>

#include "fsd/core/error.hpp"
#include "route_bench.hpp"

namespace {

int run(int argc, char** argv) {
    fsdcli::RouteBenchOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg.rfind("--", 0) != 0) {
            options.dir = arg;
            continue;
        }
        if (i + 1 >= argc) throw fsd::InputError("", arg + " needs a value");
        if (arg == "--time-limit") options.time_limit_seconds = std::stod(argv[++i]);
        else if (arg == "--csv") options.csv = argv[++i];
        else if (arg == "--instances") options.instances = argv[++i];
        else if (arg == "--seed") options.seed = std::stoull(argv[++i]);
        else if (arg == "--algorithm") options.algorithm = fsd::parse_solve_algorithm(argv[++i], "--algorithm");
        else if (arg == "--set") options.set = std::string(argv[++i]) == "homberger" ? fsdcli::BenchSet::homberger : fsdcli::BenchSet::solomon;
        else throw fsd::InputError("", "unknown option " + arg);
    }
    return fsdcli::run_route_bench(options, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const fsd::InputError& e) {
        std::cerr << "input error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
