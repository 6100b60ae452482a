#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "fsd/model/problem.hpp"

namespace fsd {

/// Options for writing JSON.
struct JsonWriteOptions {
    int indent = 2;   ///< -1 writes one line
    /// When set, instants are written as ISO-8601 strings with this UTC offset
    /// (seconds east of UTC) instead of integer seconds.
    std::optional<int> iso_offset_seconds;
};

/// Version of the problem and solution format written by this library.
inline constexpr int kFormatVersion = 1;

/// Parses the fsdispatch problem format (docs/format.md) and builds the
/// Problem. Throws InputError whose path names the field ("/jobs/3/duration").
Problem problem_from_json(std::string_view text);
/// Writes `problem` in the fsdispatch format; problem_from_json of the result
/// gives back an equal problem.
std::string problem_to_json(const Problem& problem, const JsonWriteOptions& options = {});
/// Reads a problem file; InputError names the file when it cannot be read.
Problem read_problem_file(const std::string& path);

}  // namespace fsd
