#pragma once
// Small text helpers of the benchmark readers: case, blanks, separated fields.
#include <string>
#include <vector>

namespace fsdcli {

/// ASCII lower case.
std::string lower(std::string s);
/// Without leading and trailing blanks (space, tab, carriage return, newline).
std::string trim(const std::string& s);
/// The fields between `sep`; a trailing separator gives a last empty field.
std::vector<std::string> split(const std::string& line, char sep);

}  // namespace fsdcli
