#include "fsd/staffing/field_staffing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <set>
#include <string_view>

#include "fsd/core/error.hpp"
#include "fsd/core/seeded_draw.hpp"
#include "fsd/sim/policy.hpp"
#include "fsd/sim/simulate.hpp"
#include "fsd/sim/ticket_stream.hpp"

namespace fsd {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kCopyJitterKm = 2.0;
constexpr double kKmPerDegree = 111.32;
constexpr int kMaxFieldEvaluations = 100'000;
const std::string kDefaultPolicy = "nearest";

// FNV-1a: a copy's home depends on its name, not on how many others exist.
std::uint64_t name_hash(std::string_view s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return h;
}

Coordinates jittered_home(const Coordinates& home, std::uint64_t seed, const std::string& id) {
    SeededDraw rng(splitmix64(seed ^ splitmix64(name_hash(id))));
    const auto dir = rng.direction();
    // sqrt of a uniform: uniform over the disc's area, not crowded at its centre.
    const double r = kCopyJitterKm * std::sqrt(rng.unit());
    const double lat = std::clamp(home.lat + r * dir[1] / kKmPerDegree, -89.9, 89.9);
    const double cos_lat = std::max(0.01, std::cos(home.lat * std::numbers::pi / 180.0));
    double lon = home.lon + r * dir[0] / (kKmPerDegree * cos_lat);
    if (lon > 180.0) lon -= 360.0;
    if (lon < -180.0) lon += 360.0;
    return Coordinates{lat, lon};
}

// The metric and the priority (0 = all) a KPI name stands for.
struct KpiChoice {
    bool resolution = false;
    int priority = 0;
};

KpiChoice parse_kpi(const std::string& kpi) {
    const std::string where = "/kpi";
    const auto colon = kpi.find(':');
    const std::string metric = kpi.substr(0, colon);
    KpiChoice c;
    if (metric == "sla_resolution_rate") c.resolution = true;
    else if (metric != "sla_response_rate")
        throw InputError(where, "\"" + kpi + "\" is not an attainment KPI: sla_response_rate or sla_resolution_rate, optionally :PRIORITY");
    if (colon != std::string::npos) {
        const std::string p = kpi.substr(colon + 1);
        const bool digits = !p.empty() && p.size() <= 3 && std::all_of(p.begin(), p.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!digits) throw InputError(where, "the priority after ':' is a whole number, got \"" + p + "\"");
        c.priority = std::stoi(p);
        if (c.priority < 1 || c.priority > kMaxSimPriority)
            throw InputError(where, "a priority lies between 1 and " + std::to_string(kMaxSimPriority));
    }
    return c;
}

const std::string& policy_name(const FieldStaffingOptions& o) { return o.policy.empty() ? kDefaultPolicy : o.policy; }

int max_count(const FieldStaffingOptions& o, int today) {
    return o.max_headcount_per_group > 0 ? o.max_headcount_per_group : 2 * today + 2;
}

struct RunOutcome {
    double attainment = kNaN;
    double breaches = 0;
    double engineer_hours = 0;
};

// Met and breached SLAs of the chosen metric, counted as compute_kpis counts
// them (cancelled tickets left out; an SLA still running at the horizon counts
// only once its deadline has passed), so that the attainment equals the
// simulator's KPI of that name.
RunOutcome outcome_of(const SimResult& r, const KpiChoice& kpi) {
    const SimLog& log = r.log;
    const size_t nt = log.tickets.size();
    std::vector<char> created(nt, 0), cancelled(nt, 0);
    std::vector<Time> arrival(nt, kTimeMax), resolved(nt, kTimeMax);
    for (const SimEvent& ev : log.events) {
        if (ev.ticket < 0 || static_cast<size_t>(ev.ticket) >= nt) continue;
        const auto t = static_cast<size_t>(ev.ticket);
        if (ev.kind == SimEventKind::created) created[t] = 1;
        else if (ev.kind == SimEventKind::arrive) arrival[t] = std::min(arrival[t], ev.time);
        else if (ev.kind == SimEventKind::service_end && ev.value != 0 && resolved[t] == kTimeMax) resolved[t] = ev.time;
        else if (ev.kind == SimEventKind::cancelled) cancelled[t] = 1;
    }
    int met = 0, breached = 0;
    for (size_t t = 0; t < nt; ++t) {
        const LoggedTicket& lt = log.tickets[t];
        if (!created[t] || cancelled[t]) continue;
        if (kpi.priority != 0 && lt.priority != kpi.priority) continue;
        const Time deadline = kpi.resolution ? lt.resolution_deadline : lt.response_deadline;
        const Time done = kpi.resolution ? resolved[t] : arrival[t];
        if (deadline == kTimeMax) continue;
        if (done != kTimeMax) (done <= deadline ? met : breached) += 1;
        else if (log.horizon_end > deadline) breached += 1;
    }
    RunOutcome out;
    out.attainment = met + breached == 0 ? kNaN : static_cast<double>(met) / (met + breached);
    out.breaches = breached;
    double scheduled = 0;
    for (const LoggedShift& s : log.shifts) scheduled += static_cast<double>(s.end - s.start);
    out.engineer_hours = scheduled / 3600.0 + r.report.kpis.overtime_hours;
    return out;
}

void check_headcount(const FieldGroups& groups, const std::vector<int>& headcount) {
    if (headcount.size() != groups.size())
        throw InputError("/headcount", "one count per group: " + std::to_string(groups.size()) + " groups, " +
                                           std::to_string(headcount.size()) + " counts");
    std::int64_t total = 0;
    for (size_t g = 0; g < headcount.size(); ++g) {
        if (headcount[g] < 0) throw InputError("/headcount/" + std::to_string(g), "a headcount cannot be negative");
        total += headcount[g];
        if (total > static_cast<std::int64_t>(kMaxSimEngineers))
            throw InputError("/headcount/" + std::to_string(g),
                             "at most " + std::to_string(kMaxSimEngineers) + " engineers in all");
    }
}

// The search state: evaluations cached by headcount, the budget, progress.
class Search {
public:
    Search(const Scenario& s, const FieldGroups& g, const FieldStaffingOptions& o) : scenario_(s), groups_(g), options_(o) {}

    /// The point of `h`, simulated once; nullptr when the budget is spent.
    const StaffingPoint* eval(const std::vector<int>& h) {
        auto it = cache_.find(h);
        if (it != cache_.end()) return &points_[it->second];
        StaffingPoint p;
        Scenario staffed = with_headcount(scenario_, groups_, h, options_.seed);
        if (!covers_all_types(staffed)) {
            p = uncovered(h);
        } else {
            if (evaluations_ >= options_.max_evaluations) {
                exhausted_ = true;
                return nullptr;
            }
            p = evaluate_headcount(scenario_, groups_, h, options_, 0);
            ++evaluations_;
            simulations_ += options_.replications;
            if (options_.progress) options_.progress(evaluations_, options_.max_evaluations);
        }
        points_.push_back(std::move(p));
        cache_[h] = points_.size() - 1;
        return &points_.back();
    }

    StaffingPoint uncovered(const std::vector<int>& h) const {
        StaffingPoint p;
        p.headcount = h;
        p.engineers = std::accumulate(h.begin(), h.end(), 0);
        p.covered = false;
        p.attainment = {kNaN, kNaN, 0};
        p.engineer_hours = p.breaches = p.engineer_cost = p.breach_cost = p.total_cost = kNaN;
        return p;
    }

    bool meets(const std::vector<int>& h) {
        const StaffingPoint* p = eval(h);
        return p != nullptr && p->accepted;
    }

    const std::vector<StaffingPoint>& points() const { return points_; }
    int evaluations() const { return evaluations_; }
    std::int64_t simulations() const { return simulations_; }
    bool exhausted() const { return exhausted_; }
    void add_simulations(std::int64_t n) { simulations_ += n; }

private:
    const Scenario& scenario_;
    const FieldGroups& groups_;
    const FieldStaffingOptions& options_;
    std::map<std::vector<int>, size_t> cache_;
    std::vector<StaffingPoint> points_;
    int evaluations_ = 0;
    std::int64_t simulations_ = 0;
    bool exhausted_ = false;
};

// Smallest count of group g in [0, hi] the search accepts with the other
// groups as in `base` (base[g] = hi is known to meet it). Assumes attainment
// grows with the count; noise that breaks this is mended by the later passes.
int bisect_group(Search& search, std::vector<int> base, size_t g) {
    int lo = -1, hi = base[g];  // lo: refused (virtually for -1), hi: accepted
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        base[g] = mid;
        const StaffingPoint* p = search.eval(base);
        if (p == nullptr) break;
        (p->accepted ? hi : lo) = mid;
    }
    return hi;
}

// The first point meeting the target on the way from `low` to `high` (which
// meets it) in `steps` equal steps, every group rounded up: a bisection on
// the step, assuming, as bisect_group does, that more engineers never hurt.
std::vector<int> segment_bisection(Search& search, const std::vector<int>& low, const std::vector<int>& high) {
    int steps = 0;
    for (size_t g = 0; g < low.size(); ++g) steps = std::max(steps, high[g] - low[g]);
    if (steps == 0) return high;
    auto at = [&](int k) {
        std::vector<int> h = low;
        for (size_t g = 0; g < h.size(); ++g) h[g] += (k * (high[g] - low[g]) + steps - 1) / steps;
        return h;
    };
    int lo = -1, hi = steps;
    while (hi - lo > 1) {
        const int mid = lo + (hi - lo) / 2;
        const StaffingPoint* p = search.eval(at(mid));
        if (p == nullptr) break;
        (p->accepted ? hi : lo) = mid;
    }
    return at(hi);
}

double safe_gain(double gain, double cost) { return gain / std::max(cost, 1e-9); }

}  // namespace

FieldGroups group_engineers(const Scenario& scenario) {
    FieldGroups groups;
    std::map<std::string, size_t> index;
    for (size_t e = 0; e < scenario.engineers.size(); ++e) {
        const SimEngineer& eng = scenario.engineers[e];
        const std::string skill = eng.skills.empty() ? std::string() : eng.skills.front().skill;
        auto [it, fresh] = index.emplace(skill, groups.size());
        if (fresh) groups.push_back({skill, {}});
        groups[it->second].members.push_back(static_cast<Index>(e));
    }
    return groups;
}

std::vector<int> current_headcount(const FieldGroups& groups) {
    std::vector<int> h;
    for (const FieldGroup& g : groups) h.push_back(static_cast<int>(g.members.size()));
    return h;
}

Scenario with_headcount(const Scenario& scenario, const FieldGroups& groups, const std::vector<int>& headcount,
                        std::uint64_t seed) {
    check_headcount(groups, headcount);
    for (size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].members.empty()) throw InputError("/groups/" + std::to_string(g), "a group has at least one member");
        for (Index m : groups[g].members)
            if (m < 0 || static_cast<size_t>(m) >= scenario.engineers.size())
                throw InputError("/groups/" + std::to_string(g), "member " + std::to_string(m) + " is not an engineer of the scenario");
    }
    std::vector<char> keep(scenario.engineers.size(), 0);
    for (size_t g = 0; g < groups.size(); ++g)
        for (size_t k = 0; k < groups[g].members.size() && static_cast<int>(k) < headcount[g]; ++k)
            keep[static_cast<size_t>(groups[g].members[k])] = 1;
    Scenario out = scenario;
    out.engineers.clear();
    std::set<std::string> ids;
    for (const SimEngineer& e : scenario.engineers) ids.insert(e.id);
    for (size_t e = 0; e < scenario.engineers.size(); ++e)
        if (keep[e]) out.engineers.push_back(scenario.engineers[e]);
    for (size_t g = 0; g < groups.size(); ++g) {
        const auto& members = groups[g].members;
        const auto n = static_cast<int>(members.size());
        for (int j = n; j < headcount[g]; ++j) {
            const SimEngineer& original = scenario.engineers[static_cast<size_t>(members[static_cast<size_t>(j % n)])];
            SimEngineer copy = original;
            // Copy number 2, 3, ...; skipped past any id the scenario already uses.
            int k = j / n + 1;
            copy.id = original.id + "+" + std::to_string(k);
            while (ids.count(copy.id) > 0) copy.id = original.id + "+" + std::to_string(++k);
            ids.insert(copy.id);
            copy.home = jittered_home(original.home, seed, copy.id);
            out.engineers.push_back(std::move(copy));
        }
    }
    return out;
}

bool covers_all_types(const Scenario& scenario) {
    for (const TicketType& t : scenario.ticket_types) {
        bool served = false;
        for (const SimEngineer& e : scenario.engineers)
            if (skill_level(e, t.skill.skill) >= t.skill.min_level) {
                served = true;
                break;
            }
        if (!served) return false;
    }
    return true;
}

void validate_field_staffing_options(const FieldStaffingOptions& o) {
    if (!(o.target > 0.0 && o.target <= 1.0)) throw InputError("/target", "a target attainment lies in (0, 1]");
    parse_kpi(o.kpi);
    try {
        make_policy(policy_name(o));
    } catch (const InputError& e) {
        throw InputError("/policy", e.message());
    }
    if (o.days < 1 || o.days > kMaxSimDays) throw InputError("/days", "between 1 and " + std::to_string(kMaxSimDays) + " days");
    if (o.replications < 2 || o.replications > kMaxSimReplications)
        throw InputError("/replications", "between 2 and " + std::to_string(kMaxSimReplications) +
                                              " replications (a confidence interval needs two)");
    if (!(std::isfinite(o.cost_per_engineer_hour) && o.cost_per_engineer_hour >= 0.0))
        throw InputError("/cost_per_engineer_hour", "a cost is a finite number >= 0");
    if (!(std::isfinite(o.cost_per_breach) && o.cost_per_breach >= 0.0))
        throw InputError("/cost_per_breach", "a cost is a finite number >= 0");
    if (!(std::isfinite(o.guard) && o.guard >= 0.0 && o.guard <= 10.0))
        throw InputError("/guard", "a guard lies between 0 and 10 half-widths");
    if (o.max_evaluations < 1 || o.max_evaluations > kMaxFieldEvaluations)
        throw InputError("/max_evaluations", "between 1 and " + std::to_string(kMaxFieldEvaluations) + " evaluations");
    if (o.max_headcount_per_group < 0 || o.max_headcount_per_group > static_cast<int>(kMaxSimEngineers))
        throw InputError("/max_headcount_per_group",
                         "between 0 (automatic) and " + std::to_string(kMaxSimEngineers) + " engineers");
}

double attainment_lower(const StaffingPoint& p) { return p.attainment.mean - p.attainment.half_width; }

StaffingPoint evaluate_headcount(const Scenario& scenario, const FieldGroups& groups, const std::vector<int>& headcount,
                                 const FieldStaffingOptions& options, int first_replication) {
    validate_field_staffing_options(options);
    if (first_replication < 0 || first_replication > kMaxSimReplications)
        throw InputError("/first_replication", "between 0 and " + std::to_string(kMaxSimReplications));
    const KpiChoice kpi = parse_kpi(options.kpi);
    const Scenario staffed = with_headcount(scenario, groups, headcount, options.seed);
    validate_scenario(staffed);
    check_run_size(staffed, options.days);
    std::vector<double> attainment;
    double breaches = 0, hours = 0;
    for (int r = 0; r < options.replications; ++r) {
        const auto policy = make_policy(policy_name(options));
        SimOptions so;
        so.days = options.days;
        so.seed = replication_seed(options.seed, first_replication + r);
        const RunOutcome o = outcome_of(simulate(staffed, *policy, so), kpi);
        attainment.push_back(o.attainment);
        breaches += o.breaches;
        hours += o.engineer_hours;
    }
    const double n = options.replications;
    StaffingPoint p;
    p.headcount = headcount;
    p.engineers = std::accumulate(headcount.begin(), headcount.end(), 0);
    p.attainment = summarise(attainment);
    p.engineer_hours = hours / n;
    p.breaches = breaches / n;
    p.engineer_cost = p.engineer_hours * options.cost_per_engineer_hour;
    p.breach_cost = p.breaches * options.cost_per_breach;
    p.total_cost = p.engineer_cost + p.breach_cost;
    p.meets = p.attainment.n >= 2 && attainment_lower(p) >= options.target;
    p.accepted = p.attainment.n >= 2 && p.attainment.mean - (1.0 + options.guard) * p.attainment.half_width >= options.target;
    return p;
}

FieldStaffingResult staff_field(const Scenario& scenario, const FieldStaffingOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    validate_field_staffing_options(options);
    validate_scenario(scenario);
    check_run_size(scenario, options.days);
    const FieldGroups groups = group_engineers(scenario);
    const std::vector<int> today = current_headcount(groups);
    std::vector<int> cap;
    for (int t : today) cap.push_back(std::max(t, max_count(options, t)));
    check_headcount(groups, cap);
    {
        // The largest run the search may try must be one the simulator accepts.
        const Scenario largest = with_headcount(scenario, groups, cap, options.seed);
        check_run_size(largest, options.days);
    }

    Search search(scenario, groups, options);
    FieldStaffingResult result;
    const StaffingPoint* today_point = search.eval(today);
    if (today_point != nullptr) result.today = *today_point;

    // 1. A level that meets the target: today's, else today's grown by half
    // (at least one more per group) until it does or every group is at its cap.
    std::vector<int> generous = today;
    bool feasible = search.meets(generous);
    while (!feasible && !search.exhausted() && generous != cap) {
        for (size_t g = 0; g < generous.size(); ++g)
            generous[g] = std::min(cap[g], std::max(generous[g] + 1, (3 * generous[g] + 1) / 2));
        feasible = search.meets(generous);
    }

    std::vector<int> best = generous;
    if (feasible) {
        // 2. Each group's least count with the others at the generous level:
        // a lower bound, as fewer engineers elsewhere only need more here.
        std::vector<int> low = generous;
        for (size_t g = 0; g < groups.size() && !search.exhausted(); ++g) low[g] = bisect_group(search, generous, g);
        // 3. Together the groups at their bounds may fall short (groups cover
        // each other through second skills): bisection along the segment from
        // the bounds to the generous level, whose far end meets the target.
        std::vector<int> h = segment_bisection(search, low, generous);
        {
            // 4. Remove single engineers while the target still holds, the one
            // that loses least attainment per cost saved first.
            while (!search.exhausted()) {
                const StaffingPoint* here_point = search.eval(h);
                if (here_point == nullptr) break;
                const StaffingPoint here = *here_point;
                int pick = -1;
                double pick_score = std::numeric_limits<double>::infinity();
                for (size_t g = 0; g < h.size(); ++g) {
                    if (h[g] == 0) continue;
                    std::vector<int> down = h;
                    --down[g];
                    const StaffingPoint* p = search.eval(down);
                    if (p == nullptr) break;
                    if (!p->accepted) continue;
                    const double score = safe_gain(here.attainment.mean - p->attainment.mean, here.engineer_cost - p->engineer_cost);
                    if (score < pick_score) pick = static_cast<int>(g), pick_score = score;
                }
                if (pick < 0) break;
                --h[static_cast<size_t>(pick)];
            }
            best = h;
        }
    }

    const StaffingPoint* found = search.eval(best);
    result.found = found != nullptr ? *found : search.uncovered(best);
    result.feasible = result.found.accepted;
    result.budget_exhausted = search.exhausted();
    for (size_t g = 0; g < groups.size(); ++g) result.groups.push_back({groups[g].skill, today[g], best[g]});

    const StaffingPoint* cheapest = nullptr;
    for (const StaffingPoint& p : search.points())
        if (p.covered && (cheapest == nullptr || p.total_cost < cheapest->total_cost)) cheapest = &p;
    if (cheapest != nullptr) result.cheapest = *cheapest;

    // 5. The answer and each group minus one, on replications the search never used.
    result.verification.found = evaluate_headcount(scenario, groups, best, options, options.replications);
    search.add_simulations(options.replications);
    // A point below the answer on the new replications; an empty headcount
    // when the group has no engineer to remove.
    auto verify_below = [&](size_t g, int fewer) {
        if (best[g] < fewer) return StaffingPoint{};
        std::vector<int> down = best;
        down[g] -= fewer;
        if (!covers_all_types(with_headcount(scenario, groups, down, options.seed))) return search.uncovered(down);
        search.add_simulations(options.replications);
        return evaluate_headcount(scenario, groups, down, options, options.replications);
    };
    for (size_t g = 0; g < groups.size(); ++g) {
        result.verification.minus_one.push_back(verify_below(g, 1));
        // Minus one may still meet the target on new replications (the search
        // judged it on others); then minus two tells whether the answer is
        // more than one engineer above the smallest count that meets it.
        result.verification.minus_two.push_back(result.verification.minus_one.back().meets ? verify_below(g, 2) : StaffingPoint{});
    }

    result.points = search.points();
    result.evaluations = search.evaluations();
    result.simulations = search.simulations();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace fsd
