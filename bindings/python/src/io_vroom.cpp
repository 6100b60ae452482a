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
    py::class_<VroomInput, std::shared_ptr<VroomInput>>(m, "VroomInput", "A VROOM input read into our model.")
        .def_property_readonly("problem", [](const std::shared_ptr<VroomInput>& in) {
                // Shares ownership with the input, so the problem outlives it safely.
                return std::shared_ptr<Problem>(in, &in->problem);
            }, "The Problem (engineer e is vehicles[e], job j is jobs[j]).")
        .def_property_readonly("vehicle_ids", [](const VroomInput& in) {
                std::vector<std::int64_t> ids;
                for (const auto& v : in.vehicles) ids.push_back(v.id);
                return ids;
            })
        .def_property_readonly("job_ids", [](const VroomInput& in) {
                std::vector<std::int64_t> ids;
                for (const auto& j : in.jobs) ids.push_back(j.id);
                return ids;
            })
        .def("output", [](const VroomInput& in, const Solution& s) { return to_dict(vroom_output_json(in, s, -1)); },
             py::arg("solution"), "The solution in VROOM's output shape, as a dict.");

    m.def("read_vroom", &read_source, py::arg("source"),
          "Reads VROOM's input from a dict or a file path; InputError names the VROOM field.");
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
          "Solves a VROOM input (dict or file path) and returns VROOM's output as a dict (options as for solve).");
}

}  // namespace

FSDPY_REGISTER(90, bind_vroom);
