// A simulation scenario (docs/simulation.md).
#include <string>

#include "fsd/io/scenario_json.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) { (void)fsd::scenario_from_json(std::string(text)); });
}
