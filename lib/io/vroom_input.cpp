// Reading VROOM's JSON input into a Problem (docs/vroom.md).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <utility>

#include "fsd/core/error.hpp"
#include "fsd/io/vroom_json.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/travel/great_circle.hpp"
#include "json_reader.hpp"

namespace fsd {

namespace {

using io_detail::child_path;
using io_detail::Json;
using io_detail::ObjectReader;

/// A vehicle without its own time window works in one shift wide enough for
/// any VROOM timestamp (VROOM's own default horizon is unbounded too).
constexpr Time kDefaultShiftEnd = Time{1} << 31;

/// Where a VROOM location points before matrix rows are assigned.
struct RawLocation {
    std::optional<Coordinates> coords;
    std::optional<Index> index;
    std::string path;  ///< path of the field that gave it, for errors
};

[[noreturn]] void refuse(const std::string& path, const std::string& sentence) { throw InputError(path, sentence); }

Coordinates read_lon_lat(const Json& v, const std::string& path) {
    const Json& a = io_detail::read_array(v, path);
    if (a.size() != 2) refuse(path, "a location is an array [lon, lat] of two numbers");
    Coordinates c;
    c.lon = io_detail::read_double(a[0], child_path(path, 0));
    c.lat = io_detail::read_double(a[1], child_path(path, 1));
    if (c.lon < -180.0 || c.lon > 180.0)
        refuse(child_path(path, 0), "longitude must be between -180 and 180 (VROOM's order is [lon, lat])");
    if (c.lat < -90.0 || c.lat > 90.0)
        refuse(child_path(path, 1), "latitude must be between -90 and 90 (VROOM's order is [lon, lat])");
    return c;
}

/// `[start, end]` with both ends inclusive, as in VROOM.
TimeWindow read_window(const Json& v, const std::string& path) {
    const Json& a = io_detail::read_array(v, path);
    if (a.size() != 2) refuse(path, "a time window is an array [start, end] of two integers");
    TimeWindow w;
    w.start = io_detail::read_int(a[0], child_path(path, 0), 0, kTimeMax);
    w.end = io_detail::read_int(a[1], child_path(path, 1), 0, kTimeMax);
    if (w.end < w.start) refuse(path, "the time window ends before it starts");
    return w;
}

/// VROOM accepts windows in any order; our model wants them sorted and
/// disjoint, so overlapping ones are merged (their union is the same set of
/// admissible start times).
std::vector<TimeWindow> read_windows(const Json& v, const std::string& path) {
    const Json& a = io_detail::read_array(v, path);
    std::vector<TimeWindow> out;
    for (size_t i = 0; i < a.size(); ++i) out.push_back(read_window(a[i], child_path(path, i)));
    std::sort(out.begin(), out.end(), [](const TimeWindow& x, const TimeWindow& y) { return x.start < y.start; });
    std::vector<TimeWindow> merged;
    for (const auto& w : out) {
        if (!merged.empty() && w.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, w.end);
        else
            merged.push_back(w);
    }
    return merged;
}

std::vector<Amount> read_amounts(const Json& v, const std::string& path) {
    const Json& a = io_detail::read_array(v, path);
    std::vector<Amount> out;
    for (size_t i = 0; i < a.size(); ++i) out.push_back(io_detail::read_int(a[i], child_path(path, i), 0, kTimeMax));
    return out;
}

bool all_zero(const std::vector<Amount>& a) {
    return std::all_of(a.begin(), a.end(), [](Amount x) { return x == 0; });
}

std::vector<std::string> read_skills(const Json& v, const std::string& path) {
    const Json& a = io_detail::read_array(v, path);
    std::vector<std::string> out;
    std::set<std::int64_t> seen;
    for (size_t i = 0; i < a.size(); ++i) {
        const auto s = io_detail::read_int(a[i], child_path(path, i), 0, std::numeric_limits<std::uint32_t>::max());
        if (!seen.insert(s).second) continue;  // VROOM treats skills as a set
        out.push_back(std::to_string(s));
    }
    return out;
}

std::optional<std::string> read_description(const ObjectReader& r) {
    const Json* d = r.get_nullable("description");
    if (!d) return std::nullopt;
    return io_detail::read_string(*d, r.path("description"));
}

/// Maps a path of ProblemBuilder's validation (our format's names) to the
/// VROOM field it came from, so a refusal names what the user wrote.
std::string to_vroom_path(const std::string& path, const std::string& matrix_path) {
    if (path.rfind("/travel", 0) == 0) return matrix_path;
    std::string out = path;
    auto replace_prefix = [&](const std::string& from, const std::string& to) {
        if (out.rfind(from, 0) == 0) out = to + out.substr(from.size());
    };
    replace_prefix("/engineers", "/vehicles");
    static const std::pair<const char*, const char*> renames[] = {
        {"/shifts/0", "/time_window"}, {"/max_jobs", "/max_tasks"}, {"/demand", "/delivery"},
        {"/location/index", "/location_index"}, {"/start/index", "/start_index"}, {"/end/index", "/end_index"},
    };
    for (const auto& [from, to] : renames) {
        const auto pos = out.find(from);
        if (pos != std::string::npos) out.replace(pos, std::string(from).size(), to);
    }
    if (out.rfind("/jobs/", 0) == 0 && out.size() > 9 && out.ends_with("/duration")) out.replace(out.size() - 9, 9, "/service");
    if (out.find("/breaks/") != std::string::npos && out.ends_with("/duration")) out.replace(out.size() - 9, 9, "/service");
    return out;
}

struct MatrixInput {
    DurationMatrix durations;
    DistanceMatrix distances;
    bool has_distances = false;
    std::string path;
};

DurationMatrix read_square(const Json& v, const std::string& path) {
    const Json& rows = io_detail::read_array(v, path);
    const auto n = static_cast<std::ptrdiff_t>(rows.size());
    DurationMatrix m(n, n);
    for (size_t i = 0; i < rows.size(); ++i) {
        const std::string rpath = child_path(path, i);
        const Json& row = io_detail::read_array(rows[i], rpath);
        if (row.size() != rows.size())
            refuse(rpath, "the matrix must be square: row " + std::to_string(i) + " has " + std::to_string(row.size()) +
                              " entries but there are " + std::to_string(rows.size()) + " rows");
        for (size_t k = 0; k < row.size(); ++k)
            m(static_cast<std::ptrdiff_t>(i), static_cast<std::ptrdiff_t>(k)) =
                static_cast<TravelValue>(io_detail::read_int(row[k], child_path(rpath, k), 0, kTravelValueMax));
    }
    return m;
}

std::optional<MatrixInput> read_matrices(const ObjectReader& top, const std::string& profile) {
    const Json* legacy = top.get_nullable("matrix");
    const Json* matrices = top.get_nullable("matrices");
    if (legacy && matrices) refuse("/matrix", "give either \"matrices\" or the legacy \"matrix\", not both");
    MatrixInput out;
    if (legacy) {
        out.path = "/matrix";
        out.durations = read_square(*legacy, out.path);
    } else if (matrices) {
        if (!matrices->is_object()) refuse("/matrices", "expected an object of matrices per routing profile");
        for (const auto& item : matrices->items()) {
            if (item.key() != profile)
                refuse(child_path("/matrices", item.key()),
                       "only one routing profile is supported, and the vehicles use \"" + profile + "\"");
        }
        const std::string ppath = child_path("/matrices", profile);
        const auto it = matrices->find(profile);
        if (it == matrices->end()) refuse("/matrices", "no matrices for the vehicles' profile \"" + profile + "\"");
        ObjectReader pm(*it, ppath, {"durations", "distances", "costs"});
        if (pm.get_nullable("costs"))
            refuse(pm.path("costs"), "a custom cost matrix is not supported: costs come from the vehicles' \"costs\"");
        const Json* durations = pm.get_nullable("durations");
        if (!durations) refuse(pm.path("durations"), "a durations matrix is required");
        out.path = pm.path("durations");
        out.durations = read_square(*durations, out.path);
        if (const Json* distances = pm.get_nullable("distances")) {
            out.distances = read_square(*distances, pm.path("distances"));
            if (out.distances.rows() != out.durations.rows())
                refuse(pm.path("distances"), "the distances matrix has " + std::to_string(out.distances.rows()) +
                                                 " rows but the durations matrix has " + std::to_string(out.durations.rows()));
            out.has_distances = true;
        }
    } else {
        return std::nullopt;
    }
    if (!out.has_distances) out.distances = DistanceMatrix(out.durations.rows(), out.durations.rows());
    return out;
}

/// A location given as `key` ([lon, lat]) and/or `key_index`.
std::optional<RawLocation> read_location(const ObjectReader& r, const std::string& key, const std::string& index_key,
                                         const std::optional<MatrixInput>& matrix) {
    RawLocation loc;
    if (const Json* c = r.get_nullable(key)) {
        loc.coords = read_lon_lat(*c, r.path(key));
        loc.path = r.path(key);
    }
    if (const Json* i = r.get_nullable(index_key)) {
        const std::string ipath = r.path(index_key);
        if (!matrix) refuse(ipath, "a location index needs a matrix (\"matrices\") in the input");
        const auto size = matrix->durations.rows();
        const auto index = io_detail::read_int(*i, ipath, 0, std::numeric_limits<std::int32_t>::max());
        if (index >= size)
            refuse(ipath, "location index " + std::to_string(index) + " is outside the matrix (size " + std::to_string(size) + ")");
        loc.index = static_cast<Index>(index);
        loc.path = ipath;
    }
    if (!loc.coords && !loc.index) return std::nullopt;
    if (matrix && !loc.index)
        refuse(r.path(index_key), "with a matrix in the input every location needs \"" + index_key + "\"");
    return loc;
}

std::int64_t read_id(const ObjectReader& r, std::set<std::int64_t>& seen, const char* what) {
    const Json* v = r.get_nullable("id");
    if (!v) refuse(r.path("id"), std::string("every ") + what + " needs an integer \"id\"");
    const auto id = io_detail::read_int(*v, r.path("id"), 0, INT64_MAX);
    if (!seen.insert(id).second) refuse(r.path("id"), std::string("duplicate ") + what + " id " + std::to_string(id));
    return id;
}

Cost read_cost(const ObjectReader& r, const char* key, Cost fallback) {
    const Json* v = r.get_nullable(key);
    return v ? io_detail::read_int(*v, r.path(key), 0, std::numeric_limits<std::int32_t>::max()) : fallback;
}

}  // namespace

Cost vroom_unassigned_penalty(int priority, std::size_t num_jobs) {
    // U * ((n + 1) * priority + 1): one unit of priority outweighs serving every
    // job of priority 0, and one served job outweighs any plan's route cost below U.
    const auto n = static_cast<Cost>(std::max<std::size_t>(num_jobs, 1));
    const Cost per_job_max = (n + 1) * 100 + 1;
    const Cost budget = std::numeric_limits<Cost>::max() / 8 / n / per_job_max;
    const Cost unit = std::clamp<Cost>(budget, 1, 1'000'000'000);
    return unit * ((n + 1) * priority + 1);
}

VroomInput vroom_from_json(std::string_view text) {
    const auto started = std::chrono::steady_clock::now();
    const Json doc = io_detail::parse_json_text(text);
    const ObjectReader top(doc, "", {"jobs", "shipments", "vehicles", "matrices", "matrix"});
    if (const Json* s = top.get_nullable("shipments")) {
        if (!io_detail::read_array(*s, "/shipments").empty())
            refuse("/shipments", "shipments (pickup and delivery pairs) are not supported yet");
    }
    const Json* vehicles_json = top.get_nullable("vehicles");
    if (!vehicles_json) refuse("/vehicles", "the input needs a \"vehicles\" array");
    const Json& vehicles = io_detail::read_array(*vehicles_json, "/vehicles");
    if (vehicles.empty()) refuse("/vehicles", "the input needs at least one vehicle");
    const Json empty_array = Json::array();
    const Json* jobs_json = top.get_nullable("jobs");
    const Json& jobs = jobs_json ? io_detail::read_array(*jobs_json, "/jobs") : empty_array;

    // One profile for the whole file.
    std::string profile;
    std::string profile_path;
    for (size_t v = 0; v < vehicles.size(); ++v) {
        if (!vehicles[v].is_object()) continue;  // reported with its path below
        const auto it = vehicles[v].find("profile");
        const std::string p = it == vehicles[v].end() || it->is_null()
                                  ? std::string("car")
                                  : io_detail::read_string(*it, child_path(child_path("/vehicles", v), "profile"));
        if (profile_path.empty()) {
            profile = p;
            profile_path = child_path(child_path("/vehicles", v), "profile");
        } else if (p != profile) {
            refuse(child_path(child_path("/vehicles", v), "profile"),
                   "only one routing profile is supported; " + profile_path + " is \"" + profile + "\"");
        }
    }
    const std::optional<MatrixInput> matrix = read_matrices(top, profile);

    std::vector<Engineer> engineers;
    std::vector<Job> model_jobs;
    std::vector<VroomVehicle> out_vehicles;
    std::vector<VroomJob> out_jobs;
    // Locations as given; rows are assigned once we know whether a "nowhere" row is needed.
    struct Pending {
        std::optional<RawLocation> start, end;
    };
    std::vector<Pending> vehicle_locations;
    std::vector<RawLocation> job_locations;

    std::set<std::int64_t> vehicle_ids;
    for (size_t v = 0; v < vehicles.size(); ++v) {
        const std::string path = child_path("/vehicles", v);
        const ObjectReader r(vehicles[v], path,
                             {"id", "profile", "description", "start", "start_index", "end", "end_index", "capacity", "costs",
                              "skills", "time_window", "breaks", "speed_factor", "max_tasks", "max_travel_time",
                              "max_distance", "steps", "type"});
        VroomVehicle vv;
        vv.id = read_id(r, vehicle_ids, "vehicle");
        vv.description = read_description(r);
        if (r.get_nullable("steps")) refuse(r.path("steps"), "vehicle steps (plan mode, fixed routes) are not supported");
        if (r.get_nullable("max_distance"))
            refuse(r.path("max_distance"), "a distance limit per route is not supported by our model");
        if (r.get_nullable("type"))
            refuse(r.path("type"), "vehicle types (per-type setup and service) are not supported");
        Engineer e;
        e.id = std::to_string(vv.id);
        Pending loc;
        loc.start = read_location(r, "start", "start_index", matrix);
        loc.end = read_location(r, "end", "end_index", matrix);
        if (!loc.start && !loc.end)
            refuse(path, "a vehicle needs a start or an end (\"start\"/\"start_index\", \"end\"/\"end_index\")");
        vv.has_start = loc.start.has_value();
        vv.has_end = loc.end.has_value();
        vehicle_locations.push_back(loc);
        if (const Json* c = r.get_nullable("capacity")) e.capacity = read_amounts(*c, r.path("capacity"));
        if (const Json* c = r.get_nullable("costs")) {
            const ObjectReader cr(*c, r.path("costs"), {"fixed", "per_hour", "per_km"});
            e.costs.fixed = read_cost(cr, "fixed", 0);
            e.costs.per_hour = read_cost(cr, "per_hour", 3600);
            e.costs.per_km = read_cost(cr, "per_km", 0);
            if (e.costs.per_km != 0 && matrix && !matrix->has_distances)
                refuse(cr.path("per_km"), "a cost per km needs a distances matrix");
        }
        if (const Json* s = r.get_nullable("skills"))
            for (auto& name : read_skills(*s, r.path("skills"))) e.skills.push_back({std::move(name), 1});
        TimeWindow shift{0, kDefaultShiftEnd};
        if (const Json* tw = r.get_nullable("time_window")) shift = read_window(*tw, r.path("time_window"));
        e.shifts.push_back(shift);
        if (const Json* b = r.get_nullable("breaks")) {
            const std::string bpath = r.path("breaks");
            const Json& breaks = io_detail::read_array(*b, bpath);
            std::set<std::int64_t> break_ids;
            for (size_t k = 0; k < breaks.size(); ++k) {
                const std::string kpath = child_path(bpath, k);
                const ObjectReader br(breaks[k], kpath, {"id", "time_windows", "service", "description", "max_load"});
                const auto id = read_id(br, break_ids, "break");
                if (br.get_nullable("max_load")) refuse(br.path("max_load"), "a load limit for breaks is not supported");
                Break brk;
                brk.id = std::to_string(id);
                if (const Json* tw = br.get_nullable("time_windows")) brk.windows = read_windows(*tw, br.path("time_windows"));
                if (brk.windows.empty()) brk.windows.push_back(shift);  // VROOM: any time in the shift
                if (const Json* s = br.get_nullable("service")) brk.duration = io_detail::read_duration(*s, br.path("service"));
                e.breaks.push_back(std::move(brk));
                vv.break_ids.push_back(id);
                vv.break_descriptions.push_back(read_description(br));
            }
        }
        if (const Json* s = r.get_nullable("speed_factor")) {
            e.speed_factor = io_detail::read_double(*s, r.path("speed_factor"));
            if (!(e.speed_factor > 0.0 && e.speed_factor <= 100.0))
                refuse(r.path("speed_factor"), "the speed factor must be a number above 0 and at most 100");
        }
        if (const Json* m = r.get_nullable("max_tasks"))
            e.max_jobs = static_cast<int>(io_detail::read_int(*m, r.path("max_tasks"), 0, std::numeric_limits<int>::max()));
        if (const Json* m = r.get_nullable("max_travel_time"))
            e.max_travel_time = io_detail::read_int(*m, r.path("max_travel_time"), 0, kTimeMax);
        engineers.push_back(std::move(e));
        out_vehicles.push_back(std::move(vv));
    }

    std::set<std::int64_t> job_ids;
    for (size_t j = 0; j < jobs.size(); ++j) {
        const std::string path = child_path("/jobs", j);
        const ObjectReader r(jobs[j], path,
                             {"id", "description", "location", "location_index", "setup", "service", "delivery", "pickup",
                              "amount", "skills", "priority", "time_windows"});
        VroomJob vj;
        vj.id = read_id(r, job_ids, "job");
        vj.description = read_description(r);
        auto loc = read_location(r, "location", "location_index", matrix);
        if (!loc) refuse(r.path(matrix ? "location_index" : "location"), "every job needs a location");
        vj.coords = loc->coords;
        vj.location_index = loc->index;
        job_locations.push_back(*loc);
        Job job;
        job.id = std::to_string(vj.id);
        if (const Json* s = r.get_nullable("setup"); s && io_detail::read_duration(*s, r.path("setup")) != 0)
            refuse(r.path("setup"), "setup times are not supported (only zero is accepted)");
        if (const Json* s = r.get_nullable("service")) job.duration = io_detail::read_duration(*s, r.path("service"));
        if (const Json* p = r.get_nullable("pickup"); p && !all_zero(read_amounts(*p, r.path("pickup"))))
            refuse(r.path("pickup"), "pickups are not supported: our load model is delivery from the start only");
        const Json* delivery = r.get_nullable("delivery");
        const Json* amount = r.get_nullable("amount");
        if (delivery && amount) refuse(r.path("amount"), "give \"delivery\" or its legacy alias \"amount\", not both");
        if (delivery) vj.delivery = read_amounts(*delivery, r.path("delivery"));
        if (amount) vj.delivery = read_amounts(*amount, r.path("amount"));
        job.demand = vj.delivery;
        if (const Json* s = r.get_nullable("skills"))
            for (auto& name : read_skills(*s, r.path("skills"))) job.skills.push_back({std::move(name), 1});
        if (const Json* p = r.get_nullable("priority"))
            vj.priority = static_cast<int>(io_detail::read_int(*p, r.path("priority"), 0, 100));
        job.priority = vj.priority;
        if (const Json* tw = r.get_nullable("time_windows")) job.time_windows = read_windows(*tw, r.path("time_windows"));
        job.optional = true;
        job.penalty = vroom_unassigned_penalty(vj.priority, jobs.size());
        model_jobs.push_back(std::move(job));
        out_jobs.push_back(std::move(vj));
    }

    // Matrix rows: VROOM's matrix as given, or great-circle between every
    // coordinate in input order; plus one "nowhere" row (zero travel to and
    // from everywhere) when a vehicle lacks a start or an end.
    const bool needs_nowhere = std::any_of(out_vehicles.begin(), out_vehicles.end(),
                                           [](const VroomVehicle& v) { return !v.has_start || !v.has_end; });
    TravelMatrices travel;
    auto place = [&](const RawLocation& raw, std::vector<Coordinates>& points) {
        Location l;
        l.coords = raw.coords;
        if (raw.index) {
            l.matrix_index = *raw.index;
        } else {
            l.matrix_index = static_cast<Index>(points.size());
            points.push_back(*raw.coords);
        }
        return l;
    };
    std::vector<Coordinates> points;
    for (size_t j = 0; j < model_jobs.size(); ++j) model_jobs[j].location = place(job_locations[j], points);
    for (size_t v = 0; v < engineers.size(); ++v) {
        if (vehicle_locations[v].start) engineers[v].start = place(*vehicle_locations[v].start, points);
        if (vehicle_locations[v].end) engineers[v].end = place(*vehicle_locations[v].end, points);
    }
    if (matrix) {
        travel.durations = matrix->durations;
        travel.distances = matrix->distances;
    } else {
        travel = great_circle_matrices(points, GreatCircleOptions{});
    }
    if (needs_nowhere) {
        const auto n = travel.durations.rows();
        // The added last row and column (the "nowhere" location) are zero.
        travel.durations.resize_keeping(n + 1, n + 1);
        travel.distances.resize_keeping(n + 1, n + 1);
        Location nowhere;
        nowhere.matrix_index = static_cast<Index>(n);
        for (size_t v = 0; v < engineers.size(); ++v) {
            if (!vehicle_locations[v].start) engineers[v].start = nowhere;
            if (!vehicle_locations[v].end) engineers[v].end = nowhere;
        }
    }

    ProblemBuilder builder;
    for (auto& e : engineers) builder.add_engineer(std::move(e));
    for (auto& j : model_jobs) builder.add_job(std::move(j));
    builder.set_travel(std::move(travel));
    const std::string matrix_path = matrix ? matrix->path : "/jobs";
    try {
        VroomInput in{builder.build(), std::move(out_vehicles), std::move(out_jobs), matrix.has_value(),
                      !matrix || matrix->has_distances, 0.0, {}};
        for (const auto& w : in.problem.warnings()) in.warnings.push_back({to_vroom_path(w.path, matrix_path), w.message});
        in.loading_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        return in;
    } catch (const InputError& e) {
        throw InputError(to_vroom_path(e.path(), matrix_path), e.message());
    }
}

VroomInput read_vroom_file(const std::string& path) {
    return vroom_from_json(io_detail::read_text_file(path, "VROOM input file"));
}

}  // namespace fsd
