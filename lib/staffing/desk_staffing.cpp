#include "fsd/staffing/desk_staffing.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "fsd/core/error.hpp"

namespace fsd {

namespace {

// A search that passes this many agents above its start has met a target no
// staffing reaches (guarded against by validation; kept as a clear message).
constexpr std::int64_t kMaxExtraAgents = 10'000'000;

bool meets(const QueueMeasures& m, const DeskTarget& target) {
    if (m.service_level < target.service_level) return false;
    if (target.max_average_speed_of_answer && !(m.average_speed_of_answer <= *target.max_average_speed_of_answer))
        return false;
    return m.occupancy <= target.max_occupancy;
}

[[noreturn]] void unreachable(double load) {
    throw InputError("/target", fmt::format("no number of agents meets the target at a load of {:.6g} Erlangs", load));
}

// Erlang C: every figure improves with each agent, so walk up from the
// smallest stable count (and the occupancy floor) carrying B(n).
std::int64_t erlang_c_agents(double load, double aht, const DeskTarget& target, QueueMeasures& found) {
    std::int64_t n = static_cast<std::int64_t>(std::floor(load)) + 1;
    if (target.max_occupancy < 1) {
        auto occupancy_floor = static_cast<std::int64_t>(std::ceil(load / target.max_occupancy));
        while (occupancy_floor > 1 && load / static_cast<double>(occupancy_floor - 1) <= target.max_occupancy)
            --occupancy_floor;
        n = std::max(n, occupancy_floor);
    }
    double b = erlang_b(n, load);
    for (const std::int64_t start = n; n - start <= kMaxExtraAgents; ++n) {
        if (n > start) b = erlang_b_step(n, load, b);
        found = erlang_c_from_b(n, load, b, aht, target.answer_within);
        if (meets(found, target)) return n;
    }
    unreachable(load);
}

// Erlang A: stable with any number of agents, and each evaluation walks the
// queue states, so the search gallops from the load rounded (steps 1, 2, 4, ...
// down while the target holds, or up until it does) and then bisects the
// bracket: a handful of evaluations instead of one per agent. B(n) comes from
// the recursion, extended as far as the search reaches.
std::int64_t erlang_a_agents(double load, double aht, const DeskTarget& target, QueueMeasures& found) {
    const std::int64_t start = std::max<std::int64_t>(1, std::llround(load));
    std::vector<double> b{1.0};
    auto at = [&](std::int64_t n) {
        for (auto k = static_cast<std::int64_t>(b.size()); k <= n; ++k) b.push_back(erlang_b_step(k, load, b.back()));
        return erlang_a_from_b(n, load, b[static_cast<std::size_t>(n)], aht, target.answer_within, *target.patience);
    };
    // Invariant once bracketed: `fails` misses the target (0 stands for "no agents"), `holds` meets it.
    std::int64_t fails = 0, holds = 0;
    QueueMeasures m = at(start);
    if (meets(m, target)) {
        holds = start;
        found = m;
        for (std::int64_t step = 1;; step *= 2) {
            const std::int64_t next = holds - step;
            if (next < 1) break;
            m = at(next);
            if (!meets(m, target)) {
                fails = next;
                break;
            }
            holds = next;
            found = m;
        }
    } else {
        fails = start;
        for (std::int64_t step = 1;; step *= 2) {
            const std::int64_t next = fails + step;
            if (next - start > kMaxExtraAgents) unreachable(load);
            m = at(next);
            if (meets(m, target)) {
                holds = next;
                found = m;
                break;
            }
            fails = next;
        }
    }
    while (holds - fails > 1) {
        const std::int64_t mid = fails + (holds - fails) / 2;
        m = at(mid);
        if (meets(m, target)) {
            holds = mid;
            found = m;
        } else {
            fails = mid;
        }
    }
    return holds;
}

DeskStaffing staff_checked(const DeskDemand& demand, const DeskTarget& target) {
    DeskStaffing s;
    const double load = offered_load(demand);
    if (load == 0) return s;  // no calls: nobody needed, every figure at its ideal
    try {
        s.agents = target.patience ? erlang_a_agents(load, demand.aht, target, s.measures)
                                   : erlang_c_agents(load, demand.aht, target, s.measures);
    } catch (const InputError& e) {
        if (e.path() == "/patience") throw InputError("/target/patience", e.message());
        throw;
    }
    s.scheduled = scheduled_agents(s.agents, target.shrinkage);
    return s;
}

}  // namespace

void validate_desk_target(const DeskTarget& target, const std::string& path) {
    if (!(target.service_level >= 0 && target.service_level < 1))
        throw InputError(path + "/service_level",
                         "must be at least 0 and below 1 (no number of agents answers every call in time)");
    if (target.answer_within < 0)
        throw InputError(path + "/answer_within", fmt::format("must be >= 0 seconds, got {}", target.answer_within));
    if (target.max_average_speed_of_answer &&
        !(std::isfinite(*target.max_average_speed_of_answer) && *target.max_average_speed_of_answer > 0))
        throw InputError(path + "/max_average_speed_of_answer", "must be a finite number of seconds > 0");
    if (!(target.max_occupancy > 0 && target.max_occupancy <= 1))
        throw InputError(path + "/max_occupancy", "must be above 0 and at most 1");
    if (!(target.shrinkage >= 0 && target.shrinkage < 1))
        throw InputError(path + "/shrinkage", "must be at least 0 and below 1");
    if (target.patience && !(std::isfinite(*target.patience) && *target.patience > 0))
        throw InputError(path + "/patience", "must be a finite number of seconds > 0");
}

std::int64_t scheduled_agents(std::int64_t agents, double shrinkage) {
    if (agents < 0) throw InputError("/agents", fmt::format("must be >= 0, got {}", agents));
    if (!(shrinkage >= 0 && shrinkage < 1)) throw InputError("/shrinkage", "must be at least 0 and below 1");
    const double exact = static_cast<double>(agents) / (1.0 - shrinkage);
    return static_cast<std::int64_t>(std::ceil(exact * (1.0 - 1e-12)));
}

DeskStaffing staff_desk_interval(const DeskDemand& demand, const DeskTarget& target) {
    validate_desk_demand(demand);
    validate_desk_target(target);
    return staff_checked(demand, target);
}

std::vector<DeskStaffing> staff_desk(const std::vector<DeskDemand>& intervals, const DeskTarget& target) {
    validate_desk_target(target);
    for (std::size_t i = 0; i < intervals.size(); ++i) validate_desk_demand(intervals[i], "/intervals/" + std::to_string(i));
    std::vector<DeskStaffing> out;
    out.reserve(intervals.size());
    for (const DeskDemand& d : intervals) out.push_back(staff_checked(d, target));
    return out;
}

}  // namespace fsd
