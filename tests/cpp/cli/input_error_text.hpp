#pragma once
// The message of the InputError a call throws, for tests of the CLI's option
// parsing; the test fails when the call throws none.
#include <functional>
#include <string>

#include <catch2/catch.hpp>

#include "fsd/core/error.hpp"

namespace cli_test {

inline std::string input_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const fsd::InputError& e) {
        return e.what();
    }
    FAIL("no InputError");
    return "";
}

}  // namespace cli_test
