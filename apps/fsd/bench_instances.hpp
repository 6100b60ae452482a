#pragma once
// Which instance files of a benchmark folder a run takes: the default data
// folder, the --instances filter, the listing of a folder.
#include <filesystem>
#include <string>
#include <vector>

namespace fsdcli {

/// Whether `name` is picked by `filter`: a comma-separated list whose items
/// select the instance of exactly that name (case-insensitive) when one of
/// `all_names` has it, else, when the item holds `*` or `?`, the names the
/// glob matches as a whole, else the names starting with it. Empty: all.
bool instance_selected(const std::string& name, const std::string& filter, const std::vector<std::string>& all_names);

/// $FSD_BENCH_DATA/<folder>, else ../shared/benchmarks/<folder> relative to
/// the current directory.
std::string bench_data_dir(const std::string& folder);

/// The regular files of `dir` whose extension is `extension` (".txt",
/// case-insensitive) and whose name without it `filter` selects
/// (instance_selected), sorted by name. Throws fsd::InputError for a missing
/// folder, a folder without such files, or a filter that picks none.
std::vector<std::filesystem::path> bench_instance_files(const std::filesystem::path& dir, const std::string& extension,
                                                        const std::string& filter);

}  // namespace fsdcli
