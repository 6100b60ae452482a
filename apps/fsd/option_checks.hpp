#pragma once
// Checks of option text that CLI11's own conversions let through. Header
// only: like CLI11 itself, for the command files alone.
#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <string>

namespace fsdcli {

/// A seed: a whole number from 0 to 2^64 - 1, digits only. CLI11 turns
/// "-1" and numbers past 2^64 - 1 into 2^64 - 1 without a word.
inline const CLI::Validator& seed_text() {
    static const CLI::Validator check(
        [](std::string& text) -> std::string {
            std::uint64_t value = 0;
            const char* end = text.data() + text.size();
            const auto [ptr, ec] = std::from_chars(text.data(), end, value);
            if (text.empty() || text.front() == '-' || text.front() == '+' || ptr != end)
                return "a seed is a whole number from 0 to 18446744073709551615, got \"" + text + "\"";
            if (ec == std::errc::result_out_of_range) return "a seed is at most 18446744073709551615, got " + text;
            return {};
        },
        "SEED");
    return check;
}

/// Minutes east of UTC that a real clock can be (-720 to +840, UTC-12 to UTC+14).
inline const CLI::Validator& utc_offset_minutes() {
    static const CLI::Validator check = CLI::Range(-720, 840).description("MINUTES");
    return check;
}

}  // namespace fsdcli
