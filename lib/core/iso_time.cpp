#include "fsd/core/iso_time.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "fsd/core/error.hpp"

namespace fsd {
namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;
// The Gregorian calendar repeats every 400 years, which are exactly 146,097 days.
constexpr std::int64_t kDaysPer400Years = 146'097;

bool is_leap(std::int64_t y) noexcept { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

class IsoParser {
public:
    IsoParser(std::string_view text, const std::string& path) : text_(text), path_(path) {}

    // The wall-clock reading in local seconds and its UTC offset, when written.
    struct Reading {
        std::int64_t local = 0;
        std::optional<std::int64_t> offset;
    };

    Reading parse() {
        const int year = digits(4, "year");
        expect('-');
        const int month = digits(2, "month");
        expect('-');
        const int day = digits(2, "day");
        if (pos_ >= text_.size() || (text_[pos_] != 'T' && text_[pos_] != 't' && text_[pos_] != ' '))
            fail("expected 'T' between the date and the time in an ISO-8601 timestamp such as "
                 "\"2026-11-23T08:30:00+01:00\", got \"" + std::string(text_) + "\"");
        ++pos_;
        const int hour = digits(2, "hour");
        expect(':');
        const int minute = digits(2, "minute");
        expect(':');
        const int second = digits(2, "second");
        if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == ',')) {
            ++pos_;
            const size_t first = pos_;
            while (pos_ < text_.size() && is_digit(text_[pos_])) {
                if (text_[pos_] != '0')
                    fail("fractional seconds are not supported (times are whole seconds), got \"" +
                         std::string(text_) + "\"");
                ++pos_;
            }
            if (pos_ == first) fail("expected digits after the decimal point in \"" + std::string(text_) + "\"");
        }
        if (month < 1 || month > 12) fail("the month must be between 01 and 12 in \"" + std::string(text_) + "\"");
        if (day < 1 || day > days_in_month(year, month))
            fail("day " + std::to_string(day) + " does not exist in month " + std::to_string(month) + " of " +
                 std::to_string(year) + " in \"" + std::string(text_) + "\"");
        if (hour > 23) fail("the hour must be between 00 and 23 in \"" + std::string(text_) + "\"");
        if (minute > 59) fail("the minute must be between 00 and 59 in \"" + std::string(text_) + "\"");
        if (second > 59) fail("the second must be between 00 and 59 in \"" + std::string(text_) + "\"");

        const std::int64_t local = days_from_civil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
        if (pos_ >= text_.size()) return {local, std::nullopt};
        std::int64_t offset = 0;
        const char sign = text_[pos_];
        if (sign == 'Z' || sign == 'z') {
            ++pos_;
        } else if (sign == '+' || sign == '-') {
            ++pos_;
            const int oh = digits(2, "offset hour");
            expect(':');
            const int om = digits(2, "offset minute");
            if (oh > 23 || om > 59) fail("the UTC offset is out of range in \"" + std::string(text_) + "\"");
            offset = (sign == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        } else {
            fail("expected a UTC offset such as +01:00 or Z after the time in \"" + std::string(text_) + "\"");
        }
        if (pos_ != text_.size())
            fail("unexpected text after the UTC offset in \"" + std::string(text_) + "\"");
        return {local, offset};
    }

private:
    static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

    [[noreturn]] void fail(const std::string& message) const { throw InputError(path_, message); }

    int digits(int count, const char* what) {
        int value = 0;
        for (int i = 0; i < count; ++i, ++pos_) {
            if (pos_ >= text_.size() || !is_digit(text_[pos_]))
                fail(std::string("expected ") + std::to_string(count) + " digits for the " + what +
                     " in an ISO-8601 timestamp such as \"2026-11-23T08:30:00+01:00\", got \"" + std::string(text_) + "\"");
            value = value * 10 + (text_[pos_] - '0');
        }
        return value;
    }

    void expect(char c) {
        if (pos_ >= text_.size() || text_[pos_] != c)
            fail(std::string("expected '") + c + "' in an ISO-8601 timestamp such as \"2026-11-23T08:30:00+01:00\", got \"" +
                 std::string(text_) + "\"");
        ++pos_;
    }

    std::string_view text_;
    const std::string& path_;
    size_t pos_ = 0;
};

}  // namespace

int days_in_month(std::int64_t year, int month) noexcept {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Counting years from March makes February the last month of a "year", so the
// leap day sits at the very end and the month lengths before it follow a fixed
// pattern (153 days per five months); that is what keeps this free of tables.
std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept {
    const std::int64_t march_year = month <= 2 ? year - 1 : year;
    const std::int64_t cycle = floor_div(march_year, 400);
    const std::int64_t year_in_cycle = march_year - cycle * 400;                       // 0..399
    const std::int64_t month_from_march = month > 2 ? month - 3 : month + 9;           // 0..11
    const std::int64_t day_in_year = (153 * month_from_march + 2) / 5 + day - 1;       // 0..365
    const std::int64_t day_in_cycle =
        year_in_cycle * 365 + year_in_cycle / 4 - year_in_cycle / 100 + day_in_year;  // 0..146096
    // 719,468 days separate 0000-03-01 (start of a cycle) from 1970-01-01.
    return cycle * kDaysPer400Years + day_in_cycle - 719'468;
}

CivilDate civil_from_days(std::int64_t days) noexcept {
    const std::int64_t shifted = days + 719'468;
    const std::int64_t cycle = floor_div(shifted, kDaysPer400Years);
    const std::int64_t day_in_cycle = shifted - cycle * kDaysPer400Years;  // 0..146096
    // Remove the leap days accumulated so far in the cycle to get the year.
    const std::int64_t year_in_cycle =
        (day_in_cycle - day_in_cycle / 1460 + day_in_cycle / 36524 - day_in_cycle / 146096) / 365;
    const std::int64_t day_in_year =
        day_in_cycle - (365 * year_in_cycle + year_in_cycle / 4 - year_in_cycle / 100);
    const std::int64_t month_from_march = (5 * day_in_year + 2) / 153;
    const int day = static_cast<int>(day_in_year - (153 * month_from_march + 2) / 5 + 1);
    const int month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    const std::int64_t year = cycle * 400 + year_in_cycle + (month <= 2 ? 1 : 0);
    return {year, month, day};
}

Time parse_iso8601(std::string_view text, const std::string& path) {
    const auto r = IsoParser(text, path).parse();
    if (!r.offset)
        throw InputError(path, "the timestamp \"" + std::string(text) + "\" has no UTC offset; add a UTC offset such as +01:00 or Z");
    return r.local - *r.offset;
}

Time parse_iso8601(std::string_view text, const TimeZone& zone, const std::string& path) {
    const auto r = IsoParser(text, path).parse();
    return r.offset ? r.local - *r.offset : zone.from_local(r.local);
}

std::string format_iso8601(Time t, const TimeZone& zone) {
    const int offset = zone.offset_at(t);
    // ISO-8601 offsets have no seconds; the few historical offsets that do
    // (local mean time) are written in UTC, which names the same instant.
    return format_iso8601(t, offset % 60 == 0 ? offset : 0);
}

std::string format_iso8601(Time t, int offset_seconds) {
    if (offset_seconds % 60 != 0 || offset_seconds <= -24 * 3600 || offset_seconds >= 24 * 3600)
        throw InputError("", "a UTC offset must be a whole number of minutes strictly between -24:00 and +24:00 (got " +
                                 std::to_string(offset_seconds) + " seconds)");
    if (t > kTimeMax * 2 || t < kTimeMin * 2)
        throw InputError("", "the instant " + std::to_string(t) + " is too far from 1970 to be written as a date");
    const std::int64_t local = t + offset_seconds;
    const std::int64_t days = floor_div(local, kSecondsPerDay);
    const std::int64_t secs = local - days * kSecondsPerDay;
    const CivilDate date = civil_from_days(days);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(date.year), date.month,
                  date.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    std::string out(buf);
    if (offset_seconds == 0) return out + "Z";
    const int abs_off = offset_seconds < 0 ? -offset_seconds : offset_seconds;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', abs_off / 3600, abs_off / 60 % 60);
    return out + buf;
}

}  // namespace fsd
