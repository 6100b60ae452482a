// The CSV parser every CSV input goes through, then the triage ticket columns.
#include "fsd/core/csv.hpp"
#include "fsd/triage/ticket_csv.hpp"
#include "fuzz_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) {
        const fsd::CsvTable table = fsd::parse_csv(text);
        (void)fsd::triage::tickets_from_table(table);
    });
}
