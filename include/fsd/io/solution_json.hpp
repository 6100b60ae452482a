#pragma once
#include <string>
#include <string_view>

#include "fsd/io/problem_json.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// Parses a plan (docs/format.md) against its problem: ids are resolved to
/// indices; unknown ids throw InputError naming the field.
Solution solution_from_json(const Problem& problem, std::string_view text);
/// Reads only the routes of a plan document, as a dispatcher may arrange them
/// by hand: engineers, shifts and step order; stated times and figures may be
/// present and are ignored. InputError naming the path as for a solution.
Solution plan_from_json(const Problem& problem, std::string_view text);
/// Writes a plan with ids, timed steps, unassigned jobs with reasons, the
/// objective parts and the stats; round-trips exactly.
std::string solution_to_json(const Problem& problem, const Solution& solution,
                             const JsonWriteOptions& options = {});

}  // namespace fsd
