// Bindings of the VROOM-compatible input and output (docs/vroom.md).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>

#include "fsd/io/vroom_json.hpp"
#include "fsd/route/solve.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

/// A dict is VROOM's input itself; anything else is a path (str or os.PathLike).
std::shared_ptr<VroomInput> read_source(const py::object& source) {
    if (py::isinstance<py::dict>(source)) {
        const auto text = py::module_::import("json").attr("dumps")(source).cast<std::string>();
        py::gil_scoped_release release;
        return std::make_shared<VroomInput>(vroom_from_json(text));
    }
    const auto path = py::module_::import("os").attr("fspath")(source).cast<std::string>();
    py::gil_scoped_release release;
    return std::make_shared<VroomInput>(read_vroom_file(path));
}

py::object to_dict(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

void bind_vroom(py::module_& m) {
    py::class_<VroomInput, std::shared_ptr<VroomInput>>(m, "VroomInput", R"(A VROOM input read into our model (docs/vroom.md).

Made by read_vroom; engineer e is vehicles[e] and job j is jobs[j] of the input.)")
        .def_property_readonly("problem", [](const std::shared_ptr<VroomInput>& in) {
                // Shares ownership with the input, so the problem outlives it safely.
                return std::shared_ptr<Problem>(in, &in->problem);
            }, "The Problem (engineer e is vehicles[e], job j is jobs[j]).")
        .def_property_readonly("vehicle_ids", [](const VroomInput& in) {
                std::vector<std::int64_t> ids;
                for (const auto& v : in.vehicles) ids.push_back(v.id);
                return ids;
            }, "VROOM's vehicle ids (integers), by engineer index.")
        .def_property_readonly("job_ids", [](const VroomInput& in) {
                std::vector<std::int64_t> ids;
                for (const auto& j : in.jobs) ids.push_back(j.id);
                return ids;
            }, "VROOM's job ids (integers), by job index.")
        .def("output", [](const VroomInput& in, const Solution& s) { return to_dict(vroom_output_json(in, s, -1)); },
             py::arg("solution"), R"(A plan in VROOM's output shape.

Parameters
----------
solution : Solution
    A plan of `problem`.

Returns
-------
dict
    VROOM's output (code, summary, unassigned with our "reason", routes).)")
        .def("__repr__", [](const VroomInput& in) {
            return "VroomInput(vehicles=" + std::to_string(in.vehicles.size()) + ", jobs=" + std::to_string(in.jobs.size()) + ")";
        });

    m.def("read_vroom", &read_source, py::arg("source"),
          R"(Read VROOM's input.

Parameters
----------
source : dict, str or os.PathLike
    The input itself, or the path of its JSON file.

Returns
-------
VroomInput

Raises
------
InputError
    A field VROOM's format does not allow, named by its path.)");
    m.def("solve_vroom", [](const py::object& source, double time_limit, std::uint64_t seed, std::int64_t iteration_limit,
                            int threads, std::int64_t stagnation_limit) {
              const auto input = read_source(source);
              SolveOptions options;
              options.time_limit_seconds = time_limit;
              options.seed = seed;
              options.iteration_limit = iteration_limit;
              options.threads = threads;
              options.stagnation_limit = stagnation_limit;
              std::string text;
              {
                  py::gil_scoped_release release;
                  text = vroom_output_json(*input, solve(input->problem, options), -1);
              }
              return to_dict(text);
          }, py::arg("source"), py::arg("time_limit") = 1.0, py::arg("seed") = 1, py::arg("iteration_limit") = -1,
          py::arg("threads") = 1, py::arg("stagnation_limit") = -1,
          R"(Solve a VROOM input and answer in VROOM's output shape.

Parameters
----------
source : dict, str or os.PathLike
    The input itself, or the path of its JSON file.
time_limit : float, default 1.0
seed : int, default 1
iteration_limit : int, default -1
threads : int, default 1
stagnation_limit : int, default -1
    As for solve().

Returns
-------
dict
    VROOM's output.

Raises
------
InputError
    A bad field of the input.)");
}

}  // namespace

FSDPY_REGISTER(90, bind_vroom);
