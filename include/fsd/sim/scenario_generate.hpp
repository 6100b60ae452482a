#pragma once
// Generated scenarios: a seeded family of service regions for tests,
// benchmarks and what-if studies.
#include <cstdint>
#include <string>
#include <vector>

#include "fsd/sim/scenario.hpp"

namespace fsd {

/// What to generate. Engineers live in the region, work weekday shifts
/// (a share also Saturdays), hold 1-2 of `skills` skills at levels 1-3;
/// tickets arrive with an office-hours profile.
struct ScenarioGenerateOptions {
    std::string name = "generated";
    int engineers = 20;
    double tickets_per_day = 100.0;
    int skills = 3;
    double radius_km = 20.0;
    Coordinates centre{52.37, 4.90};
    Duration median_duration = 2700;
    double travel_noise_sigma = 0.2;
    double cancellation_probability = 0.03;
    std::uint64_t seed = 1;
};

/// A generated scenario (validated). InputError naming the option when out of range.
Scenario generate_scenario(const ScenarioGenerateOptions& options);

/// The bundled family used by `fsd bench sim` and the policy benchmark:
/// "urban" (dense, 20 engineers), "rural" (sparse, 60 km radius),
/// "specialist" (six skills, fewer qualified engineers per ticket) and
/// "peak" (load near capacity). InputError for another name.
ScenarioGenerateOptions scenario_preset(const std::string& name, std::uint64_t seed = 1);
const std::vector<std::string>& scenario_preset_names();

/// SLA targets used when a scenario gives none: tier "standard", 24x7;
/// on-site response P1 4 h, P2 8 h, P3 24 h, P4 48 h, P5 72 h; resolution
/// P1 8 h, P2 24 h, P3 48 h, P4 96 h, P5 120 h.
SlaPolicy default_sim_sla_policy();

}  // namespace fsd
