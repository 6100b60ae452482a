#include "route_bench.hpp"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "bench_csv.hpp"
#include "child_process.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"
#include "text_fields.hpp"
#include "text_file.hpp"
#include "vroom_reference.hpp"

namespace fsdcli {

namespace {

namespace fs = std::filesystem;

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

double euclid(const fsd::EuclideanInstance& inst, size_t a, size_t b) {
    return std::hypot(inst.x[a] - inst.x[b], inst.y[a] - inst.y[b]);
}

// The instance in VROOM's JSON: the same integer matrix, windows and service
// times as our Problem, so that both solvers see exactly the same numbers.
nlohmann::json vroom_input(const fsd::EuclideanInstance& inst) {
    const fsd::Problem& p = inst.problem;
    nlohmann::json vehicles = nlohmann::json::array();
    for (size_t e = 0; e < p.engineers().size(); ++e) {
        const fsd::Engineer& eng = p.engineers()[e];
        vehicles.push_back({{"id", e + 1},
                            {"start_index", 0},
                            {"end_index", 0},
                            {"capacity", eng.capacity},
                            {"time_window", {eng.shifts.front().start, eng.shifts.front().end}}});
    }
    nlohmann::json jobs = nlohmann::json::array();
    for (const fsd::Job& job : p.jobs()) {
        nlohmann::json windows = nlohmann::json::array();
        for (const fsd::TimeWindow& w : job.time_windows) windows.push_back({w.start, w.end});
        jobs.push_back({{"id", std::stoll(job.id)},
                        {"location_index", job.location.matrix_index.value_or(0)},
                        {"delivery", job.demand},
                        {"service", job.duration},
                        {"time_windows", windows}});
    }
    const auto& dur = p.base_durations();
    const auto& dist = p.distances();
    nlohmann::json durations = nlohmann::json::array();
    nlohmann::json distances = nlohmann::json::array();
    for (std::ptrdiff_t a = 0; a < dur.rows(); ++a) {
        nlohmann::json drow = nlohmann::json::array();
        nlohmann::json mrow = nlohmann::json::array();
        for (std::ptrdiff_t b = 0; b < dur.cols(); ++b) {
            drow.push_back(dur(a, b));
            mrow.push_back(dist(a, b));
        }
        durations.push_back(std::move(drow));
        distances.push_back(std::move(mrow));
    }
    return {{"vehicles", vehicles},
            {"jobs", jobs},
            {"matrices", {{"car", {{"durations", durations}, {"distances", distances}}}}}};
}

// Runs the vroom binary on one instance; the distance is recomputed in double
// precision from its routes, like ours. Failures are reported, never fatal.
void run_vroom(const RouteBenchOptions& o, const fsd::EuclideanInstance& inst, const fs::path& work, BenchRow& row,
               std::ostream& err) {
    const fs::path in = work / (row.instance + ".json");
    const fs::path out = work / (row.instance + ".out.json");
    {
        std::ofstream f(in);
        f << vroom_input(inst).dump();
        if (!f) {
            err << row.instance << ": vroom: cannot write " << in.string() << '\n';
            return;
        }
    }
    const std::string command = fmt::format("{} {} -t {} -i {} -o {}", shell_quote(o.vroom), o.vroom_args, o.threads,
                                            shell_quote(in.string()), shell_quote(out.string()));
    // Through the shell, so that --vroom-args is split and quoted as typed.
    const ChildResult vroom = run_child({"/bin/sh", "-c", command}, false);
    row.vroom_seconds = vroom.seconds;
    if (!vroom.ok()) {
        err << row.instance << ": vroom failed (" << vroom.describe() << "): " << command << '\n';
        return;
    }
    try {
        std::ifstream f(out);
        const nlohmann::json result = nlohmann::json::parse(f);
        double distance = 0.0;
        for (const auto& route : result.at("routes")) {
            size_t at = 0;
            for (const auto& step : route.at("steps")) {
                if (step.at("type") != "job") continue;
                const auto customer = step.at("id").get<size_t>();
                if (customer == 0 || customer >= inst.x.size()) throw std::runtime_error("unknown job id");
                distance += euclid(inst, at, customer);
                at = customer;
            }
            distance += euclid(inst, at, 0);
        }
        row.vroom_distance = distance;
        row.vroom_unassigned = static_cast<int>(result.value("unassigned", nlohmann::json::array()).size());
        row.has_vroom = true;
        if (row.vroom_unassigned > 0)
            err << row.instance << ": vroom left " << row.vroom_unassigned << " customers unserved\n";
    } catch (const std::exception& e) {
        err << row.instance << ": cannot read vroom's output " << out.string() << ": " << e.what() << '\n';
    }
}

std::string gap_text(double gap) { return fmt::format("{:+.2f}%", gap); }

void print_summary(std::ostream& out, const std::string& label, const BenchSummary& s,
                   const std::vector<std::string>& settings, bool live_vroom) {
    if (s.count == 0) return;
    const double n = s.count;
    std::string line = fmt::format("{:<6} {:>3}", label, s.count);
    if (s.with_bks > 0)
        line += fmt::format(" {:>9} {:>9}", gap_text(s.gap_sum / s.with_bks), gap_text(s.gap_max));
    else
        line += fmt::format(" {:>9} {:>9}", "-", "-");
    line += fmt::format(" {:>5} {:>5} {:>+7.2f} {:>7.2f} {:>5}", s.vehicles, s.bks_vehicles,
                        (s.vehicles - s.bks_vehicles) / n, s.seconds_sum / n, fmt::format("{}/{}", s.verified, s.count));
    if (live_vroom)
        line += fmt::format(" {:>9}", s.vroom_runs > 0 ? gap_text(s.vroom_gap_sum / s.vroom_runs) : std::string("-"));
    for (const std::string& setting : settings) {
        const auto o = s.reference_outcomes.find(setting);
        const std::string wtl =
            o == s.reference_outcomes.end() ? "-" : fmt::format("{}/{}/{}", o->second[0], o->second[1], o->second[2]);
        const auto it = s.reference_gaps.find(setting);
        if (it == s.reference_gaps.end() || it->second.first == 0) {
            line += fmt::format(" {:>9} {:>5} {:>8}", "-", "-", wtl);
            continue;
        }
        const double theirs = it->second.second / it->second.first;
        const double ours = s.own_gap_on_reference.at(setting) / it->second.first;
        // The recorded distances carry four decimals: closer than that is a tie.
        const char* beat = std::abs(ours - theirs) < 1e-3 ? "tie" : (ours < theirs ? "yes" : "no");
        line += fmt::format(" {:>9} {:>5} {:>8}", gap_text(theirs), beat, wtl);
    }
    out << line << '\n';
}

}  // namespace

void BenchSummary::add(const BenchRow& row) {
    ++count;
    if (row.has_bks) {
        gap_max = with_bks == 0 ? row.gap_pct : std::max(gap_max, row.gap_pct);
        ++with_bks;
        gap_sum += row.gap_pct;
        if (row.has_vroom) {
            ++vroom_runs;
            vroom_gap_sum += 100.0 * (row.vroom_distance - row.bks_distance) / row.bks_distance;
        }
    }
    vehicles += row.vehicles;
    bks_vehicles += row.bks_vehicles;
    seconds_sum += row.seconds;
    verified += row.verified ? 1 : 0;
}

std::map<std::string, KnownResult> read_known_results(const std::string& path) {
    const CsvTable t = read_csv_table(path, {"instance", "vehicles", "distance"});
    std::map<std::string, KnownResult> out;
    for (const CsvTable::Row& row : t.rows) {
        const std::string name = lower(t.field(row, "instance"));
        const std::string convention = t.field(row, "convention");
        const bool comparable = convention.empty() || convention.rfind("double precision", 0) == 0;
        if (out.count(name) && !comparable) continue;
        out[name] = KnownResult{static_cast<int>(t.number(row, "vehicles")), t.number(row, "distance")};
    }
    return out;
}

std::map<std::string, KnownResult> read_vroom_reference(const std::string& path, const std::string& setting,
                                                        int threads) {
    const CsvTable t = read_csv_table(path, {"instance", "setting", "threads", "distance", "vehicles"});
    std::map<std::string, KnownResult> out;
    for (const auto& [name, row] : vroom_reference_rows(t, setting, threads))
        out[name] = KnownResult{static_cast<int>(t.number(*row, "vehicles")), t.number(*row, "distance"),
                                t.field(*row, "wall_s").empty() ? 0.0 : t.number(*row, "wall_s")};
    return out;
}

std::string instance_class(const std::string& name) {
    size_t i = 0;
    while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i]))) ++i;
    return name.substr(0, std::min(name.size(), i + 1));
}

std::string default_bench_dir(BenchSet set) {
    return bench_data_dir(set == BenchSet::solomon ? "solomon" : "homberger_200");
}

int run_route_bench(const RouteBenchOptions& o, std::ostream& out, std::ostream& err) {
    const fs::path dir = o.dir.empty() ? fs::path(default_bench_dir(o.set)) : fs::path(o.dir);
    const std::vector<fs::path> chosen = bench_instance_files(dir, ".txt", o.instances);

    // Solomon: gap to the distance-only BKS, vehicles against the fleet-first
    // BKS when bks.csv is there. Gehring-Homberger: both from bks.csv.
    std::map<std::string, KnownResult> distance_bks, fleet_bks;
    if (o.set == BenchSet::solomon) {
        distance_bks = read_known_results((dir / "bks_distance_only.csv").string());
        if (fs::exists(dir / "bks.csv")) fleet_bks = read_known_results((dir / "bks.csv").string());
    } else {
        distance_bks = read_known_results((dir / "bks.csv").string());
    }
    std::vector<std::string> settings;
    std::map<std::string, std::map<std::string, KnownResult>> reference;
    if (!o.reference.empty()) {
        settings = vroom_reference_settings();
        for (const std::string& s : settings) reference[s] = read_vroom_reference(o.reference, s, o.threads);
    }
    if (!o.match_reference.empty()) {
        if (o.reference.empty()) throw fsd::InputError("", "--match-reference needs --reference FILE");
        check_vroom_reference_setting(o.match_reference, "--match-reference");
    }
    const bool live_vroom = !o.vroom.empty();
    fs::path vroom_work;
    if (live_vroom) {
        std::string tmpl = (fs::temp_directory_path() / "fsd_bench_vroom_XXXXXX").string();
        if (::mkdtemp(tmpl.data()) == nullptr)
            throw std::runtime_error("cannot create a temporary directory for vroom's files");
        vroom_work = tmpl;
    }

    std::string head = fmt::format("{:<9} {:>7} {:>10} {:>10} {:>9} {:>7}  {}", "instance", "veh/bks", "distance",
                                   "bks", "gap", "seconds", "verified");
    if (live_vroom) head += fmt::format("  {:>10} {:>7}", "vroom", "vroom s");
    for (const std::string& s : settings) head += fmt::format("  {:>10}", "ref " + s);
    out << head << '\n';

    std::vector<BenchRow> rows;
    std::map<std::string, BenchSummary> classes;
    BenchSummary overall;
    for (const fs::path& file : chosen) {
        const fsd::EuclideanInstance inst = fsd::read_solomon(file.string());
        double time_limit = o.time_limit_seconds;
        if (!o.match_reference.empty()) {
            // VROOM's own time on this instance; none recorded: the instance is skipped.
            const auto r = reference[o.match_reference].find(lower(file.stem().string()));
            if (r == reference[o.match_reference].end() || r->second.seconds <= 0) {
                err << file.stem().string() << ": no recorded " << o.match_reference << " time: skipped\n";
                continue;
            }
            time_limit = r->second.seconds;
        }
        const auto t0 = std::chrono::steady_clock::now();
        const fsd::Solution solution = fsd::solve(inst.problem, o.solve_options(time_limit));
        BenchRow row;
        row.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        row.instance = file.stem().string();
        const fsd::EuclideanCheck check = fsd::verify_euclidean(inst, solution);
        const fsd::VerifyReport report = fsd::verify(inst.problem, solution);
        row.vehicles = check.vehicles;
        row.distance = check.distance;
        const std::string key = lower(row.instance);
        if (const auto d = distance_bks.find(key); d != distance_bks.end()) {
            row.has_bks = d->second.distance > 0;
            row.bks_distance = d->second.distance;
            row.bks_vehicles = d->second.vehicles;
        }
        if (const auto f = fleet_bks.find(key); f != fleet_bks.end()) row.bks_vehicles = f->second.vehicles;
        if (row.has_bks) row.gap_pct = 100.0 * (row.distance - row.bks_distance) / row.bks_distance;
        row.verified = check.violations.empty() && report.ok() && solution.unassigned.empty();
        for (const std::string& v : check.violations) err << row.instance << ": verify_euclidean: " << v << '\n';
        for (const fsd::Violation& v : report.violations)
            err << row.instance << ": verify: " << v.kind << ": " << v.message << '\n';
        if (!solution.unassigned.empty())
            err << row.instance << ": " << solution.unassigned.size() << " customers unserved\n";
        if (live_vroom) run_vroom(o, inst, vroom_work, row, err);

        std::string line = fmt::format("{:<9} {:>7} {:>10.2f} {:>10} {:>9} {:>7.2f}  {}", row.instance,
                                       fmt::format("{}/{}", row.vehicles, row.bks_vehicles), row.distance,
                                       row.has_bks ? fmt::format("{:.2f}", row.bks_distance) : std::string("-"),
                                       row.has_bks ? gap_text(row.gap_pct) : std::string("-"), row.seconds,
                                       row.verified ? "yes" : "FAILED");
        if (live_vroom)
            line += row.has_vroom ? fmt::format("  {:>10.2f} {:>7.2f}", row.vroom_distance, row.vroom_seconds)
                                  : fmt::format("  {:>10} {:>7}", "failed", "-");
        BenchSummary& cls = classes[instance_class(row.instance)];
        for (const std::string& s : settings) {
            const auto r = reference[s].find(key);
            if (r == reference[s].end()) {
                line += fmt::format("  {:>10}", "-");
                continue;
            }
            line += fmt::format("  {:>10.2f}", r->second.distance);
            // The recorded distances carry four decimals: closer than that is a tie.
            const int outcome = std::abs(row.distance - r->second.distance) < 1e-3 ? 1 : row.distance < r->second.distance ? 0 : 2;
            for (BenchSummary* s2 : {&cls, &overall}) ++s2->reference_outcomes[s][static_cast<size_t>(outcome)];
            if (!row.has_bks) continue;
            const double their_gap = 100.0 * (r->second.distance - row.bks_distance) / row.bks_distance;
            for (BenchSummary* s2 : {&cls, &overall}) {
                auto& g = s2->reference_gaps[s];
                ++g.first;
                g.second += their_gap;
                s2->own_gap_on_reference[s] += row.gap_pct;
            }
        }
        out << line << std::endl;  // flushed: a long run shows each instance as it finishes
        cls.add(row);
        overall.add(row);
        rows.push_back(row);
    }
    std::error_code ec;
    if (live_vroom) fs::remove_all(vroom_work, ec);

    std::string table = fmt::format("\n{:<6} {:>3} {:>9} {:>9} {:>5} {:>5} {:>7} {:>7} {:>5}", "class", "n", "mean gap",
                                    "max gap", "veh", "bks", "veh+/-", "mean s", "verif");
    if (live_vroom) table += fmt::format(" {:>9}", "vroom gap");
    for (const std::string& s : settings) table += fmt::format(" {:>9} {:>5} {:>8}", "ref " + s, "beat", "w/t/l");
    out << table << '\n';
    const std::vector<std::string> order = o.set == BenchSet::solomon
                                               ? std::vector<std::string>{"C1", "C2", "R1", "R2", "RC1", "RC2"}
                                               : std::vector<std::string>{"c1", "c2", "r1", "r2", "rc1", "rc2"};
    for (const std::string& c : order)
        if (const auto it = classes.find(c); it != classes.end()) print_summary(out, c, it->second, settings, live_vroom);
    for (const auto& [c, s] : classes)
        if (std::find(order.begin(), order.end(), c) == order.end()) print_summary(out, c, s, settings, live_vroom);
    print_summary(out, "all", overall, settings, live_vroom);

    if (!o.csv.empty()) {
        std::string text = "instance,vehicles,distance,bks_vehicles,bks_distance,gap_pct,seconds,verified";
        if (live_vroom) text += ",vroom_distance,vroom_seconds";
        text += '\n';
        for (const BenchRow& r : rows) {
            text += fmt::format("{},{},{:.4f},{},{},{},{:.3f},{}", r.instance, r.vehicles, r.distance, r.bks_vehicles,
                                r.has_bks ? fmt::format("{:.4f}", r.bks_distance) : std::string(),
                                r.has_bks ? fmt::format("{:.4f}", r.gap_pct) : std::string(), r.seconds,
                                r.verified ? 1 : 0);
            if (live_vroom)
                text += r.has_vroom ? fmt::format(",{:.4f},{:.3f}", r.vroom_distance, r.vroom_seconds)
                                    : fmt::format(",,{:.3f}", r.vroom_seconds);
            text += '\n';
        }
        write_text_file(o.csv, text);
        out << "\nrows written to " << o.csv << '\n';
    }
    const int failed = overall.count - overall.verified;
    if (failed > 0) {
        err << failed << " of " << overall.count << " plans FAILED verification\n";
        return 1;
    }
    return 0;
}

}  // namespace fsdcli
