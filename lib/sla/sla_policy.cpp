#include "fsd/sla/sla_policy.hpp"

#include <algorithm>

#include "fsd/core/error.hpp"

namespace fsd {

const char* to_string(SlaMetric m) noexcept { return m == SlaMetric::response ? "response" : "resolution"; }

SlaPolicy::SlaPolicy() {
    calendar_names_.push_back("24x7");
    calendars_.emplace_back();
    max_priority_ = matrix_.lowest_priority();
}

int SlaPolicy::add_calendar(const std::string& name, BusinessCalendar calendar) {
    if (name.empty()) throw InputError("/name", "a calendar needs a name");
    const int i = calendar_index(name);
    if (i >= 0) {
        calendars_[static_cast<std::size_t>(i)] = std::move(calendar);
        return i;
    }
    calendar_names_.push_back(name);
    calendars_.push_back(std::move(calendar));
    return static_cast<int>(calendars_.size()) - 1;
}

int SlaPolicy::add_tier(const std::string& name) {
    if (name.empty()) throw InputError("", "a tier needs a non-empty name");
    const int i = tier_index(name);
    if (i >= 0) return i;
    tiers_.push_back(name);
    rebuild_lookup();
    return static_cast<int>(tiers_.size()) - 1;
}

void SlaPolicy::add_target(SlaTarget target) {
    if (tier_index(target.tier) < 0)
        throw InputError("/tier", "unknown tier \"" + target.tier + "\"; declare it under \"tiers\"");
    const int cal = calendar_index(target.calendar);
    if (cal < 0) throw InputError("/calendar", "unknown calendar \"" + target.calendar + "\"");
    if (target.priority < 1 || target.priority > matrix_.lowest_priority())
        throw InputError("/priority", "priority must lie between 1 and " + std::to_string(matrix_.lowest_priority()) +
                                          " (the priority matrix's range)");
    if (target.duration <= 0) throw InputError("/duration", "a target duration must be positive");
    if (target.lateness_cost_per_second < 0)
        throw InputError("/lateness_cost_per_second", "a lateness cost may not be negative");
    if (find_target(target.priority, target.tier, target.metric) != nullptr)
        throw InputError("/metric", std::string("the ") + to_string(target.metric) + " target for priority " +
                                        std::to_string(target.priority) + " and tier \"" + target.tier +
                                        "\" is already set");
    targets_.push_back(std::move(target));
    target_calendar_.push_back(cal);
    rebuild_lookup();
}

void SlaPolicy::set_escalation(std::vector<EscalationLevel> levels) {
    for (std::size_t i = 0; i < levels.size(); ++i)
        if (levels[i].percent < 1 || levels[i].percent > 1000)
            throw InputError("/" + std::to_string(i) + "/percent", "an escalation level lies between 1 and 1000 percent");
    std::stable_sort(levels.begin(), levels.end(), [](const auto& a, const auto& b) { return a.percent < b.percent; });
    escalation_ = std::move(levels);
}

void SlaPolicy::set_priority_matrix(PriorityMatrix m) {
    for (const auto& t : targets_)
        if (t.priority > m.lowest_priority())
            throw InputError("/priority_matrix", "the matrix has no priority " + std::to_string(t.priority) +
                                                     " but a target uses it");
    matrix_ = std::move(m);
    rebuild_lookup();
}

void SlaPolicy::rebuild_lookup() {
    max_priority_ = matrix_.lowest_priority();
    lookup_.assign(tiers_.size() * static_cast<std::size_t>(max_priority_ + 1) * 2, -1);
    for (std::size_t k = 0; k < targets_.size(); ++k) {
        const auto& t = targets_[k];
        const auto tier = static_cast<std::size_t>(tier_index(t.tier));
        lookup_[(tier * static_cast<std::size_t>(max_priority_ + 1) + static_cast<std::size_t>(t.priority)) * 2 +
                static_cast<std::size_t>(t.metric)] = static_cast<int>(k);
    }
}

const SlaTarget* SlaPolicy::find_target(int priority, const std::string& tier, SlaMetric metric) const {
    const int ti = tier_index(tier);
    if (ti < 0 || priority < 1 || priority > max_priority_) return nullptr;
    const int k = lookup_[(static_cast<std::size_t>(ti) * static_cast<std::size_t>(max_priority_ + 1) +
                           static_cast<std::size_t>(priority)) * 2 + static_cast<std::size_t>(metric)];
    return k < 0 ? nullptr : &targets_[static_cast<std::size_t>(k)];
}

int SlaPolicy::tier_index(const std::string& name) const {
    for (std::size_t i = 0; i < tiers_.size(); ++i)
        if (tiers_[i] == name) return static_cast<int>(i);
    return -1;
}

int SlaPolicy::calendar_index(const std::string& name) const {
    for (std::size_t i = 0; i < calendar_names_.size(); ++i)
        if (calendar_names_[i] == name) return static_cast<int>(i);
    return -1;
}

const BusinessCalendar& SlaPolicy::calendar(const std::string& name) const {
    const int i = calendar_index(name);
    if (i < 0) throw InputError("/calendar", "unknown calendar \"" + name + "\"");
    return calendars_[static_cast<std::size_t>(i)];
}

}  // namespace fsd
