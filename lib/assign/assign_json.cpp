#include "fsd/assign/assign_json.hpp"

#include <cmath>
#include <initializer_list>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>

#include "fsd/core/error.hpp"
#include "fsd/core/json_limits.hpp"
#include "fsd/core/iso_time.hpp"

namespace fsd {
namespace {

// Insertion-ordered so written documents keep the order of docs/assign.md.
using Json = nlohmann::ordered_json;

constexpr std::string_view kFormat = "fsdispatch-assign";
constexpr std::string_view kResultFormat = "fsdispatch-assign-result";

Json parse(const std::string& text) {
    check_json_limits(text);
    try {
        return Json::parse(text);
    } catch (const Json::exception& e) {
        throw InputError("", std::string("not valid JSON: ") + e.what());
    }
}

std::string at(const std::string& path, std::string_view key) { return path + "/" + std::string(key); }
std::string at(const std::string& path, std::size_t index) { return path + "/" + std::to_string(index); }

// Misspelt fields would otherwise be ignored silently.
void only_fields(const Json& j, const std::string& path, std::initializer_list<std::string_view> allowed) {
    if (!j.is_object()) throw InputError(path, "expected an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        bool known = false;
        for (auto a : allowed) known = known || it.key() == a;
        if (!known) throw InputError(at(path, it.key()), "unknown field \"" + it.key() + "\"");
    }
}

// A field that is present and not null, else nullptr.
const Json* field(const Json& j, std::string_view key) {
    const auto it = j.find(std::string(key));
    return it == j.end() || it->is_null() ? nullptr : &*it;
}

const Json& required(const Json& j, const std::string& path, std::string_view key) {
    const Json* f = field(j, key);
    if (!f) throw InputError(at(path, key), "this field is required");
    return *f;
}

std::int64_t read_int(const Json& v, const std::string& path, std::int64_t lo, std::int64_t hi) {
    std::int64_t x = 0;
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            throw InputError(path, "the number is too large");
        x = static_cast<std::int64_t>(u);
    } else if (v.is_number_integer()) {
        x = v.get<std::int64_t>();
    } else if (v.is_number_float()) {
        const double d = v.get<double>();
        if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15)
            throw InputError(path, "expected a whole number");
        x = static_cast<std::int64_t>(d);
    } else {
        throw InputError(path, "expected a whole number");
    }
    if (x < lo || x > hi)
        throw InputError(path, "expected a whole number between " + std::to_string(lo) + " and " + std::to_string(hi));
    return x;
}

double read_double(const Json& v, const std::string& path) {
    if (!v.is_number()) throw InputError(path, "expected a number");
    const double d = v.get<double>();
    if (!std::isfinite(d)) throw InputError(path, "expected a finite number");
    return d;
}

std::string read_string(const Json& v, const std::string& path) {
    if (!v.is_string()) throw InputError(path, "expected a string");
    return v.get<std::string>();
}

Time read_time(const Json& v, const std::string& path) {
    if (v.is_string()) return parse_iso8601(v.get<std::string>(), path);
    return read_int(v, path, -1'000'000'000'000'000, 1'000'000'000'000'000);
}

const Json& read_array(const Json& v, const std::string& path) {
    if (!v.is_array()) throw InputError(path, "expected an array");
    return v;
}

std::vector<std::string> read_ids(const Json& v, const std::string& path) {
    std::vector<std::string> ids;
    const auto& a = read_array(v, path);
    for (std::size_t i = 0; i < a.size(); ++i) ids.push_back(read_string(a[i], at(path, i)));
    return ids;
}

Location read_location(const Json& v, const std::string& path) {
    only_fields(v, path, {"lat", "lon"});
    Location l;
    l.coords = Coordinates{read_double(required(v, path, "lat"), at(path, "lat")),
                           read_double(required(v, path, "lon"), at(path, "lon"))};
    return l;
}

AssignTicket read_ticket(const Json& v, const std::string& path) {
    only_fields(v, path, {"id", "location", "skills", "priority", "sla_deadline", "duration", "allowed_engineers",
                          "forbidden_engineers"});
    AssignTicket t;
    t.id = read_string(required(v, path, "id"), at(path, "id"));
    if (const Json* f = field(v, "location")) t.location = read_location(*f, at(path, "location"));
    if (const Json* f = field(v, "skills")) {
        const std::string sp = at(path, "skills");
        const auto& a = read_array(*f, sp);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string p = at(sp, i);
            only_fields(a[i], p, {"skill", "min_level"});
            SkillRequirement r;
            r.skill = read_string(required(a[i], p, "skill"), at(p, "skill"));
            if (const Json* l = field(a[i], "min_level")) r.min_level = static_cast<int>(read_int(*l, at(p, "min_level"), 0, 1000));
            t.skills.push_back(r);
        }
    }
    if (const Json* f = field(v, "priority")) t.priority = static_cast<int>(read_int(*f, at(path, "priority"), 0, 100));
    if (const Json* f = field(v, "sla_deadline")) t.sla_deadline = read_time(*f, at(path, "sla_deadline"));
    if (const Json* f = field(v, "duration")) t.duration = read_int(*f, at(path, "duration"), 0, 1'000'000'000);
    if (const Json* f = field(v, "allowed_engineers")) t.allowed_engineers = read_ids(*f, at(path, "allowed_engineers"));
    if (const Json* f = field(v, "forbidden_engineers")) t.forbidden_engineers = read_ids(*f, at(path, "forbidden_engineers"));
    return t;
}

AssignEngineer read_engineer(const Json& v, const std::string& path, Time now) {
    only_fields(v, path, {"id", "position", "available_from", "skills", "capacity", "workload", "speed_factor"});
    AssignEngineer e;
    e.id = read_string(required(v, path, "id"), at(path, "id"));
    if (const Json* f = field(v, "position")) e.position = read_location(*f, at(path, "position"));
    e.available_from = now;
    if (const Json* f = field(v, "available_from")) e.available_from = read_time(*f, at(path, "available_from"));
    if (const Json* f = field(v, "skills")) {
        const std::string sp = at(path, "skills");
        const auto& a = read_array(*f, sp);
        for (std::size_t i = 0; i < a.size(); ++i) {
            const std::string p = at(sp, i);
            only_fields(a[i], p, {"skill", "level"});
            SkillLevel s;
            s.skill = read_string(required(a[i], p, "skill"), at(p, "skill"));
            if (const Json* l = field(a[i], "level")) s.level = static_cast<int>(read_int(*l, at(p, "level"), 0, 1000));
            e.skills.push_back(s);
        }
    }
    if (const Json* f = field(v, "capacity")) e.capacity = static_cast<int>(read_int(*f, at(path, "capacity"), 0, 1'000'000));
    if (const Json* f = field(v, "workload")) e.workload = read_int(*f, at(path, "workload"), 0, 1'000'000'000);
    if (const Json* f = field(v, "speed_factor")) e.speed_factor = read_double(*f, at(path, "speed_factor"));
    return e;
}

// Rows are tickets, one entry per engineer.
std::vector<std::int64_t> read_matrix(const Json& v, const std::string& path, std::size_t rows, std::size_t cols,
                                      std::int64_t hi) {
    const auto& a = read_array(v, path);
    if (a.size() != rows)
        throw InputError(path, "expected one row per ticket (" + std::to_string(rows) + "), got " + std::to_string(a.size()));
    std::vector<std::int64_t> out;
    out.reserve(rows * cols);
    for (std::size_t r = 0; r < rows; ++r) {
        const auto& row = read_array(a[r], at(path, r));
        if (row.size() != cols)
            throw InputError(at(path, r), "expected one entry per engineer (" + std::to_string(cols) + "), got " +
                                              std::to_string(row.size()));
        for (std::size_t c = 0; c < cols; ++c) out.push_back(read_int(row[c], at(at(path, r), c), 0, hi));
    }
    return out;
}

void read_options(const Json& v, AssignOptions& o) {
    const std::string path = "/options";
    only_fields(v, path, {"method", "eta_weight", "lateness_weight", "balance_weight", "per_ticket_time",
                          "leave_out_base", "leave_out_per_priority", "leave_out_urgency_weight", "urgency_horizon"});
    if (const Json* f = field(v, "method")) o.method = parse_assign_method(read_string(*f, at(path, "method")), at(path, "method"));
    auto number = [&](std::string_view key, std::int64_t& target, std::int64_t hi) {
        if (const Json* f = field(v, key)) target = read_int(*f, at(path, key), 0, hi);
    };
    number("eta_weight", o.eta_weight, 1'000'000);
    number("lateness_weight", o.lateness_weight, 1'000'000);
    number("balance_weight", o.balance_weight, 1'000'000);
    number("per_ticket_time", o.per_ticket_time, 1'000'000'000);
    number("leave_out_base", o.leave_out_base, kAssignmentCostLimit / 4);
    number("leave_out_per_priority", o.leave_out_per_priority, 1'000'000'000);
    number("leave_out_urgency_weight", o.leave_out_urgency_weight, 1'000'000);
    number("urgency_horizon", o.urgency_horizon, 1'000'000'000);
}

Json location_json(const Location& l) {
    Json j = Json::object();
    if (l.coords) {
        j["lat"] = l.coords->lat;
        j["lon"] = l.coords->lon;
    }
    return j;
}

Json time_json(Time t, std::optional<int> iso_offset) {
    // Keep instants outside years 0000-9999 as integers so they read back exactly.
    constexpr Time kYear0 = -62167219200, kYear10000 = 253402300800;
    if (iso_offset && t >= kYear0 + 86400 && t < kYear10000 - 86400) return format_iso8601(t, *iso_offset);
    return t;
}

}  // namespace

AssignBatch assign_batch_from_json(const std::string& text) {
    const Json j = parse(text);
    if (!j.is_object()) throw InputError("", "expected a JSON object");
    // Format and version first, so a newer document is refused for its version.
    const std::string format = read_string(required(j, "", "format"), "/format");
    if (format != kFormat) throw InputError("/format", "expected \"fsdispatch-assign\", got \"" + format + "\"");
    const auto version = read_int(required(j, "", "version"), "/version", 0, 1'000'000);
    if (version != 1) throw InputError("/version", "only version 1 is known, got " + std::to_string(version));
    only_fields(j, "", {"format", "version", "now", "tickets", "engineers", "travel", "travel_matrix", "options"});
    AssignBatch b;
    b.problem.now = read_time(required(j, "", "now"), "/now");
    if (const Json* f = field(j, "engineers")) {
        const auto& a = read_array(*f, "/engineers");
        for (std::size_t i = 0; i < a.size(); ++i) b.problem.engineers.push_back(read_engineer(a[i], at("/engineers", i), b.problem.now));
    }
    if (const Json* f = field(j, "tickets")) {
        const auto& a = read_array(*f, "/tickets");
        for (std::size_t i = 0; i < a.size(); ++i) b.problem.tickets.push_back(read_ticket(a[i], at("/tickets", i)));
    }
    if (const Json* f = field(j, "travel")) {
        only_fields(*f, "/travel", {"speed_kmh", "detour_factor"});
        if (const Json* s = field(*f, "speed_kmh")) b.problem.great_circle.speed_kmh = read_double(*s, "/travel/speed_kmh");
        if (const Json* d = field(*f, "detour_factor"))
            b.problem.great_circle.detour_factor = read_double(*d, "/travel/detour_factor");
    }
    if (const Json* f = field(j, "travel_matrix")) {
        only_fields(*f, "/travel_matrix", {"durations", "distances"});
        AssignTravelMatrix m;
        const std::size_t rows = b.problem.tickets.size(), cols = b.problem.engineers.size();
        m.durations = read_matrix(required(*f, "/travel_matrix", "durations"), "/travel_matrix/durations", rows, cols,
                                  1'000'000'000);
        if (const Json* d = field(*f, "distances"))
            m.distances = read_matrix(*d, "/travel_matrix/distances", rows, cols, 1'000'000'000'000);
        b.problem.travel_matrix = std::move(m);
    }
    if (const Json* f = field(j, "options")) read_options(*f, b.options);
    try {
        validate_assign_problem(b.problem);
    } catch (const InputError& e) {
        // The model's "/great_circle" is this format's "/travel".
        const std::string prefix = "/great_circle";
        if (e.path().rfind(prefix, 0) == 0) throw InputError("/travel" + e.path().substr(prefix.size()), e.message());
        throw;
    }
    validate_assign_options(b.options);
    return b;
}

std::string assign_batch_to_json(const AssignBatch& b, int indent) {
    const AssignProblem& p = b.problem;
    Json j;
    j["format"] = kFormat;
    j["version"] = 1;
    j["now"] = p.now;
    Json tickets = Json::array();
    for (const auto& t : p.tickets) {
        Json x;
        x["id"] = t.id;
        if (t.location.coords) x["location"] = location_json(t.location);
        Json skills = Json::array();
        for (const auto& s : t.skills) skills.push_back({{"skill", s.skill}, {"min_level", s.min_level}});
        x["skills"] = skills;
        x["priority"] = t.priority;
        if (t.sla_deadline) x["sla_deadline"] = *t.sla_deadline;
        x["duration"] = t.duration;
        if (!t.allowed_engineers.empty()) x["allowed_engineers"] = t.allowed_engineers;
        if (!t.forbidden_engineers.empty()) x["forbidden_engineers"] = t.forbidden_engineers;
        tickets.push_back(std::move(x));
    }
    j["tickets"] = std::move(tickets);
    Json engineers = Json::array();
    for (const auto& e : p.engineers) {
        Json x;
        x["id"] = e.id;
        if (e.position.coords) x["position"] = location_json(e.position);
        x["available_from"] = e.available_from;
        Json skills = Json::array();
        for (const auto& s : e.skills) skills.push_back({{"skill", s.skill}, {"level", s.level}});
        x["skills"] = skills;
        x["capacity"] = e.capacity;
        x["workload"] = e.workload;
        x["speed_factor"] = e.speed_factor;
        engineers.push_back(std::move(x));
    }
    j["engineers"] = std::move(engineers);
    j["travel"] = {{"speed_kmh", p.great_circle.speed_kmh}, {"detour_factor", p.great_circle.detour_factor}};
    if (p.travel_matrix) {
        const std::size_t cols = p.engineers.size();
        auto rows_of = [&](const std::vector<std::int64_t>& flat) {
            Json a = Json::array();
            for (std::size_t r = 0; r < p.tickets.size(); ++r)
                a.push_back(std::vector<std::int64_t>(flat.begin() + static_cast<std::ptrdiff_t>(r * cols),
                                                      flat.begin() + static_cast<std::ptrdiff_t>((r + 1) * cols)));
            return a;
        };
        Json m;
        m["durations"] = rows_of(p.travel_matrix->durations);
        if (!p.travel_matrix->distances.empty()) m["distances"] = rows_of(p.travel_matrix->distances);
        j["travel_matrix"] = std::move(m);
    }
    const AssignOptions& o = b.options;
    j["options"] = {{"method", std::string(to_string(o.method))},
                    {"eta_weight", o.eta_weight},
                    {"lateness_weight", o.lateness_weight},
                    {"balance_weight", o.balance_weight},
                    {"per_ticket_time", o.per_ticket_time},
                    {"leave_out_base", o.leave_out_base},
                    {"leave_out_per_priority", o.leave_out_per_priority},
                    {"leave_out_urgency_weight", o.leave_out_urgency_weight},
                    {"urgency_horizon", o.urgency_horizon}};
    return j.dump(indent) + "\n";
}

std::string assign_result_to_json(const AssignProblem& p, const AssignResult& r, int indent,
                                  std::optional<int> iso_offset_seconds) {
    Json j;
    j["format"] = kResultFormat;
    j["version"] = 1;
    j["method"] = std::string(to_string(r.method));
    j["now"] = time_json(p.now, iso_offset_seconds);
    Json pairs = Json::array();
    for (const auto& x : r.pairs) {
        FSD_ASSERT(x.ticket >= 0 && static_cast<std::size_t>(x.ticket) < p.tickets.size());
        FSD_ASSERT(x.engineer >= 0 && static_cast<std::size_t>(x.engineer) < p.engineers.size());
        Json q;
        q["ticket"] = p.tickets[static_cast<std::size_t>(x.ticket)].id;
        q["engineer"] = p.engineers[static_cast<std::size_t>(x.engineer)].id;
        q["order"] = x.order;
        q["eta"] = x.eta;
        q["start"] = time_json(p.now + x.eta, iso_offset_seconds);
        q["travel"] = x.travel;
        q["distance"] = x.distance;
        q["lateness"] = x.lateness;
        q["cost"] = x.cost;
        pairs.push_back(std::move(q));
    }
    j["pairs"] = std::move(pairs);
    Json left = Json::array();
    for (const auto& x : r.left_out) {
        FSD_ASSERT(x.ticket >= 0 && static_cast<std::size_t>(x.ticket) < p.tickets.size());
        left.push_back({{"ticket", p.tickets[static_cast<std::size_t>(x.ticket)].id},
                        {"reason", std::string(to_string(x.reason))},
                        {"cost", x.cost}});
    }
    j["left_out"] = std::move(left);
    j["totals"] = {{"total_cost", r.total_cost},   {"served_cost", r.served_cost}, {"left_out_cost", r.left_out_cost},
                   {"total_eta", r.total_eta},     {"served", r.served},           {"left_out", r.left_out.size()},
                   {"seconds", r.seconds}};
    return j.dump(indent) + "\n";
}

}  // namespace fsd
