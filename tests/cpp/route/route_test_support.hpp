#pragma once
// Helpers shared by the route tests: small problems on an explicit matrix, a
// seeded generator of larger ones, and an independent check of a solution.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "fsd/model/service_duration.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"

namespace route_test {

using namespace fsd;

/// Points on a plane; travel seconds = metres = rounded Euclidean distance.
inline TravelMatrices plane(const std::vector<std::pair<double, double>>& points) {
    const auto n = static_cast<std::ptrdiff_t>(points.size());
    TravelMatrices m{DurationMatrix(n, n), DistanceMatrix(n, n)};
    for (std::ptrdiff_t a = 0; a < n; ++a)
        for (std::ptrdiff_t b = 0; b < n; ++b) {
            const double dx = points[static_cast<size_t>(a)].first - points[static_cast<size_t>(b)].first;
            const double dy = points[static_cast<size_t>(a)].second - points[static_cast<size_t>(b)].second;
            const auto d = static_cast<std::int64_t>(std::llround(std::sqrt(dx * dx + dy * dy)));
            m.durations(a, b) = d;
            m.distances(a, b) = d;
        }
    return m;
}

/// Points on a line at the given positions (travel = distance).
inline TravelMatrices line(std::vector<double> xs) {
    std::vector<std::pair<double, double>> pts;
    for (double x : xs) pts.emplace_back(x, 0.0);
    return plane(pts);
}

/// "prefix" followed by the number (built by appending: GCC 12 warns
/// wrongly about operator+ on a literal and a temporary at -O3).
inline std::string name(const char* prefix, long long i) {
    std::string s(prefix);
    s += std::to_string(i);
    return s;
}

inline Location at(Index i) { return Location{std::nullopt, i}; }

inline Engineer engineer(const std::string& id, Index location, Time shift_start = 0, Time shift_end = 100000) {
    Engineer e;
    e.id = id;
    e.start = at(location);
    e.shifts = {TimeWindow{shift_start, shift_end}};
    return e;
}

inline Job job(const std::string& id, Index location, Duration duration = 100) {
    Job j;
    j.id = id;
    j.location = at(location);
    j.duration = duration;
    return j;
}

/// Fast, deterministic options for small cases: the iteration limit ends the
/// search, never the clock (a sanitizer build on a busy core runs several
/// threads' 450 iterations in over 30 s).
inline SolveOptions quick(std::int64_t iterations = 50) {
    SolveOptions o;
    o.iteration_limit = iterations;
    o.stagnation_limit = 0;
    o.time_limit_seconds = 600.0;
    return o;
}

inline const Route* route_of(const Solution& s, Index job_index) {
    for (const auto& r : s.routes)
        for (const auto& st : r.steps)
            if (st.kind == StepKind::job && st.index == job_index) return &r;
    return nullptr;
}

inline const Step* step_of(const Solution& s, Index job_index) {
    for (const auto& r : s.routes)
        for (const auto& st : r.steps)
            if (st.kind == StepKind::job && st.index == job_index) return &st;
    return nullptr;
}

inline const Unassigned* unassigned_of(const Solution& s, Index job_index) {
    for (const auto& u : s.unassigned)
        if (u.job == job_index) return &u;
    return nullptr;
}

inline Cost half_up(Cost v, Cost d) { return (v + d / 2) / d; }

/// fsd::verify accepts the solution and agrees on its objective (the
/// violations are shown when it does not).
inline void require_verified(const Problem& p, const Solution& s) {
    const VerifyReport report = verify(p, s);
    std::string found;
    for (const auto& v : report.violations) found += v.kind + ": " + v.message + "\n";
    INFO(found);
    REQUIRE(report.ok());
    REQUIRE(report.objective == s.objective);
}

/// fsd::verify must accept the solution and agree on its objective; then the
/// test re-derives the rules of docs/design.md once more on its own, so a
/// fault shared by solver and verifier would still show.
inline void check_solution(const Problem& p, const Solution& s) {
    require_verified(p, s);
    std::vector<int> seen(static_cast<size_t>(p.num_jobs()), 0);
    ObjectiveParts obj;
    Duration most_late = 0;   // soft deadlines only
    std::vector<Duration> working(static_cast<size_t>(p.num_engineers()), 0);
    std::vector<std::pair<Index, Index>> used;
    for (const Route& r : s.routes) {
        const Engineer& e = p.engineer(r.engineer);
        const TimeWindow shift = e.shifts.at(static_cast<size_t>(r.shift));
        for (const auto& u : used) REQUIRE_FALSE((u.first == r.engineer && u.second == r.shift));
        used.emplace_back(r.engineer, r.shift);
        REQUIRE(r.steps.size() >= 3);
        REQUIRE(r.steps.front().kind == StepKind::start);
        REQUIRE(r.steps.back().kind == StepKind::end);
        REQUIRE(r.steps.front().start >= shift.start);
        REQUIRE(r.steps.back().arrival <= shift.end + e.max_overtime);
        const Duration overtime = std::max<Duration>(0, r.steps.back().arrival - shift.end);
        obj.overtime += p.weights().overtime * half_up(e.costs.overtime_per_hour * overtime, 3600);
        const auto& dur = p.durations(r.engineer);
        Index loc = p.start_location(r.engineer);
        Time clock = r.steps.front().end;
        Cost cost = e.costs.fixed;
        Duration travel = 0, late_sum = 0;
        int jobs = 0;
        std::vector<Amount> load(static_cast<size_t>(p.dimensions()), 0);
        std::vector<int> breaks_taken(e.breaks.size(), 0);
        for (const Step& st : r.steps)
            if (st.kind == StepKind::job)
                for (size_t k = 0; k < load.size(); ++k) load[k] += p.demand(st.index)[k];
        for (size_t k = 0; k < load.size(); ++k) REQUIRE(load[k] <= p.capacity(r.engineer)[k]);
        REQUIRE(r.steps.front().load == load);
        for (size_t i = 1; i < r.steps.size(); ++i) {
            const Step& st = r.steps[i];
            Index to = loc;
            if (st.kind == StepKind::job) to = p.job_location(st.index);
            if (st.kind == StepKind::end) to = p.end_location(r.engineer);
            REQUIRE(st.travel_time == dur(loc, to));
            REQUIRE(st.travel_distance == p.distances()(loc, to));
            REQUIRE(st.arrival == clock + st.travel_time);
            REQUIRE(st.start >= st.arrival);
            REQUIRE(st.waiting == st.start - st.arrival);
            travel += st.travel_time;
            cost += half_up(e.costs.per_hour * st.travel_time, 3600) + half_up(e.costs.per_km * st.travel_distance, 1000);
            if (st.kind == StepKind::job) {
                const Job& jb = p.job(st.index);
                ++jobs;
                ++seen[static_cast<size_t>(st.index)];
                REQUIRE(p.compatible(r.engineer, st.index));
                bool inside = jb.time_windows.empty();
                for (const auto& w : jb.time_windows) inside = inside || w.contains(st.start);
                REQUIRE(inside);
                REQUIRE(st.end == st.start + service_duration(jb, e));
                Duration late = 0;
                if (jb.sla) {
                    late = std::max<Duration>(0, st.start - jb.sla->deadline);
                    if (jb.sla->hard) REQUIRE(late == 0);
                    obj.lateness += p.weights().lateness * late * jb.sla->lateness_cost_per_second;
                    if (!jb.sla->hard) most_late = std::max(most_late, late);
                }
                REQUIRE(st.lateness == late);
                late_sum += late;
                if (jb.preferred_engineer && *jb.preferred_engineer != e.id)
                    obj.preference += p.weights().preference * jb.preference_cost;
                for (size_t k = 0; k < load.size(); ++k) load[k] -= p.demand(st.index)[k];
            } else if (st.kind == StepKind::break_) {
                const Break& br = e.breaks.at(static_cast<size_t>(st.index));
                REQUIRE(st.travel_time == 0);
                bool inside = false;
                for (const auto& w : br.windows) inside = inside || w.contains(st.start);
                REQUIRE(inside);
                REQUIRE(st.end == st.start + br.duration);
                ++breaks_taken[static_cast<size_t>(st.index)];
            } else {
                REQUIRE(i + 1 == r.steps.size());
                REQUIRE(st.end == st.arrival);
            }
            REQUIRE(st.load == load);
            clock = st.end;
            loc = to;
        }
        const RouteSlot* slot = nullptr;
        for (const auto& rs : p.slots())
            if (rs.engineer == r.engineer && rs.shift == r.shift) slot = &rs;
        REQUIRE(slot != nullptr);
        for (size_t b = 0; b < e.breaks.size(); ++b) {
            const bool belongs = std::find(slot->breaks.begin(), slot->breaks.end(), static_cast<Index>(b)) != slot->breaks.end();
            REQUIRE(breaks_taken[b] == (belongs ? 1 : 0));
        }
        REQUIRE(jobs >= 1);
        if (e.max_jobs) REQUIRE(jobs <= *e.max_jobs);
        if (e.max_travel_time) REQUIRE(travel <= *e.max_travel_time);
        REQUIRE(r.travel_time == travel);
        REQUIRE(r.lateness == late_sum);
        REQUIRE(r.working_time == r.steps.back().arrival - r.steps.front().start);
        REQUIRE(r.cost == p.weights().travel * cost);
        obj.travel += r.cost;
        working[static_cast<size_t>(r.engineer)] += r.working_time;
    }
    for (const auto& u : s.unassigned) {
        ++seen[static_cast<size_t>(u.job)];
        REQUIRE_FALSE(u.detail.empty());
        obj.unassigned += p.unassigned_cost(u.job);
    }
    for (int c : seen) REQUIRE(c == 1);
    obj.max_lateness = p.weights().max_lateness * most_late;
    if (p.weights().balance != 0 && !working.empty())
        obj.balance = p.weights().balance *
                      (*std::max_element(working.begin(), working.end()) - *std::min_element(working.begin(), working.end()));
    REQUIRE(obj == s.objective);
}

/// Solves and checks in one go.
/// The path of the InputError solve throws, or "<no error>".
inline std::string solve_error_path(const Problem& p, const SolveOptions& o) {
    try {
        (void)solve(p, o);
    } catch (const InputError& e) {
        return e.path();
    }
    return "<no error>";
}

inline Solution solve_checked(const Problem& p, const SolveOptions& o = quick()) {
    Solution s = solve(p, o);
    check_solution(p, s);
    return s;
}

// A VRPTW day segments can express: one depot, engineers with a capacity and
// one shift, jobs with one window each (some none), demands, one skill split.
// `tweak` may change each engineer and job before they are added.
inline Problem vrptw(int jobs, int engineers, std::uint64_t seed, bool with_skills = false,
                     const std::function<void(Engineer*, Job*)>& tweak = {}) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> coord(0.0, 10000.0);
    std::uniform_int_distribution<int> open(0, 20000), width(3600, 9000), demand(1, 9), pct(0, 99);
    std::vector<std::pair<double, double>> points{{5000.0, 5000.0}};
    ProblemBuilder b;
    for (int e = 0; e < engineers; ++e) {
        Engineer eng = engineer(name("e", e), 0, 0, 36000);
        eng.capacity = {40};
        if (with_skills) eng.skills = {{e % 2 ? "gas" : "electric", 1}};
        if (tweak) tweak(&eng, nullptr);
        b.add_engineer(eng);
    }
    for (int j = 0; j < jobs; ++j) {
        points.emplace_back(coord(rng), coord(rng));
        Job jb = job(name("j", j), static_cast<Index>(points.size() - 1), 600);
        if (pct(rng) < 70) {
            const Time o = open(rng);
            jb.time_windows = {TimeWindow{o, o + width(rng)}};
        }
        jb.demand = {demand(rng)};
        if (with_skills) jb.skills = {{j % 2 ? "gas" : "electric", 1}};
        if (tweak) tweak(nullptr, &jb);
        b.add_job(jb);
    }
    b.set_travel(plane(points));
    return b.build();
}

/// A seeded random field-service day: engineers around a city with skills,
/// capacities, a lunch break; jobs with windows (some two), skills, SLAs,
/// some optional ones.
inline Problem generate(int jobs, int engineers, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> coord(0.0, 20000.0);
    std::uniform_int_distribution<int> pct(0, 99);
    std::vector<std::pair<double, double>> points;
    ProblemBuilder b;
    const char* skills[] = {"electric", "gas", "hvac"};
    for (int e = 0; e < engineers; ++e) {
        points.emplace_back(coord(rng), coord(rng));
        Engineer eng = engineer(name("e", e), static_cast<Index>(points.size() - 1), 8 * 3600, 17 * 3600);
        eng.skills = {{skills[e % 3], 1 + e % 2}, {skills[(e + 1) % 3], 1}};
        eng.capacity = {20};
        eng.breaks = {Break{"lunch", {TimeWindow{12 * 3600, 13 * 3600}}, 1800}};
        if (e % 5 == 4) eng.speed_factor = 1.25;
        b.add_engineer(eng);
    }
    for (int j = 0; j < jobs; ++j) {
        points.emplace_back(coord(rng), coord(rng));
        Job jb = job(name("j", j), static_cast<Index>(points.size() - 1),
                     600 + 60 * std::uniform_int_distribution<int>(0, 20)(rng));
        const int kind = pct(rng);
        if (kind < 30) {
            jb.time_windows = {TimeWindow{8 * 3600, 12 * 3600}};
        } else if (kind < 50) {
            jb.time_windows = {TimeWindow{13 * 3600, 17 * 3600}};
        } else if (kind < 60) {
            jb.time_windows = {TimeWindow{9 * 3600, 10 * 3600}, TimeWindow{14 * 3600, 15 * 3600}};
        }
        if (pct(rng) < 40) jb.skills = {{skills[pct(rng) % 3], 1 + pct(rng) % 2}};
        if (pct(rng) < 20) jb.sla = SlaDeadline{11 * 3600, pct(rng) < 30, 2};
        jb.demand = {std::uniform_int_distribution<Amount>(0, 3)(rng)};
        jb.priority = pct(rng) % 3;
        if (pct(rng) < 10) {
            jb.optional = true;
            jb.penalty = 500 + 100 * pct(rng);
        }
        b.add_job(jb);
    }
    // Travel: metres on a 20 km square at 10 m/s.
    TravelMatrices m = plane(points);
    for (std::ptrdiff_t k = 0; k < m.durations.size(); ++k) m.durations.data()[k] /= 10;
    b.set_travel(m);
    return b.build();
}

}  // namespace route_test
