#pragma once
// Instants given on the command line (--now, --at): whole seconds or ISO-8601.
#include <string>

#include "fsd/core/types.hpp"

namespace fsdcli {

/// Reads an instant typed on the command line: whole seconds of the caller's
/// epoch ("1795507200") or an ISO-8601 timestamp with a UTC offset or Z
/// ("2026-11-23T08:30:00+01:00"), the two forms the JSON formats take.
/// InputError naming `option` otherwise.
fsd::Time parse_instant(const std::string& text, const std::string& option);

}  // namespace fsdcli
