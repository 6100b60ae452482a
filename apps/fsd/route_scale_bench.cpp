#include "route_scale_bench.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "child_process.hpp"
#include "fsd/core/error.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "text_fields.hpp"
#include "text_file.hpp"

namespace fsdcli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// fsd::generate_problem's ranges, checked here so that a bad size is an
// input error of the command rather than a failed child.
constexpr int kMaxJobs = 1'000'000;
constexpr int kMaxEngineers = 100'000;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::optional<long long> whole_number(const std::string& text) {
    long long v = 0;
    const char* end = text.data() + text.size();
    const auto [p, ec] = std::from_chars(text.data(), end, v);
    if (ec != std::errc() || p != end || text.empty()) return std::nullopt;
    return v;
}

std::optional<double> real_number(const std::string& text) {
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

std::vector<std::string> list_items(const std::string& text, const std::string& option) {
    std::vector<std::string> items;
    for (const std::string& raw : split(text, ',')) items.push_back(trim(raw));
    if (items.empty()) throw fsd::InputError(option, "the list is empty");
    return items;
}

template <typename T>
std::string optional_text(const std::optional<T>& v, const char* format) {
    return v ? fmt::format(fmt::runtime(format), *v) : std::string();
}

}  // namespace

std::vector<ScaleSize> parse_scale_sizes(const std::string& text) {
    std::vector<ScaleSize> sizes;
    for (const std::string& item : list_items(text, "--sizes")) {
        const auto x = lower(item).find('x');
        const auto jobs = x == std::string::npos ? std::nullopt : whole_number(item.substr(0, x));
        const auto engineers = x == std::string::npos ? std::nullopt : whole_number(item.substr(x + 1));
        if (!jobs || !engineers)
            throw fsd::InputError("--sizes", fmt::format("\"{}\": expected JOBSxENGINEERS, e.g. 1000x100", item));
        if (*jobs < 1 || *jobs > kMaxJobs || *engineers < 1 || *engineers > kMaxEngineers)
            throw fsd::InputError("--sizes", fmt::format("\"{}\": jobs must be 1 to {} and engineers 1 to {}", item,
                                                         kMaxJobs, kMaxEngineers));
        sizes.push_back({static_cast<int>(*jobs), static_cast<int>(*engineers)});
    }
    return sizes;
}

std::vector<double> parse_scale_limits(const std::string& text) {
    std::vector<double> limits;
    for (const std::string& item : list_items(text, "--limits")) {
        const auto v = real_number(item);
        if (!v || *v < 0.0 || *v > 86400.0)
            throw fsd::InputError("--limits", fmt::format("\"{}\": expected seconds from 0 to 86400", item));
        limits.push_back(*v);
    }
    return limits;
}

std::string scale_csv_header() { return "jobs,engineers,limit_s,build_s,solve_s,wall_s,peak_rss_mb,served,verified"; }

std::string scale_csv_line(const ScaleRow& r) {
    return fmt::format("{},{},{},{},{},{:.3f},{},{},{}", r.jobs, r.engineers, r.limit_s, optional_text(r.build_s, "{:.3f}"),
                       optional_text(r.solve_s, "{:.3f}"), r.wall_s, optional_text(r.peak_rss_mb, "{:.1f}"),
                       optional_text(r.served, "{}"), r.verified ? 1 : 0);
}

std::optional<ScaleRow> parse_scale_csv_line(const std::string& line) {
    const std::vector<std::string> f = split(trim(line), ',');
    if (f.size() != 9) return std::nullopt;
    const auto jobs = whole_number(f[0]), engineers = whole_number(f[1]), verified = whole_number(f[8]);
    const auto limit = real_number(f[2]), wall = real_number(f[5]);
    if (!jobs || !engineers || !limit || !wall || !verified || (*verified != 0 && *verified != 1)) return std::nullopt;
    ScaleRow r;
    r.jobs = static_cast<int>(*jobs);
    r.engineers = static_cast<int>(*engineers);
    r.limit_s = *limit;
    r.wall_s = *wall;
    r.verified = *verified == 1;
    // Empty means unknown; anything else must read.
    const auto optional_real = [&](const std::string& text, std::optional<double>& out) {
        if (text.empty()) return true;
        out = real_number(text);
        return out.has_value();
    };
    if (!optional_real(f[3], r.build_s) || !optional_real(f[4], r.solve_s) || !optional_real(f[6], r.peak_rss_mb))
        return std::nullopt;
    if (!f[7].empty()) {
        const auto served = whole_number(f[7]);
        if (!served) return std::nullopt;
        r.served = static_cast<int>(*served);
    }
    return r;
}

std::optional<double> peak_rss_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) != 0) continue;
        const std::vector<std::string> parts = split(trim(line.substr(6)), ' ');  // "123456 kB"
        if (const auto kb = parts.empty() ? std::nullopt : whole_number(trim(parts[0])))
            return static_cast<double>(*kb) / 1024.0;
    }
    return std::nullopt;
}

ScaleRow run_scale_once(const ScaleSize& size, double limit_s, std::uint64_t seed) {
    const auto t0 = Clock::now();
    ScaleRow row;
    row.jobs = size.jobs;
    row.engineers = size.engineers;
    row.limit_s = limit_s;
    fsd::GenerateOptions g;
    g.jobs = size.jobs;
    g.engineers = size.engineers;
    g.seed = seed;
    const fsd::Problem problem = fsd::generate_problem(g);
    row.build_s = seconds_since(t0);
    fsd::SolveOptions options;
    options.time_limit_seconds = limit_s;
    options.seed = seed;
    // What is measured is the time limit itself: no early stop on stagnation.
    options.stagnation_limit = 0;
    const auto t1 = Clock::now();
    const fsd::Solution solution = fsd::solve(problem, options);
    row.solve_s = seconds_since(t1);
    row.verified = fsd::verify(problem, solution).ok();
    int served = 0;
    for (const fsd::Route& route : solution.routes)
        for (const fsd::Step& step : route.steps) served += step.kind == fsd::StepKind::job ? 1 : 0;
    row.served = served;
    row.peak_rss_mb = peak_rss_mb();
    row.wall_s = seconds_since(t0);
    return row;
}

int run_scale_bench(const ScaleBenchOptions& o, std::ostream& out, std::ostream& err) {
    const std::vector<ScaleSize> sizes = parse_scale_sizes(o.sizes);
    const std::vector<double> limits = parse_scale_limits(o.limits);
    std::string program = o.program;
    if (program.empty()) {
        std::error_code ec;
        program = fs::read_symlink("/proc/self/exe", ec).string();
        if (ec) throw std::runtime_error("cannot find the running program (/proc/self/exe): " + ec.message());
    }
    out << fmt::format("{:>7} {:>9} {:>7} {:>8} {:>8} {:>8} {:>11} {:>7} {:>8}\n", "jobs", "engineers", "limit_s",
                       "build_s", "solve_s", "wall_s", "peak_rss_mb", "served", "verified");
    std::vector<ScaleRow> rows;
    for (const ScaleSize& size : sizes) {
        for (const double limit : limits) {
            const std::string one = fmt::format("{}x{}", size.jobs, size.engineers);
            const ChildResult child = run_child({program, "bench", "scale", "--one", one, "--limit",
                                                 fmt::format("{}", limit), "--seed", std::to_string(o.seed)},
                                                true);
            // The child prints its row last; anything before it is not ours to read.
            std::optional<ScaleRow> row;
            if (child.started && child.signal == 0) {
                std::string last;
                for (const std::string& line : split(child.output, '\n'))
                    if (!trim(line).empty()) last = line;
                row = parse_scale_csv_line(last);
            }
            if (!row) {
                row = ScaleRow{};
                row->jobs = size.jobs;
                row->engineers = size.engineers;
                row->limit_s = limit;
                err << fmt::format("{} at {} s: the measuring process reported no row ({})\n", one, limit,
                                   child.describe());
            } else if (!child.ok()) {
                err << fmt::format("{} at {} s: the measuring process ended with {}\n", one, limit, child.describe());
                row->verified = false;
            }
            row->wall_s = child.seconds;
            out << fmt::format("{:>7} {:>9} {:>7} {:>8} {:>8} {:>8.3f} {:>11} {:>7} {:>8}", row->jobs, row->engineers,
                               row->limit_s, optional_text(row->build_s, "{:.3f}"),
                               optional_text(row->solve_s, "{:.3f}"), row->wall_s,
                               optional_text(row->peak_rss_mb, "{:.1f}"), optional_text(row->served, "{}"),
                               row->verified ? "yes" : "FAILED")
                << std::endl;  // flushed: each run shows as it finishes
            rows.push_back(*row);
        }
    }
    if (!o.csv.empty()) {
        std::string text = scale_csv_header() + '\n';
        for (const ScaleRow& r : rows) text += scale_csv_line(r) + '\n';
        write_text_file(o.csv, text);
        out << "rows written to " << o.csv << '\n';
    }
    int failed = 0;
    for (const ScaleRow& r : rows) failed += r.verified ? 0 : 1;
    if (failed > 0) {
        err << failed << " of " << rows.size() << " runs FAILED (not verified, or the process died)\n";
        return 1;
    }
    return 0;
}

}  // namespace fsdcli
