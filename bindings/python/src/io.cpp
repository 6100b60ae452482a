// Bindings of the JSON formats and the benchmark reader.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/core/iso_time.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/io/solution_json.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

JsonWriteOptions write_options(int indent, std::optional<int> iso_offset) {
    JsonWriteOptions o;
    o.indent = indent;
    o.iso_offset_seconds = iso_offset;
    return o;
}

void bind_io(py::module_& m) {
    auto problem = py::reinterpret_borrow<py::class_<Problem, std::shared_ptr<Problem>>>(m.attr("Problem"));
    problem.def_static("from_json", [](const std::string& text) {
                    py::gil_scoped_release release;
                    return std::make_shared<Problem>(problem_from_json(text));
                }, py::arg("text"), "Parses the fsdispatch problem format (docs/format.md).")
        .def_static("read", [](const std::string& path) {
                    py::gil_scoped_release release;
                    return std::make_shared<Problem>(read_problem_file(path));
                }, py::arg("path"), "Reads a problem file.")
        .def("to_json", [](const Problem& p, int indent, std::optional<int> iso_offset) {
                return problem_to_json(p, write_options(indent, iso_offset));
            }, py::arg("indent") = 2, py::arg("iso_offset_seconds") = py::none(),
            "Writes the problem; instants as ISO-8601 with the given UTC offset when set.");

    m.def("_solution_from_json", [](const Problem& p, const std::string& text) { return solution_from_json(p, text); },
          py::arg("problem"), py::arg("text"));
    m.def("_solution_to_json", [](const Problem& p, const Solution& s, int indent, std::optional<int> iso_offset) {
              return solution_to_json(p, s, write_options(indent, iso_offset));
          }, py::arg("problem"), py::arg("solution"), py::arg("indent") = 2, py::arg("iso_offset_seconds") = py::none());

    m.def("parse_iso8601", [](const std::string& text) { return parse_iso8601(text); }, py::arg("text"),
          "ISO-8601 timestamp with UTC offset -> Unix seconds.");
    m.def("format_iso8601", &format_iso8601, py::arg("t"), py::arg("offset_seconds") = 0,
          "Unix seconds -> ISO-8601 with the given UTC offset.");

    py::class_<EuclideanInstance>(m, "EuclideanInstance", "A Solomon / Gehring-Homberger instance.")
        .def_readonly("name", &EuclideanInstance::name)
        .def_readonly("vehicles", &EuclideanInstance::vehicles)
        .def_readonly("capacity", &EuclideanInstance::capacity)
        .def_readonly("scale", &EuclideanInstance::scale)
        .def_property_readonly("problem", [](const EuclideanInstance& i) { return std::make_shared<Problem>(i.problem); });
    m.def("read_solomon", &read_solomon, py::arg("path"), py::arg("scale") = 10000,
          "Reads a Solomon or Gehring-Homberger text instance.");
}

}  // namespace

FSDPY_REGISTER(20, bind_io);
