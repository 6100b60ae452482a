#pragma once
// str() of a bound enum value as its JSON name ("en_route").
#include <pybind11/pybind11.h>

#include <string>

namespace fsdpy {

/// Sets `__str__` of a bound enum without `.def`: pybind11 2.10 keeps the
/// enum's own `__str__` in an overload chain named "name", so `.def("__str__")`
/// would turn the `.name` property into a method and never be called itself.
template <class E, class ToText>
void set_enum_str(pybind11::enum_<E>& cls, ToText to_text) {
    cls.attr("__str__") = pybind11::cpp_function([to_text](E e) { return std::string(to_text(e)); },
                                                 pybind11::name("__str__"), pybind11::is_method(cls));
}

}  // namespace fsdpy
