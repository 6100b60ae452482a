#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/utf8.hpp"

namespace fsd::triage {

/// Decodes UTF-8 by hand. Ticket text is free text from many systems, so a
/// malformed or overlong sequence does not throw: each bad byte becomes
/// U+FFFD, which the term extractor treats as a separator.
std::u32string decode_utf8(std::string_view text);

/// Offset of the first byte that decode_utf8 would replace by U+FFFD, or
/// std::string_view::npos when the whole text is well-formed UTF-8 (the
/// core's rule, fsd/core/utf8.hpp).
using fsd::find_invalid_utf8;

/// Throws InputError at `path` unless `text` is well-formed UTF-8. Text that
/// goes on into a saved model or JSON output must be: writing it would fail.
void require_utf8(std::string_view text, const std::string& path);

/// Appends the UTF-8 encoding of `cp` (U+FFFD for surrogates or values above
/// U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

/// Encodes a sequence of code points.
std::string encode_utf8(std::u32string_view text);

/// True for CJK ideographs (the CJK Unified Ideographs blocks, their
/// extensions A to H, and the compatibility ideographs): the characters that
/// Chinese writes without spaces, so they are cut into n-grams, not words.
bool is_cjk_ideograph(char32_t cp);

/// True for characters that make up Latin-script words: ASCII letters and
/// digits, and the Latin-1 / Latin Extended-A/B letters.
bool is_word_char(char32_t cp);

/// Lower-cases ASCII and Latin-1 letters, and folds full-width ASCII forms
/// (common in Chinese input methods) to plain ASCII; other characters pass.
char32_t fold_char(char32_t cp);

}  // namespace fsd::triage
