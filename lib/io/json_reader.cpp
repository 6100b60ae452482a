#include "json_reader.hpp"

#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"
#include "fsd/core/iso_time.hpp"

namespace fsd::io_detail {
namespace {

// Short rendering of an offending value for messages: scalars as written
// (long strings cut), arrays and objects by their size only, so that a
// message never costs more than the value's first level.
std::string show(const Json& v) {
    if (v.is_array()) return "of " + std::to_string(v.size()) + (v.size() == 1 ? " element" : " elements");
    if (v.is_object()) return "of " + std::to_string(v.size()) + (v.size() == 1 ? " field" : " fields");
    if (v.is_string() && v.get_ref<const std::string&>().size() > 60)
        return Json(v.get_ref<const std::string&>().substr(0, 57)).dump(-1, ' ', false, Json::error_handler_t::replace) + "...";
    std::string s = v.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

const char* type_name(const Json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_array()) return "an array";
    return "an object";
}

// Finite 2^63 as a double: values at or above it do not fit in int64.
constexpr double kTwoPow63 = 9223372036854775808.0;

}  // namespace

Json parse_json_text(std::string_view text) {
    check_json_limits(text);
    try {
        return Json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {
        // nlohmann's message already names the line and column.
        std::string what = e.what();
        const auto pos = what.find("parse error");
        throw InputError("", "the text is not valid JSON: " + (pos == std::string::npos ? what : what.substr(pos)));
    }
}

std::string read_text_file(const std::string& path, std::string_view what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("", "cannot open the " + std::string(what) + " \"" + path + "\"");
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw InputError("", "cannot read the " + std::string(what) + " \"" + path + "\"");
    return text.str();
}

std::string child_path(const std::string& base, std::string_view key) {
    std::string out = base;
    out += '/';
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string child_path(const std::string& base, size_t index) { return base + "/" + std::to_string(index); }

ObjectReader::ObjectReader(const Json& value, std::string path, std::initializer_list<std::string_view> allowed)
    : value_(value), path_(std::move(path)) {
    if (!value_.is_object())
        throw InputError(path_, std::string("expected an object, got ") + type_name(value_) + " " + show(value_));
    for (const auto& item : value_.items()) {
        bool known = false;
        for (auto a : allowed) known = known || a == item.key();
        if (!known) throw InputError(child_path(path_, item.key()), "unknown field \"" + item.key() + "\"");
    }
}

const Json* ObjectReader::get(std::string_view key) const {
    auto it = value_.find(key);
    return it == value_.end() ? nullptr : &*it;
}

const Json* ObjectReader::get_nullable(std::string_view key) const {
    const Json* v = get(key);
    return v && v->is_null() ? nullptr : v;
}

const Json& ObjectReader::require(std::string_view key) const {
    const Json* v = get(key);
    if (!v) throw InputError(path(key), "the field \"" + std::string(key) + "\" is required");
    return *v;
}

std::int64_t read_int(const Json& v, const std::string& path, std::int64_t lo, std::int64_t hi) {
    std::int64_t value = 0;
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            throw InputError(path, "the number " + show(v) + " is too large");
        value = static_cast<std::int64_t>(u);
    } else if (v.is_number_integer()) {
        value = v.get<std::int64_t>();
    } else if (v.is_number_float()) {
        const double d = v.get<double>();
        if (!std::isfinite(d) || d != std::floor(d))
            throw InputError(path, "expected a whole number, got " + show(v));
        if (d >= kTwoPow63 || d < -kTwoPow63) throw InputError(path, "the number " + show(v) + " is too large");
        value = static_cast<std::int64_t>(d);
    } else {
        throw InputError(path, std::string("expected a whole number, got ") + type_name(v) + " " + show(v));
    }
    if (value < lo && lo == 0) throw InputError(path, "the value must not be negative (got " + std::to_string(value) + ")");
    if (value < lo)
        throw InputError(path, "the value " + std::to_string(value) + " is too small (the least accepted is " +
                                   std::to_string(lo) + ")");
    if (value > hi)
        throw InputError(path, "the value " + std::to_string(value) + " is too large (the most accepted is " +
                                   std::to_string(hi) + ")");
    return value;
}

std::uint64_t read_uint64(const Json& v, const std::string& path) {
    if (v.is_number_unsigned()) return v.get<std::uint64_t>();
    return static_cast<std::uint64_t>(read_int(v, path, 0, std::numeric_limits<std::int64_t>::max()));
}

Duration read_duration(const Json& v, const std::string& path) {
    if (!v.is_number())
        throw InputError(path, std::string("expected an integer number of seconds, got ") + type_name(v) + " " + show(v));
    if (v.is_number_float() && std::isfinite(v.get<double>()) && v.get<double>() != std::floor(v.get<double>()))
        throw InputError(path, "expected an integer number of seconds, got " + show(v));
    return read_int(v, path, -kTimeMax, kTimeMax);
}

Time read_time(const Json& v, const std::string& path) {
    const std::string expected = "expected an integer number of seconds or an ISO-8601 timestamp, got ";
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        // Only text shaped like a date gets the detailed ISO diagnostics; anything
        // else most likely is not meant as a timestamp at all.
        const bool date_like = s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-';
        if (!date_like) throw InputError(path, expected + show(v));
        return parse_iso8601(s, path);
    }
    if (!v.is_number()) throw InputError(path, expected + show(v));
    if (v.is_number_float() && std::isfinite(v.get<double>()) && v.get<double>() != std::floor(v.get<double>()))
        throw InputError(path, expected + show(v));
    return read_int(v, path, kTimeMin, kTimeMax);
}

double read_double(const Json& v, const std::string& path) {
    if (!v.is_number()) throw InputError(path, std::string("expected a number, got ") + type_name(v) + " " + show(v));
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw InputError(path, "expected a finite number, got " + show(v));
    return d;
}

std::string read_string(const Json& v, const std::string& path) {
    if (!v.is_string()) throw InputError(path, std::string("expected a string, got ") + type_name(v) + " " + show(v));
    return v.get<std::string>();
}

bool read_bool(const Json& v, const std::string& path) {
    if (!v.is_boolean())
        throw InputError(path, std::string("expected true or false, got ") + type_name(v) + " " + show(v));
    return v.get<bool>();
}

const Json& read_array(const Json& v, const std::string& path) {
    if (!v.is_array()) throw InputError(path, std::string("expected an array, got ") + type_name(v) + " " + show(v));
    return v;
}

std::vector<std::int64_t> read_int_array(const Json& v, const std::string& path) {
    std::vector<std::int64_t> out;
    const Json& arr = read_array(v, path);
    out.reserve(arr.size());
    for (size_t i = 0; i < arr.size(); ++i) out.push_back(read_int(arr[i], child_path(path, i)));
    return out;
}

std::vector<std::string> read_string_array(const Json& v, const std::string& path) {
    std::vector<std::string> out;
    const Json& arr = read_array(v, path);
    out.reserve(arr.size());
    for (size_t i = 0; i < arr.size(); ++i) out.push_back(read_string(arr[i], child_path(path, i)));
    return out;
}

void check_header(const Json& doc, std::string_view expected_format) {
    if (!doc.is_object()) return;  // the caller's ObjectReader reports the type
    if (auto f = doc.find("format"); f != doc.end()) {
        const std::string format = read_string(*f, "/format");
        if (format != expected_format)
            throw InputError("/format", "expected the format \"" + std::string(expected_format) + "\", got \"" + format + "\"");
    }
    if (auto v = doc.find("version"); v != doc.end()) {
        const std::int64_t version = read_int(*v, "/version");
        if (version < 1) throw InputError("/version", "the version must be 1 or more (got " + std::to_string(version) + ")");
        if (version > 1)
            throw InputError("/version", "version " + std::to_string(version) +
                                             " is newer than this library understands (1); upgrade fsdispatch");
    }
}

Json write_time(Time t, const std::optional<int>& iso_offset) {
    // 0000-01-01 and 9999-12-31T23:59:59 UTC, widened by a day for the offset.
    constexpr Time kFirstIso = -62'167'219'200 + 86'400;
    constexpr Time kLastIso = 253'402'300'799 - 86'400;
    if (iso_offset && t >= kFirstIso && t <= kLastIso) return format_iso8601(t, *iso_offset);
    return t;
}

std::string dump_json(const Json& doc, int indent) {
    return doc.dump(indent < 0 ? -1 : indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace fsd::io_detail
