#include "cli_instant.hpp"

#include <charconv>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"

namespace fsdcli {

fsd::Time parse_instant(const std::string& text, const std::string& option) {
    fsd::Time seconds = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, seconds);
    if (!text.empty() && ptr == end && ec == std::errc{}) return seconds;
    // Digits that overflow are no timestamp either; say what the forms are.
    if (text.find('T') == std::string::npos)
        throw fsd::InputError(option, "an instant is whole seconds or ISO-8601 with an offset (2026-11-23T08:30:00+01:00), got \"" +
                                          text + "\"");
    return fsd::parse_iso8601(text, option);
}

}  // namespace fsdcli
