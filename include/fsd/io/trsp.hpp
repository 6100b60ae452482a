#pragma once
// Reader of the technician routing and scheduling instances of Pillac,
// Guéret and Medaglia (2013): technicians with homes, skills, tools and a
// van stock of spare parts, one central depot, requests that need skills,
// tools and parts (docs/benchmarks.md, "TRSP").
#include <cstdint>
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// A TRSP instance as read, with the Problem built from it. Times and
/// distances are multiplied by `scale` (the instances have integer times
/// and Euclidean, hence irrational, travel): travel durations round up,
/// distances to nearest, windows outwards (starts up, ends down), service
/// times up, so a plan feasible in integers is feasible in exact arithmetic.
///
/// The Problem: one depot "depot" at row 0 (open over its window, a stop
/// lasts its service time, lends tools "t0".."t<TOOLS-1>" and stocks parts
/// "p0".."p<PARTS-1>"); engineers "tech<ID>" for the technician rows (home =
/// start = end, one shift, skills "s<k>" at level 1, tools "t<k>", stock
/// "p<k>" of the positive counts, costs per_working_hour 3600 and nothing
/// else, so a route costs its scaled duration); jobs "<ID>" for the request
/// rows (window on the start of service, every listed skill, tool and
/// positive part count required, all mandatory). Travel is an explicit
/// matrix over the file's rows (matrix index = ID), time = distance.
struct TrspInstance {
    std::string name;             ///< the file's first line ("C101.100_25-5-5-5")
    int crew = 0;                 ///< technicians (INFO line)
    int skills = 0;               ///< skill types (INFO line)
    int tools = 0;                ///< tool types (INFO line)
    int parts = 0;                ///< spare part types (INFO line)
    int requests = 0;             ///< request rows
    std::int64_t scale = 1000;    ///< problem units per instance unit
    /// Per row of the table (the depot, technicians, requests), in instance
    /// units: what exact re-timing (trsp_shortest_duration) needs.
    std::vector<double> x, y, ready, due, service;
    Problem problem;
};

/// Reads the instance in `text`; `source` (a file name) starts every error
/// message. Throws InputError with an empty path and the message
/// "source:line: FIELD: ..." on malformed input.
TrspInstance parse_trsp(const std::string& text, const std::string& source, std::int64_t scale = 1000);

/// Reads the instance file at `path` (parse_trsp, messages naming the file).
TrspInstance read_trsp(const std::string& path, std::int64_t scale = 1000);

/// The TRSP objective of `solution`: the sum over its routes of (end
/// arrival - departure), travel, waiting and service included, in instance
/// units (divided by the instance's scale).
double trsp_duration(const TrspInstance& instance, const Solution& solution);

/// How trsp_shortest_duration times a route: on the Problem's scaled
/// integers, or exactly on the instance's own numbers (Euclidean travel in
/// double precision).
enum class TrspArithmetic { scaled, exact };

/// The same routes (same order of visits and depot stops) each timed to its
/// shortest duration: leaving home as late as the visits' windows allow,
/// then starting every visit as early as it can. The sum, in instance
/// units. Against trsp_duration it shows the waiting a plan's timing leaves
/// in; `scaled` against `exact` shows what the integer scale costs (the
/// rounded-up travel).
double trsp_shortest_duration(const TrspInstance& instance, const Solution& solution, TrspArithmetic arithmetic);

}  // namespace fsd
