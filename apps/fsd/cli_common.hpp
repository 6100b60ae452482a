#pragma once
// Helpers shared by the fsd subcommands: files (text_file.hpp), time formatting, the plan table.
#include <iosfwd>
#include <string>

#include "fsd/core/time_zone.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"
#include "text_file.hpp"

namespace fsdcli {

/// "08:05" (or "Tue 08:05" when `with_day`), in the given UTC offset.
std::string clock_time(fsd::Time t, int utc_offset_seconds, bool with_day = false);
/// The same on the wall clock of `zone` at that instant (daylight saving included).
std::string clock_time(fsd::Time t, const fsd::TimeZone& zone, bool with_day = false);
/// "1h05m", "12m", "45s".
std::string span(fsd::Duration d);
/// "12.3 km".
std::string km(fsd::Distance metres);

/// Prints the plan as a readable table per engineer: visits with times,
/// waiting, travel, time window and SLA status; then unassigned jobs with
/// their reasons; then totals.
void print_plan(std::ostream& out, const fsd::Problem& problem, const fsd::Solution& solution, int utc_offset_seconds);
/// The same with clock times in `zone`.
void print_plan(std::ostream& out, const fsd::Problem& problem, const fsd::Solution& solution, const fsd::TimeZone& zone);

}  // namespace fsdcli
