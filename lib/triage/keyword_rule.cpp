#include "fsd/triage/keyword_rule.hpp"

#include "fsd/core/error.hpp"
#include "fsd/triage/term_extractor.hpp"

namespace fsd::triage {

std::optional<KeywordRule> match_rule(std::string_view text, const std::vector<KeywordRule>& rules) {
    if (rules.empty()) return std::nullopt;
    const std::string folded = fold_text(text);
    for (const KeywordRule& rule : rules) {
        if (rule.keyword.empty()) continue;
        if (folded.find(fold_text(rule.keyword)) != std::string::npos) return rule;
    }
    return std::nullopt;
}

KeywordRule parse_rule(std::string_view spec, const std::string& path) {
    const auto eq = spec.rfind('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
        throw InputError(path, "a rule is written keyword=label, got \"" + std::string(spec) + "\"");
    return KeywordRule{std::string(spec.substr(0, eq)), std::string(spec.substr(eq + 1))};
}

}  // namespace fsd::triage
