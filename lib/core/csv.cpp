#include "fsd/core/csv.hpp"

#include <fmt/format.h>

#include <unordered_set>

#include "fsd/core/error.hpp"
#include "fsd/core/utf8.hpp"

namespace fsd {

namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

}  // namespace

CsvTable parse_csv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // spreadsheet BOM
    std::vector<std::vector<std::string>> records;
    std::vector<std::size_t> lines;  // first line of each record, for messages
    std::vector<std::string> record;
    std::string field;
    bool quoted = false;
    bool field_started = false;
    std::size_t line = 1;
    std::size_t record_line = 1;
    std::size_t quote_line = 0;
    const auto end_record = [&] {
        record.push_back(std::move(field));
        field.clear();
        if (!(record.size() == 1 && record[0].empty() && !field_started)) {  // skip blank lines
            records.push_back(std::move(record));
            lines.push_back(record_line);
        }
        record.clear();
        field_started = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n') ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && field.empty()) {
            quoted = true;
            field_started = true;
            quote_line = line;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            field_started = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_record();
            ++line;
            record_line = line;
        } else {
            field.push_back(c);
        }
    }
    if (quoted) {
        const std::string where = records.empty() ? "/header" : "/rows/" + std::to_string(records.size() - 1);
        throw InputError(where, fmt::format("a quoted field opened on line {} is never closed", quote_line));
    }
    if (!field.empty() || !record.empty() || field_started) end_record();
    if (records.empty()) throw InputError("/header", "the CSV file is empty: it needs a header line");

    for (std::size_t r = 0; r < records.size(); ++r)
        for (std::size_t c = 0; c < records[r].size(); ++c)
            if (find_invalid_utf8(records[r][c]) != std::string_view::npos)
                throw InputError(r == 0 ? "/header/" + std::to_string(c) : "/rows/" + std::to_string(r - 1) + "/" + std::to_string(c),
                                 fmt::format("line {} is not valid UTF-8 text (save the file as UTF-8)", lines[r]));

    CsvTable table;
    table.header = std::move(records.front());
    std::unordered_set<std::string> seen;
    for (std::size_t c = 0; c < table.header.size(); ++c) {
        table.header[c] = trim(table.header[c]);
        if (table.header[c].empty()) throw InputError("/header/" + std::to_string(c), "a column has no name");
        if (!seen.insert(table.header[c]).second)
            throw InputError("/header/" + std::to_string(c), "column \"" + table.header[c] + "\" appears twice");
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != table.header.size())
            throw InputError("/rows/" + std::to_string(r - 1),
                             fmt::format("line {} has {} fields but the header has {} columns", lines[r],
                                         records[r].size(), table.header.size()));
        table.rows.push_back(std::move(records[r]));
    }
    return table;
}

}  // namespace fsd
