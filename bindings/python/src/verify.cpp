// Bindings of the independent verifier.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/verify.hpp"
#include "registry.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

void bind_verify(py::module_& m) {
    py::class_<Violation>(m, "Violation", "One way a solution breaks its problem's rules.")
        .def_readonly("kind", &Violation::kind)
        .def_readonly("route", &Violation::route)
        .def_readonly("step", &Violation::step)
        .def_readonly("job", &Violation::job)
        .def_readonly("message", &Violation::message)
        .def("__repr__", [](const Violation& v) { return "Violation('" + v.kind + "', '" + v.message + "')"; })
        .def("__str__", [](const Violation& v) { return v.kind + ": " + v.message; });

    py::class_<VerifyReport>(m, "VerifyReport", "Violations and the objective recomputed from scratch.")
        .def_readonly("violations", &VerifyReport::violations)
        .def_readonly("objective", &VerifyReport::objective)
        .def_property_readonly("ok", &VerifyReport::ok);

    m.def("verify_report", &verify, py::arg("problem"), py::arg("solution"),
          py::call_guard<py::gil_scoped_release>(),
          "Recomputes every figure of the solution and returns the full report.");
    m.def("verify", [](const Problem& p, const Solution& s) {
              py::gil_scoped_release release;
              return verify(p, s).violations;
          }, py::arg("problem"), py::arg("solution"),
          "Checks a solution against its problem; returns the list of violations (empty when valid).");
}

}  // namespace

FSDPY_REGISTER(30, bind_verify);
