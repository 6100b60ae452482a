// Property test of the live plan as a backend drives it: random event
// documents, valid and invalid, in and out of order, applied through the JSON
// layer. After every accepted event the plan verifies, its JSON reads back
// and writes byte for byte the same, and nothing done or under way moved;
// after every refused one the plan is exactly as before.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "../live_frozen_steps.hpp"

using namespace fsd;
using test_support::frozen_of;
using test_support::require_frozen_kept;

namespace {

constexpr Time kDay = 1'795'478'400;  // the generator's default day (midnight UTC)

LivePlan small_day(std::uint64_t seed) {
    GenerateOptions g;
    g.engineers = 3;
    g.jobs = 10;
    g.seed = seed;
    const Problem p = generate_problem(g);
    SolveOptions o;
    o.iteration_limit = 50;
    o.seed = seed;
    return LivePlan(p, solve(p, o), kDay + 7 * 3600 + 1800);
}

// One random event document: a random type about a random engineer or
// ticket (whatever its state), at a time around the clock, now and then far
// off or out of range.
std::string random_event(const LivePlan& plan, std::mt19937_64& rng, int& new_tickets) {
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    const std::string eng = plan.engineers()[pick(plan.engineers().size())].id;
    const std::string ticket = pick(12) == 0 ? "NO-SUCH" : plan.jobs()[pick(plan.jobs().size())].id;
    Time at = plan.now() + static_cast<Time>(pick(5400)) - 1800;
    switch (pick(20)) {
        case 0: at = plan.now() + 10 * 86'400; break;  // ten days ahead
        case 1: at = kTimeMax; break;
        case 2: at = plan.now() - 86'400; break;
        default: break;
    }
    const std::string t = std::to_string(at);
    switch (pick(13)) {
        case 0: return R"({"type": "start_travel", "ticket": ")" + ticket + R"(", "at": )" + t + "}";
        case 1:
        case 2: return R"({"type": "arrive", "ticket": ")" + ticket + R"(", "at": )" + t + "}";
        case 3:
        case 4: return R"({"type": "job_finished", "ticket": ")" + ticket + R"(", "at": )" + t + "}";
        case 5: return R"({"type": "break_started", "engineer": ")" + eng + R"(", "at": )" + t + "}";
        case 6: {
            const Duration seconds = pick(8) == 0 ? kTimeMax : static_cast<Duration>(pick(2400));
            return R"({"type": "delay", "engineer": ")" + eng + R"(", "seconds": )" + std::to_string(seconds) +
                   R"(, "at": )" + t + "}";
        }
        case 7: return R"({"type": "cancel", "ticket": ")" + ticket + R"(", "at": )" + t + "}";
        case 8: return R"({"type": "advance_time", "at": )" + t + "}";
        case 9: {
            const double lat = pick(6) == 0 ? 91.0 : 48.1, lon = pick(6) == 0 ? 500.0 : 11.55;
            return R"({"type": "engineer_position", "engineer": ")" + eng + R"(", "location": {"lat": )" +
                   std::to_string(lat) + R"(, "lon": )" + std::to_string(lon) + R"(}, "at": )" + t + "}";
        }
        case 10: return R"({"type": "engineer_unavailable", "engineer": ")" + eng + R"(", "from": )" + t + "}";
        case 11: return R"({"type": "place_pending"})";
        default: {
            const std::string id = pick(5) == 0 ? plan.jobs()[0].id : "N-" + std::to_string(++new_tickets);
            return R"({"type": "insert", "ticket": {"id": ")" + id +
                   R"(", "location": {"lat": 48.13, "lon": 11.56}, "duration": 1200, "skills": [{"skill": "appliance", "min_level": 1}]}})";
        }
    }
}

struct Tally {
    int accepted = 0;
    int refused = 0;
};

// Sequences [first, first + count), each on one of eight generated days with
// its own seed; a refused event is compared with the file as it stood, which
// the previous step already wrote.
Tally run_sequences(std::uint64_t first, std::uint64_t count) {
    std::vector<LivePlan> days;
    for (std::uint64_t seed = 1; seed <= 8; ++seed) days.push_back(small_day(seed));
    Tally tally;
    for (std::uint64_t sequence = first; sequence < first + count; ++sequence) {
        LivePlan plan = days[sequence % days.size()];
        std::mt19937_64 rng(sequence * 104'729 + 3);
        int new_tickets = 0;
        std::string file = live_plan_to_json(plan);
        for (int step = 0; step < 25; ++step) {
            const std::string event = random_event(plan, rng, new_tickets);
            INFO("sequence " << sequence << " step " << step << " event " << event);
            const auto frozen = frozen_of(plan);
            try {
                (void)apply_event_json(plan, event);
            } catch (const InputError&) {
                ++tally.refused;
                REQUIRE(live_plan_to_json(plan) == file);
                continue;
            }
            ++tally.accepted;
            file = live_plan_to_json(plan);
            REQUIRE(live_plan_to_json(live_plan_from_json(file)) == file);
            const ResidualProblem res = plan.residual();
            const VerifyReport report = verify(res.problem, res.solution);
            for (const Violation& v : report.violations) INFO(v.kind << ": " << v.message);
            REQUIRE(report.ok());
            require_frozen_kept(frozen, plan);
        }
    }
    return tally;
}

// One block of 500 sequences; each block sees both kinds of event often
// enough to mean something.
void check_block(std::uint64_t first) {
    const Tally t = run_sequences(first, 500);
    CHECK(t.accepted > 2500);
    CHECK(t.refused > 2500);
}

}  // namespace

// 2,000 sequences of 25 events in four test cases, so that CTest spreads them
// over the cores.
TEST_CASE("live plan event sequences 0-499: accepted events keep a plan that verifies and round-trips, refused ones "
          "change nothing",
          "[io][dispatch][property]") {
    check_block(0);
}

TEST_CASE("live plan event sequences 500-999: the same properties", "[io][dispatch][property]") { check_block(500); }

TEST_CASE("live plan event sequences 1000-1499: the same properties", "[io][dispatch][property]") { check_block(1000); }

TEST_CASE("live plan event sequences 1500-1999: the same properties", "[io][dispatch][property]") { check_block(1500); }
