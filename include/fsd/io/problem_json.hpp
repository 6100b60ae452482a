#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "fsd/core/time_zone.hpp"
#include "fsd/model/problem.hpp"

namespace fsd {

/// Options for writing JSON.
struct JsonWriteOptions {
    JsonWriteOptions() = default;
    /// The fields in order, so JsonWriteOptions{2, 3600} keeps reading as before
    /// (a constructor rather than an aggregate: -Wextra flags omitted trailing fields).
    explicit JsonWriteOptions(int indent_, std::optional<int> iso_offset_seconds_ = std::nullopt,
                              std::optional<TimeZone> time_zone_ = std::nullopt)
        : indent(indent_), iso_offset_seconds(iso_offset_seconds_), time_zone(std::move(time_zone_)) {}

    int indent = 2;   ///< -1 writes one line
    /// When set, instants are written as ISO-8601 strings with this UTC offset
    /// (seconds east of UTC) instead of integer seconds.
    std::optional<int> iso_offset_seconds;
    /// When set, instants are written as ISO-8601 strings with the offset this
    /// zone has at each instant ("...T01:30:00+01:00", after the spring jump
    /// "...T03:30:00+02:00"); wins over iso_offset_seconds. Used by the problem
    /// and solution formats.
    std::optional<TimeZone> time_zone;
};

/// Version of the problem and solution format written by this library.
inline constexpr int kFormatVersion = 1;

/// Parses the fsdispatch problem format (docs/format.md) and builds the
/// Problem. Throws InputError whose path names the field ("/jobs/3/duration").
Problem problem_from_json(std::string_view text);
/// Writes `problem` in the fsdispatch format; problem_from_json of the result
/// gives back an equal problem.
std::string problem_to_json(const Problem& problem, const JsonWriteOptions& options = {});
/// The problem document's top-level "time_zone" (docs/format.md), if it has
/// one: the zone its local ISO times were written in, and the natural zone to
/// print its plans in. Throws InputError for an unknown zone.
std::optional<TimeZone> problem_time_zone_from_json(std::string_view text);
/// Reads a problem file; InputError names the file when it cannot be read.
Problem read_problem_file(const std::string& path);

}  // namespace fsd
