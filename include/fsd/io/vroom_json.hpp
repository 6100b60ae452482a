#pragma once
// VROOM-compatible input and output (docs/vroom.md): a VROOM user switches to
// fsdispatch by changing one command. Fields our model cannot express are
// refused by name, never ignored.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/core/location.hpp"
#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// What a VROOM vehicle needs beyond its Engineer to be written back:
/// its integer id, description, and whether it has a real start and end (a
/// missing one is a zero-travel "nowhere" row of the matrix, i.e. VROOM's
/// open route, and is left out of the output steps).
struct VroomVehicle {
    std::int64_t id = 0;
    std::optional<std::string> description;
    bool has_start = true;
    bool has_end = true;
    std::vector<std::int64_t> break_ids;  ///< VROOM break ids, in the Engineer's break order
    std::vector<std::optional<std::string>> break_descriptions;  ///< same order
};

/// What a VROOM job needs beyond its Job to be written back.
struct VroomJob {
    std::int64_t id = 0;
    std::optional<std::string> description;
    std::optional<Coordinates> coords;       ///< [lon, lat] as given
    std::optional<Index> location_index;     ///< as given (with a matrix)
    int priority = 0;
    std::vector<Amount> delivery;
};

/// A VROOM input read into our model. Engineers and jobs keep VROOM's order
/// (engineer e is vehicles[e], job j is jobs[j]); their string ids are the
/// decimal VROOM ids.
struct VroomInput {
    Problem problem;
    std::vector<VroomVehicle> vehicles;
    std::vector<VroomJob> jobs;
    bool explicit_matrix = false;  ///< travel from the input's matrix (else great-circle)
    bool has_distances = true;     ///< false when a matrix came without distances
    double loading_seconds = 0.0;  ///< time spent reading and validating
    /// problem.warnings() with paths under VROOM's names ("/vehicles/1/...").
    std::vector<ValidationWarning> warnings;
};

/// Reads VROOM's JSON input (jobs, vehicles, matrices). Throws InputError
/// whose path names the VROOM field ("/vehicles/2/steps", "/shipments");
/// nothing is half-loaded.
VroomInput vroom_from_json(std::string_view text);
/// Reads a VROOM input file; InputError names the file when it cannot be read.
VroomInput read_vroom_file(const std::string& path);

/// The penalty of leaving out a job of `priority` in a problem of `num_jobs`
/// jobs: priority sum first, then the number of served jobs, then cost, as
/// VROOM ranks solutions (docs/vroom.md).
Cost vroom_unassigned_penalty(int priority, std::size_t num_jobs);

/// Writes `solution` (of `input.problem`) in VROOM's output shape: code,
/// summary, unassigned (with our extra "reason"), routes with steps. `indent`
/// -1 writes one line.
std::string vroom_output_json(const VroomInput& input, const Solution& solution, int indent = 2);

}  // namespace fsd
