#pragma once
// The stateless endpoints of `fsd serve`: JSON body in, JSON document out,
// each one a thin shell around the library function its CLI command uses.
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "fsd/dispatch/live_plan.hpp"
#include "fsd/route/solve_options.hpp"
#include "fsd/triage/triage_model.hpp"

namespace fsdserve {

class SolveLimiter;

/// Query parameters of a request (name to value, the first if repeated).
using QueryParams = std::map<std::string, std::string>;

/// Parses a request body after fsd::check_json_limits; malformed JSON is an
/// HttpError 400 whose message says where the parser stopped.
nlohmann::json parse_body(const std::string& text);

/// A solve asked for by POST /solve, POST / or POST /jobs: the problem text
/// and the search options. The body is the problem itself, or an envelope
/// {"problem": {...}, "time_limit": S, "seed": N, "stagnation": K}; the
/// envelope's options win over the query's (?time_limit=S&seed=N&stagnation=K),
/// both over the defaults (1 s, seed 1, automatic stagnation limit).
struct SolveRequest {
    std::string problem;
    double time_limit = 1.0;
    std::uint64_t seed = 1;
    std::int64_t stagnation = -1;  ///< as SolveOptions::stagnation_limit: -1 automatic, 0 never
};

/// Reads a solve request; time limits above `max_time_limit` are refused (400).
SolveRequest solve_request(const std::string& body, const QueryParams& query, double max_time_limit);

/// Solves a native problem (read from request.problem by the caller, so an
/// asynchronous solve refuses bad input before it answers 202; one search thread) and returns the plan JSON as
/// `fsd solve` writes it; the plan is verified first (a failure is an
/// InternalError, a 500). `control` hooks a job's cancel flag and progress.
std::string solve_native(const fsd::Problem& problem, const SolveRequest& request, const std::atomic<bool>* cancel,
                         const std::function<void(const fsd::Progress&)>& on_progress);
/// Solves a VROOM input and returns VROOM's output (docs/vroom.md).
std::string solve_vroom(const SolveRequest& request);

/// POST /verify: body {"problem": {...}, "plan": {...}}; answers {"ok",
/// "violations": [{kind, route, step, job, message}], "objective": {...}}.
std::string verify_document(const std::string& body);
/// POST /evaluate: body {"problem", "plan", "solve": true, "time_limit", "seed"};
/// answers the evaluation JSON of `fsd evaluate --json` (with the solver's
/// comparison unless "solve" is false; that solve takes a slot of `limiter`).
std::string evaluate_document(const std::string& body, SolveLimiter& limiter, double max_time_limit);
/// POST /assign: body a batch (docs/assign.md), ?method=exact|greedy; answers
/// the result JSON of `fsd assign --json` (instants as integers).
std::string assign_document(const std::string& body, const QueryParams& query);
/// POST /sla/status: body {"policy": {...}, "events": "CSV text", "at":
/// seconds or ISO-8601}; answers the rows of `fsd sla status --json`.
std::string sla_status_document(const std::string& body);
/// POST /triage/predict: body {"texts": [...]} or {"text": "..."}; answers the
/// predictions of `fsd triage predict --json`.
std::string triage_predict_document(const fsd::triage::TriageModel& model, const std::string& body);

/// A live plan asked for by POST /plans: the body is a problem, or an
/// envelope {"problem", "plan"?, "now"?, "time_limit"?, "seed"?}. Without a
/// plan the problem is solved (taking a slot of `limiter`); without "now" the
/// day starts at the earliest shift start, as `fsd dispatch-init` does.
fsd::LivePlan live_plan_request(const std::string& body, SolveLimiter& limiter, double max_time_limit);

}  // namespace fsdserve
