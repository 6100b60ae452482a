#include <catch2/catch.hpp>

#include <cmath>

#include "fsd/core/error.hpp"
#include "fsd/triage/softmax_regression.hpp"
#include "fsd/triage/tfidf_vectorizer.hpp"

using namespace fsd::triage;

TEST_CASE("tf-idf rows are unit vectors with smoothed idf", "[triage]") {
    const auto v = TfidfVectorizer::fit({"leak leak", "leak noise", "漏水"});
    // Sorted vocabulary: ASCII words and the CJK n-grams.
    REQUIRE(v.column("leak") >= 0);
    REQUIRE(v.column("漏水") >= 0);
    CHECK(v.column("missing") == -1);
    CHECK(v.idf()[static_cast<std::size_t>(v.column("leak"))] == Approx(std::log(4.0 / 3.0) + 1.0));
    CHECK(v.idf()[static_cast<std::size_t>(v.column("noise"))] == Approx(std::log(4.0 / 2.0) + 1.0));
    const SparseRows rows = v.transform({"leak leak", "Leak noise", "nothing known", "漏水"});
    for (int r : {0, 1, 3}) CHECK(rows.row(r).norm() == Approx(1.0));
    CHECK(rows.row(2).nonZeros() == 0);
    CHECK(rows.row(0).dot(rows.row(3)) == Approx(0.0));
    CHECK(rows.row(0).dot(rows.row(1)) > 0.0);
}

TEST_CASE("tf-idf input checks", "[triage]") {
    CHECK_THROWS_WITH(TfidfVectorizer::fit({}), Catch::Contains("/texts"));
    TfidfOptions o;
    o.min_df = 2;
    CHECK_THROWS_WITH(TfidfVectorizer::fit({"a", "b"}, o), Catch::Contains("/texts"));
    CHECK_THROWS_WITH(TfidfVectorizer::from_parts({"a", "b"}, {1.0}, {}), Catch::Contains("/vectorizer/idf"));
}

TEST_CASE("softmax regression separates classes and is deterministic", "[triage]") {
    const auto v = TfidfVectorizer::fit({"red apple", "green apple", "blue sky", "grey sky"});
    const SparseRows x = v.transform({"red apple", "green apple", "blue sky", "grey sky"});
    const auto a = SoftmaxRegression::fit(x, {0, 0, 1, 1}, 2);
    const auto b = SoftmaxRegression::fit(x, {0, 0, 1, 1}, 2);
    CHECK(a.weights() == b.weights());
    CHECK(a.iterations() > 0);
    const Eigen::MatrixXd p = a.predict_proba(v.transform({"apple", "sky"}));
    CHECK(p(0, 0) > 0.8);
    CHECK(p(1, 1) > 0.8);
    CHECK(p.row(0).sum() == Approx(1.0));
    CHECK_THROWS_WITH(SoftmaxRegression::fit(x, {0, 1}, 2), Catch::Contains("/labels"));
    CHECK_THROWS_WITH(SoftmaxRegression::fit(x, {0, 0, 1, 5}, 2), Catch::Contains("/labels/3"));
}
