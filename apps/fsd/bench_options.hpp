#pragma once
// What every quality benchmark of the route solver takes: where its
// instances are, which of them, how each is solved, where the rows go.
#include <cstdint>
#include <string>

#include "fsd/route/solve_options.hpp"

namespace fsdcli {

/// Options shared by `fsd bench solomon|homberger|field`.
struct BenchSolveOptions {
    std::string dir;                  ///< empty: the benchmark's default folder
    std::string instances;            ///< filter, see instance_selected(); empty: all
    double time_limit_seconds = 1.0;  ///< per instance
    int threads = 1;
    std::uint64_t seed = 1;
    fsd::SolveAlgorithm algorithm = fsd::SolveAlgorithm::automatic;
    bool decompose = true;
    std::string csv;                  ///< empty: no CSV

    /// How one instance is solved, with `time_limit` seconds.
    fsd::SolveOptions solve_options(double time_limit) const {
        fsd::SolveOptions so;
        so.time_limit_seconds = time_limit;
        so.threads = threads;
        so.seed = seed;
        so.algorithm = algorithm;
        so.decompose = decompose;
        // Quality is measured at the time limit: no early stop on stagnation.
        so.stagnation_limit = 0;
        return so;
    }
};

}  // namespace fsdcli
