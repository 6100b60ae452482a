#pragma once
// The one route model of the search: every rule of docs/design.md ("The model
// and its semantics") in the form the search prices moves with. A route is a
// list of nodes: its slot's start node, jobs and the slot's breaks in the
// order they happen, and its end node. Each node has a time-window segment
// (tw_segment.hpp) for the engineer of the route, so routes price in O(1)
// from their prefixes and suffixes; what a segment cannot carry (several
// windows per job or break, priced SLA lateness) marks a node "timed": routes
// holding one are re-timed node by node from the change on (route_cost.hpp).
// Tools and spare parts are resources with dense indices: what each job
// needs, what each van holds at the start of a shift, what each depot
// offers; a depot is a node of its own that no route lists (its stop is
// chosen when a route is priced, depot_stop.hpp).
// Built once per solve from the Problem, immutable, shared by all threads.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fsd/core/time_window.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/route/detail/tw_segment.hpp"

namespace fsd::detail {

/// What a node of a route is.
enum class NodeKind : std::uint8_t { job, start, end, break_, depot };

/// What job needs of one resource (a tool: 1; a part: its count).
struct ResourceNeed {
    Index resource = 0;
    Amount amount = 0;
};

/// A visit linked to another (JobLink), as the visit's own timing sees it:
/// it starts no earlier than the partner's start plus `offset`.
struct LinkPartner {
    Index job = 0;
    Duration offset = 0;
    Index link = 0;   ///< index into Problem::links()
};

/// An engineer's shift as the search sees it.
struct SlotData {
    Index engineer = 0;
    Index shift = 0;
    Time shift_start = 0;
    Time shift_end = 0;          ///< overtime starts here
    Time latest_end = 0;         ///< shift end + max_overtime: the hard limit
    Index start_location = 0;
    Index end_location = 0;
    const DurationMatrix* durations = nullptr;  ///< the engineer's own (speed factor applied)
    const DistanceMatrix* distances = nullptr;
    Cost per_hour = 0;           ///< engineer's cost per hour of driving (unweighted)
    Cost per_km = 0;
    Cost fixed = 0;              ///< fixed cost of a used route (unweighted)
    Cost travel_weight = 1;      ///< the objective's weight on engineer costs
    Cost overtime_per_hour = 0;  ///< unweighted
    Cost overtime_weight = 1;
    Cost per_working_hour = 0;   ///< unweighted; priced in the travel part
    Duration max_travel = kTimeMax;
    Index max_jobs = -1;         ///< -1: no limit
    Index timing_class = 0;      ///< slots whose nodes and legs time and price alike
    Index kind = 0;              ///< slots that are interchangeable while unused (same engineer in all but name)
    Index first_break = 0;       ///< node id of the slot's first break
    Index breaks = 0;            ///< how many breaks the slot takes
};

/// See the file comment.
class RouteModel {
public:
    explicit RouteModel(const Problem& problem);

    const Problem& problem() const noexcept { return problem_; }
    Index num_jobs() const noexcept { return num_jobs_; }
    Index num_slots() const noexcept { return static_cast<Index>(slots_.size()); }
    Index num_nodes() const noexcept { return static_cast<Index>(kind_.size()); }
    Index dimensions() const noexcept { return dimensions_; }

    const SlotData& slot(Index s) const { return slots_[static_cast<std::size_t>(s)]; }
    Index start_node(Index s) const { return num_jobs_ + 2 * s; }
    Index end_node(Index s) const { return num_jobs_ + 2 * s + 1; }

    NodeKind kind(Index node) const { return kind_[static_cast<std::size_t>(node)]; }
    bool is_job(Index node) const { return node < num_jobs_; }
    /// The slot a depot or break node belongs to (-1 for jobs).
    Index owner(Index node) const { return owner_[static_cast<std::size_t>(node)]; }
    /// The engineer break a break node stands for.
    Index break_index(Index node) const { return break_index_[static_cast<std::size_t>(node)]; }
    /// Matrix row of a job or depot node (-1 for breaks).
    Index location(Index node) const { return location_[static_cast<std::size_t>(node)]; }
    /// Windows of a job (its time windows cut at a hard SLA deadline; one
    /// window from kTimeMin to kTimeMax when it has none) or of a break.
    const std::vector<TimeWindow>& windows(Index node) const { return windows_[static_cast<std::size_t>(node)]; }
    /// Needs node-by-node timing: several windows, or a priced SLA deadline.
    bool timed(Index node) const { return timed_[static_cast<std::size_t>(node)] != 0; }
    /// Whether any node is timed, or balance needs each route's working time.
    bool any_timed() const noexcept { return any_timed_; }
    bool balance() const noexcept { return problem_.weights().balance != 0; }
    /// Routes of slot s are timed node by node: balance needs each route's
    /// working time as the written plan states it. (A working-hour rate does
    /// not: routes of paid slots leave at the departure of least working time,
    /// paid_departure in route_timing.hpp, which is what segments price; routes
    /// with timed nodes are timed node by node anyway.)
    bool timed_slot(Index s) const {
        (void)s;
        return balance();
    }

    /// Whether the problem links visits (JobLink): then plans time linked
    /// visits together (Plan::release).
    bool has_links() const noexcept { return !partners_.empty(); }
    /// Job j is in some link.
    bool linked(Index j) const {
        return partner_at_[static_cast<std::size_t>(j)] != partner_at_[static_cast<std::size_t>(j) + 1];
    }
    /// What job j's links ask of its start, one entry per link it is in.
    std::span<const LinkPartner> partners(Index j) const {
        const auto k = static_cast<std::size_t>(j);
        return {partners_.data() + partner_at_[k], partner_at_[k + 1] - partner_at_[k]};
    }

    /// Tools and parts some job needs (0 when no job needs any: then no
    /// route ever stops at a depot).
    Index num_resources() const noexcept { return static_cast<Index>(resource_name_.size()); }
    bool has_resources() const noexcept { return !resource_name_.empty(); }
    bool resource_is_tool(Index r) const { return resource_tool_[static_cast<std::size_t>(r)] != 0; }
    const std::string& resource_name(Index r) const { return resource_name_[static_cast<std::size_t>(r)]; }
    /// What job j needs, resource by resource (ascending, no repeats).
    std::span<const ResourceNeed> needs(Index j) const {
        const auto k = static_cast<std::size_t>(j);
        return {needs_.data() + need_at_[k], need_at_[k + 1] - need_at_[k]};
    }
    /// What the van of slot s holds at the start, per resource: a part's
    /// stock, kHeld for a tool it holds (a tool serves every job), else 0.
    std::span<const Amount> on_board(Index s) const {
        const std::size_t r = resource_name_.size();
        return {on_board_.data() + static_cast<std::size_t>(s) * r, r};
    }
    static constexpr Amount kHeld = Amount{1} << 40;
    Index num_depots() const noexcept { return num_depots_; }
    /// The node standing for depot d, and the depot a depot node stands for.
    Index depot_node(Index d) const { return first_depot_ + d; }
    Index depot_of(Index node) const { return node - first_depot_; }
    /// Depot d lends tool r or stocks part r.
    bool offers(Index d, Index r) const {
        return offers_[static_cast<std::size_t>(d) * resource_name_.size() + static_cast<std::size_t>(r)] != 0;
    }

    /// How long `node` lasts on slot `s` (service by the engineer's level; a
    /// break's duration; a depot's stop duration).
    Duration duration(Index node, Index s) const;
    /// The node's segment on slot `s` (a timed node gets the hull of its
    /// windows: a relaxation, the exact timing is node by node).
    TwSegment segment(Index node, Index s) const;
    /// The drive of slot `s`'s engineer between two matrix rows.
    Leg leg(Index s, Index from, Index to) const {
        const SlotData& d = slots_[static_cast<std::size_t>(s)];
        const Duration t = (*d.durations)(from, to);
        switch (cost_mode_[static_cast<std::size_t>(s)]) {
            case CostMode::seconds: return {t, t};
            case CostMode::metres: return {t, (*d.distances)(from, to)};
            case CostMode::none: return {t, 0};
            case CostMode::general: break;
        }
        return {t, (d.per_hour * t + 1800) / 3600 + (d.per_km * (*d.distances)(from, to) + 500) / 1000};
    }
    /// Whether slot `s`'s drives cost nothing by themselves (no price per
    /// hour or km: an engineer paid by the working hour, say).
    bool legs_free(Index s) const { return cost_mode_[static_cast<std::size_t>(s)] == CostMode::none; }
    /// A callable (from, to) -> Leg for slot `s`, for join().
    auto legs(Index s) const {
        return [this, s](Index from, Index to) { return leg(s, from, to); };
    }

    /// SLA lateness of a job: its soft deadline (kTimeMax when its lateness
    /// is priced neither per second nor as the largest) and weighted cost per
    /// second (0 when it has none).
    Time deadline(Index j) const { return deadline_[static_cast<std::size_t>(j)]; }
    Cost lateness_rate(Index j) const { return lateness_rate_[static_cast<std::size_t>(j)]; }
    /// Cost of leaving job j out.
    Cost prize(Index j) const { return prize_[static_cast<std::size_t>(j)]; }
    /// The least prize of any job.
    Cost lowest_prize() const noexcept { return lowest_prize_; }
    /// Job j's demand (dimensions() values).
    std::span<const Amount> demand(Index j) const {
        return {demand_.data() + static_cast<std::size_t>(j) * static_cast<std::size_t>(dimensions_),
                static_cast<std::size_t>(dimensions_)};
    }
    /// Capacity of slot s (unlimited dimensions hold a huge value).
    std::span<const Amount> capacity(Index s) const {
        return {capacity_.data() + static_cast<std::size_t>(s) * static_cast<std::size_t>(dimensions_),
                static_cast<std::size_t>(dimensions_)};
    }
    /// Weighted preference cost of job j on slot s (0 for its preferred engineer or none).
    Cost preference(Index j, Index s) const {
        const auto k = static_cast<std::size_t>(j);
        return preferred_[k] < 0 || preferred_[k] == slots_[static_cast<std::size_t>(s)].engineer ? 0 : preference_cost_[k];
    }
    bool has_preferences() const noexcept { return has_preferences_; }

    /// Whether slot s may serve job j (skills, pins, lists).
    bool compatible(Index s, Index j) const {
        return problem_.compatible(slots_[static_cast<std::size_t>(s)].engineer, j);
    }
    /// Slots that may serve job j, nearest start first: the kSlotCandidates
    /// nearest and all as near as the last of them (at most kMaxSlotCandidates).
    const std::vector<Index>& near_slots(Index j) const { return near_slots_[static_cast<std::size_t>(j)]; }
    /// Job j can be served by some slot at all (a compatible engineer, a window left after its hard deadline).
    bool servable(Index j) const { return !near_slots_[static_cast<std::size_t>(j)].empty(); }
    /// Nearest jobs (up to kNeighbours) that some engineer could serve with j.
    const std::vector<Index>& neighbours(Index j) const { return neighbours_[static_cast<std::size_t>(j)]; }
    /// Jobs that list j among their neighbours.
    const std::vector<Index>& listed_by(Index j) const { return listed_by_[static_cast<std::size_t>(j)]; }
    /// Slots s and t take breaks of the same windows and durations, in the same order.
    bool same_breaks(Index s, Index t) const;

    static constexpr std::size_t kNeighbours = 40;
    /// From this many jobs (with coordinates) neighbours come from a grid.
    static constexpr std::size_t kGridFrom = 1500;
    static constexpr std::size_t kSlotCandidates = 48;
    static constexpr std::size_t kMaxSlotCandidates = 512;

private:
    enum class CostMode : std::uint8_t { seconds, metres, none, general };
    void build_slots();
    void build_nodes();
    void build_resources();
    void build_near_slots();
    void build_slot_kinds();
    void build_neighbours();
    void build_neighbours_by_rows();
    void build_links();
    void build_neighbours_by_grid();
    // The nearest kNeighbours of `candidates` that share an engineer with u.
    void keep_nearest(Index u, std::vector<Index>& candidates);

    const Problem& problem_;
    Index num_jobs_ = 0;
    Index dimensions_ = 0;
    std::vector<SlotData> slots_;
    std::vector<CostMode> cost_mode_;
    // Per node.
    std::vector<NodeKind> kind_;
    std::vector<Index> owner_;
    std::vector<Index> break_index_;
    std::vector<Index> location_;
    std::vector<std::vector<TimeWindow>> windows_;
    std::vector<char> timed_;
    std::vector<Duration> fixed_duration_;  // per node: the duration when it does not depend on the engineer
    bool any_timed_ = false;
    // Per job.
    std::vector<Time> deadline_;
    std::vector<Cost> lateness_rate_;
    std::vector<Cost> prize_;
    Cost lowest_prize_ = kTimeMax;
    std::vector<Amount> demand_;     // job-major
    std::vector<Amount> capacity_;   // slot-major
    std::vector<Index> preferred_;
    std::vector<Cost> preference_cost_;
    bool has_preferences_ = false;
    std::vector<std::vector<Index>> near_slots_;
    std::vector<std::vector<Index>> neighbours_;
    std::vector<std::vector<Index>> listed_by_;
    std::vector<Index> break_class_;  // per slot: slots with equal break lists share it
    // Resources and depots.
    std::vector<std::string> resource_name_;
    std::vector<char> resource_tool_;
    std::vector<ResourceNeed> needs_;      // job-major
    std::vector<std::size_t> need_at_;     // per job: its first need in needs_; one more at the end
    std::vector<Amount> on_board_;         // slot-major
    std::vector<char> offers_;             // depot-major
    Index num_depots_ = 0;
    Index first_depot_ = 0;
    // Links: per job, its partners (job-major, partner_at_ one past each job's last).
    std::vector<LinkPartner> partners_;
    std::vector<std::size_t> partner_at_;
};

}  // namespace fsd::detail
