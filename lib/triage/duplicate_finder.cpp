#include "fsd/triage/duplicate_finder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "fsd/core/error.hpp"
#include "fsd/triage/tfidf_vectorizer.hpp"

namespace fsd::triage {

namespace {

struct Candidate {
    bool same_customer = false;
    bool same_asset = false;
};

// Adds every pair of a group created within the window. Sorting by time
// makes this a sliding window instead of all pairs of a large customer.
void collect(const std::vector<Ticket>& tickets, std::unordered_map<std::string, std::vector<Index>>& groups,
             Duration window, bool customer, std::map<std::pair<Index, Index>, Candidate>& out) {
    for (auto& [key, members] : groups) {
        std::sort(members.begin(), members.end(), [&](Index a, Index b) {
            const Time ta = tickets[static_cast<std::size_t>(a)].created;
            const Time tb = tickets[static_cast<std::size_t>(b)].created;
            return ta != tb ? ta < tb : a < b;
        });
        for (std::size_t i = 0; i < members.size(); ++i) {
            const Time ti = tickets[static_cast<std::size_t>(members[i])].created;
            for (std::size_t j = i + 1; j < members.size(); ++j) {
                if (tickets[static_cast<std::size_t>(members[j])].created - ti > window) break;
                Candidate& c = out[{members[i], members[j]}];
                (customer ? c.same_customer : c.same_asset) = true;
            }
        }
    }
}

std::string format_gap(Duration gap) {
    if (gap < 3600) return fmt::format("{} min", gap / 60);
    if (gap < 4 * 86400) return fmt::format("{:.1f} h", static_cast<double>(gap) / 3600.0);
    return fmt::format("{:.1f} days", static_cast<double>(gap) / 86400.0);
}

}  // namespace

std::vector<DuplicateSuggestion> find_duplicates(const std::vector<Ticket>& tickets, const DuplicateOptions& options) {
    if (options.window < 0) throw InputError("/window", "must not be negative");
    if (!(options.threshold >= 0.0 && options.threshold <= 1.0))
        throw InputError("/threshold", "must be between 0 and 1");
    check_term_options(options.terms, "/terms");

    // Beyond ±kTimeMax the gap between two tickets could overflow.
    for (std::size_t i = 0; i < tickets.size(); ++i)
        if (tickets[i].created < kTimeMin || tickets[i].created > kTimeMax)
            throw InputError("/tickets/" + std::to_string(i) + "/created",
                             "is beyond the instants fsdispatch handles (±" + std::to_string(kTimeMax) + " s)");

    std::unordered_map<std::string, std::vector<Index>> by_customer;
    std::unordered_map<std::string, std::vector<Index>> by_asset;
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        if (options.match_customer && !tickets[i].customer.empty())
            by_customer[tickets[i].customer].push_back(static_cast<Index>(i));
        if (options.match_asset && !tickets[i].asset.empty())
            by_asset[tickets[i].asset].push_back(static_cast<Index>(i));
    }
    std::map<std::pair<Index, Index>, Candidate> candidates;
    collect(tickets, by_customer, options.window, true, candidates);
    collect(tickets, by_asset, options.window, false, candidates);
    if (candidates.empty()) return {};

    std::vector<std::string> texts;
    texts.reserve(tickets.size());
    bool any_term = false;
    for (const Ticket& t : tickets) {
        texts.push_back(t.text);
        any_term = any_term || !extract_terms(t.text, options.terms).empty();
    }
    if (!any_term) return {};  // nothing to compare: no text is similar to another
    TfidfOptions tfidf;
    tfidf.terms = options.terms;
    const TfidfVectorizer vectorizer = TfidfVectorizer::fit(texts, tfidf);
    const SparseRows rows = vectorizer.transform(texts);

    std::vector<DuplicateSuggestion> out;
    for (const auto& [pair, c] : candidates) {
        const auto [a, b] = pair;  // a is created no later than b
        const double similarity = std::min(1.0, rows.row(a).dot(rows.row(b)));
        if (similarity + 1e-12 < options.threshold) continue;
        const Ticket& ta = tickets[static_cast<std::size_t>(a)];
        const Ticket& tb = tickets[static_cast<std::size_t>(b)];
        DuplicateSuggestion s;
        s.original = a;
        s.duplicate = b;
        s.original_id = ta.id;
        s.duplicate_id = tb.id;
        s.same_customer = c.same_customer;
        s.same_asset = c.same_asset;
        s.gap = tb.created - ta.created;
        s.similarity = similarity;
        const std::string customer = c.same_customer ? fmt::format("same customer {}", ta.customer) : "";
        const std::string asset = c.same_asset ? fmt::format("same asset {}", ta.asset) : "";
        const std::string who = customer.empty() ? asset : asset.empty() ? customer : customer + " and " + asset;
        const std::string later = tb.id.empty() ? fmt::format("row {}", b) : tb.id;
        const std::string earlier = ta.id.empty() ? fmt::format("row {}", a) : ta.id;
        s.reason = fmt::format("{}, created {} apart (window {}), text similarity {:.2f} >= {:.2f}: merge {} into {}",
                               who, format_gap(s.gap), format_gap(options.window), similarity, options.threshold,
                               later, earlier);
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const DuplicateSuggestion& x, const DuplicateSuggestion& y) {
        return x.duplicate != y.duplicate ? x.duplicate < y.duplicate : x.original < y.original;
    });
    return out;
}

}  // namespace fsd::triage
