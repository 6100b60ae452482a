#include "instant_json.hpp"

#include <cctype>

#include "fsd/core/iso_time.hpp"

namespace fsd::io_detail {

Time read_instant(const Json& v, const std::string& path, const TimeZone* zone) {
    if (zone && v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        // Text that does not look like a date keeps read_time's message.
        const bool date_like = s.size() >= 10 && std::isdigit(static_cast<unsigned char>(s[0])) && s[4] == '-';
        if (date_like) return parse_iso8601(s, *zone, path);
    }
    return read_time(v, path);
}

Json write_instant(Time t, const JsonWriteOptions& options) {
    if (!options.time_zone) return write_time(t, options.iso_offset_seconds);
    // The years write_time writes as text (0000-9999), widened by a day for the offset.
    constexpr Time kFirstIso = -62'167'219'200 + 86'400;
    constexpr Time kLastIso = 253'402'300'799 - 86'400;
    if (t < kFirstIso || t > kLastIso) return t;
    return format_iso8601(t, *options.time_zone);
}

}  // namespace fsd::io_detail
