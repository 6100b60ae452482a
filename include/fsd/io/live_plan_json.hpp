#pragma once
#include <string>
#include <string_view>

#include "fsd/dispatch/live_plan.hpp"
#include "fsd/io/problem_json.hpp"

namespace fsd {

/// Writes a live plan (format "fsdispatch-live-plan", docs/dispatch.md): its
/// engineers, tickets, travel and weights as an embedded problem document,
/// the clock, each ticket's status, each route's steps and each engineer's
/// state. live_plan_from_json of the result gives back an equal plan.
std::string live_plan_to_json(const LivePlan& plan, const JsonWriteOptions& options = {});
/// Reads a live plan; InputError names the field.
LivePlan live_plan_from_json(std::string_view text);

/// Applies one event object (docs/dispatch.md: insert, offer_slots,
/// book_slot, cancel, delay, engineer_unavailable, start_travel, arrive,
/// job_finished, break_started, engineer_position, advance_time,
/// place_pending, reoptimise) to `plan` and returns the outcome as JSON: the
/// change set with ids, plus the alternatives, slot offers or re-planning
/// figures the event produces. A bad event throws InputError and leaves the
/// plan unchanged.
std::string apply_event_json(LivePlan& plan, std::string_view event, const JsonWriteOptions& options = {});

/// Applies one event object, or a JSON array of events in order, and returns
/// the outcome: one outcome object for one event object, an array of
/// outcomes (one per event, in order) for an array. All or nothing: when an
/// event of the array is refused, InputError names it ("/2/ticket/id") and
/// `plan` is left as it was, none of the events applied.
std::string apply_events_json(LivePlan& plan, std::string_view events, const JsonWriteOptions& options = {});

/// A change set with ids instead of indices, as JSON.
std::string change_set_to_json(const LivePlan& plan, const ChangeSet& changes, const JsonWriteOptions& options = {});

}  // namespace fsd
