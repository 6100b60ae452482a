#pragma once
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"

namespace fsd {

/// A Euclidean VRPTW benchmark instance (Solomon or Gehring-Homberger text
/// format) in its original, fractional scale, together with the Problem built
/// from it. Node 0 is the depot.
struct EuclideanInstance {
    std::string name;
    int vehicles = 0;                 ///< fleet size given in the file
    double capacity = 0;
    std::vector<double> x, y, demand, ready, due, service;
    /// Integer scale: problem distances are round(d * scale), durations
    /// ceil(d * scale) (so an integer-feasible route is feasible in double
    /// precision), time windows and service times times scale (a fractional
    /// product rounds outwards: ready times and service times up, due dates down).
    std::int64_t scale = 10000;
    Problem problem;                  ///< jobs "1".."n", engineers "v1".."vK"; cost = scaled distance
};

/// Reads a Solomon / Gehring-Homberger text file. Throws InputError naming the
/// file and line on malformed input.
EuclideanInstance read_solomon(const std::string& path, std::int64_t scale = 10000);

}  // namespace fsd
