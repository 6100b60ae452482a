#pragma once
#include <Eigen/Dense>

#include <string>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/triage/tfidf_vectorizer.hpp"

namespace fsd::triage {

/// Training settings of the multinomial logistic regression.
struct SoftmaxOptions {
    double l2 = 1e-4;           ///< ridge penalty on the weights (not the bias)
    int max_iterations = 200;   ///< L-BFGS iterations
    /// Stop when the gradient's max-norm, or an iteration's relative loss
    /// decrease, falls below this.
    double tolerance = 1e-6;
    int history = 8;            ///< L-BFGS memory
};

/// Multinomial logistic regression on sparse features, trained by full-batch
/// L-BFGS with a backtracking line search from a zero start: no random
/// choice at all, so the same data always gives the same model.
class SoftmaxRegression {
public:
    SoftmaxRegression() = default;

    /// `labels[i]` is the class of row i, in [0, class_count). Throws
    /// InputError when the rows and labels disagree, there is no row, l2 is
    /// negative or not finite, or max_iterations is negative.
    static SoftmaxRegression fit(const SparseRows& features, const std::vector<Index>& labels,
                                 Index class_count, const SoftmaxOptions& options = {});

    /// Rebuilds a model from saved weights (features x classes) and biases.
    static SoftmaxRegression from_parts(Eigen::MatrixXd weights, Eigen::VectorXd bias);

    /// Class probabilities, one row per document.
    Eigen::MatrixXd predict_proba(const SparseRows& features) const;

    const Eigen::MatrixXd& weights() const { return weights_; }
    const Eigen::VectorXd& bias() const { return bias_; }
    Index class_count() const { return static_cast<Index>(bias_.size()); }
    /// Iterations the optimiser used (0 for a loaded model).
    int iterations() const { return iterations_; }

private:
    Eigen::MatrixXd weights_;
    Eigen::VectorXd bias_;
    int iterations_ = 0;
};

}  // namespace fsd::triage
