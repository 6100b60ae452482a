#include <pybind11/pybind11.h>

#include <algorithm>

#include "fsd/core/error.hpp"
#include "registry.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_fsd, m) {
    m.doc() = "fsdispatch: field-service dispatch engine (C++ core); use the fsdispatch package.";

    // InputError is a ValueError carrying the path of the offending field.
    static py::exception<fsd::InputError> input_error(m, "InputError", PyExc_ValueError);
    input_error.attr("__doc__") = R"(An input that breaks a rule of its format (a ValueError).

Attributes
----------
path : str
    The offending field, like "/jobs/3/time_windows/0"; "" when the input as a whole is at fault.)";
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const fsd::InputError& e) {
            py::object instance = py::reinterpret_borrow<py::object>(input_error.ptr())(e.what());
            instance.attr("path") = e.path();
            PyErr_SetObject(input_error.ptr(), instance.ptr());
        }
    });

    auto& all = fsdpy::binders();
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
    for (const auto& entry : all) entry.bind(m);
}
