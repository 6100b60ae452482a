#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/triage/keyword_rule.hpp"
#include "fsd/triage/softmax_regression.hpp"
#include "fsd/triage/tfidf_vectorizer.hpp"
#include "fsd/triage/ticket.hpp"

namespace fsd::triage {

/// Everything that shapes a trained triage model.
struct TriageOptions {
    TfidfOptions features{TermOptions{}, 2, true};
    SoftmaxOptions classifier;
    std::vector<KeywordRule> category_rules;  ///< checked before the category model
    std::vector<KeywordRule> skill_rules;     ///< checked before the skill model
    int top_terms = 5;                        ///< terms reported per prediction
    bool keep_history = true;                 ///< keep tickets for similar()
};

/// A term and how much it pushed the prediction towards the chosen label.
struct TermContribution {
    std::string term;
    double weight = 0.0;
};

/// One predicted label. `rule` holds the keyword when a rule decided (then
/// probability is 1 and top_terms is that keyword).
struct LabelPrediction {
    std::string label;
    double probability = 0.0;
    std::vector<TermContribution> top_terms;
    std::string rule;
};

/// Category and required skill of one text. `skill` has an empty label when
/// the model was trained without skills.
struct TriagePrediction {
    LabelPrediction category;
    LabelPrediction skill;
};

/// A past ticket close to a query, with how it was solved.
struct SimilarTicket {
    Index index = 0;         ///< position in the training history
    std::string id;
    double similarity = 0.0; ///< cosine of the TF-IDF vectors, in [0, 1]
    std::string text;
    std::string category;
    std::string resolution;
};

/// Ticket triage: TF-IDF features, one softmax classifier for the category and
/// one for the required skill, keyword rules on top, and the training history
/// for "how was this solved before".
class TriageModel {
public:
    TriageModel() = default;

    /// Trains on labelled tickets. Throws InputError (path "/tickets/<i>/...")
    /// when there is no ticket, a text or category is empty, a field is not
    /// UTF-8, or some but not all tickets have a skill; and for options a
    /// saved model could not hold (training_min_df, check_rules,
    /// check_term_options, a negative top_terms).
    static TriageModel fit(const std::vector<Ticket>& tickets, const TriageOptions& options = {});

    /// Predicts one text.
    TriagePrediction predict(std::string_view text) const;
    /// Predicts many texts at once (one sparse product instead of many).
    std::vector<TriagePrediction> predict(const std::vector<std::string>& texts) const;

    /// The `k` most similar training tickets by cosine similarity, best first,
    /// ties by history order; tickets with similarity 0 are left out.
    std::vector<SimilarTicket> similar(std::string_view text, int k = 5) const;

    /// Serialises the whole model (vectorizer, weights, rules, history).
    std::string to_json() const;
    /// Loads a model written by to_json. Throws InputError with the path of
    /// the first malformed field: a missing or unknown key, a value of the
    /// wrong type or range, repeated or empty labels, an unsorted vocabulary,
    /// a negative idf weight, an empty rule keyword.
    static TriageModel from_json(std::string_view json);

    const std::vector<std::string>& categories() const { return categories_; }
    const std::vector<std::string>& skills() const { return skills_; }
    const TfidfVectorizer& vectorizer() const { return vectorizer_; }
    const TriageOptions& options() const { return options_; }
    Index history_size() const { return static_cast<Index>(history_.size()); }

private:
    LabelPrediction label_from(const SparseRows& rows, Index row, const Eigen::MatrixXd& proba,
                               const SoftmaxRegression& model, const std::vector<std::string>& labels,
                               const std::vector<KeywordRule>& rules, std::string_view text) const;
    void rebuild_history_matrix();

    TriageOptions options_;
    TfidfVectorizer vectorizer_;
    SoftmaxRegression category_model_;
    std::vector<std::string> categories_;
    SoftmaxRegression skill_model_;
    std::vector<std::string> skills_;  ///< empty: no skill model
    std::vector<Ticket> history_;      ///< id, text, category, resolution kept
    /// Column-major so a query touches only the columns of its own terms.
    Eigen::SparseMatrix<double> history_columns_;
};

/// The min_df that training on `tickets` tickets uses: `min_df` itself, or 1
/// on a training set of fewer than 4 tickets, which keeps every term. Throws
/// InputError at `path` when min_df is below 1, or above the number of
/// tickets of a larger set (no term can occur in more tickets than there are).
int training_min_df(int min_df, std::size_t tickets, const std::string& path);

/// Share of predictions equal to the truth (0 for empty input).
double accuracy(const std::vector<std::string>& predicted, const std::vector<std::string>& truth);

}  // namespace fsd::triage
