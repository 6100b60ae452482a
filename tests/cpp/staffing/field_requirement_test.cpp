#include <catch2/catch.hpp>

#include "../sim/sim_tiny_scenarios.hpp"
#include "fsd/core/error.hpp"
#include "fsd/staffing/field_requirement.hpp"

using namespace fsd;

namespace {
FieldRequirementOptions hourly() {
    FieldRequirementOptions o;
    o.interval = 3600;
    o.work_per_ticket = 2700;
    o.occupancy = 0.75;
    return o;  // service 08:00-17:00, Monday to Friday
}
}  // namespace

TEST_CASE("field requirement: the tickets since the last service day's end are the next day's work") {
    // One ticket an hour all week; an engineer gives 0.75 * 9 h = 24,300 s a day.
    std::vector<double> arrivals(168, 1.0);
    std::vector<int> req = field_requirement(arrivals, hourly());
    REQUIRE(req.size() == 168);
    // Monday: Friday 17:00 to Monday 17:00 is 72 tickets, 72 * 2,700 / 24,300 = 8.
    CHECK(req[8] == 8);
    CHECK(req[16] == 8);
    CHECK(req[7] == 0);
    CHECK(req[17] == 0);
    // Tuesday: 24 tickets, 64,800 / 24,300 = 2.67, so 3.
    CHECK(req[24 + 8] == 3);
    CHECK(req[4 * 24 + 12] == 3);
    for (int h = 5 * 24; h < 168; ++h) CHECK(req[static_cast<size_t>(h)] == 0);
}

TEST_CASE("field requirement: one service day takes the whole week's tickets") {
    std::vector<double> arrivals(168, 0.0);
    arrivals[0] = 9.0;     // Monday 00:00
    arrivals[167] = 9.0;   // Sunday 23:00
    FieldRequirementOptions o = hourly();
    o.service_days = {2};
    std::vector<int> req = field_requirement(arrivals, o);
    // 18 * 2,700 = 48,600 = exactly two engineer-days: 2, not 3.
    CHECK(req[2 * 24 + 8] == 2);
    CHECK(req[2 * 24 + 16] == 2);
    CHECK(req[8] == 0);
}

TEST_CASE("field requirement: errors name the field") {
    FieldRequirementOptions o = hourly();
    std::vector<double> arrivals(168, 1.0);
    auto path_of = [&](const FieldRequirementOptions& options, const std::vector<double>& a) {
        try {
            field_requirement(a, options);
        } catch (const InputError& e) {
            return e.path();
        }
        return std::string("(none)");
    };
    FieldRequirementOptions bad = o;
    bad.interval = 7000;
    CHECK(path_of(bad, arrivals) == "/interval");
    bad = o;
    bad.occupancy = 0;
    CHECK(path_of(bad, arrivals) == "/occupancy");
    bad = o;
    bad.service_days = {1, 1};
    CHECK(path_of(bad, arrivals) == "/service_days/1");
    bad = o;
    bad.service_start = 8 * 3600 + 1800;
    CHECK(path_of(bad, arrivals) == "/service_start");
    CHECK(path_of(o, std::vector<double>(167, 1.0)) == "/arrivals");
    std::vector<double> negative = arrivals;
    negative[5] = -1;
    CHECK(path_of(o, negative) == "/arrivals/5");
}

TEST_CASE("expected work per ticket: visits times (visit + drive)") {
    Scenario s = sim_test::team({2, 2}, {});
    s.ticket_types[0].duration.empirical.clear();
    s.ticket_types[0].duration.median = 3600;
    s.ticket_types[0].duration.sigma = 0;  // the mean is the median
    s.rules.duration_factor_by_level = {1.2, 1.0};
    s.first_time_fix.by_level = {0.75, 0.85};
    s.first_time_fix.max_visits = 3;
    s.region.radius_km = 10;
    // Visits: 1 + 0.15 + 0.15^2 = 1.1725. Drive: 128 * 10 km / (45 pi) = 9,054.1 m,
    // times the detour 1.3 at 40 km/h: 1,059.3 s. 1.1725 * (3,600 + 1,059.3) = 5,463.0.
    Duration work = expected_work_per_ticket(s, "boiler");
    CHECK(work >= 5462);
    CHECK(work <= 5464);
    CHECK_THROWS_AS(expected_work_per_ticket(s, "lift"), InputError);
}
