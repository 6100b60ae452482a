// Bindings of the independent verifier.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "fsd/verify.hpp"
#include "registry.hpp"
#include "repr.hpp"

namespace py = pybind11;
using namespace fsd;

namespace {

bool same(const Violation& a, const Violation& b) {
    return a.kind == b.kind && a.route == b.route && a.step == b.step && a.job == b.job && a.message == b.message;
}

void bind_verify(py::module_& m) {
    py::class_<Violation>(m, "Violation", R"(One way a plan breaks its problem's rules.

Attributes
----------
kind : str
    Stable name: "time_window", "capacity", "incompatible", "objective", ...
route, step, job : int
    Indices into the plan's routes, the route's steps and the problem's jobs; -1 when not about one.
message : str
    A sentence naming the ids involved.)")
        .def_readonly("kind", &Violation::kind)
        .def_readonly("route", &Violation::route)
        .def_readonly("step", &Violation::step)
        .def_readonly("job", &Violation::job)
        .def_readonly("message", &Violation::message)
        .def("__eq__", &same, py::is_operator(), py::arg("other"))
        .def("__repr__", fsdpy::short_repr<Violation>("Violation", {"kind", "message"}, {"route", "step", "job"}))
        .def("__str__", [](const Violation& v) { return v.kind + ": " + v.message; });

    py::class_<VerifyReport>(m, "VerifyReport", R"(What verify_report found.

Attributes
----------
violations : list of Violation
objective : ObjectiveParts
    Recomputed from scratch.
ok : bool
    No violation.)")
        .def_readonly("violations", &VerifyReport::violations)
        .def_readonly("objective", &VerifyReport::objective)
        .def_property_readonly("ok", &VerifyReport::ok)
        .def("__repr__", [](const py::object& self) {
            return "VerifyReport(ok=" + fsdpy::value_repr(self.attr("ok")) + ", violations=" +
                   fsdpy::value_repr(self.attr("violations")) + ", objective=" + fsdpy::value_repr(self.attr("objective")) +
                   ")";
        });

    m.def("verify_report", &verify, py::arg("problem"), py::arg("solution"),
          py::call_guard<py::gil_scoped_release>(),
          R"(Recompute every figure of a plan from scratch and check it against its problem.

Parameters
----------
problem : Problem
solution : Solution

Returns
-------
VerifyReport)");
    m.def("verify", [](const Problem& p, const Solution& s) {
              py::gil_scoped_release release;
              return verify(p, s).violations;
          }, py::arg("problem"), py::arg("solution"),
          R"(Check a plan against its problem.

Parameters
----------
problem : Problem
solution : Solution

Returns
-------
list of Violation
    Empty when the plan is valid.)");
}

}  // namespace

FSDPY_REGISTER(30, bind_verify);
