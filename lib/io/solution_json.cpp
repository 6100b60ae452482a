#include "fsd/io/solution_json.hpp"

#include <climits>

#include "fsd/core/error.hpp"
#include "instant_json.hpp"
#include "json_reader.hpp"

namespace fsd {
namespace {

using io_detail::child_path;
using io_detail::Json;
using io_detail::ObjectReader;

constexpr std::pair<StepKind, const char*> kStepNames[] = {
    {StepKind::start, "start"}, {StepKind::job, "job"},  {StepKind::break_, "break"},
    {StepKind::depot, "depot"}, {StepKind::end, "end"}};

const char* step_name(StepKind kind) {
    for (const auto& [k, name] : kStepNames)
        if (k == kind) return name;
    return "job";
}

// ---------------------------------------------------------------- reading

// A depot step's "pickup": {"tools": [...], "parts": {"name": count}}. Counts
// must be whole numbers > 0 and names non-empty; whether the depot lends or
// stocks them is the verifier's question, not the reader's, so a plan that
// picks up the wrong thing can still be read and reported.
void read_pickup(const Json& v, const std::string& path, Step& s) {
    ObjectReader r(v, path, {"tools", "parts"});
    if (const Json* x = r.get("tools")) {
        s.pickup_tools = io_detail::read_string_array(*x, r.path("tools"));
        for (size_t i = 0; i < s.pickup_tools.size(); ++i)
            if (s.pickup_tools[i].empty())
                throw InputError(child_path(r.path("tools"), i), "a tool name must not be empty");
    }
    if (const Json* x = r.get("parts")) {
        if (!x->is_object()) throw InputError(r.path("parts"), "expected an object of part names and counts");
        for (const auto& [name, count] : x->items()) {
            const std::string cp = child_path(r.path("parts"), name);
            if (name.empty()) throw InputError(cp, "a part name must not be empty");
            s.pickup_parts.push_back(PartCount{name, io_detail::read_int(count, cp, 1, INT64_MAX)});
        }
    }
}

// `times`: read the step's stated times and figures (a solution); a plan
// arranged by hand may state them or not, and they are not read.
Step read_step(const Problem& problem, const Engineer& engineer, const Json& v, const std::string& path, bool times) {
    ObjectReader r(v, path,
                   {"type", "id", "arrival", "start", "end", "waiting", "travel_time", "distance", "lateness", "load",
                    "pickup"});
    Step s;
    const std::string type = io_detail::read_string(r.require("type"), r.path("type"));
    bool known = false;
    for (const auto& [k, name] : kStepNames) {
        if (type == name) {
            s.kind = k;
            known = true;
        }
    }
    if (!known)
        throw InputError(r.path("type"),
                         "unknown step type \"" + type + "\"; use \"start\", \"job\", \"break\", \"depot\" or \"end\"");
    const Json* id = r.get("id");
    if (s.kind == StepKind::depot) {
        if (!id) throw InputError(path, "the field \"id\" is required for a depot step");
        const std::string name = io_detail::read_string(*id, r.path("id"));
        const auto d = problem.depot_index(name);
        if (!d) throw InputError(r.path("id"), "unknown depot id \"" + name + "\"");
        s.index = *d;
        if (const Json* p = r.get("pickup")) read_pickup(*p, r.path("pickup"), s);
    } else if (r.get("pickup")) {
        throw InputError(r.path("pickup"), "only a depot step picks up tools and parts");
    }
    if (s.kind == StepKind::job || s.kind == StepKind::break_) {
        if (!id) throw InputError(path, "the field \"id\" is required for a " + type + " step");
        const std::string name = io_detail::read_string(*id, r.path("id"));
        if (s.kind == StepKind::job) {
            const auto j = problem.job_index(name);
            if (!j) throw InputError(r.path("id"), "unknown job id \"" + name + "\"");
            s.index = *j;
        } else {
            for (size_t b = 0; b < engineer.breaks.size(); ++b)
                if (engineer.breaks[b].id == name) s.index = static_cast<Index>(b);
            if (s.index < 0)
                throw InputError(r.path("id"), "engineer \"" + engineer.id + "\" has no break with id \"" + name + "\"");
        }
    } else if (id && s.kind != StepKind::depot) {
        throw InputError(r.path("id"), "a " + type + " step has no id");
    }
    if (!times) return s;
    s.arrival = io_detail::read_time(r.require("arrival"), r.path("arrival"));
    s.start = io_detail::read_time(r.require("start"), r.path("start"));
    s.end = io_detail::read_time(r.require("end"), r.path("end"));
    if (const Json* x = r.get("waiting")) s.waiting = io_detail::read_duration(*x, r.path("waiting"));
    if (const Json* x = r.get("travel_time")) s.travel_time = io_detail::read_duration(*x, r.path("travel_time"));
    if (const Json* x = r.get("distance")) s.travel_distance = io_detail::read_int(*x, r.path("distance"));
    if (const Json* x = r.get("lateness")) s.lateness = io_detail::read_duration(*x, r.path("lateness"));
    if (const Json* x = r.get("load")) s.load = io_detail::read_int_array(*x, r.path("load"));
    return s;
}

Route read_route(const Problem& problem, const Json& v, const std::string& path, bool times = true) {
    ObjectReader r(v, path,
                   {"engineer", "shift", "travel_time", "distance", "service_time", "waiting_time", "working_time",
                    "lateness", "cost", "steps"});
    Route route;
    const std::string eng = io_detail::read_string(r.require("engineer"), r.path("engineer"));
    const auto e = problem.engineer_index(eng);
    if (!e) throw InputError(r.path("engineer"), "unknown engineer id \"" + eng + "\"");
    route.engineer = *e;
    const Engineer& engineer = problem.engineer(*e);
    if (const Json* sh = r.get("shift")) {
        const std::int64_t shift = io_detail::read_int(*sh, r.path("shift"));
        if (shift < 0 || shift >= static_cast<std::int64_t>(engineer.shifts.size()))
            throw InputError(r.path("shift"), "engineer \"" + eng + "\" has no shift " + std::to_string(shift) + " (it has " +
                                                  std::to_string(engineer.shifts.size()) + ", numbered from 0)");
        route.shift = static_cast<Index>(shift);
    }
    const Json& steps = io_detail::read_array(r.require("steps"), r.path("steps"));
    for (size_t i = 0; i < steps.size(); ++i)
        route.steps.push_back(read_step(problem, engineer, steps[i], child_path(r.path("steps"), i), times));
    if (!times) return route;
    if (const Json* x = r.get("travel_time")) route.travel_time = io_detail::read_duration(*x, r.path("travel_time"));
    if (const Json* x = r.get("distance")) route.distance = io_detail::read_int(*x, r.path("distance"));
    if (const Json* x = r.get("service_time")) route.service_time = io_detail::read_duration(*x, r.path("service_time"));
    if (const Json* x = r.get("waiting_time")) route.waiting_time = io_detail::read_duration(*x, r.path("waiting_time"));
    if (const Json* x = r.get("working_time")) route.working_time = io_detail::read_duration(*x, r.path("working_time"));
    if (const Json* x = r.get("lateness")) route.lateness = io_detail::read_duration(*x, r.path("lateness"));
    if (const Json* x = r.get("cost")) route.cost = io_detail::read_int(*x, r.path("cost"));
    return route;
}

UnassignedFix read_fix(const Json& v, const std::string& path) {
    ObjectReader r(v, path,
                   {"kind", "engineer", "skills", "minutes", "amount", "dimension", "cost", "item", "depot", "sentence"});
    UnassignedFix f;
    f.kind = io_detail::read_string(r.require("kind"), r.path("kind"));
    if (f.kind.empty()) throw InputError(r.path("kind"), "the kind of a fix must not be empty");
    if (const Json* x = r.get("engineer")) f.engineer = io_detail::read_string(*x, r.path("engineer"));
    if (const Json* x = r.get("skills")) {
        const Json& arr = io_detail::read_array(*x, r.path("skills"));
        for (size_t i = 0; i < arr.size(); ++i) {
            const std::string sp = child_path(r.path("skills"), i);
            ObjectReader sr(arr[i], sp, {"skill", "level"});
            FixSkill sk;
            sk.skill = io_detail::read_string(sr.require("skill"), sr.path("skill"));
            if (const Json* l = sr.get("level")) sk.level = static_cast<int>(io_detail::read_int(*l, sr.path("level"), 0, 1000000));
            f.skills.push_back(std::move(sk));
        }
    }
    if (const Json* x = r.get("minutes")) f.minutes = io_detail::read_int(*x, r.path("minutes"));
    if (const Json* x = r.get("amount")) f.amount = io_detail::read_int(*x, r.path("amount"));
    if (const Json* x = r.get("dimension")) f.dimension = static_cast<int>(io_detail::read_int(*x, r.path("dimension"), -1, 1000000));
    if (const Json* x = r.get("cost")) f.cost = io_detail::read_int(*x, r.path("cost"));
    if (const Json* x = r.get("item")) f.item = io_detail::read_string(*x, r.path("item"));
    if (const Json* x = r.get("depot")) f.depot = io_detail::read_string(*x, r.path("depot"));
    if (const Json* x = r.get("sentence")) f.sentence = io_detail::read_string(*x, r.path("sentence"));
    return f;
}

// Only the members that differ from their defaults are written; reading
// restores the defaults, so a plan round-trips exactly.
Json write_fix(const UnassignedFix& f) {
    Json j = Json::object();
    j["kind"] = f.kind;
    if (!f.engineer.empty()) j["engineer"] = f.engineer;
    if (!f.skills.empty()) {
        j["skills"] = Json::array();
        for (const FixSkill& s : f.skills) j["skills"].push_back(Json{{"skill", s.skill}, {"level", s.level}});
    }
    if (f.minutes != 0) j["minutes"] = f.minutes;
    if (f.amount != 0) j["amount"] = f.amount;
    if (f.dimension != -1) j["dimension"] = f.dimension;
    if (f.cost != 0) j["cost"] = f.cost;
    if (!f.item.empty()) j["item"] = f.item;
    if (!f.depot.empty()) j["depot"] = f.depot;
    j["sentence"] = f.sentence;
    return j;
}

Unassigned read_unassigned(const Problem& problem, const Json& v, const std::string& path) {
    ObjectReader r(v, path, {"id", "reason", "detail", "fix"});
    Unassigned u;
    const std::string id = io_detail::read_string(r.require("id"), r.path("id"));
    const auto j = problem.job_index(id);
    if (!j) throw InputError(r.path("id"), "unknown job id \"" + id + "\"");
    u.job = *j;
    const std::string reason = io_detail::read_string(r.require("reason"), r.path("reason"));
    try {
        u.reason = unassigned_reason_from_string(reason);
    } catch (const InputError& e) {
        throw InputError(r.path("reason"), e.message());
    }
    if (const Json* d = r.get("detail")) u.detail = io_detail::read_string(*d, r.path("detail"));
    if (const Json* f = r.get_nullable("fix")) u.fix = read_fix(*f, r.path("fix"));
    return u;
}

ObjectiveParts read_objective(const Json& v, const std::string& path) {
    ObjectReader r(v, path,
                   {"total", "unassigned", "lateness", "travel", "balance", "preference", "overtime", "max_lateness"});
    ObjectiveParts o;
    if (const Json* x = r.get("unassigned")) o.unassigned = io_detail::read_int(*x, r.path("unassigned"));
    if (const Json* x = r.get("lateness")) o.lateness = io_detail::read_int(*x, r.path("lateness"));
    if (const Json* x = r.get("travel")) o.travel = io_detail::read_int(*x, r.path("travel"));
    if (const Json* x = r.get("balance")) o.balance = io_detail::read_int(*x, r.path("balance"));
    if (const Json* x = r.get("preference")) o.preference = io_detail::read_int(*x, r.path("preference"));
    if (const Json* x = r.get("overtime")) o.overtime = io_detail::read_int(*x, r.path("overtime"));
    if (const Json* x = r.get("max_lateness")) o.max_lateness = io_detail::read_int(*x, r.path("max_lateness"));
    if (const Json* x = r.get("total")) {
        // The total is derived; a different value means the parts were edited
        // by hand or the file is inconsistent, and silently trusting either
        // number would hide that.
        const std::int64_t total = io_detail::read_int(*x, r.path("total"));
        std::int64_t sum = 0;
        const bool overflow = __builtin_add_overflow(o.unassigned, o.lateness, &sum) ||
                              __builtin_add_overflow(sum, o.travel, &sum) || __builtin_add_overflow(sum, o.balance, &sum) ||
                              __builtin_add_overflow(sum, o.preference, &sum) ||
                              __builtin_add_overflow(sum, o.overtime, &sum) ||
                              __builtin_add_overflow(sum, o.max_lateness, &sum);
        if (overflow) throw InputError(r.path("total"), "the parts of the objective add up to more than 2^63");
        if (total != sum)
            throw InputError(r.path("total"), "the total " + std::to_string(total) + " is not the sum of the parts (" +
                                                  std::to_string(sum) + ")");
    }
    return o;
}

/// The values of SolveStats::stop_reason besides "" (unknown).
constexpr const char* kStopReasons[] = {"time_limit", "iteration_limit", "stagnation", "cancelled", "interrupted"};

std::string read_stop_reason(const Json& v, const std::string& path) {
    const std::string reason = io_detail::read_string(v, path);
    if (reason.empty()) return reason;
    std::string known;
    for (const char* name : kStopReasons) {
        if (reason == name) return reason;
        known += std::string(known.empty() ? "\"" : ", \"") + name + "\"";
    }
    throw InputError(path, "unknown stop reason \"" + reason + "\"; use " + known + " or \"\"");
}

SolveStats read_stats(const Json& v, const std::string& path) {
    ObjectReader r(v, path, {"seconds", "iterations", "improvements", "seed", "solver", "stop_reason"});
    SolveStats s;
    if (const Json* x = r.get("seconds")) s.seconds = io_detail::read_double(*x, r.path("seconds"));
    if (const Json* x = r.get("iterations")) s.iterations = io_detail::read_int(*x, r.path("iterations"));
    if (const Json* x = r.get("improvements")) s.improvements = io_detail::read_int(*x, r.path("improvements"));
    if (const Json* x = r.get("seed")) s.seed = io_detail::read_uint64(*x, r.path("seed"));
    if (const Json* x = r.get("solver")) s.solver = io_detail::read_string(*x, r.path("solver"));
    if (const Json* x = r.get("stop_reason")) s.stop_reason = read_stop_reason(*x, r.path("stop_reason"));
    return s;
}

// ---------------------------------------------------------------- writing

Json write_step(const Problem& problem, const Engineer& engineer, const Step& s, const JsonWriteOptions& iso) {
    Json j = Json::object();
    j["type"] = step_name(s.kind);
    if (s.kind == StepKind::job) j["id"] = problem.job(s.index).id;
    if (s.kind == StepKind::break_) j["id"] = engineer.breaks.at(static_cast<size_t>(s.index)).id;
    if (s.kind == StepKind::depot) j["id"] = problem.depot(s.index).id;
    j["arrival"] = io_detail::write_instant(s.arrival, iso);
    j["start"] = io_detail::write_instant(s.start, iso);
    j["end"] = io_detail::write_instant(s.end, iso);
    j["waiting"] = s.waiting;
    j["travel_time"] = s.travel_time;
    j["distance"] = s.travel_distance;
    j["lateness"] = s.lateness;
    j["load"] = s.load;
    // Written only when there is something, so plans without depot stops read as before.
    if (s.kind == StepKind::depot && (!s.pickup_tools.empty() || !s.pickup_parts.empty())) {
        Json pickup = Json::object();
        if (!s.pickup_tools.empty()) pickup["tools"] = s.pickup_tools;
        if (!s.pickup_parts.empty()) {
            pickup["parts"] = Json::object();
            for (const PartCount& p : s.pickup_parts) pickup["parts"][p.part] = p.count;
        }
        j["pickup"] = std::move(pickup);
    }
    return j;
}

}  // namespace

Solution solution_from_json(const Problem& problem, std::string_view text) {
    const Json doc = io_detail::parse_json_text(text);
    io_detail::check_header(doc, "fsdispatch-solution");
    ObjectReader r(doc, "", {"format", "version", "objective", "routes", "unassigned", "stats"});
    Solution s;
    if (const Json* o = r.get("objective")) s.objective = read_objective(*o, r.path("objective"));
    if (const Json* routes = r.get("routes")) {
        const Json& arr = io_detail::read_array(*routes, r.path("routes"));
        for (size_t i = 0; i < arr.size(); ++i) s.routes.push_back(read_route(problem, arr[i], child_path(r.path("routes"), i)));
    }
    if (const Json* un = r.get("unassigned")) {
        const Json& arr = io_detail::read_array(*un, r.path("unassigned"));
        for (size_t i = 0; i < arr.size(); ++i)
            s.unassigned.push_back(read_unassigned(problem, arr[i], child_path(r.path("unassigned"), i)));
    }
    if (const Json* st = r.get("stats")) s.stats = read_stats(*st, r.path("stats"));
    return s;
}

Solution plan_from_json(const Problem& problem, std::string_view text) {
    const Json doc = io_detail::parse_json_text(text);
    io_detail::check_header(doc, "fsdispatch-solution");
    // The stated figures of a solver's plan are allowed and ignored.
    ObjectReader r(doc, "", {"format", "version", "objective", "routes", "unassigned", "stats"});
    Solution plan;
    if (const Json* routes = r.get("routes")) {
        const Json& arr = io_detail::read_array(*routes, "/routes");
        for (size_t i = 0; i < arr.size(); ++i)
            plan.routes.push_back(read_route(problem, arr[i], child_path("/routes", i), false));
    }
    return plan;
}

std::string solution_to_json(const Problem& problem, const Solution& solution, const JsonWriteOptions& options) {
    const auto& iso = options;
    Json doc = Json::object();
    doc["format"] = "fsdispatch-solution";
    doc["version"] = kFormatVersion;
    const auto& o = solution.objective;
    doc["objective"] = Json{{"total", o.total()},
                            {"unassigned", o.unassigned},
                            {"lateness", o.lateness},
                            {"travel", o.travel},
                            {"balance", o.balance}};
    // Left out when zero, so plans of problems without preferences read as before.
    if (o.preference != 0) doc["objective"]["preference"] = o.preference;
    if (o.overtime != 0) doc["objective"]["overtime"] = o.overtime;
    if (o.max_lateness != 0) doc["objective"]["max_lateness"] = o.max_lateness;
    doc["routes"] = Json::array();
    for (const auto& route : solution.routes) {
        const Engineer& engineer = problem.engineer(route.engineer);
        Json steps = Json::array();
        for (const auto& step : route.steps) steps.push_back(write_step(problem, engineer, step, iso));
        Json j = Json::object();
        j["engineer"] = engineer.id;
        j["shift"] = route.shift;
        j["travel_time"] = route.travel_time;
        j["distance"] = route.distance;
        j["service_time"] = route.service_time;
        j["waiting_time"] = route.waiting_time;
        j["working_time"] = route.working_time;
        j["lateness"] = route.lateness;
        j["cost"] = route.cost;
        j["steps"] = std::move(steps);
        doc["routes"].push_back(std::move(j));
    }
    doc["unassigned"] = Json::array();
    for (const auto& u : solution.unassigned) {
        Json j{{"id", problem.job(u.job).id}, {"reason", to_string(u.reason)}, {"detail", u.detail}};
        if (u.fix) j["fix"] = write_fix(*u.fix);
        doc["unassigned"].push_back(std::move(j));
    }
    const auto& st = solution.stats;
    doc["stats"] = Json{{"seconds", st.seconds},
                        {"iterations", st.iterations},
                        {"improvements", st.improvements},
                        {"seed", st.seed},
                        {"solver", st.solver}};
    // Left out when unknown, so plans of solvers that do not say read as before.
    if (!st.stop_reason.empty()) doc["stats"]["stop_reason"] = st.stop_reason;
    return io_detail::dump_json(doc, options.indent);
}

}  // namespace fsd
