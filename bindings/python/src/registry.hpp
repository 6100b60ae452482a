#pragma once
// Each binding file registers its layer's bind function here, so that a
// partial build (FSD_LAYERS) binds just the layers it compiles.
#include <pybind11/pybind11.h>

#include <vector>

namespace fsdpy {

using Binder = void (*)(pybind11::module_&);

struct BinderEntry {
    int order;  ///< lower first: types before functions that use them
    Binder bind;
};

inline std::vector<BinderEntry>& binders() {
    static std::vector<BinderEntry> all;
    return all;
}

inline int register_binder(int order, Binder bind) {
    binders().push_back({order, bind});
    return order;
}

}  // namespace fsdpy

#define FSDPY_REGISTER(order, fn) \
    [[maybe_unused]] static const int fsdpy_registered_##fn = ::fsdpy::register_binder(order, &fn)
