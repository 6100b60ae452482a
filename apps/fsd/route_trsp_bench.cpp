#include "route_trsp_bench.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "bench_csv.hpp"
#include "bench_instances.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/trsp.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "route_bench.hpp"
#include "text_fields.hpp"
#include "text_file.hpp"

namespace fsdcli {

namespace {

namespace fs = std::filesystem;

// What the summary says of a group of instances (a class, or all).
struct TrspSummary {
    int count = 0;
    int all_served = 0;
    int verified = 0;
    int gaps = 0;               // instances fully served with a best-known duration
    double gap_sum = 0.0;
    double gap_max = 0.0;
    double seconds = 0.0;
    double slack_sum_pct = 0.0;     // plan duration against the same routes timed to their shortest
    double rounding_max_pct = 0.0;  // scaled shortest timing against exact shortest timing, worst instance

    void add(const TrspRow& row) {
        ++count;
        all_served += row.all_served() ? 1 : 0;
        verified += row.verified ? 1 : 0;
        seconds += row.seconds;
        // A plan that leaves requests out is shorter for it: its gap says nothing.
        if (const auto gap = row.gap_pct(); gap && row.all_served()) {
            gap_max = gaps == 0 ? *gap : std::max(gap_max, *gap);
            gap_sum += *gap;
            ++gaps;
        }
        if (row.shortest_duration > 0) slack_sum_pct += 100.0 * (row.duration - row.shortest_duration) / row.shortest_duration;
        if (row.exact_duration > 0)
            rounding_max_pct = std::max(rounding_max_pct,
                                        100.0 * (row.shortest_duration - row.exact_duration) / row.exact_duration);
    }

    std::string line(const std::string& name) const {
        const std::string mean = gaps > 0 ? fmt::format("{:+.2f}%", gap_sum / gaps) : std::string("-");
        const std::string max = gaps > 0 ? fmt::format("{:+.2f}%", gap_max) : std::string("-");
        return fmt::format("{:<6} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9.1f}\n", name, count,
                           fmt::format("{}/{}", all_served, count), mean, max, fmt::format("{}/{}", verified, count),
                           count > 0 ? seconds / count : 0.0);
    }
};

// Three decimals, or an empty CSV field for a figure that is not there.
std::string csv_number(const std::optional<double>& v) { return v ? fmt::format("{:.3f}", *v) : std::string(); }

}  // namespace

std::map<std::string, double> read_trsp_bks(const std::string& path) {
    const CsvTable t = read_csv_table(path, {"instance", "duration_report_2013"});
    std::map<std::string, double> out;
    for (const CsvTable::Row& row : t.rows) {
        const double duration = t.number(row, "duration_report_2013");
        if (duration <= 0)
            throw fsd::InputError("", fmt::format("{}:{}: duration_report_2013 must be positive", path, row.line));
        out[lower(t.field(row, "instance"))] = duration;
    }
    return out;
}

std::string trsp_instance_name(const std::string& path) {
    const std::string file = fs::path(path).filename().string();
    return file.substr(0, file.find('.'));
}

std::optional<double> TrspRow::gap_pct() const {
    if (!bks_duration) return std::nullopt;
    return 100.0 * (duration - *bks_duration) / *bks_duration;
}

TrspRow run_trsp_instance(const std::string& path, const fsd::SolveOptions& options, std::ostream& err) {
    const fsd::TrspInstance inst = fsd::read_trsp(path);
    TrspRow row;
    row.instance = trsp_instance_name(path);
    row.requests = inst.requests;
    for (const auto& w : inst.problem.warnings()) err << row.instance << ": warning: " << w.path << ": " << w.message << '\n';
    const auto t0 = std::chrono::steady_clock::now();
    const fsd::Solution solution = fsd::solve(inst.problem, options);
    row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const fsd::VerifyReport report = fsd::verify(inst.problem, solution);
    row.verified = report.ok();
    for (const fsd::Violation& v : report.violations)
        err << row.instance << ": verify: " << v.kind << ": " << v.message << '\n';
    for (const fsd::Route& route : solution.routes)
        for (const fsd::Step& step : route.steps) {
            row.served += step.kind == fsd::StepKind::job ? 1 : 0;
            row.depot_stops += step.kind == fsd::StepKind::depot ? 1 : 0;
        }
    row.duration = fsd::trsp_duration(inst, solution);
    row.shortest_duration = fsd::trsp_shortest_duration(inst, solution, fsd::TrspArithmetic::scaled);
    row.exact_duration = fsd::trsp_shortest_duration(inst, solution, fsd::TrspArithmetic::exact);
    return row;
}

std::string trsp_bench_csv(const std::vector<TrspRow>& rows) {
    std::string text = "instance,served,requests,duration,bks_duration,gap_pct,seconds,verified\n";
    for (const TrspRow& r : rows)
        text += fmt::format("{},{},{},{:.3f},{},{},{:.3f},{}\n", r.instance, r.served, r.requests, r.duration,
                            csv_number(r.bks_duration), csv_number(r.gap_pct()),
                            r.seconds, r.verified ? 1 : 0);
    return text;
}

int run_trsp_bench(const TrspBenchOptions& o, std::ostream& out, std::ostream& err) {
    const fs::path dir = o.dir.empty() ? fs::path(bench_data_dir("trsp_pillac")) : fs::path(o.dir);
    const std::vector<fs::path> files = bench_instance_files(dir, ".txt", o.instances);
    std::map<std::string, double> bks;
    if (fs::exists(dir / "bks.csv"))
        bks = read_trsp_bks((dir / "bks.csv").string());
    else
        err << (dir / "bks.csv").string() << ": not found: no gaps to best-known durations\n";

    out << fmt::format("{:<10} {:>9} {:>11} {:>11} {:>11} {:>11} {:>8} {:>6} {:>8} {:>8}\n", "instance", "served",
                       "duration", "shortest", "exact", "bks", "gap", "stops", "seconds", "verified");
    std::vector<TrspRow> rows;
    std::map<std::string, TrspSummary> classes;
    TrspSummary all;
    for (const fs::path& file : files) {
        TrspRow row = run_trsp_instance(file.string(), o.solve_options(o.time_limit_seconds), err);
        if (const auto it = bks.find(lower(row.instance)); it != bks.end()) row.bks_duration = it->second;
        classes[instance_class(row.instance)].add(row);
        all.add(row);
        const auto gap = row.gap_pct();
        out << fmt::format("{:<10} {:>9} {:>11.3f} {:>11.3f} {:>11.3f} {:>11} {:>8} {:>6} {:>8.2f} {:>8}", row.instance,
                           fmt::format("{}/{}", row.served, row.requests), row.duration, row.shortest_duration,
                           row.exact_duration,
                           row.bks_duration ? fmt::format("{:.3f}", *row.bks_duration) : std::string("-"),
                           gap ? fmt::format("{:+.2f}%", *gap) : std::string("-"), row.depot_stops, row.seconds,
                           row.verified ? "yes" : "FAILED")
            << std::endl;  // flushed: a long run shows each instance as it finishes
        rows.push_back(std::move(row));
    }

    out << fmt::format("\n{:<6} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9}\n", "class", "instances", "all served",
                       "mean gap", "max gap", "verified", "mean s");
    for (const auto& [name, summary] : classes) out << summary.line(name);
    out << all.line("all");
    out << fmt::format("gaps over fully served instances only.\n"
                       "shortest: the same routes leaving as late as their windows allow (the plans as timed are "
                       "{:.2f}% longer on mean); exact: those in double precision (the integer scale adds at most "
                       "{:.4f}%)\n",
                       all.count > 0 ? all.slack_sum_pct / all.count : 0.0, all.rounding_max_pct);
    if (!o.csv.empty()) {
        write_text_file(o.csv, trsp_bench_csv(rows));
        out << "rows written to " << o.csv << '\n';
    }
    const int failed = all.count - all.verified;
    if (failed > 0) {
        err << failed << " of " << all.count << " plans FAILED verification\n";
        return 1;
    }
    return 0;
}

}  // namespace fsdcli
