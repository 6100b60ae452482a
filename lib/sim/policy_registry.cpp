#include <charconv>

#include "builtin_policies.hpp"
#include "fsd/core/error.hpp"

namespace fsd {

std::string_view to_string(SimTicketStatus s) noexcept {
    switch (s) {
        case SimTicketStatus::waiting: return "waiting";
        case SimTicketStatus::queued: return "queued";
        case SimTicketStatus::en_route: return "en_route";
        case SimTicketStatus::on_site: return "on_site";
        case SimTicketStatus::parked: return "parked";
        case SimTicketStatus::resolved: return "resolved";
        case SimTicketStatus::cancelled: return "cancelled";
    }
    return "unknown";
}

std::string_view to_string(SimEngineerStatus s) noexcept {
    switch (s) {
        case SimEngineerStatus::off_shift: return "off_shift";
        case SimEngineerStatus::idle: return "idle";
        case SimEngineerStatus::travelling: return "travelling";
        case SimEngineerStatus::on_site: return "on_site";
        case SimEngineerStatus::on_break: return "on_break";
        case SimEngineerStatus::going_home: return "going_home";
    }
    return "unknown";
}

const std::vector<std::string>& builtin_policy_names() {
    static const std::vector<std::string> names{"nearest", "least_loaded", "edf", "batch", "insertion", "week"};
    return names;
}

std::unique_ptr<Policy> make_policy(const std::string& name) {
    const auto colon = name.find(':');
    const std::string base = name.substr(0, colon);
    std::optional<Duration> param;
    if (colon != std::string::npos) {
        const std::string text = name.substr(colon + 1);
        Duration v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        // The week policy's parameter is its horizon in days; the others' an interval.
        const char* unit = base == "week" ? "days" : "seconds";
        if (ec != std::errc() || end != text.data() + text.size() || v <= 0)
            throw InputError("/policy", "\"" + name + "\": the part after ':' must be a positive number of " + unit);
        param = v;
    }
    auto no_param = [&] {
        if (param) throw InputError("/policy", "policy \"" + base + "\" takes no parameter");
    };
    if (base == "nearest") return no_param(), sim_detail::make_nearest_policy();
    if (base == "least_loaded") return no_param(), sim_detail::make_least_loaded_policy();
    if (base == "edf") return no_param(), sim_detail::make_edf_policy();
    if (base == "batch") return sim_detail::make_batch_policy(param.value_or(300));
    if (base == "insertion") return sim_detail::make_insertion_policy(param.value_or(3600));
    if (base == "week") {
        sim_detail::WeekPolicyOptions o;
        if (param && *param > sim_detail::kMaxWeekHorizonDays)
            throw InputError("/policy", "\"" + name + "\": the week policy plans at most " +
                                            std::to_string(sim_detail::kMaxWeekHorizonDays) + " days ahead");
        o.horizon_days = static_cast<int>(param.value_or(o.horizon_days));
        return sim_detail::make_week_policy(o);
    }
    throw InputError("/policy", "unknown policy \"" + name +
                                    "\"; built in: nearest, least_loaded, edf, batch[:seconds], insertion[:seconds], week[:days]");
}

}  // namespace fsd
