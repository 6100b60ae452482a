#include <cstdio>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/io/scenario_json.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sla/sla_json.hpp"
#include "fsd/sla/sla_time.hpp"
#include "json_reader.hpp"
#include "problem_json_parts.hpp"

namespace fsd {
namespace {

using io_detail::child_path;
using io_detail::Json;
using io_detail::ObjectReader;
using io_detail::read_array;
using io_detail::read_double;
using io_detail::read_duration;
using io_detail::read_int;
using io_detail::read_string;
constexpr std::string_view kFormat = "fsdispatch-scenario";

int weekday_of(const std::string& name, const std::string& path) {
    const auto& names = BusinessCalendar::weekday_names();
    for (size_t d = 0; d < names.size(); ++d)
        if (names[d] == name || names[d].substr(0, 3) == name) return static_cast<int>(d);
    throw InputError(path, "not a weekday: \"" + name + "\" (monday ... sunday, or mon ... sun)");
}

std::string time_of_day(int seconds) {
    char buf[16];
    if (seconds % 60 == 0)
        std::snprintf(buf, sizeof buf, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
    else
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return buf;
}

Coordinates read_coords(const Json& v, const std::string& path) {
    ObjectReader o(v, path, {"lat", "lon"});
    return {read_double(o.require("lat"), o.path("lat")), read_double(o.require("lon"), o.path("lon"))};
}

Json coords_json(const Coordinates& c) { return Json{{"lat", c.lat}, {"lon", c.lon}}; }

template <size_t N>
std::array<double, N> read_profile(const Json& v, const std::string& path) {
    const Json& a = read_array(v, path);
    if (a.size() != N) throw InputError(path, "give exactly " + std::to_string(N) + " weights");
    std::array<double, N> out{};
    for (size_t i = 0; i < N; ++i) out[i] = read_double(a[i], child_path(path, i));
    return out;
}

std::vector<double> read_doubles(const Json& v, const std::string& path) {
    std::vector<double> out;
    const Json& a = read_array(v, path);
    for (size_t i = 0; i < a.size(); ++i) out.push_back(read_double(a[i], child_path(path, i)));
    return out;
}

SimEngineer read_engineer(const Json& v, const std::string& path) {
    ObjectReader o(v, path, {"id", "home", "skills", "shifts", "break"});
    SimEngineer e;
    e.id = read_string(o.require("id"), o.path("id"));
    e.home = read_coords(o.require("home"), o.path("home"));
    if (const Json* s = o.get("skills")) {
        const Json& a = read_array(*s, o.path("skills"));
        for (size_t i = 0; i < a.size(); ++i) {
            ObjectReader so(a[i], child_path(o.path("skills"), i), {"skill", "level"});
            SkillLevel sk;
            sk.skill = read_string(so.require("skill"), so.path("skill"));
            if (const Json* l = so.get("level")) sk.level = static_cast<int>(read_int(*l, so.path("level"), 1, kMaxSimLevel));
            e.skills.push_back(sk);
        }
    }
    const Json& shifts = read_array(o.require("shifts"), o.path("shifts"));
    for (size_t i = 0; i < shifts.size(); ++i) {
        const std::string p = child_path(o.path("shifts"), i);
        ObjectReader so(shifts[i], p, {"days", "start", "end"});
        SimShift sh;
        const Json& days = read_array(so.require("days"), so.path("days"));
        for (size_t d = 0; d < days.size(); ++d) {
            const std::string dp = child_path(so.path("days"), d);
            sh.weekdays.push_back(weekday_of(read_string(days[d], dp), dp));
        }
        sh.start = parse_time_of_day(read_string(so.require("start"), so.path("start")), so.path("start"));
        sh.end = parse_time_of_day(read_string(so.require("end"), so.path("end")), so.path("end"));
        e.shifts.push_back(sh);
    }
    if (const Json* b = o.get_nullable("break")) {
        ObjectReader bo(*b, o.path("break"), {"earliest", "duration"});
        SimBreak br;
        br.earliest = parse_time_of_day(read_string(bo.require("earliest"), bo.path("earliest")), bo.path("earliest"));
        br.duration = read_duration(bo.require("duration"), bo.path("duration"));
        e.lunch = br;
    }
    return e;
}

TicketType read_type(const Json& v, const std::string& path) {
    ObjectReader o(v, path, {"name", "skill", "min_level", "weight", "priority_mix", "duration"});
    TicketType t;
    t.name = read_string(o.require("name"), o.path("name"));
    t.skill.skill = read_string(o.require("skill"), o.path("skill"));
    if (const Json* l = o.get("min_level")) t.skill.min_level = static_cast<int>(read_int(*l, o.path("min_level"), 1, kMaxSimLevel));
    if (const Json* w = o.get("weight")) t.weight = read_double(*w, o.path("weight"));
    t.priority_mix = read_doubles(o.require("priority_mix"), o.path("priority_mix"));
    ObjectReader d(o.require("duration"), o.path("duration"), {"median", "sigma", "empirical"});
    if (const Json* emp = d.get("empirical")) {
        if (d.get("median") || d.get("sigma"))
            throw InputError(d.path("empirical"), "give either \"empirical\" durations or \"median\" and \"sigma\", not both");
        const Json& a = read_array(*emp, d.path("empirical"));
        if (a.empty()) throw InputError(d.path("empirical"), "give at least one observed duration");
        for (size_t i = 0; i < a.size(); ++i) t.duration.empirical.push_back(read_duration(a[i], child_path(d.path("empirical"), i)));
    } else {
        t.duration.median = read_duration(d.require("median"), d.path("median"));
        if (const Json* s = d.get("sigma")) t.duration.sigma = read_double(*s, d.path("sigma"));
    }
    return t;
}

Scenario read_scenario(const Json& doc) {
    io_detail::check_header(doc, kFormat);
    ObjectReader o(doc, "", {"format", "version", "name", "start_date", "utc_offset", "region", "travel", "engineers",
                             "ticket_types", "arrivals", "first_time_fix", "cancellation", "rules", "sla", "sla_tier"});
    Scenario s;
    if (const Json* n = o.get("name")) s.name = read_string(*n, "/name");
    if (const Json* d = o.get("start_date")) s.start_date = parse_local_date(read_string(*d, "/start_date"), "/start_date");
    if (const Json* u = o.get("utc_offset")) s.utc_offset_seconds = parse_utc_offset(read_string(*u, "/utc_offset"), "/utc_offset");

    if (const Json* r = o.get("region")) {
        ObjectReader ro(*r, "/region", {"centre", "radius_km", "sites"});
        if (const Json* c = ro.get("centre")) s.region.centre = read_coords(*c, ro.path("centre"));
        if (const Json* k = ro.get("radius_km")) s.region.radius_km = read_double(*k, ro.path("radius_km"));
        if (const Json* sites = ro.get("sites")) {
            const Json& a = read_array(*sites, ro.path("sites"));
            bool weighted = false;
            for (size_t i = 0; i < a.size(); ++i) weighted = weighted || (a[i].is_object() && a[i].contains("weight"));
            for (size_t i = 0; i < a.size(); ++i) {
                const std::string p = child_path(ro.path("sites"), i);
                ObjectReader so(a[i], p, {"lat", "lon", "weight"});
                s.region.sites.push_back({read_double(so.require("lat"), so.path("lat")), read_double(so.require("lon"), so.path("lon"))});
                if (weighted) s.region.site_weights.push_back(read_double(so.require("weight"), so.path("weight")));
            }
        }
    }
    if (const Json* t = o.get("travel")) {
        ObjectReader to(*t, "/travel", {"speed_kmh", "detour_factor", "noise_sigma", "road_network"});
        if (const Json* n = to.get("road_network"))
            s.travel.road_network = io_detail::read_road_network_json(*n, to.path("road_network"), false);
        if (const Json* x = to.get("speed_kmh")) s.travel.great_circle.speed_kmh = read_double(*x, to.path("speed_kmh"));
        if (const Json* x = to.get("detour_factor")) s.travel.great_circle.detour_factor = read_double(*x, to.path("detour_factor"));
        if (const Json* x = to.get("noise_sigma")) s.travel.noise_sigma = read_double(*x, to.path("noise_sigma"));
    }
    const Json& engineers = read_array(o.require("engineers"), "/engineers");
    for (size_t i = 0; i < engineers.size(); ++i) s.engineers.push_back(read_engineer(engineers[i], child_path("/engineers", i)));
    const Json& types = read_array(o.require("ticket_types"), "/ticket_types");
    for (size_t i = 0; i < types.size(); ++i) s.ticket_types.push_back(read_type(types[i], child_path("/ticket_types", i)));

    ObjectReader ao(o.require("arrivals"), "/arrivals", {"tickets_per_day", "hour_profile", "weekday_profile", "replay"});
    if (const Json* x = ao.get("tickets_per_day")) s.arrivals.tickets_per_day = read_double(*x, ao.path("tickets_per_day"));
    if (const Json* x = ao.get("hour_profile")) s.arrivals.hour_profile = read_profile<24>(*x, ao.path("hour_profile"));
    if (const Json* x = ao.get("weekday_profile")) s.arrivals.weekday_profile = read_profile<7>(*x, ao.path("weekday_profile"));
    if (const Json* x = ao.get("replay")) {
        if (ao.get("tickets_per_day")) throw InputError(ao.path("replay"), "give either \"replay\" or \"tickets_per_day\", not both");
        const Json& a = read_array(*x, ao.path("replay"));
        if (a.empty()) throw InputError(ao.path("replay"), "a replay needs at least one ticket");
        for (size_t i = 0; i < a.size(); ++i) {
            const std::string p = child_path(ao.path("replay"), i);
            ObjectReader ro(a[i], p, {"created", "type", "lat", "lon", "priority", "duration"});
            ReplayTicket r;
            const Json& c = ro.require("created");
            r.created = c.is_string() ? unix_to_sim(s, io_detail::read_time(c, ro.path("created"))) : read_int(c, ro.path("created"));
            r.type = read_string(ro.require("type"), ro.path("type"));
            r.location = {read_double(ro.require("lat"), ro.path("lat")), read_double(ro.require("lon"), ro.path("lon"))};
            if (const Json* pr = ro.get("priority")) r.priority = static_cast<int>(read_int(*pr, ro.path("priority"), 1, kMaxSimPriority));
            if (const Json* d = ro.get("duration")) r.duration = read_duration(*d, ro.path("duration"));
            s.arrivals.replay.push_back(r);
        }
    }
    if (const Json* f = o.get("first_time_fix")) {
        ObjectReader fo(*f, "/first_time_fix", {"by_level", "follow_up_delay", "max_visits"});
        if (const Json* x = fo.get("by_level")) s.first_time_fix.by_level = read_doubles(*x, fo.path("by_level"));
        if (const Json* x = fo.get("follow_up_delay")) s.first_time_fix.follow_up_delay = read_duration(*x, fo.path("follow_up_delay"));
        if (const Json* x = fo.get("max_visits")) s.first_time_fix.max_visits = static_cast<int>(read_int(*x, fo.path("max_visits"), 1, 10));
    }
    if (const Json* c = o.get("cancellation")) {
        ObjectReader co(*c, "/cancellation", {"probability", "mean_delay"});
        if (const Json* x = co.get("probability")) s.cancellation.probability = read_double(*x, co.path("probability"));
        if (const Json* x = co.get("mean_delay")) s.cancellation.mean_delay = read_duration(*x, co.path("mean_delay"));
    }
    if (const Json* r = o.get("rules")) {
        ObjectReader ro(*r, "/rules", {"max_overtime", "duration_factor_by_level"});
        if (const Json* x = ro.get("max_overtime")) s.rules.max_overtime = read_duration(*x, ro.path("max_overtime"));
        if (const Json* x = ro.get("duration_factor_by_level"))
            s.rules.duration_factor_by_level = read_doubles(*x, ro.path("duration_factor_by_level"));
    }
    if (const Json* p = o.get("sla")) {
        try {
            s.sla = sla_policy_from_json(p->dump());
        } catch (const InputError& e) {
            throw InputError("/sla" + e.path(), e.message());
        }
    } else {
        s.sla = default_sim_sla_policy();
    }
    if (const Json* t = o.get("sla_tier")) s.sla_tier = read_string(*t, "/sla_tier");
    validate_scenario(s);
    return s;
}

}  // namespace

Scenario scenario_from_json(const std::string& text) { return read_scenario(io_detail::parse_json_text(text)); }

Scenario read_scenario_file(const std::string& path) {
    return scenario_from_json(io_detail::read_text_file(path, "scenario file"));
}

std::string scenario_to_json(const Scenario& s, int indent) {
    Json doc;
    doc["format"] = kFormat;
    doc["version"] = 1;
    doc["name"] = s.name;
    const CivilDate d = civil_from_days(s.start_date);
    char date[16];
    std::snprintf(date, sizeof date, "%04lld-%02d-%02d", static_cast<long long>(d.year), d.month, d.day);
    doc["start_date"] = date;
    doc["utc_offset"] = format_iso8601(0, s.utc_offset_seconds).substr(19);
    Json region{{"centre", coords_json(s.region.centre)}, {"radius_km", s.region.radius_km}};
    if (!s.region.sites.empty()) {
        Json sites = Json::array();
        for (size_t i = 0; i < s.region.sites.size(); ++i) {
            Json site = coords_json(s.region.sites[i]);
            if (!s.region.site_weights.empty()) site["weight"] = s.region.site_weights[i];
            sites.push_back(site);
        }
        region["sites"] = sites;
    }
    doc["region"] = region;
    doc["travel"] = Json{{"speed_kmh", s.travel.great_circle.speed_kmh},
                         {"detour_factor", s.travel.great_circle.detour_factor},
                         {"noise_sigma", s.travel.noise_sigma}};
    if (s.travel.road_network) doc["travel"]["road_network"] = io_detail::write_road_network_json(*s.travel.road_network);
    Json engineers = Json::array();
    for (const SimEngineer& e : s.engineers) {
        Json skills = Json::array();
        for (const SkillLevel& k : e.skills) skills.push_back(Json{{"skill", k.skill}, {"level", k.level}});
        Json shifts = Json::array();
        for (const SimShift& sh : e.shifts) {
            Json days = Json::array();
            for (int wd : sh.weekdays) days.push_back(BusinessCalendar::weekday_names()[static_cast<size_t>(wd)]);
            shifts.push_back(Json{{"days", days}, {"start", time_of_day(sh.start)}, {"end", time_of_day(sh.end)}});
        }
        Json ej{{"id", e.id}, {"home", coords_json(e.home)}, {"skills", skills}, {"shifts", shifts}};
        if (e.lunch) ej["break"] = Json{{"earliest", time_of_day(e.lunch->earliest)}, {"duration", e.lunch->duration}};
        engineers.push_back(ej);
    }
    doc["engineers"] = engineers;
    Json types = Json::array();
    for (const TicketType& t : s.ticket_types) {
        Json duration = t.duration.empirical.empty() ? Json{{"median", t.duration.median}, {"sigma", t.duration.sigma}}
                                                     : Json{{"empirical", t.duration.empirical}};
        types.push_back(Json{{"name", t.name},
                             {"skill", t.skill.skill},
                             {"min_level", t.skill.min_level},
                             {"weight", t.weight},
                             {"priority_mix", t.priority_mix},
                             {"duration", duration}});
    }
    doc["ticket_types"] = types;
    Json arrivals;
    if (s.arrivals.replay.empty()) {
        arrivals["tickets_per_day"] = s.arrivals.tickets_per_day;
        arrivals["hour_profile"] = s.arrivals.hour_profile;
        arrivals["weekday_profile"] = s.arrivals.weekday_profile;
    } else {
        Json replay = Json::array();
        for (const ReplayTicket& r : s.arrivals.replay) {
            Json rj{{"created", r.created}, {"type", r.type}, {"lat", r.location.lat}, {"lon", r.location.lon}, {"priority", r.priority}};
            if (r.duration) rj["duration"] = *r.duration;
            replay.push_back(rj);
        }
        arrivals["hour_profile"] = s.arrivals.hour_profile;
        arrivals["weekday_profile"] = s.arrivals.weekday_profile;
        arrivals["replay"] = replay;
    }
    doc["arrivals"] = arrivals;
    doc["first_time_fix"] = Json{{"by_level", s.first_time_fix.by_level},
                                 {"follow_up_delay", s.first_time_fix.follow_up_delay},
                                 {"max_visits", s.first_time_fix.max_visits}};
    doc["cancellation"] = Json{{"probability", s.cancellation.probability}, {"mean_delay", s.cancellation.mean_delay}};
    doc["rules"] = Json{{"max_overtime", s.rules.max_overtime}, {"duration_factor_by_level", s.rules.duration_factor_by_level}};
    doc["sla"] = Json::parse(sla_policy_to_json(s.sla));
    if (!s.sla_tier.empty()) doc["sla_tier"] = s.sla_tier;
    return io_detail::dump_json(doc, indent);
}

}  // namespace fsd
