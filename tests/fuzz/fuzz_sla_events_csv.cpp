// The SLA event table of `fsd sla` (CSV), then the clocks it drives: grouped
// into tickets under the test policy, read as status rows and escalations a
// day after the last event.
#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "fsd/sla/escalation.hpp"
#include "fsd/sla/sla_events_csv.hpp"
#include "fsd/sla/sla_json.hpp"
#include "fuzz_reader.hpp"

namespace {

fsd::SlaPolicy test_policy() {
    std::ifstream in(FSD_TEST_DATA "/sla_policy.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return fsd::sla_policy_from_json(text.str());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fsd::SlaPolicy policy = test_policy();
    return fsd_fuzz::read_or_refuse(data, size, [](std::string_view text) {
        const auto rows = fsd::parse_sla_events_csv(text);
        const auto tickets = fsd::group_sla_events(rows, policy);
        fsd::Time last = 0;
        for (const auto& r : rows) last = std::max(last, r.time);
        const fsd::Time at = last + 86'400;
        (void)fsd::sla_status_table(tickets, policy, at);
        (void)fsd::sla_escalations(tickets, policy, at);
    });
}
