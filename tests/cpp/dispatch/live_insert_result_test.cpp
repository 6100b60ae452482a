#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <random>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "live_day_support.hpp"

using namespace fsd;
using namespace live_day;

namespace {

// Earliest start of service the ticket (pending in `staged`, index j) can
// get anywhere: every engineer, every position after the frozen steps, each
// tried by re-timing a copy; a place counts when nothing else had to move.
std::optional<Time> brute_force_earliest_start(const LivePlan& staged, Index j) {
    std::optional<Time> best;
    for (Index e = 0; e < static_cast<Index>(staged.engineers().size()); ++e) {
        for (Index p = staged.frozen_steps(e); p <= static_cast<Index>(staged.route(e).steps.size()); ++p) {
            LivePlan::Parts parts = staged.parts();
            LiveStep s;
            s.kind = StepKind::job;
            s.index = j;
            auto& steps = parts.routes[static_cast<size_t>(e)].steps;
            steps.insert(steps.begin() + p, s);
            parts.status[static_cast<size_t>(j)] = TicketStatus::planned;
            const LivePlan trial = LivePlan::from_parts(parts);
            // Re-timing may drop a visit the new one pushes too far and place
            // it again, even on this route: then the place is not feasible.
            bool kept = true;
            for (Index k = 0; kept && k < static_cast<Index>(staged.jobs().size()); ++k)
                kept = trial.status(k) == (k == j ? TicketStatus::planned : staged.status(k)) &&
                       (k == j || trial.engineer_of(k) == staged.engineer_of(k));
            std::vector<Index> want, got;
            for (const LiveStep& st : steps) want.push_back(st.index);
            for (const LiveStep& st : trial.route(e).steps) got.push_back(st.index);
            if (!kept || want != got) continue;
            const Time start = trial.route(e).steps[static_cast<size_t>(p)].start;
            best = best ? std::min(*best, start) : start;
        }
    }
    return best;
}

}  // namespace

TEST_CASE("insert says which engineer got the ticket and when they arrive and start", "[dispatch]") {
    LivePlan plan = planned_day(5, 14, 3);
    const InsertResult r = plan.insert(ticket("NEW-1", 48.14, 11.58, 2700));
    REQUIRE(r.placed);
    REQUIRE(plan.engineer_of(r.job) == r.engineer);
    const auto& steps = plan.route(r.engineer).steps;
    const auto it = std::find_if(steps.begin(), steps.end(),
                                 [&](const LiveStep& s) { return s.kind == StepKind::job && s.index == r.job; });
    REQUIRE(it != steps.end());
    CHECK(r.arrival == it->arrival);
    CHECK(r.start == it->start);
    CHECK(r.start >= r.arrival);
    CHECK(r.arrival >= plan.now());

    SECTION("a ticket nobody can take has no engineer") {
        const InsertResult none = plan.insert(ticket("GAS-1", 48.14, 11.58, 1800, "gas-safety"));
        CHECK_FALSE(none.placed);
        CHECK(none.engineer == -1);
    }
}

TEST_CASE("an asap insert takes the earliest feasible start of all places (brute force)", "[dispatch]") {
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        LivePlan plan = planned_day(4, 18, seed);
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> dlat(48.05, 48.22), dlon(11.45, 11.70);
        for (int t = 0; t < 3; ++t) {
            const Job j = ticket("URGENT-" + std::to_string(t), dlat(rng), dlon(rng), 1800, t % 2 ? "hvac" : "appliance");
            LivePlan::Parts parts = plan.parts();
            parts.jobs.push_back(j);
            parts.status.push_back(TicketStatus::pending);
            const LivePlan staged = LivePlan::from_parts(parts);
            const std::optional<Time> earliest = brute_force_earliest_start(staged, static_cast<Index>(staged.jobs().size() - 1));

            InsertOptions cheapest;
            cheapest.commit = false;
            cheapest.alternatives = 100;
            InsertOptions urgent = cheapest;
            urgent.asap = true;
            const InsertResult by_cost = plan.insert(j, cheapest);
            const InsertResult by_time = plan.insert(j, urgent);
            REQUIRE(earliest.has_value() == !by_time.alternatives.empty());
            if (!earliest) continue;
            CHECK(by_time.alternatives.front().start == *earliest);
            // Ranked by start; the cheapest place never starts earlier, and
            // the earliest one never costs less.
            for (size_t i = 1; i < by_time.alternatives.size(); ++i)
                CHECK(by_time.alternatives[i - 1].start <= by_time.alternatives[i].start);
            CHECK(by_cost.alternatives.front().start >= by_time.alternatives.front().start);
            CHECK(by_cost.alternatives.front().cost <= by_time.alternatives.front().cost);

            urgent.commit = true;
            const InsertResult done = plan.insert(j, urgent);
            REQUIRE(done.placed);
            CHECK(done.start == *earliest);
            require_verified(plan);
        }
    }
}

TEST_CASE("an insert with a later arrival instant moves the clock first, in one change set", "[dispatch]") {
    LivePlan plan = planned_day(4, 8, 5);
    const Time at = kDay + 10 * 3600;
    const Job call = ticket("LATE-CALL", 48.14, 11.58, 1800);
    // The same as moving the clock and then inserting, in two operations.
    LivePlan two_steps = plan;
    const ChangeSet moved = two_steps.advance_time(at);
    const InsertResult expected = two_steps.insert(call);
    REQUIRE(expected.placed);

    InsertOptions o;
    o.at = at;
    const InsertResult r = plan.insert(call, o);
    CHECK(plan.now() == at);
    REQUIRE(r.placed);
    CHECK(r.engineer == expected.engineer);
    CHECK(r.start == expected.start);
    CHECK(r.arrival >= at);
    CHECK(plan.routes() == two_steps.routes());
    // Every engineer the clock move touched is in the insert's change set too.
    for (const RouteChange& rc : moved.routes)
        CHECK(std::any_of(r.changes.routes.begin(), r.changes.routes.end(),
                          [&](const RouteChange& x) { return x.engineer == rc.engineer; }));
    require_verified(plan);

    SECTION("an earlier instant leaves the clock where it is") {
        InsertOptions early;
        early.at = kDay + 6 * 3600;
        REQUIRE(plan.insert(ticket("EARLY-CALL", 48.10, 11.50, 900), early).job >= 0);
        CHECK(plan.now() == at);
    }
    SECTION("an instant past the day is refused and changes nothing") {
        InsertOptions far;
        far.at = kDay + 5 * 86'400;
        const size_t known = plan.jobs().size();
        try {
            plan.insert(ticket("FAR-CALL", 48.10, 11.50, 900), far);
            FAIL("no error");
        } catch (const InputError& e) {
            CHECK(e.path() == "/at");
        }
        CHECK(plan.now() == at);
        CHECK(plan.jobs().size() == known);
    }
    SECTION("a ranking without commit cannot move the clock") {
        InsertOptions rank_only;
        rank_only.commit = false;
        rank_only.at = at + 3600;
        REQUIRE_THROWS_AS(plan.insert(ticket("ASK", 48.10, 11.50, 900), rank_only), InputError);
        CHECK(plan.now() == at);
    }
}
