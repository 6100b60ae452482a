// The C interface (include/fsd/fsd_c.h): each call reads its JSON arguments
// with the library's own readers, runs the library and writes JSON back.
// This file only converts; the JSON read here is limited to what no library
// reader covers (the options object, SLA event rows) and the JSON written here
// to what no library writer covers (verify reports, SLA status rows).
#define FSD_C_BUILDING
#include "fsd/fsd_c.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <limits>
#include <new>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "fsd/assign/assign.hpp"
#include "fsd/assign/assign_json.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/evaluate.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/io/vroom_json.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/sla/sla_json.hpp"
#include "fsd/sla/sla_status.hpp"
#include "fsd/sla/sla_time.hpp"
#include "fsd/verify.hpp"

#ifndef FSD_C_VERSION
#error "capi/CMakeLists.txt defines FSD_C_VERSION as the project's version"
#endif

namespace {

using Json = nlohmann::ordered_json;

// An output parameter of a call and the name the caller knows it by.
struct Out {
    char** target;
    const char* name;
};

// Copies into memory from malloc, so that fsd_free is plain free() and a
// binding can release a text without knowing anything of C++.
char* copy_to_c(const std::string& text) {
    char* p = static_cast<char*>(std::malloc(text.size() + 1));
    if (p == nullptr) throw std::bad_alloc();
    std::memcpy(p, text.data(), text.size());
    p[text.size()] = '\0';
    return p;
}

// Writes the error document; a failure here (no memory) leaves *error_json
// NULL rather than letting an exception cross the C boundary.
void set_error(char** error_json, int status, const char* kind, const std::string& path,
               const std::string& message) noexcept {
    if (error_json == nullptr) return;
    try {
        const Json doc = {{"status", status}, {"kind", kind}, {"path", path}, {"message", message}};
        *error_json = copy_to_c(doc.dump(-1, ' ', false, Json::error_handler_t::replace));
    } catch (...) {
        *error_json = nullptr;
    }
}

// Runs one call: refuses NULL result pointers, clears them, maps every
// exception to a status and fills either all results or none.
int guarded(char** error_json, std::initializer_list<Out> outs, const std::function<std::vector<std::string>()>& body) {
    if (error_json != nullptr) *error_json = nullptr;
    for (const Out& o : outs)
        if (o.target != nullptr) *o.target = nullptr;
    try {
        for (const Out& o : outs)
            if (o.target == nullptr)
                throw fsd::InputError("", std::string(o.name) +
                                              " is NULL: pass the address of a char* to receive the result");
        const std::vector<std::string> texts = body();
        FSD_ASSERT(texts.size() == outs.size());
        std::vector<char*> copies;
        copies.reserve(texts.size());
        try {
            for (const std::string& t : texts) copies.push_back(copy_to_c(t));
        } catch (...) {
            for (char* p : copies) std::free(p);
            throw;
        }
        std::size_t i = 0;
        for (const Out& o : outs) *o.target = copies[i++];
        return FSD_OK;
    } catch (const fsd::InputError& e) {
        set_error(error_json, FSD_INPUT_ERROR, "input_error", e.path(), e.message());
        return FSD_INPUT_ERROR;
    } catch (const std::bad_alloc&) {
        set_error(error_json, FSD_OUT_OF_MEMORY, "out_of_memory", "", "out of memory");
        return FSD_OUT_OF_MEMORY;
    } catch (const std::system_error& e) {
        // As the CLI: a thread or another resource the system refused is not a bug.
        set_error(error_json, FSD_OUT_OF_MEMORY, "resource_refused", "",
                  std::string("the system refused a resource: ") + e.what());
        return FSD_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        set_error(error_json, FSD_INTERNAL_ERROR, "internal_error", "", e.what());
        return FSD_INTERNAL_ERROR;
    } catch (...) {
        set_error(error_json, FSD_INTERNAL_ERROR, "internal_error", "", "unknown exception");
        return FSD_INTERNAL_ERROR;
    }
}

std::string_view required(const char* text, const char* name) {
    if (text == nullptr) throw fsd::InputError("", std::string(name) + " is NULL: pass JSON text");
    return text;
}

// Parses text this file reads itself, with the same limits as every library
// reader; `root` is the path its fields are reported under ("/options").
Json parse_own_json(std::string_view text, const std::string& root) {
    try {
        fsd::check_json_limits(text);
    } catch (const fsd::InputError& e) {
        throw fsd::InputError(root + e.path(), e.message());
    }
    try {
        return Json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw fsd::InputError(root, std::string("not valid JSON: ") + e.what());
    }
}

std::int64_t integer_field(const Json& v, const std::string& path, std::int64_t min, std::int64_t max) {
    if (!v.is_number_integer()) throw fsd::InputError(path, "expected an integer, got " + std::string(v.type_name()));
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max))
        throw fsd::InputError(path, "must be at most " + std::to_string(max));
    const auto x = v.get<std::int64_t>();
    if (x < min || x > max)
        throw fsd::InputError(path, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return x;
}

// An instant as Unix seconds (a number) or text (seconds or ISO-8601 with an offset).
fsd::Time instant_field(const Json& v, const std::string& path) {
    if (v.is_string()) return fsd::parse_sla_time(v.get<std::string>(), path);
    return integer_field(v, path, -fsd::kTimeMax, fsd::kTimeMax);
}

// Which keys an options object may have besides the solve options.
struct OptionKeys {
    bool solve = true;     // time_limit ... decompose
    bool initial = false;  // a plan to start from
    bool now = false;      // the clock of a live plan
    bool compare = false;  // evaluate: solve too
};

// The options object of a call, read into the library's option types.
struct CallOptions {
    fsd::SolveOptions solve;
    std::optional<Json> initial;
    std::optional<fsd::Time> now;
    bool compare = false;
};

CallOptions read_options(const char* options_json, const OptionKeys& keys) {
    CallOptions out;
    if (options_json == nullptr) return out;
    const Json doc = parse_own_json(options_json, "/options");
    if (!doc.is_object()) throw fsd::InputError("/options", "expected an object, got " + std::string(doc.type_name()));
    const std::set<std::string> solve_keys = {"time_limit",       "seed",      "threads", "iteration_limit",
                                              "stagnation_limit", "algorithm", "decompose"};
    const std::int64_t int_max = std::numeric_limits<std::int64_t>::max();
    for (const auto& [key, v] : doc.items()) {
        const std::string path = "/options/" + key;
        // evaluate's comparison takes only the time limit and the seed of the solve options.
        const bool solve_key = keys.solve ? solve_keys.count(key) > 0
                                          : keys.compare && (key == "time_limit" || key == "seed");
        fsd::SolveOptions& s = out.solve;
        if (solve_key && key == "time_limit") {
            if (!v.is_number() || !(v.get<double>() >= 0.0) || v.get<double>() > 1e9)
                throw fsd::InputError(path, "expected seconds between 0 and 1e9");
            s.time_limit_seconds = v.get<double>();
        } else if (solve_key && key == "seed") {
            if (!v.is_number_unsigned()) throw fsd::InputError(path, "expected an integer of 0 or more");
            s.seed = v.get<std::uint64_t>();
        } else if (solve_key && key == "threads") {
            s.threads = static_cast<int>(integer_field(v, path, 1, 1 << 20));
        } else if (solve_key && key == "iteration_limit") {
            s.iteration_limit = integer_field(v, path, -1, int_max);
        } else if (solve_key && key == "stagnation_limit") {
            s.stagnation_limit = integer_field(v, path, -1, int_max);
        } else if (solve_key && key == "algorithm") {
            if (!v.is_string()) throw fsd::InputError(path, "expected \"auto\", \"ils\" or \"hgs\"");
            s.algorithm = fsd::parse_solve_algorithm(v.get<std::string>(), path);
        } else if (solve_key && key == "decompose") {
            if (!v.is_boolean()) throw fsd::InputError(path, "expected true or false");
            s.decompose = v.get<bool>();
        } else if (keys.initial && key == "initial") {
            if (!v.is_object()) throw fsd::InputError(path, "expected a plan object");
            out.initial = v;
        } else if (keys.now && key == "now") {
            out.now = instant_field(v, path);
        } else if (keys.compare && key == "compare") {
            if (!v.is_boolean()) throw fsd::InputError(path, "expected true or false");
            out.compare = v.get<bool>();
        } else {
            throw fsd::InputError(path, solve_keys.count(key) > 0 ? "not an option of this call" : "unknown option");
        }
    }
    return out;
}

// Plans the problem with `options`, starting from `initial` when given; the
// plan is checked by the independent verifier as `fsd solve` does.
fsd::Solution solve_checked(const fsd::Problem& problem, const CallOptions& options) {
    fsd::SolveOptions solve = options.solve;
    if (options.initial) {
        try {
            solve.initial_routes = fsd::initial_routes_from(fsd::solution_from_json(problem, options.initial->dump()));
        } catch (const fsd::InputError& e) {
            throw fsd::InputError("/options/initial" + e.path(), e.message());
        }
    }
    fsd::Solution solution = fsd::solve(problem, solve);
    if (!fsd::verify(problem, solution).ok())
        throw fsd::InternalError("the solver returned a plan that fails verification");
    return solution;
}

Json objective_json(const fsd::ObjectiveParts& o) {
    return {{"unassigned", o.unassigned}, {"lateness", o.lateness},     {"travel", o.travel},  {"balance", o.balance},
            {"preference", o.preference}, {"overtime", o.overtime}, {"total", o.total()}};
}

std::string verify_report_json(const fsd::Problem& problem, const fsd::VerifyReport& report) {
    Json violations = Json::array();
    for (const fsd::Violation& v : report.violations) {
        const bool known_job = v.job >= 0 && v.job < problem.num_jobs();
        violations.push_back({{"kind", v.kind},
                              {"route", v.route},
                              {"step", v.step},
                              {"job", known_job ? Json(problem.job(v.job).id) : Json(nullptr)},
                              {"message", v.message}});
    }
    const Json doc = {{"ok", report.ok()}, {"violations", violations}, {"objective", objective_json(report.objective)}};
    return doc.dump(2);
}

// The rows of the CLI's event CSV, as JSON objects.
std::vector<fsd::SlaEventRow> sla_event_rows(std::string_view text) {
    const Json doc = parse_own_json(text, "/events");
    if (!doc.is_array()) throw fsd::InputError("/events", "expected an array of events");
    std::vector<fsd::SlaEventRow> rows;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const std::string at = "/events/" + std::to_string(i);
        const Json& e = doc[i];
        if (!e.is_object()) throw fsd::InputError(at, "expected an event object");
        fsd::SlaEventRow row;
        bool has_ticket = false, has_time = false, has_event = false;
        for (const auto& [key, v] : e.items()) {
            const std::string path = at + "/" + key;
            if (key == "ticket") {
                if (!v.is_string() || v.get<std::string>().empty())
                    throw fsd::InputError(path, "expected the ticket's id as non-empty text");
                row.ticket = v.get<std::string>();
                has_ticket = true;
            } else if (key == "time") {
                row.time = instant_field(v, path);
                has_time = true;
            } else if (key == "event") {
                if (!v.is_string()) throw fsd::InputError(path, "expected the event's name as text");
                row.kind = fsd::parse_sla_event_kind(v.get<std::string>(), path);
                has_event = true;
            } else if (key == "priority") {
                row.priority = static_cast<int>(integer_field(v, path, 0, 1000));
            } else if (key == "impact") {
                row.impact = static_cast<int>(integer_field(v, path, 0, 1000));
            } else if (key == "urgency") {
                row.urgency = static_cast<int>(integer_field(v, path, 0, 1000));
            } else if (key == "tier") {
                if (!v.is_string()) throw fsd::InputError(path, "expected the tier's name as text");
                row.tier = v.get<std::string>();
            } else {
                throw fsd::InputError(path, "unknown field of an SLA event");
            }
        }
        if (!has_ticket) throw fsd::InputError(at + "/ticket", "missing: every event names its ticket");
        if (!has_time) throw fsd::InputError(at + "/time", "missing: every event has a time");
        if (!has_event) throw fsd::InputError(at + "/event", "missing: every event has a kind");
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string sla_status_json(const std::vector<fsd::SlaMetricStatus>& table) {
    Json rows = Json::array();
    for (const fsd::SlaMetricStatus& s : table) {
        const fsd::SlaClockReading& c = s.clock;
        rows.push_back({{"ticket", s.ticket},
                        {"metric", fsd::to_string(s.metric)},
                        {"cycle", s.cycle},
                        {"priority", s.priority},
                        {"tier", s.tier},
                        {"state", fsd::to_string(c.state)},
                        {"elapsed", c.elapsed},
                        {"paused", c.paused},
                        {"remaining", c.remaining},
                        // A clock without a deadline keeps kTimeMax inside; JSON says none.
                        {"deadline", c.deadline == fsd::kTimeMax ? Json(nullptr) : Json(c.deadline)},
                        {"breached", c.breached}});
    }
    return rows.dump(2);
}

}  // namespace

extern "C" {

const char* fsd_version(void) { return FSD_C_VERSION; }

void fsd_free(char* text) { std::free(text); }

int fsd_solve(const char* problem_json, const char* options_json, char** plan_json, char** error_json) {
    return guarded(error_json, {{plan_json, "plan_json"}}, [&]() -> std::vector<std::string> {
        const fsd::Problem problem = fsd::problem_from_json(required(problem_json, "problem_json"));
        const CallOptions options = read_options(options_json, {true, true, false, false});
        return {fsd::solution_to_json(problem, solve_checked(problem, options))};
    });
}

int fsd_verify(const char* problem_json, const char* plan_json, char** report_json, char** error_json) {
    return guarded(error_json, {{report_json, "report_json"}}, [&]() -> std::vector<std::string> {
        const fsd::Problem problem = fsd::problem_from_json(required(problem_json, "problem_json"));
        const fsd::Solution plan = fsd::solution_from_json(problem, required(plan_json, "plan_json"));
        return {verify_report_json(problem, fsd::verify(problem, plan))};
    });
}

int fsd_evaluate(const char* problem_json, const char* plan_json, const char* options_json, char** evaluation_json,
                 char** error_json) {
    return guarded(error_json, {{evaluation_json, "evaluation_json"}}, [&]() -> std::vector<std::string> {
        const fsd::Problem problem = fsd::problem_from_json(required(problem_json, "problem_json"));
        const fsd::Solution plan = fsd::plan_from_json(problem, required(plan_json, "plan_json"));
        const CallOptions options = read_options(options_json, {false, false, false, true});
        if (!options.compare) return {fsd::evaluation_to_json(problem, fsd::evaluate_plan(problem, plan))};
        const fsd::PlanComparison cmp = fsd::compare_with_solver(problem, plan, options.solve);
        return {fsd::evaluation_to_json(problem, cmp.given, &cmp)};
    });
}

int fsd_solve_vroom(const char* vroom_json, const char* options_json, char** output_json, char** error_json) {
    return guarded(error_json, {{output_json, "output_json"}}, [&]() -> std::vector<std::string> {
        const fsd::VroomInput input = fsd::vroom_from_json(required(vroom_json, "vroom_json"));
        const CallOptions options = read_options(options_json, {true, false, false, false});
        return {fsd::vroom_output_json(input, solve_checked(input.problem, options), 2)};
    });
}

int fsd_assign(const char* batch_json, char** result_json, char** error_json) {
    return guarded(error_json, {{result_json, "result_json"}}, [&]() -> std::vector<std::string> {
        const fsd::AssignBatch batch = fsd::assign_batch_from_json(std::string(required(batch_json, "batch_json")));
        return {fsd::assign_result_to_json(batch.problem, fsd::assign(batch.problem, batch.options))};
    });
}

int fsd_sla_status(const char* policy_json, const char* events_json, const char* at_time, char** status_json,
                   char** error_json) {
    return guarded(error_json, {{status_json, "status_json"}}, [&]() -> std::vector<std::string> {
        const fsd::SlaPolicy policy = fsd::sla_policy_from_json(std::string(required(policy_json, "policy_json")));
        const std::vector<fsd::SlaEventRow> rows = sla_event_rows(required(events_json, "events_json"));
        const fsd::Time at = fsd::parse_sla_time(required(at_time, "at_time"), "/at");
        return {sla_status_json(fsd::sla_status_table(fsd::group_sla_events(rows, policy), policy, at))};
    });
}

int fsd_live_plan_init(const char* problem_json, const char* plan_json, const char* options_json, char** live_json,
                       char** error_json) {
    return guarded(error_json, {{live_json, "live_json"}}, [&]() -> std::vector<std::string> {
        const fsd::Problem problem = fsd::problem_from_json(required(problem_json, "problem_json"));
        const CallOptions options = read_options(options_json, {true, false, true, false});
        const fsd::Solution solution =
            plan_json != nullptr ? fsd::solution_from_json(problem, plan_json) : solve_checked(problem, options);
        const fsd::LivePlan plan(problem, solution, options.now.value_or(fsd::earliest_shift_start(problem)));
        return {fsd::live_plan_to_json(plan)};
    });
}

int fsd_live_plan_apply(const char* live_json, const char* event_json, char** new_live_json, char** outcome_json,
                        char** error_json) {
    return guarded(error_json, {{new_live_json, "new_live_json"}, {outcome_json, "outcome_json"}},
                   [&]() -> std::vector<std::string> {
                       fsd::LivePlan plan = fsd::live_plan_from_json(required(live_json, "live_json"));
                       std::string outcome = fsd::apply_event_json(plan, required(event_json, "event_json"));
                       return {fsd::live_plan_to_json(plan), std::move(outcome)};
                   });
}

}  // extern "C"
