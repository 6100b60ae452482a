// A triage model (docs/triage.md), then a prediction with it.
#include "fsd/triage/triage_model.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) {
        const fsd::triage::TriageModel model = fsd::triage::TriageModel::from_json(text);
        (void)model.predict("Dishwasher leaks water, error E15 \xe6\xb4\x97\xe7\xa2\x97\xe6\x9c\xba\xe6\xbc\x8f\xe6\xb0\xb4");
    });
}
