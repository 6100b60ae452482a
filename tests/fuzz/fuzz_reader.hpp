#pragma once
// What every fuzz harness checks: reading any text either succeeds or throws
// fsd::InputError. Any other exception, a crash, a leak, a hang or undefined
// behaviour (the build runs under AddressSanitizer and UBSan) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fsd/core/error.hpp"

namespace fsd_fuzz {

template <class Read>
int read_or_refuse(const std::uint8_t* data, std::size_t size, Read read) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        read(text);
    } catch (const fsd::InputError&) {
    }
    return 0;
}

}  // namespace fsd_fuzz
