#include "fsd/triage/keyword_rule.hpp"

#include "fsd/core/error.hpp"
#include "fsd/triage/term_extractor.hpp"
#include "fsd/triage/utf8.hpp"

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
    require_utf8(spec, path);
    const auto eq = spec.rfind('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
        throw InputError(path, "a rule is written keyword=label, got \"" + std::string(spec) + "\"");
    return KeywordRule{std::string(spec.substr(0, eq)), std::string(spec.substr(eq + 1))};
}

void check_rules(const std::vector<KeywordRule>& rules, const std::string& path) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const std::string p = path + "/" + std::to_string(i);
        if (rules[i].keyword.empty()) throw InputError(p + "/keyword", "is empty: the rule could never match");
        if (rules[i].label.empty()) throw InputError(p + "/label", "is empty");
        require_utf8(rules[i].keyword, p + "/keyword");
        require_utf8(rules[i].label, p + "/label");
    }
}

}  // namespace fsd::triage
