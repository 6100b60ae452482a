// The two integer programs of a roster (docs/staffing.md): shift
// counts covering the requirement, then people named onto those shifts.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include <coin/Cbc_C_Interface.h>
#include <fmt/format.h>

#include "fsd/core/error.hpp"
#include "fsd/staffing/roster.hpp"
#include "fsd/staffing/roster_check.hpp"

namespace fsd {
namespace {

constexpr double kInf = std::numeric_limits<double>::max();  // CBC's COIN_DBL_MAX

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Owns a CBC model so that every path (exceptions included) frees it.
class CbcModel {
public:
    CbcModel() : model_(Cbc_newModel()) {
        if (model_ == nullptr) throw std::bad_alloc();
    }
    ~CbcModel() { Cbc_deleteModel(model_); }
    CbcModel(const CbcModel&) = delete;
    CbcModel& operator=(const CbcModel&) = delete;
    Cbc_Model* get() const { return model_; }

private:
    Cbc_Model* model_;
};

// A MIP built row by row, loaded into CBC column-wise in one call.
struct Mip {
    std::vector<double> col_lb, col_ub, obj;
    std::vector<char> integer;
    std::vector<double> row_lb, row_ub;
    std::vector<std::vector<std::pair<int, double>>> rows;

    int col(double lb, double ub, double cost, bool is_integer) {
        col_lb.push_back(lb);
        col_ub.push_back(ub);
        obj.push_back(cost);
        integer.push_back(is_integer ? 1 : 0);
        return static_cast<int>(obj.size()) - 1;
    }
    int row(double lb, double ub) {
        row_lb.push_back(lb);
        row_ub.push_back(ub);
        rows.emplace_back();
        return static_cast<int>(rows.size()) - 1;
    }
    void add(int r, int c, double v) { rows[static_cast<std::size_t>(r)].push_back({c, v}); }
};

struct MipResult {
    RosterStatus status = RosterStatus::no_solution_in_time;
    std::vector<double> values;
    double objective = 0;
    double bound = 0;
    double gap = 0;
};

double relative_gap(double objective, double bound) {
    const double denom = std::max(std::abs(objective), 1e-9);
    return std::max(0.0, (objective - bound) / denom);
}

MipResult run_mip(const Mip& mip, double seconds, const RosterOptions& options) {
    MipResult out;
    const int ncols = static_cast<int>(mip.obj.size());
    if (ncols == 0) {
        out.status = RosterStatus::optimal;
        return out;
    }
    // Column-wise (compressed sparse column) copy of the rows.
    std::vector<std::vector<std::pair<int, double>>> by_col(static_cast<std::size_t>(ncols));
    for (std::size_t r = 0; r < mip.rows.size(); ++r)
        for (const auto& [c, v] : mip.rows[r]) by_col[static_cast<std::size_t>(c)].push_back({static_cast<int>(r), v});
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value;
    for (const auto& col : by_col) {
        for (const auto& [r, v] : col) {
            index.push_back(r);
            value.push_back(v);
        }
        start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    CbcModel model;
    Cbc_Model* m = model.get();
    Cbc_loadProblem(m, ncols, static_cast<int>(mip.rows.size()), start.data(), index.data(), value.data(),
                    mip.col_lb.data(), mip.col_ub.data(), mip.obj.data(), mip.row_lb.data(), mip.row_ub.data());
    for (int c = 0; c < ncols; ++c)
        if (mip.integer[static_cast<std::size_t>(c)]) Cbc_setInteger(m, c);
    Cbc_setObjSense(m, 1);
    Cbc_setLogLevel(m, options.log ? 1 : 0);
    Cbc_setMaximumSeconds(m, std::max(0.1, seconds));
    Cbc_setAllowableFractionGap(m, std::max(0.0, options.relative_gap));
    // The limit is the caller's wall clock, not CPU time (CBC's default).
    Cbc_setParameter(m, "timeMode", "elapsed");
    if (options.threads > 1) Cbc_setParameter(m, "threads", std::to_string(options.threads).c_str());
    Cbc_solve(m);

    const double* best = Cbc_bestSolution(m);
    if (Cbc_isProvenInfeasible(m) && best == nullptr) {
        out.status = RosterStatus::infeasible;
        return out;
    }
    if (best == nullptr && Cbc_isProvenOptimal(m)) best = Cbc_getColSolution(m);
    if (best == nullptr) {
        out.status = RosterStatus::no_solution_in_time;
        return out;
    }
    out.status = Cbc_isProvenOptimal(m) ? RosterStatus::optimal : RosterStatus::feasible;
    out.values.assign(best, best + ncols);
    for (int c = 0; c < ncols; ++c) {
        double& v = out.values[static_cast<std::size_t>(c)];
        if (!mip.integer[static_cast<std::size_t>(c)]) continue;
        const double r = std::round(v);
        FSD_ASSERT(std::abs(v - r) < 1e-4);  // CBC's integrality tolerance is 1e-6
        v = r;
    }
    out.objective = 0;
    for (int c = 0; c < ncols; ++c) out.objective += mip.obj[static_cast<std::size_t>(c)] * out.values[static_cast<std::size_t>(c)];
    out.bound = out.status == RosterStatus::optimal ? std::min(out.objective, Cbc_getBestPossibleObjValue(m))
                                                      : Cbc_getBestPossibleObjValue(m);
    out.bound = std::min(out.bound, out.objective);
    out.gap = relative_gap(out.objective, out.bound);
    return out;
}

// ---------------------------------------------------------------- validation

bool multiple(Duration d, Duration interval) { return d % interval == 0; }

void check_weekdays(const std::vector<int>& days, const std::string& path) {
    for (std::size_t i = 0; i < days.size(); ++i)
        if (days[i] < 0 || days[i] > 6) throw InputError(path + "/" + std::to_string(i), "a weekday is 0 (Monday) to 6 (Sunday)");
}

void check_multiple(Duration d, const RosterProblem& p, const std::string& path) {
    if (!multiple(d, p.interval))
        throw InputError(path, fmt::format("must be a multiple of the interval ({} s), got {}", p.interval, d));
}

void check_cost(double c, const std::string& path, bool may_be_negative = false) {
    if (!std::isfinite(c) || (!may_be_negative && c < 0)) throw InputError(path, "must be a finite number >= 0");
}

void validate_template(const RosterProblem& p, const ShiftTemplate& t, const std::string& path) {
    if (t.id.empty()) throw InputError(path + "/id", "must not be empty");
    if (t.weekdays.empty()) throw InputError(path + "/weekdays", "must name at least one weekday");
    check_weekdays(t.weekdays, path + "/weekdays");
    if (t.start < 0 || t.start >= kDay) throw InputError(path + "/start", "must be within the day (0 to 86399 s)");
    check_multiple(t.start, p, path + "/start");
    if (t.length <= 0 || t.length > kDay) throw InputError(path + "/length", "must be > 0 and at most 24 h");
    check_multiple(t.length, p, path + "/length");
    if (t.break_duration < 0 || t.break_duration >= t.length)
        throw InputError(path + "/break_duration", "must be >= 0 and shorter than the shift");
    check_multiple(t.break_duration, p, path + "/break_duration");
    if (t.break_duration > 0) {
        if (t.break_earliest < 0) throw InputError(path + "/break_earliest", "must be >= 0");
        check_multiple(t.break_earliest, p, path + "/break_earliest");
        check_multiple(t.break_latest, p, path + "/break_latest");
        if (t.break_latest < t.break_earliest) throw InputError(path + "/break_latest", "must be >= break_earliest");
        if (t.break_latest + t.break_duration > t.length)
            throw InputError(path + "/break_latest", "the break must end within the shift");
    }
    check_cost(t.cost, path + "/cost");
}

void validate_person(const RosterPerson& r, const std::string& path) {
    if (r.id.empty()) throw InputError(path + "/id", "must not be empty");
    if (r.min_week < 0) throw InputError(path + "/min_week", "must be >= 0");
    if (r.max_week < r.min_week) throw InputError(path + "/max_week", "must be >= min_week");
    if (r.max_shifts < 0) throw InputError(path + "/max_shifts", "must be >= 0");
    check_weekdays(r.available_weekdays, path + "/available_weekdays");
    if (r.available_start < 0 || r.available_start >= kDay)
        throw InputError(path + "/available_start", "must be within the day (0 to 86399 s)");
    if (r.available_end <= r.available_start || r.available_end > 2 * kDay)
        throw InputError(path + "/available_end", "must be after available_start and at most 48 h");
    check_cost(r.cost_per_hour, path + "/cost_per_hour");
}

// ---------------------------------------------------------------- the model

// One column of the count stage: shifts of template t on weekday d covering
// skill k with the break at `offset` seconds after the start.
struct Column {
    std::size_t t;
    int d;
    std::size_t k;
    Duration offset;
    Time start;  // from Monday 00:00
    std::vector<std::size_t> intervals;
};

Duration paid_of(const ShiftTemplate& t) { return t.break_paid ? t.length : t.length - t.break_duration; }

bool holds(const RosterPerson& r, const std::string& skill) {
    return skill.empty() || std::find(r.skills.begin(), r.skills.end(), skill) != r.skills.end();
}

bool available(const RosterPerson& r, const ShiftTemplate& t, int d) {
    return std::find(r.available_weekdays.begin(), r.available_weekdays.end(), d) != r.available_weekdays.end() &&
           t.start >= r.available_start && t.start + t.length <= r.available_end;
}

bool can_take(const RosterPerson& r, const ShiftTemplate& t, int d, const std::string& skill) {
    return r.max_shifts > 0 && paid_of(t) <= r.max_week && holds(r, skill) && available(r, t, d);
}

std::vector<Column> make_columns(const RosterProblem& p) {
    std::vector<Column> cols;
    const Time n = kWeek / p.interval;
    for (std::size_t t = 0; t < p.templates.size(); ++t) {
        const ShiftTemplate& tp = p.templates[t];
        std::set<int> days(tp.weekdays.begin(), tp.weekdays.end());
        std::vector<Duration> offsets;
        if (tp.break_duration == 0)
            offsets.push_back(0);
        else
            for (Duration b = tp.break_earliest; b <= tp.break_latest; b += p.interval) offsets.push_back(b);
        for (int d : days)
            for (std::size_t k = 0; k < p.requirements.size(); ++k) {
                const std::string& skill = p.requirements[k].skill;
                if (!tp.skills.empty() && std::find(tp.skills.begin(), tp.skills.end(), skill) == tp.skills.end()) continue;
                for (Duration b : offsets) {
                    Column c{t, d, k, b, d * kDay + tp.start, {}};
                    for (Duration s = 0; s < tp.length; s += p.interval) {
                        if (tp.break_duration > 0 && s >= b && s < b + tp.break_duration) continue;
                        c.intervals.push_back(static_cast<std::size_t>(((c.start + s) / p.interval) % n));
                    }
                    cols.push_back(std::move(c));
                }
            }
    }
    return cols;
}

std::string interval_label(const RosterProblem& p, std::size_t i) {
    const Time t = static_cast<Time>(i) * p.interval;
    return week_time_label(t) + "-" + week_time_label(t + p.interval).substr(4);
}

// Reasons no roster can exist that a glance finds, before any solver runs.
std::string obvious_infeasibility(const RosterProblem& p, const std::vector<Column>& cols) {
    for (std::size_t k = 0; k < p.requirements.size(); ++k) {
        const StaffRequirement& req = p.requirements[k];
        std::vector<char> coverable(req.required.size(), 0);
        for (const Column& c : cols)
            if (c.k == k)
                for (std::size_t i : c.intervals) coverable[i] = 1;
        int holders = 0;
        for (const RosterPerson& r : p.people) holders += holds(r, req.skill) ? 1 : 0;
        for (std::size_t i = 0; i < req.required.size(); ++i) {
            if (req.required[i] <= 0) continue;
            if (!coverable[i])
                return fmt::format("skill \"{}\" needs {} at {} but no shift template covers that interval", req.skill,
                                   req.required[i], interval_label(p, i));
            if (!p.people.empty() && holders < req.required[i])
                return fmt::format("skill \"{}\" needs {} at {} but only {} people hold the skill", req.skill,
                                   req.required[i], interval_label(p, i), holders);
        }
    }
    return "";
}

struct ShiftCountModel {
    Mip mip;
    std::vector<int> shortfall_col;  // per (k, i): k * n + i, -1 when none
};

// The count stage: x[column] integer, coverage per (skill, interval).
ShiftCountModel count_model(const RosterProblem& p, const std::vector<Column>& cols, double shortfall_cost) {
    ShiftCountModel cm;
    Mip& mip = cm.mip;
    const std::size_t n = static_cast<std::size_t>(kWeek / p.interval);
    for (const Column& c : cols) {
        double ub = kInf;
        if (!p.people.empty()) {
            int eligible = 0;
            for (const RosterPerson& r : p.people)
                eligible += can_take(r, p.templates[c.t], c.d, p.requirements[c.k].skill) ? 1 : 0;
            ub = eligible;
        }
        mip.col(0, ub, p.templates[c.t].cost, true);
    }
    cm.shortfall_col.assign(p.requirements.size() * n, -1);
    std::vector<int> cover_row(p.requirements.size() * n, -1);
    for (std::size_t k = 0; k < p.requirements.size(); ++k)
        for (std::size_t i = 0; i < n; ++i) {
            const double req = p.requirements[k].required[i];
            if (req <= 0 && p.surplus_cost <= 0) continue;
            // covered + short - surplus = required (>= when surplus is free)
            const int r = p.surplus_cost > 0 ? mip.row(req, req) : mip.row(req, kInf);
            cover_row[k * n + i] = r;
            if (shortfall_cost >= 0 && req > 0) {
                const int s = mip.col(0, req, shortfall_cost, false);
                mip.add(r, s, 1);
                cm.shortfall_col[k * n + i] = s;
            }
            if (p.surplus_cost > 0) mip.add(r, mip.col(0, kInf, p.surplus_cost, false), -1);
        }
    for (std::size_t c = 0; c < cols.size(); ++c)
        for (std::size_t i : cols[c].intervals) {
            const int r = cover_row[cols[c].k * n + i];
            if (r >= 0) mip.add(r, static_cast<int>(c), 1);
        }
    if (p.people.empty()) return cm;
    // Bounds from the people: per weekday (and skill), shifts in all, paid hours in all.
    for (int d = 0; d < 7; ++d) {
        int avail = 0;
        for (const RosterPerson& r : p.people)
            avail += std::find(r.available_weekdays.begin(), r.available_weekdays.end(), d) != r.available_weekdays.end() &&
                             r.max_shifts > 0
                         ? 1
                         : 0;
        const int row = mip.row(-kInf, avail);
        for (std::size_t c = 0; c < cols.size(); ++c)
            if (cols[c].d == d) mip.add(row, static_cast<int>(c), 1);
    }
    double shifts = 0, hours = 0;
    for (const RosterPerson& r : p.people) {
        shifts += std::min(r.max_shifts, 7 - p.rules.min_days_off);
        hours += static_cast<double>(r.max_week) / 3600.0;
    }
    const int srow = mip.row(-kInf, shifts);
    const int hrow = mip.row(-kInf, hours);
    for (std::size_t c = 0; c < cols.size(); ++c) {
        mip.add(srow, static_cast<int>(c), 1);
        mip.add(hrow, static_cast<int>(c), static_cast<double>(paid_of(p.templates[cols[c].t])) / 3600.0);
    }
    return cm;
}

RosteredShift shift_of(const RosterProblem& p, const Column& c, const std::string& person) {
    const ShiftTemplate& t = p.templates[c.t];
    RosteredShift s;
    s.person = person;
    s.template_id = t.id;
    s.weekday = c.d;
    s.start = c.start;
    s.end = c.start + t.length;
    s.break_start = c.start + (t.break_duration > 0 ? c.offset : 0);
    s.break_end = s.break_start + t.break_duration;
    s.skill = p.requirements[c.k].skill;
    return s;
}

// Names the hard-coverage intervals a priced solve leaves short.
std::string shortfall_message(const RosterProblem& p, const ShiftCountModel& cm, const MipResult& r) {
    const std::size_t n = static_cast<std::size_t>(kWeek / p.interval);
    std::vector<std::string> parts;
    int intervals = 0;
    for (std::size_t k = 0; k < p.requirements.size(); ++k)
        for (std::size_t i = 0; i < n; ++i) {
            const int c = cm.shortfall_col[k * n + i];
            if (c < 0 || r.values[static_cast<std::size_t>(c)] < 0.5) continue;
            ++intervals;
            if (parts.size() < 5)
                parts.push_back(fmt::format("skill \"{}\" at {} short by {:.0f}", p.requirements[k].skill,
                                            interval_label(p, i), r.values[static_cast<std::size_t>(c)]));
        }
    std::string msg = "hard coverage cannot be met with these templates and people: ";
    for (std::size_t j = 0; j < parts.size(); ++j) msg += (j ? "; " : "") + parts[j];
    if (intervals > static_cast<int>(parts.size())) msg += fmt::format(" (and {} more intervals)", intervals - static_cast<int>(parts.size()));
    return msg;
}

// ---------------------------------------------------------------- naming stage

// Stage-1 shifts of one template, weekday and skill: the break position
// matters to coverage but not to who may work the shift, so people are
// named per group and the group's break positions handed out afterwards.
struct Group {
    std::size_t col;                 // a representative column (any break position)
    int count;                       // shifts in the group
    std::vector<std::size_t> slots;  // the column of each shift, count entries
};

struct Naming {
    std::vector<RosteredShift> shifts;
    std::vector<std::string> unfilled;
    RosterStatus status = RosterStatus::optimal;
    double gap = 0;
    double bound = 0;  // lower bound on people's cost + min_week deficit (+ unfilled price)
};

std::string explain_unfilled(const RosterProblem& p, const Column& c, int missing) {
    const ShiftTemplate& t = p.templates[c.t];
    const std::string& skill = p.requirements[c.k].skill;
    int hold = 0, can = 0;
    for (const RosterPerson& r : p.people) {
        hold += holds(r, skill) ? 1 : 0;
        can += can_take(r, t, c.d, skill) ? 1 : 0;
    }
    std::string head = fmt::format("{} x {} to {} (template {}, skill \"{}\")", missing, week_time_label(c.start),
                                   week_time_label(c.start + t.length), t.id, skill);
    if (hold == 0) return head + ": nobody holds the skill";
    if (can == 0) return head + fmt::format(": none of the {} people with the skill is available then (or allowed so many paid hours)", hold);
    return head + fmt::format(": the {} people who could take it are on other shifts or at a limit (hours, shifts, rest, days off)", can);
}

// Two shifts of one person leave at least `rest` between them, both ways
// around the week.
bool rest_ok(Time s1, Time e1, Time s2, Time e2, Duration rest) {
    const auto mod = [](Time t) { return ((t % kWeek) + kWeek) % kWeek; };
    return mod(s2 - s1) >= (e1 - s1) + rest && mod(s1 - s2) >= (e2 - s2) + rest;
}

Time group_start(const std::vector<Column>& cols, const Group& g) { return cols[g.col].start; }
Time group_end(const RosterProblem& p, const std::vector<Column>& cols, const Group& g) {
    return cols[g.col].start + p.templates[cols[g.col].t].length;
}

// A quick feasible naming to fall back on when CBC finds nothing in time: groups with the fewest candidates first, each
// shift to the candidate furthest below min_week, then cheapest, who breaks no rule.
std::vector<std::vector<char>> greedy_naming(const RosterProblem& p, const std::vector<Column>& cols,
                                             const std::vector<Group>& groups, const std::vector<std::vector<int>>& y) {
    const std::size_t np = p.people.size(), ng = groups.size();
    std::vector<std::vector<char>> take(np, std::vector<char>(ng, 0));
    std::vector<std::array<int, 7>> on_day(np);
    for (auto& days : on_day) days.fill(-1);
    std::vector<Duration> paid(np, 0);
    std::vector<int> shifts(np, 0);
    std::vector<std::size_t> order(ng);
    std::vector<int> candidates(ng, 0);
    for (std::size_t g = 0; g < ng; ++g) {
        order[g] = g;
        for (std::size_t r = 0; r < np; ++r) candidates[g] += y[r][g] >= 0 ? 1 : 0;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return candidates[a] < candidates[b]; });
    const int k_consec = p.rules.max_consecutive_days;
    for (std::size_t g : order) {
        const int d = cols[groups[g].col].d;
        const Duration h = paid_of(p.templates[cols[groups[g].col].t]);
        const Time s = group_start(cols, groups[g]), e = group_end(p, cols, groups[g]);
        for (int n = 0; n < groups[g].count; ++n) {
            std::size_t best = np;
            for (std::size_t r = 0; r < np; ++r) {
                const RosterPerson& person = p.people[r];
                if (y[r][g] < 0 || on_day[r][static_cast<std::size_t>(d)] >= 0) continue;
                if (shifts[r] + 1 > std::min(person.max_shifts, 7 - p.rules.min_days_off) || paid[r] + h > person.max_week)
                    continue;
                bool ok = true;
                for (int other : on_day[r])
                    if (other >= 0)
                        ok = ok && rest_ok(s, e, group_start(cols, groups[static_cast<std::size_t>(other)]),
                                           group_end(p, cols, groups[static_cast<std::size_t>(other)]), p.rules.min_rest);
                if (!ok) continue;
                if (k_consec < 7) {
                    int run = 0;
                    for (int k = 0; k < 14 && ok; ++k) {
                        const int day = k % 7;
                        run = (day == d || on_day[r][static_cast<std::size_t>(day)] >= 0) ? run + 1 : 0;
                        ok = run <= k_consec;
                    }
                    if (!ok) continue;
                }
                if (best == np) {
                    best = r;
                    continue;
                }
                const bool below = paid[r] < person.min_week, best_below = paid[best] < p.people[best].min_week;
                if (below != best_below ? below : person.cost_per_hour < p.people[best].cost_per_hour) best = r;
            }
            if (best == np) break;
            take[best][g] = 1;
            on_day[best][static_cast<std::size_t>(d)] = static_cast<int>(g);
            paid[best] += h;
            ++shifts[best];
        }
    }
    return take;
}

Naming name_people(const RosterProblem& p, const std::vector<Column>& cols, const std::vector<Group>& groups,
                   double seconds, const RosterOptions& options) {
    Mip mip;
    const std::size_t np = p.people.size();
    double worst = 0;
    for (const RosterPerson& r : p.people)
        for (const Group& g : groups)
            worst = std::max(worst, r.cost_per_hour * static_cast<double>(paid_of(p.templates[cols[g.col].t])) / 3600.0);
    // Filling a shift must always beat leaving it empty, whatever it costs.
    const double fill_bonus = 1000.0 * (1.0 + worst + p.min_week_cost * 24.0);
    // y[p][g]: person p takes one shift of group g.
    std::vector<std::vector<int>> y(np, std::vector<int>(groups.size(), -1));
    for (std::size_t r = 0; r < np; ++r)
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const Column& c = cols[groups[g].col];
            const ShiftTemplate& t = p.templates[c.t];
            if (!can_take(p.people[r], t, c.d, p.requirements[c.k].skill)) continue;
            const double hours = static_cast<double>(paid_of(t)) / 3600.0;
            y[r][g] = mip.col(0, 1, p.people[r].cost_per_hour * hours, true);
        }
    // Each shift of a group is taken or left unfilled at the price fill_bonus;
    // an explicit column (rather than a bonus per taken shift) keeps the
    // objective, and so CBC's relative gap, on the scale of the real cost.
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const int row = mip.row(groups[g].count, groups[g].count);
        mip.add(row, mip.col(0, groups[g].count, fill_bonus, false), 1);
        for (std::size_t r = 0; r < np; ++r)
            if (y[r][g] >= 0) mip.add(row, y[r][g], 1);
    }
    const int k_consec = p.rules.max_consecutive_days;
    for (std::size_t r = 0; r < np; ++r) {
        const RosterPerson& person = p.people[r];
        std::vector<std::size_t> mine;
        for (std::size_t g = 0; g < groups.size(); ++g)
            if (y[r][g] >= 0) mine.push_back(g);
        if (mine.empty()) continue;
        auto day_of = [&](std::size_t g) { return cols[groups[g].col].d; };
        for (int d = 0; d < 7; ++d) {
            const int row = mip.row(-kInf, 1);
            for (std::size_t g : mine)
                if (day_of(g) == d) mip.add(row, y[r][g], 1);
        }
        const int count_row = mip.row(-kInf, std::min(person.max_shifts, 7 - p.rules.min_days_off));
        const int hours_row = mip.row(-kInf, static_cast<double>(person.max_week) / 3600.0);
        int min_row = -1;
        if (person.min_week > 0) {
            min_row = mip.row(static_cast<double>(person.min_week) / 3600.0, kInf);
            mip.add(min_row, mip.col(0, kInf, p.min_week_cost, false), 1);
        }
        for (std::size_t g : mine) {
            const double h = static_cast<double>(paid_of(p.templates[cols[groups[g].col].t])) / 3600.0;
            mip.add(count_row, y[r][g], 1);
            mip.add(hours_row, y[r][g], h);
            if (min_row >= 0) mip.add(min_row, y[r][g], h);
        }
        if (k_consec < 7)
            for (int d = 0; d < 7; ++d) {
                const int row = mip.row(-kInf, k_consec);
                for (std::size_t g : mine) {
                    const int ahead = ((day_of(g) - d) % 7 + 7) % 7;
                    if (ahead <= k_consec) mip.add(row, y[r][g], 1);
                }
            }
        // Rest: a shift class (same weekday, start and end) against the
        // shifts of another weekday too close to it; at most one shift a day
        // makes "class + conflicts on that day <= 1" exact.
        std::map<std::pair<Time, Time>, std::vector<std::size_t>> classes;
        for (std::size_t g : mine) {
            const Column& c = cols[groups[g].col];
            classes[{c.start, c.start + p.templates[c.t].length}].push_back(g);
        }
        for (const auto& [span, members] : classes) {
            const int d = day_of(members.front());
            // Each pair of weekdays once: the earlier weekday's class holds the row.
            for (int e = d + 1; e < 7; ++e) {
                std::vector<std::size_t> conflicts;
                for (std::size_t g : mine) {
                    if (day_of(g) != e) continue;
                    const Column& c = cols[groups[g].col];
                    if (!rest_ok(span.first, span.second, c.start, c.start + p.templates[c.t].length, p.rules.min_rest))
                        conflicts.push_back(g);
                }
                if (conflicts.empty()) continue;
                const int row = mip.row(-kInf, 1);
                for (std::size_t g : members) mip.add(row, y[r][g], 1);
                for (std::size_t g : conflicts) mip.add(row, y[r][g], 1);
            }
        }
    }
    MipResult res = run_mip(mip, seconds, options);
    // The greedy naming (every rule holds) replaces CBC's when it fills more
    // shifts: CBC found nothing in time, or stopped on a roster that leaves
    // shifts it could have filled. (Measured on the benchmark as a MIP start
    // instead, a greedy naming that left a shift unfilled steered CBC away
    // from its feasibility pump and ended worse: gap 4.4 % instead of 0.9 %.)
    const std::vector<std::vector<char>> greedy = greedy_naming(p, cols, groups, y);
    int greedy_filled = 0, cbc_filled = 0;
    for (std::size_t r = 0; r < np; ++r)
        for (std::size_t g = 0; g < groups.size(); ++g) {
            greedy_filled += greedy[r][g];
            if (y[r][g] >= 0 && !res.values.empty()) cbc_filled += res.values[static_cast<std::size_t>(y[r][g])] > 0.5;
        }
    if (res.values.empty() || greedy_filled > cbc_filled) {
        res.values.assign(mip.obj.size(), 0.0);
        for (std::size_t r = 0; r < np; ++r)
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (greedy[r][g]) res.values[static_cast<std::size_t>(y[r][g])] = 1;
        if (res.status == RosterStatus::no_solution_in_time) res.bound = 0;  // every cost of this stage is >= 0
        res.status = RosterStatus::feasible;
        res.gap = 1;
    }
    Naming out;
    out.status = res.status;
    out.gap = res.gap;
    out.bound = std::max(0.0, res.bound);
    std::vector<int> filled(groups.size(), 0);
    if (!res.values.empty())
        for (std::size_t r = 0; r < np; ++r)
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (y[r][g] >= 0 && res.values[static_cast<std::size_t>(y[r][g])] > 0.5) {
                    FSD_ASSERT(filled[g] < groups[g].count);
                    out.shifts.push_back(shift_of(p, cols[groups[g].slots[static_cast<std::size_t>(filled[g])]], p.people[r].id));
                    ++filled[g];
                }
    for (std::size_t g = 0; g < groups.size(); ++g)
        if (filled[g] < groups[g].count) out.unfilled.push_back(explain_unfilled(p, cols[groups[g].col], groups[g].count - filled[g]));
    return out;
}

RosterStatus worse(RosterStatus a, RosterStatus b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

}  // namespace

const char* to_string(RosterStatus status) noexcept {
    switch (status) {
        case RosterStatus::optimal: return "optimal";
        case RosterStatus::feasible: return "feasible";
        case RosterStatus::infeasible: return "infeasible";
        case RosterStatus::no_solution_in_time: return "no_solution_in_time";
    }
    return "unknown";
}

std::string week_time_label(Time t) {
    static const char* const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    const Time w = ((t % kWeek) + kWeek) % kWeek;
    const Time s = w % kDay;
    return fmt::format("{} {:02}:{:02}", names[w / kDay], s / 3600, (s % 3600) / 60);
}

void validate_roster_problem(const RosterProblem& p) {
    if (p.interval <= 0 || kDay % p.interval != 0)
        throw InputError("/interval", fmt::format("must divide a day (86400 s) evenly, got {}", p.interval));
    const std::size_t n = static_cast<std::size_t>(kWeek / p.interval);
    std::set<std::string> skills;
    for (std::size_t k = 0; k < p.requirements.size(); ++k) {
        const std::string path = "/requirements/" + std::to_string(k);
        if (!skills.insert(p.requirements[k].skill).second) throw InputError(path + "/skill", "skill given twice");
        if (p.requirements[k].required.size() != n)
            throw InputError(path + "/required", fmt::format("needs {} entries (one week of {} s intervals), got {}", n,
                                                             p.interval, p.requirements[k].required.size()));
        for (std::size_t i = 0; i < n; ++i)
            if (p.requirements[k].required[i] < 0) throw InputError(path + "/required/" + std::to_string(i), "must be >= 0");
    }
    std::set<std::string> ids;
    for (std::size_t t = 0; t < p.templates.size(); ++t) {
        const std::string path = "/templates/" + std::to_string(t);
        validate_template(p, p.templates[t], path);
        if (!ids.insert(p.templates[t].id).second) throw InputError(path + "/id", "template id given twice");
    }
    ids.clear();
    for (std::size_t r = 0; r < p.people.size(); ++r) {
        const std::string path = "/people/" + std::to_string(r);
        validate_person(p.people[r], path);
        if (!ids.insert(p.people[r].id).second) throw InputError(path + "/id", "person id given twice");
    }
    if (p.rules.min_rest < 0 || p.rules.min_rest >= kWeek) throw InputError("/rules/min_rest", "must be >= 0 and below a week");
    if (p.rules.min_days_off < 0 || p.rules.min_days_off > 7) throw InputError("/rules/min_days_off", "must be 0 to 7");
    if (p.rules.max_consecutive_days < 1 || p.rules.max_consecutive_days > 7)
        throw InputError("/rules/max_consecutive_days", "must be 1 to 7");
    check_cost(p.shortfall_cost, "/shortfall_cost", true);
    check_cost(p.surplus_cost, "/surplus_cost");
    check_cost(p.min_week_cost, "/min_week_cost");
}

Roster solve_roster(const RosterProblem& p, const RosterOptions& options) {
    const Clock::time_point t0 = Clock::now();
    validate_roster_problem(p);
    if (!(options.time_limit > 0)) throw InputError("time_limit", "must be > 0 seconds");
    if (!(options.relative_gap >= 0)) throw InputError("relative_gap", "must be >= 0");
    if (options.threads < 1) throw InputError("threads", "must be >= 1");
    Roster out;
    const std::vector<Column> cols = make_columns(p);
    if (p.shortfall_cost < 0) {
        out.message = obvious_infeasibility(p, cols);
        if (!out.message.empty()) {
            out.status = RosterStatus::infeasible;
            out.coverage = roster_coverage(p, {});
            out.shortfall = p.requirements;
            out.seconds = seconds_since(t0);
            return out;
        }
    }
    const double count_share = p.people.empty() ? 1.0 : 0.6;
    const ShiftCountModel cm = count_model(p, cols, p.shortfall_cost);
    const MipResult counts = run_mip(cm.mip, options.time_limit * count_share, options);
    out.count_seconds = seconds_since(t0);
    out.status = counts.status;
    out.best_bound = counts.bound;
    out.gap = counts.gap;
    if (counts.status == RosterStatus::infeasible) {
        // Price the shortfall instead to name where coverage fails.
        double top = 1;
        for (const ShiftTemplate& t : p.templates) top = std::max(top, t.cost);
        const ShiftCountModel priced = count_model(p, cols, 1000.0 * top);
        const MipResult r = run_mip(priced.mip, std::max(1.0, options.time_limit - seconds_since(t0)), options);
        out.message = r.values.empty() ? "hard coverage cannot be met with these templates and people (the priced "
                                         "solve that would name the intervals found no roster in time)"
                                       : shortfall_message(p, priced, r);
    } else if (counts.status == RosterStatus::no_solution_in_time) {
        out.message = fmt::format("no roster found within the time limit of {} s", options.time_limit);
    }
    if (counts.values.empty()) {
        out.coverage = roster_coverage(p, {});
        out.shortfall = p.requirements;
        out.seconds = seconds_since(t0);
        return out;
    }
    std::vector<Group> groups;
    std::map<std::tuple<std::size_t, int, std::size_t>, std::size_t> group_of;
    for (std::size_t c = 0; c < cols.size(); ++c) {
        const int count = static_cast<int>(counts.values[c]);
        if (count <= 0) continue;
        const auto key = std::make_tuple(cols[c].t, cols[c].d, cols[c].k);
        auto it = group_of.find(key);
        if (it == group_of.end()) {
            it = group_of.emplace(key, groups.size()).first;
            groups.push_back({c, 0, {}});
        }
        Group& g = groups[it->second];
        g.count += count;
        g.slots.insert(g.slots.end(), static_cast<std::size_t>(count), c);
    }
    if (p.people.empty()) {
        for (const Group& g : groups)
            for (std::size_t c : g.slots) out.shifts.push_back(shift_of(p, cols[c], ""));
    } else {
        const Clock::time_point t1 = Clock::now();
        Naming named = name_people(p, cols, groups, std::max(1.0, options.time_limit - seconds_since(t0)), options);
        out.naming_seconds = seconds_since(t1);
        out.naming_status = named.status;
        out.naming_gap = named.gap;
        out.shifts = std::move(named.shifts);
        out.unfilled = std::move(named.unfilled);
        out.status = worse(out.status, named.status == RosterStatus::no_solution_in_time ? RosterStatus::feasible : named.status);
        // With every shift named, the two bounds add up to a bound on the
        // whole cost of the two-stage method; otherwise only the count stage's holds.
        if (named.unfilled.empty() && named.status != RosterStatus::no_solution_in_time) out.best_bound += named.bound;
    }
    std::sort(out.shifts.begin(), out.shifts.end(), [](const RosteredShift& a, const RosteredShift& b) {
        return std::tie(a.start, a.template_id, a.skill, a.person, a.break_start) <
               std::tie(b.start, b.template_id, b.skill, b.person, b.break_start);
    });
    out.coverage = roster_coverage(p, out.shifts);
    out.shortfall = out.coverage;
    for (std::size_t k = 0; k < out.shortfall.size(); ++k)
        for (std::size_t i = 0; i < out.shortfall[k].required.size(); ++i)
            out.shortfall[k].required[i] = std::max(0, p.requirements[k].required[i] - out.coverage[k].required[i]);
    out.cost = roster_cost(p, out.shifts);
    if (p.people.empty() || out.unfilled.empty()) {
        out.best_bound = std::min(out.best_bound, out.cost);
        out.gap = relative_gap(out.cost, out.best_bound);
    }
    out.seconds = seconds_since(t0);
    const std::vector<std::string> violations = check_roster(p, out);
    if (!violations.empty()) throw InternalError("the roster breaks its problem: " + violations.front());
    return out;
}

}  // namespace fsd
