// Depot stops planned by the search: an engineer who lacks a tool or runs
// short of a part stops at a depot on the way (docs/design.md, "Van stock,
// tools and depot visits"), and the working-hour rate.
#include <algorithm>
#include <map>
#include <set>

#include "fsd/evaluate.hpp"
#include "route_test_support.hpp"

using namespace route_test;

namespace {

Depot depot(const std::string& id, Index location, Duration duration, std::vector<std::string> tools,
            std::vector<std::string> parts = {}) {
    Depot d;
    d.id = id;
    d.location = at(location);
    d.duration = duration;
    d.tools = std::move(tools);
    d.parts = std::move(parts);
    return d;
}

std::vector<const Step*> depot_steps(const Solution& s) {
    std::vector<const Step*> out;
    for (const Route& r : s.routes)
        for (const Step& st : r.steps)
            if (st.kind == StepKind::depot) out.push_back(&st);
    return out;
}

// Position of the job step of job j (or the first depot step, j = -1) in its route.
std::ptrdiff_t position(const Route& r, StepKind kind, Index index) {
    for (std::size_t i = 0; i < r.steps.size(); ++i)
        if (r.steps[i].kind == kind && (index < 0 || r.steps[i].index == index)) return static_cast<std::ptrdiff_t>(i);
    return -1;
}

// The depot rules of docs/design.md, derived here once more from the steps:
// each stop at a depot's place, inside its opening, lasting its duration,
// picking up only what it offers; every job with its tools on board and
// its parts covered by what is left; each shift from the engineer's stock.
void check_depot_rules(const Problem& p, const Solution& s) {
    for (const Route& r : s.routes) {
        const Engineer& e = p.engineer(r.engineer);
        std::set<std::string> tools(e.tools.begin(), e.tools.end());
        std::map<std::string, Amount> parts;
        for (const PartCount& c : e.stock) parts[c.part] += c.count;
        const auto& dur = p.durations(r.engineer);
        Index place = p.start_location(r.engineer);
        for (std::size_t i = 1; i < r.steps.size(); ++i) {
            const Step& st = r.steps[i];
            const Step& before = r.steps[i - 1];
            if (st.kind == StepKind::depot) {
                const Depot& d = p.depot(st.index);
                const Index to = p.depot_location(st.index);
                REQUIRE(st.travel_time == dur(place, to));
                REQUIRE(st.arrival == before.end + st.travel_time);
                REQUIRE(st.start >= st.arrival);
                REQUIRE(st.end == st.start + d.duration);
                if (!d.opening.empty())
                    REQUIRE(std::any_of(d.opening.begin(), d.opening.end(),
                                        [&](const TimeWindow& w) { return w.start <= st.start && st.start <= w.end; }));
                REQUIRE_FALSE((st.pickup_tools.empty() && st.pickup_parts.empty()));
                for (const std::string& t : st.pickup_tools) {
                    REQUIRE(std::find(d.tools.begin(), d.tools.end(), t) != d.tools.end());
                    tools.insert(t);
                }
                for (const PartCount& c : st.pickup_parts) {
                    REQUIRE(std::find(d.parts.begin(), d.parts.end(), c.part) != d.parts.end());
                    REQUIRE(c.count > 0);
                    parts[c.part] += c.count;
                }
                place = to;
            } else if (st.kind == StepKind::job) {
                const Job& j = p.job(st.index);
                for (const std::string& t : j.tools) REQUIRE(tools.count(t) == 1);
                for (const PartCount& c : j.parts) {
                    INFO(j.id << " needs " << c.count << " x " << c.part);
                    REQUIRE(parts[c.part] >= c.count);
                    parts[c.part] -= c.count;
                }
                place = p.job_location(st.index);
            }
        }
    }
}

void check_verified(const Problem& p, const Solution& s) {
    require_verified(p, s);
    check_depot_rules(p, s);
}

// On a line: home at 0 (row 0), job a at 100 (row 1), job b at 200 (row 2),
// depot "near" at 150 (row 3), depot "far" at -400 (row 4). Job b needs a drill.
Problem drill_day(bool engineer_has_drill, bool far_lends = false, bool near_lends = true) {
    Engineer e = engineer("e", 0);
    if (engineer_has_drill) e.tools = {"drill"};
    Job a = job("a", 1);
    Job b = job("b", 2);
    b.tools = {"drill"};
    ProblemBuilder pb;
    pb.add_engineer(e).add_job(a).add_job(b);
    pb.add_depot(depot("near", 3, 60, near_lends ? std::vector<std::string>{"drill"} : std::vector<std::string>{}));
    pb.add_depot(depot("far", 4, 60, far_lends ? std::vector<std::string>{"drill"} : std::vector<std::string>{}));
    pb.set_travel(line({0, 100, 200, 150, -400}));
    return pb.build();
}

}  // namespace

TEST_CASE("an engineer lacking a tool stops at a depot before the job that needs it, and only then", "[route][depot]") {
    SECTION("without the drill: a stop at the near depot between a and b, picking up the drill") {
        const Problem p = drill_day(false);
        const Solution s = solve(p, quick());
        REQUIRE(s.unassigned.empty());
        check_verified(p, s);
        const auto stops = depot_steps(s);
        REQUIRE(stops.size() == 1);
        CHECK(stops[0]->index == 0);
        CHECK(stops[0]->pickup_tools == std::vector<std::string>{"drill"});
        CHECK(stops[0]->pickup_parts.empty());
        const Route& r = s.routes.at(0);
        // On the line every order that reaches 200 and returns drives 400 s
        // (a, near, b or near, b, a); the stop of 60 s comes before b.
        CHECK(position(r, StepKind::depot, -1) < position(r, StepKind::job, 1));
        CHECK(r.travel_time == 400);
        CHECK(r.cost == 400);
        CHECK(s.objective.travel == 400);
        CHECK(r.steps.back().arrival == 100 + 100 + 50 + 60 + 50 + 100 + 200);
    }
    SECTION("with the drill on board: no stop") {
        const Problem p = drill_day(true);
        const Solution s = solve(p, quick());
        REQUIRE(s.unassigned.empty());
        check_verified(p, s);
        CHECK(depot_steps(s).empty());
        CHECK(s.objective.travel == 400);
    }
}

TEST_CASE("of two depots that lend the tool the cheaper detour is chosen", "[route][depot]") {
    SECTION("both lend: the near one") {
        const Problem p = drill_day(false, true, true);
        const Solution s = solve(p, quick());
        check_verified(p, s);
        const auto stops = depot_steps(s);
        REQUIRE(stops.size() == 1);
        CHECK(stops[0]->index == 0);
    }
    SECTION("only the far one lends: a detour of 800 s there") {
        const Problem p = drill_day(false, true, false);
        const Solution s = solve(p, quick());
        REQUIRE(s.unassigned.empty());
        check_verified(p, s);
        const auto stops = depot_steps(s);
        REQUIRE(stops.size() == 1);
        CHECK(stops[0]->index == 1);
        // 0 -> -400 -> 100 -> 200 -> 0 = 400 + 500 + 100 + 200.
        CHECK(s.objective.travel == 1200);
    }
}

TEST_CASE("a van short of a part restocks exactly the units missing", "[route][depot]") {
    // Home 0, jobs at 100 and 200 using 1 and 2 filters, a parts counter at 300; the van holds 1 filter.
    Engineer e = engineer("e", 0);
    e.stock = {PartCount{"filter", 1}};
    Job a = job("a", 1);
    a.parts = {PartCount{"filter", 1}};
    Job b = job("b", 2);
    b.parts = {PartCount{"filter", 2}};
    ProblemBuilder pb;
    pb.add_engineer(e).add_job(a).add_job(b);
    pb.add_depot(depot("counter", 3, 120, {}, {"filter"}));
    pb.set_travel(line({0, 100, 200, 300}));
    const Problem p = pb.build();
    const Solution s = solve(p, quick());
    REQUIRE(s.unassigned.empty());
    check_verified(p, s);
    const auto stops = depot_steps(s);
    REQUIRE(stops.size() == 1);
    CHECK(stops[0]->pickup_tools.empty());
    CHECK(stops[0]->pickup_parts == std::vector<PartCount>{PartCount{"filter", 2}});
    // Out to the counter and back serving both: 600 s whatever the order.
    CHECK(s.objective.travel == 600);
}

TEST_CASE("a depot closed until 10:00 delays the stop and the job after it", "[route][depot]") {
    Engineer e = engineer("e", 0, 8 * 3600, 17 * 3600);
    Job j = job("j", 1, 600);
    j.tools = {"ladder"};
    Depot d = depot("yard", 2, 300, {"ladder"});
    d.opening = {TimeWindow{10 * 3600, 12 * 3600}};
    ProblemBuilder pb;
    pb.add_engineer(e).add_job(j).add_depot(d);
    pb.set_travel(line({0, 1000, 400}));
    const Problem p = pb.build();
    const Solution s = solve(p, quick());
    REQUIRE(s.unassigned.empty());
    check_verified(p, s);
    const Route& r = s.routes.at(0);
    REQUIRE(r.steps.size() == 4);
    CHECK(r.steps[1].kind == StepKind::depot);
    CHECK(r.steps[1].start == 10 * 3600);
    // Leaving as late as the first step allows: no waiting at the yard.
    CHECK(r.steps[0].end == 10 * 3600 - 400);
    CHECK(r.steps[2].start == 10 * 3600 + 300 + 600);
}

TEST_CASE("a job whose tool no depot lends and no van holds is left out", "[route][depot]") {
    const Problem p = drill_day(false, false, false);
    const Solution s = solve(p, quick());
    REQUIRE(unassigned_of(s, 1) != nullptr);
    CHECK(unassigned_of(s, 1)->reason == UnassignedReason::parts_unavailable);
    REQUIRE(unassigned_of(s, 0) == nullptr);
    check_verified(p, s);
}

TEST_CASE("random days with tools, parts and depots solve to plans the depot rules accept", "[route][depot]") {
    const std::vector<std::string> tools{"drill", "ladder", "meter"};
    const std::vector<std::string> parts{"filter", "valve", "fuse"};
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        INFO("seed " << seed);
        std::mt19937_64 rng(seed);
        auto draw = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
        std::vector<std::pair<double, double>> points;
        auto place = [&] {
            points.emplace_back(draw(4000), draw(4000));
            return static_cast<Index>(points.size() - 1);
        };
        ProblemBuilder pb;
        const int engineers = 2 + draw(2);
        for (int k = 0; k < engineers; ++k) {
            Engineer e = engineer(name("e", k), place(), 8 * 3600, 17 * 3600);
            for (const std::string& t : tools)
                if (draw(3) == 0) e.tools.push_back(t);
            for (const std::string& part : parts)
                if (draw(2) == 0) e.stock.push_back(PartCount{part, 1 + draw(3)});
            if (draw(2) == 0) e.breaks = {Break{"lunch", {TimeWindow{12 * 3600, 13 * 3600}}, 1800}};
            pb.add_engineer(e);
        }
        for (int k = 0; k < 2; ++k) {
            Depot d = depot(name("d", k), place(), 300 + draw(600), {}, {});
            for (const std::string& t : tools)
                if (draw(3) != 0) d.tools.push_back(t);
            for (const std::string& part : parts)
                if (draw(3) != 0) d.parts.push_back(part);
            if (draw(2) == 0) d.opening = {TimeWindow{9 * 3600, 11 * 3600}, TimeWindow{13 * 3600, 16 * 3600}};
            pb.add_depot(d);
        }
        const int jobs = 6 + draw(10);
        for (int k = 0; k < jobs; ++k) {
            Job j = job(name("j", k), place(), 600 + 60 * draw(30));
            if (draw(3) == 0) j.tools.push_back(tools[static_cast<std::size_t>(draw(3))]);
            if (draw(2) == 0) j.parts.push_back(PartCount{parts[static_cast<std::size_t>(draw(3))], 1 + draw(2)});
            if (draw(4) == 0) {
                const Time open = (8 + draw(5)) * 3600;
                j.time_windows = {TimeWindow{open, open + (2 + draw(3)) * 3600}};
            }
            pb.add_job(j);
        }
        pb.set_travel(plane(points));
        const Problem p = pb.build();
        const Solution s = solve(p, quick(200));
        check_verified(p, s);
        // Each route stops at most once, and only when its van lacks something.
        for (const Route& r : s.routes) {
            const auto stops = std::count_if(r.steps.begin(), r.steps.end(), [](const Step& st) { return st.kind == StepKind::depot; });
            CHECK(stops <= 1);
        }
    }
}

// One engineer "e" at home 0 paid only by the working hour (per_hour 0), jobs
// a and b on a line of places 0, 100, 200: the problem, solved and verified.
std::pair<Problem, Solution> paid_line_day(const Job& a, const Job& b) {
    Engineer e = engineer("e", 0);
    e.costs.per_hour = 0;
    e.costs.per_working_hour = 3600;
    ProblemBuilder pb;
    pb.add_engineer(e).add_job(a).add_job(b);
    pb.set_travel(line({0, 100, 200}));
    Problem p = pb.build();
    Solution s = solve(p, quick());
    REQUIRE(s.unassigned.empty());
    check_verified(p, s);
    return {std::move(p), std::move(s)};
}

TEST_CASE("the working-hour rate prices departure to return, waiting included", "[route][depot][working]") {
    // Home 0, job a at 100 (any time), job b at 200 open [1000, 2000], 100 s each.
    // Only working time costs: either order leaves at 800 and is back at 1400
    // (600 s); leaving at the shift start would wait 700 s before b.
    Engineer e = engineer("e", 0);
    e.costs.per_hour = 0;
    e.costs.per_working_hour = 3600;
    Job a = job("a", 1);
    Job b = job("b", 2);
    b.time_windows = {TimeWindow{1000, 2000}};
    const auto [p, s] = paid_line_day(a, b);
    const Route& r = s.routes.at(0);
    CHECK(r.steps.front().end == 800);
    CHECK(r.working_time == 600);
    CHECK(r.cost == 600);
    CHECK(s.objective.travel == 600);

    SECTION("rounded half up per route, weighted with travel, added to the leg costs") {
        Engineer f = e;
        f.costs.per_hour = 3600;
        f.costs.per_working_hour = 1800;  // 600 s at half a unit per second: 300
        ProblemBuilder qb;
        qb.add_engineer(f).add_job(a).add_job(b);
        qb.set_travel(line({0, 100, 200}));
        ObjectiveWeights w;
        w.travel = 2;
        qb.set_weights(w);
        const Problem q = qb.build();
        const Solution t = solve(q, quick());
        REQUIRE(t.unassigned.empty());
        check_verified(q, t);
        CHECK(t.routes.at(0).working_time == 600);
        CHECK(t.objective.travel == 2 * (400 + 300));
    }
}

TEST_CASE("a route paid by the working hour leaves as late as its windows allow", "[route][depot][working]") {
    // Home 0, job a at 100 open [0, 500], job b at 200 open [1500, 2000],
    // 100 s each: a must come first. Leaving at the shift start (0) would work
    // 0..1800 with 1,200 s of waiting before b; leaving at 400 (a starts as its
    // window closes) works 400..1800. The written plan, its price, plan
    // evaluation and the verifier all say 1,400.
    Job a = job("a", 1);
    a.time_windows = {TimeWindow{0, 500}};
    Job b = job("b", 2);
    b.time_windows = {TimeWindow{1500, 2000}};
    const auto [p, s] = paid_line_day(a, b);
    const Route& r = s.routes.at(0);
    CHECK(r.steps.front().end == 400);
    CHECK(r.steps.at(1).start == 500);
    CHECK(r.working_time == 1400);
    CHECK(s.objective.travel == 1400);
    const PlanEvaluation ev = evaluate_plan(p, s);
    REQUIRE(ev.routes.size() == 1);
    CHECK(ev.routes[0].steps.front().end == 400);
    CHECK(ev.routes[0].cost == 1400);
    CHECK(ev.objective.travel == 1400);

    SECTION("not with several windows on a visit: the route leaves for its first step only") {
        Job a2 = a;
        a2.time_windows = {TimeWindow{0, 500}, TimeWindow{600, 700}};
        const auto [q, t] = paid_line_day(a2, b);
        CHECK(t.routes.at(0).steps.front().end == 0);
        CHECK(t.routes.at(0).working_time == 1800);
        CHECK(evaluate_plan(q, t).routes.at(0).cost == 1800);
    }
}
