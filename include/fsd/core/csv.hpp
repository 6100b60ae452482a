#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace fsd {

/// A CSV file as header plus rows of fields (RFC 4180: quoted fields may hold
/// commas, doubled quotes and line breaks).
struct CsvTable {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

/// Parses CSV text. Throws InputError "/rows/<i>" for a row whose field count
/// differs from the header's or an unterminated quote, "/header" for an empty
/// or repeated column name.
CsvTable parse_csv(std::string_view text);

}  // namespace fsd
