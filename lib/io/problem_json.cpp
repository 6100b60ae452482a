#include "fsd/io/problem_json.hpp"

#include <climits>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "instant_json.hpp"
#include "json_reader.hpp"
#include "problem_json_parts.hpp"

namespace fsd {
namespace {

using io_detail::child_path;
using io_detail::Json;
using io_detail::ObjectReader;

// The most units of one part a document may state (the builder's ceiling).
constexpr std::int64_t kMaxPartCountJson = 1'000'000'000;

// ---------------------------------------------------------------- reading

Location read_location(const Json& v, const std::string& path) {
    ObjectReader r(v, path, {"lat", "lon", "index"});
    Location loc;
    const Json* lat = r.get("lat");
    const Json* lon = r.get("lon");
    if (lat || lon) {
        if (!lat) throw InputError(path, "the field \"lat\" is required together with \"lon\"");
        if (!lon) throw InputError(path, "the field \"lon\" is required together with \"lat\"");
        loc.coords = Coordinates{io_detail::read_double(*lat, r.path("lat")), io_detail::read_double(*lon, r.path("lon"))};
    }
    if (const Json* idx = r.get("index")) loc.matrix_index = static_cast<Index>(io_detail::read_int(*idx, r.path("index"), 0, INT32_MAX));
    if (!loc.coords && !loc.matrix_index)
        throw InputError(path, "a location needs coordinates (\"lat\", \"lon\") or a matrix \"index\"");
    return loc;
}

std::vector<TimeWindow> read_windows(const Json& v, const std::string& path, const TimeZone* zone) {
    std::vector<TimeWindow> out;
    const Json& arr = io_detail::read_array(v, path);
    for (size_t i = 0; i < arr.size(); ++i) {
        const std::string wpath = child_path(path, i);
        ObjectReader r(arr[i], wpath, {"start", "end"});
        out.push_back({io_detail::read_instant(r.require("start"), r.path("start"), zone),
                       io_detail::read_instant(r.require("end"), r.path("end"), zone)});
    }
    return out;
}

// A map of part counts {"part": count} (a van's stock, a job's need), in the
// document's order. Names and counts are checked here, where the path can
// name the part ("/jobs/3/parts/filter"); the builder checks the same rules
// again for problems built in code, by position.
std::vector<PartCount> read_part_counts(const Json& v, const std::string& path, std::int64_t least) {
    if (!v.is_object()) (void)ObjectReader(v, path, {});  // throws the type error
    std::vector<PartCount> out;
    for (const auto& item : v.items()) {
        const std::string ppath = child_path(path, item.key());
        if (item.key().empty()) throw InputError(ppath, "the part name is empty");
        out.push_back({item.key(), io_detail::read_int(item.value(), ppath, least, kMaxPartCountJson)});
    }
    return out;
}

// `problem_zone` reads local ISO times unless the engineer names a zone of its own.
Engineer read_engineer(const Json& v, const std::string& path, const TimeZone* problem_zone) {
    ObjectReader r(v, path,
                   {"id", "start", "end", "shifts", "breaks", "skills", "capacity", "max_jobs", "max_travel_time", "costs",
                    "speed_factor", "max_overtime", "time_zone", "tools", "stock"});
    std::optional<TimeZone> own_zone;
    if (const Json* tz = r.get("time_zone"))
        own_zone = TimeZone::parse(io_detail::read_string(*tz, r.path("time_zone")), r.path("time_zone"));
    const TimeZone* zone = own_zone ? &*own_zone : problem_zone;
    Engineer e;
    e.id = io_detail::read_string(r.require("id"), r.path("id"));
    e.start = read_location(r.require("start"), r.path("start"));
    if (const Json* end = r.get_nullable("end")) e.end = read_location(*end, r.path("end"));
    if (const Json* shifts = r.get("shifts")) e.shifts = read_windows(*shifts, r.path("shifts"), zone);
    if (const Json* breaks = r.get("breaks")) {
        const Json& arr = io_detail::read_array(*breaks, r.path("breaks"));
        for (size_t b = 0; b < arr.size(); ++b) {
            ObjectReader br(arr[b], child_path(r.path("breaks"), b), {"id", "time_windows", "duration"});
            Break brk;
            brk.id = io_detail::read_string(br.require("id"), br.path("id"));
            brk.windows = read_windows(br.require("time_windows"), br.path("time_windows"), zone);
            brk.duration = io_detail::read_duration(br.require("duration"), br.path("duration"));
            e.breaks.push_back(std::move(brk));
        }
    }
    if (const Json* skills = r.get("skills")) {
        const Json& arr = io_detail::read_array(*skills, r.path("skills"));
        for (size_t s = 0; s < arr.size(); ++s) {
            ObjectReader sr(arr[s], child_path(r.path("skills"), s), {"skill", "level"});
            SkillLevel sl;
            sl.skill = io_detail::read_string(sr.require("skill"), sr.path("skill"));
            if (const Json* level = sr.get("level"))
                sl.level = static_cast<int>(io_detail::read_int(*level, sr.path("level"), INT_MIN, INT_MAX));
            e.skills.push_back(std::move(sl));
        }
    }
    if (const Json* cap = r.get("capacity")) e.capacity = io_detail::read_int_array(*cap, r.path("capacity"));
    if (const Json* mj = r.get_nullable("max_jobs"))
        e.max_jobs = static_cast<int>(io_detail::read_int(*mj, r.path("max_jobs"), INT_MIN, INT_MAX));
    if (const Json* mt = r.get_nullable("max_travel_time"))
        e.max_travel_time = io_detail::read_duration(*mt, r.path("max_travel_time"));
    if (const Json* costs = r.get("costs")) {
        ObjectReader cr(*costs, r.path("costs"), {"fixed", "per_hour", "per_km", "overtime_per_hour", "per_working_hour"});
        if (const Json* f = cr.get("fixed")) e.costs.fixed = io_detail::read_int(*f, cr.path("fixed"));
        if (const Json* h = cr.get("per_hour")) e.costs.per_hour = io_detail::read_int(*h, cr.path("per_hour"));
        if (const Json* k = cr.get("per_km")) e.costs.per_km = io_detail::read_int(*k, cr.path("per_km"));
        if (const Json* o = cr.get("overtime_per_hour"))
            e.costs.overtime_per_hour = io_detail::read_int(*o, cr.path("overtime_per_hour"));
        if (const Json* w = cr.get("per_working_hour"))
            e.costs.per_working_hour = io_detail::read_int(*w, cr.path("per_working_hour"));
    }
    if (const Json* sf = r.get("speed_factor")) e.speed_factor = io_detail::read_double(*sf, r.path("speed_factor"));
    if (const Json* mo = r.get("max_overtime")) e.max_overtime = io_detail::read_duration(*mo, r.path("max_overtime"));
    if (const Json* t = r.get("tools")) e.tools = io_detail::read_string_array(*t, r.path("tools"));
    if (const Json* st = r.get("stock")) e.stock = read_part_counts(*st, r.path("stock"), 0);
    return e;
}

Job read_job(const Json& v, const std::string& path, const TimeZone* zone) {
    ObjectReader r(v, path,
                   {"id", "location", "duration", "time_windows", "skills", "priority", "sla", "demand", "pinned_engineer",
                    "allowed_engineers", "forbidden_engineers", "optional", "penalty", "preferred_engineer",
                    "preference_cost", "durations_by_level", "tools", "parts"});
    Job j;
    j.id = io_detail::read_string(r.require("id"), r.path("id"));
    j.location = read_location(r.require("location"), r.path("location"));
    if (const Json* d = r.get("duration")) j.duration = io_detail::read_duration(*d, r.path("duration"));
    if (const Json* tw = r.get("time_windows")) j.time_windows = read_windows(*tw, r.path("time_windows"), zone);
    if (const Json* skills = r.get("skills")) {
        const Json& arr = io_detail::read_array(*skills, r.path("skills"));
        for (size_t s = 0; s < arr.size(); ++s) {
            ObjectReader sr(arr[s], child_path(r.path("skills"), s), {"skill", "min_level"});
            SkillRequirement req;
            req.skill = io_detail::read_string(sr.require("skill"), sr.path("skill"));
            if (const Json* level = sr.get("min_level"))
                req.min_level = static_cast<int>(io_detail::read_int(*level, sr.path("min_level"), INT_MIN, INT_MAX));
            j.skills.push_back(std::move(req));
        }
    }
    if (const Json* p = r.get("priority"))
        j.priority = static_cast<int>(io_detail::read_int(*p, r.path("priority"), INT_MIN, INT_MAX));
    if (const Json* sla = r.get_nullable("sla")) {
        ObjectReader sr(*sla, r.path("sla"), {"deadline", "hard", "lateness_cost_per_second"});
        SlaDeadline d;
        d.deadline = io_detail::read_instant(sr.require("deadline"), sr.path("deadline"), zone);
        if (const Json* h = sr.get("hard")) d.hard = io_detail::read_bool(*h, sr.path("hard"));
        if (const Json* c = sr.get("lateness_cost_per_second"))
            d.lateness_cost_per_second = io_detail::read_int(*c, sr.path("lateness_cost_per_second"));
        j.sla = d;
    }
    if (const Json* d = r.get("demand")) j.demand = io_detail::read_int_array(*d, r.path("demand"));
    if (const Json* p = r.get_nullable("pinned_engineer"))
        j.pinned_engineer = io_detail::read_string(*p, r.path("pinned_engineer"));
    if (const Json* a = r.get("allowed_engineers"))
        j.allowed_engineers = io_detail::read_string_array(*a, r.path("allowed_engineers"));
    if (const Json* f = r.get("forbidden_engineers"))
        j.forbidden_engineers = io_detail::read_string_array(*f, r.path("forbidden_engineers"));
    if (const Json* o = r.get("optional")) j.optional = io_detail::read_bool(*o, r.path("optional"));
    if (const Json* p = r.get("penalty")) j.penalty = io_detail::read_int(*p, r.path("penalty"));
    if (const Json* p = r.get_nullable("preferred_engineer"))
        j.preferred_engineer = io_detail::read_string(*p, r.path("preferred_engineer"));
    if (const Json* c = r.get("preference_cost")) j.preference_cost = io_detail::read_int(*c, r.path("preference_cost"));
    if (const Json* levels = r.get("durations_by_level")) {
        const Json& arr = io_detail::read_array(*levels, r.path("durations_by_level"));
        for (size_t k = 0; k < arr.size(); ++k) {
            ObjectReader lr(arr[k], child_path(r.path("durations_by_level"), k), {"level", "duration"});
            LevelDuration ld;
            ld.level = static_cast<int>(io_detail::read_int(lr.require("level"), lr.path("level"), INT_MIN, INT_MAX));
            ld.duration = io_detail::read_duration(lr.require("duration"), lr.path("duration"));
            j.durations_by_level.push_back(ld);
        }
    }
    if (const Json* t = r.get("tools")) j.tools = io_detail::read_string_array(*t, r.path("tools"));
    if (const Json* p = r.get("parts")) j.parts = read_part_counts(*p, r.path("parts"), 1);
    return j;
}

Depot read_depot(const Json& v, const std::string& path, const TimeZone* zone) {
    ObjectReader r(v, path, {"id", "location", "opening", "duration", "tools", "parts"});
    Depot d;
    d.id = io_detail::read_string(r.require("id"), r.path("id"));
    d.location = read_location(r.require("location"), r.path("location"));
    if (const Json* o = r.get("opening")) d.opening = read_windows(*o, r.path("opening"), zone);
    if (const Json* du = r.get("duration")) d.duration = io_detail::read_duration(*du, r.path("duration"));
    if (const Json* t = r.get("tools")) d.tools = io_detail::read_string_array(*t, r.path("tools"));
    if (const Json* p = r.get("parts")) d.parts = io_detail::read_string_array(*p, r.path("parts"));
    return d;
}

LinkEngineers read_link_engineers(const Json& v, const std::string& path) {
    const std::string name = io_detail::read_string(v, path);
    for (const LinkEngineers e : {LinkEngineers::any, LinkEngineers::same, LinkEngineers::different})
        if (name == to_string(e)) return e;
    throw InputError(path, "unknown value \"" + name + "\"; use \"any\", \"same\" or \"different\"");
}

// Only the job ids are required: the other fields default to a two-person
// job (both start together, two different engineers), the common case.
JobLink read_link(const Json& v, const std::string& path) {
    ObjectReader r(v, path, {"first", "second", "min_gap", "max_gap", "engineers"});
    JobLink link;
    link.first = io_detail::read_string(r.require("first"), r.path("first"));
    link.second = io_detail::read_string(r.require("second"), r.path("second"));
    if (const Json* g = r.get("min_gap")) link.min_gap = io_detail::read_duration(*g, r.path("min_gap"));
    if (const Json* g = r.get("max_gap")) link.max_gap = io_detail::read_duration(*g, r.path("max_gap"));
    if (const Json* e = r.get("engineers")) link.engineers = read_link_engineers(*e, r.path("engineers"));
    return link;
}

template <class Matrix>
Matrix read_matrix(const Json& v, const std::string& path) {
    const Json& rows = io_detail::read_array(v, path);
    const size_t n = rows.size();
    size_t cols = 0;
    for (size_t i = 0; i < n; ++i) {
        const Json& row = io_detail::read_array(rows[i], child_path(path, i));
        if (i == 0) cols = row.size();
        if (row.size() != cols)
            throw InputError(child_path(path, i), "row " + std::to_string(i) + " has " + std::to_string(row.size()) +
                                                      " entries but row 0 has " + std::to_string(cols));
    }
    Matrix m(static_cast<std::ptrdiff_t>(n), static_cast<std::ptrdiff_t>(cols));
    for (size_t i = 0; i < n; ++i)
        for (size_t k = 0; k < cols; ++k)
            m(static_cast<std::ptrdiff_t>(i), static_cast<std::ptrdiff_t>(k)) = static_cast<TravelValue>(
                io_detail::read_int(rows[i][k], child_path(child_path(path, i), k), 0, kTravelValueMax));
    return m;
}

TravelSpec read_travel(const Json& v, const std::string& path) {
    if (!v.is_object()) (void)ObjectReader(v, path, {});  // throws the type error
    const auto model_it = v.find("model");
    if (model_it == v.end())
        throw InputError(path, "the field \"model\" is required (\"great_circle\", \"matrix\" or \"road_network\")");
    const std::string model = io_detail::read_string(*model_it, child_path(path, "model"));
    if (model == "great_circle") {
        ObjectReader r(v, path, {"model", "speed_kmh", "detour_factor"});
        GreatCircleOptions gc;
        if (const Json* s = r.get("speed_kmh")) gc.speed_kmh = io_detail::read_double(*s, r.path("speed_kmh"));
        if (const Json* d = r.get("detour_factor")) gc.detour_factor = io_detail::read_double(*d, r.path("detour_factor"));
        return gc;
    }
    if (model == "matrix") {
        ObjectReader r(v, path, {"model", "durations", "distances"});
        TravelMatrices tm;
        tm.durations = read_matrix<DurationMatrix>(r.require("durations"), r.path("durations"));
        if (const Json* d = r.get("distances"))
            tm.distances = read_matrix<DistanceMatrix>(*d, r.path("distances"));
        else
            tm.distances = DistanceMatrix(tm.durations.rows(), tm.durations.cols());
        return tm;
    }
    if (model == "road_network") return io_detail::read_road_network_json(v, path, true);
    throw InputError(child_path(path, "model"),
                     "unknown travel model \"" + model + "\"; use \"great_circle\", \"matrix\" or \"road_network\"");
}

ObjectiveWeights read_weights(const Json& v, const std::string& path) {
    ObjectReader r(v, path, {"unassigned", "lateness", "travel", "balance", "preference", "overtime", "max_lateness"});
    ObjectiveWeights w;
    if (const Json* x = r.get("unassigned")) w.unassigned = io_detail::read_int(*x, r.path("unassigned"));
    if (const Json* x = r.get("lateness")) w.lateness = io_detail::read_int(*x, r.path("lateness"));
    if (const Json* x = r.get("travel")) w.travel = io_detail::read_int(*x, r.path("travel"));
    if (const Json* x = r.get("balance")) w.balance = io_detail::read_int(*x, r.path("balance"));
    if (const Json* x = r.get("preference")) w.preference = io_detail::read_int(*x, r.path("preference"));
    if (const Json* x = r.get("overtime")) w.overtime = io_detail::read_int(*x, r.path("overtime"));
    if (const Json* x = r.get("max_lateness")) w.max_lateness = io_detail::read_int(*x, r.path("max_lateness"));
    return w;
}

// ---------------------------------------------------------------- writing

Json write_location(const Location& loc) {
    Json j = Json::object();
    if (loc.coords) {
        j["lat"] = loc.coords->lat;
        j["lon"] = loc.coords->lon;
    }
    if (loc.matrix_index) j["index"] = *loc.matrix_index;
    return j;
}

Json write_windows(const std::vector<TimeWindow>& windows, const JsonWriteOptions& iso) {
    Json arr = Json::array();
    for (const auto& w : windows)
        arr.push_back(Json{{"start", io_detail::write_instant(w.start, iso)}, {"end", io_detail::write_instant(w.end, iso)}});
    return arr;
}

Json write_part_counts(const std::vector<PartCount>& parts) {
    Json o = Json::object();
    for (const auto& pc : parts) o[pc.part] = pc.count;
    return o;
}

Json write_engineer(const Engineer& e, const JsonWriteOptions& iso) {
    Json j = Json::object();
    j["id"] = e.id;
    j["start"] = write_location(e.start);
    if (e.end) j["end"] = write_location(*e.end);
    j["shifts"] = write_windows(e.shifts, iso);
    j["breaks"] = Json::array();
    for (const auto& b : e.breaks)
        j["breaks"].push_back(
            Json{{"id", b.id}, {"time_windows", write_windows(b.windows, iso)}, {"duration", b.duration}});
    j["skills"] = Json::array();
    for (const auto& s : e.skills) j["skills"].push_back(Json{{"skill", s.skill}, {"level", s.level}});
    j["capacity"] = e.capacity;
    if (e.max_jobs) j["max_jobs"] = *e.max_jobs;
    if (e.max_travel_time) j["max_travel_time"] = *e.max_travel_time;
    j["costs"] = Json{{"fixed", e.costs.fixed}, {"per_hour", e.costs.per_hour}, {"per_km", e.costs.per_km}};
    // The overtime fields are left out at their defaults, so documents of
    // problems without overtime read and write as before.
    if (e.costs.overtime_per_hour != 0) j["costs"]["overtime_per_hour"] = e.costs.overtime_per_hour;
    if (e.costs.per_working_hour != 0) j["costs"]["per_working_hour"] = e.costs.per_working_hour;
    j["speed_factor"] = e.speed_factor;
    if (e.max_overtime != 0) j["max_overtime"] = e.max_overtime;
    // Tools and stock likewise appear only when there are some.
    if (!e.tools.empty()) j["tools"] = e.tools;
    if (!e.stock.empty()) j["stock"] = write_part_counts(e.stock);
    return j;
}

Json write_job(const Job& job, const JsonWriteOptions& iso) {
    Json j = Json::object();
    j["id"] = job.id;
    j["location"] = write_location(job.location);
    j["duration"] = job.duration;
    j["time_windows"] = write_windows(job.time_windows, iso);
    j["skills"] = Json::array();
    for (const auto& s : job.skills) j["skills"].push_back(Json{{"skill", s.skill}, {"min_level", s.min_level}});
    j["priority"] = job.priority;
    if (job.sla)
        j["sla"] = Json{{"deadline", io_detail::write_instant(job.sla->deadline, iso)},
                        {"hard", job.sla->hard},
                        {"lateness_cost_per_second", job.sla->lateness_cost_per_second}};
    j["demand"] = job.demand;
    if (job.pinned_engineer) j["pinned_engineer"] = *job.pinned_engineer;
    j["allowed_engineers"] = job.allowed_engineers;
    j["forbidden_engineers"] = job.forbidden_engineers;
    j["optional"] = job.optional;
    j["penalty"] = job.penalty;
    if (job.preferred_engineer) j["preferred_engineer"] = *job.preferred_engineer;
    j["preference_cost"] = job.preference_cost;
    if (!job.durations_by_level.empty()) {
        j["durations_by_level"] = Json::array();
        for (const auto& ld : job.durations_by_level)
            j["durations_by_level"].push_back(Json{{"level", ld.level}, {"duration", ld.duration}});
    }
    if (!job.tools.empty()) j["tools"] = job.tools;
    if (!job.parts.empty()) j["parts"] = write_part_counts(job.parts);
    return j;
}

Json write_depot(const Depot& d, const JsonWriteOptions& iso) {
    Json j = Json::object();
    j["id"] = d.id;
    j["location"] = write_location(d.location);
    j["opening"] = write_windows(d.opening, iso);
    j["duration"] = d.duration;
    j["tools"] = d.tools;
    j["parts"] = d.parts;
    return j;
}

// Every field is written, defaults included, so a reader sees the gap and
// the engineer rule without knowing the defaults.
Json write_link(const JobLink& link) {
    return Json{{"first", link.first},
                {"second", link.second},
                {"min_gap", link.min_gap},
                {"max_gap", link.max_gap},
                {"engineers", to_string(link.engineers)}};
}

template <class Matrix>
Json write_matrix(const Matrix& m) {
    Json rows = Json::array();
    for (std::ptrdiff_t i = 0; i < m.rows(); ++i) {
        Json row = Json::array();
        for (std::ptrdiff_t k = 0; k < m.cols(); ++k) row.push_back(m(i, k));
        rows.push_back(std::move(row));
    }
    return rows;
}

Json write_travel(const TravelSpec& spec) {
    if (const auto* gc = std::get_if<GreatCircleOptions>(&spec))
        return Json{{"model", "great_circle"}, {"speed_kmh", gc->speed_kmh}, {"detour_factor", gc->detour_factor}};
    if (const auto* tm = std::get_if<TravelMatrices>(&spec))
        return Json{{"model", "matrix"}, {"durations", write_matrix(tm->durations)}, {"distances", write_matrix(tm->distances)}};
    Json net = io_detail::write_road_network_json(std::get<RoadNetwork>(spec));
    return Json{{"model", "road_network"}, {"nodes", std::move(net["nodes"])}, {"edges", std::move(net["edges"])}};
}

}  // namespace

Problem problem_from_json(std::string_view text) {
    const Json doc = io_detail::parse_json_text(text);
    io_detail::check_header(doc, "fsdispatch-problem");
    ObjectReader r(doc, "", {"format", "version", "time_zone", "engineers", "jobs", "depots", "links", "travel", "weights"});
    std::optional<TimeZone> zone;
    if (const Json* tz = r.get("time_zone"))
        zone = TimeZone::parse(io_detail::read_string(*tz, r.path("time_zone")), r.path("time_zone"));
    const TimeZone* zone_ptr = zone ? &*zone : nullptr;

    ProblemBuilder builder;
    if (const Json* engineers = r.get("engineers")) {
        const Json& arr = io_detail::read_array(*engineers, r.path("engineers"));
        for (size_t e = 0; e < arr.size(); ++e) builder.add_engineer(read_engineer(arr[e], child_path(r.path("engineers"), e), zone_ptr));
    }
    if (const Json* jobs = r.get("jobs")) {
        const Json& arr = io_detail::read_array(*jobs, r.path("jobs"));
        for (size_t j = 0; j < arr.size(); ++j) builder.add_job(read_job(arr[j], child_path(r.path("jobs"), j), zone_ptr));
    }
    if (const Json* depots = r.get("depots")) {
        const Json& arr = io_detail::read_array(*depots, r.path("depots"));
        for (size_t d = 0; d < arr.size(); ++d) builder.add_depot(read_depot(arr[d], child_path(r.path("depots"), d), zone_ptr));
    }
    if (const Json* links = r.get("links")) {
        const Json& arr = io_detail::read_array(*links, r.path("links"));
        for (size_t k = 0; k < arr.size(); ++k) builder.add_link(read_link(arr[k], child_path(r.path("links"), k)));
    }
    if (const Json* travel = r.get("travel")) builder.set_travel(read_travel(*travel, r.path("travel")));
    if (const Json* weights = r.get("weights")) builder.set_weights(read_weights(*weights, r.path("weights")));

    try {
        return builder.build();
    } catch (const InputError& e) {
        // The builder names road-network fields below "/travel/road_network";
        // in this format they sit directly under "/travel".
        const std::string prefix = "/travel/road_network";
        if (e.path().rfind(prefix, 0) == 0) throw InputError("/travel" + e.path().substr(prefix.size()), e.message());
        throw;
    }
}

std::string problem_to_json(const Problem& problem, const JsonWriteOptions& options) {
    const auto& iso = options;
    Json doc = Json::object();
    doc["format"] = "fsdispatch-problem";
    doc["version"] = kFormatVersion;
    // Readers then know which zone the written offsets came from.
    if (options.time_zone) doc["time_zone"] = options.time_zone->name();
    doc["engineers"] = Json::array();
    for (const auto& e : problem.engineers()) doc["engineers"].push_back(write_engineer(e, iso));
    doc["jobs"] = Json::array();
    for (const auto& j : problem.jobs()) doc["jobs"].push_back(write_job(j, iso));
    // Written only when there are depots, so other documents stay as they were.
    if (problem.num_depots() > 0) {
        doc["depots"] = Json::array();
        for (const auto& d : problem.depots()) doc["depots"].push_back(write_depot(d, iso));
    }
    // Links likewise: problems without them write as before.
    if (problem.num_links() > 0) {
        doc["links"] = Json::array();
        for (const auto& link : problem.links()) doc["links"].push_back(write_link(link));
    }
    doc["travel"] = write_travel(problem.travel_spec());
    const auto& w = problem.weights();
    doc["weights"] = Json{{"unassigned", w.unassigned}, {"lateness", w.lateness}, {"travel", w.travel}, {"balance", w.balance},
                           {"preference", w.preference}};
    if (w.overtime != ObjectiveWeights{}.overtime) doc["weights"]["overtime"] = w.overtime;
    if (w.max_lateness != ObjectiveWeights{}.max_lateness) doc["weights"]["max_lateness"] = w.max_lateness;
    return io_detail::dump_json(doc, options.indent);
}

std::optional<TimeZone> problem_time_zone_from_json(std::string_view text) {
    const Json doc = io_detail::parse_json_text(text);
    if (!doc.is_object()) return std::nullopt;
    const auto it = doc.find("time_zone");
    if (it == doc.end()) return std::nullopt;
    return TimeZone::parse(io_detail::read_string(*it, "/time_zone"), "/time_zone");
}

Problem read_problem_file(const std::string& path) {
    return problem_from_json(io_detail::read_text_file(path, "problem file"));
}

namespace io_detail {

Location read_location_json(const Json& v, const std::string& path) { return read_location(v, path); }
Json write_location_json(const Location& location) { return write_location(location); }
Job read_job_json(const Json& v, const std::string& path) { return read_job(v, path, nullptr); }
std::vector<PartCount> read_part_counts_json(const Json& v, const std::string& path, std::int64_t least) {
    return read_part_counts(v, path, least);
}
Json write_part_counts_json(const std::vector<PartCount>& parts) { return write_part_counts(parts); }

}  // namespace io_detail

namespace io_detail {

RoadNetwork read_road_network_json(const Json& v, const std::string& path, bool with_model) {
    ObjectReader r = with_model ? ObjectReader(v, path, {"model", "nodes", "edges"}) : ObjectReader(v, path, {"nodes", "edges"});
    RoadNetwork net;
    const Json& nodes = read_array(r.require("nodes"), r.path("nodes"));
    for (size_t i = 0; i < nodes.size(); ++i) {
        ObjectReader nr(nodes[i], child_path(r.path("nodes"), i), {"id", "lat", "lon"});
        net.nodes.push_back({read_string(nr.require("id"), nr.path("id")),
                             {read_double(nr.require("lat"), nr.path("lat")), read_double(nr.require("lon"), nr.path("lon"))}});
    }
    const Json& edges = read_array(r.require("edges"), r.path("edges"));
    for (size_t i = 0; i < edges.size(); ++i) {
        ObjectReader er(edges[i], child_path(r.path("edges"), i), {"from", "to", "length_m", "duration_s"});
        net.edges.push_back({read_string(er.require("from"), er.path("from")), read_string(er.require("to"), er.path("to")),
                             read_int(er.require("length_m"), er.path("length_m"), INT64_MIN, kTimeMax),
                             read_duration(er.require("duration_s"), er.path("duration_s"))});
    }
    return net;
}

Json write_road_network_json(const RoadNetwork& net) {
    Json nodes = Json::array();
    for (const auto& n : net.nodes) nodes.push_back(Json{{"id", n.id}, {"lat", n.coords.lat}, {"lon", n.coords.lon}});
    Json edges = Json::array();
    for (const auto& e : net.edges)
        edges.push_back(Json{{"from", e.from}, {"to", e.to}, {"length_m", e.length}, {"duration_s", e.duration}});
    return Json{{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

}  // namespace io_detail
}  // namespace fsd
