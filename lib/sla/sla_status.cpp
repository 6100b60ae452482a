#include "fsd/sla/sla_status.hpp"

#include <array>
#include <unordered_map>

#include "fsd/core/error.hpp"

namespace fsd {
namespace {

constexpr std::array<const char*, 7> kEventNames = {"created", "responded", "assigned", "waiting_for_customer",
                                                    "resumed", "resolved",  "reopened"};

struct ClockSetup {
    const SlaTarget* target = nullptr;
    int target_index = -1;
    const BusinessCalendar* calendar = nullptr;
    std::vector<Duration> thresholds;
};

ClockSetup setup_for(const SlaPolicy& policy, int priority, const std::string& tier, SlaMetric metric,
                     bool with_escalation) {
    ClockSetup s;
    s.target = policy.find_target(priority, tier, metric);
    if (s.target == nullptr) return s;
    s.target_index = static_cast<int>(s.target - policy.targets().data());
    s.calendar = &policy.calendar(policy.target_calendar(static_cast<std::size_t>(s.target_index)));
    if (with_escalation)
        for (const auto& level : policy.escalation())
            s.thresholds.push_back((s.target->duration * level.percent + 99) / 100);  // round up: never early
    return s;
}

SlaMetricStatus make_status(const SlaTicket& t, SlaMetric m, int cycle, const ClockSetup& s, const SlaClock& c,
                            Time at) {
    SlaMetricStatus st;
    st.ticket = t.id;
    st.priority = t.priority;
    st.tier = t.tier;
    st.metric = m;
    st.cycle = cycle;
    st.target_index = s.target_index;
    st.clock = c.read(at);
    return st;
}

}  // namespace

const char* to_string(SlaEventKind k) noexcept { return kEventNames[static_cast<std::size_t>(k)]; }

SlaEventKind parse_sla_event_kind(std::string_view name, const std::string& path) {
    for (std::size_t i = 0; i < kEventNames.size(); ++i)
        if (name == kEventNames[i]) return static_cast<SlaEventKind>(i);
    throw InputError(path, "unknown event \"" + std::string(name) +
                               "\"; expected created, responded, assigned, waiting_for_customer, resumed, "
                               "resolved or reopened");
}

bool SlaTicketStatus::breached(SlaMetric m) const {
    if (m == SlaMetric::response) return response && response->clock.breached;
    for (const auto& c : resolution)
        if (c.clock.breached) return true;
    return false;
}

SlaTicketStatus sla_ticket_status(const SlaTicket& ticket, const SlaPolicy& policy, Time at, bool with_escalation) {
    if (policy.tier_index(ticket.tier) < 0) throw InputError("/tier", "unknown tier \"" + ticket.tier + "\"");
    const int lowest = policy.priority_matrix().lowest_priority();
    if (ticket.priority < 1 || ticket.priority > lowest)
        throw InputError("/priority", "priority must lie between 1 and " + std::to_string(lowest));
    const auto& ev = ticket.events;
    if (ev.empty()) throw InputError("/events", "a ticket's history starts with a created event");
    if (ev[0].kind != SlaEventKind::created)
        throw InputError("/events/0/event", "a ticket's history starts with a created event");
    for (std::size_t i = 1; i < ev.size(); ++i) {
        if (ev[i].time < ev[i - 1].time)
            throw InputError("/events/" + std::to_string(i) + "/time",
                             "events must be in time order; this one comes before the previous one");
        if (ev[i].kind == SlaEventKind::created)
            throw InputError("/events/" + std::to_string(i) + "/event", "a ticket is created only once");
    }
    if (at < ev[0].time) throw InputError("/at", "the reading instant comes before the ticket was created");

    const Time created = ev[0].time;
    const ClockSetup rs = setup_for(policy, ticket.priority, ticket.tier, SlaMetric::response, with_escalation);
    const ClockSetup ls = setup_for(policy, ticket.priority, ticket.tier, SlaMetric::resolution, with_escalation);
    std::optional<SlaClock> response;
    if (rs.target) response.emplace(*rs.calendar, created, rs.target->duration, rs.thresholds);
    std::vector<SlaClock> cycles;
    if (ls.target) cycles.emplace_back(*ls.calendar, created, ls.target->duration, ls.thresholds);

    for (std::size_t i = 1; i < ev.size() && ev[i].time <= at; ++i) {
        const Time t = ev[i].time;
        SlaClock* cur = cycles.empty() ? nullptr : &cycles.back();
        switch (ev[i].kind) {
            case SlaEventKind::created:
            case SlaEventKind::assigned: break;
            case SlaEventKind::responded:
                if (response) response->stop(t);
                break;
            case SlaEventKind::waiting_for_customer:
                if (response) response->pause(t);
                if (cur) cur->pause(t);
                break;
            case SlaEventKind::resumed:
                if (response) response->resume(t);
                if (cur) cur->resume(t);
                break;
            case SlaEventKind::resolved:
                if (response) response->stop(t);
                if (cur) cur->stop(t);
                break;
            case SlaEventKind::reopened:
                if (cur && cur->state() == SlaClockState::completed)
                    cycles.emplace_back(*ls.calendar, t, ls.target->duration, ls.thresholds);
                break;
        }
    }

    SlaTicketStatus out;
    out.ticket = ticket.id;
    out.priority = ticket.priority;
    out.tier = ticket.tier;
    if (response) out.response = make_status(ticket, SlaMetric::response, 1, rs, *response, at);
    out.resolution.reserve(cycles.size());
    for (std::size_t c = 0; c < cycles.size(); ++c)
        out.resolution.push_back(make_status(ticket, SlaMetric::resolution, static_cast<int>(c) + 1, ls, cycles[c], at));
    return out;
}

std::vector<SlaTicket> group_sla_events(const std::vector<SlaEventRow>& rows, const SlaPolicy& policy) {
    std::vector<SlaTicket> tickets;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const std::string p = "/events/" + std::to_string(r);
        if (row.ticket.empty()) throw InputError(p + "/ticket", "every event needs a ticket id");
        const auto [it, fresh] = index.try_emplace(row.ticket, tickets.size());
        if (fresh) {
            if (row.kind != SlaEventKind::created)
                throw InputError(p + "/event", "the first event of ticket \"" + row.ticket + "\" must be created, not " +
                                                   to_string(row.kind));
            SlaTicket t;
            t.id = row.ticket;
            t.tier = row.tier;
            if (t.tier.empty()) {
                if (policy.tiers().size() != 1)
                    throw InputError(p + "/tier", "the created event needs a tier (the policy has several)");
                t.tier = policy.tiers()[0];
            }
            if (policy.tier_index(t.tier) < 0) throw InputError(p + "/tier", "unknown tier \"" + t.tier + "\"");
            const int lowest = policy.priority_matrix().lowest_priority();
            if (row.priority > 0) {
                if (row.priority > lowest)
                    throw InputError(p + "/priority", "priority must lie between 1 and " + std::to_string(lowest));
                t.priority = row.priority;
            } else if (row.priority < 0) {
                throw InputError(p + "/priority", "priority must lie between 1 and " + std::to_string(lowest));
            } else if (row.impact != 0 || row.urgency != 0) {
                try {
                    t.priority = policy.priority_matrix().priority(row.impact, row.urgency);
                } catch (const InputError& e) {
                    throw InputError(p + e.path(), e.message());
                }
            } else {
                throw InputError(p + "/priority", "the created event needs a priority, or an impact and an urgency");
            }
            tickets.push_back(std::move(t));
        } else if (row.kind == SlaEventKind::created) {
            throw InputError(p + "/event", "ticket \"" + row.ticket + "\" is created twice");
        }
        auto& events = tickets[it->second].events;
        if (!events.empty() && row.time < events.back().time)
            throw InputError(p + "/time", "events of ticket \"" + row.ticket +
                                              "\" must be in time order; this one comes before the previous one");
        events.push_back({row.time, row.kind});
    }
    return tickets;
}

std::vector<SlaMetricStatus> sla_status_table(const std::vector<SlaTicket>& tickets, const SlaPolicy& policy, Time at) {
    std::vector<SlaMetricStatus> out;
    out.reserve(tickets.size() * 2);
    for (std::size_t i = 0; i < tickets.size(); ++i) {
        SlaTicketStatus st;
        try {
            st = sla_ticket_status(tickets[i], policy, at);
        } catch (const InputError& e) {
            throw InputError("/tickets/" + std::to_string(i) + e.path(),
                             e.message() + " (ticket \"" + tickets[i].id + "\")");
        }
        if (st.response) out.push_back(std::move(*st.response));
        if (!st.resolution.empty()) out.push_back(std::move(st.resolution.back()));
    }
    return out;
}

}  // namespace fsd
