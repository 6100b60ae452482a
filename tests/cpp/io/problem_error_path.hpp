#pragma once
// The field path of the InputError that reading a problem document raises
// ("<no error>" when it reads): what the io tests of bad documents compare.
#include <string>

#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"

inline std::string problem_error_path(const nlohmann::json& d) {
    try {
        (void)fsd::problem_from_json(d.dump());
    } catch (const fsd::InputError& e) {
        return e.path();
    }
    return "<no error>";
}
