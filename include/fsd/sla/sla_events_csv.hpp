#pragma once
// The flat event table of `fsd sla` as CSV text.
#include <string_view>
#include <vector>

#include "fsd/sla/sla_status.hpp"

namespace fsd {

/// Reads SLA events from CSV text whose header names the columns `ticket`,
/// `time` (ISO 8601 or Unix seconds) and `event`, and optionally `priority`,
/// `tier`, `impact` and `urgency`, in any order; other columns are ignored and
/// cells are trimmed of spaces. Throws InputError naming the row's field
/// ("/events/3/time", "/events/0/priority"), "/events" for a header without
/// the three required columns, "/rows/<i>" for malformed CSV.
std::vector<SlaEventRow> parse_sla_events_csv(std::string_view text);

}  // namespace fsd
