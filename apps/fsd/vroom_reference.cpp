#include "vroom_reference.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "text_fields.hpp"

namespace fsdcli {

const std::vector<std::string>& vroom_reference_settings() {
    static const std::vector<std::string> settings{"-x 5", "-x 0"};
    return settings;
}

void check_vroom_reference_setting(const std::string& setting, const std::string& option) {
    const auto& known = vroom_reference_settings();
    if (std::find(known.begin(), known.end(), setting) == known.end())
        throw fsd::InputError("", fmt::format("{} \"{}\": settings are \"-x 5\" and \"-x 0\"", option, setting));
}

std::map<std::string, const CsvTable::Row*> vroom_reference_rows(const CsvTable& table, const std::string& setting,
                                                                 int threads) {
    std::map<std::string, const CsvTable::Row*> out;
    std::map<std::string, bool> exact;  // the kept row ran with `threads`
    for (const CsvTable::Row& row : table.rows) {
        if (table.field(row, "setting") != setting) continue;
        const std::string name = lower(table.field(row, "instance"));
        const bool same_threads = table.number(row, "threads") == threads;
        if (out.count(name) && (exact[name] || !same_threads)) continue;
        out[name] = &row;
        exact[name] = same_threads;
    }
    return out;
}

}  // namespace fsdcli
