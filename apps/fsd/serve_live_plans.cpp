#include "serve_live_plans.hpp"

#include <fmt/format.h>

#include "fsd/io/live_plan_json.hpp"
#include "serve_error.hpp"

namespace fsdserve {

std::string LivePlans::new_id() {
    const std::lock_guard<std::mutex> lock(mutex_);
    // 96 random bits: ids are not guessable, and not sequential across tenants.
    return fmt::format("p{:016x}{:08x}", random_(), static_cast<std::uint32_t>(random_()));
}

std::string LivePlans::create(const std::string& tenant, fsd::LivePlan plan, const std::string& origin) {
    auto e = std::make_shared<Entry>();
    e->tenant = tenant;
    e->state = fsd::live_plan_to_json(plan);
    e->version = 1;
    e->plan.emplace(std::move(plan));
    const std::string id = new_id();
    store_.create({id, tenant, e->state, 1}, origin);
    const std::lock_guard<std::mutex> lock(mutex_);
    entries_[id] = e;
    return id;
}

std::shared_ptr<LivePlans::Entry> LivePlans::entry(const std::string& tenant, const std::string& id) {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        const auto it = entries_.find(id);
        if (it != entries_.end()) {
            if (it->second->tenant != tenant) throw HttpError(404, "", "no plan " + id);
            return it->second;
        }
    }
    // Not in memory (e.g. after a restart): load it from the store. Two
    // requests may load it at once; the first to register wins.
    const std::optional<StoredPlan> stored = store_.load(id);
    if (!stored || stored->tenant != tenant) throw HttpError(404, "", "no plan " + id);
    auto e = std::make_shared<Entry>();
    e->tenant = stored->tenant;
    e->state = stored->state;
    e->version = stored->version;
    e->plan.emplace(fsd::live_plan_from_json(stored->state));
    const std::lock_guard<std::mutex> lock(mutex_);
    return entries_.emplace(id, e).first->second;
}

std::pair<std::string, std::int64_t> LivePlans::state(const std::string& tenant, const std::string& id) {
    const auto e = entry(tenant, id);
    const std::lock_guard<std::mutex> lock(e->mutex);
    return {e->state, e->version};
}

EventAnswer LivePlans::apply(const std::string& tenant, const std::string& id, const std::string& event,
                             std::optional<std::int64_t> expected_version) {
    const auto e = entry(tenant, id);
    const std::lock_guard<std::mutex> lock(e->mutex);
    if (expected_version && *expected_version != e->version)
        throw HttpError(409, "", fmt::format("plan {} is at version {}, not {}", id, e->version, *expected_version));
    // Applied to a copy: if the commit fails, the plan in memory stays what the store holds.
    fsd::LivePlan next = *e->plan;
    fsd::JsonWriteOptions one_line;
    one_line.indent = -1;  // the outcome is embedded in the answer and stored in the journal
    std::string outcome = fsd::apply_event_json(next, event, one_line);
    std::string state = fsd::live_plan_to_json(next);
    const std::int64_t version = e->version + 1;
    if (!store_.commit_event(id, version, event, outcome, state))
        throw HttpError(409, "", "plan " + id + " was changed by another server on the same database");
    e->plan.emplace(std::move(next));
    e->state = std::move(state);
    e->version = version;
    return {version, std::move(outcome)};
}

std::vector<JournalEntry> LivePlans::journal(const std::string& tenant, const std::string& id) {
    const auto e = entry(tenant, id);
    const std::lock_guard<std::mutex> lock(e->mutex);
    return store_.journal(id);
}

}  // namespace fsdserve
