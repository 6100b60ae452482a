#include "fsd/sla/business_calendar.hpp"

#include <algorithm>

#include "fsd/core/error.hpp"
#include "fsd/sla/sla_time.hpp"

namespace fsd {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kWeek = 7 * kDay;
// 1970-01-05, day 4 of the epoch, was a Monday: weeks are counted from it.
constexpr std::int64_t kMondayOffset = 4 * kDay;

std::array<std::vector<WorkInterval>, 7> full_week() {
    std::array<std::vector<WorkInterval>, 7> w;
    for (auto& d : w) d = {WorkInterval{0, static_cast<int>(kDay)}};
    return w;
}

}  // namespace

const std::array<std::string, 7>& BusinessCalendar::weekday_names() {
    static const std::array<std::string, 7> names = {"monday", "tuesday",  "wednesday", "thursday",
                                                     "friday", "saturday", "sunday"};
    return names;
}

BusinessCalendar::BusinessCalendar() : week_(full_week()) { precompute(); }

BusinessCalendar BusinessCalendar::always_open(std::vector<std::int64_t> holidays, int utc_offset_seconds) {
    return BusinessCalendar(full_week(), std::move(holidays), utc_offset_seconds);
}

BusinessCalendar BusinessCalendar::always_open(std::vector<std::int64_t> holidays, TimeZone zone) {
    return BusinessCalendar(full_week(), std::move(holidays), std::move(zone));
}

BusinessCalendar::BusinessCalendar(std::array<std::vector<WorkInterval>, 7> week, std::vector<std::int64_t> holidays,
                                   int utc_offset_seconds)
    : week_(std::move(week)), holidays_(std::move(holidays)), zone_(TimeZone::fixed(utc_offset_seconds, "/utc_offset")) {
    validate_and_precompute();
}

BusinessCalendar::BusinessCalendar(std::array<std::vector<WorkInterval>, 7> week, std::vector<std::int64_t> holidays,
                                   TimeZone zone)
    : week_(std::move(week)), holidays_(std::move(holidays)), zone_(std::move(zone)) {
    validate_and_precompute();
}

void BusinessCalendar::validate_and_precompute() {
    for (int d = 0; d < 7; ++d) {
        const auto& day = week_[static_cast<std::size_t>(d)];
        for (std::size_t i = 0; i < day.size(); ++i) {
            const std::string path = "/hours/" + weekday_names()[static_cast<std::size_t>(d)] + "/" + std::to_string(i);
            if (day[i].start < 0 || day[i].end > kDay || day[i].start >= day[i].end)
                throw InputError(path, "a working interval needs 00:00 <= start < end <= 24:00");
            if (i > 0 && day[i].start < day[i - 1].end)
                throw InputError(path, "this interval overlaps or precedes the one before it; list a day's "
                                       "intervals in order without overlap");
        }
    }
    for (std::size_t i = 0; i < holidays_.size(); ++i)
        if (holidays_[i] < -1000000 || holidays_[i] > 1000000)
            throw InputError("/holidays/" + std::to_string(i), "a holiday must be a date between 0710 and 4707");
    std::sort(holidays_.begin(), holidays_.end());
    holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
    precompute();
    if (week_total_ == 0) throw InputError("/hours", "a calendar needs at least one working interval in its week");
}

void BusinessCalendar::precompute() {
    starts_.clear();
    lengths_.clear();
    always_ = true;
    for (int d = 0; d < 7; ++d) {
        std::int64_t total = 0;
        for (const auto& iv : week_[static_cast<std::size_t>(d)]) {
            const std::int64_t s = d * kDay + iv.start, len = iv.end - iv.start;
            total += len;
            if (!starts_.empty() && starts_.back() + lengths_.back() == s)
                lengths_.back() += len;  // touching intervals, also across midnight
            else {
                starts_.push_back(s);
                lengths_.push_back(len);
            }
        }
        day_total_[static_cast<std::size_t>(d)] = total;
        if (total != kDay) always_ = false;
    }
    cum_.assign(starts_.size(), 0);
    cum_end_.assign(starts_.size(), 0);
    std::int64_t acc = 0;
    for (std::size_t k = 0; k < starts_.size(); ++k) {
        cum_[k] = acc;
        acc += lengths_[k];
        cum_end_[k] = acc;
    }
    week_total_ = acc;
    holiday_cum_.assign(holidays_.size() + 1, 0);
    holiday_at_.assign(holidays_.size(), 0);
    for (std::size_t i = 0; i < holidays_.size(); ++i) {
        const std::int64_t wd = ((holidays_[i] + 3) % 7 + 7) % 7;  // day 0 was a Thursday
        holiday_cum_[i + 1] = holiday_cum_[i] + day_total_[static_cast<std::size_t>(wd)];
        holiday_at_[i] = plain_clock(holidays_[i] * kDay) - holiday_cum_[i];
    }
    // Each offset change jumps the wall clock from at + before to at + after:
    // the wall business in between never happens (spring forward) or happens
    // twice (fall back). Summing it per change keeps the business clock equal
    // to elapsed business seconds, continuous and monotone across changes.
    change_at_.clear();
    period_offset_.assign(1, zone_.offset_at(kTimeMin));
    correction_.assign(1, 0);
    change_clock_.clear();
    for (const ZoneTransition& z : zone_.transitions(kTimeMin, kTimeMax)) {
        change_at_.push_back(z.at);
        period_offset_.push_back(z.offset_after);
        correction_.push_back(correction_.back() + wall_clock(z.at + z.offset_after) - wall_clock(z.at + z.offset_before));
        change_clock_.push_back(wall_clock(z.at + z.offset_after) - correction_.back());
    }
}

Duration BusinessCalendar::plain_clock(Time local) const {
    if (always_) return local;
    const std::int64_t from_monday = local - kMondayOffset;
    const std::int64_t w = floor_div(from_monday, kWeek);
    const std::int64_t s = from_monday - w * kWeek;
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), s);
    std::int64_t in_week = 0;
    if (it != starts_.begin()) {
        const auto k = static_cast<std::size_t>(it - starts_.begin() - 1);
        in_week = cum_[k] + std::min(s - starts_[k], lengths_[k]);
    }
    return w * week_total_ + in_week;
}

Time BusinessCalendar::from_plain_clock(Duration x) const {
    if (always_) return x;
    // Take the week whose business time reaches x with x in (start, end]: the
    // earliest matching instant then ends an interval rather than opening the next.
    const std::int64_t w = floor_div(x - 1, week_total_);
    const std::int64_t r = x - w * week_total_;
    const auto k = static_cast<std::size_t>(std::lower_bound(cum_end_.begin(), cum_end_.end(), r) - cum_end_.begin());
    return w * kWeek + starts_[k] + (r - cum_[k]) + kMondayOffset;
}

Duration BusinessCalendar::holiday_clock(Time local) const {
    if (holidays_.empty()) return 0;
    const std::int64_t day = floor_div(local, kDay);
    const auto j = static_cast<std::size_t>(std::lower_bound(holidays_.begin(), holidays_.end(), day) - holidays_.begin());
    Duration h = holiday_cum_[j];
    if (j < holidays_.size() && holidays_[j] == day) h += plain_clock(local) - plain_clock(day * kDay);
    return h;
}

Duration BusinessCalendar::wall_clock(Time local) const { return plain_clock(local) - holiday_clock(local); }

Time BusinessCalendar::from_wall_clock(Duration b) const {
    // Holidays starting at wall clock >= b lie after the answer; all the
    // others lie before it, so their business time is skipped.
    const auto k = static_cast<std::size_t>(std::lower_bound(holiday_at_.begin(), holiday_at_.end(), b) - holiday_at_.begin());
    return from_plain_clock(b + holiday_cum_[k]);
}

Duration BusinessCalendar::business_clock(Time t) const {
    const auto k = static_cast<std::size_t>(std::upper_bound(change_at_.begin(), change_at_.end(), t) - change_at_.begin());
    return wall_clock(t + period_offset_[k]) - correction_[k];
}

Time BusinessCalendar::from_business_clock(Duration b) const {
    // The period holding the answer is the last one whose start has a
    // business clock below b (the clock is monotone, so a binary search);
    // inside it the wall clock is the instant plus one offset.
    const auto k =
        static_cast<std::size_t>(std::lower_bound(change_clock_.begin(), change_clock_.end(), b) - change_clock_.begin());
    return from_wall_clock(b + correction_[k]) - period_offset_[k];
}

Time BusinessCalendar::add(Time t, Duration d) const {
    if (d < 0) throw InputError("", "business time to add may not be negative");
    if (d == 0) return t;
    if (is_24x7()) return t + d;
    return from_business_clock(business_clock(t) + d);
}

Duration BusinessCalendar::between(Time a, Time b) const {
    if (is_24x7()) return b - a;
    return business_clock(b) - business_clock(a);
}

bool BusinessCalendar::is_open(Time t) const {
    return business_clock(t + 1) - business_clock(t) == 1;
}

}  // namespace fsd
