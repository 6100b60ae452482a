// An SLA policy and a business calendar (docs/sla.md).
#include <string>

#include "fsd/sla/sla_json.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) {
        const std::string s(text);
        try {
            (void)fsd::business_calendar_from_json(s);
        } catch (const fsd::InputError&) {
        }
        (void)fsd::sla_policy_from_json(s);
    });
}
