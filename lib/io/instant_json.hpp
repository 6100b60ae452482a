#pragma once
// Private to lib/io: instants in the problem and solution formats, read with
// an optional time zone for local ISO readings and written in the zone or
// offset that JsonWriteOptions asks for.
#include <string>

#include "fsd/core/time_zone.hpp"
#include "fsd/io/problem_json.hpp"
#include "json_reader.hpp"

namespace fsd::io_detail {

/// An instant as read_time reads it, except that with a zone an ISO text
/// without an offset ("2026-03-29T08:00:00") is a wall-clock reading there.
Time read_instant(const Json& v, const std::string& path, const TimeZone* zone);

/// An instant as `options` asks: ISO-8601 in `options.time_zone` (the offset
/// of that instant), else in `options.iso_offset_seconds`, else seconds.
Json write_instant(Time t, const JsonWriteOptions& options);

}  // namespace fsd::io_detail
