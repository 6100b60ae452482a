#pragma once
// Shared by the staffing tests: the path of the InputError a call raises, and
// a Monday to lay weeks out from.
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/core/types.hpp"

namespace fsd::staffing_test {

/// The path of the InputError `f()` throws, "(no error)" when it throws none.
template <class F>
std::string error_path(F f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.path();
    }
    return "(no error)";
}

/// 2026-01-05T00:00:00Z, a Monday (days_from_civil(2026, 1, 5) = 20458).
inline constexpr Time kMonday = 1767571200;

}  // namespace fsd::staffing_test
