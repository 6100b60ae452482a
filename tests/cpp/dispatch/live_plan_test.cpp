#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "fsd/core/error.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "live_day_support.hpp"
#include "../live_frozen_steps.hpp"

using namespace fsd;
using namespace live_day;
using test_support::frozen_of;
using test_support::require_frozen_kept;

namespace {

// Objective increase of placing job j (pending in `base`) at (e, p), by
// re-timing a copy with the step put there; nullopt when that breaks a rule.
std::optional<Cost> brute_force_cost(const LivePlan& base, Index j, Index e, Index p) {
    LivePlan::Parts parts = base.parts();
    LiveStep s;
    s.kind = StepKind::job;
    s.index = j;
    auto& steps = parts.routes[static_cast<size_t>(e)].steps;
    steps.insert(steps.begin() + p, s);
    parts.status[static_cast<size_t>(j)] = TicketStatus::planned;
    const LivePlan trial = LivePlan::from_parts(parts);
    // Feasible only when nothing was dropped or moved to make room.
    for (Index k = 0; k < static_cast<Index>(base.jobs().size()); ++k) {
        const TicketStatus want = k == j ? TicketStatus::planned : base.status(k);
        if (trial.status(k) != want) return std::nullopt;
    }
    std::vector<Index> want_order, got_order;
    for (const LiveStep& st : steps) want_order.push_back(st.index);
    for (const LiveStep& st : trial.route(e).steps) got_order.push_back(st.index);
    if (want_order != got_order) return std::nullopt;
    const Job& job = base.jobs()[static_cast<size_t>(j)];
    const Cost left_out = job.optional ? job.penalty : base.weights().unassigned * (1 + job.priority);
    return trial.objective().total() - base.objective().total() + left_out;
}

}  // namespace

TEST_CASE("a live plan made from a solved day verifies as its residual problem", "[dispatch]") {
    const LivePlan plan = planned_day(6, 30, 3);
    require_verified(plan);
    std::size_t planned = 0;
    for (Index j = 0; j < static_cast<Index>(plan.jobs().size()); ++j)
        if (plan.status(j) == TicketStatus::planned) ++planned;
    CHECK(planned > 20);
}

TEST_CASE("insertion picks the cheapest of all engineers and positions (brute force)", "[dispatch]") {
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        LivePlan plan = planned_day(4, 18, seed);
        std::mt19937_64 rng(seed);
        for (int t = 0; t < 4; ++t) {
            std::uniform_real_distribution<double> dlat(48.05, 48.22), dlon(11.45, 11.70);
            Job j = ticket("NEW-" + std::to_string(t), dlat(rng), dlon(rng), 1800, t % 2 ? "hvac" : "appliance");
            if (t == 3) j.time_windows = {TimeWindow{kDay + 13 * 3600, kDay + 15 * 3600}};
            // Stage the ticket as pending, then compare with every placement.
            InsertOptions rank_only;
            rank_only.commit = false;
            rank_only.alternatives = 100;
            const InsertResult ranked = plan.insert(j, rank_only);
            LivePlan::Parts parts = plan.parts();
            parts.jobs.push_back(j);
            parts.status.push_back(TicketStatus::pending);
            const LivePlan staged = LivePlan::from_parts(parts);
            const auto jx = static_cast<Index>(staged.jobs().size() - 1);
            std::optional<Cost> best;
            for (Index e = 0; e < static_cast<Index>(staged.engineers().size()); ++e) {
                std::optional<Cost> best_e;
                for (Index p = staged.frozen_steps(e); p <= static_cast<Index>(staged.route(e).steps.size()); ++p)
                    if (auto c = brute_force_cost(staged, jx, e, p)) best_e = best_e ? std::min(*best_e, *c) : *c;
                const auto it = std::find_if(ranked.alternatives.begin(), ranked.alternatives.end(),
                                             [&](const InsertionCandidate& c) { return c.engineer == e; });
                REQUIRE(best_e.has_value() == (it != ranked.alternatives.end()));
                if (best_e) {
                    CHECK(it->cost == *best_e);
                    best = best ? std::min(*best, *best_e) : *best_e;
                }
            }
            if (best) REQUIRE(ranked.alternatives.front().cost == *best);
            const InsertResult done = plan.insert(j);
            REQUIRE(done.placed == best.has_value());
            require_verified(plan);
        }
    }
}

TEST_CASE("insert returns ranked alternatives and a change set naming one engineer", "[dispatch]") {
    LivePlan plan = planned_day(6, 14, 7);
    const InsertResult r = plan.insert(ticket("NEW-1", 48.14, 11.58, 2700));
    REQUIRE(r.placed);
    REQUIRE(!r.alternatives.empty());
    for (size_t i = 1; i < r.alternatives.size(); ++i) CHECK(r.alternatives[i - 1].cost <= r.alternatives[i].cost);
    REQUIRE(r.changes.routes.size() == 1);
    CHECK(r.changes.routes.front().engineer == r.alternatives.front().engineer);
    CHECK(r.changes.routes.front().added == std::vector<Index>{r.job});
    CHECK(plan.status(r.job) == TicketStatus::planned);
    CHECK(plan.engineer_of(r.job) == r.alternatives.front().engineer);
    require_verified(plan);

    SECTION("a dispatcher may choose another engineer from the list") {
        LivePlan other = planned_day(6, 14, 7);
        REQUIRE(r.alternatives.size() >= 2);
        InsertOptions o;
        o.engineer = other.engineers()[static_cast<size_t>(r.alternatives[1].engineer)].id;
        const InsertResult r2 = other.insert(ticket("NEW-1", 48.14, 11.58, 2700), o);
        REQUIRE(r2.placed);
        CHECK(other.engineer_of(r2.job) == r.alternatives[1].engineer);
    }
    SECTION("the same id twice is refused") {
        REQUIRE_THROWS_AS(plan.insert(ticket("NEW-1", 48.14, 11.58, 600)), InputError);
    }
}

TEST_CASE("a ticket no engineer can take stays pending with its reason", "[dispatch]") {
    LivePlan plan = planned_day(4, 10, 2);
    const InsertResult r = plan.insert(ticket("GAS-1", 48.14, 11.58, 1800, "gas-safety"));
    CHECK_FALSE(r.placed);
    REQUIRE(r.left_out);
    CHECK(r.left_out->reason == UnassignedReason::no_qualified_engineer);
    CHECK(plan.status(r.job) == TicketStatus::pending);

    Job late = ticket("LATE-1", 48.14, 11.58, 1800);
    late.time_windows = {TimeWindow{kDay + 20 * 3600, kDay + 21 * 3600}};
    const InsertResult r2 = plan.insert(late);
    CHECK_FALSE(r2.placed);
    CHECK(r2.left_out->reason == UnassignedReason::window_unreachable);
}

TEST_CASE("slot offers grade each window and booking one inserts the ticket", "[dispatch]") {
    LivePlan plan = planned_day(8, 24, 5);
    std::vector<TimeWindow> windows;
    for (int h = 8; h < 20; h += 2) windows.push_back({kDay + h * 3600, kDay + (h + 2) * 3600});
    const Job j = ticket("CALL-1", 48.10, 11.50, 3600);
    const auto offers = plan.offer_slots(j, windows);
    REQUIRE(offers.size() == windows.size());
    CHECK_FALSE(offers.back().feasible);  // 18:00-20:00 is after every shift
    const auto best = std::min_element(offers.begin(), offers.end(), [](const SlotOffer& a, const SlotOffer& b) {
        if (a.feasible != b.feasible) return a.feasible;
        return a.feasible && a.best->cost < b.best->cost;
    });
    REQUIRE(best->feasible);
    CHECK(best->best->start >= best->window.start);
    CHECK(best->best->start <= best->window.end);
    const InsertResult booked = plan.book_slot(j, best->window);
    REQUIRE(booked.placed);
    CHECK(plan.jobs()[static_cast<size_t>(booked.job)].time_windows == std::vector<TimeWindow>{best->window});
    require_verified(plan);
    REQUIRE_THROWS_AS(plan.offer_slots(j, {TimeWindow{kDay + 5, kDay + 5}}), InputError);
}

TEST_CASE("events move a day forward and keep frozen steps in place", "[dispatch]") {
    LivePlan plan = planned_day(4, 16, 11, kDay + 8 * 3600);
    Index e = -1;
    for (Index k = 0; k < 4; ++k)
        if (plan.route(k).steps.size() >= 3 && plan.route(k).steps.front().kind == StepKind::job) e = k;
    REQUIRE(e >= 0);
    const std::string first = plan.jobs()[static_cast<size_t>(plan.route(e).steps[0].index)].id;
    const std::string eng = plan.engineers()[static_cast<size_t>(e)].id;
    const Time dep = std::max(plan.route(e).departure, plan.now());

    ChangeSet c = plan.start_travel(first, dep);
    CHECK(plan.status(*plan.job_index(first)) == TicketStatus::en_route);
    CHECK(plan.frozen_steps(e) == 1);
    require_verified(plan);

    const Time arrival = plan.route(e).steps[0].arrival + 600;  // ten minutes late
    c = plan.arrive(first, arrival);
    CHECK(plan.status(*plan.job_index(first)) == TicketStatus::on_site);
    require_verified(plan);

    SECTION("a delay on site pushes the rest of the route") {
        const Time before = plan.route(e).steps[1].start;
        c = plan.delay(eng, 1800, arrival + 60);
        CHECK(plan.route(e).steps[0].end == arrival + plan.jobs()[static_cast<size_t>(*plan.job_index(first))].duration + 1800);
        if (plan.route(e).steps.size() > 1 && plan.route(e).steps[1].status == StepStatus::planned &&
            plan.route(e).steps[1].kind == StepKind::job)
            CHECK(plan.route(e).steps[1].start >= before);
        require_verified(plan);
    }
    SECTION("finishing frees the engineer at the site") {
        const Time done = arrival + 1200;
        c = plan.job_finished(first, done);
        CHECK(plan.status(*plan.job_index(first)) == TicketStatus::done);
        CHECK(plan.route(e).steps[0].end == done);
        require_verified(plan);
        // An event dated before that visit is refused.
        REQUIRE_THROWS_AS(plan.engineer_position(eng, plan.engineers()[0].start, arrival - 10), InputError);
        REQUIRE_THROWS_AS(plan.cancel(first, done), InputError);
    }
    SECTION("an engineer who falls ill hands the rest of the day over") {
        const auto kept = plan.route(e).steps[0];
        c = plan.engineer_unavailable(eng, arrival + 60);
        CHECK(plan.route(e).steps.front() == kept);
        for (const LiveStep& s : plan.route(e).steps)
            if (s.kind == StepKind::job) CHECK(s.status != StepStatus::planned);
        bool moved_or_left = false;
        for (const RouteChange& rc : c.routes)
            if (rc.engineer == e && !rc.removed.empty()) moved_or_left = true;
        CHECK(moved_or_left);
        require_verified(plan);
    }
}

TEST_CASE("events about unknown tickets or engineers are refused by name", "[dispatch]") {
    LivePlan plan = planned_day(3, 8, 4);
    const LivePlan copy = plan;
    try {
        plan.cancel("NOPE", kDay + 9 * 3600);
        FAIL("expected an error");
    } catch (const InputError& e) {
        CHECK(e.path() == "/ticket");
        CHECK(std::string(e.what()).find("NOPE") != std::string::npos);
    }
    try {
        plan.delay("nobody", 60, kDay + 9 * 3600);
        FAIL("expected an error");
    } catch (const InputError& e) {
        CHECK(e.path() == "/engineer");
    }
    REQUIRE_THROWS_AS(plan.delay(plan.engineers()[0].id, -5, kDay + 9 * 3600), InputError);
    REQUIRE_THROWS_AS(plan.advance_time(plan.now() - 1), InputError);
    CHECK(plan.routes() == copy.routes());  // nothing half-applied
}

TEST_CASE("cancelling a planned ticket frees its place", "[dispatch]") {
    LivePlan plan = planned_day(4, 16, 8);
    Index j = -1;
    for (Index k = 0; k < static_cast<Index>(plan.jobs().size()); ++k)
        if (plan.status(k) == TicketStatus::planned) j = k;
    REQUIRE(j >= 0);
    const Index e = *plan.engineer_of(j);
    const ChangeSet c = plan.cancel(plan.jobs()[static_cast<size_t>(j)].id, plan.now());
    CHECK(plan.status(j) == TicketStatus::cancelled);
    CHECK_FALSE(plan.engineer_of(j));
    REQUIRE_FALSE(c.routes.empty());
    CHECK(c.routes.front().engineer == e);
    CHECK(c.routes.front().removed == std::vector<Index>{j});
    require_verified(plan);
}

TEST_CASE("random event sequences never move frozen steps and always verify", "[dispatch][property]") {
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        LivePlan plan = planned_day(5, 24, seed, kDay + 7 * 3600 + 1800);
        std::mt19937_64 rng(seed * 7919);
        auto pick = [&](size_t n) { return static_cast<size_t>(std::uniform_int_distribution<size_t>(0, n - 1)(rng)); };
        int new_tickets = 0;
        for (int step = 0; step < 60; ++step) {
            const auto before = frozen_of(plan);
            const Time now = plan.now();
            const Index e = static_cast<Index>(pick(plan.engineers().size()));
            const std::string eng = plan.engineers()[static_cast<size_t>(e)].id;
            const auto& steps = plan.route(e).steps;
            const Index f = plan.frozen_steps(e);
            const LiveStep* next = static_cast<size_t>(f) < steps.size() ? &steps[static_cast<size_t>(f)] : nullptr;
            const LiveStep* cur = f > 0 ? &steps[static_cast<size_t>(f - 1)] : nullptr;
            const Time t = std::max(now, cur ? std::max(cur->start, cur->departed) : now) + static_cast<Time>(pick(900));
            switch (pick(9)) {
                case 0: {
                    std::uniform_real_distribution<double> dlat(48.05, 48.22), dlon(11.45, 11.70);
                    plan.insert(ticket("R-" + std::to_string(++new_tickets), dlat(rng), dlon(rng), 900 + static_cast<Duration>(pick(3600)),
                                       pick(2) ? "appliance" : "electrical"));
                    break;
                }
                case 1:
                    if (next && next->kind == StepKind::job && (!cur || cur->status != StepStatus::en_route))
                        plan.start_travel(plan.jobs()[static_cast<size_t>(next->index)].id, std::max(t, next->arrival - next->travel_time));
                    break;
                case 2:
                    if (cur && cur->kind == StepKind::job && cur->status == StepStatus::en_route)
                        plan.arrive(plan.jobs()[static_cast<size_t>(cur->index)].id, std::max(t, cur->arrival));
                    break;
                case 3:
                    if (cur && cur->kind == StepKind::job && cur->status == StepStatus::on_site)
                        plan.job_finished(plan.jobs()[static_cast<size_t>(cur->index)].id, std::max(t, cur->end - 300));
                    break;
                case 4: plan.delay(eng, static_cast<Duration>(pick(2400)), t); break;
                case 5: {
                    std::vector<Index> cancellable;
                    for (Index k = 0; k < static_cast<Index>(plan.jobs().size()); ++k)
                        if (plan.status(k) == TicketStatus::planned || plan.status(k) == TicketStatus::pending) cancellable.push_back(k);
                    if (!cancellable.empty())
                        plan.cancel(plan.jobs()[static_cast<size_t>(cancellable[pick(cancellable.size())])].id, now);
                    break;
                }
                case 6: plan.advance_time(now + static_cast<Time>(pick(1800))); break;
                case 7:
                    if (pick(4) == 0) plan.engineer_unavailable(eng, t + static_cast<Time>(pick(4 * 3600)));
                    else plan.engineer_position(eng, plan.engineers()[pick(plan.engineers().size())].start, t);
                    break;
                case 8:
                    if (next && next->kind == StepKind::break_ && (!cur || cur->status != StepStatus::en_route))
                        plan.break_started(eng, t);
                    else
                        plan.place_pending();
                    break;
            }
            INFO("seed " << seed << " step " << step);
            require_frozen_kept(before, plan);
            require_verified(plan);
        }
    }
}

TEST_CASE("re-optimising improves or keeps the plan, and charges moves", "[dispatch]") {
    // A plan built by insertion only (no search) leaves room for the solver.
    const Problem p = day(6, 24, 21);
    Solution empty;
    for (Index j = 0; j < p.num_jobs(); ++j) empty.unassigned.push_back(Unassigned{j, UnassignedReason::not_inserted, ""});
    LivePlan plan(p, empty, kDay + 7 * 3600);
    plan.place_pending();
    require_verified(plan);
    const Cost before = plan.objective().total();

    ReoptimiseOptions o;
    o.iteration_limit = 300;
    o.time_limit_seconds = 10;
    o.reassignment_cost = 0;
    LivePlan free_moves = plan;
    const ReoptimiseResult r = free_moves.reoptimise(o);
    CHECK(r.cost_before == before);
    CHECK(r.cost_after <= before);
    CHECK(free_moves.objective().total() == r.cost_after);
    require_verified(free_moves);

    // With a prohibitive reassignment cost (above what leaving out a pending
    // ticket of any priority costs, 1e9 × 101) no planned ticket changes engineer.
    o.reassignment_cost = 200'000'000'000;
    LivePlan sticky = plan;
    const ReoptimiseResult r2 = sticky.reoptimise(o);
    CHECK(r2.moved == 0);
    CHECK(r2.cost_after <= before);
    for (Index j = 0; j < p.num_jobs(); ++j)
        if (plan.status(j) == TicketStatus::planned) CHECK(sticky.engineer_of(j) == plan.engineer_of(j));
    require_verified(sticky);

    o.reassignment_cost = -1;
    REQUIRE_THROWS_AS(sticky.reoptimise(o), InputError);
}

TEST_CASE("moving on from a visit finishes its ticket, so the plan stays consistent", "[dispatch][hostile]") {
    for (const bool by_break : {true, false}) {
        LivePlan plan = planned_day(4, 16, 11, kDay + 8 * 3600);
        Index e = -1;
        for (Index k = 0; k < 4 && e < 0; ++k) {
            const auto& steps = plan.route(k).steps;
            const bool has_break = std::any_of(steps.begin(), steps.end(), [](const LiveStep& s) { return s.kind == StepKind::break_; });
            const auto jobs = std::count_if(steps.begin(), steps.end(), [](const LiveStep& s) { return s.kind == StepKind::job; });
            if (steps.front().kind == StepKind::job && has_break && jobs >= 2) e = k;
        }
        REQUIRE(e >= 0);
        const Index first = plan.route(e).steps[0].index;
        const Time arrival = std::max(plan.route(e).steps[0].arrival, plan.now());
        plan.arrive(plan.jobs()[static_cast<size_t>(first)].id, arrival);
        if (by_break) {
            plan.break_started(plan.engineers()[static_cast<size_t>(e)].id, arrival + 600);
        } else {
            Index next = -1;
            for (const LiveStep& s : plan.route(e).steps)
                if (s.kind == StepKind::job && s.status == StepStatus::planned && next < 0) next = s.index;
            plan.start_travel(plan.jobs()[static_cast<size_t>(next)].id, arrival + 600);
        }
        CHECK(plan.status(first) == TicketStatus::done);
        CHECK(plan.route(e).steps[0].status == StepStatus::done);
        // What the plan holds is what it reads back as.
        LivePlan::Parts parts = plan.parts();
        const LivePlan back = LivePlan::from_parts(parts);
        CHECK(back.routes() == plan.routes());
        require_verified(plan);
    }
}

TEST_CASE("events that would move the clock past the day, or before a finished visit ended, are refused", "[dispatch][hostile]") {
    LivePlan plan = planned_day(4, 16, 11, kDay + 8 * 3600);
    const LivePlan copy = plan;
    const std::string eng = plan.engineers()[0].id;
    Time last_end = kTimeMin;
    for (const Engineer& en : plan.engineers()) last_end = std::max(last_end, en.shifts.front().end + en.max_overtime);
    try {
        plan.advance_time(last_end + 86'400 + 1);
        FAIL("a clock ten days ahead was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/at");
    }
    REQUIRE_NOTHROW(LivePlan(copy).advance_time(last_end + 86'400));  // a late report on the day itself is fine
    try {
        plan.delay(eng, 86'401, plan.now());
        FAIL("a delay of more than a day was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/seconds");
    }
    REQUIRE_THROWS_AS(plan.engineer_position(eng, plan.engineers()[0].start, kTimeMax), InputError);
    try {
        Location nowhere;
        nowhere.coords = Coordinates{91.0, 500.0};
        plan.engineer_position(eng, nowhere, plan.now());
        FAIL("a position off the earth was accepted");
    } catch (const InputError& e) {
        CHECK(e.path() == "/location/lat");
    }
    CHECK(plan.routes() == copy.routes());
    CHECK(plan.now() == copy.now());

    // Finishing a visit at t: nothing that engineer reports can lie before t.
    Index e = 0;
    while (plan.route(e).steps.empty() || plan.route(e).steps.front().kind != StepKind::job) ++e;
    const LiveStep first = plan.route(e).steps.front();
    const std::string id = plan.jobs()[static_cast<size_t>(first.index)].id;
    const Time arrival = std::max(first.arrival, plan.now());
    plan.arrive(id, arrival);
    plan.job_finished(id, arrival + 3600);
    Index next = -1;
    for (const LiveStep& s : plan.route(e).steps)
        if (s.kind == StepKind::job && s.status == StepStatus::planned && next < 0) next = s.index;
    if (next >= 0) {
        try {
            plan.arrive(plan.jobs()[static_cast<size_t>(next)].id, arrival + 1800);
            FAIL("an arrival before the previous visit's reported end was accepted");
        } catch (const InputError& err) {
            CHECK(err.path() == "/at");
        }
    }
}

TEST_CASE("a delay that pushes a visit past the last break window drops the break, as reading the plan back does",
          "[dispatch][hostile]") {
    LivePlan plan = planned_day(4, 16, 11, kDay + 8 * 3600);
    // An engineer at the first ticket whose only planned step left is a break.
    Index e = -1;
    for (Index k = 0; k < 4 && e < 0; ++k) {
        const auto& steps = plan.route(k).steps;
        if (!steps.empty() && steps.front().kind == StepKind::job &&
            std::any_of(steps.begin(), steps.end(), [](const LiveStep& s) { return s.kind == StepKind::break_; }))
            e = k;
    }
    REQUIRE(e >= 0);
    const LiveStep first = plan.route(e).steps.front();
    plan.arrive(plan.jobs()[static_cast<size_t>(first.index)].id, std::max(first.arrival, plan.now()));
    for (const LiveStep& s : std::vector<LiveStep>(plan.route(e).steps))
        if (s.kind == StepKind::job && s.status == StepStatus::planned)
            plan.cancel(plan.jobs()[static_cast<size_t>(s.index)].id, plan.now());
    const auto& steps = plan.route(e).steps;
    REQUIRE(steps.size() == 2);
    REQUIRE(steps[1].kind == StepKind::break_);
    const Engineer& eng = plan.engineers()[static_cast<size_t>(e)];
    const Time window_end = eng.breaks[static_cast<size_t>(steps[1].index)].windows.back().end;
    const Duration late = window_end - steps[0].end + 60;
    REQUIRE(late > 0);
    REQUIRE(late <= 86'400);

    plan.delay(eng.id, late, plan.now());
    CHECK(plan.route(e).steps.size() == 1);  // the lunch can no longer be taken
    const LivePlan back = LivePlan::from_parts(plan.parts());
    CHECK(back.routes() == plan.routes());
    require_verified(plan);
}
