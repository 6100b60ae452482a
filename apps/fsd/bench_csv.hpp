#pragma once
// The CSV files of the benchmark folders (best-known results, VROOM's
// recorded runs): a header naming the columns, then one row per line.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace fsdcli {

/// A CSV file read whole. Columns are found by name, so extra or reordered
/// columns do not matter. Fields are plain: no quoting.
struct CsvTable {
    struct Row {
        int line = 0;  ///< line number in the file, from 1 (the header)
        std::vector<std::string> fields;
    };
    std::string path;
    std::map<std::string, std::size_t> columns;
    std::vector<Row> rows;  ///< blank lines left out

    /// The trimmed field of `column` in `row`; "" when the row is short or
    /// the table has no such column.
    std::string field(const Row& row, const std::string& column) const;
    /// The field as a finite number; fsd::InputError "path:line: "x" in
    /// column C is not a number" otherwise.
    double number(const Row& row, const std::string& column) const;
    /// The field as a whole number; fsd::InputError naming file, line and
    /// column otherwise.
    std::int64_t integer(const Row& row, const std::string& column) const;
};

/// Reads the CSV at `path`. Throws fsd::InputError naming the file when it
/// cannot be opened or is empty, and its first line when a `required` column
/// is missing.
CsvTable read_csv_table(const std::string& path, const std::vector<std::string>& required);

}  // namespace fsdcli
