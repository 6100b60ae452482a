// Bindings of the JSON formats and the benchmark reader. Problem and Solution
// pickle and compare through the same JSON text the files use, so a pickled
// plan is exactly what `fsd` would write.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "fsd/core/iso_time.hpp"
#include "fsd/io/hhcrsp.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/io/trsp.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

JsonWriteOptions write_options(int indent, std::optional<int> iso_offset, const std::optional<std::string>& zone = std::nullopt) {
    JsonWriteOptions o;
    o.indent = indent;
    o.iso_offset_seconds = iso_offset;
    if (zone) o.time_zone = TimeZone::parse(*zone, "time_zone");
    return o;
}

// A compact text: pickles and equality compare it, nobody reads it.
std::string problem_text(const Problem& p) { return problem_to_json(p, write_options(-1, std::nullopt)); }

// A solution's problem: the one given, else the one it remembers.
py::object problem_for(const py::object& solution, const py::object& problem) {
    if (!problem.is_none()) return problem;
    py::object own = solution.attr("problem");
    if (own.is_none()) throw py::value_error("this Solution does not know its problem; pass problem=...");
    return own;
}

// A Solution object that remembers `problem`, as solve() returns it.
py::object solution_with_problem(Solution s, const py::object& problem) {
    py::object out = py::cast(std::move(s));
    out.attr("problem") = problem;
    return out;
}

void bind_io(py::module_& m) {
    auto problem = py::reinterpret_borrow<py::class_<Problem, std::shared_ptr<Problem>>>(m.attr("Problem"));
    problem.def_static("from_json", [](const std::string& text) {
                    py::gil_scoped_release release;
                    return std::make_shared<Problem>(problem_from_json(text));
                }, py::arg("text"), R"(Parse the fsdispatch problem format (docs/format.md).

Parameters
----------
text : str
    The JSON document.

Returns
-------
Problem

Raises
------
InputError
    A field breaks a rule; its path names it.)")
        .def_static("read", [](const std::string& path) {
                    py::gil_scoped_release release;
                    return std::make_shared<Problem>(read_problem_file(path));
                }, py::arg("path"), R"(Read a problem file (docs/format.md).

Parameters
----------
path : str

Returns
-------
Problem

Raises
------
InputError
    The file cannot be read, or a field breaks a rule.)")
        .def("to_json", [](const Problem& p, int indent, std::optional<int> iso_offset, std::optional<std::string> zone) {
                return problem_to_json(p, write_options(indent, iso_offset, zone));
            }, py::arg("indent") = 2, py::arg("iso_offset_seconds") = py::none(), py::arg("time_zone") = py::none(),
            R"(Write the problem in its JSON format.

Parameters
----------
indent : int, default 2
    Spaces per level; -1: one line.
iso_offset_seconds : int, optional
    Write instants as ISO-8601 text with this UTC offset; None: Unix seconds.
time_zone : str, optional
    IANA zone ("Europe/Berlin") or offset ("+01:00"): write instants as ISO-8601 text with the
    zone's offset at each instant (daylight saving included) and record the zone; wins over
    iso_offset_seconds.

Returns
-------
str)")
        .def("__eq__", [](const Problem& a, const Problem& b) { return problem_text(a) == problem_text(b); },
             py::is_operator(), py::arg("other"), "Equal when their JSON texts are equal.")
        .def("__ne__", [](const Problem& a, const Problem& b) { return problem_text(a) != problem_text(b); },
             py::is_operator(), py::arg("other"))
        // Problems are immutable, so the hash of their text is computed once and kept (writing a large
        // problem's JSON takes milliseconds); equal problems have equal texts, hence equal hashes.
        .def("__hash__", [](const py::object& self) {
            py::dict attributes = self.attr("__dict__");
            if (!attributes.contains("_json_hash"))
                attributes["_json_hash"] = py::hash(py::str(problem_text(self.cast<const Problem&>())));
            return attributes["_json_hash"].cast<py::ssize_t>();
        })
        .def(py::pickle([](const Problem& p) { return py::make_tuple(problem_text(p)); },
                        [](const py::tuple& state) {
                            if (state.size() != 1) throw py::value_error("Problem pickle: expected (json text,)");
                            const auto text = state[0].cast<std::string>();
                            py::gil_scoped_release release;
                            return std::make_shared<Problem>(problem_from_json(text));
                        }));

    auto solution = py::reinterpret_borrow<py::class_<Solution>>(m.attr("Solution"));
    solution
        .def_static("from_json", [](const py::object& problem, const std::string& text) {
                const Problem& p = problem.cast<const Problem&>();
                return solution_with_problem(solution_from_json(p, text), problem);
            }, py::arg("problem"), py::arg("text"), R"(Read a plan of `problem` from its JSON text (docs/format.md).

Parameters
----------
problem : Problem
    Ids in the text are resolved against it; the Solution remembers it.
text : str

Returns
-------
Solution

Raises
------
InputError
    An unknown id or a malformed field, named by its path.)")
        .def("to_json", [](const py::object& self, const py::object& problem, int indent, std::optional<int> iso_offset,
                           std::optional<std::string> zone) {
                const py::object p = problem_for(self, problem);
                return solution_to_json(p.cast<const Problem&>(), self.cast<const Solution&>(),
                                        write_options(indent, iso_offset, zone));
            }, py::arg("problem") = py::none(), py::arg("indent") = 2, py::arg("iso_offset_seconds") = py::none(),
            py::arg("time_zone") = py::none(),
            R"(Write the plan in its JSON format, with ids.

Parameters
----------
problem : Problem, optional
    Default: the solution's own problem.
indent : int, default 2
    Spaces per level; -1: one line.
iso_offset_seconds : int, optional
    Write instants as ISO-8601 text with this UTC offset; None: Unix seconds.
time_zone : str, optional
    IANA zone ("Europe/Berlin") or offset ("+01:00"): write instants as ISO-8601 text with the
    zone's offset at each instant (daylight saving included); wins over iso_offset_seconds.

Returns
-------
str

Raises
------
ValueError
    No problem given and the solution does not know its own.)")
        .def(py::pickle(
            [](const py::object& self) {
                const py::object p = self.attr("problem");
                if (p.is_none())
                    throw py::type_error("a Solution pickles with its problem: set solution.problem first");
                return py::make_tuple(p, solution_to_json(p.cast<const Problem&>(), self.cast<const Solution&>(),
                                                          write_options(-1, std::nullopt)));
            },
            [](const py::tuple& state) {
                if (state.size() != 2) throw py::value_error("Solution pickle: expected (problem, json text)");
                py::dict attributes;
                attributes["_problem"] = state[0];
                return std::make_pair(solution_from_json(state[0].cast<const Problem&>(), state[1].cast<std::string>()),
                                      attributes);
            }));

    m.def("parse_iso8601", [](const std::string& text, const std::string& path, const std::optional<std::string>& zone) {
              if (zone) return parse_iso8601(text, TimeZone::parse(*zone, "time_zone"), path);
              return parse_iso8601(text, path);
          },
          py::arg("text"), py::arg("path") = "", py::arg("time_zone") = py::none(), R"(Read an ISO-8601 timestamp with a UTC offset.

Parameters
----------
text : str
    E.g. "2026-11-23T08:30:00+01:00" or "2026-11-23T07:30:00Z".
path : str, optional
    Named in the error.
time_zone : str, optional
    IANA zone or offset: a timestamp without an offset ("2026-03-29T08:00:00") is then a wall-clock
    reading there. A reading the clock skips moves forward by the gap; one it shows twice gives the
    earlier instant.

Returns
-------
int
    Unix seconds.

Raises
------
InputError
    Not such a timestamp.)");
    m.def("format_iso8601", [](Time t, int offset_seconds, const std::optional<std::string>& zone) {
              if (zone) return format_iso8601(t, TimeZone::parse(*zone, "time_zone"));
              return format_iso8601(t, offset_seconds);
          }, py::arg("t"), py::arg("offset_seconds") = 0, py::arg("time_zone") = py::none(),
          R"(Write Unix seconds as ISO-8601 text.

Parameters
----------
t : int
    Unix seconds.
offset_seconds : int, default 0
    UTC offset (whole minutes, strictly inside +-24 h); 0 writes "Z".
time_zone : str, optional
    IANA zone or offset: write with the zone's offset at `t` (wins over offset_seconds).

Returns
-------
str

Raises
------
InputError
    An offset out of range.)");

    py::class_<EuclideanInstance>(m, "EuclideanInstance", R"(A Solomon / Gehring-Homberger instance read into a Problem (read_solomon).

Attributes
----------
name : str
vehicles : int
    Fleet size given in the file.
capacity : float
scale : int
    Coordinates and times are multiplied by it, so the engine's integers keep the decimals.
problem : Problem)")
        .def_readonly("name", &EuclideanInstance::name)
        .def_readonly("vehicles", &EuclideanInstance::vehicles)
        .def_readonly("capacity", &EuclideanInstance::capacity)
        .def_readonly("scale", &EuclideanInstance::scale, "Coordinates and times are multiplied by it (integers inside).")
        .def_property_readonly("problem", [](const EuclideanInstance& i) { return std::make_shared<Problem>(i.problem); })
        .def("__repr__", [](const EuclideanInstance& i) {
            const auto r = [](const auto& v) { return py::repr(py::cast(v)).template cast<std::string>(); };
            return "EuclideanInstance(name=" + r(i.name) + ", vehicles=" + r(i.vehicles) + ", capacity=" +
                   r(i.capacity) + ", scale=" + r(i.scale) + ")";
        });
    m.def("read_solomon", &read_solomon, py::arg("path"), py::arg("scale") = 10000,
          R"(Read a Solomon or Gehring-Homberger text instance.

Parameters
----------
path : str
scale : int, default 10000
    Multiplier on coordinates and times, so that the engine's integers keep the decimals.

Returns
-------
EuclideanInstance

Raises
------
InputError
    A malformed line.)");

    py::class_<TrspInstance>(m, "TrspInstance", R"(A technician routing and scheduling instance of Pillac et al. (2013) read into a Problem (read_trsp).

Attributes
----------
name : str
    The file's first line.
crew : int
    Technicians (engineers "tech1".."techN").
skills : int
tools : int
parts : int
    Skill, tool and spare part types of the INFO line ("s<k>", "t<k>", "p<k>").
requests : int
    Requests (jobs named by their row ID).
scale : int
    Times and distances are multiplied by it (integers inside).
problem : Problem)")
        .def_readonly("name", &TrspInstance::name)
        .def_readonly("crew", &TrspInstance::crew)
        .def_readonly("skills", &TrspInstance::skills)
        .def_readonly("tools", &TrspInstance::tools)
        .def_readonly("parts", &TrspInstance::parts)
        .def_readonly("requests", &TrspInstance::requests)
        .def_readonly("scale", &TrspInstance::scale, "Times and distances are multiplied by it (integers inside).")
        .def_property_readonly("problem", [](const TrspInstance& i) { return std::make_shared<Problem>(i.problem); })
        .def("duration", &trsp_duration, py::arg("solution"),
             R"(The TRSP objective of a plan of this instance: its routes' total duration (travel, waiting and
service) in the instance's own units.

Parameters
----------
solution : Solution

Returns
-------
float)")
        .def("__repr__", [](const TrspInstance& i) {
            const auto r = [](const auto& v) { return py::repr(py::cast(v)).template cast<std::string>(); };
            return "TrspInstance(name=" + r(i.name) + ", crew=" + r(i.crew) + ", requests=" + r(i.requests) +
                   ", scale=" + r(i.scale) + ")";
        });
    m.def("read_trsp", &read_trsp, py::arg("path"), py::arg("scale") = 1000,
          R"(Read a technician routing and scheduling (TRSP) instance of Pillac et al. (2013).

The central depot becomes a Depot that lends every tool and stocks every part,
technicians become engineers with their skills, tools and van stock, requests
become mandatory jobs; a route costs its duration (docs/benchmarks.md).

Parameters
----------
path : str
scale : int, default 1000
    Multiplier on times and distances, so that the engine's integers keep the decimals.

Returns
-------
TrspInstance

Raises
------
InputError
    A malformed line (the message names the line and the field).)");

    py::class_<HhcrspMeasure>(m, "HhcrspMeasure", R"(The measures of Mankowska et al. (2014) of a plan, in the instance's units (HhcrspInstance.measure).

Attributes
----------
distance : float
    D: the instance's distances over every route's legs.
total_tardiness : float
    T: the sum over served services of max(0, start - l).
max_tardiness : float
    Tmax: the largest of those.
served : int
    Services in the plan.
services : int
    Services the instance asks for.)")
        .def_readonly("distance", &HhcrspMeasure::distance)
        .def_readonly("total_tardiness", &HhcrspMeasure::total_tardiness)
        .def_readonly("max_tardiness", &HhcrspMeasure::max_tardiness)
        .def_readonly("served", &HhcrspMeasure::served)
        .def_readonly("services", &HhcrspMeasure::services)
        .def_property_readonly("objective", &HhcrspMeasure::objective, "The paper's objective (D + T + Tmax) / 3.")
        .def("__repr__", [](const HhcrspMeasure& x) {
            return "HhcrspMeasure(objective=" + py::repr(py::cast(x.objective())).cast<std::string>() +
                   ", served=" + std::to_string(x.served) + ", services=" + std::to_string(x.services) + ")";
        });

    py::class_<HhcrspInstance>(m, "HhcrspInstance", R"(A home health care routing and scheduling instance of Mankowska et al. (2014) read into a Problem (read_hhcrsp).

Attributes
----------
nodes : int
    nbNodes: the patients and the two depot copies.
caregivers : int
    Caregivers (engineers "c1".."cN").
service_types : int
    Service types (skills "s1".."sK").
patients : int
double_services : int
    Patients with two services, each a link between their two jobs.
scale : int
    Times and distances are multiplied by it (integers inside).
horizon : int
    End of the shifts and of the windows (scaled); it never binds.
job_node : list[int]
job_service : list[int]
    Per job: its patient node and service type (from 0).
problem : Problem)")
        .def_readonly("nodes", &HhcrspInstance::nodes)
        .def_readonly("caregivers", &HhcrspInstance::caregivers)
        .def_readonly("service_types", &HhcrspInstance::service_types)
        .def_readonly("patients", &HhcrspInstance::patients)
        .def_readonly("double_services", &HhcrspInstance::double_services)
        .def_readonly("scale", &HhcrspInstance::scale, "Times and distances are multiplied by it (integers inside).")
        .def_readonly("horizon", &HhcrspInstance::horizon)
        .def_readonly("job_node", &HhcrspInstance::job_node)
        .def_readonly("job_service", &HhcrspInstance::job_service)
        .def_property_readonly("problem", [](const HhcrspInstance& i) { return std::make_shared<Problem>(i.problem); })
        .def("measure", &hhcrsp_measure, py::arg("solution"),
             R"(The paper's measures of a plan of this instance, read from its routes and start times.

Parameters
----------
solution : Solution

Returns
-------
HhcrspMeasure)")
        .def("__repr__", [](const HhcrspInstance& i) {
            return "HhcrspInstance(patients=" + std::to_string(i.patients) + ", caregivers=" +
                   std::to_string(i.caregivers) + ", double_services=" + std::to_string(i.double_services) +
                   ", scale=" + std::to_string(i.scale) + ")";
        });
    m.def("read_hhcrsp", &read_hhcrsp, py::arg("path"), py::arg("scale") = 1000,
          R"(Read a home health care routing and scheduling (HHCRSP) instance of Mankowska et al. (2014).

Caregivers become engineers with their qualifications as skills, each
service a patient needs becomes a mandatory job (hard window start, soft
deadline at the window end), and a patient's two services become two jobs
linked with its gap, served by two engineers; the objective weighs travel,
total and largest lateness alike (docs/benchmarks.md).

Parameters
----------
path : str
scale : int, default 1000
    Multiplier on times and distances, so that the engine's integers keep the decimals.

Returns
-------
HhcrspInstance

Raises
------
InputError
    A malformed field (the path names it, the message the line).)");
    m.def("parse_hhcrsp", &parse_hhcrsp, py::arg("text"), py::arg("source") = "<text>", py::arg("scale") = 1000,
          R"(Read an HHCRSP instance from its text (read_hhcrsp for a file).

Parameters
----------
text : str
source : str, default "<text>"
    The name error messages start with.
scale : int, default 1000

Returns
-------
HhcrspInstance

Raises
------
InputError
    A malformed field (the path names it, the message the line).)");
}

}  // namespace

FSDPY_REGISTER(20, bind_io);
