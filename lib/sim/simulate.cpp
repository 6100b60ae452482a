// The discrete-event engine. Events live in one heap ordered by (time, kind,
// sequence number): the kind order settles ties the same way every run
// (engineers start their day before tickets of that second arrive), the
// sequence number settles the rest.
#include "fsd/sim/simulate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <queue>

#include "fsd/core/error.hpp"
#include "fsd/sim/sim_travel.hpp"
#include "sim_shifts.hpp"

namespace fsd {
namespace {

using Clock = std::chrono::steady_clock;

enum class Ev : int {
    shift_end = 0,  // before a shift starting the same second (midnight to midnight)
    shift_start = 1,
    arrive = 2,
    service_end = 3,
    break_end = 4,
    home = 5,
    created = 6,
    follow_up = 7,
    cancel = 8,
    tick = 9,
    break_due = 10,
};

struct QueuedEvent {
    Time time;
    Ev kind;
    std::int64_t seq;
    Index subject;  // ticket or engineer, by kind
    bool operator>(const QueuedEvent& o) const {
        if (time != o.time) return time > o.time;
        if (kind != o.kind) return kind > o.kind;
        return seq > o.seq;
    }
};

struct PlannedShift {
    int day;
    Time start, end;
    Time break_due;  // kTimeMax when no break
    Duration break_duration;
};

struct EngineerState {
    SimEngineerView view;
    std::vector<PlannedShift> shifts;
    size_t next_shift = 0;  // index of today's shift while on it, else of the next one
    bool on_shift = false;
    bool break_taken = false;
    int day = 0;
    bool dirty = false;     // in the engine's list of engineers to settle
    Time asked_at = -1;     // the policy was last asked for work for it then
    std::vector<Index> handed_back;  // tickets it gave back at handed_back_at for not fitting the day
    Time handed_back_at = -1;
};

struct TicketState {
    SimTicketStatus status = SimTicketStatus::waiting;
    Index engineer = -1;
    int visits = 0;
};

double level_entry(const std::vector<double>& by_level, int level) {
    const size_t i = static_cast<size_t>(std::max(1, level)) - 1;
    return by_level[std::min(i, by_level.size() - 1)];
}

class Engine final : public SimContext {
public:
    Engine(const Scenario& s, Policy& policy, const SimOptions& options)
        : s_(s), policy_(policy), options_(options), stream_(draw_ticket_stream(s, options.days, options.seed)), legs_(s.travel) {
        horizon_ = static_cast<Time>(options.days) * 86400;
        const size_t ne = s.engineers.size(), nt = s.ticket_types.size();
        serve_.assign(ne * nt, 0);
        factor_.assign(ne * nt, 1.0);
        fix_.assign(ne * nt, 0.0);
        for (size_t e = 0; e < ne; ++e)
            for (size_t k = 0; k < nt; ++k) {
                const TicketType& type = s.ticket_types[k];
                const int level = skill_level(s.engineers[e], type.skill.skill);
                serve_[e * nt + k] = level >= type.skill.min_level ? 1 : 0;
                factor_[e * nt + k] = level_entry(s.rules.duration_factor_by_level, level);
                fix_[e * nt + k] = level_entry(s.first_time_fix.by_level, level);
            }
        for (const TicketType& type : s.ticket_types) type_expected_.push_back(fsd::expected_duration(type.duration));
        tickets_.resize(stream_.tickets.size());

        engineers_.resize(ne);
        for (size_t e = 0; e < ne; ++e) {
            const SimEngineer& se = s.engineers[e];
            EngineerState& st = engineers_[e];
            for (int day = 0; day < options.days; ++day) {
                const Time base = static_cast<Time>(day) * 86400;
                for (const TimeWindow& w : sim_detail::sim_shifts_on(s, se, day)) {
                    PlannedShift p{day, w.start, w.end, kTimeMax, 0};
                    if (se.lunch) {
                        p.break_due = std::max(p.start, base + se.lunch->earliest);
                        p.break_duration = se.lunch->duration;
                        if (p.break_due >= p.end) p.break_due = kTimeMax, p.break_duration = 0;
                    }
                    st.shifts.push_back(p);
                }
            }
            st.view.position = se.home;
            set_next_shift_view(st);
            for (const PlannedShift& p : st.shifts) push(p.start, Ev::shift_start, static_cast<Index>(e));
            log_.engineers.push_back(se.id);
        }
        for (const SimTicket& t : stream_.tickets)
            log_.tickets.push_back({t.id, t.priority, t.created, t.response_deadline, t.resolution_deadline});
        log_.horizon_end = horizon_;
        if (!stream_.tickets.empty() && stream_.tickets[0].created < horizon_) push(stream_.tickets[0].created, Ev::created, 0);
        tick_ = policy.tick_interval();
        if (tick_ < 0) throw InputError("/policy/tick_interval", "policy \"" + policy.name() + "\" returned a negative tick interval");
        if (tick_ > 0) push(0, Ev::tick, -1);
    }

    SimResult run() {
        const auto t0 = Clock::now();
        int days_reported = 0;
        while (!heap_.empty()) {
            const QueuedEvent ev = heap_.top();
            if (ev.time >= horizon_) break;
            heap_.pop();
            ++events_;
            while (options_.progress && ev.time >= static_cast<Time>(days_reported + 1) * 86400) {
                ++days_reported;
                options_.progress(days_reported, options_.days);
            }
            now_ = ev.time;
            handle(ev);
            settle();
        }
        now_ = horizon_;
        if (options_.progress)
            while (days_reported < options_.days) options_.progress(++days_reported, options_.days);

        SimResult r;
        r.policy = policy_.name();
        r.events = events_;
        r.policy_seconds = policy_seconds_;
        r.report = compute_kpis(log_, options_.backlog_interval);
        if (!options_.record_events) log_.events.clear(), log_.events.shrink_to_fit();
        r.log = std::move(log_);
        r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        return r;
    }

    // ---- SimContext ------------------------------------------------------
    Time now() const override { return now_; }
    const Scenario& scenario() const override { return s_; }
    Index ticket_count() const override { return created_; }
    const SimTicket& ticket(Index t) const override {
        check_ticket(t, "ticket");
        return stream_.tickets[static_cast<size_t>(t)];
    }
    SimTicketStatus ticket_status(Index t) const override {
        check_ticket(t, "ticket_status");
        return tickets_[static_cast<size_t>(t)].status;
    }
    int visits(Index t) const override {
        check_ticket(t, "visits");
        return tickets_[static_cast<size_t>(t)].visits;
    }
    const std::vector<Index>& waiting() const override { return waiting_; }
    Index engineer_count() const override { return static_cast<Index>(engineers_.size()); }
    const SimEngineerView& engineer(Index e) const override {
        check_engineer(e, "engineer");
        return engineers_[static_cast<size_t>(e)].view;
    }
    bool can_serve(Index e, Index t) const override {
        check_engineer(e, "can_serve");
        check_ticket(t, "can_serve");
        return serves(e, t);
    }
    bool on_shift(Index e) const override {
        check_engineer(e, "on_shift");
        return engineers_[static_cast<size_t>(e)].on_shift;
    }
    GreatCircleLeg travel(const Coordinates& from, const Coordinates& to) const override {
        return legs_.leg(from, to);
    }
    Duration expected_duration(Index e, Index t) const override {
        check_engineer(e, "expected_duration");
        check_ticket(t, "expected_duration");
        return expected(e, t);
    }

    void assign(Index t, Index e) override {
        check_ticket(t, "assign");
        check_engineer(e, "assign");
        TicketState& ts = tickets_[static_cast<size_t>(t)];
        if (ts.status != SimTicketStatus::waiting)
            policy_error("assign", "ticket " + stream_.tickets[static_cast<size_t>(t)].id + " is " +
                                       std::string(to_string(ts.status)) + ", not waiting");
        if (!serves(e, t)) policy_error("assign", engineer_id(e) + " cannot serve " + stream_.tickets[static_cast<size_t>(t)].id);
        remove_waiting(t);
        ts.status = SimTicketStatus::queued;
        ts.engineer = e;
        engineers_[static_cast<size_t>(e)].view.queue.push_back(t);
        log(SimEventKind::assigned, t, e);
        mark(e);
    }

    void set_queue(Index e, const std::vector<Index>& list) override {
        check_engineer(e, "set_queue");
        std::vector<Index>& queue = engineers_[static_cast<size_t>(e)].view.queue;
        std::vector<Index> sorted = list;
        std::sort(sorted.begin(), sorted.end());
        auto listed = [&](Index t) { return std::binary_search(sorted.begin(), sorted.end(), t); };
        for (Index t : list) check_ticket(t, "set_queue");
        for (size_t i = 1; i < sorted.size(); ++i)
            if (sorted[i] == sorted[i - 1])
                policy_error("set_queue", "ticket " + stream_.tickets[static_cast<size_t>(sorted[i])].id + " appears twice");
        for (Index t : list) {
            const TicketState& ts = tickets_[static_cast<size_t>(t)];
            const bool mine = ts.status == SimTicketStatus::queued && ts.engineer == e;
            if (!mine && ts.status != SimTicketStatus::waiting)
                policy_error("set_queue", "ticket " + stream_.tickets[static_cast<size_t>(t)].id + " is " +
                                              std::string(to_string(ts.status)) + " elsewhere; only waiting tickets or the engineer's own may be queued");
            if (!serves(e, t)) policy_error("set_queue", engineer_id(e) + " cannot serve " + stream_.tickets[static_cast<size_t>(t)].id);
        }
        for (Index t : queue)
            if (!listed(t)) {
                TicketState& ts = tickets_[static_cast<size_t>(t)];
                ts.status = SimTicketStatus::waiting;
                ts.engineer = -1;
                waiting_.push_back(t);
                log(SimEventKind::unassigned, t, e);
            }
        for (Index t : list) {
            TicketState& ts = tickets_[static_cast<size_t>(t)];
            if (ts.status == SimTicketStatus::waiting) {
                remove_waiting(t);
                ts.status = SimTicketStatus::queued;
                ts.engineer = e;
                log(SimEventKind::assigned, t, e);
            }
        }
        queue = list;
        mark(e);
    }

    void unassign(Index t) override {
        check_ticket(t, "unassign");
        TicketState& ts = tickets_[static_cast<size_t>(t)];
        if (ts.status != SimTicketStatus::queued)
            policy_error("unassign", "ticket " + stream_.tickets[static_cast<size_t>(t)].id + " is " +
                                         std::string(to_string(ts.status)) + ", not queued");
        const Index e = ts.engineer;
        auto& q = engineers_[static_cast<size_t>(e)].view.queue;
        q.erase(std::find(q.begin(), q.end(), t));
        ts.status = SimTicketStatus::waiting;
        ts.engineer = -1;
        waiting_.push_back(t);
        log(SimEventKind::unassigned, t, e);
    }

private:
    // ---- events ------------------------------------------------------------
    void push(Time t, Ev kind, Index subject) { heap_.push({t, kind, seq_++, subject}); }

    void log(SimEventKind kind, Index t, Index e, std::int64_t value = 0) {
        log_.events.push_back({now_, kind, t, e, value});
    }

    void handle(const QueuedEvent& ev) {
        switch (ev.kind) {
            case Ev::created: on_created(ev.subject); break;
            case Ev::shift_start: on_shift_start(ev.subject); break;
            case Ev::shift_end: on_shift_end(ev.subject); break;
            case Ev::arrive: on_arrive(ev.subject); break;
            case Ev::service_end: on_service_end(ev.subject); break;
            case Ev::break_due: mark(ev.subject); break;
            case Ev::break_end: on_break_end(ev.subject); break;
            case Ev::home: on_home(ev.subject); break;
            case Ev::follow_up: on_follow_up(ev.subject); break;
            case Ev::cancel: on_cancel(ev.subject); break;
            case Ev::tick:
                call([&] { policy_.on_tick(*this); });
                // Written as a difference: a policy may give any period, up to the largest number.
                if (tick_ < horizon_ - now_) push(now_ + tick_, Ev::tick, -1);
                break;
        }
    }

    void on_created(Index t) {
        created_ = t + 1;
        const size_t next = static_cast<size_t>(t) + 1;
        if (next < stream_.tickets.size() && stream_.tickets[next].created < horizon_)
            push(stream_.tickets[next].created, Ev::created, static_cast<Index>(next));
        log(SimEventKind::created, t, -1);
        tickets_[static_cast<size_t>(t)].status = SimTicketStatus::waiting;
        waiting_.push_back(t);
        const Time cancel_at = stream_.draws[static_cast<size_t>(t)].cancel_at;
        if (cancel_at < horizon_) push(cancel_at, Ev::cancel, t);
        call([&] { policy_.on_ticket(*this, t); });
    }

    void on_follow_up(Index t) {
        TicketState& ts = tickets_[static_cast<size_t>(t)];
        if (ts.status != SimTicketStatus::parked) return;  // cancelled meanwhile
        ts.status = SimTicketStatus::waiting;
        waiting_.push_back(t);
        log(SimEventKind::follow_up, t, -1);
        call([&] { policy_.on_ticket(*this, t); });
    }

    void on_cancel(Index t) {
        TicketState& ts = tickets_[static_cast<size_t>(t)];
        if (ts.status == SimTicketStatus::waiting) {
            remove_waiting(t);
        } else if (ts.status == SimTicketStatus::queued) {
            auto& q = engineers_[static_cast<size_t>(ts.engineer)].view.queue;
            q.erase(std::find(q.begin(), q.end(), t));
            mark(ts.engineer);
        } else if (ts.status != SimTicketStatus::parked) {
            return;  // on the way, on site or done: too late to cancel
        }
        ts.status = SimTicketStatus::cancelled;
        ts.engineer = -1;
        log(SimEventKind::cancelled, t, -1);
    }

    void on_shift_start(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        const PlannedShift& p = st.shifts[st.next_shift];
        st.on_shift = true;
        st.break_taken = p.break_due == kTimeMax;
        st.day = p.day;
        // An engineer still out from an overlong previous day starts from where it is.
        if (st.view.status == SimEngineerStatus::off_shift) {
            st.view.status = SimEngineerStatus::idle;
            st.view.position = s_.engineers[static_cast<size_t>(e)].home;
            st.view.free_at = now_;
        }
        st.view.shift_start = p.start;
        st.view.shift_end = p.end;
        log_.shifts.push_back({e, p.start, p.end, p.break_duration});
        log(SimEventKind::shift_start, -1, e);
        push(p.end, Ev::shift_end, e);
        if (p.break_due != kTimeMax) push(p.break_due, Ev::break_due, e);
        mark(e);
    }

    void on_shift_end(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        st.on_shift = false;
        log(SimEventKind::shift_end, -1, e);
        ++st.next_shift;
        std::vector<Index> released;
        released.swap(st.view.queue);
        for (Index t : released) {
            TicketState& ts = tickets_[static_cast<size_t>(t)];
            ts.status = SimTicketStatus::waiting;
            ts.engineer = -1;
            waiting_.push_back(t);
            log(SimEventKind::unassigned, t, e);
        }
        if (st.view.status == SimEngineerStatus::idle) go_home(e);
        set_next_shift_view(st);
        for (Index t : released)
            if (tickets_[static_cast<size_t>(t)].status == SimTicketStatus::waiting) call([&] { policy_.on_ticket(*this, t); });
    }

    void on_arrive(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        const Index t = st.view.current_ticket;
        TicketState& ts = tickets_[static_cast<size_t>(t)];
        ts.status = SimTicketStatus::on_site;
        st.view.status = SimEngineerStatus::on_site;
        st.view.free_at = now_ + expected(e, t);
        log(SimEventKind::arrive, t, e);
        const TicketDraws& d = stream_.draws[static_cast<size_t>(t)];
        const double f = factor_[static_cast<size_t>(e) * s_.ticket_types.size() + static_cast<size_t>(ticket_type(t))];
        const Duration on_site = std::max<Duration>(
            1, static_cast<Duration>(std::llround(static_cast<double>(d.base_duration[static_cast<size_t>(ts.visits)]) * f)));
        push(now_ + on_site, Ev::service_end, e);
    }

    void on_service_end(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        const Index t = st.view.current_ticket;
        TicketState& ts = tickets_[static_cast<size_t>(t)];
        const int visit = ts.visits++;
        const double p = fix_[static_cast<size_t>(e) * s_.ticket_types.size() + static_cast<size_t>(ticket_type(t))];
        const bool fixed = ts.visits >= s_.first_time_fix.max_visits ||
                           stream_.draws[static_cast<size_t>(t)].fix_draw[static_cast<size_t>(visit)] < p;
        log(SimEventKind::service_end, t, e, fixed ? 1 : 0);
        ts.engineer = -1;
        if (fixed) {
            ts.status = SimTicketStatus::resolved;
        } else {
            ts.status = SimTicketStatus::parked;
            const Time due = now_ + s_.first_time_fix.follow_up_delay;
            if (due < horizon_) push(due, Ev::follow_up, t);
        }
        st.view.current_ticket = -1;
        become_idle(e);
    }

    void on_break_end(Index e) {
        log(SimEventKind::break_end, -1, e);
        become_idle(e);
    }

    // Between activities: the next one is chosen in settle(), or the day is over.
    void become_idle(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        st.view.status = SimEngineerStatus::idle;
        st.view.free_at = now_;
        if (st.on_shift)
            mark(e);
        else
            go_home(e);
    }

    void on_home(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        log(SimEventKind::home, -1, e);
        st.view.position = s_.engineers[static_cast<size_t>(e)].home;
        st.view.free_at = now_;
        st.view.status = st.on_shift ? SimEngineerStatus::idle : SimEngineerStatus::off_shift;
        if (st.on_shift) mark(e);  // the next shift began on the way home
    }

    void go_home(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        const Coordinates& home = s_.engineers[static_cast<size_t>(e)].home;
        const GreatCircleLeg leg = travel(st.view.position, home);
        log(SimEventKind::travel_start, -1, e, leg.distance);
        const double f = home_travel_factor(s_, options_.seed, e, st.day);
        const Duration actual = static_cast<Duration>(std::llround(static_cast<double>(leg.duration) * f));
        st.view.status = SimEngineerStatus::going_home;
        st.view.position = home;
        st.view.free_at = now_ + leg.duration;
        push(now_ + actual, Ev::home, e);
    }

    // Starts the next activity of every engineer touched by the last event,
    // asking the policy for work when an idle engineer's queue is empty.
    void settle() {
        while (!dirty_.empty()) {
            const Index e = dirty_.back();
            dirty_.pop_back();
            EngineerState& st = engineers_[static_cast<size_t>(e)];
            st.dirty = false;
            if (!st.on_shift || st.view.status != SimEngineerStatus::idle) continue;
            if (!st.break_taken && now_ >= st.shifts[st.next_shift].break_due) {
                st.break_taken = true;
                st.view.status = SimEngineerStatus::on_break;
                st.view.free_at = now_ + st.shifts[st.next_shift].break_duration;
                log(SimEventKind::break_start, -1, e);
                push(st.view.free_at, Ev::break_end, e);
                continue;
            }
            if (!st.view.queue.empty()) {
                start_next(e);
                continue;
            }
            if (st.asked_at == now_) continue;  // asked once at this instant already
            st.asked_at = now_;
            call([&] { policy_.on_engineer_free(*this, e); });
        }
    }

    void start_next(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        const Index t = st.view.queue.front();
        const SimTicket& tk = stream_.tickets[static_cast<size_t>(t)];
        const GreatCircleLeg leg = travel(st.view.position, tk.location);
        const Time expected_end = now_ + leg.duration + expected(e, t);
        if (expected_end > st.view.shift_end + s_.rules.max_overtime) {
            // It cannot start today: back to the pool at once, so that the
            // engineer asks for other work and others may take it. A policy
            // that queues it here again at the same instant makes it wait
            // here (until the shift's end hands the queue back): each ticket
            // is handed back once per instant, so the exchange ends.
            if (st.handed_back_at != now_) st.handed_back.clear(), st.handed_back_at = now_;
            if (std::find(st.handed_back.begin(), st.handed_back.end(), t) != st.handed_back.end()) return;
            st.handed_back.push_back(t);
            st.view.queue.erase(st.view.queue.begin());
            TicketState& ts = tickets_[static_cast<size_t>(t)];
            ts.status = SimTicketStatus::waiting;
            ts.engineer = -1;
            waiting_.push_back(t);
            log(SimEventKind::unassigned, t, e);
            mark(e);
            call([&] { policy_.on_ticket(*this, t); });
            return;
        }
        st.view.queue.erase(st.view.queue.begin());
        TicketState& ts = tickets_[static_cast<size_t>(t)];
        ts.status = SimTicketStatus::en_route;
        const double f = stream_.draws[static_cast<size_t>(t)].travel_factor[static_cast<size_t>(ts.visits)];
        const Duration actual = static_cast<Duration>(std::llround(static_cast<double>(leg.duration) * f));
        log(SimEventKind::travel_start, t, e, leg.distance);
        st.view.status = SimEngineerStatus::travelling;
        st.view.current_ticket = t;
        st.view.position = tk.location;
        st.view.free_at = expected_end;
        push(now_ + actual, Ev::arrive, e);
    }

    template <class F>
    void call(F&& f) {
        const auto t0 = Clock::now();
        f();
        policy_seconds_ += std::chrono::duration<double>(Clock::now() - t0).count();
    }

    void mark(Index e) {
        EngineerState& st = engineers_[static_cast<size_t>(e)];
        if (!st.dirty) st.dirty = true, dirty_.push_back(e);
    }

    void set_next_shift_view(EngineerState& st) {
        if (st.next_shift < st.shifts.size()) {
            st.view.shift_start = st.shifts[st.next_shift].start;
            st.view.shift_end = st.shifts[st.next_shift].end;
        } else {
            st.view.shift_start = st.view.shift_end = kTimeMax;
        }
    }

    void remove_waiting(Index t) { waiting_.erase(std::find(waiting_.begin(), waiting_.end(), t)); }

    Index ticket_type(Index t) const { return stream_.tickets[static_cast<size_t>(t)].type; }
    bool serves(Index e, Index t) const {
        return serve_[static_cast<size_t>(e) * s_.ticket_types.size() + static_cast<size_t>(ticket_type(t))] != 0;
    }
    Duration expected(Index e, Index t) const {
        const size_t k = static_cast<size_t>(ticket_type(t));
        return static_cast<Duration>(std::llround(static_cast<double>(type_expected_[k]) *
                                                  factor_[static_cast<size_t>(e) * s_.ticket_types.size() + k]));
    }
    const std::string& engineer_id(Index e) const { return s_.engineers[static_cast<size_t>(e)].id; }

    void check_ticket(Index t, const char* call) const {
        if (t < 0 || t >= created_)
            policy_error(call, "no ticket " + std::to_string(t) + " exists yet (" + std::to_string(created_) + " created so far)");
    }
    void check_engineer(Index e, const char* call) const {
        if (e < 0 || e >= static_cast<Index>(engineers_.size())) policy_error(call, "no engineer " + std::to_string(e));
    }
    [[noreturn]] void policy_error(const std::string& call, const std::string& what) const {
        throw InputError("/policy/" + call, "policy \"" + policy_.name() + "\": " + what);
    }

    const Scenario& s_;
    Policy& policy_;
    SimOptions options_;
    TicketStream stream_;
    SimTravelModel legs_;
    Time horizon_ = 0;
    Time now_ = 0;
    Duration tick_ = 0;
    Index created_ = 0;
    std::int64_t seq_ = 0;
    std::int64_t events_ = 0;
    double policy_seconds_ = 0;
    std::priority_queue<QueuedEvent, std::vector<QueuedEvent>, std::greater<>> heap_;
    std::vector<char> serve_;
    std::vector<double> factor_;
    std::vector<double> fix_;
    std::vector<Duration> type_expected_;
    std::vector<EngineerState> engineers_;
    std::vector<TicketState> tickets_;
    std::vector<Index> waiting_;
    std::vector<Index> dirty_;
    SimLog log_;
};

}  // namespace

SimResult simulate(const Scenario& scenario, Policy& policy, const SimOptions& options) {
    validate_scenario(scenario);
    check_run_size(scenario, options.days);
    check_backlog_interval(options.backlog_interval, static_cast<Time>(options.days) * 86400);
    Engine engine(scenario, policy, options);
    return engine.run();
}

}  // namespace fsd
