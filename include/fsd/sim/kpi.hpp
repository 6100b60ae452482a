#pragma once
// Key performance indicators of a simulated period, computed from its log.
// Formulas and clocks: docs/kpis.md.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fsd/sim/sim_log.hpp"

namespace fsd {

/// The KPIs of one run. Rates are fractions in [0, 1]; NaN when undefined
/// (e.g. no resolved ticket).
struct Kpis {
    double tickets = 0;                 ///< created in the horizon
    double resolved = 0;
    double cancelled = 0;
    double open_at_end = 0;
    double first_response_mean_s = 0;   ///< created -> first on-site arrival (wall clock)
    double first_response_p50_s = 0;
    double first_response_p90_s = 0;
    double resolution_mean_s = 0;       ///< created -> the visit that fixed it (wall clock)
    double resolution_p50_s = 0;
    double resolution_p90_s = 0;
    double sla_response_rate = 0;       ///< met / (met + breached), cancelled excluded
    double sla_resolution_rate = 0;
    double first_time_fix_rate = 0;     ///< resolved on the first visit / resolved
    double utilisation = 0;             ///< on-site time / available shift time net of breaks
    double occupancy = 0;               ///< (travel + on-site) / available
    double travel_share = 0;            ///< travel / (travel + on-site)
    double travel_km = 0;
    double overtime_hours = 0;          ///< back home after the scheduled shift end, summed
    double load_balance_cv = 0;         ///< sigma / mu of engineers' work minutes (travel + on-site)
    double jain_index = 0;              ///< (sum x)^2 / (n sum x^2) of the same
    double jobs_per_engineer_day = 0;   ///< visits / shifts worked
    double backlog_mean = 0;            ///< open tickets, averaged over the horizon
    double backlog_max = 0;
    double reassignments = 0;           ///< a queued ticket taken back or moved to another engineer
};

/// One KPI's name (the JSON / CSV key), value and whether more is better.
struct KpiEntry {
    std::string_view name;
    double value;
    bool higher_is_better;
};

/// All KPIs in a fixed order.
std::vector<KpiEntry> kpi_entries(const Kpis& k);

/// SLA attainment of one priority.
struct PriorityKpis {
    int priority = 0;
    int tickets = 0;
    double sla_response_rate = 0;
    double sla_resolution_rate = 0;
};

/// Open tickets at one instant.
struct BacklogPoint {
    Time time = 0;
    int open = 0;
};

/// KPIs plus their breakdowns.
struct KpiReport {
    Kpis kpis;
    std::vector<PriorityKpis> by_priority;   ///< ascending priority number
    std::vector<BacklogPoint> backlog;        ///< sampled every `backlog_interval`
};

/// Most backlog samples of one report (a sample every minute of ten years
/// stays below it).
inline constexpr std::int64_t kMaxBacklogSamples = 6'000'000;

/// InputError at "/backlog_interval" unless the interval is positive and
/// samples `horizon` seconds at most kMaxBacklogSamples times.
void check_backlog_interval(Duration backlog_interval, Time horizon);

/// Computes the report from a log. Tickets still open at the horizon count as
/// breached when their deadline has passed, and are left out otherwise.
/// check_backlog_interval applies to the log's horizon.
KpiReport compute_kpis(const SimLog& log, Duration backlog_interval = 3600);

/// Mean and 95 % confidence interval (Student t) of a sample; NaN values are
/// dropped. `half_width` is NaN with fewer than two values.
struct KpiSummary {
    double mean = 0;
    double half_width = 0;
    int n = 0;
};
KpiSummary summarise(const std::vector<double>& values);

/// Two-sided 97.5 % quantile of Student's t with `df` degrees of freedom.
double student_t975(int df);

}  // namespace fsd
