#include "fsd/triage/softmax_regression.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>

#include "fsd/core/error.hpp"

namespace fsd::triage {

namespace {

// Mean cross-entropy plus the ridge term, and its gradient, for the
// parameters packed as [weights term-major (term j, class k at j*K+k), bias].
// The sparse products are written out: with a handful of classes, one pass
// over each row's non-zeros touching K contiguous weights beats a generic
// sparse x dense product several times.
struct Objective {
    const SparseRows& x;
    const std::vector<Index>& y;
    Eigen::Index features;
    Eigen::Index classes;
    double l2;

    double operator()(const Eigen::VectorXd& theta, Eigen::VectorXd& grad) const {
        const Eigen::Index n = x.rows();
        const Eigen::Index k_count = classes;
        const double* w = theta.data();
        const double* b = theta.data() + features * k_count;
        grad.setZero(theta.size());
        double* gw = grad.data();
        double* gb = grad.data() + features * k_count;
        std::vector<double> p(static_cast<std::size_t>(k_count));
        const double inv_n = 1.0 / static_cast<double>(n);
        double loss = 0.0;
        for (Eigen::Index i = 0; i < n; ++i) {
            for (Eigen::Index k = 0; k < k_count; ++k) p[static_cast<std::size_t>(k)] = b[k];
            for (SparseRows::InnerIterator it(x, i); it; ++it) {
                const double v = it.value();
                const double* wj = w + it.col() * k_count;
                for (Eigen::Index k = 0; k < k_count; ++k) p[static_cast<std::size_t>(k)] += v * wj[k];
            }
            const double top = *std::max_element(p.begin(), p.end());
            double sum = 0.0;
            for (double& e : p) {
                e = std::exp(e - top);
                sum += e;
            }
            const auto label = static_cast<std::size_t>(y[static_cast<std::size_t>(i)]);
            loss += std::log(sum) - std::log(p[label]);
            for (double& e : p) e = e / sum * inv_n;
            p[label] -= inv_n;  // now (P - Y) / n for this row
            for (Eigen::Index k = 0; k < k_count; ++k) gb[k] += p[static_cast<std::size_t>(k)];
            for (SparseRows::InnerIterator it(x, i); it; ++it) {
                const double v = it.value();
                double* gj = gw + it.col() * k_count;
                for (Eigen::Index k = 0; k < k_count; ++k) gj[k] += v * p[static_cast<std::size_t>(k)];
            }
        }
        const Eigen::Index weight_count = features * k_count;
        double ridge = 0.0;
        for (Eigen::Index j = 0; j < weight_count; ++j) {
            gw[j] += l2 * w[j];
            ridge += w[j] * w[j];
        }
        return loss * inv_n + 0.5 * l2 * ridge;
    }
};

}  // namespace

SoftmaxRegression SoftmaxRegression::fit(const SparseRows& features, const std::vector<Index>& labels,
                                         Index class_count, const SoftmaxOptions& options) {
    if (features.rows() == 0) throw InputError("/tickets", "there are no training examples");
    if (static_cast<std::size_t>(features.rows()) != labels.size())
        throw InputError("/labels", "has " + std::to_string(labels.size()) + " labels for " +
                                        std::to_string(features.rows()) + " examples");
    if (class_count < 1) throw InputError("/labels", "there is no class to learn");
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i] < 0 || labels[i] >= class_count)
            throw InputError("/labels/" + std::to_string(i), "is not a class index below " +
                                                                 std::to_string(class_count));
    // NaN or infinity would poison every weight, leaving a model that gives
    // each label the same probability.
    if (!(std::isfinite(options.l2) && options.l2 >= 0.0))
        throw InputError("/l2", "must be a finite number, 0 or more");
    if (options.max_iterations < 0) throw InputError("/max_iterations", "must not be negative");

    const Eigen::Index f = features.cols();
    const Eigen::Index k = class_count;
    const Objective objective{features, labels, f, k, options.l2};
    Eigen::VectorXd theta = Eigen::VectorXd::Zero(f * k + k);
    Eigen::VectorXd grad;
    double loss = objective(theta, grad);

    // L-BFGS with a backtracking (Armijo) line search.
    std::deque<Eigen::VectorXd> s_hist;
    std::deque<Eigen::VectorXd> y_hist;
    std::deque<double> rho_hist;
    const std::size_t memory = static_cast<std::size_t>(std::max(1, options.history));
    int iteration = 0;
    Eigen::VectorXd next_theta;
    Eigen::VectorXd next_grad;
    for (; iteration < options.max_iterations; ++iteration) {
        if (grad.lpNorm<Eigen::Infinity>() < options.tolerance) break;
        Eigen::VectorXd direction = -grad;
        std::vector<double> alpha(s_hist.size());
        for (std::size_t j = s_hist.size(); j-- > 0;) {
            alpha[j] = rho_hist[j] * s_hist[j].dot(direction);
            direction -= alpha[j] * y_hist[j];
        }
        if (!s_hist.empty()) {
            direction *= s_hist.back().dot(y_hist.back()) / y_hist.back().squaredNorm();
        } else {
            direction /= std::max(1.0, grad.norm());  // first step: unit length
        }
        for (std::size_t j = 0; j < s_hist.size(); ++j) {
            const double beta = rho_hist[j] * y_hist[j].dot(direction);
            direction += (alpha[j] - beta) * s_hist[j];
        }
        double slope = grad.dot(direction);
        if (slope >= 0.0) {  // lost curvature information: restart from steepest descent
            s_hist.clear(), y_hist.clear(), rho_hist.clear();
            direction = -grad / std::max(1.0, grad.norm());
            slope = grad.dot(direction);
        }
        double step = 1.0;
        double next_loss = loss;
        bool accepted = false;
        for (int tries = 0; tries < 40; ++tries) {
            next_theta = theta + step * direction;
            next_loss = objective(next_theta, next_grad);
            if (next_loss <= loss + 1e-4 * step * slope) {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if (!accepted) break;  // no descent left at machine precision
        Eigen::VectorXd s = next_theta - theta;
        Eigen::VectorXd yv = next_grad - grad;
        const double sy = s.dot(yv);
        if (sy > 1e-12) {
            if (s_hist.size() == memory) s_hist.pop_front(), y_hist.pop_front(), rho_hist.pop_front();
            s_hist.push_back(std::move(s));
            y_hist.push_back(std::move(yv));
            rho_hist.push_back(1.0 / sy);
        }
        const double decrease = loss - next_loss;
        theta.swap(next_theta);
        grad.swap(next_grad);
        loss = next_loss;
        if (decrease < options.tolerance * std::max(1.0, std::abs(loss))) {
            ++iteration;
            break;
        }
    }

    SoftmaxRegression model;
    model.weights_ = Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        theta.data(), f, k);
    model.bias_ = theta.tail(k);
    model.iterations_ = iteration;
    return model;
}

SoftmaxRegression SoftmaxRegression::from_parts(Eigen::MatrixXd weights, Eigen::VectorXd bias) {
    if (weights.cols() != bias.size())
        throw InputError("/bias", "has " + std::to_string(bias.size()) + " entries for " +
                                      std::to_string(weights.cols()) + " classes");
    SoftmaxRegression model;
    model.weights_ = std::move(weights);
    model.bias_ = std::move(bias);
    return model;
}

Eigen::MatrixXd SoftmaxRegression::predict_proba(const SparseRows& features) const {
    FSD_ASSERT(features.cols() == weights_.rows());
    Eigen::MatrixXd p = features * weights_;
    p.rowwise() += bias_.transpose();
    for (Eigen::Index i = 0; i < p.rows(); ++i) {
        const double top = p.row(i).maxCoeff();
        p.row(i) = (p.row(i).array() - top).exp().matrix();
        p.row(i) /= p.row(i).sum();
    }
    return p;
}

}  // namespace fsd::triage
