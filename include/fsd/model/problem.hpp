#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fsd/core/types.hpp"
#include "fsd/model/depot.hpp"
#include "fsd/model/engineer.hpp"
#include "fsd/model/job.hpp"
#include "fsd/model/job_link.hpp"
#include "fsd/model/objective.hpp"
#include "fsd/travel/matrix.hpp"
#include "fsd/travel/travel_spec.hpp"

namespace fsd {

/// A finding of validation that does not stop the problem from being built
/// (e.g. a job no engineer is qualified for: it will come back unassigned).
struct ValidationWarning {
    std::string path;
    std::string message;
};

/// One engineer's shift, planned as one route.
struct RouteSlot {
    Index engineer = 0;
    Index shift = 0;          ///< index into the engineer's shifts
    TimeWindow window;        ///< the shift itself
    std::vector<Index> breaks;  ///< engineer break indices taken in this shift
};

/// An immutable, validated dispatch problem: engineers, jobs, travel and the
/// objective's weights. Built only by ProblemBuilder; safe to share between
/// threads. Inside, everything is addressed by dense indices: job j, engineer
/// e, route slot r, location l (rows of the travel matrices).
class Problem {
public:
    const std::vector<Engineer>& engineers() const noexcept { return engineers_; }
    const std::vector<Job>& jobs() const noexcept { return jobs_; }
    const Engineer& engineer(Index e) const { return engineers_.at(static_cast<size_t>(e)); }
    const Job& job(Index j) const { return jobs_.at(static_cast<size_t>(j)); }
    Index num_engineers() const noexcept { return static_cast<Index>(engineers_.size()); }
    Index num_jobs() const noexcept { return static_cast<Index>(jobs_.size()); }
    /// Depots engineers may stop at for tools and spare parts.
    const std::vector<Depot>& depots() const noexcept { return depots_; }
    const Depot& depot(Index d) const { return depots_.at(static_cast<size_t>(d)); }
    Index num_depots() const noexcept { return static_cast<Index>(depots_.size()); }
    std::optional<Index> depot_index(std::string_view id) const;
    /// Whether any job needs a tool or a spare part (then routes may need depot stops).
    bool has_resources() const noexcept { return has_resources_; }

    /// Visits that depend on each other (two-person jobs, follow-ups).
    const std::vector<JobLink>& links() const noexcept { return links_; }
    Index num_links() const noexcept { return static_cast<Index>(links_.size()); }
    /// Job indices of link k's first and second visit.
    Index link_first(Index k) const { return link_jobs_.at(static_cast<size_t>(k)).first; }
    Index link_second(Index k) const { return link_jobs_.at(static_cast<size_t>(k)).second; }
    /// Links job j takes part in (as first or second), ascending.
    const std::vector<Index>& links_of(Index j) const { return links_of_.at(static_cast<size_t>(j)); }

    /// Index of the engineer / job with this id, if any.
    std::optional<Index> engineer_index(std::string_view id) const;
    std::optional<Index> job_index(std::string_view id) const;

    /// Every (engineer, shift) pair, in engineer then shift order.
    const std::vector<RouteSlot>& slots() const noexcept { return slots_; }

    /// Number of capacity dimensions (every capacity and demand is padded to it).
    Index dimensions() const noexcept { return dimensions_; }

    /// Travel as the caller specified it (for writing the problem back).
    const TravelSpec& travel_spec() const noexcept { return travel_spec_; }
    /// Distance matrix between all locations.
    const DistanceMatrix& distances() const noexcept { return distances_; }
    /// Base duration matrix (speed factor 1).
    const DurationMatrix& base_durations() const noexcept { return durations_.front(); }
    /// Duration matrix as engineer `e` drives (its speed factor applied).
    const DurationMatrix& durations(Index e) const { return durations_.at(static_cast<size_t>(profile_.at(static_cast<size_t>(e)))); }
    /// Number of locations (rows of the matrices).
    Index num_locations() const noexcept { return static_cast<Index>(distances_.rows()); }

    /// Matrix row of job j's location.
    Index job_location(Index j) const { return job_location_.at(static_cast<size_t>(j)); }
    /// Matrix row of depot d's location.
    Index depot_location(Index d) const { return depot_location_.at(static_cast<size_t>(d)); }
    /// Matrix row where engineer e starts every shift.
    Index start_location(Index e) const { return start_location_.at(static_cast<size_t>(e)); }
    /// Matrix row where engineer e ends every shift.
    Index end_location(Index e) const { return end_location_.at(static_cast<size_t>(e)); }

    /// True when engineer e may serve job j: skills and levels, pin, allowed
    /// and forbidden lists, and every tool and part the job needs on e's van
    /// or at some depot (not time or capacity).
    bool compatible(Index e, Index j) const {
        return compatible_[static_cast<size_t>(j) * engineers_.size() + static_cast<size_t>(e)] != 0;
    }
    /// Engineers compatible with job j, ascending.
    const std::vector<Index>& compatible_engineers(Index j) const { return compatible_engineers_.at(static_cast<size_t>(j)); }

    /// Job j's demand padded to dimensions().
    const std::vector<Amount>& demand(Index j) const { return demand_.at(static_cast<size_t>(j)); }
    /// Engineer e's capacity padded to dimensions() (unlimited dimensions hold kTimeMax).
    const std::vector<Amount>& capacity(Index e) const { return capacity_.at(static_cast<size_t>(e)); }

    /// Service time of job j when engineer e serves it (see
    /// fsd::service_duration: by e's level in the job's first skill).
    Duration service_duration(Index e, Index j) const {
        if (service_.empty()) return jobs_[static_cast<size_t>(j)].duration;
        return service_[static_cast<size_t>(j) * engineers_.size() + static_cast<size_t>(e)];
    }
    /// Whether some job's service time depends on the engineer's level
    /// (`Job::durations_by_level` non-empty).
    bool has_level_durations() const noexcept { return !service_.empty(); }
    /// Whether some engineer may work overtime (`Engineer::max_overtime` > 0).
    bool has_overtime() const noexcept { return has_overtime_; }
    /// Hard limit of route slot r: the shift end plus the engineer's
    /// max_overtime. Jobs, breaks and the return must end by it.
    Time latest_end(Index r) const {
        const RouteSlot& s = slots_.at(static_cast<size_t>(r));
        return s.window.end + engineers_[static_cast<size_t>(s.engineer)].max_overtime;
    }

    /// Cost of leaving job j out (its penalty if optional, else the weighted
    /// mandatory cost).
    Cost unassigned_cost(Index j) const;

    const ObjectiveWeights& weights() const noexcept { return weights_; }
    /// Non-fatal validation findings.
    const std::vector<ValidationWarning>& warnings() const noexcept { return warnings_; }

private:
    friend class ProblemBuilder;
    Problem() = default;

    std::vector<Engineer> engineers_;
    std::vector<Job> jobs_;
    std::vector<Depot> depots_;
    std::vector<JobLink> links_;
    std::vector<std::pair<Index, Index>> link_jobs_;
    std::vector<std::vector<Index>> links_of_;   // per job
    std::unordered_map<std::string, Index> depot_ids_;
    std::vector<Index> depot_location_;
    bool has_resources_ = false;
    std::unordered_map<std::string, Index> engineer_ids_;
    std::unordered_map<std::string, Index> job_ids_;
    std::vector<RouteSlot> slots_;
    Index dimensions_ = 0;
    TravelSpec travel_spec_;
    DistanceMatrix distances_;
    std::vector<DurationMatrix> durations_;   // one per distinct speed factor
    std::vector<Index> profile_;              // engineer -> durations_ index
    std::vector<Index> job_location_, start_location_, end_location_;
    std::vector<std::uint8_t> compatible_;    // job-major
    std::vector<std::vector<Index>> compatible_engineers_;
    std::vector<std::vector<Amount>> demand_, capacity_;
    std::vector<Duration> service_;           // job-major service times; empty without level durations
    bool has_overtime_ = false;
    ObjectiveWeights weights_;
    std::vector<ValidationWarning> warnings_;
};

}  // namespace fsd
