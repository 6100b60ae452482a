#pragma once
// Simulation scenarios as JSON (format "fsdispatch-scenario", docs/simulation.md).
#include <string>

#include "fsd/sim/scenario.hpp"

namespace fsd {

/// Reads and validates a scenario. InputError naming the field
/// ("/engineers/2/shifts/0/start", "/arrivals/tickets_per_day"); nothing is
/// half-read. Without "sla" the scenario uses default_sim_sla_policy().
Scenario scenario_from_json(const std::string& text);

/// Reads a scenario file; InputError naming the file when it cannot be read.
Scenario read_scenario_file(const std::string& path);

/// The scenario as JSON text that scenario_from_json reads back equal.
std::string scenario_to_json(const Scenario& scenario, int indent = 2);

}  // namespace fsd
