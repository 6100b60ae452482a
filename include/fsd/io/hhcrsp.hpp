#pragma once
// Reader of the home health care routing and scheduling instances of
// Mankowska, Meisel and Bierwirth (2014): caregivers with qualifications for
// service types, patients needing one or two services in a time window, the
// second service of a patient synchronised with the first or following it
// within a minimum and maximum gap (docs/benchmarks.md, "HHCRSP").
#include <cstdint>
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"
#include "fsd/model/solution.hpp"

namespace fsd {

/// An HHCRSP instance (the OPL-style "InstanzCPLEX_HCSRP_*.txt" files) as
/// read, with the Problem built from it. Distances, times and gaps are
/// multiplied by `scale` (the distances are Euclidean floats): travel
/// durations and service times round up, window starts and minimum gaps
/// round up, deadlines and maximum gaps round down, distances to nearest —
/// so a plan feasible in integers is feasible in the file's numbers.
///
/// The Problem: engineers "c1".."c<nbVehi>" for the caregivers, starting and
/// ending at node 0 (the depot), one shift from the depot's window start to
/// `horizon`, skills "s1".."s<nbServi>" at level 1 from the qualification
/// matrix `a`, the default costs (per_hour 3600: a route costs its travel
/// time in scaled units). A job "<node>-s<k>" for every service k a patient
/// node needs (matrix `r`): that skill, the service time `p`, a hard window
/// [e, horizon] on the start of service and a soft SLA deadline at `l` costing
/// 1 per scaled unit of lateness; all mandatory. A patient of `DS` (double
/// service) gives two jobs and a link from the lower service to the higher
/// one with the patient's gap [mind, maxd] (0 and 0: both start together),
/// by two different engineers. Weights: travel 1, lateness 1, max_lateness 1,
/// so the objective is scale × (D + T + Tmax) where the paper's value is
/// (D + T + Tmax) / 3 (D travel distance, T total and Tmax largest
/// tardiness). Travel is an explicit matrix over the file's nodes (matrix
/// index = node), time = distance.
struct HhcrspInstance {
    std::string source;           ///< the name errors start with (a file name)
    int nodes = 0;                ///< nbNodes: patients and the two depot copies
    int caregivers = 0;           ///< nbVehi
    int service_types = 0;        ///< nbServi
    int patients = 0;             ///< nodes − 2
    int double_services = 0;      ///< patients in DS (each gives a link)
    std::int64_t scale = 1000;    ///< problem units per instance unit
    Time horizon = 0;             ///< end of the shifts and of the windows, scaled
    /// Per job (in Problem order): its patient node and service type (0-based).
    std::vector<int> job_node, job_service;
    /// In the file's own units: the distance matrix (row-major, nodes × nodes)
    /// and each node's window end `l`, what hhcrsp_measure reads.
    std::vector<double> distance, due;
    Problem problem;

    /// The file's distance from node `a` to node `b`.
    double distance_between(int a, int b) const {
        return distance[static_cast<size_t>(a) * static_cast<size_t>(nodes) + static_cast<size_t>(b)];
    }
};

/// Reads the instance in `text`; `source` (a file name) starts every error
/// message. Throws InputError whose path names the field as the file spells
/// it, indices from 0 ("nbVehi", "p[3][1][4]", "DS[2]") and whose message
/// starts "source:line: ".
HhcrspInstance parse_hhcrsp(const std::string& text, const std::string& source, std::int64_t scale = 1000);

/// Reads the instance file at `path` (parse_hhcrsp, messages naming the file).
HhcrspInstance read_hhcrsp(const std::string& path, std::int64_t scale = 1000);

/// The paper's measures of a plan, in the file's units, computed from the
/// plan's routes and start times (not from the solver's objective).
struct HhcrspMeasure {
    double distance = 0.0;         ///< D: the file's distances over every route's legs
    double total_tardiness = 0.0;  ///< T: Σ over served services of max(0, start − l)
    double max_tardiness = 0.0;    ///< Tmax: the largest of those
    int served = 0;                ///< services in the routes
    int services = 0;              ///< services the instance asks for
    /// The paper's objective (D + T + Tmax) / 3.
    double objective() const { return (distance + total_tardiness + max_tardiness) / 3.0; }
};

/// Measures `solution` of `instance` (HhcrspMeasure).
HhcrspMeasure hhcrsp_measure(const HhcrspInstance& instance, const Solution& solution);

}  // namespace fsd
