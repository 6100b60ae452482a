#include "fsd/core/utf8.hpp"

namespace fsd {

std::size_t utf8_sequence_at(std::string_view text, std::size_t i, char32_t& cp) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    std::size_t extra = 0;
    char32_t min_value = 0;
    if ((c & 0xE0) == 0xC0) {
        extra = 1, cp = c & 0x1F, min_value = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        extra = 2, cp = c & 0x0F, min_value = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        extra = 3, cp = c & 0x07, min_value = 0x10000;
    } else {
        return 0;  // stray continuation or invalid lead byte
    }
    if (i + extra >= text.size()) return 0;  // truncated at the end of the text
    for (std::size_t k = 1; k <= extra; ++k) {
        const auto cc = static_cast<unsigned char>(text[i + k]);
        if ((cc & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms and surrogates are how bad input smuggles characters
    // past byte-level filters.
    if (cp < min_value || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return extra + 1;
}

std::size_t find_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = 0;
        const std::size_t length = utf8_sequence_at(text, i, cp);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

}  // namespace fsd
