#include "fsd/triage/term_extractor.hpp"

#include "fsd/core/error.hpp"
#include "fsd/triage/utf8.hpp"

namespace fsd::triage {

namespace {

bool is_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

// Characters that may sit inside a word ("e-200", "o'clock", "fan_coil").
bool is_joiner(char32_t cp) { return cp == '-' || cp == '_' || cp == '\''; }

}  // namespace

void check_term_options(const TermOptions& options, const std::string& path) {
    const auto out_of_range = [](int n) { return n < 1 || n > kMaxCjkN; };
    const auto refuse = [&](const char* key, int n, const std::string& why) {
        throw InputError(path + "/" + key, "is " + std::to_string(n) + ", " + why);
    };
    if (out_of_range(options.cjk_min_n))
        refuse("cjk_min_n", options.cjk_min_n, "must be from 1 to " + std::to_string(kMaxCjkN));
    if (out_of_range(options.cjk_max_n))
        refuse("cjk_max_n", options.cjk_max_n, "must be from 1 to " + std::to_string(kMaxCjkN) +
                                                   " (the work per character grows with the square of the n-gram length)");
    if (options.cjk_min_n > options.cjk_max_n)
        refuse("cjk_min_n", options.cjk_min_n, "above cjk_max_n (" + std::to_string(options.cjk_max_n) + ")");
}

std::string fold_text(std::string_view text) {
    std::u32string cps = decode_utf8(text);
    for (char32_t& cp : cps) cp = fold_char(cp);
    return encode_utf8(cps);
}

std::vector<std::string> extract_terms(std::string_view text, const TermOptions& options) {
    check_term_options(options, "");
    std::u32string cps = decode_utf8(text);
    for (char32_t& cp : cps) cp = fold_char(cp);
    const int min_n = options.cjk_min_n;
    const int max_n = options.cjk_max_n;

    std::vector<std::string> terms;
    std::string previous_word;  // empty: no word to pair with
    const std::size_t n = cps.size();
    std::size_t i = 0;
    while (i < n) {
        const char32_t cp = cps[i];
        if (is_cjk_ideograph(cp)) {
            std::size_t end = i;
            while (end < n && is_cjk_ideograph(cps[end])) ++end;
            for (std::size_t start = i; start < end; ++start) {
                for (int len = min_n; len <= max_n; ++len) {
                    if (start + static_cast<std::size_t>(len) > end) break;
                    terms.push_back(encode_utf8(std::u32string_view(cps).substr(start, static_cast<std::size_t>(len))));
                }
            }
            previous_word.clear();  // Chinese between two words breaks the pair
            i = end;
        } else if (is_word_char(cp)) {
            std::size_t end = i + 1;
            while (end < n) {
                if (is_word_char(cps[end])) {
                    ++end;
                } else if (is_joiner(cps[end]) && end + 1 < n && is_word_char(cps[end + 1])) {
                    end += 2;
                } else {
                    break;
                }
            }
            std::string word = encode_utf8(std::u32string_view(cps).substr(i, end - i));
            if (options.word_bigrams && !previous_word.empty()) terms.push_back(previous_word + " " + word);
            terms.push_back(word);
            previous_word = std::move(word);
            i = end;
        } else {
            if (!is_space(cp)) previous_word.clear();  // punctuation ends a phrase
            ++i;
        }
    }
    return terms;
}

}  // namespace fsd::triage
