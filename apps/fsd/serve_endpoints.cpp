#include "serve_endpoints.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "fsd/assign/assign.hpp"
#include "fsd/assign/assign_json.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"
#include "fsd/evaluate.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/io/vroom_json.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/sla/sla_events_csv.hpp"
#include "fsd/sla/sla_json.hpp"
#include "fsd/sla/sla_status.hpp"
#include "fsd/sla/sla_time.hpp"
#include "fsd/triage/utf8.hpp"
#include "fsd/verify.hpp"
#include "serve_error.hpp"
#include "serve_jobs.hpp"

namespace fsdserve {

using nlohmann::json;

namespace {

// Sub-documents are handed to the library readers as text, so that each
// reader applies its own checks and names fields as it always does.
std::string member_text(const json& doc, const char* key) {
    const auto it = doc.find(key);
    if (it == doc.end()) throw HttpError(400, std::string("/") + key, std::string("missing \"") + key + "\"");
    if (!it->is_object()) throw HttpError(400, std::string("/") + key, std::string("\"") + key + "\" must be an object");
    return it->dump();
}

json body_object(const std::string& body) {
    json doc = parse_body(body);
    if (!doc.is_object()) throw HttpError(400, "", "the body must be a JSON object");
    return doc;
}

void refuse_unknown(const json& doc, std::initializer_list<const char*> known) {
    for (const auto& item : doc.items())
        if (std::none_of(known.begin(), known.end(), [&item](const char* k) { return item.key() == k; }))
            throw HttpError(400, "/" + item.key(), "unknown field \"" + item.key() + "\"");
}

double time_limit_value(const json& value, const std::string& path, double max_time_limit) {
    if (!value.is_number()) throw HttpError(400, path, "time_limit must be a number of seconds");
    const double t = value.get<double>();
    if (!std::isfinite(t) || t < 0) throw HttpError(400, path, "time_limit must be a finite number of seconds, 0 or more");
    if (t > max_time_limit)
        throw HttpError(400, path, "time_limit above this server's limit of " + std::to_string(max_time_limit) + " s");
    return t;
}

std::uint64_t seed_value(const json& value, const std::string& path) {
    if (!value.is_number_unsigned()) throw HttpError(400, path, "seed must be an integer, 0 or more");
    return value.get<std::uint64_t>();
}

// A query value as JSON (a number when it reads as one), so the checks above serve both.
json query_value(const std::string& text, const std::string& path) {
    if (text.empty()) throw HttpError(400, path, "empty value");
    try {
        const json v = json::parse(text);
        if (v.is_number()) return v;
    } catch (const json::exception&) {
    }
    throw HttpError(400, path, "expected a number, got \"" + text + "\"");
}

void read_options(const json* envelope, const QueryParams& query, double max_time_limit, double& time_limit,
                  std::uint64_t& seed) {
    if (const auto it = query.find("time_limit"); it != query.end())
        time_limit = time_limit_value(query_value(it->second, "?time_limit"), "?time_limit", max_time_limit);
    if (const auto it = query.find("seed"); it != query.end())
        seed = seed_value(query_value(it->second, "?seed"), "?seed");
    if (envelope == nullptr) return;
    if (const auto it = envelope->find("time_limit"); it != envelope->end())
        time_limit = time_limit_value(*it, "/time_limit", max_time_limit);
    if (const auto it = envelope->find("seed"); it != envelope->end()) seed = seed_value(*it, "/seed");
}

fsd::SolveOptions solve_options(double time_limit, std::uint64_t seed) {
    fsd::SolveOptions options;
    options.time_limit_seconds = time_limit;
    options.seed = seed;
    options.threads = 1;  // the server runs several requests at once; one search thread each
    return options;
}

void check_verified(const fsd::Problem& problem, const fsd::Solution& solution) {
    const fsd::VerifyReport report = fsd::verify(problem, solution);
    if (!report.ok())
        throw fsd::InternalError("the solver returned a plan that fails verification: " +
                                 report.violations.front().kind + ": " + report.violations.front().message);
}

json objective_json(const fsd::ObjectiveParts& o) {
    json out = {{"total", o.total()},   {"unassigned", o.unassigned}, {"lateness", o.lateness}, {"travel", o.travel},
                {"balance", o.balance}, {"preference", o.preference}, {"overtime", o.overtime}};
    // Only where it is priced, as in solution documents.
    if (o.max_lateness != 0) out["max_lateness"] = o.max_lateness;
    return out;
}

json label_json(const fsd::triage::LabelPrediction& p) {
    json terms = json::array();
    for (const auto& t : p.top_terms) terms.push_back({{"term", t.term}, {"weight", t.weight}});
    json out = {{"label", p.label}, {"probability", p.probability}, {"top_terms", terms}};
    if (!p.rule.empty()) out["rule"] = p.rule;
    return out;
}

}  // namespace

json parse_body(const std::string& text) {
    fsd::check_json_limits(text);
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        throw HttpError(400, "", std::string("the body is not valid JSON: ") + e.what());
    }
}

SolveRequest solve_request(const std::string& body, const QueryParams& query, double max_time_limit) {
    SolveRequest request;
    const json doc = body_object(body);
    const bool envelope = doc.contains("problem");
    if (envelope) {
        refuse_unknown(doc, {"problem", "time_limit", "seed", "stagnation"});
        request.problem = member_text(doc, "problem");
    } else {
        request.problem = body;
    }
    read_options(envelope ? &doc : nullptr, query, max_time_limit, request.time_limit, request.seed);
    json stagnation;
    if (const auto it = query.find("stagnation"); it != query.end()) stagnation = query_value(it->second, "?stagnation");
    if (envelope && doc.contains("stagnation")) stagnation = doc["stagnation"];
    if (!stagnation.is_null()) {
        if (!stagnation.is_number_integer() || stagnation.get<std::int64_t>() < -1)
            throw HttpError(400, envelope && doc.contains("stagnation") ? "/stagnation" : "?stagnation",
                            "stagnation must be an integer: -1 (automatic), 0 (never) or a number of iterations");
        request.stagnation = stagnation.get<std::int64_t>();
    }
    return request;
}

std::string solve_native(const fsd::Problem& problem, const SolveRequest& request, const std::atomic<bool>* cancel,
                         const std::function<void(const fsd::Progress&)>& on_progress) {
    fsd::SolveOptions options = solve_options(request.time_limit, request.seed);
    options.stagnation_limit = request.stagnation;
    options.cancel = cancel;
    options.on_progress = on_progress;
    const fsd::Solution solution = fsd::solve(problem, options);
    check_verified(problem, solution);
    return fsd::solution_to_json(problem, solution);
}

std::string solve_vroom(const SolveRequest& request) {
    const fsd::VroomInput input = fsd::vroom_from_json(request.problem);
    fsd::SolveOptions options = solve_options(request.time_limit, request.seed);
    options.stagnation_limit = request.stagnation;
    const fsd::Solution solution = fsd::solve(input.problem, options);
    check_verified(input.problem, solution);
    return fsd::vroom_output_json(input, solution, -1);
}

std::string verify_document(const std::string& body) {
    const json doc = body_object(body);
    refuse_unknown(doc, {"problem", "plan"});
    const fsd::Problem problem = fsd::problem_from_json(member_text(doc, "problem"));
    const fsd::Solution solution = fsd::solution_from_json(problem, member_text(doc, "plan"));
    const fsd::VerifyReport report = fsd::verify(problem, solution);
    json violations = json::array();
    for (const auto& v : report.violations)
        violations.push_back({{"kind", v.kind}, {"route", v.route}, {"step", v.step}, {"job", v.job}, {"message", v.message}});
    const json out = {{"ok", report.ok()}, {"violations", violations}, {"objective", objective_json(report.objective)}};
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string evaluate_document(const std::string& body, SolveLimiter& limiter, double max_time_limit) {
    const json doc = body_object(body);
    refuse_unknown(doc, {"problem", "plan", "solve", "time_limit", "seed"});
    bool compare = true;
    if (const auto it = doc.find("solve"); it != doc.end()) {
        if (!it->is_boolean()) throw HttpError(400, "/solve", "\"solve\" must be true or false");
        compare = it->get<bool>();
    }
    double time_limit = 1.0;
    std::uint64_t seed = 1;
    read_options(&doc, {}, max_time_limit, time_limit, seed);
    const fsd::Problem problem = fsd::problem_from_json(member_text(doc, "problem"));
    const fsd::Solution plan = fsd::plan_from_json(problem, member_text(doc, "plan"));
    if (!compare) return fsd::evaluation_to_json(problem, fsd::evaluate_plan(problem, plan));
    const SolveSlot slot = limiter.acquire();
    const fsd::PlanComparison cmp = fsd::compare_with_solver(problem, plan, solve_options(time_limit, seed));
    return fsd::evaluation_to_json(problem, cmp.given, &cmp);
}

std::string assign_document(const std::string& body, const QueryParams& query) {
    fsd::AssignBatch batch = fsd::assign_batch_from_json(body);
    if (const auto it = query.find("method"); it != query.end())
        batch.options.method = fsd::parse_assign_method(it->second, "?method");
    const fsd::AssignResult result = fsd::assign(batch.problem, batch.options);
    return fsd::assign_result_to_json(batch.problem, result, -1);
}

std::string sla_status_document(const std::string& body) {
    const json doc = body_object(body);
    refuse_unknown(doc, {"policy", "events", "at"});
    const fsd::SlaPolicy policy = fsd::sla_policy_from_json(member_text(doc, "policy"));
    const auto events = doc.find("events");
    if (events == doc.end() || !events->is_string())
        throw HttpError(400, "/events", "\"events\" must be the event CSV as a string (ticket,time,event,...)");
    const auto at = doc.find("at");
    if (at == doc.end()) throw HttpError(400, "/at", "missing \"at\", the reading instant (Unix seconds or ISO-8601)");
    fsd::Time reading = 0;
    if (at->is_number_integer()) {
        reading = at->get<fsd::Time>();
    } else if (at->is_string()) {
        reading = fsd::parse_sla_time(at->get<std::string>(), "/at");
    } else {
        throw HttpError(400, "/at", "\"at\" must be Unix seconds or an ISO-8601 string");
    }
    const auto rows = fsd::parse_sla_events_csv(events->get<std::string>());
    const auto table = fsd::sla_status_table(fsd::group_sla_events(rows, policy), policy, reading);
    json out = json::array();
    for (const auto& s : table) {
        const auto& c = s.clock;
        out.push_back({{"ticket", s.ticket}, {"metric", fsd::to_string(s.metric)}, {"cycle", s.cycle},
                       {"priority", s.priority}, {"tier", s.tier}, {"state", fsd::to_string(c.state)},
                       {"elapsed", c.elapsed}, {"paused", c.paused}, {"remaining", c.remaining},
                       {"deadline", c.deadline}, {"breached", c.breached}});
    }
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string triage_predict_document(const fsd::triage::TriageModel& model, const std::string& body) {
    const json doc = body_object(body);
    refuse_unknown(doc, {"texts", "text"});
    std::vector<std::string> texts;
    if (const auto it = doc.find("text"); it != doc.end()) {
        if (!it->is_string()) throw HttpError(400, "/text", "\"text\" must be a string");
        texts.push_back(it->get<std::string>());
    }
    if (const auto it = doc.find("texts"); it != doc.end()) {
        if (!it->is_array()) throw HttpError(400, "/texts", "\"texts\" must be an array of strings");
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_string()) throw HttpError(400, "/texts/" + std::to_string(i), "must be a string");
            texts.push_back((*it)[i].get<std::string>());
        }
    }
    if (texts.empty()) throw HttpError(400, "/texts", "give \"texts\" (an array) or \"text\"");
    const auto predictions = model.predict(texts);
    json out = json::array();
    for (std::size_t i = 0; i < predictions.size(); ++i)
        out.push_back({{"text", texts[i]},
                       {"category", label_json(predictions[i].category)},
                       {"skill", label_json(predictions[i].skill)}});
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

fsd::LivePlan live_plan_request(const std::string& body, SolveLimiter& limiter, double max_time_limit) {
    const json doc = body_object(body);
    const bool envelope = doc.contains("problem");
    if (envelope) refuse_unknown(doc, {"problem", "plan", "now", "time_limit", "seed"});
    const fsd::Problem problem = fsd::problem_from_json(envelope ? member_text(doc, "problem") : body);
    double time_limit = 1.0;
    std::uint64_t seed = 1;
    read_options(envelope ? &doc : nullptr, {}, max_time_limit, time_limit, seed);
    fsd::Time now = fsd::earliest_shift_start(problem);
    if (envelope)
        if (const auto it = doc.find("now"); it != doc.end()) {
            if (!it->is_number_integer()) throw HttpError(400, "/now", "\"now\" must be integer seconds");
            now = it->get<fsd::Time>();
        }
    fsd::Solution solution;
    if (envelope && doc.contains("plan")) {
        solution = fsd::solution_from_json(problem, member_text(doc, "plan"));
    } else {
        const SolveSlot slot = limiter.acquire();
        solution = fsd::solve(problem, solve_options(time_limit, seed));
    }
    return fsd::LivePlan(problem, solution, now);
}

}  // namespace fsdserve
