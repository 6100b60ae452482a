#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace fsd::triage {

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
std::vector<std::string> extract_terms(std::string_view text, const TermOptions& options = {});

/// Lower-cases and folds the text the same way the extractor does, so that
/// keyword rules match what the features see.
std::string fold_text(std::string_view text);

}  // namespace fsd::triage
