// Events applied to a fixed live plan (the small test problem, solved with a
// fixed seed and iteration limit). A refused event must leave the plan as it
// was; an accepted one must leave a plan that reads back.
#include <cstdlib>
#include <string>

#include "fsd/io/live_plan_json.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/route/solve.hpp"
#include "fuzz_data.hpp"
#include "fuzz_reader.hpp"

namespace {

const fsd::LivePlan& day() {
    static const fsd::LivePlan plan = [] {
        const fsd::Problem problem = fsd::problem_from_json(fsd_fuzz::test_data("io_problem_small.json"));
        fsd::SolveOptions options;
        options.iteration_limit = 50;
        return fsd::LivePlan(problem, fsd::solve(problem, options), problem.engineers().front().shifts.front().start);
    }();
    return plan;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string before = fsd::live_plan_to_json(day());
    const std::string_view event(reinterpret_cast<const char*>(data), size);
    // A re-optimisation may rightly run for the seconds it asks for: not a
    // hang to report (\u escapes could spell its name).
    if (event.find("reoptimi") != std::string_view::npos || event.find("\\u") != std::string_view::npos) return 0;
    fsd::LivePlan plan = day();
    try {
        (void)fsd::apply_event_json(plan, event);
    } catch (const fsd::InputError&) {
        if (fsd::live_plan_to_json(plan) != before) std::abort();  // a refused event changed the plan
        return 0;
    }
    try {
        (void)fsd::live_plan_from_json(fsd::live_plan_to_json(plan));
    } catch (const fsd::InputError&) {
        std::abort();  // an accepted event left a plan that does not read back
    }
    return 0;
}
