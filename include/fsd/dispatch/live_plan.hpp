#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/dispatch/change_set.hpp"
#include "fsd/dispatch/live_travel.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// Where a step of a live route stands. Every step that is not `planned` is
/// frozen: no operation moves it to another engineer or another place in the
/// route, and its times change only through events about it.
enum class StepStatus { planned, en_route, on_site, done };
/// Where a ticket of a live plan stands (`pending`: known but on no route).
enum class TicketStatus { pending, planned, en_route, on_site, done, cancelled };

/// Stable lower-case names ("en_route", ...); the inverses throw InputError at `path`.
const char* to_string(StepStatus status) noexcept;
const char* to_string(TicketStatus status) noexcept;
StepStatus step_status_from_string(const std::string& name, const std::string& path);
TicketStatus ticket_status_from_string(const std::string& name, const std::string& path);

/// One job or break step of a live route: a plan's Step (kind job or
/// break_, index = ticket or the engineer's break) and where it stands. Times
/// are actual for done steps, expected for steps in progress and planned for
/// the rest; waiting and load are not kept.
struct LiveStep : Step {
    StepStatus status = StepStatus::planned;
    Time departed = 0;               ///< en_route: when the engineer set off
    Duration extra = 0;              ///< reported delay of a step in progress
    friend bool operator==(const LiveStep&, const LiveStep&) = default;
};

/// One engineer's route in one shift (a day): frozen steps first, then planned ones.
struct LiveRoute {
    std::vector<LiveStep> steps;
    Time departure = 0;        ///< when the movable part leaves the anchor
    Time end_arrival = 0;      ///< back at the end location
    Duration end_travel = 0;
    Distance end_distance = 0;
    friend bool operator==(const LiveRoute&, const LiveRoute&) = default;
};

/// What the plan knows about an engineer beyond the route.
struct EngineerState {
    std::optional<Location> position;  ///< last reported position
    Time position_at = kTimeMin;
    Time unavailable_from = kTimeMax;  ///< no work from then on (sick, called away)
    Time ready_at = kTimeMin;          ///< free no earlier than this (a delay reported while idle)
    friend bool operator==(const EngineerState&, const EngineerState&) = default;
};

/// A place a ticket could take: engineer, position among the route's steps,
/// times and what it adds.
struct InsertionCandidate {
    Index engineer = -1;
    Index position = -1;            ///< index in the route's steps the ticket would take
    Time arrival = 0;               ///< ETA at the customer
    Time start = 0;                 ///< start of service
    Cost cost = 0;                  ///< objective increase (travel, lateness, fixed cost)
    Duration added_travel = 0;
    Distance added_distance = 0;
    Duration lateness = 0;          ///< the ticket's own SLA lateness
    Duration others_lateness = 0;   ///< SLA lateness added to tickets already planned
    friend bool operator==(const InsertionCandidate&, const InsertionCandidate&) = default;
};

/// Options of insert() and book_slot().
struct InsertOptions {
    int alternatives = 5;                     ///< ranked candidates to return (best per engineer entry, i.e. per engineer and shift)
    std::optional<std::string> engineer;      ///< place with this engineer (a dispatcher's choice)
    bool commit = true;                       ///< false: only rank, change nothing
    /// As soon as possible: among the feasible places the earliest start of
    /// service wins, cost only breaks ties (an urgent ticket). Priority alone
    /// does not do this: it prices leaving a ticket out, not waiting.
    bool asap = false;
    /// When the ticket arrived: a later instant than the plan's clock moves
    /// the clock there first (as advance_time), in the same operation and
    /// change set; an earlier one leaves the clock where it is.
    std::optional<Time> at;
};

/// What insert() did: the ranked candidates (best first, one per engineer entry),
/// whether the ticket was placed, where and when, and the change set.
struct InsertResult {
    Index job = -1;                              ///< the ticket's index in the plan
    bool placed = false;
    Index engineer = -1;                         ///< engineer who got the ticket; -1 when not placed
    Time arrival = 0;                            ///< planned arrival at the customer (when placed)
    Time start = 0;                              ///< planned start of service (when placed)
    std::vector<InsertionCandidate> alternatives;
    std::optional<LeftOut> left_out;             ///< why it was not placed
    ChangeSet changes;
};

/// One candidate appointment window graded against the live plan.
struct SlotOffer {
    TimeWindow window;
    bool feasible = false;
    std::optional<InsertionCandidate> best;  ///< cheapest placement when feasible
};

/// Options of reoptimise().
struct ReoptimiseOptions {
    double time_limit_seconds = 1.0;
    std::int64_t iteration_limit = -1;
    std::uint64_t seed = 1;
    /// Cost of moving a planned ticket to another engineer (churn). Tickets
    /// with a preferred engineer of their own keep that preference instead.
    Cost reassignment_cost = 1800;
};

/// What reoptimise() did.
struct ReoptimiseResult {
    bool accepted = false;        ///< false: the current plan was at least as good
    Cost cost_before = 0;         ///< objective of the movable part before
    Cost cost_after = 0;          ///< and after (equal to before when not accepted)
    std::int32_t moved = 0;       ///< planned tickets now with another engineer
    std::int32_t newly_placed = 0;
    ChangeSet changes;
};

/// The residual problem of a live plan: what is still to be decided, as an
/// ordinary Problem (engineers start at their anchor, shifts begin then, limits
/// are reduced by the frozen part), and the movable routes as its Solution.
/// Used to verify a live plan and to re-plan it with the routing solver.
struct ResidualProblem {
    Problem problem;
    Solution solution;
    std::vector<Index> engineer_of;   ///< residual engineer -> live engineer entry ("A#2": A's second shift)
    std::vector<Index> job_of;        ///< residual job -> live ticket
    std::vector<std::vector<Index>> break_of;  ///< per residual engineer: residual break -> live break
};

/// A problem's engineers as a live plan holds them: one entry per (engineer,
/// shift), in engineer and shift order, each a copy of the engineer with that
/// shift alone and the breaks it takes (Problem::slots()); an engineer with
/// one shift stays as stated. merge_shift_entries undoes it.
std::vector<Engineer> split_shift_entries(const Problem& problem);

/// The engineers of a plan's entries with each engineer's consecutive shift
/// entries merged back into one engineer (shifts and breaks in order): the
/// engineers of a problem equivalent to the plan (for writing it).
std::vector<Engineer> merge_shift_entries(const std::vector<Engineer>& entries);

/// The current day of a dispatch operation: every engineer's route with each
/// step's status, what is known about each engineer, every ticket known today,
/// and the clock. Frozen steps (done, en route, on site) never move; the rest
/// is re-timed and repaired after every event so the movable part is always a
/// feasible plan from each engineer's anchor (where and when the engineer
/// will next be free).
///
/// The clock a live day starts at when the caller gives none: the earliest
/// shift start of the problem (the CLI, the service and the C API agree).
Time earliest_shift_start(const Problem& problem);

/// A value type: operations change it in place and return a ChangeSet; copy
/// the plan first to keep the old one. Ticket indices are stable: cancelled
/// tickets stay known.
///
/// The plan holds one entry per (engineer, shift): an engineer with shifts on
/// several days appears once per shift, in shift order, each entry a copy of
/// the engineer with that shift and its breaks, under the same id. Indices
/// of engineers (routes(), route(), state(), candidates, changes) are
/// entries; engineer_index() gives an engineer's first. Every shift's route
/// starts and ends at home; events naming an engineer go to the shift under
/// way (engineer_unavailable to all of them); insertion, offer_slots and
/// reoptimise consider every shift not yet over (docs/several_days.md).
class LivePlan {
public:
    /// Starts a plan from a problem and a plan of it (e.g. from solve()); jobs
    /// left out of `solution` are pending; each route goes to its
    /// (engineer, shift) entry. Throws InputError for road-network travel or
    /// a solution that does not fit the problem.
    LivePlan(const Problem& problem, const Solution& solution, Time now);

    /// Everything a plan is made of, as stored (used by the JSON reader).
    struct Parts {
        std::vector<Engineer> engineers;
        std::vector<Job> jobs;
        TravelSpec travel;
        ObjectiveWeights weights;
        Time now = 0;
        std::vector<TicketStatus> status;      ///< per ticket
        std::vector<LiveRoute> routes;         ///< per engineer entry (one per shift)
        std::vector<EngineerState> states;     ///< per engineer entry
    };
    /// Rebuilds a plan from its parts, checking that they are consistent
    /// (InputError with a path into the parts otherwise) and re-timing it.
    static LivePlan from_parts(Parts parts);
    /// The plan's parts, for writing.
    Parts parts() const;

    Time now() const noexcept { return now_; }
    const std::vector<Engineer>& engineers() const noexcept { return engineers_; }
    const std::vector<Job>& jobs() const noexcept { return jobs_; }
    const ObjectiveWeights& weights() const noexcept { return weights_; }
    const LiveTravel& travel() const noexcept { return travel_; }
    const std::vector<LiveRoute>& routes() const noexcept { return routes_; }
    const LiveRoute& route(Index engineer) const { return routes_.at(static_cast<size_t>(engineer)); }
    const EngineerState& state(Index engineer) const { return states_.at(static_cast<size_t>(engineer)); }
    TicketStatus status(Index job) const { return status_.at(static_cast<size_t>(job)); }
    /// Why a ticket is on no route: the first rule that keeps every engineer
    /// from it (skills and pins, capacity, job limit, its windows), else that no
    /// remaining day has room. Meant for pending tickets; live plan JSON writes it.
    LeftOut why_pending(Index job) const { return why_not(job); }
    /// Engineer whose route holds the ticket, if any.
    std::optional<Index> engineer_of(Index job) const;
    /// Index of the ticket / engineer with this id, if any (an engineer's
    /// first shift entry).
    std::optional<Index> job_index(std::string_view id) const;
    std::optional<Index> engineer_index(std::string_view id) const;
    /// Which of its engineer's shifts entry e is (0 for an engineer with one).
    Index shift_index(Index e) const { return e - entries_of(e).first; }
    /// Tickets on no route (pending), ascending.
    std::vector<Index> pending() const;
    /// Number of leading frozen steps of an engineer's route.
    Index frozen_steps(Index engineer) const;
    /// True when engineer e may serve ticket j (skills, levels, pin, lists).
    bool compatible(Index engineer, const Job& job) const;

    // ---- operations (in place; each returns what changed) ----

    /// Places a new ticket at its cheapest feasible position over all
    /// engineers (skills, windows, shift, breaks, SLA, limits), or with
    /// `options.engineer`; with `options.asap` at its earliest start. A later
    /// `options.at` moves the clock first. Returns who got the ticket and
    /// when, and the ranked alternatives either way. A ticket that fits
    /// nowhere is kept as pending with its reason.
    InsertResult insert(Job ticket, const InsertOptions& options = {});
    /// Ranks where a ticket (new, or pending / planned in this plan when its
    /// id is known) could go, best first, at most `k` (one per engineer entry: engineer and shift).
    /// Changes nothing.
    std::vector<InsertionCandidate> candidates(const Job& ticket, int k) const;
    /// Grades candidate appointment windows for a ticket: for each, the best
    /// placement if the ticket's window were that one. Changes nothing.
    std::vector<SlotOffer> offer_slots(const Job& ticket, const std::vector<TimeWindow>& windows) const;
    /// Books a window: the ticket gets it as its only time window and is
    /// inserted.
    InsertResult book_slot(Job ticket, const TimeWindow& window, const InsertOptions& options = {});

    /// The customer cancelled: the ticket leaves its route (not one in progress or done).
    ChangeSet cancel(std::string_view ticket, Time at);
    /// The engineer's current step (or, when idle, the engineer) is late by `seconds`.
    ChangeSet delay(std::string_view engineer, Duration seconds, Time at);
    /// The engineer cannot work from `from` on: planned tickets that do not
    /// finish before then go to other engineers or become pending.
    ChangeSet engineer_unavailable(std::string_view engineer, Time from);
    /// The engineer set off to a planned ticket of theirs (it becomes the next frozen step).
    ChangeSet start_travel(std::string_view ticket, Time at);
    /// The engineer arrived at the ticket's site.
    ChangeSet arrive(std::string_view ticket, Time at);
    /// The ticket's visit is done.
    ChangeSet job_finished(std::string_view ticket, Time at);
    /// The engineer started their next planned break.
    ChangeSet break_started(std::string_view engineer, Time at);
    /// The engineer reported a position.
    ChangeSet engineer_position(std::string_view engineer, const Location& location, Time at);
    /// Moves the clock: planned steps never start before now.
    ChangeSet advance_time(Time now);
    /// Tries to place every pending ticket (cheapest insertion, most valuable first).
    ChangeSet place_pending();
    /// Re-plans the movable part with the routing solver, warm-started from the
    /// current routes; keeps the current plan unless the new one is cheaper
    /// once moves between engineers are charged.
    ReoptimiseResult reoptimise(const ReoptimiseOptions& options = {});

    // ---- views ----

    /// The movable part as a Problem and its Solution (see ResidualProblem).
    ResidualProblem residual() const { return residual_with(0); }
    /// Objective of the movable part (pending tickets counted as unassigned).
    ObjectiveParts objective() const;

private:
    LivePlan(Parts parts, bool check);

    struct Anchor {
        Location location;
        Time time = 0;
        Duration travel_used = 0;   // travel of frozen steps
        Index jobs_used = 0;        // frozen job steps
        std::vector<Amount> load_used;
    };

    Anchor anchor(Index e) const { return anchor_of(e, routes_[static_cast<size_t>(e)]); }
    Anchor anchor_of(Index e, const LiveRoute& route) const;
    Time shift_end(Index e) const;
    const Location& location_of(Index job) const { return jobs_[static_cast<size_t>(job)].location; }
    const Location& end_location(Index e) const;
    Index require_job(std::string_view id, const char* path) const;
    Index require_engineer(std::string_view id, const char* path) const;
    /// The entries [first, last) of entry e's engineer (one per shift).
    std::pair<Index, Index> entries_of(Index e) const;
    /// The entry of e's engineer that an event at `at` is about: the shift
    /// with a step under way (before that shift's hard end), else the first
    /// shift not over at `at`.
    Index entry_at(Index e, Time at) const;
    void check_event_time(Index e, Time at, const char* path) const;
    /// InputError at `path` for an instant more than a day after the last
    /// shift of the plan may end (a live plan covers one day; the clock
    /// would move past every ticket, which cannot be undone).
    void check_within_day(Time at, const char* path) const;
    Index add_job(Job job);
    /// Moves the clock to `at` when later (re-timing every route), else
    /// repairs engineer e's route; re-places dropped tickets.
    ChangeSet after_event(Index e, Time at);

    // live_timing.cpp
    /// Recomputes the expected and planned times of a route; returns -1 when
    /// the movable part keeps every hard rule, else the index of the first
    /// step that breaks one (the number of steps when the way home, a limit or
    /// the capacity does).
    Index time_route(Index e, LiveRoute& route) const;
    /// residual(), with each planned ticket that has no preferred engineer of
    /// its own preferring its current engineer at `churn` (0: none).
    ResidualProblem residual_with(Cost churn) const;
    void check_ticket(const Job& job, const std::string& path) const;
    /// Re-times a route and drops what no longer fits into `dropped`.
    void repair(Index e, std::vector<Index>& dropped, ChangeSet& changes);
    void retime_all(ChangeSet& changes, std::vector<Index>& dropped);
    Cost route_cost(Index e, const LiveRoute& route) const;

    // live_insert.cpp
    /// Best place on engineer e's route: cheapest, or earliest start when `asap`.
    std::optional<InsertionCandidate> best_on(Index e, const Job& job, Index job_index, bool asap = false) const;
    /// Best place per engineer, the k best of them (cheapest first, or earliest when `asap`).
    std::vector<InsertionCandidate> rank(const Job& job, Index job_index, int k, bool asap = false) const;
    void place(Index job, const InsertionCandidate& where);
    void reinsert(std::vector<Index> dropped, ChangeSet& changes);
    LeftOut why_not(Index job) const;

    // change tracking
    void touch(Index e);
    ChangeSet finish(ChangeSet changes);

    std::vector<Engineer> engineers_;
    std::vector<Job> jobs_;
    ObjectiveWeights weights_;
    LiveTravel travel_;
    Time now_ = 0;
    std::vector<TicketStatus> status_;
    std::vector<Index> engineer_of_;   // per ticket, -1 when on no route
    std::vector<LiveRoute> routes_;
    std::vector<EngineerState> states_;
    std::unordered_map<std::string, Index> job_ids_, engineer_ids_;
    std::vector<std::pair<Index, LiveRoute>> before_;   // routes as they were before the operation
    Index dimensions_ = 0;
};

}  // namespace fsd
