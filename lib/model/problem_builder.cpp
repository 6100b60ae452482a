#include "fsd/model/problem_builder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "fsd/core/error.hpp"
#include "fsd/model/compatibility.hpp"
#include "fsd/model/service_duration.hpp"
#include "fsd/travel/great_circle.hpp"
#include "fsd/travel/road_network.hpp"

namespace fsd {
namespace {

std::string at(const std::string& base, size_t i) { return base + "/" + std::to_string(i); }

void check_windows(const std::vector<TimeWindow>& windows, const std::string& path, const char* what) {
    for (size_t i = 0; i < windows.size(); ++i) {
        const auto& w = windows[i];
        if (w.end < w.start)
            throw InputError(at(path, i), std::string("the ") + what + " ends before it starts (" +
                                              std::to_string(w.end) + " < " + std::to_string(w.start) + ")");
        if (w.end == w.start)
            throw InputError(at(path, i), std::string("the ") + what + " is empty (it ends when it starts)");
        if (i > 0 && w.start < windows[i - 1].end)
            throw InputError(at(path, i), std::string("the ") + what +
                                              " overlaps or precedes the one before; list them in time order without overlap");
    }
}

void check_location(const Location& loc, const std::string& path, bool needs_coords, Index matrix_size) {
    if (loc.coords) check_coordinates(*loc.coords, path);
    if (needs_coords) {
        if (!loc.coords) throw InputError(path, "coordinates (lat, lon) are needed by this travel model");
    } else {
        if (!loc.matrix_index)
            throw InputError(path + "/index", "a location index into the travel matrix is needed with an explicit matrix");
        if (*loc.matrix_index < 0 || *loc.matrix_index >= matrix_size)
            throw InputError(path + "/index", "location index " + std::to_string(*loc.matrix_index) +
                                                  " is outside the travel matrix (size " + std::to_string(matrix_size) + ")");
    }
}

void check_nonnegative(long long v, const std::string& path, const char* what) {
    if (v < 0) throw InputError(path, std::string(what) + " must not be negative (got " + std::to_string(v) + ")");
}

// Costs and weights are multiplied by durations, distances and each other in
// 64-bit integers: these ceilings keep any leg, visit or left-out job far
// inside that range (docs/design.md, "Errors"), and lie beyond any real
// tariff (a million per hour of driving).
constexpr long long kMaxWeight = 10'000;                 // multipliers on cost parts
constexpr long long kMaxUnassignedWeight = 1'000'000'000'000;
constexpr long long kMaxRate = 1'000'000;                // per hour, per km, per hour of overtime
constexpr long long kMaxFixedCost = 1'000'000'000'000;
constexpr long long kMaxLatenessRate = 10'000;           // per second late
constexpr long long kMaxPenalty = 1'000'000'000'000'000;
constexpr long long kMaxPreferenceCost = 1'000'000'000'000;
// Part counts are added up along a route (stock + pickups - uses); a billion
// of one part in one van is beyond any real van and far from overflow.
constexpr long long kMaxLinkGap = 366LL * 24 * 3600;   // a year between linked visits
constexpr long long kMaxPartCount = 1'000'000'000;

void check_amount(long long v, long long most, const std::string& path, const char* what) {
    check_nonnegative(v, path, what);
    if (v > most)
        throw InputError(path, std::string(what) + " must be at most " + std::to_string(most) + " (got " + std::to_string(v) +
                                   "); larger values would overflow the engine's integer costs");
}

template <class M>
void check_matrix(const M& m, const std::string& path, Index size) {
    if (m.rows() != m.cols())
        throw InputError(path, "the matrix must be square (got " + std::to_string(m.rows()) + " rows and " +
                                   std::to_string(m.cols()) + " columns)");
    if (m.rows() != size)
        throw InputError(path, "the matrix has " + std::to_string(m.rows()) +
                                   " rows but the duration matrix has " + std::to_string(size));
    for (std::ptrdiff_t i = 0; i < m.rows(); ++i)
        for (std::ptrdiff_t j = 0; j < m.cols(); ++j)
            if (m(i, j) < 0)
                throw InputError(path + "/" + std::to_string(i) + "/" + std::to_string(j),
                                 "travel values must not be negative");
}

// Tool or part names: each non-empty and listed once ("/.../tools/I").
void check_names(const std::vector<std::string>& names, const std::string& path, const char* what) {
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty()) throw InputError(at(path, i), std::string("the ") + what + " name is empty");
        if (!seen.insert(names[i]).second)
            throw InputError(at(path, i), std::string(what) + " \"" + names[i] + "\" is listed twice");
    }
}

// Part counts (a van's stock, a job's need): names non-empty and listed once,
// counts from `least` up to kMaxPartCount ("/.../parts/I/count").
void check_part_counts(const std::vector<PartCount>& parts, const std::string& path, Amount least) {
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < parts.size(); ++i) {
        const std::string ppath = at(path, i);
        if (parts[i].part.empty()) throw InputError(ppath + "/part", "the part name is empty");
        if (!seen.insert(parts[i].part).second)
            throw InputError(ppath + "/part", "part \"" + parts[i].part + "\" is listed twice");
        if (parts[i].count < least || parts[i].count > kMaxPartCount)
            throw InputError(ppath + "/count", "the count of part \"" + parts[i].part + "\" must be between " +
                                                   std::to_string(least) + " and " + std::to_string(kMaxPartCount) +
                                                   " (got " + std::to_string(parts[i].count) + ")");
    }
}

// What the depots offer, pooled: compatibility only asks whether SOME depot
// has an item (which depot, and whether it can be reached in time, is the
// search's question).
struct DepotOffer {
    std::unordered_set<std::string> tools, parts;
};

// Index of the first tool of `job` that engineer `eng` can obtain neither
// from the van nor from a depot, or -1.
Index missing_tool(const Engineer& eng, const Job& job, const DepotOffer& offer) {
    for (size_t t = 0; t < job.tools.size(); ++t) {
        const std::string& tool = job.tools[t];
        if (offer.tools.count(tool)) continue;
        if (std::find(eng.tools.begin(), eng.tools.end(), tool) == eng.tools.end()) return static_cast<Index>(t);
    }
    return -1;
}

// Index of the first part of `job` whose need `eng`'s stock does not cover
// and no depot stocks, or -1.
Index missing_part(const Engineer& eng, const Job& job, const DepotOffer& offer) {
    for (size_t k = 0; k < job.parts.size(); ++k) {
        const PartCount& need = job.parts[k];
        if (offer.parts.count(need.part)) continue;
        const auto it = std::find_if(eng.stock.begin(), eng.stock.end(),
                                     [&](const PartCount& s) { return s.part == need.part; });
        if (it == eng.stock.end() || it->count < need.count) return static_cast<Index>(k);
    }
    return -1;
}

// Why no qualified engineer can obtain what `job` needs: the first tool or
// part that is in no qualified engineer's van (in the number needed) and at
// no depot, else (each item is somewhere, but no one van and the depots hold
// them all) the job as a whole.
ValidationWarning resource_warning(const Job& job, const std::string& path, const std::vector<Engineer>& engineers,
                                   const DepotOffer& offer) {
    const char* tail = "; the job will stay unassigned (parts_unavailable)";
    std::vector<const Engineer*> qualified;
    for (const Engineer& eng : engineers)
        if (has_skills(eng, job) && admits(job, eng)) qualified.push_back(&eng);
    for (size_t t = 0; t < job.tools.size(); ++t) {
        const std::string& tool = job.tools[t];
        if (offer.tools.count(tool)) continue;
        const bool somewhere = std::any_of(qualified.begin(), qualified.end(), [&](const Engineer* eng) {
            return std::find(eng->tools.begin(), eng->tools.end(), tool) != eng->tools.end();
        });
        if (!somewhere) return {at(path + "/tools", t), "tool \"" + tool + "\" is in no qualified engineer's van and at no depot" + tail};
    }
    for (size_t k = 0; k < job.parts.size(); ++k) {
        const PartCount& need = job.parts[k];
        if (offer.parts.count(need.part)) continue;
        const bool somewhere = std::any_of(qualified.begin(), qualified.end(), [&](const Engineer* eng) {
            return std::any_of(eng->stock.begin(), eng->stock.end(),
                               [&](const PartCount& s) { return s.part == need.part && s.count >= need.count; });
        });
        if (!somewhere)
            return {at(path + "/parts", k), "part \"" + need.part + "\" (" + std::to_string(need.count) +
                                                " needed) is in no qualified engineer's van and at no depot" + tail};
    }
    return {path, "no qualified engineer's van together with the depots holds every tool and part the job needs" +
                      std::string(tail)};
}

}  // namespace

void check_job_costs(const Job& job, const std::string& path) {
    check_amount(job.penalty, kMaxPenalty, path + "/penalty", "the penalty");
    check_amount(job.preference_cost, kMaxPreferenceCost, path + "/preference_cost", "the preference cost");
    if (job.sla)
        check_amount(job.sla->lateness_cost_per_second, kMaxLatenessRate, path + "/sla/lateness_cost_per_second",
                     "the lateness cost");
}

ProblemBuilder& ProblemBuilder::add_engineer(Engineer engineer) {
    engineers_.push_back(std::move(engineer));
    return *this;
}
ProblemBuilder& ProblemBuilder::add_job(Job job) {
    jobs_.push_back(std::move(job));
    return *this;
}
ProblemBuilder& ProblemBuilder::add_depot(Depot depot) {
    depots_.push_back(std::move(depot));
    return *this;
}
ProblemBuilder& ProblemBuilder::add_link(JobLink link) {
    links_.push_back(std::move(link));
    return *this;
}
ProblemBuilder& ProblemBuilder::set_travel(TravelSpec spec) {
    travel_ = std::move(spec);
    return *this;
}
ProblemBuilder& ProblemBuilder::set_weights(const ObjectiveWeights& weights) {
    weights_ = weights;
    return *this;
}

Problem ProblemBuilder::build() const {
    Problem p;
    p.engineers_ = engineers_;
    p.jobs_ = jobs_;
    p.depots_ = depots_;
    p.travel_spec_ = travel_;
    p.weights_ = weights_;

    check_amount(weights_.unassigned, kMaxUnassignedWeight, "/weights/unassigned", "the weight");
    check_amount(weights_.lateness, kMaxWeight, "/weights/lateness", "the weight");
    check_amount(weights_.travel, kMaxWeight, "/weights/travel", "the weight");
    check_amount(weights_.balance, kMaxWeight, "/weights/balance", "the weight");
    check_amount(weights_.preference, kMaxWeight, "/weights/preference", "the weight");
    check_amount(weights_.overtime, kMaxWeight, "/weights/overtime", "the weight");
    check_amount(weights_.max_lateness, kMaxWeight, "/weights/max_lateness", "the weight");

    const auto* explicit_matrix = std::get_if<TravelMatrices>(&travel_);
    const bool needs_coords = explicit_matrix == nullptr;
    Index matrix_size = 0;
    if (explicit_matrix) {
        matrix_size = static_cast<Index>(explicit_matrix->durations.rows());
        check_matrix(explicit_matrix->durations, "/travel/durations", matrix_size);
        check_matrix(explicit_matrix->distances, "/travel/distances", matrix_size);
    } else if (const auto* gc = std::get_if<GreatCircleOptions>(&travel_)) {
        if (!std::isfinite(gc->speed_kmh) || gc->speed_kmh <= 0.0)
            throw InputError("/travel/speed_kmh", "the speed must be a positive number");
        if (!std::isfinite(gc->detour_factor) || gc->detour_factor < 1.0 || gc->detour_factor > 10.0)
            throw InputError("/travel/detour_factor", "the detour factor must be between 1 and 10");
    } else {
        validate_road_network(std::get<RoadNetwork>(travel_), "/travel/road_network");
    }

    // Engineers.
    Index dims = -1;
    const char* dims_origin = "";
    std::string dims_path;
    auto note_dims = [&](size_t n, const std::string& path, const char* what) {
        if (n == 0) return;
        if (dims < 0) {
            dims = static_cast<Index>(n);
            dims_origin = what;
            dims_path = path;
        } else if (static_cast<Index>(n) != dims) {
            throw InputError(path, std::string("has ") + std::to_string(n) + " dimensions but " + dims_path +
                                       " (" + dims_origin + ") has " + std::to_string(dims) +
                                       "; every capacity and demand needs the same dimensions");
        }
    };
    for (size_t e = 0; e < engineers_.size(); ++e) {
        const Engineer& eng = engineers_[e];
        const std::string path = at("/engineers", e);
        if (eng.id.empty()) throw InputError(path + "/id", "the engineer id is empty");
        if (!p.engineer_ids_.emplace(eng.id, static_cast<Index>(e)).second)
            throw InputError(path + "/id", "duplicate engineer id \"" + eng.id + "\"");
        check_location(eng.start, path + "/start", needs_coords, matrix_size);
        if (eng.end) check_location(*eng.end, path + "/end", needs_coords, matrix_size);
        if (eng.shifts.empty()) throw InputError(path + "/shifts", "an engineer needs at least one shift");
        check_windows(eng.shifts, path + "/shifts", "shift");
        std::unordered_set<std::string> break_ids;
        for (size_t b = 0; b < eng.breaks.size(); ++b) {
            const auto& br = eng.breaks[b];
            const std::string bpath = at(path + "/breaks", b);
            if (br.id.empty()) throw InputError(bpath + "/id", "the break id is empty");
            if (!break_ids.insert(br.id).second)
                throw InputError(bpath + "/id", "duplicate break id \"" + br.id + "\" for this engineer");
            check_nonnegative(br.duration, bpath + "/duration", "a break's duration");
            if (br.windows.empty()) throw InputError(bpath + "/time_windows", "a break needs at least one time window");
            check_windows(br.windows, bpath + "/time_windows", "break window");
        }
        std::unordered_set<std::string> skill_names;
        for (size_t s = 0; s < eng.skills.size(); ++s) {
            const std::string spath = at(path + "/skills", s);
            if (eng.skills[s].skill.empty()) throw InputError(spath + "/skill", "the skill name is empty");
            if (!skill_names.insert(eng.skills[s].skill).second)
                throw InputError(spath + "/skill", "skill \"" + eng.skills[s].skill + "\" is listed twice");
            check_nonnegative(eng.skills[s].level, spath + "/level", "a skill level");
        }
        for (size_t d = 0; d < eng.capacity.size(); ++d)
            check_nonnegative(eng.capacity[d], at(path + "/capacity", d), "a capacity");
        note_dims(eng.capacity.size(), path + "/capacity", "an engineer's capacity");
        if (eng.max_jobs) check_nonnegative(*eng.max_jobs, path + "/max_jobs", "max_jobs");
        if (eng.max_travel_time) check_nonnegative(*eng.max_travel_time, path + "/max_travel_time", "max_travel_time");
        check_amount(eng.costs.fixed, kMaxFixedCost, path + "/costs/fixed", "a cost");
        check_amount(eng.costs.per_hour, kMaxRate, path + "/costs/per_hour", "a cost");
        check_amount(eng.costs.per_km, kMaxRate, path + "/costs/per_km", "a cost");
        check_amount(eng.costs.overtime_per_hour, kMaxRate, path + "/costs/overtime_per_hour", "a cost");
        check_amount(eng.costs.per_working_hour, kMaxRate, path + "/costs/per_working_hour", "a cost");
        check_names(eng.tools, path + "/tools", "tool");
        check_part_counts(eng.stock, path + "/stock", 0);
        check_nonnegative(eng.max_overtime, path + "/max_overtime", "max_overtime");
        p.has_overtime_ = p.has_overtime_ || eng.max_overtime > 0;
        if (!std::isfinite(eng.speed_factor) || eng.speed_factor <= 0.0 || eng.speed_factor > 100.0)
            throw InputError(path + "/speed_factor", "the speed factor must be a number above 0 and at most 100");
    }

    // Jobs.
    for (size_t j = 0; j < jobs_.size(); ++j) {
        const Job& job = jobs_[j];
        const std::string path = at("/jobs", j);
        if (job.id.empty()) throw InputError(path + "/id", "the job id is empty");
        if (!p.job_ids_.emplace(job.id, static_cast<Index>(j)).second)
            throw InputError(path + "/id", "duplicate job id \"" + job.id + "\"");
        check_location(job.location, path + "/location", needs_coords, matrix_size);
        check_nonnegative(job.duration, path + "/duration", "the duration");
        check_windows(job.time_windows, path + "/time_windows", "time window");
        std::unordered_set<std::string> skill_names;
        for (size_t s = 0; s < job.skills.size(); ++s) {
            const std::string spath = at(path + "/skills", s);
            if (job.skills[s].skill.empty()) throw InputError(spath + "/skill", "the skill name is empty");
            if (!skill_names.insert(job.skills[s].skill).second)
                throw InputError(spath + "/skill", "skill \"" + job.skills[s].skill + "\" is required twice");
            check_nonnegative(job.skills[s].min_level, spath + "/min_level", "a skill level");
        }
        if (job.priority < 0 || job.priority > 100)
            throw InputError(path + "/priority", "the priority must be between 0 and 100 (got " +
                                                     std::to_string(job.priority) + ")");
        check_job_costs(job, path);
        for (size_t d = 0; d < job.demand.size(); ++d) check_nonnegative(job.demand[d], at(path + "/demand", d), "a demand");
        note_dims(job.demand.size(), path + "/demand", "a job's demand");
        if (job.pinned_engineer && !p.engineer_ids_.count(*job.pinned_engineer))
            throw InputError(path + "/pinned_engineer", "unknown engineer id \"" + *job.pinned_engineer + "\"");
        for (size_t k = 0; k < job.allowed_engineers.size(); ++k)
            if (!p.engineer_ids_.count(job.allowed_engineers[k]))
                throw InputError(at(path + "/allowed_engineers", k), "unknown engineer id \"" + job.allowed_engineers[k] + "\"");
        for (size_t k = 0; k < job.forbidden_engineers.size(); ++k)
            if (!p.engineer_ids_.count(job.forbidden_engineers[k]))
                throw InputError(at(path + "/forbidden_engineers", k), "unknown engineer id \"" + job.forbidden_engineers[k] + "\"");
        if (job.preferred_engineer && !p.engineer_ids_.count(*job.preferred_engineer))
            throw InputError(path + "/preferred_engineer", "unknown engineer id \"" + *job.preferred_engineer + "\"");
        if (!job.durations_by_level.empty() && job.skills.empty())
            throw InputError(path + "/durations_by_level",
                             "durations by level need a required skill (the level is the engineer's in the first one)");
        for (size_t k = 0; k < job.durations_by_level.size(); ++k) {
            const LevelDuration& ld = job.durations_by_level[k];
            const std::string lpath = at(path + "/durations_by_level", k);
            if (k > 0 && ld.level <= job.durations_by_level[k - 1].level)
                throw InputError(lpath + "/level", "levels must be strictly increasing (" + std::to_string(ld.level) +
                                                       " follows " + std::to_string(job.durations_by_level[k - 1].level) + ")");
            check_nonnegative(ld.duration, lpath + "/duration", "the duration");
        }
        check_names(job.tools, path + "/tools", "tool");
        check_part_counts(job.parts, path + "/parts", 1);
        p.has_resources_ = p.has_resources_ || !job.tools.empty() || !job.parts.empty();
    }

    // Links, once every job id is known.
    p.links_ = links_;
    p.links_of_.assign(jobs_.size(), {});
    for (size_t k = 0; k < links_.size(); ++k) {
        const JobLink& link = links_[k];
        const std::string path = at("/links", k);
        const auto job_of = [&](const std::string& id, const char* field) {
            const auto it = p.job_ids_.find(id);
            if (it == p.job_ids_.end()) throw InputError(path + "/" + field, "unknown job id \"" + id + "\"");
            return it->second;
        };
        const Index a = job_of(link.first, "first");
        const Index b = job_of(link.second, "second");
        if (a == b) throw InputError(path + "/second", "a job cannot be linked to itself (\"" + link.second + "\")");
        check_amount(link.min_gap, kMaxLinkGap, path + "/min_gap", "the gap");
        check_amount(link.max_gap, kMaxLinkGap, path + "/max_gap", "the gap");
        if (link.max_gap < link.min_gap)
            throw InputError(path + "/max_gap", "the largest gap (" + std::to_string(link.max_gap) +
                                                   ") is below the smallest (" + std::to_string(link.min_gap) + ")");
        if (link.engineers != LinkEngineers::any && link.engineers != LinkEngineers::same &&
            link.engineers != LinkEngineers::different)
            throw InputError(path + "/engineers", "must be \"any\", \"same\" or \"different\"");
        p.link_jobs_.emplace_back(a, b);
        p.links_of_[static_cast<size_t>(a)].push_back(static_cast<Index>(k));
        p.links_of_[static_cast<size_t>(b)].push_back(static_cast<Index>(k));
    }

    // Depots.
    DepotOffer offer;
    for (size_t d = 0; d < depots_.size(); ++d) {
        const Depot& depot = depots_[d];
        const std::string path = at("/depots", d);
        if (depot.id.empty()) throw InputError(path + "/id", "the depot id is empty");
        if (!p.depot_ids_.emplace(depot.id, static_cast<Index>(d)).second)
            throw InputError(path + "/id", "duplicate depot id \"" + depot.id + "\"");
        check_location(depot.location, path + "/location", needs_coords, matrix_size);
        check_windows(depot.opening, path + "/opening", "opening window");
        check_nonnegative(depot.duration, path + "/duration", "a depot stop's duration");
        check_names(depot.tools, path + "/tools", "tool");
        check_names(depot.parts, path + "/parts", "part");
        offer.tools.insert(depot.tools.begin(), depot.tools.end());
        offer.parts.insert(depot.parts.begin(), depot.parts.end());
    }
    p.dimensions_ = std::max<Index>(dims, 0);

    // Padded loads: an empty capacity is unlimited, an empty demand is zero.
    const size_t D = static_cast<size_t>(p.dimensions_);
    for (const auto& eng : engineers_)
        p.capacity_.push_back(eng.capacity.empty() ? std::vector<Amount>(D, kTimeMax) : eng.capacity);
    for (const auto& job : jobs_) p.demand_.push_back(job.demand.empty() ? std::vector<Amount>(D, 0) : job.demand);

    // Route slots: one per shift; each break goes to the first shift it overlaps.
    for (size_t e = 0; e < engineers_.size(); ++e) {
        const Engineer& eng = engineers_[e];
        const size_t first_slot = p.slots_.size();
        for (size_t s = 0; s < eng.shifts.size(); ++s)
            p.slots_.push_back(RouteSlot{static_cast<Index>(e), static_cast<Index>(s), eng.shifts[s], {}});
        for (size_t b = 0; b < eng.breaks.size(); ++b) {
            bool placed = false;
            for (size_t s = 0; s < eng.shifts.size() && !placed; ++s) {
                for (const auto& w : eng.breaks[b].windows) {
                    if (w.start < eng.shifts[s].end && eng.shifts[s].start < w.end) {
                        p.slots_[first_slot + s].breaks.push_back(static_cast<Index>(b));
                        placed = true;
                        break;
                    }
                }
            }
            if (!placed)
                p.warnings_.push_back({at("/engineers", e) + "/breaks/" + std::to_string(b),
                                       "the break falls in none of the engineer's shifts and is ignored"});
        }
    }

    // Locations and matrices.
    const size_t n = jobs_.size(), m = engineers_.size();
    if (explicit_matrix) {
        for (const auto& job : jobs_) p.job_location_.push_back(*job.location.matrix_index);
        for (const auto& depot : depots_) p.depot_location_.push_back(*depot.location.matrix_index);
        for (const auto& eng : engineers_) {
            p.start_location_.push_back(*eng.start.matrix_index);
            p.end_location_.push_back(eng.end ? *eng.end->matrix_index : *eng.start.matrix_index);
        }
        p.distances_ = explicit_matrix->distances;
        p.durations_.push_back(explicit_matrix->durations);
    } else {
        // Rows: jobs, then engineers' starts, then the explicit ends, then
        // depots (after everything else, so that a problem without depots
        // keeps its rows); an engineer without an end returns to its start row.
        std::vector<Coordinates> points;
        points.reserve(n + 2 * m + depots_.size());
        for (const auto& job : jobs_) points.push_back(*job.location.coords);
        for (size_t j = 0; j < n; ++j) p.job_location_.push_back(static_cast<Index>(j));
        for (const auto& eng : engineers_) {
            p.start_location_.push_back(static_cast<Index>(points.size()));
            points.push_back(*eng.start.coords);
        }
        for (size_t e = 0; e < m; ++e) {
            if (engineers_[e].end) {
                p.end_location_.push_back(static_cast<Index>(points.size()));
                points.push_back(*engineers_[e].end->coords);
            } else {
                p.end_location_.push_back(p.start_location_[e]);
            }
        }
        for (const auto& depot : depots_) {
            p.depot_location_.push_back(static_cast<Index>(points.size()));
            points.push_back(*depot.location.coords);
        }
        TravelMatrices tm = std::holds_alternative<GreatCircleOptions>(travel_)
                                ? great_circle_matrices(points, std::get<GreatCircleOptions>(travel_), "/travel")
                                : road_network_matrices(std::get<RoadNetwork>(travel_), points, "/travel/road_network");
        p.distances_ = std::move(tm.distances);
        p.durations_.push_back(std::move(tm.durations));
    }
    // Factor 1 is the base matrix itself; each other factor gets one matrix,
    // refused at the first engineer who has it when an entry outgrows it.
    std::map<double, Index> profiles{{1.0, 0}};
    for (size_t e = 0; e < m; ++e) {
        const double factor = engineers_[e].speed_factor;
        auto [it, inserted] = profiles.emplace(factor, static_cast<Index>(p.durations_.size()));
        if (inserted) p.durations_.push_back(scale_durations(p.durations_.front(), factor, at("/engineers", e) + "/speed_factor"));
        p.profile_.push_back(it->second);
    }

    // Service times per (job, engineer), only when some job has level durations.
    if (std::any_of(jobs_.begin(), jobs_.end(), [](const Job& job) { return !job.durations_by_level.empty(); })) {
        p.service_.resize(n * m);
        for (size_t j = 0; j < n; ++j)
            for (size_t e = 0; e < m; ++e) p.service_[j * m + e] = service_duration(jobs_[j], engineers_[e]);
    }

    // Compatibility: skills and levels, pin, allowed and forbidden lists, and
    // every tool and part obtainable (own van or some depot).
    p.compatible_.assign(n * m, 0);
    p.compatible_engineers_.resize(n);
    for (size_t j = 0; j < n; ++j) {
        const Job& job = jobs_[j];
        bool anyone_skilled = false;
        bool anyone_admitted = false;
        for (size_t e = 0; e < m; ++e) {
            const Engineer& eng = engineers_[e];
            const bool skilled = has_skills(eng, job);
            anyone_skilled = anyone_skilled || skilled;
            if (!skilled || !admits(job, eng)) continue;
            anyone_admitted = true;
            if (missing_tool(eng, job, offer) < 0 && missing_part(eng, job, offer) < 0) {
                p.compatible_[j * m + e] = 1;
                p.compatible_engineers_[j].push_back(static_cast<Index>(e));
            }
        }
        if (!anyone_skilled && !job.skills.empty()) {
            p.warnings_.push_back({at("/jobs", j) + "/skills",
                                   "no engineer has the required skills at the required levels; the job will stay unassigned"});
        } else if (!anyone_admitted) {
            p.warnings_.push_back({at("/jobs", j),
                                   "the pin and the allowed/forbidden lists exclude every qualified engineer; the job will stay unassigned"});
        } else if (p.compatible_engineers_[j].empty()) {
            p.warnings_.push_back(resource_warning(job, at("/jobs", j), engineers_, offer));
        }
    }
    return p;
}

}  // namespace fsd
