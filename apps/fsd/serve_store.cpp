#include "serve_store.hpp"

#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <vector>

#include "fsd/core/error.hpp"

namespace fsdserve {

namespace {

// A prepared statement finalised on every path out, so an exception between
// prepare and step leaks nothing.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db));
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    void bind(int i, const std::string& text) {
        check(sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    }
    void bind(int i, std::int64_t value) { check(sqlite3_bind_int64(stmt_, i, value)); }
    /// true while a row is available
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    }
    std::string text(int column) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }

private:
    void check(int rc) const {
        if (rc != SQLITE_OK) throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

PlanStore::PlanStore(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        throw fsd::InputError(path, "cannot open the database: " + message);
    }
    sqlite3_busy_timeout(db_, 5000);
    try {
        // WAL lets readers of other processes (backups, sqlite3 shell) run beside
        // the writer; FULL syncs the WAL at each commit, the crash guarantee.
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("CREATE TABLE IF NOT EXISTS plans (id TEXT PRIMARY KEY, tenant TEXT NOT NULL, state TEXT NOT NULL, "
             "version INTEGER NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL)");
        exec("CREATE TABLE IF NOT EXISTS journal (plan TEXT NOT NULL REFERENCES plans(id), version INTEGER NOT NULL, "
             "event TEXT NOT NULL, outcome TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (plan, version))");
    } catch (const std::runtime_error& e) {
        // The file the user named is not a database we can use (another file type, read-only, corrupt).
        sqlite3_close(db_);
        throw fsd::InputError(path, e.what());
    }
}

PlanStore::~PlanStore() { sqlite3_close(db_); }

void PlanStore::exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error("SQLite: " + message);
    }
}

void PlanStore::create(const StoredPlan& plan, const std::string& origin) {
    const std::lock_guard<std::mutex> lock(mutex_);
    exec("BEGIN IMMEDIATE");
    try {
        const std::int64_t now = unix_now();
        Statement insert(db_, "INSERT INTO plans (id, tenant, state, version, created, updated) VALUES (?, ?, ?, 1, ?, ?)");
        insert.bind(1, plan.id);
        insert.bind(2, plan.tenant);
        insert.bind(3, plan.state);
        insert.bind(4, now);
        insert.bind(5, now);
        insert.step();
        Statement journal(db_, "INSERT INTO journal (plan, version, event, outcome, at) VALUES (?, 1, ?, '{}', ?)");
        journal.bind(1, plan.id);
        journal.bind(2, origin);
        journal.bind(3, now);
        journal.step();
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::optional<StoredPlan> PlanStore::load(const std::string& id) {
    const std::lock_guard<std::mutex> lock(mutex_);
    Statement select(db_, "SELECT tenant, state, version FROM plans WHERE id = ?");
    select.bind(1, id);
    if (!select.step()) return std::nullopt;
    return StoredPlan{id, select.text(0), select.text(1), select.integer(2)};
}

bool PlanStore::commit_event(const std::string& id, std::int64_t version, const std::string& event,
                             const std::string& outcome, const std::string& state) {
    const std::lock_guard<std::mutex> lock(mutex_);
    exec("BEGIN IMMEDIATE");
    try {
        const std::int64_t now = unix_now();
        Statement update(db_, "UPDATE plans SET state = ?, version = ?, updated = ? WHERE id = ? AND version = ?");
        update.bind(1, state);
        update.bind(2, version);
        update.bind(3, now);
        update.bind(4, id);
        update.bind(5, version - 1);
        update.step();
        if (sqlite3_changes(db_) != 1) {
            exec("ROLLBACK");
            return false;
        }
        Statement journal(db_, "INSERT INTO journal (plan, version, event, outcome, at) VALUES (?, ?, ?, ?, ?)");
        journal.bind(1, id);
        journal.bind(2, version);
        journal.bind(3, event);
        journal.bind(4, outcome);
        journal.bind(5, now);
        journal.step();
        exec("COMMIT");
        return true;
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::vector<JournalEntry> PlanStore::journal(const std::string& id) {
    const std::lock_guard<std::mutex> lock(mutex_);
    Statement select(db_, "SELECT version, event, outcome FROM journal WHERE plan = ? ORDER BY version");
    select.bind(1, id);
    std::vector<JournalEntry> out;
    while (select.step()) out.push_back({select.integer(0), select.text(1), select.text(2)});
    return out;
}

std::int64_t PlanStore::count() {
    const std::lock_guard<std::mutex> lock(mutex_);
    Statement select(db_, "SELECT COUNT(*) FROM plans");
    select.step();
    return select.integer(0);
}

}  // namespace fsdserve
