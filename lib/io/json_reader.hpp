#pragma once
// Private to lib/io: strict reading of JSON values with exact error paths.
// Kept out of include/ so that nlohmann never leaks into the public headers.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/core/types.hpp"

namespace fsd::io_detail {

/// Insertion-ordered so written documents keep the field order of docs/format.md.
using Json = nlohmann::ordered_json;

/// A whole file as text; InputError naming `what` and the path when it
/// cannot be opened or read.
std::string read_text_file(const std::string& path, std::string_view what);

/// Parses JSON text; malformed text throws InputError with an empty path and
/// nlohmann's line and column.
Json parse_json_text(std::string_view text);

/// `base` + "/" + escaped `key` (JSON pointer escaping of '~' and '/').
std::string child_path(const std::string& base, std::string_view key);
/// `base` + "/" + `index`.
std::string child_path(const std::string& base, size_t index);

/// A JSON object whose fields are checked against a fixed list: an unknown
/// field is refused by name as soon as the reader is made, so a misspelt
/// field is reported before any consequence of its absence.
class ObjectReader {
public:
    ObjectReader(const Json& value, std::string path, std::initializer_list<std::string_view> allowed);

    /// The field, or nullptr when absent.
    const Json* get(std::string_view key) const;
    /// The field, or nullptr when absent or null (for fields that are optional in the model).
    const Json* get_nullable(std::string_view key) const;
    /// The field; InputError at the field's path when it is absent.
    const Json& require(std::string_view key) const;
    /// Path of a field of this object.
    std::string path(std::string_view key) const { return child_path(path_, key); }

private:
    const Json& value_;
    std::string path_;
};

/// A whole number in [lo, hi]; integral floating-point values (3600.0) are accepted.
std::int64_t read_int(const Json& v, const std::string& path, std::int64_t lo, std::int64_t hi);
/// A whole number that fits in int64.
inline std::int64_t read_int(const Json& v, const std::string& path) {
    return read_int(v, path, INT64_MIN, INT64_MAX);
}
/// A non-negative whole number up to 2^64 - 1.
std::uint64_t read_uint64(const Json& v, const std::string& path);
/// A duration in seconds (whole number within the range the engine computes with).
Duration read_duration(const Json& v, const std::string& path);
/// An instant: integer seconds or an ISO-8601 string with a UTC offset.
Time read_time(const Json& v, const std::string& path);
/// Any finite number.
double read_double(const Json& v, const std::string& path);
std::string read_string(const Json& v, const std::string& path);
bool read_bool(const Json& v, const std::string& path);
/// Checks that `v` is an array and returns it.
const Json& read_array(const Json& v, const std::string& path);
/// An array of whole numbers.
std::vector<std::int64_t> read_int_array(const Json& v, const std::string& path);
/// An array of strings.
std::vector<std::string> read_string_array(const Json& v, const std::string& path);

/// Checks the optional "format" and "version" fields of a document. Called
/// before any other check, so a newer document is refused for its version and
/// not for the fields that version added.
void check_header(const Json& doc, std::string_view expected_format);

/// An instant as written: integer seconds, or ISO-8601 with `iso_offset` when
/// set and the instant is a representable date (years 0000-9999).
Json write_time(Time t, const std::optional<int>& iso_offset);

/// Serialises with the indent of the options (-1 = one line).
std::string dump_json(const Json& doc, int indent);

}  // namespace fsd::io_detail
