#pragma once
#include <Eigen/SparseCore>

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/triage/term_extractor.hpp"

namespace fsd::triage {

/// Rows are documents, columns terms; row-major so one document's terms are
/// contiguous (dot products with a query, per-document explanations).
using SparseRows = Eigen::SparseMatrix<double, Eigen::RowMajor>;

/// How the vocabulary and the weights are built.
struct TfidfOptions {
    TermOptions terms;
    int min_df = 1;            ///< drop terms seen in fewer documents (noise, typos)
    bool sublinear_tf = true;  ///< 1 + ln(count): a repeated word should not dominate
};

/// TF-IDF features: smoothed idf = ln((1 + n) / (1 + df)) + 1, rows scaled to
/// unit L2 norm so that a dot product is the cosine similarity.
class TfidfVectorizer {
public:
    TfidfVectorizer() = default;

    /// Learns the vocabulary (sorted, so the result does not depend on hash
    /// order) and the idf weights. Throws InputError when `texts` is empty or
    /// yields no term at all, min_df is below 1 or the term options fail
    /// check_term_options.
    static TfidfVectorizer fit(const std::vector<std::string>& texts, const TfidfOptions& options = {});

    /// fit followed by transform of the same texts, extracting terms once
    /// (training time is dominated by text processing on large histories).
    static std::pair<TfidfVectorizer, SparseRows> fit_transform(const std::vector<std::string>& texts,
                                                                const TfidfOptions& options = {});

    /// Rebuilds a vectorizer from saved terms and idf weights. Throws
    /// InputError ("/vectorizer/...") unless the terms are sorted and distinct,
    /// there is one idf weight per term, none negative, and the options are
    /// valid (check_term_options, min_df at least 1).
    static TfidfVectorizer from_parts(std::vector<std::string> terms, std::vector<double> idf,
                                      const TfidfOptions& options);

    /// One unit-norm row per text; terms outside the vocabulary are ignored
    /// (a text with none gives an all-zero row).
    SparseRows transform(const std::vector<std::string>& texts) const;

    /// Column of `term`, or -1.
    Index column(std::string_view term) const;

    const std::vector<std::string>& terms() const { return terms_; }
    const std::vector<double>& idf() const { return idf_; }
    const TfidfOptions& options() const { return options_; }
    Index size() const { return static_cast<Index>(terms_.size()); }

private:
    void build_index();

    TfidfOptions options_;
    std::vector<std::string> terms_;
    std::vector<double> idf_;
    std::unordered_map<std::string, Index> index_;
};

}  // namespace fsd::triage
