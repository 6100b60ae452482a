#pragma once
// Live plans as resources of `fsd serve`: created from a problem, changed by
// events, each change committed with its journal entry before it is answered.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>

#include "fsd/dispatch/live_plan.hpp"
#include "serve_store.hpp"

namespace fsdserve {

/// What an accepted event gave: the plan's new version and the outcome JSON
/// of fsd::apply_event_json.
struct EventAnswer {
    std::int64_t version = 0;
    std::string outcome;
};

/// The live plans of one server: the SQLite store plus the plans in use kept
/// in memory. Events on one plan are applied one at a time (a mutex per
/// plan); events on different plans run side by side.
class LivePlans {
public:
    explicit LivePlans(PlanStore& store) : store_(store) {}

    /// Stores a new plan of `tenant` (version 1) and returns its id.
    std::string create(const std::string& tenant, fsd::LivePlan plan, const std::string& origin);
    /// The plan's live_plan_to_json document and its version; HttpError 404
    /// when there is no such plan for this tenant (another tenant's id too).
    std::pair<std::string, std::int64_t> state(const std::string& tenant, const std::string& id);
    /// Applies one event document. A refused event (InputError: 400) or a
    /// stale `expected_version` (409) changes nothing; an accepted one is
    /// committed with its journal entry before this returns.
    EventAnswer apply(const std::string& tenant, const std::string& id, const std::string& event,
                      std::optional<std::int64_t> expected_version);
    /// The plan's journal (versions, events, outcomes), oldest first.
    std::vector<JournalEntry> journal(const std::string& tenant, const std::string& id);

private:
    struct Entry {
        std::mutex mutex;  // held while an event is applied and committed
        std::string tenant;
        std::optional<fsd::LivePlan> plan;
        std::string state;
        std::int64_t version = 0;
    };
    std::shared_ptr<Entry> entry(const std::string& tenant, const std::string& id);
    std::string new_id();

    PlanStore& store_;
    std::mutex mutex_;  // guards entries_ and random_
    std::unordered_map<std::string, std::shared_ptr<Entry>> entries_;
    std::mt19937_64 random_{std::random_device{}()};
};

}  // namespace fsdserve
