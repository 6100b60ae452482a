#pragma once
// The batch format ("fsdispatch-assign", version 1) and the result format
// ("fsdispatch-assign-result", version 1); both described in docs/assign.md.
#include <optional>
#include <string>

#include "fsd/assign/assign.hpp"
#include "fsd/assign/assignment_problem.hpp"

namespace fsd {

/// A batch as read from JSON: the problem and the options given with it.
struct AssignBatch {
    AssignProblem problem;
    AssignOptions options;
    friend bool operator==(const AssignBatch&, const AssignBatch&) = default;
};

/// Reads a batch. Unknown fields are refused by name; errors carry a path
/// such as "/tickets/3/skills/0/min_level". The problem is validated too.
AssignBatch assign_batch_from_json(const std::string& text);

/// Writes a batch in the same format (instants as integers), so that
/// assign_batch_from_json(assign_batch_to_json(b)) == b.
std::string assign_batch_to_json(const AssignBatch& batch, int indent = 2);

/// Writes a result with ticket and engineer ids; instants (start of service)
/// as ISO-8601 in the given offset when `iso_offset_seconds` is set, else as
/// integers.
std::string assign_result_to_json(const AssignProblem& problem, const AssignResult& result, int indent = 2,
                                  std::optional<int> iso_offset_seconds = std::nullopt);

}  // namespace fsd
