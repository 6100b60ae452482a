#include "staffing_history.hpp"

#include <algorithm>

#include "fsd/core/csv.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/utf8.hpp"
#include "fsd/triage/ticket_csv.hpp"
#include "text_file.hpp"

namespace fsdcli {
namespace {

std::vector<std::string> split_columns(const std::string& by) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (true) {
        const std::size_t comma = by.find(',', from);
        out.push_back(by.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return out;
}

}  // namespace

std::vector<fsd::Arrival> read_ticket_arrivals(const std::string& path, const std::string& by) {
    const fsd::CsvTable table = fsd::parse_csv(fsdcli::read_text_file(path));
    auto column = [&](const std::string& name) {
        const auto it = std::find(table.header.begin(), table.header.end(), name);
        if (name.empty() || it == table.header.end())
            throw fsd::InputError("/columns/" + name, "there is no column \"" + name + "\" in " + path);
        return static_cast<std::size_t>(it - table.header.begin());
    };
    const std::size_t created = column("created");
    std::vector<std::pair<std::string, std::size_t>> series_columns;
    for (const auto& name : split_columns(by)) series_columns.emplace_back(name, column(name));
    std::vector<fsd::Arrival> out;
    out.reserve(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        const std::string p = "/rows/" + std::to_string(r) + "/";
        fsd::Arrival a;
        a.created = fsd::triage::parse_ticket_time(row[created], p + "created");
        for (const auto& [name, index] : series_columns) {
            const std::string& value = row[index];
            if (value.empty()) throw fsd::InputError(p + name, "is empty: every ticket needs a series");
            if (fsd::find_invalid_utf8(value) != std::string::npos) throw fsd::InputError(p + name, "is not UTF-8");
            a.series += (a.series.empty() ? "" : "/") + value;
        }
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace fsdcli
