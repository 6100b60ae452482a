#pragma once
// VROOM's recorded runs in the benchmark folders (vroom_reference.csv): one
// row per instance, exploration setting ("-x 5", "-x 0") and thread count.
#include <map>
#include <string>
#include <vector>

#include "bench_csv.hpp"

namespace fsdcli {

/// The recorded settings, "-x 5" then "-x 0".
const std::vector<std::string>& vroom_reference_settings();

/// Throws fsd::InputError naming `option` when `setting` is not a recorded one.
void check_vroom_reference_setting(const std::string& setting, const std::string& option);

/// Per instance (lower case), the row of `table` with `setting` that ran
/// with `threads` threads, else the first row of that setting. `table` has
/// the columns instance, setting and threads; a bad thread count is an
/// fsd::InputError naming the file and line.
std::map<std::string, const CsvTable::Row*> vroom_reference_rows(const CsvTable& table, const std::string& setting,
                                                                 int threads);

}  // namespace fsdcli
