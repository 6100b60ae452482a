#include "fsd/sla/sla_clock.hpp"

#include "fsd/core/error.hpp"

namespace fsd {

const char* to_string(SlaClockState s) noexcept {
    switch (s) {
        case SlaClockState::running: return "running";
        case SlaClockState::paused: return "paused";
        case SlaClockState::completed: return "completed";
    }
    return "?";
}

SlaClock::SlaClock(const BusinessCalendar& calendar, Time start, Duration target, std::vector<Duration> thresholds)
    : calendar_(&calendar),
      start_(start),
      target_(target),
      thresholds_(std::move(thresholds)),
      segment_start_(start),
      passed_at_(thresholds_.size(), kTimeMax) {
    FSD_ASSERT(target_ > 0);
}

void SlaClock::advance(Time e) {
    const Time s = segment_start_;
    const Duration gained = calendar_->between(s, e);
    const Duration before = used_;
    used_ += gained;
    // The threshold instant is the earliest moment elapsed reaches it; the
    // clock passes it only if it keeps running beyond that moment.
    auto passage = [&](Duration th) -> Time {
        if (used_ < th) return kTimeMax;
        const Time t = calendar_->add(s, th - before);
        return e > t ? t : kTimeMax;
    };
    if (breach_at_ == kTimeMax) breach_at_ = passage(target_);
    for (std::size_t i = 0; i < thresholds_.size(); ++i)
        if (passed_at_[i] == kTimeMax) passed_at_[i] = passage(thresholds_[i]);
}

void SlaClock::pause(Time t) {
    if (state_ != SlaClockState::running) return;
    FSD_ASSERT(t >= segment_start_);
    advance(t);
    segment_start_ = t;
    state_ = SlaClockState::paused;
}

void SlaClock::resume(Time t) {
    if (state_ != SlaClockState::paused) return;
    FSD_ASSERT(t >= segment_start_);
    paused_ += calendar_->between(segment_start_, t);
    segment_start_ = t;
    state_ = SlaClockState::running;
}

void SlaClock::stop(Time t) {
    if (state_ == SlaClockState::completed) return;
    FSD_ASSERT(t >= segment_start_);
    if (state_ == SlaClockState::running)
        advance(t);
    else
        paused_ += calendar_->between(segment_start_, t);
    segment_start_ = t;
    stopped_at_ = t;
    state_ = SlaClockState::completed;
}

SlaClockReading SlaClock::read(Time at) const {
    FSD_ASSERT(at >= segment_start_);
    SlaClock now = *this;  // cheap: no thresholds on the hot path
    if (now.state_ == SlaClockState::running)
        now.advance(at);
    else if (now.state_ == SlaClockState::paused)
        now.paused_ += calendar_->between(now.segment_start_, at);
    SlaClockReading r;
    r.state = state_;
    r.start = start_;
    r.target = target_;
    r.elapsed = now.used_;
    r.paused = now.paused_;
    r.remaining = target_ - now.used_;
    r.breached = now.breach_at_ != kTimeMax;
    r.stopped_at = stopped_at_;
    const Time anchor = state_ == SlaClockState::completed ? stopped_at_ : at;
    auto projected = [&](Duration th, Time passed) -> Time {
        if (passed != kTimeMax) return passed;
        // Not passed yet: elapsed <= th, and reached exactly when th - elapsed more runs.
        return calendar_->add(anchor, th - now.used_);
    };
    r.deadline = projected(target_, now.breach_at_);
    r.threshold_times.resize(thresholds_.size());
    r.threshold_passed.resize(thresholds_.size());
    for (std::size_t i = 0; i < thresholds_.size(); ++i) {
        r.threshold_passed[i] = now.passed_at_[i] != kTimeMax;
        if (!r.threshold_passed[i] && state_ == SlaClockState::completed)
            r.threshold_times[i] = kTimeMax;
        else
            r.threshold_times[i] = projected(thresholds_[i], now.passed_at_[i]);
    }
    return r;
}

}  // namespace fsd
