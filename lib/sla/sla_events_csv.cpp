#include "fsd/sla/sla_events_csv.hpp"

#include <charconv>
#include <string>

#include "fsd/core/csv.hpp"
#include "fsd/core/error.hpp"
#include "fsd/sla/sla_time.hpp"

namespace fsd {
namespace {

std::string_view trimmed(std::string_view v) {
    const auto b = v.find_first_not_of(' ');
    if (b == std::string_view::npos) return {};
    return v.substr(b, v.find_last_not_of(' ') - b + 1);
}

// An empty cell means 0, which the policy reads as "not given".
int whole_number(std::string_view s, const std::string& path) {
    if (s.empty()) return 0;
    if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
    int v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) return v;
    throw InputError(path, "expected a whole number, got \"" + std::string(s) + "\"");
}

}  // namespace

std::vector<SlaEventRow> parse_sla_events_csv(std::string_view text) {
    const CsvTable table = parse_csv(text);
    auto column = [&](const char* name) {
        for (std::size_t i = 0; i < table.header.size(); ++i)
            if (table.header[i] == name) return static_cast<int>(i);
        return -1;
    };
    const int c_ticket = column("ticket"), c_time = column("time"), c_event = column("event");
    if (c_ticket < 0 || c_time < 0 || c_event < 0)
        throw InputError("/events", "the CSV header needs the columns ticket, time and event");
    const int c_pri = column("priority"), c_tier = column("tier"), c_imp = column("impact"), c_urg = column("urgency");
    std::vector<SlaEventRow> rows;
    rows.reserve(table.rows.size());
    for (const auto& cells : table.rows) {
        const std::string p = "/events/" + std::to_string(rows.size());
        auto cell = [&](int c) { return c < 0 ? std::string_view() : trimmed(cells[static_cast<std::size_t>(c)]); };
        SlaEventRow r;
        r.ticket = std::string(cell(c_ticket));
        r.time = parse_sla_time(cell(c_time), p + "/time");
        r.kind = parse_sla_event_kind(cell(c_event), p + "/event");
        r.priority = whole_number(cell(c_pri), p + "/priority");
        r.tier = std::string(cell(c_tier));
        r.impact = whole_number(cell(c_imp), p + "/impact");
        r.urgency = whole_number(cell(c_urg), p + "/urgency");
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace fsd
