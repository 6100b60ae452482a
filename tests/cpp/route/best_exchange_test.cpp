// BestExchange: threads of one solve meeting to share their best plan.
#include <catch2/catch.hpp>

#include <optional>
#include <thread>
#include <vector>

#include "fsd/route/detail/best_exchange.hpp"

using fsd::detail::BestExchange;
using fsd::detail::SharedPlan;

namespace {

BestExchange by_iterations(std::size_t threads, std::int64_t period) {
    return BestExchange(threads, true, period, BestExchange::Clock::now(), std::chrono::seconds(1));
}

}  // namespace

TEST_CASE("threads meet every period of iterations", "[route][exchange]") {
    BestExchange ex = by_iterations(1, 3);
    CHECK_FALSE(ex.due(0, 0));
    CHECK_FALSE(ex.due(0, 2));
    CHECK(ex.due(0, 3));
    CHECK(ex.due(0, 6));
    CHECK_FALSE(ex.due(0, 7));
    ex.leave(0);
}

TEST_CASE("the best offer goes to the threads it beats, never to thread 0", "[route][exchange]") {
    BestExchange ex = by_iterations(4, 1);
    std::vector<std::optional<SharedPlan>> got(4);
    const std::vector<SharedPlan> offers = {{{{7}}, 70}, {{{1}}, 50}, {{{2}}, 50}, {{{9}}, 90}};
    {
        std::vector<std::jthread> pool;
        for (std::size_t k = 0; k < 4; ++k)
            pool.emplace_back([&, k] {
                got[k] = ex.meet(k, offers[k]);
                ex.leave(k);
            });
    }
    CHECK_FALSE(got[0].has_value());  // thread 0 keeps its own search
    CHECK_FALSE(got[1].has_value());  // its own plan is the best
    CHECK_FALSE(got[2].has_value());  // as good as the best: kept
    REQUIRE(got[3].has_value());
    CHECK(got[3]->total == 50);
    CHECK(got[3]->routes == std::vector<std::vector<fsd::Index>>{{1}});  // ties: the lower thread's
}

TEST_CASE("a thread that leaves is no longer waited for", "[route][exchange]") {
    BestExchange ex = by_iterations(2, 1);
    std::optional<SharedPlan> second;
    {
        std::jthread one([&] { ex.leave(1); });
        std::jthread zero([&] {
            (void)ex.meet(0, {{{3}}, 10});
            ex.leave(0);
        });
    }
    // And a later meeting with everyone gone but one still completes.
    BestExchange two = by_iterations(2, 1);
    {
        std::jthread zero([&] {
            (void)two.meet(0, {{{3}}, 10});
            (void)two.meet(0, {{{3}}, 10});
            two.leave(0);
        });
        std::jthread one([&] {
            second = two.meet(1, {{{4}}, 20});
            two.leave(1);
        });
    }
    REQUIRE(second.has_value());
    CHECK(second->total == 10);
}
