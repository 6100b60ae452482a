#pragma once
// Well-formed UTF-8, the one rule every reader of text applies (CSV input,
// ticket text): overlong forms, surrogates and code points past U+10FFFF are
// malformed, as JSON writers refuse them.
#include <cstddef>
#include <string_view>

namespace fsd {

/// Length of the well-formed sequence starting at byte `i` of `text` (its
/// code point in `cp`), or 0 when none starts there.
std::size_t utf8_sequence_at(std::string_view text, std::size_t i, char32_t& cp);

/// Offset of the first byte that starts no well-formed sequence, or
/// std::string_view::npos when the whole text is well-formed UTF-8.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace fsd
