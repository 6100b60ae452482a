#pragma once
// What a live plan must never do to its frozen steps, for the tests that
// drive it with events (dispatch, and the JSON round trips of io).
#include <catch2/catch.hpp>

#include <vector>

#include "fsd/dispatch/live_plan.hpp"

namespace test_support {

struct FrozenStep {
    fsd::Index engineer;
    fsd::StepKind kind;
    fsd::Index index;
    fsd::StepStatus status;
    fsd::Time start;
    fsd::Time end;
};

/// The frozen steps of every engineer's route, engineer by engineer.
inline std::vector<std::vector<FrozenStep>> frozen_of(const fsd::LivePlan& plan) {
    std::vector<std::vector<FrozenStep>> out(plan.engineers().size());
    for (fsd::Index e = 0; e < static_cast<fsd::Index>(plan.engineers().size()); ++e) {
        const auto& steps = plan.route(e).steps;
        for (fsd::Index i = 0; i < plan.frozen_steps(e); ++i) {
            const fsd::LiveStep& s = steps[static_cast<size_t>(i)];
            out[static_cast<size_t>(e)].push_back({e, s.kind, s.index, s.status, s.start, s.end});
        }
    }
    return out;
}

/// Frozen steps never move: every one stays on its engineer, in its place,
/// and a done step keeps its times; steps only move forward in status.
inline void require_frozen_kept(const std::vector<std::vector<FrozenStep>>& before, const fsd::LivePlan& plan) {
    const auto after = frozen_of(plan);
    for (size_t e = 0; e < before.size(); ++e) {
        REQUIRE(after[e].size() >= before[e].size());
        for (size_t i = 0; i < before[e].size(); ++i) {
            const FrozenStep& b = before[e][i];
            const FrozenStep& a = after[e][i];
            REQUIRE(a.kind == b.kind);
            REQUIRE(a.index == b.index);
            REQUIRE(static_cast<int>(a.status) >= static_cast<int>(b.status));
            if (b.status == fsd::StepStatus::done) {
                REQUIRE(a.start == b.start);
                REQUIRE(a.end == b.end);
            }
        }
    }
}

}  // namespace test_support
