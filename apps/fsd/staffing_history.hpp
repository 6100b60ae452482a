#pragma once
// Ticket arrivals from a history CSV, for the commands that forecast from it
// (fsd forecast, fsd staffing plan).
#include <string>
#include <vector>

#include "fsd/staffing/arrival_history.hpp"

namespace fsdcli {

/// The arrivals of a ticket CSV (the triage format): `created` (Unix seconds
/// or ISO-8601 with an offset) and the series column(s) named in `by`
/// ("skill", or "category,skill" joined as "category/skill"). InputError at
/// "/columns/<name>" for a missing column, "/rows/<i>/<column>" for a bad value.
std::vector<fsd::Arrival> read_ticket_arrivals(const std::string& path, const std::string& by);

}  // namespace fsdcli
