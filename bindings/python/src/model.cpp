// Bindings of the domain model: value types, Problem (built through the
// validating builder), Solution. Conversion only.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/eigen.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <type_traits>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/model/solution.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

template <class M>
py::array matrix_view(const M& m, py::handle owner) {
    using T = typename M::Scalar;
    py::array_t<T> a({m.rows(), m.cols()},
                     {static_cast<py::ssize_t>(sizeof(T) * m.cols()), static_cast<py::ssize_t>(sizeof(T))},
                     m.data(), owner);
    a.attr("setflags")(py::arg("write") = false);
    return a;
}

[[noreturn]] void refuse_entry(const std::string& path, py::ssize_t i, py::ssize_t k, const std::string& sentence) {
    throw InputError(path + "/" + std::to_string(i) + "/" + std::to_string(k), sentence);
}

// One entry, refused in the JSON reader's words when a matrix cannot hold it.
template <class T>
TravelValue travel_entry(T v, const std::string& path, py::ssize_t i, py::ssize_t k) {
    if constexpr (std::is_floating_point_v<T>) {
        if (!std::isfinite(v) || v != std::floor(v)) refuse_entry(path, i, k, fmt::format("expected a whole number, got {}", v));
        if (v < 0) refuse_entry(path, i, k, fmt::format("the value must not be negative (got {:.0f})", v));
        if (v > static_cast<double>(kTravelValueMax))
            refuse_entry(path, i, k, fmt::format("the value {:.0f} is too large (the most accepted is {})", v, kTravelValueMax));
    } else {
        if constexpr (std::is_signed_v<T>)
            if (v < 0) refuse_entry(path, i, k, fmt::format("the value must not be negative (got {})", v));
        if (v > static_cast<T>(kTravelValueMax))
            refuse_entry(path, i, k, fmt::format("the value {} is too large (the most accepted is {})", v, kTravelValueMax));
    }
    return static_cast<TravelValue>(v);
}

template <class T>
DurationMatrix travel_matrix_of(const py::array& values, const std::string& path) {
    const auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(values);
    const auto v = a.template unchecked<2>();
    DurationMatrix m(v.shape(0), v.shape(1));
    for (py::ssize_t i = 0; i < v.shape(0); ++i)
        for (py::ssize_t k = 0; k < v.shape(1); ++k) m(i, k) = travel_entry(v(i, k), path, i, k);
    return m;
}

// A matrix from any 2-D array of whole numbers (an integer dtype, or floats
// with whole values as the JSON reader takes them), entry by entry: pybind11's
// Eigen conversion would wrap int64 values beyond int32 without a word.
DurationMatrix travel_matrix(const py::object& values, const std::string& path) {
    const py::array a = py::array::ensure(values);
    if (!a) throw InputError(path, "expected a 2-D array of whole numbers");
    if (a.ndim() != 2) throw InputError(path, fmt::format("expected a 2-D array, got {} dimensions", a.ndim()));
    switch (a.dtype().kind()) {
        case 'i': return travel_matrix_of<std::int64_t>(a, path);
        case 'u': return travel_matrix_of<std::uint64_t>(a, path);
        case 'f': return travel_matrix_of<double>(a, path);
        default:
            throw InputError(path, "expected whole numbers, got an array of dtype " + py::str(a.dtype()).cast<std::string>());
    }
}

// Job.durations_by_level from LevelDuration objects, (level, duration) pairs or dicts.
std::vector<LevelDuration> level_durations(const py::iterable& entries) {
    std::vector<LevelDuration> out;
    for (const py::handle item : entries) {
        if (py::isinstance<LevelDuration>(item)) {
            out.push_back(item.cast<LevelDuration>());
        } else if (py::isinstance<py::dict>(item)) {
            const py::dict d = py::reinterpret_borrow<py::dict>(item);
            for (const auto& kv : d) {
                const std::string key = py::str(kv.first);
                if (key != "level" && key != "duration")
                    throw py::type_error("durations_by_level: unknown key '" + key + "' (use 'level' and 'duration')");
            }
            if (!d.contains("level") || !d.contains("duration"))
                throw py::type_error("durations_by_level: a dict needs 'level' and 'duration'");
            out.push_back(LevelDuration{d["level"].cast<int>(), d["duration"].cast<Duration>()});
        } else {
            if (!py::isinstance<py::sequence>(item) || py::isinstance<py::str>(item) || py::len(item) != 2)
                throw py::type_error("durations_by_level: each entry is a LevelDuration, a (level, duration) pair or a dict");
            const py::sequence pair = py::reinterpret_borrow<py::sequence>(item);
            out.push_back(LevelDuration{pair[0].cast<int>(), pair[1].cast<Duration>()});
        }
    }
    return out;
}

void bind_model(py::module_& m) {
    py::class_<TimeWindow>(m, "TimeWindow", "A closed interval [start, end] of instants (seconds).")
        .def(py::init<>())
        .def(py::init([](Time start, Time end) { return TimeWindow{start, end}; }), py::arg("start"), py::arg("end"))
        .def_readwrite("start", &TimeWindow::start)
        .def_readwrite("end", &TimeWindow::end)
        .def(py::self == py::self)
        .def("__repr__", [](const TimeWindow& w) {
            return "TimeWindow(" + std::to_string(w.start) + ", " + std::to_string(w.end) + ")";
        });

    py::class_<Coordinates>(m, "Coordinates", "A point in degrees (WGS84).")
        .def(py::init<>())
        .def(py::init([](double lat, double lon) { return Coordinates{lat, lon}; }), py::arg("lat"), py::arg("lon"))
        .def_readwrite("lat", &Coordinates::lat)
        .def_readwrite("lon", &Coordinates::lon)
        .def(py::self == py::self);

    py::class_<Location>(m, "Location", "Coordinates and/or an index into an explicit travel matrix.")
        .def(py::init<>())
        .def(py::init([](std::optional<double> lat, std::optional<double> lon, std::optional<Index> index) {
                 Location l;
                 if (lat.has_value() != lon.has_value())
                     throw InputError("", "give both lat and lon, or neither");
                 if (lat) l.coords = Coordinates{*lat, *lon};
                 l.matrix_index = index;
                 return l;
             }),
             py::arg("lat") = py::none(), py::arg("lon") = py::none(), py::arg("index") = py::none())
        .def_readwrite("coords", &Location::coords)
        .def_readwrite("index", &Location::matrix_index)
        .def(py::self == py::self);

    py::class_<SkillLevel>(m, "SkillLevel", "A skill an engineer holds, with its level.")
        .def(py::init([](std::string skill, int level) { return SkillLevel{std::move(skill), level}; }),
             py::arg("skill"), py::arg("level") = 1)
        .def_readwrite("skill", &SkillLevel::skill)
        .def_readwrite("level", &SkillLevel::level)
        .def(py::self == py::self);

    py::class_<SkillRequirement>(m, "SkillRequirement", "A skill a job needs, at a minimum level.")
        .def(py::init([](std::string skill, int min_level) { return SkillRequirement{std::move(skill), min_level}; }),
             py::arg("skill"), py::arg("min_level") = 1)
        .def_readwrite("skill", &SkillRequirement::skill)
        .def_readwrite("min_level", &SkillRequirement::min_level)
        .def(py::self == py::self);

    py::class_<LevelDuration>(m, "LevelDuration",
                              "The service time of a job for engineers at `level` or above in its first skill.")
        .def(py::init([](int level, Duration duration) { return LevelDuration{level, duration}; }), py::arg("level") = 1,
             py::arg("duration") = 0)
        .def_readwrite("level", &LevelDuration::level)
        .def_readwrite("duration", &LevelDuration::duration)
        .def(py::self == py::self)
        .def("__repr__", [](const LevelDuration& d) {
            return "LevelDuration(level=" + std::to_string(d.level) + ", duration=" + std::to_string(d.duration) + ")";
        });

    py::class_<Break>(m, "Break", "A break taken once in the shift it falls in.", py::dynamic_attr())
        .def(py::init<>())
        .def_readwrite("id", &Break::id)
        .def_readwrite("windows", &Break::windows)
        .def_readwrite("duration", &Break::duration)
        .def(py::self == py::self);

    py::class_<EngineerCosts>(m, "EngineerCosts", "Fixed cost per used route, cost per hour of travel and per km.")
        .def(py::init<>())
        .def_readwrite("fixed", &EngineerCosts::fixed)
        .def_readwrite("per_hour", &EngineerCosts::per_hour)
        .def_readwrite("per_km", &EngineerCosts::per_km)
        .def_readwrite("overtime_per_hour", &EngineerCosts::overtime_per_hour)
        .def(py::self == py::self);

    py::class_<Engineer>(m, "Engineer", "A field engineer; each shift is planned as one route.")
        .def(py::init<>())
        .def_readwrite("id", &Engineer::id)
        .def_readwrite("start", &Engineer::start)
        .def_readwrite("end", &Engineer::end)
        .def_readwrite("shifts", &Engineer::shifts)
        .def_readwrite("breaks", &Engineer::breaks)
        .def_readwrite("skills", &Engineer::skills)
        .def_readwrite("capacity", &Engineer::capacity)
        .def_readwrite("max_jobs", &Engineer::max_jobs)
        .def_readwrite("max_travel_time", &Engineer::max_travel_time)
        .def_readwrite("costs", &Engineer::costs)
        .def_readwrite("speed_factor", &Engineer::speed_factor)
        .def_readwrite("max_overtime", &Engineer::max_overtime)
        .def(py::self == py::self)
        .def("__repr__", [](const Engineer& e) { return "Engineer('" + e.id + "')"; });

    py::class_<SlaDeadline>(m, "SlaDeadline", "SLA deadline on the start of service, hard or soft.")
        .def(py::init([](Time deadline, bool hard, Cost cost) { return SlaDeadline{deadline, hard, cost}; }),
             py::arg("deadline"), py::arg("hard") = false, py::arg("lateness_cost_per_second") = 1)
        .def_readwrite("deadline", &SlaDeadline::deadline)
        .def_readwrite("hard", &SlaDeadline::hard)
        .def_readwrite("lateness_cost_per_second", &SlaDeadline::lateness_cost_per_second)
        .def(py::self == py::self);

    py::class_<Job>(m, "Job", "A field visit for a service ticket.")
        .def(py::init<>())
        .def_readwrite("id", &Job::id)
        .def_readwrite("location", &Job::location)
        .def_readwrite("duration", &Job::duration)
        .def_readwrite("time_windows", &Job::time_windows)
        .def_readwrite("skills", &Job::skills)
        .def_readwrite("priority", &Job::priority)
        .def_readwrite("sla", &Job::sla)
        .def_readwrite("demand", &Job::demand)
        .def_readwrite("pinned_engineer", &Job::pinned_engineer)
        .def_readwrite("allowed_engineers", &Job::allowed_engineers)
        .def_readwrite("forbidden_engineers", &Job::forbidden_engineers)
        .def_readwrite("optional", &Job::optional)
        .def_readwrite("penalty", &Job::penalty)
        .def_readwrite("preferred_engineer", &Job::preferred_engineer)
        .def_readwrite("preference_cost", &Job::preference_cost)
        .def_property(
            "durations_by_level", [](const Job& j) { return j.durations_by_level; },
            [](Job& j, const py::iterable& entries) { j.durations_by_level = level_durations(entries); },
            "Service time by the engineer's level in the first skill: LevelDuration, (level, duration) pairs "
            "or {'level': .., 'duration': ..} dicts.")
        .def(py::self == py::self)
        .def("__repr__", [](const Job& j) { return "Job('" + j.id + "')"; });

    py::class_<ObjectiveWeights>(m, "ObjectiveWeights", "Weights of the objective's parts.")
        .def(py::init<>())
        .def_readwrite("unassigned", &ObjectiveWeights::unassigned)
        .def_readwrite("lateness", &ObjectiveWeights::lateness)
        .def_readwrite("travel", &ObjectiveWeights::travel)
        .def_readwrite("balance", &ObjectiveWeights::balance)
        .def_readwrite("preference", &ObjectiveWeights::preference)
        .def_readwrite("overtime", &ObjectiveWeights::overtime)
        .def(py::self == py::self);

    py::class_<ObjectiveParts>(m, "ObjectiveParts", "The objective of a solution, part by part.")
        .def(py::init<>())
        .def_readwrite("unassigned", &ObjectiveParts::unassigned)
        .def_readwrite("lateness", &ObjectiveParts::lateness)
        .def_readwrite("travel", &ObjectiveParts::travel)
        .def_readwrite("balance", &ObjectiveParts::balance)
        .def_readwrite("preference", &ObjectiveParts::preference)
        .def_readwrite("overtime", &ObjectiveParts::overtime)
        .def_property_readonly("total", &ObjectiveParts::total)
        .def(py::self == py::self)
        .def("__repr__", [](const ObjectiveParts& o) {
            return "ObjectiveParts(total=" + std::to_string(o.total()) + ", unassigned=" + std::to_string(o.unassigned) +
                   ", lateness=" + std::to_string(o.lateness) + ", travel=" + std::to_string(o.travel) +
                   ", balance=" + std::to_string(o.balance) + ", preference=" + std::to_string(o.preference) +
                   ", overtime=" + std::to_string(o.overtime) + ")";
        });

    py::class_<GreatCircleOptions>(m, "GreatCircle", "Great-circle travel: haversine x detour at a constant speed.")
        .def(py::init([](double speed_kmh, double detour_factor) { return GreatCircleOptions{speed_kmh, detour_factor}; }),
             py::arg("speed_kmh") = 40.0, py::arg("detour_factor") = 1.3)
        .def_readwrite("speed_kmh", &GreatCircleOptions::speed_kmh)
        .def_readwrite("detour_factor", &GreatCircleOptions::detour_factor)
        .def(py::self == py::self);

    py::class_<RoadNode>(m, "RoadNode", "A road-network node.")
        .def(py::init([](std::string id, double lat, double lon) { return RoadNode{std::move(id), {lat, lon}}; }),
             py::arg("id"), py::arg("lat"), py::arg("lon"))
        .def_readwrite("id", &RoadNode::id)
        .def_readwrite("coords", &RoadNode::coords);
    py::class_<RoadEdge>(m, "RoadEdge", "A directed road segment.")
        .def(py::init([](std::string from, std::string to, Distance length, Duration duration) {
                 return RoadEdge{std::move(from), std::move(to), length, duration};
             }),
             py::arg("from_"), py::arg("to"), py::arg("length_m"), py::arg("duration_s"))
        .def_readwrite("from_", &RoadEdge::from)
        .def_readwrite("to", &RoadEdge::to)
        .def_readwrite("length_m", &RoadEdge::length)
        .def_readwrite("duration_s", &RoadEdge::duration);
    py::class_<RoadNetwork>(m, "RoadNetwork", "A directed road graph; locations snap to the nearest node.")
        .def(py::init([](std::vector<RoadNode> nodes, std::vector<RoadEdge> edges) {
                 return RoadNetwork{std::move(nodes), std::move(edges)};
             }),
             py::arg("nodes"), py::arg("edges"))
        .def_readwrite("nodes", &RoadNetwork::nodes)
        .def_readwrite("edges", &RoadNetwork::edges);
    m.def("read_road_network_csv", &read_road_network_csv, py::arg("nodes_csv"), py::arg("edges_csv"),
          "Reads nodes (id,lat,lon) and edges (from,to,length_m,duration_s) CSV files.");
    m.def("parse_road_network_csv", &parse_road_network_csv, py::arg("nodes_text"), py::arg("edges_text"),
          py::arg("nodes_name") = "nodes.csv", py::arg("edges_name") = "edges.csv",
          "Reads a road network from the text of its nodes and edges CSV files; errors name nodes_name:line or "
          "edges_name:line.");

    py::class_<TravelMatrices>(m, "TravelMatrices",
                               "Explicit duration (s) and distance (m) matrices: 2-D arrays of whole numbers from 0 to "
                               "2,147,483,647, kept as int32.")
        .def(py::init([](const py::object& durations, const py::object& distances) {
                 return TravelMatrices{travel_matrix(durations, "/travel/durations"),
                                       travel_matrix(distances, "/travel/distances")};
             }),
             py::arg("durations"), py::arg("distances"))
        .def_property_readonly("durations", [](py::object self) {
            return matrix_view(self.cast<const TravelMatrices&>().durations, self);
        })
        .def_property_readonly("distances", [](py::object self) {
            return matrix_view(self.cast<const TravelMatrices&>().distances, self);
        });

    py::class_<ValidationWarning>(m, "ValidationWarning", "A non-fatal finding of validation.")
        .def_readonly("path", &ValidationWarning::path)
        .def_readonly("message", &ValidationWarning::message)
        .def("__repr__", [](const ValidationWarning& w) { return "ValidationWarning('" + w.path + "', '" + w.message + "')"; });

    py::class_<RouteSlot>(m, "RouteSlot", "One engineer's shift, planned as one route.")
        .def_readonly("engineer", &RouteSlot::engineer)
        .def_readonly("shift", &RouteSlot::shift)
        .def_readonly("window", &RouteSlot::window)
        .def_readonly("breaks", &RouteSlot::breaks);

    py::class_<Problem, std::shared_ptr<Problem>>(m, "Problem",
                                                  "An immutable, validated dispatch problem.", py::dynamic_attr())
        .def(py::init([](std::vector<Engineer> engineers, std::vector<Job> jobs, py::object travel,
                         std::optional<ObjectiveWeights> weights) {
                 ProblemBuilder b;
                 for (auto& e : engineers) b.add_engineer(std::move(e));
                 for (auto& j : jobs) b.add_job(std::move(j));
                 if (!travel.is_none()) {
                     if (py::isinstance<GreatCircleOptions>(travel)) b.set_travel(travel.cast<GreatCircleOptions>());
                     else if (py::isinstance<TravelMatrices>(travel)) b.set_travel(travel.cast<TravelMatrices>());
                     else if (py::isinstance<RoadNetwork>(travel)) b.set_travel(travel.cast<RoadNetwork>());
                     else throw InputError("/travel", "expected GreatCircle, TravelMatrices or RoadNetwork");
                 }
                 if (weights) b.set_weights(*weights);
                 py::gil_scoped_release release;
                 return std::make_shared<Problem>(b.build());
             }),
             py::arg("engineers"), py::arg("jobs"), py::arg("travel") = py::none(), py::arg("weights") = py::none())
        .def_property_readonly("engineers", &Problem::engineers)
        .def_property_readonly("jobs", &Problem::jobs)
        .def_property_readonly("num_engineers", &Problem::num_engineers)
        .def_property_readonly("num_jobs", &Problem::num_jobs)
        .def_property_readonly("num_locations", &Problem::num_locations)
        .def_property_readonly("dimensions", &Problem::dimensions)
        .def_property_readonly("slots", &Problem::slots)
        .def_property_readonly("weights", &Problem::weights)
        .def("service_duration", &Problem::service_duration, py::arg("engineer"), py::arg("job"),
             "Service time of job `job` when engineer `engineer` serves it (by its level in the job's first skill).")
        .def_property_readonly("has_level_durations", &Problem::has_level_durations)
        .def_property_readonly("has_overtime", &Problem::has_overtime)
        .def_property_readonly("warnings", &Problem::warnings)
        .def("engineer_index", &Problem::engineer_index, py::arg("id"))
        .def("job_index", &Problem::job_index, py::arg("id"))
        .def("job_location", &Problem::job_location, py::arg("job"))
        .def("start_location", &Problem::start_location, py::arg("engineer"))
        .def("end_location", &Problem::end_location, py::arg("engineer"))
        .def("compatible", &Problem::compatible, py::arg("engineer"), py::arg("job"))
        .def("compatible_engineers", &Problem::compatible_engineers, py::arg("job"))
        .def("unassigned_cost", &Problem::unassigned_cost, py::arg("job"))
        .def_property_readonly("distances", [](py::object self) {
            return matrix_view(self.cast<const Problem&>().distances(), self);
        }, "Distance matrix (metres, int32) as a read-only NumPy view.")
        .def_property_readonly("base_durations", [](py::object self) {
            return matrix_view(self.cast<const Problem&>().base_durations(), self);
        }, "Duration matrix (seconds, int32) at speed factor 1, a read-only NumPy view.")
        .def("durations", [](py::object self, Index e) {
            const auto& p = self.cast<const Problem&>();
            if (e < 0 || e >= p.num_engineers()) throw py::index_error("engineer index out of range");
            return matrix_view(p.durations(e), self);
        }, py::arg("engineer"), "Duration matrix (seconds, int32) as engineer `engineer` drives, a read-only NumPy view.");

    py::enum_<StepKind>(m, "StepKind")
        .value("start", StepKind::start)
        .value("job", StepKind::job)
        .value("break_", StepKind::break_)
        .value("end", StepKind::end);

    py::enum_<UnassignedReason>(m, "UnassignedReason")
        .value("no_qualified_engineer", UnassignedReason::no_qualified_engineer)
        .value("window_unreachable", UnassignedReason::window_unreachable)
        .value("capacity", UnassignedReason::capacity)
        .value("max_jobs", UnassignedReason::max_jobs)
        .value("shift_too_short", UnassignedReason::shift_too_short)
        .value("too_costly", UnassignedReason::too_costly)
        .value("not_inserted", UnassignedReason::not_inserted)
        .value("time_limit", UnassignedReason::time_limit);

    py::class_<Step>(m, "Step", "One timed step of a route.")
        .def(py::init<>())
        .def_readwrite("kind", &Step::kind)
        .def_readwrite("index", &Step::index)
        .def_readwrite("arrival", &Step::arrival)
        .def_readwrite("start", &Step::start)
        .def_readwrite("end", &Step::end)
        .def_readwrite("waiting", &Step::waiting)
        .def_readwrite("travel_time", &Step::travel_time)
        .def_readwrite("travel_distance", &Step::travel_distance)
        .def_readwrite("lateness", &Step::lateness)
        .def_readwrite("load", &Step::load)
        .def(py::self == py::self);

    py::class_<Route>(m, "Route", "The plan of one engineer's shift.")
        .def(py::init<>())
        .def_readwrite("engineer", &Route::engineer)
        .def_readwrite("shift", &Route::shift)
        .def_readwrite("steps", &Route::steps)
        .def_readwrite("travel_time", &Route::travel_time)
        .def_readwrite("distance", &Route::distance)
        .def_readwrite("service_time", &Route::service_time)
        .def_readwrite("waiting_time", &Route::waiting_time)
        .def_readwrite("working_time", &Route::working_time)
        .def_readwrite("lateness", &Route::lateness)
        .def_readwrite("cost", &Route::cost)
        .def(py::self == py::self);

    py::class_<FixSkill>(m, "FixSkill", "A skill and level an engineer would need (part of an UnassignedFix).")
        .def(py::init([](std::string skill, int level) { return FixSkill{std::move(skill), level}; }),
             py::arg("skill"), py::arg("level") = 1)
        .def_readwrite("skill", &FixSkill::skill)
        .def_readwrite("level", &FixSkill::level)
        .def("__repr__", [](const FixSkill& s) { return "FixSkill('" + s.skill + "', " + std::to_string(s.level) + ")"; })
        .def(py::self == py::self);

    py::class_<UnassignedFix>(m, "UnassignedFix",
                              "The smallest change found that would let a left-out job in; `kind` says which members "
                              "matter (docs/unassigned.md).")
        .def(py::init<>())
        .def_readwrite("kind", &UnassignedFix::kind)
        .def_readwrite("engineer", &UnassignedFix::engineer)
        .def_readwrite("skills", &UnassignedFix::skills)
        .def_readwrite("minutes", &UnassignedFix::minutes)
        .def_readwrite("amount", &UnassignedFix::amount)
        .def_readwrite("dimension", &UnassignedFix::dimension)
        .def_readwrite("cost", &UnassignedFix::cost)
        .def_readwrite("sentence", &UnassignedFix::sentence)
        .def("to_dict",
             [](const UnassignedFix& f) {
                 py::list skills;
                 for (const FixSkill& s : f.skills) skills.append(py::dict(py::arg("skill") = s.skill, py::arg("level") = s.level));
                 return py::dict(py::arg("kind") = f.kind, py::arg("engineer") = f.engineer, py::arg("skills") = skills,
                                 py::arg("minutes") = f.minutes, py::arg("amount") = f.amount,
                                 py::arg("dimension") = f.dimension, py::arg("cost") = f.cost,
                                 py::arg("sentence") = f.sentence);
             })
        .def("__repr__", [](const UnassignedFix& f) { return "UnassignedFix(" + f.kind + ": " + f.sentence + ")"; })
        .def(py::self == py::self);

    py::class_<Unassigned>(m, "Unassigned", "A job left out, with its reason.")
        .def(py::init<>())
        .def_readwrite("job", &Unassigned::job)
        .def_readwrite("reason", &Unassigned::reason)
        .def_readwrite("detail", &Unassigned::detail)
        .def_readwrite("fix", &Unassigned::fix, "The smallest change that would let it in (UnassignedFix), or None.")
        .def(py::self == py::self);

    py::class_<SolveStats>(m, "SolveStats", "Figures about the search.")
        .def(py::init<>())
        .def_readwrite("seconds", &SolveStats::seconds)
        .def_readwrite("iterations", &SolveStats::iterations)
        .def_readwrite("improvements", &SolveStats::improvements)
        .def_readwrite("seed", &SolveStats::seed)
        .def_readwrite("solver", &SolveStats::solver)
        .def_readwrite("stop_reason", &SolveStats::stop_reason,
                       "Why the search stopped: \"time_limit\", \"iteration_limit\", \"stagnation\", "
                       "\"cancelled\" or \"interrupted\"; \"\" when unknown.");

    py::class_<Solution>(m, "Solution", "A day plan: routes, unassigned jobs, objective.", py::dynamic_attr())
        .def(py::init<>())
        .def_readwrite("routes", &Solution::routes)
        .def_readwrite("unassigned", &Solution::unassigned)
        .def_readwrite("objective", &Solution::objective)
        .def_readwrite("stats", &Solution::stats)
        .def(py::self == py::self);
}

}  // namespace

FSDPY_REGISTER(10, bind_model);
