// A plan read against a fixed problem (tests/data/io_problem_small.json).
#include <string>

#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"
#include "fuzz_data.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fsd::Problem problem = fsd::problem_from_json(fsd_fuzz::test_data("io_problem_small.json"));
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) { (void)fsd::solution_from_json(problem, text); });
}
