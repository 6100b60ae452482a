#include "sim_cli.hpp"

#include <cmath>
#include <ostream>

#include <fmt/format.h>

namespace fsdcli {
namespace {

std::string csv_number(double v) { return std::isnan(v) ? "" : fmt::format("{:.6g}", v); }

std::string with_ci(const fsd::KpiSummary& s) {
    if (std::isnan(s.half_width)) return kpi_cell(s.mean);
    return kpi_cell(s.mean) + " ±" + kpi_cell(s.half_width);
}

}  // namespace

// Here rather than in sim_command.cpp: print_comparison uses it, and the
// benchmarks (fsd-bench) link this library without the commands.
std::string kpi_cell(double v) {
    if (std::isnan(v)) return "-";
    if (std::abs(v) >= 1000) return fmt::format("{:.0f}", v);
    if (std::abs(v) >= 10) return fmt::format("{:.1f}", v);
    return fmt::format("{:.3f}", v);
}

void print_comparison(std::ostream& out, const fsd::Comparison& c) {
    const size_t np = c.policies.size();
    const size_t nk = c.rows.size() / np;
    out << fmt::format("{:<24}", "kpi");
    for (size_t p = 0; p < np; ++p) out << fmt::format(" {:>22}", c.policies[p]);
    out << '\n';
    for (size_t k = 0; k < nk; ++k) {
        out << fmt::format("{:<24}", c.rows[k].kpi);
        for (size_t p = 0; p < np; ++p) out << fmt::format(" {:>22}", with_ci(c.rows[p * nk + k].value));
        out << '\n';
    }
    if (np < 2) return;
    out << fmt::format("\npaired difference to {} (mean ±95% CI):\n{:<24}", c.policies[0], "kpi");
    for (size_t p = 1; p < np; ++p) out << fmt::format(" {:>22}", c.policies[p]);
    out << '\n';
    for (size_t k = 0; k < nk; ++k) {
        out << fmt::format("{:<24}", c.rows[k].kpi);
        for (size_t p = 1; p < np; ++p) out << fmt::format(" {:>22}", with_ci(c.rows[p * nk + k].difference));
        out << '\n';
    }
}

std::string comparison_csv(const fsd::Comparison& c) {
    std::string csv = "policy,kpi,mean,ci_low,ci_high,diff_mean,diff_low,diff_high,n\n";
    for (const fsd::KpiComparison& r : c.rows)
        csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", r.policy, r.kpi, csv_number(r.value.mean),
                           csv_number(r.value.mean - r.value.half_width), csv_number(r.value.mean + r.value.half_width),
                           csv_number(r.difference.mean), csv_number(r.difference.mean - r.difference.half_width),
                           csv_number(r.difference.mean + r.difference.half_width), r.value.n);
    return csv;
}

}  // namespace fsdcli
