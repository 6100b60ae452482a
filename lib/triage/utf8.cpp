#include "fsd/triage/utf8.hpp"

#include "fsd/core/error.hpp"

namespace fsd::triage {

namespace {
constexpr char32_t kReplacement = 0xFFFD;
}  // namespace

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t cp = 0;
        const std::size_t length = utf8_sequence_at(text, i, cp);
        out.push_back(length == 0 ? kReplacement : cp);
        i += length == 0 ? 1 : length;
    }
    return out;
}

void require_utf8(std::string_view text, const std::string& path) {
    const std::size_t bad = find_invalid_utf8(text);
    if (bad != std::string_view::npos)
        throw InputError(path, "is not valid UTF-8 text (malformed byte at offset " + std::to_string(bad) +
                                   "): give text as UTF-8");
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encode_utf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t cp : text) append_utf8(out, cp);
    return out;
}

bool is_cjk_ideograph(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)      // CJK Unified Ideographs
           || (cp >= 0x3400 && cp <= 0x4DBF)   // Extension A
           || (cp >= 0x20000 && cp <= 0x2A6DF) // Extension B
           || (cp >= 0x2A700 && cp <= 0x2EBEF) // Extensions C to F
           || (cp >= 0x30000 && cp <= 0x323AF) // Extensions G and H
           || (cp >= 0xF900 && cp <= 0xFAFF)   // Compatibility Ideographs
           || (cp >= 0x2F800 && cp <= 0x2FA1F) // Compatibility Ideographs Supplement
           || cp == 0x3007;                    // ideographic zero
}

bool is_word_char(char32_t cp) {
    if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp >= 0xC0 && cp <= 0x24F) return cp != 0xD7 && cp != 0xF7;  // Latin letters, not x and /
    return false;
}

char32_t fold_char(char32_t cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
    return cp;
}

}  // namespace fsd::triage
