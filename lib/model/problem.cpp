#include "fsd/model/problem.hpp"

#include "fsd/core/error.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

std::optional<Index> Problem::engineer_index(std::string_view id) const {
    auto it = engineer_ids_.find(std::string(id));
    if (it == engineer_ids_.end()) return std::nullopt;
    return it->second;
}

std::optional<Index> Problem::job_index(std::string_view id) const {
    auto it = job_ids_.find(std::string(id));
    if (it == job_ids_.end()) return std::nullopt;
    return it->second;
}

std::optional<Index> Problem::depot_index(std::string_view id) const {
    auto it = depot_ids_.find(std::string(id));
    if (it == depot_ids_.end()) return std::nullopt;
    return it->second;
}

Cost Problem::unassigned_cost(Index j) const {
    const Job& jb = job(j);
    if (jb.optional) return jb.penalty;
    return weights_.unassigned * (1 + jb.priority);
}

namespace {
constexpr std::pair<UnassignedReason, const char*> kReasonNames[] = {
    {UnassignedReason::no_qualified_engineer, "no_qualified_engineer"},
    {UnassignedReason::window_unreachable, "window_unreachable"},
    {UnassignedReason::capacity, "capacity"},
    {UnassignedReason::max_jobs, "max_jobs"},
    {UnassignedReason::shift_too_short, "shift_too_short"},
    {UnassignedReason::too_costly, "too_costly"},
    {UnassignedReason::not_inserted, "not_inserted"},
    {UnassignedReason::time_limit, "time_limit"},
    {UnassignedReason::parts_unavailable, "parts_unavailable"},
    {UnassignedReason::linked_visit_out, "linked_visit_out"},
};
}  // namespace

const char* to_string(UnassignedReason reason) noexcept {
    for (const auto& [r, name] : kReasonNames)
        if (r == reason) return name;
    return "not_inserted";
}

UnassignedReason unassigned_reason_from_string(const std::string& name) {
    for (const auto& [r, n] : kReasonNames)
        if (name == n) return r;
    throw InputError("", "unknown unassigned reason \"" + name + "\"");
}

}  // namespace fsd

namespace fsd {

const char* to_string(LinkEngineers engineers) noexcept {
    switch (engineers) {
        case LinkEngineers::any: return "any";
        case LinkEngineers::same: return "same";
        case LinkEngineers::different: return "different";
    }
    return "any";
}

}  // namespace fsd
