// A batch of waiting tickets for `fsd assign` (docs/assign.md).
#include <string>

#include "fsd/assign/assign_json.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) { (void)fsd::assign_batch_from_json(std::string(text)); });
}
