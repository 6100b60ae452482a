#include "bench_csv.hpp"

#include <cmath>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "text_fields.hpp"

namespace fsdcli {

CsvTable read_csv_table(const std::string& path, const std::vector<std::string>& required) {
    std::ifstream in(path);
    if (!in) throw fsd::InputError("", fmt::format("{}: cannot open the file", path));
    CsvTable t;
    t.path = path;
    std::string line;
    if (!std::getline(in, line)) throw fsd::InputError("", fmt::format("{}: the file is empty", path));
    const auto header = split(line, ',');
    for (std::size_t i = 0; i < header.size(); ++i) t.columns[trim(header[i])] = i;
    for (const std::string& name : required)
        if (!t.columns.count(name))
            throw fsd::InputError("", fmt::format("{}:1: the header has no column \"{}\"", path, name));
    int line_no = 1;
    while (std::getline(in, line)) {
        ++line_no;
        if (trim(line).empty()) continue;
        t.rows.push_back({line_no, split(line, ',')});
    }
    return t;
}

std::string CsvTable::field(const Row& row, const std::string& column) const {
    const auto it = columns.find(column);
    if (it == columns.end() || it->second >= row.fields.size()) return "";
    return trim(row.fields[it->second]);
}

double CsvTable::number(const Row& row, const std::string& column) const {
    const std::string text = field(row, column);
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
    throw fsd::InputError("", fmt::format("{}:{}: \"{}\" in column {} is not a number", path, row.line, text, column));
}

std::int64_t CsvTable::integer(const Row& row, const std::string& column) const {
    const double v = number(row, column);
    if (v != std::floor(v) || std::abs(v) > 9.0e15)
        throw fsd::InputError("", fmt::format("{}:{}: \"{}\" in column {} is not a whole number", path, row.line,
                                              field(row, column), column));
    return static_cast<std::int64_t>(v);
}

}  // namespace fsdcli
