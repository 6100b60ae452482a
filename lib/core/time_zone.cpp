#include "fsd/core/time_zone.hpp"

#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"

namespace fsd {
namespace {

constexpr Time kDay = 86'400;
constexpr int kMaxOffset = 18 * 3600;
constexpr int kFirstYear = 1900;
constexpr int kEndYear = 2400;  // exclusive
// Periods of at most a day and a bit around a wall reading cover every
// interpretation of it: no offset exceeds 26 hours in either direction.
constexpr Time kLocalReach = 26 * 3600;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string offset_name(int offset) {
    if (offset == 0) return "UTC";
    const int a = offset < 0 ? -offset : offset;
    std::string out = offset < 0 ? "-" : "+";
    auto two = [&out](int v) {
        out += static_cast<char>('0' + v / 10);
        out += static_cast<char>('0' + v % 10);
    };
    two(a / 3600);
    out += ':';
    two(a / 60 % 60);
    if (a % 60 != 0) {
        out += ':';
        two(a % 60);
    }
    return out;
}

// "+01:00", "-0530", "+01": an ISO-8601 offset. nullopt when the text is not one.
std::optional<int> parse_iso_offset(std::string_view s) {
    if ((s.size() != 3 && s.size() != 5 && s.size() != 6) || (s[0] != '+' && s[0] != '-')) return std::nullopt;
    std::string digits;
    for (std::size_t i = 1; i < s.size(); ++i) {
        if (is_digit(s[i]))
            digits += s[i];
        else if (s[i] != ':' || i == 1)
            return std::nullopt;
    }
    if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
    if (s.size() == 6 && s[3] != ':') return std::nullopt;
    const int h = std::stoi(digits.substr(0, 2));
    const int m = digits.size() == 4 ? std::stoi(digits.substr(2, 2)) : 0;
    if (m > 59) return std::nullopt;
    return (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
}

// ---------------------------------------------------------------- POSIX TZ rule
// The zoneinfo files Debian ships list transitions up to 2037 and end with a
// POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3") that holds from then on;
// date 3.0.1 reading the system database stops at the last listed
// transition, so the rule is applied here for the years after it.

struct PosixDate {
    char kind = 'M';  // 'M' month.week.weekday, 'J' Julian day 1..365 without Feb 29, 'N' day 0..365
    int month = 0, week = 0, weekday = 0, day = 0;
    int time = 2 * 3600;  // local wall time of the change, may be negative or past 24:00
};

struct PosixRule {
    int std_offset = 0;  // seconds east
    int dst_offset = 0;
    PosixDate start, end;  // start: std → dst (given in standard time); end: dst → std (in daylight time)
};

class PosixReader {
public:
    explicit PosixReader(std::string_view s) : s_(s) {}

    std::optional<PosixRule> read() {
        PosixRule r;
        if (!name()) return std::nullopt;
        auto std_off = hms(true);
        if (!std_off) return std::nullopt;
        r.std_offset = -*std_off;  // POSIX counts west of Greenwich as positive
        if (pos_ == s_.size()) return std::nullopt;  // no daylight saving: nothing to extend
        if (!name()) return std::nullopt;
        r.dst_offset = r.std_offset + 3600;
        if (pos_ < s_.size() && s_[pos_] != ',') {
            auto dst_off = hms(true);
            if (!dst_off) return std::nullopt;
            r.dst_offset = -*dst_off;
        }
        if (!eat(',') || !date(r.start) || !eat(',') || !date(r.end) || pos_ != s_.size()) return std::nullopt;
        return r;
    }

private:
    bool eat(char c) {
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    bool name() {
        const std::size_t first = pos_;
        if (eat('<')) {
            while (pos_ < s_.size() && s_[pos_] != '>') ++pos_;
            return eat('>') && pos_ - first > 2;
        }
        while (pos_ < s_.size() && ((s_[pos_] >= 'A' && s_[pos_] <= 'Z') || (s_[pos_] >= 'a' && s_[pos_] <= 'z'))) ++pos_;
        return pos_ - first >= 3;
    }
    std::optional<int> number(int max) {
        if (pos_ >= s_.size() || !is_digit(s_[pos_])) return std::nullopt;
        int v = 0;
        while (pos_ < s_.size() && is_digit(s_[pos_])) {
            v = v * 10 + (s_[pos_++] - '0');
            if (v > max) return std::nullopt;
        }
        return v;
    }
    // [+-]hh[:mm[:ss]] with hours up to 167 (RFC 8536 extends POSIX's 24).
    std::optional<int> hms(bool sign_allowed) {
        int sign = 1;
        if (sign_allowed && (s_.substr(pos_, 1) == "+" || s_.substr(pos_, 1) == "-")) sign = s_[pos_++] == '-' ? -1 : 1;
        auto h = number(167);
        if (!h) return std::nullopt;
        int v = *h * 3600;
        if (eat(':')) {
            auto m = number(59);
            if (!m) return std::nullopt;
            v += *m * 60;
            if (eat(':')) {
                auto sec = number(59);
                if (!sec) return std::nullopt;
                v += *sec;
            }
        }
        return sign * v;
    }
    bool date(PosixDate& d) {
        if (eat('M')) {
            d.kind = 'M';
            auto m = number(12);
            if (!m || *m < 1 || !eat('.')) return false;
            auto w = number(5);
            if (!w || *w < 1 || !eat('.')) return false;
            auto wd = number(6);
            if (!wd) return false;
            d.month = *m;
            d.week = *w;
            d.weekday = *wd;
        } else {
            d.kind = eat('J') ? 'J' : 'N';
            auto n = number(365);
            if (!n || (d.kind == 'J' && *n < 1)) return false;
            d.day = *n;
        }
        if (eat('/')) {
            auto t = hms(true);
            if (!t) return false;
            d.time = *t;
        }
        return true;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

// Local seconds at which rule date `d` falls in `year`.
Time posix_local(const PosixDate& d, int year) {
    Time day = 0;
    if (d.kind == 'M') {
        const Time first = days_from_civil(year, d.month, 1);
        const int first_weekday = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday (4)
        Time dom = (d.weekday - first_weekday + 7) % 7 + 7 * (d.week - 1);
        // Week 5 means the last such weekday of the month.
        while (dom >= days_in_month(year, d.month)) dom -= 7;
        day = first + dom;
    } else if (d.kind == 'J') {
        const bool leap = days_in_month(year, 2) == 29;
        day = days_from_civil(year, 1, 1) + d.day - 1 + (leap && d.day >= 60 ? 1 : 0);
    } else {
        day = days_from_civil(year, 1, 1) + d.day;
    }
    return day * kDay + d.time;
}

std::optional<PosixRule> read_footer(const std::string& zone_name) {
    std::ifstream in("/usr/share/zoneinfo/" + zone_name, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream buf;
    buf << in.rdbuf();
    const std::string data = buf.str();
    // The footer is the last line: "\n<TZ string>\n".
    if (data.size() < 3 || data.back() != '\n') return std::nullopt;
    const std::size_t open = data.rfind('\n', data.size() - 2);
    if (open == std::string::npos) return std::nullopt;
    return PosixReader(std::string_view(data).substr(open + 1, data.size() - open - 2)).read();
}

Time unix_of_year(int year) { return days_from_civil(year, 1, 1) * kDay; }

}  // namespace

// ---------------------------------------------------------------- the table

struct TimeZone::Table {
    int initial = 0;            // offset before the first change
    std::vector<Time> at;       // instants of change, increasing
    std::vector<int> after;     // offset from at[k] on

    int offset_at(Time t) const noexcept {
        const auto k = static_cast<std::size_t>(std::upper_bound(at.begin(), at.end(), t) - at.begin());
        return k == 0 ? initial : after[k - 1];
    }
    void push(Time t, int offset) {
        const int before = after.empty() ? initial : after.back();
        if (offset == before || (!at.empty() && t <= at.back())) return;
        at.push_back(t);
        after.push_back(offset);
    }
};

TimeZone::TimeZone() = default;

TimeZone TimeZone::fixed(int offset_seconds, const std::string& path) {
    if (offset_seconds < -kMaxOffset || offset_seconds > kMaxOffset)
        throw InputError(path, "a UTC offset must lie between -18:00 and +18:00 (got " + std::to_string(offset_seconds) +
                                   " seconds)");
    TimeZone z;
    z.fixed_offset_ = offset_seconds;
    z.name_ = offset_name(offset_seconds);
    return z;
}

TimeZone TimeZone::parse(std::string_view text, const std::string& path) {
    if (text == "UTC" || text == "Z" || text == "z") return TimeZone();
    if (auto off = parse_iso_offset(text)) return fixed(*off, path);
    if (text.empty()) throw InputError(path, "a time zone needs a name such as \"Europe/Berlin\" or an offset such as \"+01:00\"");
    const date::time_zone* zone = nullptr;
    try {
        zone = date::locate_zone(std::string(text));
    } catch (const std::exception&) {
        throw InputError(path, "unknown time zone \"" + std::string(text) +
                                   "\"; give an IANA name from the tz database such as \"Europe/Berlin\" or an offset such as "
                                   "\"+01:00\"");
    }
    auto table = std::make_shared<Table>();
    using date::sys_seconds;
    using std::chrono::seconds;
    const Time first = unix_of_year(kFirstYear), end = unix_of_year(kEndYear);
    auto info = zone->get_info(sys_seconds{seconds{first}});
    table->initial = static_cast<int>(info.offset.count());
    while (true) {
        const Time next = info.end.time_since_epoch().count();
        if (next >= end) break;
        info = zone->get_info(sys_seconds{seconds{next}});
        // A change of name or of the daylight flag alone keeps the offset: not a transition here.
        table->push(next, static_cast<int>(info.offset.count()));
    }
    // Beyond the last listed change, continue with the zone's current rule.
    const Time last = table->at.empty() ? first : table->at.back();
    if (auto rule = read_footer(std::string(text))) {
        const int from_year = static_cast<int>(civil_from_days(last / kDay).year);
        for (int y = from_year; y < kEndYear; ++y) {
            const Time to_dst = posix_local(rule->start, y) - rule->std_offset;
            const Time to_std = posix_local(rule->end, y) - rule->dst_offset;
            // Southern zones change to daylight time late in the year: push in time order.
            const bool dst_first = to_dst < to_std;
            const Time first_at = dst_first ? to_dst : to_std, second_at = dst_first ? to_std : to_dst;
            const int first_off = dst_first ? rule->dst_offset : rule->std_offset;
            const int second_off = dst_first ? rule->std_offset : rule->dst_offset;
            if (first_at > last && first_at < end) table->push(first_at, first_off);
            if (second_at > last && second_at < end) table->push(second_at, second_off);
        }
    }
    TimeZone z;
    z.fixed_offset_ = 0;
    z.name_ = std::string(text);
    z.table_ = std::move(table);
    return z;
}

int TimeZone::offset_at(Time utc) const noexcept { return table_ ? table_->offset_at(utc) : fixed_offset_; }

Time TimeZone::from_local(Time local) const noexcept {
    if (!table_) return local - fixed_offset_;
    const Table& tb = *table_;
    // Periods k (offset: k == 0 ? initial : after[k-1], from at[k-1] to at[k])
    // that can contain an instant the wall clock shows as `local`.
    const auto lo = static_cast<std::size_t>(std::upper_bound(tb.at.begin(), tb.at.end(), local - kLocalReach) - tb.at.begin());
    const auto hi = static_cast<std::size_t>(std::upper_bound(tb.at.begin(), tb.at.end(), local + kLocalReach) - tb.at.begin());
    for (std::size_t k = lo; k <= hi; ++k) {
        const int off = k == 0 ? tb.initial : tb.after[k - 1];
        const Time t = local - off;
        const bool after_begin = k == 0 || t >= tb.at[k - 1];
        const bool before_end = k == tb.at.size() || t < tb.at[k];
        if (after_begin && before_end) return t;  // the earliest period first: the earlier of two readings
    }
    // In a gap: the first change whose skipped wall range holds `local`; keep its earlier offset.
    for (std::size_t k = lo; k < hi && k < tb.at.size(); ++k) {
        const int before = k == 0 ? tb.initial : tb.after[k - 1];
        if (local >= tb.at[k] + before && local < tb.at[k] + tb.after[k]) return local - before;
    }
    return local - tb.offset_at(local);  // not reached for a consistent table
}

std::vector<ZoneTransition> TimeZone::transitions(Time from, Time to) const {
    std::vector<ZoneTransition> out;
    if (!table_ || from >= to) return out;
    const Table& tb = *table_;
    auto k = static_cast<std::size_t>(std::lower_bound(tb.at.begin(), tb.at.end(), from) - tb.at.begin());
    for (; k < tb.at.size() && tb.at[k] < to; ++k)
        out.push_back({tb.at[k], k == 0 ? tb.initial : tb.after[k - 1], tb.after[k]});
    return out;
}

}  // namespace fsd
