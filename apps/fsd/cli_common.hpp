#pragma once
// Helpers shared by the fsd subcommands: files, time formatting, the plan table.
#include <iosfwd>
#include <string>

#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsdcli {

/// Whole file as text; InputError naming the file when it cannot be read.
std::string read_text_file(const std::string& path);
/// Writes text to a file (creating parent folders); InputError when it cannot.
void write_text_file(const std::string& path, const std::string& text);

/// "08:05" (or "Tue 08:05" when `with_day`), in the given UTC offset.
std::string clock_time(fsd::Time t, int utc_offset_seconds, bool with_day = false);
/// "1h05m", "12m", "45s".
std::string span(fsd::Duration d);
/// "12.3 km".
std::string km(fsd::Distance metres);

/// Prints the plan as a readable table per engineer: visits with times,
/// waiting, travel, time window and SLA status; then unassigned jobs with
/// their reasons; then totals.
void print_plan(std::ostream& out, const fsd::Problem& problem, const fsd::Solution& solution, int utc_offset_seconds);

}  // namespace fsdcli
