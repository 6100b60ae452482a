#include "fsd/assign/assign.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "fsd/assign/assign_generate.hpp"
#include "fsd/core/error.hpp"
#include "fsd/travel/great_circle.hpp"

namespace {

using fsd::AssignEngineer;
using fsd::AssignProblem;
using fsd::AssignTicket;
using fsd::Cost;
using fsd::Index;
using fsd::kForbidden;

struct SlotRef {
    Index engineer;
    int order;
};

// Every way to give each ticket a distinct (engineer, order) slot or leave it
// out, enumerated; the model's definition of the optimum.
Cost brute_force(const std::vector<std::vector<Cost>>& serve, const std::vector<Cost>& leave, std::size_t t,
                 std::vector<char>& taken) {
    if (t == leave.size()) return 0;
    Cost best = leave[t] + brute_force(serve, leave, t + 1, taken);
    for (std::size_t s = 0; s < serve[t].size(); ++s) {
        if (taken[s] || serve[t][s] == kForbidden) continue;
        taken[s] = 1;
        best = std::min(best, serve[t][s] + brute_force(serve, leave, t + 1, taken));
        taken[s] = 0;
    }
    return best;
}

AssignProblem random_batch(std::mt19937_64& rng, fsd::AssignOptions& options) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(hi - lo + 1));
    };
    const char* trades[] = {"a", "b", "c"};
    AssignProblem p;
    p.now = 1000;
    const auto ne = static_cast<std::size_t>(pick(0, 3));
    const auto nt = static_cast<std::size_t>(pick(0, 5));
    for (std::size_t e = 0; e < ne; ++e) {
        AssignEngineer eng;
        eng.id = "e" + std::to_string(e);
        eng.available_from = p.now + pick(-600, 1800);
        eng.capacity = static_cast<int>(pick(0, 2));
        eng.workload = pick(0, 10) * 600;
        eng.speed_factor = pick(0, 1) ? 1.0 : 1.25;
        for (const char* s : trades)
            if (pick(0, 2) > 0) eng.skills.push_back({s, static_cast<int>(pick(1, 2))});
        p.engineers.push_back(eng);
    }
    for (std::size_t t = 0; t < nt; ++t) {
        AssignTicket ticket;
        ticket.id = "t" + std::to_string(t);
        if (pick(0, 3) > 0) ticket.skills.push_back({trades[pick(0, 2)], static_cast<int>(pick(1, 2))});
        ticket.priority = static_cast<int>(pick(0, 100));
        if (pick(0, 1)) ticket.sla_deadline = p.now + pick(-600, 7200);
        if (ne > 0 && pick(0, 4) == 0) ticket.allowed_engineers.push_back("e" + std::to_string(pick(0, static_cast<std::int64_t>(ne) - 1)));
        if (ne > 0 && pick(0, 4) == 0) ticket.forbidden_engineers.push_back("e" + std::to_string(pick(0, static_cast<std::int64_t>(ne) - 1)));
        p.tickets.push_back(ticket);
    }
    fsd::AssignTravelMatrix m;
    for (std::size_t k = 0; k < nt * ne; ++k) {
        m.durations.push_back(pick(0, 3600));
        m.distances.push_back(pick(0, 50000));
    }
    p.travel_matrix = m;
    options.eta_weight = pick(0, 3);
    options.lateness_weight = pick(0, 20);
    options.balance_weight = pick(0, 2);
    options.per_ticket_time = pick(0, 3) * 900;
    options.leave_out_base = pick(0, 8000);
    options.leave_out_per_priority = pick(0, 100);
    options.leave_out_urgency_weight = pick(0, 2);
    options.urgency_horizon = pick(0, 4) * 1800;
    return p;
}

}  // namespace

TEST_CASE("exact assign equals brute force on random small batches", "[assign]") {
    std::mt19937_64 rng(7);
    int served_somewhere = 0, left_somewhere = 0, greedy_worse = 0;
    for (int round = 0; round < 600; ++round) {
        fsd::AssignOptions options;
        const AssignProblem p = random_batch(rng, options);
        INFO("round " << round);
        std::vector<SlotRef> slots;
        for (std::size_t e = 0; e < p.engineers.size(); ++e)
            for (int c = 0; c < p.engineers[e].capacity; ++c) slots.push_back({static_cast<Index>(e), c});
        std::vector<std::vector<Cost>> serve(p.tickets.size());
        std::vector<Cost> leave;
        for (std::size_t t = 0; t < p.tickets.size(); ++t) {
            leave.push_back(fsd::assign_leave_out_cost(p, options, static_cast<Index>(t)));
            for (const auto& s : slots)
                serve[t].push_back(fsd::assign_serve_cost(p, options, static_cast<Index>(t), s.engineer, s.order));
        }
        std::vector<char> taken(slots.size(), 0);
        const Cost expected = brute_force(serve, leave, 0, taken);

        options.method = fsd::AssignMethod::exact;
        const auto exact = fsd::assign(p, options);
        CHECK(exact.total_cost == expected);
        // The result adds up and respects compatibility, capacity and order.
        Cost sum = 0;
        std::vector<int> used(p.engineers.size(), 0);
        for (const auto& pair : exact.pairs) {
            REQUIRE(pair.cost != kForbidden);
            CHECK(pair.cost == fsd::assign_serve_cost(p, options, pair.ticket, pair.engineer, pair.order));
            sum += pair.cost;
            ++used[static_cast<std::size_t>(pair.engineer)];
        }
        for (const auto& out : exact.left_out) sum += out.cost;
        CHECK(sum == exact.total_cost);
        CHECK(exact.pairs.size() + exact.left_out.size() == p.tickets.size());
        for (std::size_t e = 0; e < p.engineers.size(); ++e) CHECK(used[e] <= p.engineers[e].capacity);
        served_somewhere += exact.served > 0;
        left_somewhere += !exact.left_out.empty();

        options.method = fsd::AssignMethod::greedy;
        const auto greedy = fsd::assign(p, options);
        CHECK(greedy.total_cost >= exact.total_cost);
        greedy_worse += greedy.total_cost > exact.total_cost;
    }
    CHECK(served_somewhere > 100);
    CHECK(left_somewhere > 200);
    CHECK(greedy_worse > 20);
}

TEST_CASE("serve and leave-out costs follow the documented formulas", "[assign]") {
    AssignProblem p;
    p.now = 10'000;
    p.engineers.push_back({"e1", {}, 10'600, {{"hvac", 2}}, 2, 1200, 1.0});
    p.tickets.push_back({"t1", {}, {{"hvac", 1}}, 30, 10'000 + 1000, 1800, {}, {}});
    p.travel_matrix = fsd::AssignTravelMatrix{{900}, {12'000}};
    fsd::AssignOptions o;
    o.eta_weight = 2;
    o.lateness_weight = 10;
    o.balance_weight = 1;
    o.per_ticket_time = 3600;
    o.leave_out_base = 5000;
    o.leave_out_per_priority = 100;
    o.leave_out_urgency_weight = 3;
    o.urgency_horizon = 3600;
    // ETA = (10600 - 10000) + 900 = 1500; late by 500; workload 1200.
    CHECK(fsd::assign_serve_cost(p, o, 0, 0, 0) == 2 * 1500 + 10 * 500 + 1200);
    // Second ticket of the engineer: ETA + 3600, workload + 3600.
    CHECK(fsd::assign_serve_cost(p, o, 0, 0, 1) == 2 * 5100 + 10 * 4100 + 4800);
    // Urgency = 3600 - 1000 = 2600.
    CHECK(fsd::assign_leave_out_cost(p, o, 0) == 5000 + 100 * 30 + 3 * 2600);
    p.tickets[0].skills[0].min_level = 3;
    CHECK(fsd::assign_serve_cost(p, o, 0, 0, 0) == kForbidden);
}

TEST_CASE("greedy takes tickets by priority and gives each the nearest free engineer", "[assign]") {
    AssignProblem p;
    p.now = 0;
    p.engineers.push_back({"near", {}, 0, {{"hvac", 1}}, 1, 0, 1.0});
    p.engineers.push_back({"far", {}, 0, {{"hvac", 1}}, 1, 0, 1.0});
    p.tickets.push_back({"low", {}, {{"hvac", 1}}, 0, std::nullopt, 0, {}, {}});
    p.tickets.push_back({"high", {}, {{"hvac", 1}}, 90, std::nullopt, 0, {}, {}});
    p.tickets.push_back({"plumbing", {}, {{"plumbing", 1}}, 100, std::nullopt, 0, {}, {}});
    // Rows are tickets: travel from near / far.
    p.travel_matrix = fsd::AssignTravelMatrix{{600, 700, 100, 5000, 10, 10}, {}};
    fsd::AssignOptions o;
    o.method = fsd::AssignMethod::greedy;
    const auto g = fsd::assign(p, o);
    REQUIRE(g.pairs.size() == 2);
    // "high" goes first and takes "near" (100 s); "low" gets "far" (700 s).
    CHECK(g.pairs[0].ticket == 0);
    CHECK(g.pairs[0].engineer == 1);
    CHECK(g.pairs[0].eta == 700);
    CHECK(g.pairs[1].ticket == 1);
    CHECK(g.pairs[1].engineer == 0);
    REQUIRE(g.left_out.size() == 1);
    CHECK(g.left_out[0].ticket == 2);
    CHECK(g.left_out[0].reason == fsd::AssignLeftOutReason::no_qualified_engineer);
    // Here greedy is optimal: the other matching costs 600 + 5000 > 700 + 100.
    o.method = fsd::AssignMethod::exact;
    const auto x = fsd::assign(p, o);
    CHECK(x.total_cost == g.total_cost);
}

TEST_CASE("left-out reasons: no capacity and too costly", "[assign]") {
    AssignProblem p;
    p.engineers.push_back({"e", {}, 0, {}, 1, 0, 1.0});
    p.tickets.push_back({"a", {}, {}, 0, std::nullopt, 0, {}, {}});
    p.tickets.push_back({"b", {}, {}, 0, std::nullopt, 0, {}, {}});
    p.travel_matrix = fsd::AssignTravelMatrix{{100, 200}, {}};
    const auto r = fsd::assign(p);
    REQUIRE(r.pairs.size() == 1);
    CHECK(r.pairs[0].ticket == 0);
    REQUIRE(r.left_out.size() == 1);
    CHECK(r.left_out[0].reason == fsd::AssignLeftOutReason::no_capacity);
    p.engineers[0].capacity = 2;
    p.travel_matrix->durations = {100, 9000};  // farther than leave_out_base (7200) is worth
    fsd::AssignOptions o;
    o.per_ticket_time = 0;
    const auto r2 = fsd::assign(p, o);
    REQUIRE(r2.left_out.size() == 1);
    CHECK(r2.left_out[0].ticket == 1);
    CHECK(r2.left_out[0].reason == fsd::AssignLeftOutReason::too_costly);
    CHECK(r2.total_cost == 100 + 7200);
}

TEST_CASE("great-circle travel of a pair equals the travel layer's", "[assign]") {
    fsd::AssignGenerateOptions g;
    g.tickets = 5;
    g.engineers = 4;
    const AssignProblem p = fsd::generate_assign_batch(g);
    fsd::AssignProblem q = p;
    for (auto& e : q.engineers) e.skills.clear(), e.speed_factor = 1.0, e.capacity = 5, e.available_from = q.now;
    for (auto& t : q.tickets) t.skills.clear(), t.sla_deadline.reset();
    fsd::AssignOptions o;
    o.leave_out_base = 1'000'000;
    o.per_ticket_time = 0;
    const auto r = fsd::assign(q, o);
    REQUIRE(r.served == 5);
    for (const auto& pair : r.pairs) {
        const auto tm = fsd::great_circle_matrices(
            {*q.tickets[static_cast<std::size_t>(pair.ticket)].location.coords,
             *q.engineers[static_cast<std::size_t>(pair.engineer)].position.coords},
            q.great_circle);
        CHECK(pair.travel == tm.durations(0, 1));
        CHECK(pair.distance == tm.distances(0, 1));
        CHECK(pair.eta == pair.travel);
    }
}

TEST_CASE("generated batches are deterministic under a seed", "[assign]") {
    fsd::AssignGenerateOptions g;
    g.tickets = 200;
    g.engineers = 50;
    g.seed = 42;
    const auto a = fsd::generate_assign_batch(g);
    const auto b = fsd::generate_assign_batch(g);
    CHECK(a == b);
    CHECK(a.tickets.size() == 200);
    CHECK(a.engineers.size() == 50);
    CHECK_NOTHROW(fsd::validate_assign_problem(a));
    g.seed = 43;
    CHECK_FALSE(fsd::generate_assign_batch(g) == a);
    // Pinned values: a change of the generator shows up here.
    CHECK(a.tickets[0].id == "T0001");
    CHECK(a.engineers[49].id == "E0050");
    int with_sla = 0;
    for (const auto& t : a.tickets) {
        with_sla += t.sla_deadline.has_value();
        CHECK((t.priority == 0 || t.priority == 30 || t.priority == 60 || t.priority == 90));
    }
    CHECK(with_sla > 80);
    CHECK(with_sla < 160);
    g.max_capacity = 0;
    CHECK_THROWS_AS(fsd::generate_assign_batch(g), fsd::InputError);
}

TEST_CASE("exact never costs more than greedy on generated batches", "[assign]") {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        fsd::AssignGenerateOptions g;
        g.tickets = 120;
        g.engineers = seed % 2 ? 30 : 90;  // both orientations of the search
        g.seed = seed;
        const auto p = fsd::generate_assign_batch(g);
        fsd::AssignOptions o;
        const auto exact = fsd::assign(p, o);
        o.method = fsd::AssignMethod::greedy;
        const auto greedy = fsd::assign(p, o);
        CHECK(exact.total_cost <= greedy.total_cost);
        CHECK(exact.served > 0);
    }
}

TEST_CASE("bad batches are refused with the field's path", "[assign]") {
    AssignProblem p;
    p.engineers.push_back({"e", {}, 0, {}, 1, 0, 1.0});
    p.tickets.push_back({"a", {}, {}, 0, std::nullopt, 0, {}, {}});
    auto path_of = [](const AssignProblem& q, const fsd::AssignOptions& o = {}) -> std::string {
        try {
            (void)fsd::assign(q, o);
        } catch (const fsd::InputError& e) {
            return e.path();
        }
        return "(accepted)";
    };
    CHECK(path_of(p) == "/engineers/0/position");
    p.travel_matrix = fsd::AssignTravelMatrix{{1, 2}, {}};
    CHECK(path_of(p) == "/travel_matrix/durations");
    p.travel_matrix->durations = {5};
    CHECK(path_of(p) == "(accepted)");
    auto q = p;
    q.tickets[0].priority = 101;
    CHECK(path_of(q) == "/tickets/0/priority");
    q = p;
    q.tickets[0].forbidden_engineers = {"nobody"};
    CHECK(path_of(q) == "/tickets/0/forbidden_engineers/0");
    q = p;
    q.engineers[0].capacity = -1;
    CHECK(path_of(q) == "/engineers/0/capacity");
    q = p;
    q.tickets[0].skills = {{"x", -1}};
    CHECK(path_of(q) == "/tickets/0/skills/0/min_level");
    fsd::AssignOptions o;
    o.eta_weight = -1;
    CHECK(path_of(p, o) == "/options/eta_weight");
}
