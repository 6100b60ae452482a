#pragma once
#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/triage/term_extractor.hpp"
#include "fsd/triage/ticket.hpp"

namespace fsd::triage {

/// When two tickets count as the same problem reported twice.
struct DuplicateOptions {
    Duration window = 72 * 3600;  ///< created at most this far apart (inclusive)
    double threshold = 0.6;       ///< cosine similarity at or above this
    bool match_customer = true;   ///< same non-empty customer qualifies
    bool match_asset = true;      ///< same non-empty asset qualifies
    TermOptions terms;
};

/// A suggestion to merge `duplicate` into the earlier ticket `original`.
struct DuplicateSuggestion {
    Index original = 0;   ///< index in the input
    Index duplicate = 0;  ///< index in the input, created at or after `original`
    std::string original_id;
    std::string duplicate_id;
    bool same_customer = false;
    bool same_asset = false;
    Duration gap = 0;     ///< seconds between the two creations
    double similarity = 0.0;
    std::string reason;   ///< one sentence for the dispatcher
};

/// Pairs of tickets from the same customer or on the same asset, created
/// within the window, whose texts are similar enough. TF-IDF is fitted on the
/// given tickets. Sorted by duplicate, then original. Throws InputError for a
/// negative window, a threshold outside [0, 1], a creation time beyond
/// ±kTimeMax, or term options that fail check_term_options.
std::vector<DuplicateSuggestion> find_duplicates(const std::vector<Ticket>& tickets,
                                                 const DuplicateOptions& options = {});

}  // namespace fsd::triage
