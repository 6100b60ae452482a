// Double-precision re-check of a benchmark solution on the instance's own,
// unscaled data: catches any error the integer scaling could introduce.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "fsd/verify.hpp"

namespace fsd {
namespace {

// Tolerance on time comparisons, matching the scaling's own slack.
constexpr double kTimeTolerance = 1e-6;

std::string fmt_double(double v) {
    std::ostringstream out;
    out.precision(10);
    out << v;
    return out.str();
}

// Node of job j: the instance names its jobs after their customer numbers.
int node_of(const EuclideanInstance& instance, Index j) {
    const std::string& id = instance.problem.job(j).id;
    int node = -1;
    const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), node);
    if (ec != std::errc{} || ptr != id.data() + id.size()) return -1;
    if (node <= 0 || node >= static_cast<int>(instance.x.size())) return -1;
    return node;
}

}  // namespace

EuclideanCheck verify_euclidean(const EuclideanInstance& instance, const Solution& solution) {
    EuclideanCheck check;
    const size_t nodes = instance.x.size();
    if (nodes == 0 || instance.y.size() != nodes || instance.demand.size() != nodes || instance.ready.size() != nodes ||
        instance.due.size() != nodes || instance.service.size() != nodes) {
        check.violations.push_back("The instance's node lists are empty or of different lengths.");
        return check;
    }
    auto dist = [&](size_t a, size_t b) {
        return std::hypot(instance.x[a] - instance.x[b], instance.y[a] - instance.y[b]);
    };
    std::vector<int> visits(nodes, 0);

    for (size_t r = 0; r < solution.routes.size(); ++r) {
        const Route& route = solution.routes[r];
        const std::string where = "Route " + std::to_string(r);
        std::vector<size_t> order;
        for (const auto& s : route.steps) {
            if (s.kind != StepKind::job) continue;
            const int node = (s.index >= 0 && s.index < instance.problem.num_jobs()) ? node_of(instance, s.index) : -1;
            if (node < 0) {
                check.violations.push_back(where + " visits job index " + std::to_string(s.index) +
                                           ", which is no customer of the instance.");
                continue;
            }
            order.push_back(static_cast<size_t>(node));
        }
        if (order.empty()) continue;
        ++check.vehicles;

        double time = instance.ready[0];
        double load = 0.0;
        size_t at = 0;
        for (size_t node : order) {
            ++visits[node];
            const double leg = dist(at, node);
            check.distance += leg;
            const double start = std::max(time + leg, instance.ready[node]);
            if (start > instance.due[node] + kTimeTolerance)
                check.violations.push_back(where + ": customer " + std::to_string(node) + " is served at " +
                                           fmt_double(start) + ", after its due time " +
                                           fmt_double(instance.due[node]) + ".");
            time = start + instance.service[node];
            load += instance.demand[node];
            at = node;
        }
        const double back = dist(at, 0);
        check.distance += back;
        if (time + back > instance.due[0] + kTimeTolerance)
            check.violations.push_back(where + ": the vehicle returns to the depot at " + fmt_double(time + back) +
                                       ", after the depot closes at " + fmt_double(instance.due[0]) + ".");
        if (load > instance.capacity + 1e-9)
            check.violations.push_back(where + ": the load " + fmt_double(load) + " exceeds the capacity " +
                                       fmt_double(instance.capacity) + ".");
    }

    for (size_t node = 1; node < nodes; ++node) {
        if (visits[node] == 0)
            check.violations.push_back("Customer " + std::to_string(node) + " is not served.");
        else if (visits[node] > 1)
            check.violations.push_back("Customer " + std::to_string(node) + " is served " +
                                       std::to_string(visits[node]) + " times.");
    }
    if (instance.vehicles > 0 && check.vehicles > instance.vehicles)
        check.violations.push_back("The solution uses " + std::to_string(check.vehicles) +
                                   " vehicles but the fleet has " + std::to_string(instance.vehicles) + ".");
    return check;
}

}  // namespace fsd
