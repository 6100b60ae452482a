#include "fsd/sla/sla_time.hpp"

#include <cctype>

#include "fsd/core/error.hpp"

namespace fsd {
namespace {

// Reads exactly `n` digits at `pos`; -1 when they are not all digits.
long long digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return -1;
    long long v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool all_digits(std::string_view s) {
    std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i == s.size() || s.size() - i > 15) return false;
    for (; i < s.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// Parses "YYYY-MM-DD" at the front of `s`; returns the day number or throws.
std::int64_t date_prefix(std::string_view s, const std::string& path) {
    const long long y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || s[4] != '-' || s[7] != '-' ||
        d > days_in_month(y, static_cast<int>(mo)))
        throw InputError(path, "expected a date YYYY-MM-DD, got \"" + std::string(s) + "\"");
    return days_from_civil(y, static_cast<int>(mo), static_cast<int>(d));
}

}  // namespace

int parse_utc_offset(std::string_view s, const std::string& path) {
    if (s == "Z" || s == "z") return 0;
    const long long h = digits(s, 1, 2), m = digits(s, 4, 2);
    if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' || h < 0 || h > 18 || m < 0 || m > 59)
        throw InputError(path, "expected a UTC offset like +01:00, -05:30 or Z, got \"" + std::string(s) + "\"");
    const int v = static_cast<int>(h * 3600 + m * 60);
    return s[0] == '-' ? -v : v;
}

Time parse_sla_time(std::string_view s, const std::string& path) {
    if (all_digits(s)) return std::stoll(std::string(s));
    const std::string bad = "expected integer seconds or an ISO-8601 time with offset "
                            "(2026-11-23T08:30:00+01:00), got \"" + std::string(s) + "\"";
    if (s.size() < 17) throw InputError(path, bad);
    std::int64_t day = 0;
    try {
        day = date_prefix(s.substr(0, 10), path);
    } catch (const InputError&) {
        throw InputError(path, bad);
    }
    const long long hh = digits(s, 11, 2), mm = digits(s, 14, 2);
    if ((s[10] != 'T' && s[10] != ' ') || s[13] != ':' || hh < 0 || hh > 23 || mm < 0 || mm > 59)
        throw InputError(path, bad);
    std::size_t pos = 16;
    long long ss = 0;
    if (pos < s.size() && s[pos] == ':') {
        ss = digits(s, pos + 1, 2);
        if (ss < 0 || ss > 59) throw InputError(path, bad);
        pos += 3;
    }
    if (pos < s.size() && s[pos] == '.') {  // fractional seconds are dropped
        ++pos;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
    }
    if (pos >= s.size()) throw InputError(path, bad);
    int offset = 0;
    try {
        offset = parse_utc_offset(s.substr(pos), path);
    } catch (const InputError&) {
        throw InputError(path, bad);
    }
    return day * 86400 + hh * 3600 + mm * 60 + ss - offset;
}

std::string format_sla_time(Time t, int offset_seconds) { return format_iso8601(t, offset_seconds); }

std::int64_t parse_local_date(std::string_view s, const std::string& path) {
    if (s.size() != 10) throw InputError(path, "expected a date YYYY-MM-DD, got \"" + std::string(s) + "\"");
    return date_prefix(s, path);
}

int parse_time_of_day(std::string_view s, const std::string& path) {
    const long long h = digits(s, 0, 2), m = digits(s, 3, 2);
    long long sec = 0;
    bool ok = (s.size() == 5 || s.size() == 8) && s[2] == ':' && h >= 0 && m >= 0 && m <= 59;
    if (ok && s.size() == 8) {
        sec = digits(s, 6, 2);
        ok = s[5] == ':' && sec >= 0 && sec <= 59;
    }
    const long long v = h * 3600 + m * 60 + sec;
    if (!ok || v > 86400)
        throw InputError(path, "expected a time of day HH:MM or HH:MM:SS up to 24:00, got \"" + std::string(s) + "\"");
    return static_cast<int>(v);
}

Duration parse_sla_duration(std::string_view s, const std::string& path) {
    const std::string bad = "expected a duration in seconds or like \"4h\", \"1h30m\", \"2d\", got \"" +
                            std::string(s) + "\"";
    if (s.empty()) throw InputError(path, bad);
    if (all_digits(s)) {
        const Duration v = std::stoll(std::string(s));
        if (v < 0) throw InputError(path, "a duration may not be negative");
        return v;
    }
    Duration total = 0;
    std::size_t pos = 0;
    int last_rank = 4;  // units must come largest first, each once
    while (pos < s.size()) {
        long long v = 0;
        std::size_t n = 0;
        while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) && n < 12) {
            v = v * 10 + (s[pos++] - '0');
            ++n;
        }
        if (n == 0 || pos >= s.size()) throw InputError(path, bad);
        const char u = s[pos++];
        const int rank = u == 'd' ? 3 : u == 'h' ? 2 : u == 'm' ? 1 : u == 's' ? 0 : -1;
        if (rank < 0 || rank >= last_rank) throw InputError(path, bad);
        last_rank = rank;
        static const long long unit[] = {1, 60, 3600, 86400};
        total += v * unit[rank];
    }
    return total;
}

}  // namespace fsd
