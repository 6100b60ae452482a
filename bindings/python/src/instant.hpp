#pragma once
// Instants as Python users give them. Integers pass straight through; every
// other form (ISO-8601 text, timezone-aware datetime, pandas Timestamp) goes
// through fsdispatch._time.instant, so that the whole package accepts and
// refuses the same things with the same messages.
#include <pybind11/pybind11.h>

#include <string>

#include "fsd/core/types.hpp"

namespace fsdpy {

/// Unix seconds of `value`; InputError at `path` for text or a naive datetime
/// it cannot read, TypeError for anything that is not an instant.
inline fsd::Time to_instant(const pybind11::handle& value, const std::string& path) {
    namespace py = pybind11;
    if (py::isinstance<py::int_>(value) && !py::isinstance<py::bool_>(value)) return value.cast<fsd::Time>();
    return py::module_::import("fsdispatch._time").attr("instant")(value, path).cast<fsd::Time>();
}

}  // namespace fsdpy
