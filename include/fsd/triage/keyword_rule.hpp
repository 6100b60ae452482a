#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fsd::triage {

/// A hand-written rule: when the (folded) text contains `keyword`, the label
/// is `label`, whatever the model says. Dispatchers use them for cases that
/// must never be misrouted ("gas smell" is always an emergency repair).
struct KeywordRule {
    std::string keyword;
    std::string label;
    friend bool operator==(const KeywordRule&, const KeywordRule&) = default;
};

/// The first rule whose keyword occurs in `text` (compared after fold_text on
/// both sides), or none. Order is the caller's priority.
std::optional<KeywordRule> match_rule(std::string_view text, const std::vector<KeywordRule>& rules);

/// Parses "keyword=label" (as typed on the command line). Throws InputError
/// naming `path` when either side is empty or the text is not UTF-8.
KeywordRule parse_rule(std::string_view spec, const std::string& path);

/// Throws InputError at `path`/<i>/keyword or /label when a rule has an empty
/// keyword (it could never match) or label, or text that is not UTF-8.
void check_rules(const std::vector<KeywordRule>& rules, const std::string& path);

}  // namespace fsd::triage
