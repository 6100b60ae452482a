#pragma once
// Limits every JSON reader applies to the text before parsing it, so that
// no document can crash a reader or be refused as an internal error.
#include <string_view>

namespace fsd {

/// Arrays and objects nested deeper than this are refused: fsdispatch's own
/// documents nest fewer than ten, and deeper text would only exhaust the
/// stack of whatever walks the parsed value recursively.
inline constexpr int kMaxJsonDepth = 64;

/// Checks JSON text for what a parser would accept but fsdispatch cannot
/// hold: nesting deeper than kMaxJsonDepth, and numbers beyond the range of
/// a double (1e400). Throws InputError naming the JSON pointer of the
/// offending value. Malformed text is left to the parser to report: the
/// scan stops where the text stops being JSON.
void check_json_limits(std::string_view text);

}  // namespace fsd
