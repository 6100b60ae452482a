// The OPL-style home health care instances of Mankowska et al. (docs/benchmarks.md, "HHCRSP").
#include <string>

#include "fsd/io/hhcrsp.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size,
                                    [](std::string_view text) { (void)fsd::parse_hhcrsp(std::string(text), "fuzz"); });
}
