#include "fsd/sla/sla_json.hpp"

#include <initializer_list>
#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "../core/json_fields.hpp"
#include "fsd/sla/sla_time.hpp"

namespace fsd {
namespace {

using nlohmann::json;
using namespace json_fields;

Duration get_duration(const json& j, const std::string& path) {
    if (j.is_string()) return parse_sla_duration(j.get<std::string>(), path);
    const Duration d = get_int(j, path);
    if (d < 0) throw InputError(path, "a duration may not be negative");
    return d;
}

// Re-raises an error from a nested reader with the parent's path in front.
[[noreturn]] void rethrow_under(const std::string& prefix, const InputError& e) {
    throw InputError(prefix + e.path(), e.message());
}

BusinessCalendar calendar_from(const json& j, const std::string& path) {
    only_keys(j, path, {"name", "type", "utc_offset", "time_zone", "hours", "holidays"});
    int offset = 0;
    if (j.contains("utc_offset")) {
        const auto& o = j["utc_offset"];
        if (o.is_string())
            offset = parse_utc_offset(o.get<std::string>(), path + "/utc_offset");
        else
            offset = static_cast<int>(get_int(o, path + "/utc_offset"));
    }
    // A named zone carries its own offsets; giving both would leave one of them ignored.
    TimeZone zone = TimeZone::fixed(offset, path + "/utc_offset");
    if (j.contains("time_zone")) {
        if (j.contains("utc_offset"))
            throw InputError(path + "/time_zone", "give either \"time_zone\" or \"utc_offset\", not both");
        zone = TimeZone::parse(get_string(j["time_zone"], path + "/time_zone"), path + "/time_zone");
    }
    std::vector<std::int64_t> holidays;
    if (j.contains("holidays")) {
        const auto& h = array_at(j["holidays"], path + "/holidays");
        for (std::size_t i = 0; i < h.size(); ++i) {
            const std::string p = path + "/holidays/" + std::to_string(i);
            holidays.push_back(parse_local_date(get_string(h[i], p), p));
        }
    }
    std::string type = j.contains("type") ? get_string(j["type"], path + "/type") : "";
    if (type.empty()) type = j.contains("hours") ? "business" : "24x7";
    if (type != "24x7" && type != "business")
        throw InputError(path + "/type", "a calendar type is \"24x7\" or \"business\"");
    try {
        if (type == "24x7") {
            if (j.contains("hours")) throw InputError("/hours", "a 24x7 calendar takes no hours");
            return BusinessCalendar::always_open(std::move(holidays), zone);
        }
        std::array<std::vector<WorkInterval>, 7> week;
        only_keys(j["hours"], "/hours", {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"});
        for (std::size_t d = 0; d < 7; ++d) {
            const std::string& name = BusinessCalendar::weekday_names()[d];
            if (!j["hours"].contains(name)) continue;
            const std::string dp = "/hours/" + name;
            const auto& day = array_at(j["hours"][name], dp);
            for (std::size_t i = 0; i < day.size(); ++i) {
                const std::string p = dp + "/" + std::to_string(i);
                if (!day[i].is_array() || day[i].size() != 2)
                    throw InputError(p, "an interval is a pair [\"08:00\", \"12:00\"]");
                week[d].push_back({parse_time_of_day(get_string(day[i][0], p + "/0"), p + "/0"),
                                   parse_time_of_day(get_string(day[i][1], p + "/1"), p + "/1")});
            }
        }
        return BusinessCalendar(std::move(week), std::move(holidays), zone);
    } catch (const InputError& e) {
        rethrow_under(path, e);
    }
}

SlaMetric metric_from(const json& j, const std::string& path) {
    const std::string m = get_string(j, path);
    if (m == "response") return SlaMetric::response;
    if (m == "resolution") return SlaMetric::resolution;
    throw InputError(path, "a metric is \"response\" or \"resolution\", got \"" + m + "\"");
}

}  // namespace

BusinessCalendar business_calendar_from_json(const std::string& text) { return calendar_from(parse_text(text), ""); }

SlaPolicy sla_policy_from_json(const std::string& text) {
    const json j = parse_text(text);
    only_keys(j, "", {"tiers", "calendars", "priority_matrix", "targets", "escalation"});
    SlaPolicy policy;
    if (j.contains("tiers")) {
        const auto& tiers = array_at(j["tiers"], "/tiers");
        for (std::size_t i = 0; i < tiers.size(); ++i) {
            const std::string p = "/tiers/" + std::to_string(i);
            const std::string name = get_string(tiers[i], p);
            if (name.empty() || policy.tier_index(name) >= 0) throw InputError(p, "tier names must be non-empty and unique");
            policy.add_tier(name);
        }
    } else {
        policy.add_tier("standard");
    }
    if (j.contains("calendars")) {
        const auto& cals = array_at(j["calendars"], "/calendars");
        for (std::size_t i = 0; i < cals.size(); ++i) {
            const std::string p = "/calendars/" + std::to_string(i);
            if (!cals[i].is_object() || !cals[i].contains("name")) throw InputError(p + "/name", "a calendar needs a name");
            const std::string name = get_string(cals[i]["name"], p + "/name");
            if (name.empty() || policy.calendar_index(name) >= 0)
                throw InputError(p + "/name", "calendar names must be non-empty, unique and not \"24x7\"");
            policy.add_calendar(name, calendar_from(cals[i], p));
        }
    }
    if (j.contains("priority_matrix")) {
        const auto& m = array_at(j["priority_matrix"], "/priority_matrix");
        std::vector<std::vector<int>> table;
        for (std::size_t i = 0; i < m.size(); ++i) {
            const std::string p = "/priority_matrix/" + std::to_string(i);
            table.emplace_back();
            for (std::size_t k = 0; k < array_at(m[i], p).size(); ++k)
                table.back().push_back(static_cast<int>(get_int(m[i][k], p + "/" + std::to_string(k))));
        }
        policy.set_priority_matrix(PriorityMatrix(std::move(table)));
    }
    if (j.contains("targets")) {
        const auto& ts = array_at(j["targets"], "/targets");
        for (std::size_t i = 0; i < ts.size(); ++i) {
            const std::string p = "/targets/" + std::to_string(i);
            const json& t = ts[i];
            only_keys(t, p, {"priority", "tier", "metric", "duration", "calendar", "hard", "lateness_cost_per_second"});
            for (const char* k : {"priority", "tier", "metric", "duration"})
                if (!t.contains(k)) throw InputError(p + "/" + k, "missing required field");
            SlaTarget target;
            target.priority = static_cast<int>(get_int(t["priority"], p + "/priority"));
            target.tier = get_string(t["tier"], p + "/tier");
            target.metric = metric_from(t["metric"], p + "/metric");
            target.duration = get_duration(t["duration"], p + "/duration");
            if (t.contains("calendar")) target.calendar = get_string(t["calendar"], p + "/calendar");
            if (t.contains("hard")) {
                if (!t["hard"].is_boolean()) throw InputError(p + "/hard", "expected true or false");
                target.hard = t["hard"].get<bool>();
            }
            if (t.contains("lateness_cost_per_second"))
                target.lateness_cost_per_second = get_int(t["lateness_cost_per_second"], p + "/lateness_cost_per_second");
            try {
                policy.add_target(std::move(target));
            } catch (const InputError& e) {
                rethrow_under(p, e);
            }
        }
    }
    if (j.contains("escalation")) {
        const auto& es = array_at(j["escalation"], "/escalation");
        std::vector<EscalationLevel> levels;
        for (std::size_t i = 0; i < es.size(); ++i) {
            const std::string p = "/escalation/" + std::to_string(i);
            only_keys(es[i], p, {"percent", "action"});
            if (!es[i].contains("percent")) throw InputError(p + "/percent", "missing required field");
            EscalationLevel level;
            level.percent = static_cast<int>(get_int(es[i]["percent"], p + "/percent"));
            if (es[i].contains("action")) level.action = get_string(es[i]["action"], p + "/action");
            levels.push_back(std::move(level));
        }
        try {
            policy.set_escalation(std::move(levels));
        } catch (const InputError& e) {
            rethrow_under("/escalation", e);
        }
    }
    return policy;
}

std::string sla_policy_to_json(const SlaPolicy& policy) {
    json j;
    j["tiers"] = policy.tiers();
    j["calendars"] = json::array();
    for (std::size_t c = 1; c < policy.calendar_names().size(); ++c) {
        const auto& cal = policy.calendar(static_cast<int>(c));
        json cj{{"name", policy.calendar_names()[c]}};
        if (cal.time_zone().is_fixed())
            cj["utc_offset"] = cal.utc_offset();
        else
            cj["time_zone"] = cal.time_zone().name();
        json hol = json::array();
        for (auto d : cal.holidays()) hol.push_back(format_sla_time(d * 86400).substr(0, 10));
        cj["holidays"] = hol;
        if (cal.week_total() == 7 * 86400) {
            cj["type"] = "24x7";
        } else {
            json hours = json::object();
            for (std::size_t d = 0; d < 7; ++d) {
                json day = json::array();
                for (const auto& iv : cal.week()[d]) {
                    auto hm = [](int s) {
                        return format_sla_time(s).substr(11, 8);
                    };
                    day.push_back(json::array({hm(iv.start), iv.end == 86400 ? std::string("24:00:00") : hm(iv.end)}));
                }
                if (!day.empty()) hours[BusinessCalendar::weekday_names()[d]] = day;
            }
            cj["hours"] = hours;
        }
        j["calendars"].push_back(cj);
    }
    j["priority_matrix"] = policy.priority_matrix().table();
    j["targets"] = json::array();
    for (const auto& t : policy.targets())
        j["targets"].push_back({{"priority", t.priority}, {"tier", t.tier}, {"metric", to_string(t.metric)},
                                {"duration", t.duration}, {"calendar", t.calendar}, {"hard", t.hard},
                                {"lateness_cost_per_second", t.lateness_cost_per_second}});
    j["escalation"] = json::array();
    for (const auto& e : policy.escalation()) j["escalation"].push_back({{"percent", e.percent}, {"action", e.action}});
    return j.dump(2);
}

}  // namespace fsd
