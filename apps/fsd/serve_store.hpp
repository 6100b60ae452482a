#pragma once
// The SQLite file behind `fsd serve`: live plans (tenant, current state,
// version) and the journal of the events that made each version.
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace fsdserve {

/// One live plan as stored: its state is the live_plan_to_json document.
struct StoredPlan {
    std::string id;
    std::string tenant;
    std::string state;
    std::int64_t version = 0;
};

/// One journal row: the event that turned version-1 into version.
struct JournalEntry {
    std::int64_t version = 0;
    std::string event;
    std::string outcome;
};

/// Plans and journal in one SQLite database in WAL mode with synchronous=FULL,
/// so that a change whose transaction has committed survives a killed process
/// (and a power cut). Calls are serialised on one connection; failures of the
/// database itself throw std::runtime_error (a 500, never bad input).
class PlanStore {
public:
    /// Opens or creates the database file and its tables; InputError naming
    /// the file when it cannot be opened or is not a usable database.
    explicit PlanStore(const std::string& path);
    ~PlanStore();
    PlanStore(const PlanStore&) = delete;
    PlanStore& operator=(const PlanStore&) = delete;

    /// Stores a new plan at version 1; its journal starts with `origin`
    /// (how it was made) so the journal alone tells the plan's history.
    void create(const StoredPlan& plan, const std::string& origin);
    /// The plan with this id, whatever its tenant (callers check the tenant).
    std::optional<StoredPlan> load(const std::string& id);
    /// In one transaction: the plan's state becomes `state` at `version`,
    /// provided it is now at version - 1, and the event joins the journal.
    /// Returns false (and changes nothing) when the stored version differs.
    bool commit_event(const std::string& id, std::int64_t version, const std::string& event,
                      const std::string& outcome, const std::string& state);
    /// The journal of a plan, oldest first.
    std::vector<JournalEntry> journal(const std::string& id);
    /// Number of plans stored (for /metrics).
    std::int64_t count();

private:
    void exec(const char* sql);
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

}  // namespace fsdserve
