#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace fsd::triage {

/// Longest CJK character n-gram a model may ask for. Chinese words are one to
/// four characters (four-character idioms included), so eight covers a pair
/// of words; the bound also caps the work per character of a run, which grows
/// with the square of the n-gram length (at most 8 terms, 36 characters).
inline constexpr int kMaxCjkN = 8;

/// What terms the extractor emits.
struct TermOptions {
    int cjk_min_n = 1;          ///< shortest character n-gram over a CJK run
    int cjk_max_n = 3;          ///< longest character n-gram over a CJK run
    bool word_bigrams = true;   ///< also emit "word1 word2" for adjacent Latin words
};

/// Splits text into terms without a word segmenter: every character n-gram
/// (cjk_min_n..cjk_max_n) inside each run of CJK ideographs, and lower-cased
/// Latin words (hyphens, underscores and apostrophes between word characters
/// stay inside the word) plus bigrams of words not separated by punctuation
/// or CJK text. Terms come in text order, repeated as often as they occur.
/// Throws InputError when the options fail check_term_options.
std::vector<std::string> extract_terms(std::string_view text, const TermOptions& options = {});

/// Throws InputError at `path` + "/cjk_min_n" or "/cjk_max_n" unless
/// 1 <= cjk_min_n <= cjk_max_n <= kMaxCjkN.
void check_term_options(const TermOptions& options, const std::string& path);

/// Lower-cases and folds the text the same way the extractor does, so that
/// keyword rules match what the features see.
std::string fold_text(std::string_view text);

}  // namespace fsd::triage
