#pragma once
// Private to lib/: the checks every JSON reader of a layer makes on its text
// and fields, each refusal an InputError at the field's path. (lib/io has its
// own richer reader for the problem formats.)
#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"

namespace fsd::json_fields {

using nlohmann::json;

/// Parses text after the limits check (depth, number range) of json_limits.hpp.
inline json parse_text(const std::string& text) {
    check_json_limits(text);
    try {
        return json::parse(text);
    } catch (const json::exception& e) {
        throw InputError("", std::string("not valid JSON: ") + e.what());
    }
}

/// Refuses keys outside `keys`: typos in optional keys would otherwise be silently ignored.
inline void only_keys(const json& j, const std::string& path, std::initializer_list<const char*> keys) {
    if (!j.is_object()) throw InputError(path, "expected an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (const char* k : keys) known = known || it.key() == k;
        if (!known) throw InputError(path + "/" + it.key(), "unknown field");
    }
}

inline const json& array_at(const json& j, const std::string& path) {
    if (!j.is_array()) throw InputError(path, "expected an array");
    return j;
}

inline std::string get_string(const json& j, const std::string& path) {
    if (!j.is_string()) throw InputError(path, "expected a string");
    return j.get<std::string>();
}

inline std::int64_t get_int(const json& j, const std::string& path) {
    if (!j.is_number_integer()) throw InputError(path, "expected an integer");
    return j.get<std::int64_t>();
}

}  // namespace fsd::json_fields
