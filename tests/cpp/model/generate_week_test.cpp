#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "fsd/core/error.hpp"
#include "fsd/model/generate.hpp"

using namespace fsd;

namespace {

constexpr Duration kDay = 24 * 3600;

// The day (0-based from day_start) an instant falls on.
std::int64_t day_of(const GenerateOptions& o, Time t) { return (t - o.day_start) / kDay; }

}  // namespace

TEST_CASE("one day is the problem it was before the horizon could grow", "[model][generate][week]") {
    // The same seed with days = 1 and with days left at its default must be
    // the same problem, and that problem the pinned one of generate_test.cpp.
    GenerateOptions a;
    a.engineers = 13;
    a.jobs = 200;
    a.seed = 7;
    GenerateOptions b = a;
    b.days = 1;
    const Problem pa = generate_problem(a), pb = generate_problem(b);
    CHECK(pa.engineers() == pb.engineers());
    CHECK(pa.jobs() == pb.jobs());
    const Problem pinned = generate_problem(GenerateOptions{});
    Duration total_service = 0;
    Amount total_demand = 0;
    for (const auto& job : pinned.jobs()) {
        total_service += job.duration;
        total_demand += job.demand.at(0);
    }
    CHECK(total_service == 207300);
    CHECK(total_demand == 57);
    CHECK(pinned.engineer(0).breaks.at(0).id == "lunch");
    // More days change neither the engineers' places and skills nor the
    // tickets' places, trades and durations: those come from the main stream.
    GenerateOptions c = a;
    c.days = 5;
    const Problem pc = generate_problem(c);
    for (Index e = 0; e < pa.num_engineers(); ++e) {
        CHECK(pc.engineer(e).start == pa.engineer(e).start);
        CHECK(pc.engineer(e).skills == pa.engineer(e).skills);
    }
    for (Index j = 0; j < pa.num_jobs(); ++j) {
        CHECK(pc.job(j).location == pa.job(j).location);
        CHECK(pc.job(j).duration == pa.job(j).duration);
        CHECK(pc.job(j).sla.has_value() == pa.job(j).sla.has_value());
    }
}

TEST_CASE("a generated week: shifts, lunches, windows and deadlines per day", "[model][generate][week]") {
    GenerateOptions o;
    o.engineers = 12;
    o.jobs = 400;
    o.days = 5;
    o.seed = 3;
    const Problem p = generate_problem(o);
    REQUIRE(p.num_jobs() == 400);
    CHECK(p.warnings().empty());
    CHECK(p.slots().size() == 12 * 5);
    const Time horizon_end = o.day_start + 5 * kDay;

    for (const Engineer& e : p.engineers()) {
        REQUIRE(e.shifts.size() == 5);
        REQUIRE(e.breaks.size() == 5);
        for (int d = 0; d < 5; ++d) {
            const Time day = o.day_start + d * kDay;
            CHECK(e.shifts[static_cast<size_t>(d)].start == day + 8 * 3600);
            CHECK(e.shifts[static_cast<size_t>(d)].end == day + 17 * 3600);
            const Break& lunch = e.breaks[static_cast<size_t>(d)];
            CHECK(lunch.id == "lunch-" + std::to_string(d + 1));
            CHECK(lunch.duration == 1800);
            REQUIRE(lunch.windows.size() == 1);
            CHECK(lunch.windows[0].start == day + 11 * 3600 + 1800);
            CHECK(lunch.windows[0].end == day + 13 * 3600 + 1800);
        }
    }
    // Each shift takes its own day's lunch and no other.
    for (const RouteSlot& slot : p.slots()) CHECK(slot.breaks == std::vector<Index>{slot.shift});

    std::set<std::int64_t> deadline_days, appointment_days;
    int fixed = 0, multi_day = 0, open = 0, hard = 0, soft = 0;
    for (const Job& job : p.jobs()) {
        INFO(job.id);
        for (const TimeWindow& w : job.time_windows) {
            CHECK(w.start >= o.day_start);
            CHECK(w.end <= horizon_end);
            CHECK(day_of(o, w.start) == day_of(o, w.end));  // no window runs over night
            CHECK(w.start - (o.day_start + day_of(o, w.start) * kDay) >= 8 * 3600);
            CHECK(w.end + job.duration - (o.day_start + day_of(o, w.end) * kDay) <= 17 * 3600);
        }
        if (job.time_windows.empty()) ++open;
        if (job.time_windows.size() == 1) {
            ++fixed;
            appointment_days.insert(day_of(o, job.time_windows[0].start));
        }
        if (job.time_windows.size() > 1) ++multi_day;
        if (job.sla) {
            const std::int64_t d = day_of(o, job.sla->deadline);
            CHECK(d >= 0);
            CHECK(d < 5);
            deadline_days.insert(d);
            (job.sla->hard ? hard : soft) += 1;
            // Some window opens by the deadline: it can be met in time.
            if (!job.time_windows.empty()) CHECK(job.time_windows.front().start < job.sla->deadline);
        }
    }
    CHECK(deadline_days.size() == 5);
    CHECK(appointment_days.size() == 5);
    CHECK(fixed > 0);
    CHECK(multi_day > 0);
    CHECK(open > 0);
    CHECK(hard > 0);
    CHECK(soft > hard);
}

TEST_CASE("a generated week is determined by its options", "[model][generate][week]") {
    GenerateOptions o;
    o.engineers = 6;
    o.jobs = 90;
    o.days = 3;
    const Problem a = generate_problem(o), b = generate_problem(o);
    CHECK(a.engineers() == b.engineers());
    CHECK(a.jobs() == b.jobs());
    o.seed = 2;
    CHECK(generate_problem(o).jobs() != a.jobs());
}

TEST_CASE("days out of range name /days", "[model][generate][week][validation]") {
    for (int days : {0, -1, 29}) {
        GenerateOptions o;
        o.days = days;
        CHECK_THROWS_AS(generate_problem(o), InputError);
        CHECK_THROWS_WITH(generate_problem(o), "/days: days must be between 1 and 28");
    }
    GenerateOptions o;
    o.days = 28;
    o.jobs = 50;
    CHECK(generate_problem(o).engineer(0).shifts.size() == 28);
}
