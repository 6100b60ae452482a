#include "fsd/io/live_plan_json.hpp"

#include <climits>
#include <map>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "json_reader.hpp"
#include "problem_json_parts.hpp"

namespace fsd {
namespace {

using io_detail::child_path;
using io_detail::Json;
using io_detail::ObjectReader;
constexpr std::string_view kFormat = "fsdispatch-live-plan";

std::string dump(const Json& doc, const JsonWriteOptions& options) { return doc.dump(options.indent); }

// The plan's engineers, tickets, travel and weights as a problem document:
// the real engineers, an engineer's shift entries merged back into one with
// all its shifts, as the problem the plan came from states them.
Json problem_document(const LivePlan& plan, const JsonWriteOptions& options) {
    ProblemBuilder b;
    for (const Engineer& e : merge_shift_entries(plan.engineers())) b.add_engineer(e);
    for (const Job& j : plan.jobs()) b.add_job(j);
    b.set_travel(plan.travel().spec());
    b.set_weights(plan.weights());
    JsonWriteOptions one_line = options;
    one_line.indent = -1;
    return Json::parse(problem_to_json(b.build(), one_line));
}

// The engineer's id, and which of its shifts when it is not the first: an
// outcome names a day's route as the live plan document does. Called before
// the object's other fields, so that "engineer" stays first.
void put_engineer(Json& out, const LivePlan& plan, Index e) {
    out["engineer"] = plan.engineers()[static_cast<size_t>(e)].id;
    if (const Index shift = plan.shift_index(e); shift > 0) out["shift"] = shift;
}

Json candidate_json(const LivePlan& plan, const InsertionCandidate& c, const std::optional<int>& iso) {
    Json out = Json::object();
    put_engineer(out, plan, c.engineer);
    out["position"] = c.position;
    out["arrival"] = io_detail::write_time(c.arrival, iso);
    out["start"] = io_detail::write_time(c.start, iso);
    out["cost"] = c.cost;
    out["added_travel"] = c.added_travel;
    out["added_distance"] = c.added_distance;
    out["lateness"] = c.lateness;
    out["others_lateness"] = c.others_lateness;
    return out;
}

Json changes_json(const LivePlan& plan, const ChangeSet& changes) {
    auto job_id = [&](Index j) { return plan.jobs()[static_cast<size_t>(j)].id; };
    auto eng_id = [&](Index e) { return plan.engineers()[static_cast<size_t>(e)].id; };
    Json routes = Json::array();
    for (const RouteChange& rc : changes.routes) {
        Json added = Json::array(), removed = Json::array();
        for (Index j : rc.added) added.push_back(job_id(j));
        for (Index j : rc.removed) removed.push_back(job_id(j));
        Json route = Json::object();
        put_engineer(route, plan, rc.engineer);
        route["added"] = added;
        route["removed"] = removed;
        route["reordered"] = rc.reordered;
        route["retimed"] = rc.retimed;
        routes.push_back(std::move(route));
    }
    Json left = Json::array();
    for (const LeftOut& l : changes.left_out)
        left.push_back(Json{{"ticket", job_id(l.job)}, {"reason", to_string(l.reason)}, {"detail", l.detail}});
    Json missed = Json::array();
    for (Index e : changes.missed_breaks) missed.push_back(eng_id(e));
    return Json{{"routes", routes}, {"left_out", left}, {"missed_breaks", missed}};
}

std::string prefixed(const std::string& prefix, const std::string& path) { return prefix + path; }

// The plan entry that a route or engineer state of the document names: its
// engineer's first entry plus its "shift" (0 when absent). `first` and
// `count` give each problem engineer's first entry and number of shifts.
Index entry_named(const ObjectReader& r, const Problem& problem, const std::vector<Index>& first,
                  const std::vector<Index>& count) {
    const std::string id = io_detail::read_string(r.require("engineer"), r.path("engineer"));
    const auto e = problem.engineer_index(id);
    if (!e) throw InputError(r.path("engineer"), "no engineer with id '" + id + "' in the problem");
    const Index shifts = count[static_cast<size_t>(*e)];
    Index shift = 0;
    if (const Json* x = r.get("shift")) {
        shift = static_cast<Index>(io_detail::read_int(*x, r.path("shift"), 0, INT32_MAX));
        if (shift >= shifts)
            throw InputError(r.path("shift"), "engineer " + id + " has no shift with index " + std::to_string(shift) + " (it has " +
                                                  std::to_string(shifts) + ")");
    }
    return first[static_cast<size_t>(*e)] + shift;
}

// An InputError of LivePlan::from_parts about "/engineers/<entry>..." named
// in the document: the embedded problem's engineer of that entry. Other paths
// are the document's own (routes and states are listed per entry).
std::string document_path(const std::string& path, const std::vector<Index>& engineer_of_entry) {
    const std::string head = "/engineers/";
    if (path.rfind(head, 0) != 0) return path;
    size_t end = head.size();
    while (end < path.size() && path[end] >= '0' && path[end] <= '9') ++end;
    if (end == head.size()) return path;
    const size_t entry = std::stoul(path.substr(head.size(), end - head.size()));
    if (entry >= engineer_of_entry.size()) return path;
    return head + std::to_string(engineer_of_entry[entry]) + path.substr(end);
}

}  // namespace

std::string live_plan_to_json(const LivePlan& plan, const JsonWriteOptions& options) {
    const auto& iso = options.iso_offset_seconds;
    Json doc = Json::object();
    doc["format"] = kFormat;
    doc["version"] = kFormatVersion;
    doc["now"] = io_detail::write_time(plan.now(), iso);
    doc["problem"] = problem_document(plan, options);
    Json tickets = Json::array();
    for (Index j = 0; j < static_cast<Index>(plan.jobs().size()); ++j)
    {
        Json t{{"id", plan.jobs()[static_cast<size_t>(j)].id}, {"status", to_string(plan.status(j))}};
        // Derived from the plan, written for readers (the board, a CRM); the reader ignores them.
        if (plan.status(j) == TicketStatus::pending) {
            const LeftOut why = plan.why_pending(j);
            t["reason"] = to_string(why.reason);
            t["detail"] = why.detail;
        }
        tickets.push_back(std::move(t));
    }
    doc["tickets"] = tickets;
    // An engineer with several shifts has one route and state per shift;
    // "shift" says which (put_engineer), left out for the first so that
    // one-day documents stay as they were.
    Json routes = Json::array();
    for (Index e = 0; e < static_cast<Index>(plan.engineers().size()); ++e) {
        const Engineer& eng = plan.engineers()[static_cast<size_t>(e)];
        const LiveRoute& r = plan.route(e);
        Json steps = Json::array();
        for (const LiveStep& s : r.steps) {
            Json st = Json::object();
            if (s.kind == StepKind::job) {
                st["type"] = "job";
                st["job"] = plan.jobs()[static_cast<size_t>(s.index)].id;
            } else {
                st["type"] = "break";
                st["break"] = eng.breaks[static_cast<size_t>(s.index)].id;
            }
            st["status"] = to_string(s.status);
            st["arrival"] = io_detail::write_time(s.arrival, iso);
            st["start"] = io_detail::write_time(s.start, iso);
            st["end"] = io_detail::write_time(s.end, iso);
            st["travel_time"] = s.travel_time;
            st["travel_distance"] = s.travel_distance;
            st["lateness"] = s.lateness;
            if (s.status == StepStatus::en_route) st["departed"] = io_detail::write_time(s.departed, iso);
            if (s.extra != 0) st["extra"] = s.extra;
            steps.push_back(std::move(st));
        }
        Json route = Json::object();
        put_engineer(route, plan, e);
        route["departure"] = io_detail::write_time(r.departure, iso);
        route["end_arrival"] = io_detail::write_time(r.end_arrival, iso);
        route["steps"] = std::move(steps);
        routes.push_back(std::move(route));
    }
    doc["routes"] = routes;
    Json states = Json::array();
    for (Index e = 0; e < static_cast<Index>(plan.engineers().size()); ++e) {
        const EngineerState& s = plan.state(e);
        if (s == EngineerState{}) continue;
        Json st = Json::object();
        put_engineer(st, plan, e);
        if (s.position) {
            st["position"] = io_detail::write_location_json(*s.position);
            st["position_at"] = io_detail::write_time(s.position_at, iso);
        }
        if (s.unavailable_from != kTimeMax) st["unavailable_from"] = io_detail::write_time(s.unavailable_from, iso);
        if (s.ready_at != kTimeMin) st["ready_at"] = io_detail::write_time(s.ready_at, iso);
        states.push_back(std::move(st));
    }
    doc["engineer_states"] = states;
    return dump(doc, options);
}

LivePlan live_plan_from_json(std::string_view text) {
    const Json doc = io_detail::parse_json_text(text);
    io_detail::check_header(doc, kFormat);
    ObjectReader r(doc, "", {"format", "version", "now", "problem", "tickets", "routes", "engineer_states"});
    Problem problem = [&] {
        try {
            return problem_from_json(r.require("problem").dump());
        } catch (const InputError& e) {
            throw InputError(prefixed("/problem", e.path()), e.message());
        }
    }();
    // The parts below carry no depots or links, so the live plan's own refusal would not see them.
    if (problem.num_depots() > 0)
        throw InputError("/problem/depots", "the live plan does not plan depot stops yet; solve the day with fsd solve");
    if (problem.num_links() > 0)
        throw InputError("/problem/links", "the live plan does not plan linked visits yet; solve the day with fsd solve");
    LivePlan::Parts parts;
    // One entry per (engineer, shift), split the way a plan made from the
    // problem splits them; first_entry / shift_count / engineer_of_entry map
    // between the document's engineers and the entries.
    parts.engineers = split_shift_entries(problem);
    std::vector<Index> first_entry(problem.engineers().size(), 0), shift_count(problem.engineers().size(), 0);
    std::vector<Index> engineer_of_entry;
    for (const RouteSlot& slot : problem.slots()) {
        if (shift_count[static_cast<size_t>(slot.engineer)]++ == 0)
            first_entry[static_cast<size_t>(slot.engineer)] = static_cast<Index>(engineer_of_entry.size());
        engineer_of_entry.push_back(slot.engineer);
    }
    // " in shift k" for an entry of an engineer with several shifts (error messages).
    auto in_shift = [&](Index e) -> std::string {
        const auto engineer = static_cast<size_t>(engineer_of_entry[static_cast<size_t>(e)]);
        if (shift_count[engineer] == 1) return "";
        return " in shift " + std::to_string(e - first_entry[engineer]);
    };
    parts.jobs = problem.jobs();
    parts.travel = problem.travel_spec();
    parts.weights = problem.weights();
    parts.now = io_detail::read_time(r.require("now"), r.path("now"));
    parts.status.assign(parts.jobs.size(), TicketStatus::pending);
    parts.routes.resize(parts.engineers.size());
    parts.states.resize(parts.engineers.size());

    if (const Json* tickets = r.get("tickets")) {
        const Json& arr = io_detail::read_array(*tickets, r.path("tickets"));
        std::vector<char> listed(parts.jobs.size(), 0);
        for (size_t i = 0; i < arr.size(); ++i) {
            const std::string path = child_path(r.path("tickets"), i);
            ObjectReader t(arr[i], path, {"id", "status", "reason", "detail"});
            const std::string id = io_detail::read_string(t.require("id"), t.path("id"));
            const auto j = problem.job_index(id);
            if (!j) throw InputError(t.path("id"), "no ticket with id '" + id + "' in the problem");
            if (listed[static_cast<size_t>(*j)]) throw InputError(t.path("id"), "ticket " + id + " is listed twice");
            listed[static_cast<size_t>(*j)] = 1;
            parts.status[static_cast<size_t>(*j)] =
                ticket_status_from_string(io_detail::read_string(t.require("status"), t.path("status")), t.path("status"));
        }
    }
    std::vector<char> seen(parts.engineers.size(), 0);
    if (const Json* routes = r.get("routes")) {
        const Json& arr = io_detail::read_array(*routes, r.path("routes"));
        for (size_t i = 0; i < arr.size(); ++i) {
            const std::string path = child_path(r.path("routes"), i);
            ObjectReader rr(arr[i], path, {"engineer", "shift", "departure", "end_arrival", "steps"});
            const Index e = entry_named(rr, problem, first_entry, shift_count);
            const Engineer& eng = parts.engineers[static_cast<size_t>(e)];
            const std::string& id = eng.id;
            const bool several_shifts = shift_count[static_cast<size_t>(engineer_of_entry[static_cast<size_t>(e)])] > 1;
            if (seen[static_cast<size_t>(e)])
                throw InputError(rr.get("shift") ? rr.path("shift") : rr.path("engineer"),
                                 "engineer " + id + " has two routes" + in_shift(e));
            seen[static_cast<size_t>(e)] = 1;
            LiveRoute& route = parts.routes[static_cast<size_t>(e)];
            const Json& steps = io_detail::read_array(rr.require("steps"), rr.path("steps"));
            for (size_t s = 0; s < steps.size(); ++s) {
                const std::string spath = child_path(rr.path("steps"), s);
                ObjectReader sr(steps[s], spath,
                                {"type", "job", "break", "status", "arrival", "start", "end", "travel_time", "travel_distance",
                                 "lateness", "departed", "extra"});
                LiveStep st;
                const std::string type = io_detail::read_string(sr.require("type"), sr.path("type"));
                if (type == "job") {
                    st.kind = StepKind::job;
                    const std::string jid = io_detail::read_string(sr.require("job"), sr.path("job"));
                    const auto j = problem.job_index(jid);
                    if (!j) throw InputError(sr.path("job"), "no ticket with id '" + jid + "' in the problem");
                    st.index = *j;
                } else if (type == "break") {
                    st.kind = StepKind::break_;
                    const std::string bid = io_detail::read_string(sr.require("break"), sr.path("break"));
                    Index b = -1;
                    for (size_t k = 0; k < eng.breaks.size(); ++k)
                        if (eng.breaks[k].id == bid) b = static_cast<Index>(k);
                    if (b < 0)
                        throw InputError(sr.path("break"), "engineer " + id + " has no break with id '" + bid + "'" +
                                                               (several_shifts ? " in this shift" : ""));
                    st.index = b;
                } else {
                    throw InputError(sr.path("type"), "a live route step is \"job\" or \"break\", not \"" + type + "\"");
                }
                st.status = step_status_from_string(io_detail::read_string(sr.require("status"), sr.path("status")), sr.path("status"));
                st.arrival = io_detail::read_time(sr.require("arrival"), sr.path("arrival"));
                st.start = io_detail::read_time(sr.require("start"), sr.path("start"));
                st.end = io_detail::read_time(sr.require("end"), sr.path("end"));
                if (const Json* x = sr.get("travel_time")) st.travel_time = io_detail::read_duration(*x, sr.path("travel_time"));
                if (const Json* x = sr.get("travel_distance"))
                    st.travel_distance = io_detail::read_int(*x, sr.path("travel_distance"), 0, INT64_MAX / 4);
                if (const Json* x = sr.get("lateness")) st.lateness = io_detail::read_duration(*x, sr.path("lateness"));
                if (const Json* x = sr.get("departed")) st.departed = io_detail::read_time(*x, sr.path("departed"));
                if (const Json* x = sr.get("extra")) st.extra = io_detail::read_duration(*x, sr.path("extra"));
                route.steps.push_back(st);
            }
        }
    }
    if (const Json* states = r.get("engineer_states")) {
        const Json& arr = io_detail::read_array(*states, r.path("engineer_states"));
        std::vector<char> state_seen(parts.engineers.size(), 0);
        for (size_t i = 0; i < arr.size(); ++i) {
            const std::string path = child_path(r.path("engineer_states"), i);
            ObjectReader sr(arr[i], path, {"engineer", "shift", "position", "position_at", "unavailable_from", "ready_at"});
            const Index e = entry_named(sr, problem, first_entry, shift_count);
            if (state_seen[static_cast<size_t>(e)])
                throw InputError(sr.get("shift") ? sr.path("shift") : sr.path("engineer"),
                                 "engineer " + parts.engineers[static_cast<size_t>(e)].id + " has two states" + in_shift(e));
            state_seen[static_cast<size_t>(e)] = 1;
            EngineerState& st = parts.states[static_cast<size_t>(e)];
            if (const Json* x = sr.get("position")) {
                st.position = io_detail::read_location_json(*x, sr.path("position"));
                st.position_at = io_detail::read_time(sr.require("position_at"), sr.path("position_at"));
            }
            if (const Json* x = sr.get("unavailable_from")) st.unavailable_from = io_detail::read_time(*x, sr.path("unavailable_from"));
            if (const Json* x = sr.get("ready_at")) st.ready_at = io_detail::read_time(*x, sr.path("ready_at"));
        }
    }
    try {
        return LivePlan::from_parts(std::move(parts));
    } catch (const InputError& e) {
        // The parts' engineers, tickets, travel and weights are the embedded problem's.
        for (const char* inner : {"/engineers", "/jobs", "/travel", "/weights"})
            if (e.path().rfind(inner, 0) == 0)
                throw InputError(prefixed("/problem", document_path(e.path(), engineer_of_entry)), e.message());
        throw;
    }
}

std::string change_set_to_json(const LivePlan& plan, const ChangeSet& changes, const JsonWriteOptions& options) {
    return dump(changes_json(plan, changes), options);
}

namespace {

// Applies one parsed event and returns its outcome (docs/dispatch.md).
Json event_outcome(LivePlan& plan, const Json& doc, const std::optional<int>& iso) {
    if (!doc.is_object()) throw InputError("", "an event is a JSON object with a \"type\"");
    const auto type_it = doc.find("type");
    if (type_it == doc.end()) throw InputError("/type", "the field \"type\" is required");
    const std::string type = io_detail::read_string(*type_it, "/type");
    Json out = Json{{"event", type}};
    auto text = [&](const ObjectReader& r, const char* key) { return io_detail::read_string(r.require(key), r.path(key)); };
    auto time = [&](const ObjectReader& r, const char* key) { return io_detail::read_time(r.require(key), r.path(key)); };

    if (type == "insert" || type == "offer_slots" || type == "book_slot") {
        ObjectReader r = type == "offer_slots"
                             ? ObjectReader(doc, "", {"type", "ticket", "windows", "at"})
                             : ObjectReader(doc, "", {"type", "ticket", "engineer", "alternatives", "asap", "window", "at"});
        const Job ticket = io_detail::read_job_json(r.require("ticket"), r.path("ticket"));
        std::optional<Time> at;
        if (const Json* x = r.get("at")) at = io_detail::read_time(*x, r.path("at"));
        if (type == "offer_slots") {
            std::vector<TimeWindow> windows;
            const Json& arr = io_detail::read_array(r.require("windows"), r.path("windows"));
            for (size_t i = 0; i < arr.size(); ++i) {
                ObjectReader w(arr[i], child_path(r.path("windows"), i), {"start", "end"});
                windows.push_back({time(w, "start"), time(w, "end")});
            }
            // Grade on a copy first, so that a bad ticket or window leaves the
            // clock where it was; then move the clock of the plan itself.
            LivePlan moved = plan;
            ChangeSet clock;
            if (at && *at > moved.now()) clock = moved.advance_time(*at);
            const std::vector<SlotOffer> graded = moved.offer_slots(ticket, windows);
            plan = std::move(moved);
            Json offers = Json::array();
            for (const SlotOffer& o : graded) {
                Json j = Json{{"start", io_detail::write_time(o.window.start, iso)},
                              {"end", io_detail::write_time(o.window.end, iso)},
                              {"feasible", o.feasible}};
                if (o.best) j["best"] = candidate_json(plan, *o.best, iso);
                offers.push_back(std::move(j));
            }
            out["ticket"] = ticket.id;
            out["offers"] = offers;
            out["changes"] = changes_json(plan, clock);
            return out;
        }
        InsertOptions io;
        if (const Json* x = r.get("engineer")) io.engineer = io_detail::read_string(*x, r.path("engineer"));
        if (const Json* x = r.get("alternatives"))
            io.alternatives = static_cast<int>(io_detail::read_int(*x, r.path("alternatives"), 0, 1000));
        if (const Json* x = r.get("asap")) io.asap = io_detail::read_bool(*x, r.path("asap"));
        io.at = at;
        InsertResult res;
        if (type == "book_slot") {
            ObjectReader w(r.require("window"), r.path("window"), {"start", "end"});
            res = plan.book_slot(ticket, TimeWindow{time(w, "start"), time(w, "end")}, io);
        } else {
            res = plan.insert(ticket, io);
        }
        out["ticket"] = ticket.id;
        out["placed"] = res.placed;
        if (res.placed) {
            put_engineer(out, plan, res.engineer);
            out["arrival"] = io_detail::write_time(res.arrival, iso);
            out["start"] = io_detail::write_time(res.start, iso);
        }
        Json alts = Json::array();
        for (const InsertionCandidate& c : res.alternatives) alts.push_back(candidate_json(plan, c, iso));
        out["alternatives"] = alts;
        out["changes"] = changes_json(plan, res.changes);
        return out;
    }
    if (type == "reoptimise") {
        ObjectReader r(doc, "", {"type", "time_limit", "iteration_limit", "seed", "reassignment_cost"});
        ReoptimiseOptions o;
        if (const Json* x = r.get("time_limit")) o.time_limit_seconds = io_detail::read_double(*x, r.path("time_limit"));
        if (const Json* x = r.get("iteration_limit")) o.iteration_limit = io_detail::read_int(*x, r.path("iteration_limit"), -1, INT64_MAX);
        if (const Json* x = r.get("seed")) o.seed = io_detail::read_uint64(*x, r.path("seed"));
        if (const Json* x = r.get("reassignment_cost")) o.reassignment_cost = io_detail::read_int(*x, r.path("reassignment_cost"), 0, INT64_MAX / 4);
        const ReoptimiseResult res = plan.reoptimise(o);
        out["accepted"] = res.accepted;
        out["cost_before"] = res.cost_before;
        out["cost_after"] = res.cost_after;
        out["moved"] = res.moved;
        out["newly_placed"] = res.newly_placed;
        out["changes"] = changes_json(plan, res.changes);
        return out;
    }

    ChangeSet changes;
    if (type == "cancel" || type == "start_travel" || type == "arrive" || type == "job_finished") {
        ObjectReader r(doc, "", {"type", "ticket", "at"});
        const std::string ticket = text(r, "ticket");
        const Time at = time(r, "at");
        if (type == "cancel") changes = plan.cancel(ticket, at);
        else if (type == "start_travel") changes = plan.start_travel(ticket, at);
        else if (type == "arrive") changes = plan.arrive(ticket, at);
        else changes = plan.job_finished(ticket, at);
    } else if (type == "delay") {
        ObjectReader r(doc, "", {"type", "engineer", "seconds", "at"});
        changes = plan.delay(text(r, "engineer"), io_detail::read_duration(r.require("seconds"), r.path("seconds")), time(r, "at"));
    } else if (type == "engineer_unavailable") {
        ObjectReader r(doc, "", {"type", "engineer", "from"});
        changes = plan.engineer_unavailable(text(r, "engineer"), time(r, "from"));
    } else if (type == "break_started") {
        ObjectReader r(doc, "", {"type", "engineer", "at"});
        changes = plan.break_started(text(r, "engineer"), time(r, "at"));
    } else if (type == "engineer_position") {
        ObjectReader r(doc, "", {"type", "engineer", "location", "at"});
        const Location loc = io_detail::read_location_json(r.require("location"), r.path("location"));
        changes = plan.engineer_position(text(r, "engineer"), loc, time(r, "at"));
    } else if (type == "advance_time") {
        ObjectReader r(doc, "", {"type", "at"});
        changes = plan.advance_time(time(r, "at"));
    } else if (type == "place_pending") {
        ObjectReader r(doc, "", {"type"});
        changes = plan.place_pending();
    } else {
        throw InputError("/type", "unknown event type '" + type +
                                      "' (insert, offer_slots, book_slot, cancel, delay, engineer_unavailable, start_travel, "
                                      "arrive, job_finished, break_started, engineer_position, advance_time, place_pending, "
                                      "reoptimise)");
    }
    out["changes"] = changes_json(plan, changes);
    return out;
}

}  // namespace

std::string apply_event_json(LivePlan& plan, std::string_view event, const JsonWriteOptions& options) {
    const Json doc = io_detail::parse_json_text(event);
    return dump(event_outcome(plan, doc, options.iso_offset_seconds), options);
}

std::string apply_events_json(LivePlan& plan, std::string_view events, const JsonWriteOptions& options) {
    const Json doc = io_detail::parse_json_text(events);
    if (!doc.is_array()) return dump(event_outcome(plan, doc, options.iso_offset_seconds), options);
    // All or nothing: the events run on a copy that replaces the plan only
    // when every one of them was accepted, so a caller that stores the plan
    // never stores half a batch.
    LivePlan work = plan;
    Json outcomes = Json::array();
    for (size_t i = 0; i < doc.size(); ++i) {
        try {
            outcomes.push_back(event_outcome(work, doc[i], options.iso_offset_seconds));
        } catch (const InputError& e) {
            throw InputError(child_path("", i) + e.path(), e.message());
        }
    }
    plan = std::move(work);
    return dump(outcomes, options);
}

}  // namespace fsd
