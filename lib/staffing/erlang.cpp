#include "fsd/staffing/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "fsd/core/error.hpp"

namespace fsd {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
// Queue states an Erlang A evaluation may visit before it gives up: about a
// tenth of a second of work, and far more than any realistic patience needs.
constexpr std::int64_t kMaxQueueStates = 5'000'000;
// The neglected tail of the queue-length distribution, relative to its mass.
constexpr double kTailTolerance = 1e-15;
// exp() of anything below this is a denormal or zero.
constexpr double kLogUnderflow = -700.0;
// Queue terms are rescaled by this factor before they could overflow.
constexpr double kRescale = 1e-250;

void check_agents(std::int64_t agents, std::int64_t minimum) {
    if (agents < minimum) throw InputError("/agents", fmt::format("must be >= {}, got {}", minimum, agents));
}

void check_load(double load) {
    if (!std::isfinite(load) || load < 0) throw InputError("/load", "must be a finite number >= 0");
}

void check_answer_within(Duration answer_within) {
    if (answer_within < 0) throw InputError("/answer_within", fmt::format("must be >= 0 seconds, got {}", answer_within));
}

QueueMeasures idle_desk(std::int64_t agents) {
    QueueMeasures m;
    m.agents = agents;
    return m;
}

}  // namespace

double offered_load(const DeskDemand& demand) {
    return demand.calls * demand.aht / static_cast<double>(demand.interval);
}

void validate_desk_demand(const DeskDemand& demand, const std::string& path) {
    if (!std::isfinite(demand.calls) || demand.calls < 0)
        throw InputError(path + "/calls", "must be a finite number >= 0");
    if (demand.interval <= 0)
        throw InputError(path + "/interval", fmt::format("must be > 0 seconds, got {}", demand.interval));
    if (!std::isfinite(demand.aht) || demand.aht <= 0)
        throw InputError(path + "/aht", "must be a finite number of seconds > 0");
    const double load = offered_load(demand);
    if (!(load <= kMaxDeskLoad))
        throw InputError(path + "/calls",
                         fmt::format("offered load {:.6g} Erlangs (calls x aht / interval) is above the {:.0e} "
                                     "accepted; check the units of calls, interval and aht",
                                     load, kMaxDeskLoad));
}

double erlang_b(std::int64_t agents, double load) {
    check_agents(agents, 0);
    check_load(load);
    double b = 1.0;
    for (std::int64_t n = 1; n <= agents && b > 0; ++n) b = erlang_b_step(n, load, b);
    return b;
}

double erlang_c(std::int64_t agents, double load) {
    const double b = erlang_b(agents, load);
    if (static_cast<double>(agents) <= load) return 1.0;
    return b / (1.0 - load / static_cast<double>(agents) * (1.0 - b));
}

QueueMeasures erlang_c_from_b(std::int64_t agents, double load, double erlang_b_value, double aht,
                              Duration answer_within) {
    if (load == 0) return idle_desk(agents);
    QueueMeasures m;
    m.agents = agents;
    m.load = load;
    const double n = static_cast<double>(agents);
    if (n <= load) {
        m.wait_probability = 1;
        m.service_level = 0;
        m.answered_service_level = 0;
        m.average_speed_of_answer = kInf;
        m.occupancy = 1;
        return m;
    }
    const double c = erlang_b_value / (1.0 - load / n * (1.0 - erlang_b_value));
    m.wait_probability = c;
    m.service_level = 1.0 - c * std::exp(-(n - load) * static_cast<double>(answer_within) / aht);
    m.answered_service_level = m.service_level;
    m.average_speed_of_answer = c * aht / (n - load);
    m.occupancy = load / n;
    return m;
}

// Time is measured in mean handling times and rates in services per handling
// time: n agents answer at rate n, a caller waiting abandons at rate g =
// aht / patience. With j callers already queued (k = n + j in the system) a
// new arrival is answered with probability p_j = n / (n + (j+1) g), and its
// wait, given that it is answered, is the sum of j+1 exponentials of rates
// n + g, ..., n + (j+1) g (each stage ends when someone ahead leaves or the
// arrival itself hangs up). That sum is below tau = T / aht with probability
// 1 - sum_{i=0..j} d_i, the d_i being the negative-binomial weights
// d_0 = e^{-(n+g) tau}, d_i = d_{i-1} (x/g)(n + i g)/i with x = 1 - e^{-g tau}.
QueueMeasures erlang_a_from_b(std::int64_t agents, double load, double erlang_b_value, double aht,
                              Duration answer_within, double patience) {
    if (load == 0) return idle_desk(agents);
    const double n = static_cast<double>(agents);
    const double g = aht / patience;
    const double tau = static_cast<double>(answer_within) / aht;
    const double x_over_g = g * tau > 0 ? -std::expm1(-g * tau) / g : tau;

    // Negative-binomial weights, kept as a logarithm while they would underflow.
    double log_d = -(n + g) * tau;
    bool d_in_log = log_d < kLogUnderflow;
    double d = d_in_log ? 0.0 : std::exp(log_d);
    double d_sum = d;
    double stage_sum = 0;  // sum_{i=1..j+1} 1 / (n + i g): mean wait of an answered caller, in aht

    // Queue terms t_j = pi_{n+j} / pi_n (times a running scale), and their weighted sums.
    double t = 1;
    double log_scale = 0;
    double q = 0;         // sum t_j
    double answered = 0;  // sum t_j p_j
    double abandoned = 0; // sum t_j (1 - p_j)
    double in_time = 0;   // sum t_j p_j P(wait <= T | answered)
    double waited = 0;    // sum t_j p_j E[wait | answered]
    for (std::int64_t j = 0;; ++j) {
        const double served_rate = n + static_cast<double>(j + 1) * g;
        const double inverse_rate = 1.0 / served_rate;
        const double p = n * inverse_rate;
        stage_sum += inverse_rate;
        const double within = std::max(0.0, 1.0 - d_sum);
        q += t;
        answered += t * p;
        abandoned += t * (static_cast<double>(j + 1) * g * inverse_rate);
        in_time += t * p * within;
        waited += t * p * stage_sum;

        // The ratios t_{j+1}/t_j = a / (n + (j+1) g) only fall from here, so once one
        // is below 1 the rest of the tail is at most t_j r / (1 - r).
        const double r = load * inverse_rate;
        if (r < 1 && t * r / (1 - r) <= kTailTolerance * q) break;
        if (j + 1 >= kMaxQueueStates)
            throw InputError("/patience",
                             fmt::format("a mean patience of {:.6g} s against a handling time of {:.6g} s and a load "
                                         "of {:.6g} Erlangs on {} agents needs more than {} queue states; leave "
                                         "patience out to use Erlang C",
                                         patience, aht, load, agents, kMaxQueueStates));
        t *= r;
        if (t > 1.0 / kRescale) {
            t *= kRescale;
            q *= kRescale;
            answered *= kRescale;
            abandoned *= kRescale;
            in_time *= kRescale;
            waited *= kRescale;
            log_scale -= std::log(kRescale);
        }
        const double ratio = x_over_g * (n + static_cast<double>(j + 1) * g) / static_cast<double>(j + 1);
        if (d_in_log) {
            log_d += std::log(ratio);
            if (log_d >= kLogUnderflow) {
                d_in_log = false;
                d = std::exp(log_d);
            }
        } else {
            d *= ratio;
        }
        if (!d_in_log) d_sum += d;
    }

    // States below n weigh (1/B - 1) pi_n: the Erlang B normalisation.
    double wait = 0;
    if (erlang_b_value > 0) {
        const double below = (1.0 - erlang_b_value) / erlang_b_value * std::exp(-log_scale);
        wait = q / (below + q);
        if (!std::isfinite(wait)) wait = 0;
    }
    QueueMeasures m;
    m.agents = agents;
    m.load = load;
    m.wait_probability = wait;
    m.abandonment = wait * abandoned / q;
    const double answered_share = (1.0 - wait) + wait * answered / q;
    m.service_level = (1.0 - wait) + wait * in_time / q;
    m.answered_service_level = std::min(1.0, m.service_level / answered_share);
    m.average_speed_of_answer = aht * wait * waited / q / answered_share;
    m.occupancy = std::min(1.0, load * (1.0 - m.abandonment) / n);
    return m;
}

QueueMeasures erlang_c_measures(const DeskDemand& demand, std::int64_t agents, Duration answer_within) {
    validate_desk_demand(demand);
    check_agents(agents, 1);
    check_answer_within(answer_within);
    const double load = offered_load(demand);
    return erlang_c_from_b(agents, load, erlang_b(agents, load), demand.aht, answer_within);
}

QueueMeasures erlang_a_measures(const DeskDemand& demand, std::int64_t agents, Duration answer_within,
                                double patience) {
    validate_desk_demand(demand);
    check_agents(agents, 1);
    check_answer_within(answer_within);
    if (!std::isfinite(patience) || patience <= 0)
        throw InputError("/patience", "must be a finite number of seconds > 0");
    const double load = offered_load(demand);
    return erlang_a_from_b(agents, load, erlang_b(agents, load), demand.aht, answer_within, patience);
}

}  // namespace fsd
