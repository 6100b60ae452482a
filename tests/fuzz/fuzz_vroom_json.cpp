// VROOM's input format (docs/vroom.md).
#include "fsd/io/vroom_json.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) { (void)fsd::vroom_from_json(text); });
}
