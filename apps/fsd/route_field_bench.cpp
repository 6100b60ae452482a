#include "route_field_bench.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "bench_csv.hpp"
#include "bench_instances.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/vroom_json.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "text_fields.hpp"
#include "text_file.hpp"
#include "vroom_reference.hpp"

namespace fsdcli {

namespace {

namespace fs = std::filesystem;

std::string optional_pct(const std::optional<double>& pct) {
    return pct ? fmt::format("{:+.2f}%", *pct) : std::string("-");
}

}  // namespace

std::map<std::string, FieldReference> read_field_reference(const std::string& path, const std::string& setting,
                                                           int threads) {
    const CsvTable t = read_csv_table(
        path, {"instance", "setting", "threads", "served", "unassigned", "priority", "travel_s", "distance_m", "wall_s"});
    std::map<std::string, FieldReference> out;
    for (const auto& [name, row] : vroom_reference_rows(t, setting, threads)) {
        FieldReference r;
        r.figures.served = static_cast<int>(t.integer(*row, "served"));
        r.figures.priority = t.integer(*row, "priority");
        r.figures.travel_s = t.integer(*row, "travel_s");
        r.wall_s = t.number(*row, "wall_s");
        out[name] = r;
    }
    return out;
}

FieldFigures field_figures(const fsd::Problem& problem, const fsd::Solution& solution) {
    FieldFigures f;
    for (const fsd::Route& route : solution.routes) {
        f.travel_s += route.travel_time;
        for (const fsd::Step& step : route.steps) {
            if (step.kind != fsd::StepKind::job) continue;
            ++f.served;
            f.priority += problem.job(step.index).priority;
        }
    }
    return f;
}

const char* to_string(Verdict verdict) noexcept {
    switch (verdict) {
        case Verdict::win: return "win";
        case Verdict::tie: return "tie";
        case Verdict::loss: return "loss";
    }
    return "tie";
}

Verdict compare_field(const FieldFigures& ours, const FieldFigures& theirs) {
    // Larger is better for the first two, smaller for travel: negate it.
    const auto key = [](const FieldFigures& f) {
        return std::array<std::int64_t, 3>{f.priority, f.served, -f.travel_s};
    };
    if (key(ours) > key(theirs)) return Verdict::win;
    if (key(ours) < key(theirs)) return Verdict::loss;
    return Verdict::tie;
}

std::optional<double> travel_difference_pct(const FieldFigures& ours, const FieldFigures& theirs) {
    if (theirs.travel_s == 0) return ours.travel_s == 0 ? std::optional<double>(0.0) : std::nullopt;
    return 100.0 * static_cast<double>(ours.travel_s - theirs.travel_s) / static_cast<double>(theirs.travel_s);
}

FieldDayRow run_field_day(const std::string& path, const fsd::SolveOptions& options, std::ostream& err) {
    const fsd::VroomInput input = fsd::read_vroom_file(path);
    FieldDayRow row;
    row.instance = fs::path(path).stem().string();
    row.jobs = static_cast<int>(input.problem.num_jobs());
    for (const auto& w : input.warnings) err << row.instance << ": warning: " << w.path << ": " << w.message << '\n';
    const auto t0 = std::chrono::steady_clock::now();
    const fsd::Solution solution = fsd::solve(input.problem, options);
    row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const fsd::VerifyReport report = fsd::verify(input.problem, solution);
    row.verified = report.ok();
    for (const fsd::Violation& v : report.violations)
        err << row.instance << ": verify: " << v.kind << ": " << v.message << '\n';
    row.ours = field_figures(input.problem, solution);
    return row;
}

std::string field_bench_csv(const std::vector<FieldDayRow>& rows) {
    std::string text = "instance,served,priority,travel_s,seconds,verified,vroom_served,vroom_priority,vroom_travel_s\n";
    for (const FieldDayRow& r : rows) {
        text += fmt::format("{},{},{},{},{:.3f},{}", r.instance, r.ours.served, r.ours.priority, r.ours.travel_s,
                            r.seconds, r.verified ? 1 : 0);
        if (r.vroom)
            text += fmt::format(",{},{},{}\n", r.vroom->figures.served, r.vroom->figures.priority,
                                r.vroom->figures.travel_s);
        else
            text += ",,,\n";
    }
    return text;
}

int run_field_bench(const FieldBenchOptions& o, std::ostream& out, std::ostream& err) {
    if (!o.reference_setting.empty()) check_vroom_reference_setting(o.reference_setting, "--reference-setting");
    if (!o.match_reference.empty()) check_vroom_reference_setting(o.match_reference, "--match-reference");
    if (!o.reference_setting.empty() && !o.match_reference.empty() && o.reference_setting != o.match_reference)
        throw fsd::InputError("", fmt::format("--reference-setting \"{}\" and --match-reference \"{}\" name different "
                                              "settings: the matched run is the one compared with",
                                              o.reference_setting, o.match_reference));
    const std::string setting =
        !o.match_reference.empty() ? o.match_reference : (o.reference_setting.empty() ? "-x 5" : o.reference_setting);
    const fs::path dir = o.dir.empty() ? fs::path(bench_data_dir("field")) : fs::path(o.dir);
    const std::vector<fs::path> days = bench_instance_files(dir, ".json", o.instances);
    const std::map<std::string, FieldReference> reference =
        read_field_reference((dir / "vroom_reference.csv").string(), setting, o.threads);

    out << fmt::format("{:<20} {:^45}   {:^28}\n", "", "ours", fmt::format("VROOM {} (recorded)", setting));
    out << fmt::format("{:<20} {:>9} {:>8} {:>9} {:>7} {:>8}   {:>9} {:>8} {:>9}   {:>7} {:>8}\n", "day", "served",
                       "priority", "travel_s", "seconds", "verified", "served", "priority", "travel_s", "verdict",
                       "travel");
    std::vector<FieldDayRow> rows;
    std::array<int, 3> verdicts{};  // win, tie, loss
    int verified = 0;
    for (const fs::path& day : days) {
        const auto recorded = reference.find(lower(day.stem().string()));
        double time_limit = o.time_limit_seconds;
        if (!o.match_reference.empty()) {
            // VROOM's own time on this day; none recorded: the day is skipped.
            if (recorded == reference.end()) {
                err << day.stem().string() << ": no recorded " << o.match_reference << " time: skipped\n";
                continue;
            }
            time_limit = std::max(recorded->second.wall_s, kMinMatchedLimit);
        }
        FieldDayRow row = run_field_day(day.string(), o.solve_options(time_limit), err);
        if (recorded != reference.end()) row.vroom = recorded->second;
        verified += row.verified ? 1 : 0;

        std::string line = fmt::format("{:<20} {:>9} {:>8} {:>9} {:>7.2f} {:>8}", row.instance,
                                       fmt::format("{}/{}", row.ours.served, row.jobs), row.ours.priority,
                                       row.ours.travel_s, row.seconds, row.verified ? "yes" : "FAILED");
        if (row.vroom) {
            const FieldFigures& theirs = row.vroom->figures;
            const Verdict v = compare_field(row.ours, theirs);
            ++verdicts[static_cast<std::size_t>(v)];
            line += fmt::format("   {:>9} {:>8} {:>9}   {:>7} {:>8}", theirs.served, theirs.priority, theirs.travel_s,
                                to_string(v), optional_pct(travel_difference_pct(row.ours, theirs)));
        } else {
            line += fmt::format("   {:>9} {:>8} {:>9}   {:>7} {:>8}", "-", "-", "-", "-", "-");
        }
        out << line << std::endl;  // flushed: a long run shows each day as it finishes
        rows.push_back(std::move(row));
    }
    out << fmt::format("\nagainst VROOM {} (recorded): {} win, {} tie, {} loss; {}/{} verified\n", setting,
                       verdicts[0], verdicts[1], verdicts[2], verified, rows.size());
    if (!o.csv.empty()) {
        write_text_file(o.csv, field_bench_csv(rows));
        out << "rows written to " << o.csv << '\n';
    }
    const int failed = static_cast<int>(rows.size()) - verified;
    if (failed > 0) {
        err << failed << " of " << rows.size() << " plans FAILED verification\n";
        return 1;
    }
    return 0;
}

}  // namespace fsdcli
