#include "bench_instances.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "text_fields.hpp"

namespace fsdcli {

namespace {

namespace fs = std::filesystem;

// Plain glob on the whole name; fnmatch is POSIX and the CLI only builds there.
bool glob_match(const std::string& pattern, const std::string& name) {
    return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

}  // namespace

bool instance_selected(const std::string& name, const std::string& filter, const std::vector<std::string>& all_names) {
    if (trim(filter).empty()) return true;
    const std::string lname = lower(name);
    for (const std::string& raw : split(filter, ',')) {
        const std::string item = lower(trim(raw));
        if (item.empty()) continue;
        const bool exact_exists = std::any_of(all_names.begin(), all_names.end(),
                                              [&](const std::string& n) { return lower(n) == item; });
        if (exact_exists) {
            if (lname == item) return true;
        } else if (item.find_first_of("*?[") != std::string::npos) {
            if (glob_match(item, lname)) return true;
        } else if (lname.rfind(item, 0) == 0) {
            return true;
        }
    }
    return false;
}

std::string bench_data_dir(const std::string& folder) {
    if (const char* root = std::getenv("FSD_BENCH_DATA"); root != nullptr && *root != '\0')
        return (fs::path(root) / folder).string();
    return (fs::path("..") / "shared" / "benchmarks" / folder).string();
}

std::vector<fs::path> bench_instance_files(const fs::path& dir, const std::string& extension,
                                           const std::string& filter) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw fsd::InputError("", fmt::format("{}: no such directory", dir.string()));
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && lower(entry.path().extension().string()) == lower(extension))
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw fsd::InputError("", fmt::format("{}: no benchmark instances (*{}) in this directory", dir.string(),
                                              extension));
    std::vector<std::string> names;
    for (const fs::path& f : files) names.push_back(f.stem().string());
    std::vector<fs::path> chosen;
    for (std::size_t i = 0; i < files.size(); ++i)
        if (instance_selected(names[i], filter, names)) chosen.push_back(files[i]);
    if (chosen.empty())
        throw fsd::InputError("", fmt::format("{}: no instance matches --instances \"{}\"", dir.string(), filter));
    return chosen;
}

}  // namespace fsdcli
