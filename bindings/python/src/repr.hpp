#pragma once
// __repr__ of bound types in the dataclass form `Name(field=value, ...)`, with
// values shown by Python's own repr (strings quoted, None as None) and long
// lists by their length, so a plan's or a batch's repr stays one line.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace fsdpy {

/// Lists longer than this show as `<N items>`.
inline constexpr std::size_t kReprListLimit = 6;

/// Python's repr of an attribute value: enum members by name, long lists by their length.
inline std::string value_repr(const pybind11::object& value) {
    namespace py = pybind11;
    if (py::hasattr(py::type::of(value), "__members__")) return py::str(value).cast<std::string>();
    if (py::isinstance<py::list>(value) && py::len(value) > kReprListLimit)
        return "<" + std::to_string(py::len(value)) + " items>";
    return py::repr(value).cast<std::string>();
}

/// Python's repr of a C++ value (through its pybind11 conversion).
template <class T>
std::string py_repr(const T& value) {
    return pybind11::repr(pybind11::cast(value)).template cast<std::string>();
}

/// A list in full when short, `<N items>` when long.
template <class T>
std::string list_repr(const T& items, std::size_t limit = kReprListLimit) {
    if (items.size() <= limit) return py_repr(items);
    return "<" + std::to_string(items.size()) + " items>";
}

/// `type(name=text, ...)`; each text is already rendered (py_repr, list_repr).
inline std::string fields_repr(const char* type, std::initializer_list<std::pair<const char*, std::string>> fields) {
    std::string out = std::string(type) + "(";
    bool first = true;
    for (const auto& [name, text] : fields) {
        if (!first) out += ", ";
        first = false;
        out += name;
        out += '=';
        out += text;
    }
    return out + ")";
}

/// A __repr__ for bound type T (default-constructible), read back through the
/// bound attributes so it shows exactly what a user can type: the `always`
/// attributes, then each of `rest` whose value differs from T{}'s (a Job made
/// with three keywords reads back as those three, not as sixteen fields).
template <class T>
auto short_repr(const char* type, std::vector<const char*> always, std::vector<const char*> rest) {
    namespace py = pybind11;
    return [type, always, rest](const py::object& self) {
        const py::object defaults = py::cast(T{});
        std::string out = std::string(type) + "(";
        bool first = true;
        const auto add = [&out, &first, &self](const char* name) {
            if (!first) out += ", ";
            first = false;
            out += name;
            out += '=';
            out += value_repr(self.attr(name));
        };
        for (const char* name : always) add(name);
        for (const char* name : rest)
            if (!self.attr(name).equal(defaults.attr(name))) add(name);
        return out + ")";
    };
}

}  // namespace fsdpy
