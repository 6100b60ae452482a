#pragma once
#include <string>
#include <string_view>

#include "fsd/core/types.hpp"

namespace fsd {

/// Parses an ISO-8601 timestamp with a UTC offset ("2026-11-23T08:30:00+01:00"
/// or "...Z") to Unix seconds. Throws InputError (path given by the caller)
/// when the text is not such a timestamp.
Time parse_iso8601(std::string_view text, const std::string& path = "");
/// Formats Unix seconds as ISO-8601 with the given offset (seconds east of UTC).
std::string format_iso8601(Time t, int offset_seconds = 0);

}  // namespace fsd
