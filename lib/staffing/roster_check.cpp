#include "fsd/staffing/roster_check.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <set>

#include <fmt/format.h>

namespace fsd {
namespace {


Time week_mod(Time t) { return ((t % kWeek) + kWeek) % kWeek; }

const ShiftTemplate* find_template(const RosterProblem& p, const std::string& id) {
    for (const ShiftTemplate& t : p.templates)
        if (t.id == id) return &t;
    return nullptr;
}

const RosterPerson* find_person(const RosterProblem& p, const std::string& id) {
    for (const RosterPerson& r : p.people)
        if (r.id == id) return &r;
    return nullptr;
}

bool contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }
bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

Duration paid_time(const RosteredShift& s, const ShiftTemplate* t) {
    const Duration length = s.end - s.start;
    return (t != nullptr && t->break_paid) ? length : length - (s.break_end - s.break_start);
}

std::string shift_label(std::size_t i, const RosteredShift& s) {
    return fmt::format("shift {} ({} {} {})", i, s.person.empty() ? "-" : s.person, s.template_id,
                       week_time_label(s.start));
}

void check_shift_shape(const RosterProblem& p, std::size_t i, const RosteredShift& s, std::vector<std::string>& out) {
    const std::string what = shift_label(i, s);
    const ShiftTemplate* t = find_template(p, s.template_id);
    if (t == nullptr) {
        out.push_back(what + ": unknown template");
        return;
    }
    if (s.weekday < 0 || s.weekday > 6 || !contains(t->weekdays, s.weekday))
        out.push_back(what + fmt::format(": weekday {} is not one of the template's", s.weekday));
    if (s.start != s.weekday * kDay + t->start) out.push_back(what + ": start differs from the template's");
    if (s.end - s.start != t->length) out.push_back(what + ": length differs from the template's");
    if (s.break_end - s.break_start != t->break_duration) out.push_back(what + ": break length differs from the template's");
    const Duration offset = s.break_start - s.start;
    if (t->break_duration > 0 &&
        (offset < t->break_earliest || offset > t->break_latest || offset % p.interval != 0))
        out.push_back(what + ": break starts outside the template's break window");
    if (t->break_duration == 0 && s.break_start != s.start) out.push_back(what + ": a shift without a break has break_start != start");
    bool known_skill = false;
    for (const StaffRequirement& r : p.requirements) known_skill = known_skill || r.skill == s.skill;
    if (!known_skill) out.push_back(what + ": skill \"" + s.skill + "\" has no requirement");
    if (!t->skills.empty() && !contains(t->skills, s.skill))
        out.push_back(what + ": the template may not cover skill \"" + s.skill + "\"");
}

void check_person_shift(const RosteredShift& s, const RosterPerson& r, const std::string& what,
                        std::vector<std::string>& out) {
    if (!s.skill.empty() && !contains(r.skills, s.skill))
        out.push_back(what + ": " + r.id + " does not hold skill \"" + s.skill + "\"");
    if (!contains(r.available_weekdays, s.weekday)) out.push_back(what + ": " + r.id + " is not available that weekday");
    const Time day = s.weekday * kDay;
    if (s.start - day < r.available_start || s.end - day > r.available_end)
        out.push_back(what + ": outside " + r.id + "'s available hours");
}

// Rules over one person's week; `mine` holds indices into roster.shifts.
void check_person_week(const RosterProblem& p, const Roster& roster, const RosterPerson& r,
                       const std::vector<std::size_t>& mine, std::vector<std::string>& out) {
    std::array<int, 7> per_day{};
    Duration paid = 0;
    for (std::size_t i : mine) {
        const RosteredShift& s = roster.shifts[i];
        if (s.weekday >= 0 && s.weekday < 7) ++per_day[static_cast<std::size_t>(s.weekday)];
        paid += paid_time(s, find_template(p, s.template_id));
    }
    for (std::size_t d = 0; d < 7; ++d)
        if (per_day[d] > 1) out.push_back(fmt::format("{}: {} shifts start on weekday {} (at most one a day)", r.id, per_day[d], d));
    if (paid > r.max_week)
        out.push_back(fmt::format("{}: {} s paid in the week, above max_week {} s", r.id, paid, r.max_week));
    if (static_cast<int>(mine.size()) > r.max_shifts)
        out.push_back(fmt::format("{}: {} shifts, above max_shifts {}", r.id, mine.size(), r.max_shifts));
    int days_worked = 0;
    for (int n : per_day) days_worked += n > 0 ? 1 : 0;
    if (7 - days_worked < p.rules.min_days_off)
        out.push_back(fmt::format("{}: {} days off, below min_days_off {}", r.id, 7 - days_worked, p.rules.min_days_off));
    if (days_worked < 7) {
        // Longest run of worked days around the week, starting after a day off.
        int run = 0, longest = 0;
        for (int k = 0; k < 14; ++k) {
            run = per_day[static_cast<std::size_t>(k % 7)] > 0 ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        if (longest > p.rules.max_consecutive_days)
            out.push_back(fmt::format("{}: {} consecutive days worked, above max_consecutive_days {}", r.id, longest,
                                      p.rules.max_consecutive_days));
    } else if (p.rules.max_consecutive_days < 7) {
        out.push_back(fmt::format("{}: works every day, above max_consecutive_days {}", r.id, p.rules.max_consecutive_days));
    }
    for (std::size_t a = 0; a < mine.size(); ++a)
        for (std::size_t b = a + 1; b < mine.size(); ++b) {
            const RosteredShift& x = roster.shifts[mine[a]];
            const RosteredShift& y = roster.shifts[mine[b]];
            // y must start at least min_rest after x ends and x (next week) after y ends.
            const bool ok = week_mod(y.start - x.start) >= (x.end - x.start) + p.rules.min_rest &&
                            week_mod(x.start - y.start) >= (y.end - y.start) + p.rules.min_rest;
            if (!ok)
                out.push_back(fmt::format("{}: less than min_rest ({} s) between the shifts starting {} and {}", r.id,
                                          p.rules.min_rest, week_time_label(x.start), week_time_label(y.start)));
        }
}

void check_coverage(const RosterProblem& p, const Roster& roster, std::vector<std::string>& out) {
    const std::vector<StaffRequirement> cov = roster_coverage(p, roster.shifts);
    if (roster.coverage.size() != cov.size() || roster.shortfall.size() != cov.size()) {
        out.push_back("coverage/shortfall: one entry per requirement expected");
        return;
    }
    for (std::size_t k = 0; k < cov.size(); ++k) {
        const StaffRequirement& req = p.requirements[k];
        if (roster.coverage[k].skill != req.skill || roster.coverage[k].required != cov[k].required)
            out.push_back("coverage of skill \"" + req.skill + "\" differs from the one recomputed from the shifts");
        std::vector<int> shortfall(req.required.size(), 0);
        int first_short = -1, total_short = 0;
        for (std::size_t i = 0; i < req.required.size(); ++i) {
            shortfall[i] = std::max(0, req.required[i] - cov[k].required[i]);
            total_short += shortfall[i];
            if (shortfall[i] > 0 && first_short < 0) first_short = static_cast<int>(i);
        }
        if (roster.shortfall[k].skill != req.skill || roster.shortfall[k].required != shortfall)
            out.push_back("shortfall of skill \"" + req.skill + "\" differs from the one recomputed from the shifts");
        if (p.shortfall_cost < 0 && total_short > 0 && roster.unfilled.empty() &&
            roster.status != RosterStatus::infeasible && roster.status != RosterStatus::no_solution_in_time)
            out.push_back(fmt::format("hard coverage of skill \"{}\" short by {} person-intervals, first at {}", req.skill,
                                      total_short, week_time_label(first_short * p.interval)));
    }
}

}  // namespace

std::vector<StaffRequirement> roster_coverage(const RosterProblem& problem, const std::vector<RosteredShift>& shifts) {
    std::vector<StaffRequirement> out;
    const Time n = kWeek / problem.interval;
    for (const StaffRequirement& r : problem.requirements) out.push_back({r.skill, std::vector<int>(r.required.size(), 0)});
    for (const RosteredShift& s : shifts) {
        if (s.end < s.start || s.end - s.start > kWeek) continue;  // a broken shift (check_roster says so) covers nothing
        for (StaffRequirement& c : out) {
            if (c.skill != s.skill || static_cast<Time>(c.required.size()) != n) continue;
            for (Time t = s.start; t < s.end; t += problem.interval) {
                if (t >= s.break_start && t < s.break_end) continue;
                ++c.required[static_cast<std::size_t>(week_mod(t) / problem.interval)];
            }
        }
    }
    return out;
}

double roster_cost(const RosterProblem& problem, const std::vector<RosteredShift>& shifts) {
    double cost = 0;
    std::map<std::string, Duration> paid;
    for (const RosteredShift& s : shifts) {
        const ShiftTemplate* t = find_template(problem, s.template_id);
        if (t != nullptr) cost += t->cost;
        if (!s.person.empty()) paid[s.person] += paid_time(s, t);
    }
    for (const RosterPerson& r : problem.people) {
        const Duration h = paid.count(r.id) ? paid[r.id] : 0;
        cost += r.cost_per_hour * static_cast<double>(h) / 3600.0;
        if (h < r.min_week) cost += problem.min_week_cost * static_cast<double>(r.min_week - h) / 3600.0;
    }
    const std::vector<StaffRequirement> cov = roster_coverage(problem, shifts);
    for (std::size_t k = 0; k < cov.size(); ++k)
        for (std::size_t i = 0; i < cov[k].required.size(); ++i) {
            const int diff = cov[k].required[i] - problem.requirements[k].required[i];
            if (diff < 0 && problem.shortfall_cost > 0) cost += problem.shortfall_cost * -diff;
            if (diff > 0) cost += problem.surplus_cost * diff;
        }
    return cost;
}

std::vector<std::string> check_roster(const RosterProblem& problem, const Roster& roster) {
    std::vector<std::string> out;
    std::map<std::string, std::vector<std::size_t>> by_person;
    for (std::size_t i = 0; i < roster.shifts.size(); ++i) {
        const RosteredShift& s = roster.shifts[i];
        check_shift_shape(problem, i, s, out);
        if (problem.people.empty()) {
            if (!s.person.empty()) out.push_back(shift_label(i, s) + ": names a person but the problem has none");
            continue;
        }
        const RosterPerson* r = find_person(problem, s.person);
        if (r == nullptr) {
            out.push_back(shift_label(i, s) + ": unknown person \"" + s.person + "\"");
            continue;
        }
        check_person_shift(s, *r, shift_label(i, s), out);
        by_person[s.person].push_back(i);
    }
    for (const auto& entry : by_person) check_person_week(problem, roster, *find_person(problem, entry.first), entry.second, out);
    check_coverage(problem, roster, out);
    return out;
}

}  // namespace fsd
