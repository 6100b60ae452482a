#pragma once
// Helpers shared by the simulation commands (simulate, compare, bench sim).
#include <iosfwd>
#include <string>

#include "fsd/sim/simulate.hpp"

namespace fsdcli {

/// A scenario from a JSON file, or "preset:NAME" for a bundled preset.
fsd::Scenario load_scenario(const std::string& source);

/// A KPI value for a table: "-" for NaN, fewer decimals for larger values.
std::string kpi_cell(double v);

/// The comparison as a table: per KPI a row, per policy "mean ± CI" and,
/// for policies after the first, the paired difference to it.
void print_comparison(std::ostream& out, const fsd::Comparison& c);

/// policy,kpi,mean,ci_low,ci_high,diff_mean,diff_low,diff_high,n rows.
std::string comparison_csv(const fsd::Comparison& c);

}  // namespace fsdcli
