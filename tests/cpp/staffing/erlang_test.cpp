#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "staffing_test_support.hpp"
#include "fsd/core/error.hpp"
#include "fsd/staffing/erlang.hpp"

using namespace fsd;

namespace {

using staffing_test::error_path;

// Erlang B straight from its definition, (a^n/n!) / sum_k a^k/k!, fine for small n.
double erlang_b_direct(int n, double a) {
    double term = 1, sum = 1;
    for (int k = 1; k <= n; ++k) {
        term *= a / k;
        sum += term;
    }
    return term / sum;
}

// Erlang A by brute force, independent of the library's derivation: the
// stationary distribution of the truncated birth-death chain, and for a caller
// who finds j waiting the wait as a hypoexponential with the distinct rates
// n mu + i theta (i = 0..j), its density by partial fractions; the caller is
// answered within T if that wait is <= T and below its own Exp(theta) patience.
// Fine for a handful of queue states (partial fractions lose digits beyond).
struct BruteForceA {
    double wait = 0, abandon = 0, service_level = 0, asa = 0, mean_queue = 0;
};

BruteForceA brute_force_erlang_a(int n, double lambda, double mu, double theta, double T) {
    const int K = n + 40;
    std::vector<double> pi(K + 1);
    pi[0] = 1;
    for (int k = 1; k <= K; ++k) pi[k] = pi[k - 1] * lambda / (k <= n ? k * mu : n * mu + (k - n) * theta);
    double z = 0;
    for (double p : pi) z += p;
    for (double& p : pi) p /= z;
    BruteForceA r;
    double answered = 0, waited = 0;
    for (int k = 0; k < n; ++k) {
        r.service_level += pi[k];
        answered += pi[k];
    }
    for (int k = n; k <= K; ++k) {
        const int j = k - n;
        r.wait += pi[k];
        r.mean_queue += j * pi[k];
        // rates of the stages while i callers are ahead (i = j..0)
        std::vector<double> rate;
        for (int i = 0; i <= j; ++i) rate.push_back(n * mu + i * theta);
        // density of the sum: sum_i c_i r_i e^{-r_i t}, c_i = prod_{l != i} r_l / (r_l - r_i).
        // P(V <= T, patience > V) = int_0^T f(t) e^{-theta t} dt, E[V; patience > V] = int_0^inf t f(t) e^{-theta t} dt.
        double in_time = 0, served = 0, wait_served = 0;
        for (std::size_t i = 0; i < rate.size(); ++i) {
            double c = 1;
            for (std::size_t l = 0; l < rate.size(); ++l)
                if (l != i) c *= rate[l] / (rate[l] - rate[i]);
            const double s = rate[i] + theta;
            in_time += c * rate[i] / s * (1 - std::exp(-s * T));
            served += c * rate[i] / s;
            wait_served += c * rate[i] / (s * s);
        }
        r.service_level += pi[k] * in_time;
        r.abandon += pi[k] * (1 - served);
        answered += pi[k] * served;
        waited += pi[k] * wait_served;
    }
    r.asa = waited / answered;
    return r;
}

}  // namespace

TEST_CASE("erlang B recursion equals the direct formula for small agent counts") {
    for (double a : {0.3, 1.0, 2.5, 7.0, 12.0})
        for (int n = 0; n <= 20; ++n) CHECK(erlang_b(n, a) == Approx(erlang_b_direct(n, a)).epsilon(1e-12));
}

TEST_CASE("one agent is an M/M/1 queue: waiting probability rho, ASA rho aht over one minus rho") {
    // By hand: B(1, a) = a / (1 + a); C(1, a) = B / (1 - a (1 - B)) = a.
    CHECK(erlang_b(1, 0.5) == Approx(1.0 / 3.0));
    CHECK(erlang_c(1, 0.5) == Approx(0.5));
    // 12 calls per hour of 150 s: a = rho = 0.5; SL(20 s) = 1 - 0.5 e^{-0.5 * 20/150}; ASA = 0.5 * 150 / 0.5 = 150 s.
    const QueueMeasures m = erlang_c_measures({12, 3600, 150}, 1, 20);
    CHECK(m.load == Approx(0.5));
    CHECK(m.wait_probability == Approx(0.5));
    CHECK(m.service_level == Approx(1 - 0.5 * std::exp(-0.5 * 20.0 / 150.0)));
    CHECK(m.average_speed_of_answer == Approx(150.0));
    CHECK(m.occupancy == Approx(0.5));
    CHECK(m.abandonment == 0);
}

TEST_CASE("two agents at one Erlang, computed by hand") {
    // B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2; C = 0.2 / (1 - 0.5 * 0.8) = 1/3,
    // also (1/2 * 2/(2-1)) / (1 + 1 + 1) from the textbook form. ASA = C aht / (n - a) = aht / 3.
    CHECK(erlang_b(2, 1.0) == Approx(0.2));
    CHECK(erlang_c(2, 1.0) == Approx(1.0 / 3.0));
    const QueueMeasures m = erlang_c_measures({30, 1800, 60}, 2, 30);
    CHECK(m.wait_probability == Approx(1.0 / 3.0));
    CHECK(m.service_level == Approx(1 - std::exp(-0.5) / 3.0));
    CHECK(m.average_speed_of_answer == Approx(20.0));
}

TEST_CASE("erlang C agrees with the published 100 calls per half hour worked example") {
    // 100 calls per 30 minutes, AHT 180 s, 80 % within 20 s: 10 Erlangs. Published figures
    // (callcentrehelper.com "Erlang C Formula - Made Simple With an Easy Worked Example";
    // the same case in the CRAN package ErlangC 0.1.0 README, rdocumentation.org/packages/ErlangC,
    // and the pyworkforce 0.1.0 README, pypi.org/project/pyworkforce/0.1.0):
    // 14 agents: wait probability 0.1741319, service level 0.88835, ASA 7.83593701177724 s,
    // occupancy 0.7142857; 11 agents: wait probability 0.6821182.
    const DeskDemand d{100, 1800, 180};
    const QueueMeasures m14 = erlang_c_measures(d, 14, 20);
    CHECK(m14.load == Approx(10.0));
    CHECK(m14.wait_probability == Approx(0.1741319).margin(5e-8));
    CHECK(m14.service_level == Approx(0.88835).margin(5e-6));
    CHECK(m14.average_speed_of_answer == Approx(7.83593701177724).epsilon(1e-12));
    CHECK(m14.occupancy == Approx(0.7142857).margin(5e-8));
    CHECK(erlang_c_measures(d, 11, 20).wait_probability == Approx(0.6821182).margin(5e-8));
}

TEST_CASE("erlang C with agents at or below the load never catches up") {
    const QueueMeasures m = erlang_c_measures({100, 1800, 180}, 10, 20);
    CHECK(m.wait_probability == 1);
    CHECK(m.service_level == 0);
    CHECK(std::isinf(m.average_speed_of_answer));
    CHECK(m.occupancy == 1);
    CHECK(erlang_c(3, 3.5) == 1);
}

TEST_CASE("erlang B and C stay finite and monotone at ten thousand Erlangs") {
    const double a = 10000;
    double previous_c = 1, previous_sl = 0;
    const DeskDemand d{a, 3600, 3600};
    for (std::int64_t n = 10001; n <= 10400; n += 3) {
        const QueueMeasures m = erlang_c_measures(d, n, 20);
        REQUIRE(std::isfinite(m.wait_probability));
        REQUIRE(std::isfinite(m.average_speed_of_answer));
        CHECK(m.wait_probability < previous_c);
        CHECK(m.service_level > previous_sl);
        previous_c = m.wait_probability;
        previous_sl = m.service_level;
    }
    const double b = erlang_b(10000, a);
    CHECK(b > 0);
    CHECK(b < 0.01);  // about sqrt(2 / (pi a)) / 1.x by Stirling: 0.0079
    CHECK(erlang_b(20000, a) >= 0);
    CHECK(erlang_b(1'000'000, 999'000) > 0);
}

TEST_CASE("erlang A with a very long patience is erlang C") {
    const DeskDemand d{100, 1800, 180};
    for (std::int64_t n : {11, 12, 14, 20}) {
        const QueueMeasures c = erlang_c_measures(d, n, 20);
        const QueueMeasures a = erlang_a_measures(d, n, 20, 180e7);
        CHECK(a.wait_probability == Approx(c.wait_probability).epsilon(1e-5));
        CHECK(a.service_level == Approx(c.service_level).epsilon(1e-5));
        CHECK(a.average_speed_of_answer == Approx(c.average_speed_of_answer).epsilon(1e-4));
        CHECK(a.occupancy == Approx(c.occupancy).epsilon(1e-5));
        CHECK(a.abandonment < 1e-5);
    }
}

TEST_CASE("erlang A with a vanishing patience is erlang B loss") {
    // Nobody waits: arrivals that find every agent busy are lost, with probability B(n, a).
    const DeskDemand d{100, 1800, 180};
    for (std::int64_t n : {5, 10, 14}) {
        const double b = erlang_b(n, 10.0);
        const QueueMeasures m = erlang_a_measures(d, n, 20, 1e-9);
        CHECK(m.wait_probability == Approx(b).epsilon(1e-6));
        CHECK(m.abandonment == Approx(b).epsilon(1e-6));
        CHECK(m.service_level == Approx(1 - b).epsilon(1e-6));
        CHECK(m.occupancy == Approx(10.0 * (1 - b) / n).epsilon(1e-6));
    }
}

TEST_CASE("erlang A matches a brute-force birth-death chain with hypoexponential waits") {
    struct Case {
        int n;
        double calls, aht, patience;
        Duration T;
    };
    for (const Case& c : {Case{2, 90, 60, 60, 30}, Case{3, 200, 60, 120, 20}, Case{1, 50, 60, 30, 10},
                          Case{4, 300, 60, 90, 45}}) {
        const double lambda = c.calls / 3600.0, mu = 1 / c.aht, theta = 1 / c.patience;
        const BruteForceA ref = brute_force_erlang_a(c.n, lambda, mu, theta, static_cast<double>(c.T));
        const QueueMeasures m = erlang_a_measures({c.calls, 3600, c.aht}, c.n, c.T, c.patience);
        CHECK(m.wait_probability == Approx(ref.wait).epsilon(1e-9));
        CHECK(m.abandonment == Approx(ref.abandon).epsilon(1e-7));
        CHECK(m.service_level == Approx(ref.service_level).epsilon(1e-7));
        CHECK(m.average_speed_of_answer == Approx(ref.asa).epsilon(1e-7));
        // Abandonment is the patience rate times the mean queue, per arrival: theta E[Lq] / lambda.
        CHECK(m.abandonment == Approx(theta * ref.mean_queue / lambda).epsilon(1e-7));
        CHECK(m.answered_service_level == Approx(ref.service_level / (1 - ref.abandon)).epsilon(1e-7));
    }
}

TEST_CASE("erlang A is stable below the load and at ten thousand Erlangs") {
    const QueueMeasures under = erlang_a_measures({432, 1800, 50}, 10, 20, 120);  // a = 12 on 10 agents
    CHECK(under.wait_probability > 0.5);
    CHECK(under.wait_probability <= 1);
    CHECK(under.occupancy <= 1);
    CHECK(under.abandonment > 0);
    CHECK(under.abandonment < 1);
    double previous_sl = 0;
    for (std::int64_t n : {9800, 9900, 9950, 10000, 10050, 10100, 10200}) {
        const QueueMeasures m = erlang_a_measures({10000, 3600, 3600}, n, 20, 600);
        REQUIRE(std::isfinite(m.service_level));
        REQUIRE(std::isfinite(m.average_speed_of_answer));
        CHECK(m.service_level > previous_sl);
        CHECK(m.abandonment >= 0);
        CHECK(m.abandonment <= 1);
        previous_sl = m.service_level;
    }
}

TEST_CASE("queue measures refuse bad input naming the field") {
    CHECK(error_path([] { erlang_c_measures({-1, 1800, 180}, 3, 20); }) == "/calls");
    CHECK(error_path([] { erlang_c_measures({NAN, 1800, 180}, 3, 20); }) == "/calls");
    CHECK(error_path([] { erlang_c_measures({10, 0, 180}, 3, 20); }) == "/interval");
    CHECK(error_path([] { erlang_c_measures({10, 1800, INFINITY}, 3, 20); }) == "/aht");
    CHECK(error_path([] { erlang_c_measures({10, 1800, 0}, 3, 20); }) == "/aht");
    CHECK(error_path([] { erlang_c_measures({10, 1800, 180}, 0, 20); }) == "/agents");
    CHECK(error_path([] { erlang_c_measures({10, 1800, 180}, 2, -1); }) == "/answer_within");
    CHECK(error_path([] { erlang_a_measures({10, 1800, 180}, 2, 20, 0); }) == "/patience");
    CHECK(error_path([] { erlang_a_measures({10, 1800, 180}, 2, 20, NAN); }) == "/patience");
    CHECK(error_path([] { erlang_c_measures({1e7, 1, 1}, 3, 20); }) == "/calls");  // 1e7 Erlangs
    CHECK(error_path([] { erlang_b(-1, 1); }) == "/agents");
    CHECK(error_path([] { erlang_b(1, -1); }) == "/load");
}
