#include "fsd/triage/tfidf_vectorizer.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "fsd/core/error.hpp"

namespace fsd::triage {

namespace {

// Builds one unit-norm row from the (column, count) pairs of a document.
void append_row(std::vector<std::pair<Index, int>>& counts, const std::vector<double>& idf, bool sublinear,
                int row, std::vector<Eigen::Triplet<double>>& triplets) {
    std::sort(counts.begin(), counts.end());
    std::size_t out = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        if (out > 0 && counts[out - 1].first == counts[k].first) {
            counts[out - 1].second += counts[k].second;
        } else {
            counts[out++] = counts[k];
        }
    }
    counts.resize(out);
    double norm2 = 0.0;
    const std::size_t first = triplets.size();
    for (const auto& [column, count] : counts) {
        const double c = static_cast<double>(count);
        const double value = (sublinear ? 1.0 + std::log(c) : c) * idf[static_cast<std::size_t>(column)];
        norm2 += value * value;
        triplets.emplace_back(row, column, value);
    }
    if (norm2 <= 0.0) return;
    const double scale = 1.0 / std::sqrt(norm2);
    for (std::size_t k = first; k < triplets.size(); ++k)
        triplets[k] = Eigen::Triplet<double>(triplets[k].row(), triplets[k].col(), triplets[k].value() * scale);
}

}  // namespace

std::pair<TfidfVectorizer, SparseRows> TfidfVectorizer::fit_transform(const std::vector<std::string>& texts,
                                                                       const TfidfOptions& options) {
    if (texts.empty()) throw InputError("/texts", "there are no texts to learn a vocabulary from");
    if (options.min_df < 1) throw InputError("/min_df", "must be at least 1");
    // Pass 1: every distinct term gets a provisional id; documents keep ids.
    std::unordered_map<std::string, Index> provisional;
    std::vector<std::string> names;
    std::vector<Index> df;
    std::vector<std::vector<Index>> docs(texts.size());
    std::vector<Index> seen_in;  // last document that counted the term, for df
    for (std::size_t d = 0; d < texts.size(); ++d) {
        for (std::string& term : extract_terms(texts[d], options.terms)) {
            auto [it, inserted] = provisional.try_emplace(term, static_cast<Index>(names.size()));
            if (inserted) {
                names.push_back(std::move(term));
                df.push_back(0);
                seen_in.push_back(-1);
            }
            const auto id = static_cast<std::size_t>(it->second);
            if (seen_in[id] != static_cast<Index>(d)) {
                seen_in[id] = static_cast<Index>(d);
                ++df[id];
            }
            docs[d].push_back(it->second);
        }
    }
    // Vocabulary: terms frequent enough, in sorted order.
    std::vector<Index> kept;
    for (std::size_t id = 0; id < names.size(); ++id)
        if (df[id] >= options.min_df) kept.push_back(static_cast<Index>(id));
    if (kept.empty())
        throw InputError("/texts", "the texts contain no word or character that appears in at least " +
                                       std::to_string(options.min_df) + " of them");
    std::sort(kept.begin(), kept.end(), [&](Index a, Index b) {
        return names[static_cast<std::size_t>(a)] < names[static_cast<std::size_t>(b)];
    });
    TfidfVectorizer v;
    v.options_ = options;
    std::vector<Index> column(names.size(), -1);
    const double n = static_cast<double>(texts.size());
    for (std::size_t c = 0; c < kept.size(); ++c) {
        const auto id = static_cast<std::size_t>(kept[c]);
        column[id] = static_cast<Index>(c);
        v.terms_.push_back(std::move(names[id]));
        v.idf_.push_back(std::log((1.0 + n) / (1.0 + static_cast<double>(df[id]))) + 1.0);
    }
    v.build_index();
    // Pass 2: rows from the provisional ids, without extracting terms again.
    std::vector<Eigen::Triplet<double>> triplets;
    std::vector<std::pair<Index, int>> counts;
    for (std::size_t d = 0; d < docs.size(); ++d) {
        counts.clear();
        for (Index id : docs[d])
            if (column[static_cast<std::size_t>(id)] >= 0) counts.emplace_back(column[static_cast<std::size_t>(id)], 1);
        append_row(counts, v.idf_, options.sublinear_tf, static_cast<int>(d), triplets);
    }
    SparseRows rows(static_cast<Eigen::Index>(texts.size()), static_cast<Eigen::Index>(v.terms_.size()));
    rows.setFromTriplets(triplets.begin(), triplets.end());
    return {std::move(v), std::move(rows)};
}

TfidfVectorizer TfidfVectorizer::fit(const std::vector<std::string>& texts, const TfidfOptions& options) {
    return fit_transform(texts, options).first;
}

TfidfVectorizer TfidfVectorizer::from_parts(std::vector<std::string> terms, std::vector<double> idf,
                                            const TfidfOptions& options) {
    check_term_options(options.terms, "/vectorizer");
    if (options.min_df < 1) throw InputError("/vectorizer/min_df", "must be at least 1");
    if (terms.size() != idf.size())
        throw InputError("/vectorizer/idf", "has " + std::to_string(idf.size()) + " weights for " +
                                                std::to_string(terms.size()) + " terms");
    // Training writes the vocabulary sorted, and the column order decides the
    // order of every sum: another order would predict (slightly) differently.
    for (std::size_t i = 1; i < terms.size(); ++i)
        if (!(terms[i - 1] < terms[i]))
            throw InputError("/vectorizer/terms/" + std::to_string(i),
                             terms[i - 1] == terms[i] ? "repeats the term before it"
                                                      : "comes before the term before it: terms must be sorted");
    // A negative weight would turn a term into evidence against itself.
    for (std::size_t i = 0; i < idf.size(); ++i)
        if (!(idf[i] >= 0.0)) throw InputError("/vectorizer/idf/" + std::to_string(i), "must not be negative");
    TfidfVectorizer v;
    v.options_ = options;
    v.terms_ = std::move(terms);
    v.idf_ = std::move(idf);
    v.build_index();
    return v;
}

void TfidfVectorizer::build_index() {
    index_.clear();
    index_.reserve(terms_.size());
    for (std::size_t i = 0; i < terms_.size(); ++i) index_.emplace(terms_[i], static_cast<Index>(i));
}

Index TfidfVectorizer::column(std::string_view term) const {
    auto it = index_.find(std::string(term));
    return it == index_.end() ? -1 : it->second;
}

SparseRows TfidfVectorizer::transform(const std::vector<std::string>& texts) const {
    std::vector<Eigen::Triplet<double>> triplets;
    std::vector<std::pair<Index, int>> counts;
    for (std::size_t row = 0; row < texts.size(); ++row) {
        counts.clear();
        for (const std::string& term : extract_terms(texts[row], options_.terms)) {
            auto it = index_.find(term);
            if (it != index_.end()) counts.emplace_back(it->second, 1);
        }
        append_row(counts, idf_, options_.sublinear_tf, static_cast<int>(row), triplets);
    }
    SparseRows m(static_cast<Eigen::Index>(texts.size()), static_cast<Eigen::Index>(terms_.size()));
    m.setFromTriplets(triplets.begin(), triplets.end());
    return m;
}

}  // namespace fsd::triage
