#pragma once
// The HTTP side of `fsd serve`: routes, authentication, errors as JSON,
// request ids, logs and metrics around the endpoints (docs/serve.md).
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "serve_auth.hpp"
#include "serve_jobs.hpp"
#include "serve_live_plans.hpp"
#include "serve_metrics.hpp"
#include "serve_options.hpp"
#include "serve_store.hpp"

namespace httplib {
class Server;
class Request;
struct Response;
}  // namespace httplib

namespace fsd::triage {
class TriageModel;
}

namespace fsdserve {

struct SolveRequest;

/// Files the server hands out as they are: the dispatch board page and the
/// OpenAPI document (embedded in the binary by apps/fsd/CMakeLists.txt).
struct ServeAssets {
    std::string board_html;
    std::string openapi_json;
};

/// One dispatch service. Construction opens the database, reads the key file
/// and the triage model (InputError when one is bad); bind() takes the port;
/// run() answers requests until stop() is called from another thread.
class Server {
public:
    Server(const ServeOptions& options, ServeAssets assets);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds the listening socket; returns the port (the chosen one for port 0).
    /// Throws std::system_error when the address cannot be bound.
    int bind();
    /// Answers requests until stop(); false when listening failed.
    bool run();
    /// Makes run() return (callable from any thread); running solves are cancelled.
    void stop();
    /// Number of API keys configured (0: no authentication).
    std::size_t api_keys() const { return keys_.size(); }

private:
    class Call;
    using Action = std::function<void(Call&)>;
    void route(const char* method, const char* pattern, bool authenticated, Action action);
    void add_routes();
    /// Starts an asynchronous solve and answers 202 with its job id.
    void start_job(Call& call, const SolveRequest& request);
    std::string tenant_of(const httplib::Request& req) const;
    std::string random_id(char prefix);
    void log_and_count(const httplib::Request& req, const httplib::Response& res);

    ServeOptions options_;
    ServeAssets assets_;
    ApiKeys keys_;
    std::unique_ptr<fsd::triage::TriageModel> triage_;
    PlanStore store_;
    LivePlans plans_{store_};
    Metrics metrics_;
    SolveLimiter limiter_;
    SolveJobs jobs_;  // after limiter_: its threads give their slots back to it when it is destroyed
    std::mutex mutex_;  // guards random_ and started_
    std::mt19937_64 random_{std::random_device{}()};
    std::map<const httplib::Response*, std::chrono::steady_clock::time_point> started_;
    int listen_socket_ = -1;  // the listening socket, seen when httplib sets its options
    std::atomic<bool> stopping_{false};  // cancel flag of synchronous solves, set by stop()
    std::unique_ptr<httplib::Server> http_;  // last: stopped and destroyed first
};

}  // namespace fsdserve
