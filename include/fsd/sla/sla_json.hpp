#pragma once
#include <string>

#include "fsd/sla/business_calendar.hpp"
#include "fsd/sla/sla_policy.hpp"

namespace fsd {

/// Reads a policy from JSON text (format in docs/sla.md). Throws InputError
/// naming the field, e.g. "/calendars/0/hours/monday/1" or "/targets/3/tier".
SlaPolicy sla_policy_from_json(const std::string& text);

/// Reads one calendar object (the elements of "calendars" in a policy).
BusinessCalendar business_calendar_from_json(const std::string& text);

/// The policy as JSON text in the same format (calendars other than the
/// built-in "24x7", tiers, matrix, targets, escalation).
std::string sla_policy_to_json(const SlaPolicy& policy);

}  // namespace fsd
