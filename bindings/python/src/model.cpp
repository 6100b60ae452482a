// Bindings of the domain model: value types, Problem (built through the
// validating builder), Solution. Conversion only.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>
#include <type_traits>

#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/model/solution.hpp"
#include "enum_str.hpp"
#include "instant.hpp"
#include "registry.hpp"
#include "repr.hpp"

namespace py = pybind11;
using namespace fsd;
using fsdpy::short_repr;
using fsdpy::value_repr;

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
// automatic conversion of a 2-D array would not refuse int64 values beyond
// int32 with the entry's path.
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

// Part counts (Engineer.stock, Job.parts, Step.pickup_parts) from a dict
// {part: count} as the JSON writes them, or an iterable of PartCount objects
// or (part, count) pairs. The field name leads a type error's message.
std::vector<PartCount> part_counts(const py::handle& value, const char* field) {
    std::vector<PartCount> out;
    if (py::isinstance<py::dict>(value)) {
        for (const auto& kv : py::reinterpret_borrow<py::dict>(value)) {
            if (!py::isinstance<py::str>(kv.first))
                throw py::type_error(std::string(field) + ": part names are str (got " +
                                     py::str(py::type::of(kv.first).attr("__name__")).cast<std::string>() + ")");
            out.push_back(PartCount{kv.first.cast<std::string>(), kv.second.cast<Amount>()});
        }
        return out;
    }
    if (py::isinstance<py::str>(value) || !py::isinstance<py::iterable>(value))
        throw py::type_error(std::string(field) + ": expected a dict {part: count} or a list of PartCount");
    for (const py::handle item : py::reinterpret_borrow<py::iterable>(value)) {
        if (py::isinstance<PartCount>(item)) {
            out.push_back(item.cast<PartCount>());
            continue;
        }
        if (!py::isinstance<py::sequence>(item) || py::isinstance<py::str>(item) || py::len(item) != 2)
            throw py::type_error(std::string(field) + ": each entry is a PartCount or a (part, count) pair");
        const py::sequence pair = py::reinterpret_borrow<py::sequence>(item);
        out.push_back(PartCount{pair[0].cast<std::string>(), pair[1].cast<Amount>()});
    }
    return out;
}

// The problem a plan item was read from, when its Solution knew it; None otherwise.
py::object problem_of(const py::object& item) {
    const py::dict attributes = item.attr("__dict__");
    return attributes.contains("_problem") ? py::object(attributes["_problem"]) : py::object(py::none());
}

py::object known_problem(const py::object& item, const char* what) {
    py::object problem = problem_of(item);
    if (problem.is_none())
        throw py::value_error(std::string("this ") + what +
                              " does not know its problem (only items read from a Solution whose .problem is set "
                              "do); look the id up in problem.jobs / problem.engineers by index instead");
    return problem;
}

// Items taken out of a plan carry the plan's problem, so that their id
// properties (Step.id, Route.engineer_id, Unassigned.job_id) can answer.
template <class T>
py::list items_with_problem(const std::vector<T>& items, const py::object& problem, std::optional<Index> engineer = {}) {
    py::list out;
    for (const T& item : items) {
        py::object o = py::cast(item);
        if (!problem.is_none()) {
            o.attr("_problem") = problem;
            if (engineer) o.attr("_engineer") = *engineer;
        }
        out.append(std::move(o));
    }
    return out;
}

// A solution's problem: the one given, else the one it remembers.
py::object problem_or_own(const py::object& solution, const py::object& problem) {
    if (!problem.is_none()) return problem;
    py::object own = solution.attr("problem");
    if (own.is_none()) throw py::value_error("this Solution does not know its problem; pass problem=...");
    return own;
}

py::object plan_helper(const char* name) { return py::module_::import("fsdispatch.plan").attr(name); }

const char* step_type(StepKind kind) {
    switch (kind) {
        case StepKind::start: return "start";
        case StepKind::job: return "job";
        case StepKind::break_: return "break";
        case StepKind::depot: return "depot";
        case StepKind::end: return "end";
    }
    return "job";
}

void bind_model(py::module_& m) {
    py::class_<TimeWindow>(m, "TimeWindow", R"(A closed interval [start, end] of instants (Unix seconds).

Parameters
----------
start, end : int, datetime.datetime or str
    First and last instant of the window: Unix seconds, a timezone-aware datetime or ISO-8601
    text with an offset (kept as Unix seconds).

Raises
------
InputError
    A naive datetime or unreadable text.)")
        .def(py::init([](const py::object& start, const py::object& end) {
                 return TimeWindow{fsdpy::to_instant(start, "start"), fsdpy::to_instant(end, "end")};
             }),
             py::arg("start") = 0, py::arg("end") = 0)
        .def_readwrite("start", &TimeWindow::start)
        .def_readwrite("end", &TimeWindow::end)
        .def(py::self == py::self)
        .def("__repr__", short_repr<TimeWindow>("TimeWindow", {"start", "end"}, {}));

    py::class_<Coordinates>(m, "Coordinates", R"(A point in degrees (WGS84).

Parameters
----------
lat, lon : float
    Latitude and longitude in degrees.)")
        .def(py::init([](double lat, double lon) { return Coordinates{lat, lon}; }), py::arg("lat") = 0.0, py::arg("lon") = 0.0)
        .def_readwrite("lat", &Coordinates::lat)
        .def_readwrite("lon", &Coordinates::lon)
        .def(py::self == py::self)
        .def("__repr__", short_repr<Coordinates>("Coordinates", {"lat", "lon"}, {}));

    py::class_<Location>(m, "Location", R"(Where a job or a home base is: coordinates and/or a row of an explicit travel matrix.

Parameters
----------
lat, lon : float, optional
    Degrees (WGS84); give both or neither.
index : int, optional
    Row of the problem's TravelMatrices.

Raises
------
InputError
    Only one of lat and lon given.)")
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
        .def(py::self == py::self)
        .def("__repr__", short_repr<Location>("Location", {}, {"coords", "index"}));

    py::class_<SkillLevel>(m, "SkillLevel", R"(A skill an engineer holds, with its level (higher is better).

Parameters
----------
skill : str
level : int, default 1)")
        .def(py::init([](std::string skill, int level) { return SkillLevel{std::move(skill), level}; }),
             py::arg("skill") = "", py::arg("level") = 1)
        .def_readwrite("skill", &SkillLevel::skill)
        .def_readwrite("level", &SkillLevel::level)
        .def(py::self == py::self)
        .def("__repr__", short_repr<SkillLevel>("SkillLevel", {"skill", "level"}, {}));

    py::class_<SkillRequirement>(m, "SkillRequirement", R"(A skill a job needs, at a minimum level.

Parameters
----------
skill : str
min_level : int, default 1)")
        .def(py::init([](std::string skill, int min_level) { return SkillRequirement{std::move(skill), min_level}; }),
             py::arg("skill") = "", py::arg("min_level") = 1)
        .def_readwrite("skill", &SkillRequirement::skill)
        .def_readwrite("min_level", &SkillRequirement::min_level)
        .def(py::self == py::self)
        .def("__repr__", short_repr<SkillRequirement>("SkillRequirement", {"skill", "min_level"}, {}));

    py::class_<LevelDuration>(m, "LevelDuration", R"(The service time of a job for engineers at `level` or above in its first skill.

Parameters
----------
level : int, default 1
duration : int, default 0
    Seconds on site.)")
        .def(py::init([](int level, Duration duration) { return LevelDuration{level, duration}; }), py::arg("level") = 1,
             py::arg("duration") = 0)
        .def_readwrite("level", &LevelDuration::level)
        .def_readwrite("duration", &LevelDuration::duration)
        .def(py::self == py::self)
        .def("__repr__", short_repr<LevelDuration>("LevelDuration", {"level", "duration"}, {}));

    py::class_<PartCount>(m, "PartCount", R"(A number of units of one spare part (a van's stock, a job's need, a pickup).

Where a list of part counts is expected, a dict {part: count} or (part, count) pairs do too.

Parameters
----------
part : str
count : int, default 0)")
        .def(py::init([](std::string part, Amount count) { return PartCount{std::move(part), count}; }),
             py::arg("part") = PartCount{}.part, py::arg("count") = PartCount{}.count)
        .def_readwrite("part", &PartCount::part)
        .def_readwrite("count", &PartCount::count)
        .def(py::self == py::self)
        .def("__repr__", short_repr<PartCount>("PartCount", {"part", "count"}, {}));

    py::class_<Depot>(m, "Depot", R"(A place engineers stop at during a route for tools and spare parts.

A stop starts inside one of `opening` and lasts `duration`; parts are stocked without a
quantity limit.

Parameters
----------
id : str
location : Location
opening : list of TimeWindow
    Opening hours, sorted and disjoint; empty: always open.
duration : int, default 0
    Seconds a stop takes.
tools : list of str
    Tools it lends.
parts : list of str
    Part types it stocks.)")
        .def(py::init([](std::string id, Location location, std::vector<TimeWindow> opening, Duration duration,
                         std::vector<std::string> tools, std::vector<std::string> parts) {
                 return Depot{std::move(id), std::move(location), std::move(opening), duration, std::move(tools),
                              std::move(parts)};
             }),
             py::kw_only(), py::arg("id") = Depot{}.id, py::arg("location") = Location{},
             py::arg("opening") = std::vector<TimeWindow>{}, py::arg("duration") = Depot{}.duration,
             py::arg("tools") = std::vector<std::string>{}, py::arg("parts") = std::vector<std::string>{})
        .def_readwrite("id", &Depot::id)
        .def_readwrite("location", &Depot::location)
        .def_readwrite("opening", &Depot::opening)
        .def_readwrite("duration", &Depot::duration)
        .def_readwrite("tools", &Depot::tools)
        .def_readwrite("parts", &Depot::parts)
        .def(py::self == py::self)
        .def("__repr__", short_repr<Depot>("Depot", {"id"}, {"location", "opening", "duration", "tools", "parts"}));

    py::enum_<LinkEngineers> link_engineers_enum(m, "LinkEngineers",
                                                 "Who may serve the two visits of a JobLink: any, same (one engineer) or "
                                                 "different (two engineers).");
    link_engineers_enum.value("any", LinkEngineers::any)
        .value("same", LinkEngineers::same)
        .value("different", LinkEngineers::different);
    fsdpy::set_enum_str(link_engineers_enum, [](LinkEngineers x) { return to_string(x); });

    py::class_<JobLink>(m, "JobLink", R"(Two visits that depend on each other (docs/format.md, "Linked visits").

`second` starts between `min_gap` and `max_gap` seconds after `first` starts, and both are
served or neither is. The defaults make a two-person job: both engineers start together.

Parameters
----------
first, second : str
    Job ids.
min_gap, max_gap : int, default 0
    Seconds from the start of `first` to the start of `second` (0 to one year, max_gap >= min_gap).
engineers : LinkEngineers, default LinkEngineers.different
    Whether the same engineer, two different ones, or any may serve the two visits.)")
        .def(py::init([](std::string first, std::string second, Duration min_gap, Duration max_gap,
                         LinkEngineers engineers) {
                 return JobLink{std::move(first), std::move(second), min_gap, max_gap, engineers};
             }),
             py::kw_only(), py::arg("first") = JobLink{}.first, py::arg("second") = JobLink{}.second,
             py::arg("min_gap") = JobLink{}.min_gap, py::arg("max_gap") = JobLink{}.max_gap,
             py::arg("engineers") = JobLink{}.engineers)
        .def_readwrite("first", &JobLink::first)
        .def_readwrite("second", &JobLink::second)
        .def_readwrite("min_gap", &JobLink::min_gap)
        .def_readwrite("max_gap", &JobLink::max_gap)
        .def_readwrite("engineers", &JobLink::engineers)
        .def(py::self == py::self)
        .def("__repr__", short_repr<JobLink>("JobLink", {"first", "second"}, {"min_gap", "max_gap", "engineers"}));

    py::class_<Break>(m, "Break", R"(A break taken once in the shift it falls in, where the engineer is.

Parameters
----------
id : str
time_windows : list of TimeWindow
    The break starts inside one of them (JSON: ``time_windows``).
duration : int, default 0
    Seconds.
windows : list of TimeWindow, optional
    Deprecated name of `time_windows`, accepted for one release.)")
        .def(py::init([](std::string id, std::vector<TimeWindow> time_windows, Duration duration,
                         std::optional<std::vector<TimeWindow>> windows) {
                 if (windows) {
                     if (!time_windows.empty()) throw py::type_error("Break: give time_windows or windows, not both");
                     PyErr_WarnEx(PyExc_DeprecationWarning, "Break(windows=...) is deprecated; use time_windows=", 1);
                     time_windows = std::move(*windows);
                 }
                 return Break{std::move(id), std::move(time_windows), duration};
             }),
             py::kw_only(), py::arg("id") = "", py::arg("time_windows") = std::vector<TimeWindow>{},
             py::arg("duration") = 0, py::arg("windows") = py::none())
        .def_readwrite("id", &Break::id)
        .def_readwrite("time_windows", &Break::windows, "When the break may start (list of TimeWindow).")
        .def_property(
            "windows",
            [](const Break& b) {
                PyErr_WarnEx(PyExc_DeprecationWarning, "Break.windows is deprecated; use Break.time_windows", 1);
                return b.windows;
            },
            [](Break& b, std::vector<TimeWindow> windows) {
                PyErr_WarnEx(PyExc_DeprecationWarning, "Break.windows is deprecated; use Break.time_windows", 1);
                b.windows = std::move(windows);
            },
            "Deprecated name of `time_windows`.")
        .def_readwrite("duration", &Break::duration)
        .def(py::self == py::self)
        .def("__repr__", short_repr<Break>("Break", {"id", "time_windows", "duration"}, {}));

    py::class_<EngineerCosts>(m, "EngineerCosts", R"(What using an engineer costs.

A route costs `fixed` when it serves a job, plus round(per_hour x travel seconds / 3600) and
round(per_km x metres / 1000) per leg, plus overtime_per_hour for the time past the shift end,
plus round(per_working_hour x working seconds / 3600) per used route (departure to return).

Parameters
----------
fixed : int, default 0
per_hour : int, default 3600
    The default makes the cost equal the travel seconds.
per_km : int, default 0
overtime_per_hour : int, default 0
per_working_hour : int, default 0
    Prices the route's working time (waiting and service included), in the travel part.)")
        .def(py::init([](Cost fixed, Cost per_hour, Cost per_km, Cost overtime_per_hour, Cost per_working_hour) {
                 return EngineerCosts{fixed, per_hour, per_km, overtime_per_hour, per_working_hour};
             }),
             py::kw_only(), py::arg("fixed") = 0, py::arg("per_hour") = 3600, py::arg("per_km") = 0,
             py::arg("overtime_per_hour") = 0, py::arg("per_working_hour") = EngineerCosts{}.per_working_hour)
        .def_readwrite("fixed", &EngineerCosts::fixed)
        .def_readwrite("per_hour", &EngineerCosts::per_hour)
        .def_readwrite("per_km", &EngineerCosts::per_km)
        .def_readwrite("overtime_per_hour", &EngineerCosts::overtime_per_hour)
        .def_readwrite("per_working_hour", &EngineerCosts::per_working_hour)
        .def(py::self == py::self)
        .def("__repr__", short_repr<EngineerCosts>("EngineerCosts", {"fixed", "per_hour", "per_km", "overtime_per_hour"},
                                                   {"per_working_hour"}));

    py::class_<Engineer>(m, "Engineer", R"(A field engineer; each shift is planned as one route.

Parameters
----------
id : str
start : Location
    Home base the routes leave from.
end : Location, optional
    Where the routes end; None: back at `start`.
shifts : list of TimeWindow
    One route per shift; sorted and disjoint.
breaks : list of Break
skills : list of SkillLevel
capacity : list of int
    Per dimension; empty: unlimited.
max_jobs : int, optional
    Per shift.
max_travel_time : int, optional
    Seconds per shift.
costs : EngineerCosts
speed_factor : float, default 1.0
    Travel durations are divided by it.
max_overtime : int, default 0
    Seconds a route may run past its shift end (costed); 0: the end is hard.
tools : list of str
    Tools on board at the start of every shift.
stock : dict {part: count}, list of PartCount or (part, count) pairs
    Spare parts in the van at the start of every shift (read back as a list of PartCount).)")
        .def(py::init([](std::string id, Location start, std::optional<Location> end, std::vector<TimeWindow> shifts,
                         std::vector<Break> breaks, std::vector<SkillLevel> skills, std::vector<Amount> capacity,
                         std::optional<int> max_jobs, std::optional<Duration> max_travel_time, EngineerCosts costs,
                         double speed_factor, Duration max_overtime, std::vector<std::string> tools,
                         const py::object& stock) {
                 Engineer e;
                 e.id = std::move(id);
                 e.start = std::move(start);
                 e.end = std::move(end);
                 e.shifts = std::move(shifts);
                 e.breaks = std::move(breaks);
                 e.skills = std::move(skills);
                 e.capacity = std::move(capacity);
                 e.max_jobs = max_jobs;
                 e.max_travel_time = max_travel_time;
                 e.costs = costs;
                 e.speed_factor = speed_factor;
                 e.max_overtime = max_overtime;
                 e.tools = std::move(tools);
                 e.stock = part_counts(stock, "stock");
                 return e;
             }),
             py::kw_only(), py::arg("id") = "", py::arg("start") = Location{}, py::arg("end") = py::none(),
             py::arg("shifts") = std::vector<TimeWindow>{}, py::arg("breaks") = std::vector<Break>{},
             py::arg("skills") = std::vector<SkillLevel>{}, py::arg("capacity") = std::vector<Amount>{},
             py::arg("max_jobs") = py::none(), py::arg("max_travel_time") = py::none(),
             py::arg("costs") = EngineerCosts{}, py::arg("speed_factor") = 1.0, py::arg("max_overtime") = 0,
             py::arg("tools") = std::vector<std::string>{}, py::arg("stock") = py::dict())
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
        .def_readwrite("tools", &Engineer::tools, "Tools on board at the start of every shift (list of str).")
        .def_property(
            "stock", [](const Engineer& e) { return e.stock; },
            [](Engineer& e, const py::object& value) { e.stock = part_counts(value, "stock"); },
            "Spare parts in the van at the start of every shift: PartCount list; set from a dict {part: count}, "
            "PartCount objects or (part, count) pairs.")
        .def(py::self == py::self)
        .def("__repr__", short_repr<Engineer>("Engineer", {"id"},
                                              {"start", "end", "shifts", "breaks", "skills", "capacity", "max_jobs",
                                               "max_travel_time", "costs", "speed_factor", "max_overtime", "tools",
                                               "stock"}));

    py::class_<SlaDeadline>(m, "SlaDeadline", R"(SLA deadline on the start of service, hard or soft.

Parameters
----------
deadline : int, datetime.datetime or str
    Latest start of service: Unix seconds, a timezone-aware datetime or ISO-8601 text.
hard : bool, default False
    True: may never be missed; False: each late second costs `lateness_cost_per_second`.
lateness_cost_per_second : int, default 1)")
        .def(py::init([](const py::object& deadline, bool hard, Cost cost) {
                 return SlaDeadline{fsdpy::to_instant(deadline, "deadline"), hard, cost};
             }),
             py::arg("deadline") = 0, py::arg("hard") = false, py::arg("lateness_cost_per_second") = 1)
        .def_readwrite("deadline", &SlaDeadline::deadline)
        .def_readwrite("hard", &SlaDeadline::hard)
        .def_readwrite("lateness_cost_per_second", &SlaDeadline::lateness_cost_per_second)
        .def(py::self == py::self)
        .def("__repr__", short_repr<SlaDeadline>("SlaDeadline", {"deadline", "hard", "lateness_cost_per_second"}, {}));

    py::class_<Job>(m, "Job", R"(A field visit for a service ticket.

Parameters
----------
id : str
location : Location
duration : int, default 0
    Seconds on site.
time_windows : list of TimeWindow
    Bounds on the start of service; empty: any time.
skills : list of SkillRequirement
priority : int, default 0
    0 (lowest) to 100; a mandatory job left out costs weights.unassigned x (1 + priority).
sla : SlaDeadline, optional
demand : list of int
    Per capacity dimension.
pinned_engineer : str, optional
    Only this engineer may serve it.
allowed_engineers, forbidden_engineers : list of str
optional : bool, default False
    May be left out at cost `penalty`.
penalty : int, default 0
preferred_engineer : str, optional
    Serving it by anyone else costs `preference_cost`.
preference_cost : int, default 0
durations_by_level : list of LevelDuration, (level, duration) pairs or dicts
    Service time by the engineer's level in the first skill.
tools : list of str
    Tools the engineer must have on board on arrival (own or picked up at a depot).
parts : dict {part: count}, list of PartCount or (part, count) pairs
    Spare parts the visit uses up (read back as a list of PartCount).)")
        .def(py::init([](std::string id, Location location, Duration duration, std::vector<TimeWindow> time_windows,
                         std::vector<SkillRequirement> skills, int priority, std::optional<SlaDeadline> sla,
                         std::vector<Amount> demand, std::optional<std::string> pinned_engineer,
                         std::vector<std::string> allowed_engineers, std::vector<std::string> forbidden_engineers,
                         bool optional, Cost penalty, std::optional<std::string> preferred_engineer,
                         Cost preference_cost, const py::iterable& durations_by_level, std::vector<std::string> tools,
                         const py::object& parts) {
                 Job j;
                 j.id = std::move(id);
                 j.location = std::move(location);
                 j.duration = duration;
                 j.time_windows = std::move(time_windows);
                 j.skills = std::move(skills);
                 j.priority = priority;
                 j.sla = sla;
                 j.demand = std::move(demand);
                 j.pinned_engineer = std::move(pinned_engineer);
                 j.allowed_engineers = std::move(allowed_engineers);
                 j.forbidden_engineers = std::move(forbidden_engineers);
                 j.optional = optional;
                 j.penalty = penalty;
                 j.preferred_engineer = std::move(preferred_engineer);
                 j.preference_cost = preference_cost;
                 j.durations_by_level = level_durations(durations_by_level);
                 j.tools = std::move(tools);
                 j.parts = part_counts(parts, "parts");
                 return j;
             }),
             py::kw_only(), py::arg("id") = "", py::arg("location") = Location{}, py::arg("duration") = 0,
             py::arg("time_windows") = std::vector<TimeWindow>{}, py::arg("skills") = std::vector<SkillRequirement>{},
             py::arg("priority") = 0, py::arg("sla") = py::none(), py::arg("demand") = std::vector<Amount>{},
             py::arg("pinned_engineer") = py::none(), py::arg("allowed_engineers") = std::vector<std::string>{},
             py::arg("forbidden_engineers") = std::vector<std::string>{}, py::arg("optional") = false,
             py::arg("penalty") = 0, py::arg("preferred_engineer") = py::none(), py::arg("preference_cost") = 0,
             py::arg("durations_by_level") = py::list(), py::arg("tools") = std::vector<std::string>{},
             py::arg("parts") = py::dict())
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
        .def_readwrite("tools", &Job::tools, "Tools needed on board on arrival (list of str).")
        .def_property(
            "parts", [](const Job& j) { return j.parts; },
            [](Job& j, const py::object& value) { j.parts = part_counts(value, "parts"); },
            "Spare parts the visit uses up: PartCount list; set from a dict {part: count}, PartCount objects or "
            "(part, count) pairs.")
        .def(py::self == py::self)
        .def("__repr__", short_repr<Job>("Job", {"id"},
                                         {"location", "duration", "time_windows", "skills", "priority", "sla", "demand",
                                          "pinned_engineer", "allowed_engineers", "forbidden_engineers", "optional",
                                          "penalty", "preferred_engineer", "preference_cost", "durations_by_level",
                                          "tools", "parts"}));

    py::class_<ObjectiveWeights>(m, "ObjectiveWeights", R"(Weights of the objective's parts (integers).

Parameters
----------
unassigned : int, default 1_000_000_000
    Cost of leaving out a mandatory job, times (1 + priority).
lateness : int, default 1
    Multiplier on SLA lateness costs.
travel : int, default 1
    Multiplier on engineer costs.
balance : int, default 0
    Cost per second of spread between the longest and shortest working time.
preference : int, default 1
    Multiplier on preference costs.
overtime : int, default 1
    Multiplier on overtime costs.
max_lateness : int, default 0
    Cost per second of the largest SLA lateness of any served job (soft deadlines; 0: not priced).)")
        .def(py::init([](Cost unassigned, Cost lateness, Cost travel, Cost balance, Cost preference, Cost overtime,
                         Cost max_lateness) {
                 ObjectiveWeights w;
                 w.unassigned = unassigned;
                 w.lateness = lateness;
                 w.travel = travel;
                 w.balance = balance;
                 w.preference = preference;
                 w.overtime = overtime;
                 w.max_lateness = max_lateness;
                 return w;
             }),
             py::kw_only(), py::arg("unassigned") = ObjectiveWeights{}.unassigned,
             py::arg("lateness") = ObjectiveWeights{}.lateness, py::arg("travel") = ObjectiveWeights{}.travel,
             py::arg("balance") = ObjectiveWeights{}.balance, py::arg("preference") = ObjectiveWeights{}.preference,
             py::arg("overtime") = ObjectiveWeights{}.overtime, py::arg("max_lateness") = ObjectiveWeights{}.max_lateness)
        .def_readwrite("unassigned", &ObjectiveWeights::unassigned)
        .def_readwrite("lateness", &ObjectiveWeights::lateness)
        .def_readwrite("travel", &ObjectiveWeights::travel)
        .def_readwrite("balance", &ObjectiveWeights::balance)
        .def_readwrite("preference", &ObjectiveWeights::preference)
        .def_readwrite("overtime", &ObjectiveWeights::overtime)
        .def_readwrite("max_lateness", &ObjectiveWeights::max_lateness)
        .def(py::self == py::self)
        .def("__repr__", short_repr<ObjectiveWeights>("ObjectiveWeights", {"unassigned", "lateness", "travel", "balance",
                                                                           "preference", "overtime"}, {"max_lateness"}));

    py::class_<ObjectiveParts>(m, "ObjectiveParts", R"(The objective of a solution, part by part (weights applied).

Parameters
----------
unassigned, lateness, travel, balance, preference, overtime, max_lateness : int, default 0
    The parts; `total` is their sum.)")
        .def(py::init([](Cost unassigned, Cost lateness, Cost travel, Cost balance, Cost preference, Cost overtime,
                         Cost max_lateness) {
                 ObjectiveParts o;
                 o.unassigned = unassigned;
                 o.lateness = lateness;
                 o.travel = travel;
                 o.balance = balance;
                 o.preference = preference;
                 o.overtime = overtime;
                 o.max_lateness = max_lateness;
                 return o;
             }),
             py::kw_only(), py::arg("unassigned") = 0, py::arg("lateness") = 0, py::arg("travel") = 0,
             py::arg("balance") = 0, py::arg("preference") = 0, py::arg("overtime") = 0, py::arg("max_lateness") = 0)
        .def_readwrite("unassigned", &ObjectiveParts::unassigned)
        .def_readwrite("lateness", &ObjectiveParts::lateness)
        .def_readwrite("travel", &ObjectiveParts::travel)
        .def_readwrite("balance", &ObjectiveParts::balance)
        .def_readwrite("preference", &ObjectiveParts::preference)
        .def_readwrite("overtime", &ObjectiveParts::overtime)
        .def_readwrite("max_lateness", &ObjectiveParts::max_lateness)
        .def_property_readonly("total", &ObjectiveParts::total, "The sum of the parts.")
        .def(py::self == py::self)
        .def("__repr__", short_repr<ObjectiveParts>("ObjectiveParts", {"total", "unassigned", "lateness", "travel",
                                                                       "balance", "preference", "overtime"},
                                                    {"max_lateness"}));

    py::class_<GreatCircleOptions>(m, "GreatCircle", R"(Great-circle travel: haversine distance x detour, at a constant speed.

Parameters
----------
speed_kmh : float, default 40.0
detour_factor : float, default 1.3
    Road distance over straight-line distance.)")
        .def(py::init([](double speed_kmh, double detour_factor) { return GreatCircleOptions{speed_kmh, detour_factor}; }),
             py::arg("speed_kmh") = 40.0, py::arg("detour_factor") = 1.3)
        .def_readwrite("speed_kmh", &GreatCircleOptions::speed_kmh)
        .def_readwrite("detour_factor", &GreatCircleOptions::detour_factor)
        .def(py::self == py::self)
        .def("__repr__", short_repr<GreatCircleOptions>("GreatCircle", {"speed_kmh", "detour_factor"}, {}));

    py::class_<RoadNode>(m, "RoadNode", R"(A road-network node.

Parameters
----------
id : str
lat, lon : float
    Degrees (WGS84).)")
        .def(py::init([](std::string id, double lat, double lon) { return RoadNode{std::move(id), {lat, lon}}; }),
             py::arg("id"), py::arg("lat"), py::arg("lon"))
        .def_readwrite("id", &RoadNode::id)
        .def_readwrite("coords", &RoadNode::coords)
        .def(py::self == py::self)
        .def("__repr__", short_repr<RoadNode>("RoadNode", {"id", "coords"}, {}));
    py::class_<RoadEdge>(m, "RoadEdge", R"(A directed road segment.

Parameters
----------
from_, to : str
    Node ids.
length_m : int
    Metres.
duration_s : int
    Seconds.)")
        .def(py::init([](std::string from, std::string to, Distance length, Duration duration) {
                 return RoadEdge{std::move(from), std::move(to), length, duration};
             }),
             py::arg("from_"), py::arg("to"), py::arg("length_m"), py::arg("duration_s"))
        .def_readwrite("from_", &RoadEdge::from)
        .def_readwrite("to", &RoadEdge::to)
        .def_readwrite("length_m", &RoadEdge::length)
        .def_readwrite("duration_s", &RoadEdge::duration)
        .def(py::self == py::self)
        .def("__repr__", short_repr<RoadEdge>("RoadEdge", {"from_", "to", "length_m", "duration_s"}, {}));
    py::class_<RoadNetwork>(m, "RoadNetwork", R"(A directed road graph; locations snap to the nearest node.

Parameters
----------
nodes : list of RoadNode
edges : list of RoadEdge)")
        .def(py::init([](std::vector<RoadNode> nodes, std::vector<RoadEdge> edges) {
                 return RoadNetwork{std::move(nodes), std::move(edges)};
             }),
             py::arg("nodes"), py::arg("edges"))
        .def_readwrite("nodes", &RoadNetwork::nodes)
        .def_readwrite("edges", &RoadNetwork::edges)
        .def(py::self == py::self)
        .def("__repr__", short_repr<RoadNetwork>("RoadNetwork", {"nodes", "edges"}, {}));
    m.def("read_road_network_csv", &read_road_network_csv, py::arg("nodes_csv"), py::arg("edges_csv"),
          R"(Read a road network from CSV files.

Parameters
----------
nodes_csv : str
    Path of a file with columns id,lat,lon.
edges_csv : str
    Path of a file with columns from,to,length_m,duration_s.

Returns
-------
RoadNetwork

Raises
------
InputError
    A malformed line, named file:line.)");
    m.def("parse_road_network_csv", &parse_road_network_csv, py::arg("nodes_text"), py::arg("edges_text"),
          py::arg("nodes_name") = "nodes.csv", py::arg("edges_name") = "edges.csv",
          R"(Read a road network from the text of its nodes and edges CSV files.

Parameters
----------
nodes_text, edges_text : str
    The files' contents.
nodes_name, edges_name : str
    Names used in errors (nodes_name:line, edges_name:line).

Returns
-------
RoadNetwork

Raises
------
InputError
    A malformed line.)");

    py::class_<TravelMatrices>(m, "TravelMatrices", R"(Explicit travel matrices between locations (Location.index rows).

Parameters
----------
durations : array_like
    Seconds, a 2-D array (location by location) of whole numbers from 0 to 2,147,483,647 (kept as int32).
distances : array_like
    Metres, the same shape.

Raises
------
InputError
    An entry that is negative, fractional or too large, named "/travel/durations/i/k".)")
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

    py::reinterpret_borrow<py::class_<TravelMatrices>>(m.attr("TravelMatrices"))
        .def("__repr__", [](const TravelMatrices& t) {
            return "TravelMatrices(<" + std::to_string(t.durations.rows()) + "x" + std::to_string(t.durations.cols()) +
                   " durations>, <" + std::to_string(t.distances.rows()) + "x" + std::to_string(t.distances.cols()) +
                   " distances>)";
        });

    py::class_<ValidationWarning>(m, "ValidationWarning", R"(A non-fatal finding of validation (Problem.warnings).

Attributes
----------
path : str
    The field, like "/jobs/3/time_windows/0".
message : str
    A sentence.)")
        .def_readonly("path", &ValidationWarning::path)
        .def_readonly("message", &ValidationWarning::message)
        .def("__eq__",
             [](const ValidationWarning& a, const ValidationWarning& b) { return a.path == b.path && a.message == b.message; },
             py::is_operator(), py::arg("other"))
        .def("__repr__", short_repr<ValidationWarning>("ValidationWarning", {"path", "message"}, {}));

    py::class_<RouteSlot>(m, "RouteSlot", R"(One engineer's shift, planned as one route (Problem.slots).

Attributes
----------
engineer : int
    Engineer index.
shift : int
    Index into the engineer's shifts.
window : TimeWindow
    The shift itself.
breaks : list of int
    The engineer's break indices taken in this shift.)")
        .def_readonly("engineer", &RouteSlot::engineer)
        .def_readonly("shift", &RouteSlot::shift)
        .def_readonly("window", &RouteSlot::window)
        .def_readonly("breaks", &RouteSlot::breaks)
        .def("__eq__",
             [](const RouteSlot& a, const RouteSlot& b) {
                 return a.engineer == b.engineer && a.shift == b.shift && a.window == b.window && a.breaks == b.breaks;
             },
             py::is_operator(), py::arg("other"))
        .def("__repr__", short_repr<RouteSlot>("RouteSlot", {"engineer", "shift", "window", "breaks"}, {}));

    py::class_<Problem, std::shared_ptr<Problem>>(m, "Problem", R"(An immutable, validated dispatch problem.

Inside, everything is addressed by index: job j is ``jobs[j]``, engineer e is ``engineers[e]``.
Problems pickle (through their JSON text) and compare equal when their JSON texts are equal.

Parameters
----------
engineers : list of Engineer
jobs : list of Job
travel : GreatCircle, TravelMatrices or RoadNetwork, optional
    How travel is measured; None: great-circle at the defaults.
weights : ObjectiveWeights, optional
depots : list of Depot, optional
    Where engineers may stop for tools and spare parts.
links : list of JobLink, optional
    Visits that depend on each other (two-person jobs, follow-ups); errors name "/links/K/...".

Raises
------
InputError
    A field breaks a rule of the format; its path says which (e.g. "/jobs/3/time_windows/0").)",
                                                  py::dynamic_attr())
        .def(py::init([](std::vector<Engineer> engineers, std::vector<Job> jobs, py::object travel,
                         std::optional<ObjectiveWeights> weights, std::vector<Depot> depots, std::vector<JobLink> links) {
                 ProblemBuilder b;
                 for (auto& e : engineers) b.add_engineer(std::move(e));
                 for (auto& j : jobs) b.add_job(std::move(j));
                 for (auto& d : depots) b.add_depot(std::move(d));
                 for (auto& l : links) b.add_link(std::move(l));
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
             py::arg("engineers"), py::arg("jobs"), py::arg("travel") = py::none(), py::arg("weights") = py::none(),
             py::arg("depots") = std::vector<Depot>{}, py::arg("links") = std::vector<JobLink>{})
        .def_property_readonly("engineers", &Problem::engineers, "The engineers (list of Engineer), by index.")
        .def_property_readonly("depots", &Problem::depots, "The depots (list of Depot), by index.")
        .def_property_readonly("num_depots", &Problem::num_depots)
        .def_property_readonly("has_resources", &Problem::has_resources,
                               "Whether some job needs a tool or a spare part (then routes may stop at depots).")
        .def("depot_index", &Problem::depot_index, py::arg("id"),
             R"(Index of the depot with this id.

Parameters
----------
id : str

Returns
-------
int or None
    None when no depot has it.)")
        .def("depot_location", [](const Problem& p, Index d) {
            if (d < 0 || d >= p.num_depots()) throw py::index_error("depot index out of range");
            return p.depot_location(d);
        }, py::arg("depot"), R"(Travel-matrix row of a depot.

Parameters
----------
depot : int

Returns
-------
int

Raises
------
IndexError
    No such depot.)")
        .def_property_readonly("jobs", &Problem::jobs, "The jobs (list of Job), by index.")
        .def_property_readonly("links", &Problem::links, "The linked visits (list of JobLink), by index.")
        .def_property_readonly("num_links", &Problem::num_links)
        .def("link_first", [](const Problem& p, Index k) {
            if (k < 0 || k >= p.num_links()) throw py::index_error("link index out of range");
            return p.link_first(k);
        }, py::arg("link"), R"(Job index of a link's first visit.

Parameters
----------
link : int

Returns
-------
int

Raises
------
IndexError
    No such link.)")
        .def("link_second", [](const Problem& p, Index k) {
            if (k < 0 || k >= p.num_links()) throw py::index_error("link index out of range");
            return p.link_second(k);
        }, py::arg("link"), R"(Job index of a link's second visit.

Parameters
----------
link : int

Returns
-------
int

Raises
------
IndexError
    No such link.)")
        .def("links_of", [](const Problem& p, Index j) {
            if (j < 0 || j >= p.num_jobs()) throw py::index_error("job index out of range");
            return p.links_of(j);
        }, py::arg("job"), R"(The links a job takes part in, as first or second visit.

Parameters
----------
job : int

Returns
-------
list of int
    Link indices, ascending.

Raises
------
IndexError
    No such job.)")
        .def_property_readonly("num_engineers", &Problem::num_engineers)
        .def_property_readonly("num_jobs", &Problem::num_jobs)
        .def_property_readonly("num_locations", &Problem::num_locations)
        .def_property_readonly("dimensions", &Problem::dimensions, "Number of capacity dimensions.")
        .def_property_readonly("slots", &Problem::slots, "Every engineer's shifts as RouteSlots, one route each.")
        .def_property_readonly("weights", &Problem::weights)
        .def("service_duration", &Problem::service_duration, py::arg("engineer"), py::arg("job"),
             R"(Service time of a job when a given engineer serves it.

Parameters
----------
engineer, job : int
    Indices.

Returns
-------
int
    Seconds, by the engineer's level in the job's first skill.)")
        .def_property_readonly("has_level_durations", &Problem::has_level_durations)
        .def_property_readonly("has_overtime", &Problem::has_overtime)
        .def_property_readonly("warnings", &Problem::warnings, "Non-fatal findings of validation (ValidationWarning).")
        .def("engineer_index", &Problem::engineer_index, py::arg("id"),
             R"(Index of the engineer with this id.

Parameters
----------
id : str

Returns
-------
int or None
    None when no engineer has it.)")
        .def("job_index", &Problem::job_index, py::arg("id"),
             R"(Index of the job with this id.

Parameters
----------
id : str

Returns
-------
int or None
    None when no job has it.)")
        .def("job_location", &Problem::job_location, py::arg("job"),
             "Travel-matrix row of job `job` (an index).\n\nParameters\n----------\njob : int\n\nReturns\n-------\nint")
        .def("start_location", &Problem::start_location, py::arg("engineer"),
             "Travel-matrix row of an engineer's start.\n\nParameters\n----------\nengineer : int\n\nReturns\n-------\nint")
        .def("end_location", &Problem::end_location, py::arg("engineer"),
             "Travel-matrix row of an engineer's end.\n\nParameters\n----------\nengineer : int\n\nReturns\n-------\nint")
        .def("compatible", &Problem::compatible, py::arg("engineer"), py::arg("job"),
             "Whether an engineer may serve a job (skills, pins, allowed and forbidden lists, and every tool and part "
             "obtainable from the van or some depot).\n\n"
             "Parameters\n----------\nengineer, job : int\n\nReturns\n-------\nbool")
        .def("compatible_engineers", &Problem::compatible_engineers, py::arg("job"),
             "The engineers who may serve a job.\n\nParameters\n----------\njob : int\n\nReturns\n-------\nlist of int")
        .def("unassigned_cost", &Problem::unassigned_cost, py::arg("job"),
             "What leaving a job out costs (weights applied).\n\nParameters\n----------\njob : int\n\nReturns\n-------\nint")
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
        }, py::arg("engineer"), R"(Duration matrix as one engineer drives (their speed factor applied).

Parameters
----------
engineer : int

Returns
-------
numpy.ndarray
    Seconds, int32, a read-only view.

Raises
------
IndexError
    No such engineer.)")
        .def("__repr__", [](const Problem& p) {
            return "Problem(engineers=" + std::to_string(p.num_engineers()) + ", jobs=" + std::to_string(p.num_jobs()) +
                   ", locations=" + std::to_string(p.num_locations()) + ")";
        });

    py::enum_<StepKind>(m, "StepKind", "What a step of a route is: start, job, break_, depot or end.")
        .value("start", StepKind::start)
        .value("job", StepKind::job)
        .value("break_", StepKind::break_)
        .value("depot", StepKind::depot)
        .value("end", StepKind::end);

    py::enum_<UnassignedReason>(m, "UnassignedReason", "Why a job is not in the plan (docs/unassigned.md).")
        .value("no_qualified_engineer", UnassignedReason::no_qualified_engineer)
        .value("window_unreachable", UnassignedReason::window_unreachable)
        .value("capacity", UnassignedReason::capacity)
        .value("max_jobs", UnassignedReason::max_jobs)
        .value("shift_too_short", UnassignedReason::shift_too_short)
        .value("too_costly", UnassignedReason::too_costly)
        .value("not_inserted", UnassignedReason::not_inserted)
        .value("time_limit", UnassignedReason::time_limit)
        .value("parts_unavailable", UnassignedReason::parts_unavailable)
        .value("linked_visit_out", UnassignedReason::linked_visit_out);

    py::class_<Step>(m, "Step", R"(One timed step of a route.

Items read from a Solution that knows its problem also answer `id` (the JSON's id).

Parameters
----------
kind : StepKind, default StepKind.job
index : int, default -1
    Job index for a job, the engineer's break index for a break, the depot index for a depot stop.
arrival, start, end : int
    Instants (Unix seconds); start is the service (or break) start, end the departure.
waiting : int
    start - arrival, seconds.
travel_time, travel_distance : int
    From the previous step (seconds, metres).
lateness : int
    SLA lateness of a job step, seconds.
load : list of int
    Load on board after the step, per dimension.
pickup_tools : list of str
    Depot stops: tools taken on board.
pickup_parts : dict {part: count}, list of PartCount or (part, count) pairs
    Depot stops: parts taken on board (read back as a list of PartCount).)",
                     py::dynamic_attr())
        .def(py::init([](StepKind kind, Index index, Time arrival, Time start, Time end, Duration waiting,
                         Duration travel_time, Distance travel_distance, Duration lateness, std::vector<Amount> load,
                         std::vector<std::string> pickup_tools, const py::object& pickup_parts) {
                 return Step{kind, index, arrival, start, end, waiting, travel_time, travel_distance, lateness,
                             std::move(load), std::move(pickup_tools), part_counts(pickup_parts, "pickup_parts")};
             }),
             py::kw_only(), py::arg("kind") = StepKind::job, py::arg("index") = -1, py::arg("arrival") = 0,
             py::arg("start") = 0, py::arg("end") = 0, py::arg("waiting") = 0, py::arg("travel_time") = 0,
             py::arg("travel_distance") = 0, py::arg("lateness") = 0, py::arg("load") = std::vector<Amount>{},
             py::arg("pickup_tools") = std::vector<std::string>{}, py::arg("pickup_parts") = py::dict())
        .def_readwrite("kind", &Step::kind)
        .def_readwrite("index", &Step::index,
                       "Job index for a job, the engineer's break index for a break, the depot index for a depot stop.")
        .def_readwrite("arrival", &Step::arrival)
        .def_readwrite("start", &Step::start)
        .def_readwrite("end", &Step::end)
        .def_readwrite("waiting", &Step::waiting)
        .def_readwrite("travel_time", &Step::travel_time)
        .def_readwrite("travel_distance", &Step::travel_distance)
        .def_property_readonly("distance", [](const Step& s) { return s.travel_distance; },
                               "travel_distance under its JSON name.")
        .def_readwrite("lateness", &Step::lateness)
        .def_readwrite("load", &Step::load)
        .def_readwrite("pickup_tools", &Step::pickup_tools, "Depot stops: tools taken on board (list of str).")
        .def_property(
            "pickup_parts", [](const Step& s) { return s.pickup_parts; },
            [](Step& s, const py::object& value) { s.pickup_parts = part_counts(value, "pickup_parts"); },
            "Depot stops: parts taken on board: PartCount list; set from a dict {part: count}, PartCount objects or "
            "(part, count) pairs.")
        .def_property_readonly("type", [](const Step& s) { return step_type(s.kind); },
                               "The JSON's type: \"start\", \"job\", \"break\", \"depot\" or \"end\".")
        .def_property_readonly(
            "id",
            [](const py::object& self) -> py::object {
                const Step& s = self.cast<const Step&>();
                if (s.kind == StepKind::start || s.kind == StepKind::end) return py::none();
                const py::object problem = known_problem(self, "Step");
                if (s.kind == StepKind::job) return problem.attr("jobs")[py::int_(s.index)].attr("id");
                if (s.kind == StepKind::depot) return problem.attr("depots")[py::int_(s.index)].attr("id");
                const py::object engineer = problem.attr("engineers")[self.attr("_engineer")];
                return engineer.attr("breaks")[py::int_(s.index)].attr("id");
            },
            R"(The JSON's id: the job id, the engineer's break id or the depot id; None for start and end.

Raises
------
ValueError
    The step does not know its problem (it was not read from a Solution whose problem is set).)")
        .def(py::self == py::self)
        .def("__repr__", short_repr<Step>("Step", {"kind", "index", "arrival", "start", "end"},
                                          {"waiting", "travel_time", "travel_distance", "lateness", "load", "pickup_tools",
                                           "pickup_parts"}));

    py::class_<Route>(m, "Route", R"(The plan of one engineer's shift.

Parameters
----------
engineer : int
    Engineer index (the JSON's engineer id is `engineer_id`).
shift : int
    Index into the engineer's shifts.
steps : list of Step
    start, jobs and breaks, end.
travel_time, distance, service_time, waiting_time, working_time, lateness : int
    Totals (seconds, metres); working_time is the end arrival minus the departure.
cost : int
    Engineer cost of the route, weight applied.)",
                      py::dynamic_attr())
        .def(py::init([](Index engineer, Index shift, std::vector<Step> steps, Duration travel_time, Distance distance,
                         Duration service_time, Duration waiting_time, Duration working_time, Duration lateness,
                         Cost cost) {
                 return Route{engineer, shift, std::move(steps), travel_time, distance, service_time, waiting_time,
                              working_time, lateness, cost};
             }),
             py::kw_only(), py::arg("engineer") = 0, py::arg("shift") = 0, py::arg("steps") = std::vector<Step>{},
             py::arg("travel_time") = 0, py::arg("distance") = 0, py::arg("service_time") = 0,
             py::arg("waiting_time") = 0, py::arg("working_time") = 0, py::arg("lateness") = 0, py::arg("cost") = 0)
        .def_readwrite("engineer", &Route::engineer, "Engineer index.")
        .def_property_readonly("engineer_index", [](const Route& r) { return r.engineer; }, "Engineer index.")
        .def_property_readonly(
            "engineer_id",
            [](const py::object& self) -> py::object {
                return known_problem(self, "Route").attr("engineers")[py::int_(self.cast<const Route&>().engineer)].attr("id");
            },
            R"(The JSON's engineer: the engineer's id.

Raises
------
ValueError
    The route does not know its problem.)")
        .def_readwrite("shift", &Route::shift)
        .def_property(
            "steps",
            [](const py::object& self) {
                const Route& r = self.cast<const Route&>();
                return items_with_problem(r.steps, problem_of(self), r.engineer);
            },
            [](Route& r, std::vector<Step> steps) { r.steps = std::move(steps); }, "start, jobs and breaks, end (list of Step).")
        .def_readwrite("travel_time", &Route::travel_time)
        .def_readwrite("distance", &Route::distance)
        .def_readwrite("service_time", &Route::service_time)
        .def_readwrite("waiting_time", &Route::waiting_time)
        .def_readwrite("working_time", &Route::working_time)
        .def_readwrite("lateness", &Route::lateness)
        .def_readwrite("cost", &Route::cost)
        .def(py::self == py::self)
        .def("__repr__", short_repr<Route>("Route", {"engineer", "shift", "steps"},
                                           {"travel_time", "distance", "service_time", "waiting_time", "working_time",
                                            "lateness", "cost"}));

    py::class_<FixSkill>(m, "FixSkill", R"(A skill and level an engineer would need (part of an UnassignedFix).

Parameters
----------
skill : str
level : int, default 1)")
        .def(py::init([](std::string skill, int level) { return FixSkill{std::move(skill), level}; }),
             py::arg("skill") = "", py::arg("level") = 1)
        .def_readwrite("skill", &FixSkill::skill)
        .def_readwrite("level", &FixSkill::level)
        .def("__repr__", short_repr<FixSkill>("FixSkill", {"skill", "level"}, {}))
        .def(py::self == py::self);

    py::class_<UnassignedFix>(m, "UnassignedFix", R"(The smallest change found that would let a left-out job in.

`kind` says which members matter (docs/unassigned.md): add_skill, new_engineer, widen_window,
extend_shift, overtime, capacity, max_jobs, penalty or stock.

Parameters
----------
kind : str
engineer : str
    Engineer id, "" when none.
skills : list of FixSkill
minutes : int
amount : int
dimension : int, default -1
cost : int
sentence : str
    The change in words, for a dispatcher.
item : str
    "stock": the part or tool.
depot : str
    "stock": the depot id, "" for the engineer's van.)")
        .def(py::init([](std::string kind, std::string engineer, std::vector<FixSkill> skills, Duration minutes,
                         Amount amount, int dimension, Cost cost, std::string sentence, std::string item,
                         std::string depot) {
                 return UnassignedFix{std::move(kind), std::move(engineer), std::move(skills), minutes, amount,
                                      dimension, cost, std::move(sentence), std::move(item), std::move(depot)};
             }),
             py::kw_only(), py::arg("kind") = "", py::arg("engineer") = "", py::arg("skills") = std::vector<FixSkill>{},
             py::arg("minutes") = 0, py::arg("amount") = 0, py::arg("dimension") = -1, py::arg("cost") = 0,
             py::arg("sentence") = "", py::arg("item") = UnassignedFix{}.item, py::arg("depot") = UnassignedFix{}.depot)
        .def_readwrite("kind", &UnassignedFix::kind)
        .def_readwrite("engineer", &UnassignedFix::engineer)
        .def_readwrite("skills", &UnassignedFix::skills)
        .def_readwrite("minutes", &UnassignedFix::minutes)
        .def_readwrite("amount", &UnassignedFix::amount)
        .def_readwrite("dimension", &UnassignedFix::dimension)
        .def_readwrite("cost", &UnassignedFix::cost)
        .def_readwrite("sentence", &UnassignedFix::sentence)
        .def_readwrite("item", &UnassignedFix::item)
        .def_readwrite("depot", &UnassignedFix::depot)
        .def("to_dict",
             [](const UnassignedFix& f) {
                 py::list skills;
                 for (const FixSkill& s : f.skills) skills.append(py::dict(py::arg("skill") = s.skill, py::arg("level") = s.level));
                 py::dict d(py::arg("kind") = f.kind, py::arg("engineer") = f.engineer, py::arg("skills") = skills,
                            py::arg("minutes") = f.minutes, py::arg("amount") = f.amount,
                            py::arg("dimension") = f.dimension, py::arg("cost") = f.cost,
                            py::arg("sentence") = f.sentence);
                 // The stock fix's own members, only on it, so the other kinds' dicts stay as they were.
                 if (f.kind == "stock") {
                     d["item"] = f.item;
                     d["depot"] = f.depot;
                 }
                 return d;
             },
             "The fix as a dict with the JSON's keys.\n\nReturns\n-------\ndict")
        .def("__repr__", short_repr<UnassignedFix>("UnassignedFix", {"kind"},
                                                   {"engineer", "skills", "minutes", "amount", "dimension", "cost", "sentence", "item",
                                                    "depot"}))
        .def(py::self == py::self);

    py::class_<Unassigned>(m, "Unassigned", R"(A job left out, with its reason.

Parameters
----------
job : int
    Job index (also `job_index`; the JSON's id is `job_id`).
reason : UnassignedReason
detail : str
    A sentence for a dispatcher.
fix : UnassignedFix, optional
    The smallest change that would let it in.)",
                           py::dynamic_attr())
        .def(py::init([](Index job, UnassignedReason reason, std::string detail, std::optional<UnassignedFix> fix) {
                 return Unassigned{job, reason, std::move(detail), std::move(fix)};
             }),
             py::kw_only(), py::arg("job") = 0, py::arg("reason") = UnassignedReason::not_inserted,
             py::arg("detail") = "", py::arg("fix") = py::none())
        .def_readwrite("job", &Unassigned::job, "Job index (same as job_index).")
        .def_property_readonly("job_index", [](const Unassigned& u) { return u.job; }, "Job index.")
        .def_property_readonly(
            "job_id",
            [](const py::object& self) -> py::object {
                return known_problem(self, "Unassigned").attr("jobs")[py::int_(self.cast<const Unassigned&>().job)].attr("id");
            },
            R"(The JSON's id: the job's id.

Raises
------
ValueError
    The item does not know its problem.)")
        .def_readwrite("reason", &Unassigned::reason)
        .def_readwrite("detail", &Unassigned::detail)
        .def_readwrite("fix", &Unassigned::fix, "The smallest change that would let it in (UnassignedFix), or None.")
        .def(py::self == py::self)
        .def("__repr__", short_repr<Unassigned>("Unassigned", {"job", "reason"}, {"detail", "fix"}));

    py::class_<SolveStats>(m, "SolveStats", R"(Figures about the search that produced a plan.

Parameters
----------
seconds : float
iterations, improvements : int
seed : int
solver : str
    "ils" or "hgs".
stop_reason : str
    "time_limit", "iteration_limit", "stagnation", "cancelled" or "interrupted"; "" when unknown.)")
        .def(py::init([](double seconds, std::int64_t iterations, std::int64_t improvements, std::uint64_t seed,
                         std::string solver, std::string stop_reason) {
                 return SolveStats{seconds, iterations, improvements, seed, std::move(solver), std::move(stop_reason)};
             }),
             py::kw_only(), py::arg("seconds") = 0.0, py::arg("iterations") = 0, py::arg("improvements") = 0,
             py::arg("seed") = 0, py::arg("solver") = "", py::arg("stop_reason") = "")
        .def_readwrite("seconds", &SolveStats::seconds)
        .def_readwrite("iterations", &SolveStats::iterations)
        .def_readwrite("improvements", &SolveStats::improvements)
        .def_readwrite("seed", &SolveStats::seed)
        .def_readwrite("solver", &SolveStats::solver)
        .def_readwrite("stop_reason", &SolveStats::stop_reason,
                       "Why the search stopped: \"time_limit\", \"iteration_limit\", \"stagnation\", "
                       "\"cancelled\" or \"interrupted\"; \"\" when unknown.")
        .def(py::self == py::self)
        .def("__repr__", short_repr<SolveStats>("SolveStats", {"seconds", "iterations", "solver", "stop_reason"},
                                                {"improvements", "seed"}));

    py::class_<Solution>(m, "Solution", R"(A day plan: routes of the used shifts, the jobs left out, the objective.

A Solution returned by solve() or Solution.from_json() remembers its problem (`problem`); its
items then answer their ids (Route.engineer_id, Step.id, Unassigned.job_id), and it pickles
(through its JSON text, with its problem).

Parameters
----------
routes : list of Route
unassigned : list of Unassigned
objective : ObjectiveParts
stats : SolveStats

Set `problem` afterwards to tie a hand-made plan to its problem.)",
                         py::dynamic_attr())
        .def(py::init([](std::vector<Route> routes, std::vector<Unassigned> unassigned, ObjectiveParts objective,
                         SolveStats stats) {
                 return Solution{std::move(routes), std::move(unassigned), objective, std::move(stats)};
             }),
             py::kw_only(), py::arg("routes") = std::vector<Route>{}, py::arg("unassigned") = std::vector<Unassigned>{},
             py::arg("objective") = ObjectiveParts{}, py::arg("stats") = SolveStats{})
        .def_property(
            "routes",
            [](const py::object& self) { return items_with_problem(self.cast<const Solution&>().routes, problem_of(self)); },
            [](Solution& s, std::vector<Route> routes) { s.routes = std::move(routes); }, "The routes (list of Route).")
        .def_property(
            "unassigned",
            [](const py::object& self) {
                return items_with_problem(self.cast<const Solution&>().unassigned, problem_of(self));
            },
            [](Solution& s, std::vector<Unassigned> unassigned) { s.unassigned = std::move(unassigned); },
            "The jobs left out (list of Unassigned).")
        .def_readwrite("objective", &Solution::objective)
        .def_readwrite("stats", &Solution::stats)
        .def_property(
            "problem", [](const py::object& self) { return problem_of(self); },
            [](const py::object& self, const py::object& problem) {
                if (!problem.is_none() && !py::isinstance<Problem>(problem))
                    throw py::type_error("Solution.problem must be a Problem or None");
                self.attr("__dict__")["_problem"] = problem;
            },
            "The Problem this plan is of, or None when unknown.")
        .def(py::self == py::self)
        .def("__repr__", [](const py::object& self) {
            const Solution& s = self.cast<const Solution&>();
            return "Solution(routes=<" + std::to_string(s.routes.size()) + " routes>, unassigned=<" +
                   std::to_string(s.unassigned.size()) + " jobs>, objective=" + value_repr(self.attr("objective")) + ")";
        })
        .def(
            "to_dataframe",
            [](const py::object& self, const py::object& problem) {
                return plan_helper("solution_to_dataframe")(problem_or_own(self, problem), self);
            },
            py::arg("problem") = py::none(), R"(One row per step of every route (needs pandas).

Parameters
----------
problem : Problem, optional
    Default: the solution's own problem.

Returns
-------
pandas.DataFrame
    Columns engineer, shift, route, step, type, id, arrival, start, end, waiting, travel_time,
    distance, lateness.

Raises
------
ValueError
    No problem given and the solution does not know its own.)")
        .def(
            "unassigned_dataframe",
            [](const py::object& self, const py::object& problem) {
                return plan_helper("unassigned_to_dataframe")(problem_or_own(self, problem), self);
            },
            py::arg("problem") = py::none(), R"(One row per job left out (needs pandas).

Parameters
----------
problem : Problem, optional
    Default: the solution's own problem.

Returns
-------
pandas.DataFrame
    Columns id, reason, detail, fix (the fix's sentence or None).)")
        .def(
            "plot_routes",
            [](const py::object& self, const py::object& problem, const py::object& ax) {
                return plan_helper("plot_routes")(problem_or_own(self, problem), self, py::arg("ax") = ax);
            },
            py::arg("problem") = py::none(), py::arg("ax") = py::none(), R"(Draw every route on a lon/lat map (needs matplotlib).

Parameters
----------
problem : Problem, optional
    Default: the solution's own problem.
ax : matplotlib.axes.Axes, optional
    Where to draw; None: a new figure.

Returns
-------
matplotlib.axes.Axes)")
        .def(
            "plot_gantt",
            [](const py::object& self, const py::object& problem, const py::object& ax) {
                return plan_helper("plot_plan_gantt")(self, py::arg("problem") = problem, py::arg("ax") = ax);
            },
            py::arg("problem") = py::none(), py::arg("ax") = py::none(),
            R"(Draw each engineer's day: travel, work, breaks, waiting and lateness (needs matplotlib).

Parameters
----------
problem : Problem, optional
    Default: the solution's own problem.
ax : matplotlib.axes.Axes, optional
    Where to draw; None: a new figure.

Returns
-------
matplotlib.axes.Axes)");
}

}  // namespace

FSDPY_REGISTER(10, bind_model);
