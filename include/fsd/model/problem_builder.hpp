#pragma once
#include <string>
#include <vector>

#include "fsd/model/problem.hpp"

namespace fsd {

/// Collects engineers, jobs, travel and weights, then validates everything at
/// once in build(). Paths in errors use the order things were added:
/// "/jobs/3/duration" is the fourth job added.
class ProblemBuilder {
public:
    ProblemBuilder& add_engineer(Engineer engineer);
    ProblemBuilder& add_job(Job job);
    /// A depot for tools and spare parts ("/depots/K" in errors).
    ProblemBuilder& add_depot(Depot depot);
    /// Two visits that depend on each other ("/links/K" in errors).
    ProblemBuilder& add_link(JobLink link);
    /// Travel model; great-circle with default options when never called.
    ProblemBuilder& set_travel(TravelSpec spec);
    ProblemBuilder& set_weights(const ObjectiveWeights& weights);

    /// Validates and freezes. Throws InputError naming the first offending
    /// field; non-fatal findings end up in Problem::warnings().
    Problem build() const;

private:
    std::vector<Engineer> engineers_;
    std::vector<Job> jobs_;
    std::vector<Depot> depots_;
    std::vector<JobLink> links_;
    TravelSpec travel_ = GreatCircleOptions{};
    ObjectiveWeights weights_;
};

/// The checks build() makes of a job's costs: penalty, preference cost and
/// SLA lateness rate non-negative and under the ceilings that keep the
/// engine's integer costs from overflowing. InputError at `path` + the field.
/// (A live plan checks tickets inserted into it with this too.)
void check_job_costs(const Job& job, const std::string& path);

}  // namespace fsd
