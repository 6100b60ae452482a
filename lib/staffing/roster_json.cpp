#include "fsd/staffing/roster_json.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fsd/core/csv.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "../core/json_fields.hpp"

namespace fsd {
namespace {

using nlohmann::json;
using namespace json_fields;

int get_small_int(const json& j, const std::string& path) {
    const std::int64_t v = get_int(j, path);
    if (v < -1000000000 || v > 1000000000) throw InputError(path, "out of range");
    return static_cast<int>(v);
}

double get_number(const json& j, const std::string& path) {
    if (!j.is_number()) throw InputError(path, "expected a number");
    const double v = j.get<double>();
    if (!std::isfinite(v)) throw InputError(path, "expected a finite number");
    return v;
}

bool get_bool(const json& j, const std::string& path) {
    if (!j.is_boolean()) throw InputError(path, "expected true or false");
    return j.get<bool>();
}

// "HH:MM" or "HH:MM:SS"; hours may pass 24 (times past midnight, weekly hours like "48:00").
Duration parse_clock(const std::string& s, const std::string& path) {
    int h = 0, m = 0, sec = 0;
    char extra = 0;
    const int n = std::sscanf(s.c_str(), "%d:%d:%d%c", &h, &m, &sec, &extra);
    if (n < 2 || n > 3 || h < 0 || h > 168 || m < 0 || m > 59 || sec < 0 || sec > 59 ||
        s.find_first_not_of("0123456789:") != std::string::npos)
        throw InputError(path, "expected seconds or a time \"HH:MM\", got \"" + s + "\"");
    return h * 3600 + m * 60 + sec;
}

Duration get_time(const json& j, const std::string& path) {
    if (j.is_string()) return parse_clock(j.get<std::string>(), path);
    const std::int64_t v = get_int(j, path);
    if (v < 0 || v > kWeek) throw InputError(path, "must be 0 to 604800 seconds");
    return v;
}

int parse_weekday(const json& j, const std::string& path) {
    if (j.is_string()) {
        std::string s = j.get<std::string>();
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        static const char* const names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        for (int d = 0; d < 7; ++d)
            if (s.size() >= 3 && std::string(names[d]).compare(0, s.size(), s) == 0) return d;
        throw InputError(path, "a weekday is 0 (Monday) to 6 or a name like \"mon\"");
    }
    const int d = get_small_int(j, path);
    if (d < 0 || d > 6) throw InputError(path, "a weekday is 0 (Monday) to 6 (Sunday)");
    return d;
}

std::vector<int> get_weekdays(const json& j, const std::string& path) {
    std::vector<int> out;
    for (std::size_t i = 0; i < array_at(j, path).size(); ++i) out.push_back(parse_weekday(j[i], path + "/" + std::to_string(i)));
    return out;
}

std::vector<std::string> get_strings(const json& j, const std::string& path) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < array_at(j, path).size(); ++i) out.push_back(get_string(j[i], path + "/" + std::to_string(i)));
    return out;
}

std::vector<int> get_ints(const json& j, const std::string& path) {
    std::vector<int> out;
    for (std::size_t i = 0; i < array_at(j, path).size(); ++i) out.push_back(get_small_int(j[i], path + "/" + std::to_string(i)));
    return out;
}

ShiftTemplate template_from(const json& j, const std::string& p) {
    only_keys(j, p, {"id", "weekdays", "start", "length", "break_duration", "break_earliest", "break_latest", "break_paid",
                     "cost", "skills"});
    for (const char* k : {"id", "start", "length"})
        if (!j.contains(k)) throw InputError(p + "/" + k, "missing required field");
    ShiftTemplate t;
    t.id = get_string(j["id"], p + "/id");
    if (j.contains("weekdays")) t.weekdays = get_weekdays(j["weekdays"], p + "/weekdays");
    t.start = get_time(j["start"], p + "/start");
    t.length = get_time(j["length"], p + "/length");
    if (j.contains("break_duration")) t.break_duration = get_time(j["break_duration"], p + "/break_duration");
    if (j.contains("break_earliest")) t.break_earliest = get_time(j["break_earliest"], p + "/break_earliest");
    if (j.contains("break_latest")) t.break_latest = get_time(j["break_latest"], p + "/break_latest");
    else t.break_latest = t.break_earliest;
    if (j.contains("break_paid")) t.break_paid = get_bool(j["break_paid"], p + "/break_paid");
    if (j.contains("cost")) t.cost = get_number(j["cost"], p + "/cost");
    if (j.contains("skills")) t.skills = get_strings(j["skills"], p + "/skills");
    return t;
}

RosterPerson person_from(const json& j, const std::string& p) {
    only_keys(j, p, {"id", "skills", "min_week", "max_week", "max_shifts", "available_weekdays", "available_start",
                     "available_end", "cost_per_hour"});
    if (!j.contains("id")) throw InputError(p + "/id", "missing required field");
    RosterPerson r;
    r.id = get_string(j["id"], p + "/id");
    if (j.contains("skills")) r.skills = get_strings(j["skills"], p + "/skills");
    if (j.contains("min_week")) r.min_week = get_time(j["min_week"], p + "/min_week");
    if (j.contains("max_week")) r.max_week = get_time(j["max_week"], p + "/max_week");
    if (j.contains("max_shifts")) r.max_shifts = get_small_int(j["max_shifts"], p + "/max_shifts");
    if (j.contains("available_weekdays")) r.available_weekdays = get_weekdays(j["available_weekdays"], p + "/available_weekdays");
    if (j.contains("available_start")) r.available_start = get_time(j["available_start"], p + "/available_start");
    if (j.contains("available_end")) r.available_end = get_time(j["available_end"], p + "/available_end");
    if (j.contains("cost_per_hour")) r.cost_per_hour = get_number(j["cost_per_hour"], p + "/cost_per_hour");
    return r;
}

json template_json(const ShiftTemplate& t) {
    return {{"id", t.id}, {"weekdays", t.weekdays}, {"start", t.start}, {"length", t.length},
            {"break_duration", t.break_duration}, {"break_earliest", t.break_earliest}, {"break_latest", t.break_latest},
            {"break_paid", t.break_paid}, {"cost", t.cost}, {"skills", t.skills}};
}

// Local wall-clock seconds from Monday 00:00 of "YYYY-MM-DDTHH:MM[:SS]...".
Time week_time_of_iso(const std::string& s, const std::string& path) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0;
    if (s.size() < 16 || std::sscanf(s.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d", &y, &mo, &d, &h, &mi) != 5 || mo < 1 ||
        mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59)
        throw InputError(path, "expected a local date-time like \"2026-12-07T08:30\", got \"" + s + "\"");
    int sec = 0;
    if (s.size() >= 19 && s[16] == ':') sec = (s[17] - '0') * 10 + (s[18] - '0');
    const std::int64_t days = days_from_civil(y, mo, d);
    const std::int64_t weekday = ((days + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
    return weekday * 86400 + h * 3600 + mi * 60 + sec;
}

int column(const CsvTable& t, const std::string& name) {
    for (std::size_t i = 0; i < t.header.size(); ++i)
        if (t.header[i] == name) return static_cast<int>(i);
    return -1;
}

}  // namespace

std::vector<ShiftTemplate> shift_templates_from_json(const std::string& text) {
    const json j = parse_text(text);
    std::vector<ShiftTemplate> out;
    for (std::size_t i = 0; i < array_at(j, "").size(); ++i) out.push_back(template_from(j[i], "/" + std::to_string(i)));
    // Checked on a one-second grid: the problem's interval is not known yet.
    RosterProblem alone;
    alone.interval = 1;
    alone.templates = out;
    try {
        validate_roster_problem(alone);
    } catch (const InputError& e) {
        const std::string prefix = "/templates";
        throw InputError(e.path().rfind(prefix, 0) == 0 ? e.path().substr(prefix.size()) : e.path(), e.message());
    }
    return out;
}

RosterProblem roster_problem_from_json(const std::string& text) {
    const json j = parse_text(text);
    only_keys(j, "", {"interval", "requirements", "templates", "people", "rules", "shortfall_cost", "surplus_cost",
                      "min_week_cost"});
    RosterProblem p;
    if (j.contains("interval")) p.interval = get_int(j["interval"], "/interval");
    if (p.interval <= 0 || 86400 % p.interval != 0)
        throw InputError("/interval", fmt::format("must divide a day (86400 s) evenly, got {}", p.interval));
    if (j.contains("requirements")) {
        const json& rs = array_at(j["requirements"], "/requirements");
        for (std::size_t i = 0; i < rs.size(); ++i) {
            const std::string path = "/requirements/" + std::to_string(i);
            only_keys(rs[i], path, {"skill", "required"});
            if (!rs[i].contains("required")) throw InputError(path + "/required", "missing required field");
            StaffRequirement r;
            if (rs[i].contains("skill")) r.skill = get_string(rs[i]["skill"], path + "/skill");
            r.required = get_ints(rs[i]["required"], path + "/required");
            p.requirements.push_back(std::move(r));
        }
    }
    if (j.contains("templates")) {
        const json& ts = array_at(j["templates"], "/templates");
        for (std::size_t i = 0; i < ts.size(); ++i) p.templates.push_back(template_from(ts[i], "/templates/" + std::to_string(i)));
    }
    if (j.contains("people")) {
        const json& ps = array_at(j["people"], "/people");
        for (std::size_t i = 0; i < ps.size(); ++i) p.people.push_back(person_from(ps[i], "/people/" + std::to_string(i)));
    }
    if (j.contains("rules")) {
        const json& r = j["rules"];
        only_keys(r, "/rules", {"min_rest", "min_days_off", "max_consecutive_days"});
        if (r.contains("min_rest")) p.rules.min_rest = get_time(r["min_rest"], "/rules/min_rest");
        if (r.contains("min_days_off")) p.rules.min_days_off = get_small_int(r["min_days_off"], "/rules/min_days_off");
        if (r.contains("max_consecutive_days"))
            p.rules.max_consecutive_days = get_small_int(r["max_consecutive_days"], "/rules/max_consecutive_days");
    }
    if (j.contains("shortfall_cost") && !j["shortfall_cost"].is_null())
        p.shortfall_cost = get_number(j["shortfall_cost"], "/shortfall_cost");
    if (j.contains("surplus_cost")) p.surplus_cost = get_number(j["surplus_cost"], "/surplus_cost");
    if (j.contains("min_week_cost")) p.min_week_cost = get_number(j["min_week_cost"], "/min_week_cost");
    validate_roster_problem(p);
    return p;
}

std::string roster_problem_to_json(const RosterProblem& p) {
    json j;
    j["interval"] = p.interval;
    j["requirements"] = json::array();
    for (const StaffRequirement& r : p.requirements) j["requirements"].push_back({{"skill", r.skill}, {"required", r.required}});
    j["templates"] = json::array();
    for (const ShiftTemplate& t : p.templates) j["templates"].push_back(template_json(t));
    j["people"] = json::array();
    for (const RosterPerson& r : p.people)
        j["people"].push_back({{"id", r.id}, {"skills", r.skills}, {"min_week", r.min_week}, {"max_week", r.max_week},
                               {"max_shifts", r.max_shifts}, {"available_weekdays", r.available_weekdays},
                               {"available_start", r.available_start}, {"available_end", r.available_end},
                               {"cost_per_hour", r.cost_per_hour}});
    j["rules"] = {{"min_rest", p.rules.min_rest}, {"min_days_off", p.rules.min_days_off},
                  {"max_consecutive_days", p.rules.max_consecutive_days}};
    j["shortfall_cost"] = p.shortfall_cost;
    j["surplus_cost"] = p.surplus_cost;
    j["min_week_cost"] = p.min_week_cost;
    return j.dump(1) + "\n";
}

std::vector<StaffRequirement> roster_requirements_from_csv(const std::string& text, Duration interval) {
    if (interval <= 0 || 86400 % interval != 0)
        throw InputError("interval", fmt::format("must divide a day (86400 s) evenly, got {}", interval));
    const CsvTable t = parse_csv(text);
    const int c_req = column(t, "required"), c_skill = column(t, "skill"), c_start = column(t, "interval_start"),
              c_day = column(t, "weekday"), c_time = column(t, "time");
    if (c_req < 0) throw InputError("/header", "needs a column \"required\"");
    if (c_start < 0 && (c_day < 0 || c_time < 0))
        throw InputError("/header", "needs a column \"interval_start\" or the columns \"weekday\" and \"time\"");
    const std::size_t n = static_cast<std::size_t>(kWeek / interval);
    std::vector<StaffRequirement> out;
    std::map<std::string, std::size_t> index;
    std::vector<std::vector<char>> seen;
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& row = t.rows[i];
        const std::string p = "/rows/" + std::to_string(i) + "/";
        const std::string skill = c_skill >= 0 ? row[static_cast<std::size_t>(c_skill)] : "";
        Time at = 0;
        if (c_start >= 0) {
            at = week_time_of_iso(row[static_cast<std::size_t>(c_start)], p + "interval_start");
        } else {
            const std::string& day = row[static_cast<std::size_t>(c_day)];
            const bool digits = !day.empty() && day.size() <= 2 &&
                                std::all_of(day.begin(), day.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
            at = parse_weekday(digits ? json(std::stoi(day)) : json(day), p + "weekday") * 86400;
            const Duration tod = parse_clock(row[static_cast<std::size_t>(c_time)], p + "time");
            if (tod >= 86400) throw InputError(p + "time", "must be before 24:00");
            at += tod;
        }
        if (at % interval != 0)
            throw InputError(p + (c_start >= 0 ? "interval_start" : "time"),
                             fmt::format("must fall on an interval boundary ({} s)", interval));
        const std::string& req_text = row[static_cast<std::size_t>(c_req)];
        int req = 0;
        std::size_t used = 0;
        try {
            req = std::stoi(req_text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != req_text.size() || req < 0)
            throw InputError(p + "required", "expected a whole number >= 0, got \"" + req_text + "\"");
        auto it = index.find(skill);
        if (it == index.end()) {
            it = index.emplace(skill, out.size()).first;
            out.push_back({skill, std::vector<int>(n, 0)});
            seen.emplace_back(n, 0);
        }
        const std::size_t slot = static_cast<std::size_t>(at / interval);
        if (seen[it->second][slot]) throw InputError(p + "required", "skill \"" + skill + "\" at " + week_time_label(at) + " given twice");
        seen[it->second][slot] = 1;
        out[it->second].required[slot] = req;
    }
    return out;
}

std::string roster_to_json(const RosterProblem& problem, const Roster& r) {
    json j;
    j["status"] = to_string(r.status);
    j["cost"] = r.cost;
    j["best_bound"] = r.best_bound;
    j["gap"] = r.gap;
    j["seconds"] = r.seconds;
    j["count_seconds"] = r.count_seconds;
    j["naming_seconds"] = r.naming_seconds;
    j["naming_status"] = to_string(r.naming_status);
    j["naming_gap"] = r.naming_gap;
    j["message"] = r.message;
    j["interval"] = problem.interval;
    j["shifts"] = json::array();
    for (const RosteredShift& s : r.shifts)
        j["shifts"].push_back({{"person", s.person}, {"template", s.template_id}, {"weekday", s.weekday},
                               {"start", s.start}, {"end", s.end}, {"break_start", s.break_start},
                               {"break_end", s.break_end}, {"skill", s.skill}});
    j["coverage"] = json::array();
    for (std::size_t k = 0; k < r.coverage.size(); ++k) {
        json c = {{"skill", r.coverage[k].skill}, {"covered", r.coverage[k].required}};
        if (k < problem.requirements.size()) c["required"] = problem.requirements[k].required;
        if (k < r.shortfall.size()) c["shortfall"] = r.shortfall[k].required;
        j["coverage"].push_back(c);
    }
    j["unfilled"] = r.unfilled;
    return j.dump(1) + "\n";
}

Roster roster_from_json(const std::string& text) {
    const json j = parse_text(text);
    only_keys(j, "", {"status", "cost", "best_bound", "gap", "seconds", "count_seconds", "naming_seconds", "naming_status",
                      "naming_gap", "message", "interval", "shifts", "coverage", "unfilled"});
    Roster r;
    auto status = [](const json& v, const std::string& path) {
        const std::string s = get_string(v, path);
        for (RosterStatus st : {RosterStatus::optimal, RosterStatus::feasible, RosterStatus::infeasible,
                                RosterStatus::no_solution_in_time})
            if (s == to_string(st)) return st;
        throw InputError(path, "unknown status \"" + s + "\"");
    };
    if (j.contains("status")) r.status = status(j["status"], "/status");
    if (j.contains("naming_status")) r.naming_status = status(j["naming_status"], "/naming_status");
    if (j.contains("cost")) r.cost = get_number(j["cost"], "/cost");
    if (j.contains("best_bound")) r.best_bound = get_number(j["best_bound"], "/best_bound");
    if (j.contains("gap")) r.gap = get_number(j["gap"], "/gap");
    if (j.contains("seconds")) r.seconds = get_number(j["seconds"], "/seconds");
    if (j.contains("count_seconds")) r.count_seconds = get_number(j["count_seconds"], "/count_seconds");
    if (j.contains("naming_seconds")) r.naming_seconds = get_number(j["naming_seconds"], "/naming_seconds");
    if (j.contains("naming_gap")) r.naming_gap = get_number(j["naming_gap"], "/naming_gap");
    if (j.contains("message")) r.message = get_string(j["message"], "/message");
    if (j.contains("shifts")) {
        const json& ss = array_at(j["shifts"], "/shifts");
        for (std::size_t i = 0; i < ss.size(); ++i) {
            const std::string p = "/shifts/" + std::to_string(i);
            only_keys(ss[i], p, {"person", "template", "weekday", "start", "end", "break_start", "break_end", "skill"});
            for (const char* k : {"template", "weekday", "start", "end"})
                if (!ss[i].contains(k)) throw InputError(p + "/" + k, "missing required field");
            RosteredShift s;
            if (ss[i].contains("person")) s.person = get_string(ss[i]["person"], p + "/person");
            s.template_id = get_string(ss[i]["template"], p + "/template");
            s.weekday = parse_weekday(ss[i]["weekday"], p + "/weekday");
            s.start = get_int(ss[i]["start"], p + "/start");
            s.end = get_int(ss[i]["end"], p + "/end");
            s.break_start = ss[i].contains("break_start") ? get_int(ss[i]["break_start"], p + "/break_start") : s.start;
            s.break_end = ss[i].contains("break_end") ? get_int(ss[i]["break_end"], p + "/break_end") : s.break_start;
            if (ss[i].contains("skill")) s.skill = get_string(ss[i]["skill"], p + "/skill");
            r.shifts.push_back(std::move(s));
        }
    }
    if (j.contains("coverage")) {
        const json& cs = array_at(j["coverage"], "/coverage");
        for (std::size_t i = 0; i < cs.size(); ++i) {
            const std::string p = "/coverage/" + std::to_string(i);
            only_keys(cs[i], p, {"skill", "required", "covered", "shortfall"});
            const std::string skill = cs[i].contains("skill") ? get_string(cs[i]["skill"], p + "/skill") : "";
            r.coverage.push_back({skill, cs[i].contains("covered") ? get_ints(cs[i]["covered"], p + "/covered") : std::vector<int>{}});
            r.shortfall.push_back(
                {skill, cs[i].contains("shortfall") ? get_ints(cs[i]["shortfall"], p + "/shortfall") : std::vector<int>{}});
        }
    }
    if (j.contains("unfilled")) r.unfilled = get_strings(j["unfilled"], "/unfilled");
    return r;
}

}  // namespace fsd
