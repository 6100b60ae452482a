#pragma once
#include <optional>
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/sla/business_calendar.hpp"
#include "fsd/sla/priority_matrix.hpp"

namespace fsd {

/// What an SLA measures: time to first response, or time to resolution.
enum class SlaMetric { response = 0, resolution = 1 };

/// "response" / "resolution".
const char* to_string(SlaMetric m) noexcept;

/// One cell of the target table: for tickets of `priority` and customer
/// `tier`, `metric` must be met within `duration` business seconds of
/// `calendar`. `hard` and `lateness_cost_per_second` are what the routing
/// model receives (see to_sla_deadline).
struct SlaTarget {
    int priority = 1;
    std::string tier;
    SlaMetric metric = SlaMetric::resolution;
    Duration duration = 0;
    std::string calendar = "24x7";
    bool hard = false;
    Cost lateness_cost_per_second = 1;
};

/// A rung of the escalation ladder: fires when a clock has used `percent` %
/// of its target (business time, net of pauses). 100 is the breach itself.
struct EscalationLevel {
    int percent = 100;
    std::string action;
};

/// Calendars, customer tiers, the priority matrix, the target table
/// (priority x tier x metric) and the escalation ladder. The calendar
/// "24x7" always exists. Build it in code or load it with sla_policy_from_json.
class SlaPolicy {
public:
    SlaPolicy();

    /// Adds or replaces a named calendar; returns its index.
    int add_calendar(const std::string& name, BusinessCalendar calendar);
    /// Adds a customer tier (no-op if known); returns its index.
    int add_tier(const std::string& name);
    /// Adds a target. Throws InputError at "/tier", "/calendar", "/priority",
    /// "/duration" or "/lateness_cost_per_second" (relative paths) when it
    /// names an unknown tier or calendar, has a priority outside the matrix,
    /// a non-positive duration or a negative cost, or repeats a cell.
    void add_target(SlaTarget target);
    /// Replaces the ladder; levels are sorted by percent. Throws InputError
    /// at "/<i>/percent" for a percent outside 1..1000.
    void set_escalation(std::vector<EscalationLevel> levels);
    void set_priority_matrix(PriorityMatrix m);

    /// The target for a cell, or nullptr when the policy sets none.
    const SlaTarget* find_target(int priority, const std::string& tier, SlaMetric metric) const;
    /// Index of a tier, -1 when unknown.
    int tier_index(const std::string& name) const;
    /// Index of a calendar, -1 when unknown.
    int calendar_index(const std::string& name) const;
    const BusinessCalendar& calendar(int index) const { return calendars_.at(static_cast<std::size_t>(index)); }
    const BusinessCalendar& calendar(const std::string& name) const;

    const std::vector<std::string>& tiers() const noexcept { return tiers_; }
    const std::vector<std::string>& calendar_names() const noexcept { return calendar_names_; }
    const std::vector<SlaTarget>& targets() const noexcept { return targets_; }
    const std::vector<EscalationLevel>& escalation() const noexcept { return escalation_; }
    const PriorityMatrix& priority_matrix() const noexcept { return matrix_; }

    /// Calendar index of target `t` (resolved once when added).
    int target_calendar(std::size_t t) const { return target_calendar_.at(t); }

private:
    void rebuild_lookup();
    std::vector<std::string> calendar_names_;
    std::vector<BusinessCalendar> calendars_;
    std::vector<std::string> tiers_;
    std::vector<SlaTarget> targets_;
    std::vector<int> target_calendar_;
    std::vector<EscalationLevel> escalation_;
    PriorityMatrix matrix_;
    int max_priority_ = 0;
    std::vector<int> lookup_;  // [(tier * (max_priority_ + 1) + priority) * 2 + metric] -> target index or -1
};

}  // namespace fsd
