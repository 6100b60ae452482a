#pragma once
// What the verifier's tests print when a check fails.
#include <string>

#include "fsd/verify.hpp"

namespace verify_test {

/// The report's violations, one "kind: message" per line.
inline std::string describe(const fsd::VerifyReport& report) {
    std::string out;
    for (const auto& v : report.violations) out += v.kind + ": " + v.message + "\n";
    return out;
}

}  // namespace verify_test
