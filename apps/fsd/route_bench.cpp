#include "route_bench.hpp"

#include <fnmatch.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fsd/core/error.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"

namespace fsdcli {

namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<std::string> split(const std::string& line, char sep) {
    std::vector<std::string> out;
    std::string field;
    std::stringstream in(line);
    while (std::getline(in, field, sep)) out.push_back(field);
    if (!line.empty() && line.back() == sep) out.emplace_back();
    return out;
}

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

// A CSV as rows of fields; the header maps names to columns so that extra or
// reordered columns do not matter.
struct Table {
    std::map<std::string, size_t> columns;
    std::vector<std::pair<int, std::vector<std::string>>> rows;  // line number, fields
};

Table read_table(const std::string& path, const std::vector<std::string>& required) {
    std::ifstream in(path);
    if (!in) throw fsd::InputError("", fmt::format("{}: cannot open the file", path));
    Table t;
    std::string line;
    if (!std::getline(in, line)) throw fsd::InputError("", fmt::format("{}: the file is empty", path));
    const auto header = split(line, ',');
    for (size_t i = 0; i < header.size(); ++i) t.columns[trim(header[i])] = i;
    for (const std::string& name : required)
        if (!t.columns.count(name))
            throw fsd::InputError("", fmt::format("{}:1: the header has no column \"{}\"", path, name));
    int line_no = 1;
    while (std::getline(in, line)) {
        ++line_no;
        if (trim(line).empty()) continue;
        t.rows.emplace_back(line_no, split(line, ','));
    }
    return t;
}

std::string field(const Table& t, const std::vector<std::string>& row, const std::string& column) {
    const auto it = t.columns.find(column);
    if (it == t.columns.end() || it->second >= row.size()) return "";
    return trim(row[it->second]);
}

double number(const std::string& text, const std::string& path, int line, const std::string& column) {
    try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
    }
    throw fsd::InputError("", fmt::format("{}:{}: \"{}\" in column {} is not a number", path, line, text, column));
}

// Plain glob on the whole name; fnmatch is POSIX and the CLI only builds there.
bool glob_match(const std::string& pattern, const std::string& name) {
    return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

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
    for (Eigen::Index a = 0; a < dur.rows(); ++a) {
        nlohmann::json drow = nlohmann::json::array();
        nlohmann::json mrow = nlohmann::json::array();
        for (Eigen::Index b = 0; b < dur.cols(); ++b) {
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
    const auto t0 = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    row.vroom_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (status != 0) {
        err << row.instance << ": vroom failed (status " << status << "): " << command << '\n';
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
    const Table t = read_table(path, {"instance", "vehicles", "distance"});
    std::map<std::string, KnownResult> out;
    for (const auto& [line, row] : t.rows) {
        const std::string name = lower(field(t, row, "instance"));
        const std::string convention = field(t, row, "convention");
        const bool comparable = convention.empty() || convention.rfind("double precision", 0) == 0;
        if (out.count(name) && !comparable) continue;
        const double vehicles = number(field(t, row, "vehicles"), path, line, "vehicles");
        const double distance = number(field(t, row, "distance"), path, line, "distance");
        out[name] = KnownResult{static_cast<int>(vehicles), distance};
    }
    return out;
}

std::map<std::string, KnownResult> read_vroom_reference(const std::string& path, const std::string& setting,
                                                        int threads) {
    const Table t = read_table(path, {"instance", "setting", "threads", "distance", "vehicles"});
    std::map<std::string, KnownResult> out;
    std::map<std::string, bool> exact;  // the kept row ran with `threads`
    for (const auto& [line, row] : t.rows) {
        if (field(t, row, "setting") != setting) continue;
        const std::string name = lower(field(t, row, "instance"));
        const bool same_threads = number(field(t, row, "threads"), path, line, "threads") == threads;
        if (out.count(name) && (exact[name] || !same_threads)) continue;
        const std::string wall = field(t, row, "wall_s");
        out[name] = KnownResult{static_cast<int>(number(field(t, row, "vehicles"), path, line, "vehicles")),
                                number(field(t, row, "distance"), path, line, "distance"),
                                wall.empty() ? 0.0 : number(wall, path, line, "wall_s")};
        exact[name] = same_threads;
    }
    return out;
}

std::string instance_class(const std::string& name) {
    size_t i = 0;
    while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i]))) ++i;
    return name.substr(0, std::min(name.size(), i + 1));
}

bool instance_selected(const std::string& name, const std::string& filter, const std::vector<std::string>& all_names) {
    if (trim(filter).empty()) return true;
    const std::string lname = lower(name);
    for (const std::string& raw : split(filter, ',')) {
        const std::string item = lower(trim(raw));
        if (item.empty()) continue;
        const bool exact_exists = std::any_of(all_names.begin(), all_names.end(),
                                              [&](const std::string& n) { return lower(n) == item; });
        if (exact_exists) {
            if (lname == item) return true;
        } else if (item.find_first_of("*?[") != std::string::npos) {
            if (glob_match(item, lname)) return true;
        } else if (lname.rfind(item, 0) == 0) {
            return true;
        }
    }
    return false;
}

std::string default_bench_dir(BenchSet set) {
    const std::string folder = set == BenchSet::solomon ? "solomon" : "homberger_200";
    if (const char* root = std::getenv("FSD_BENCH_DATA"); root != nullptr && *root != '\0')
        return (fs::path(root) / folder).string();
    return (fs::path("..") / "shared" / "benchmarks" / folder).string();
}

int run_route_bench(const RouteBenchOptions& o, std::ostream& out, std::ostream& err) {
    const fs::path dir = o.dir.empty() ? fs::path(default_bench_dir(o.set)) : fs::path(o.dir);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw fsd::InputError("", fmt::format("{}: no such directory", dir.string()));
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && lower(entry.path().extension().string()) == ".txt")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    if (files.empty())
        throw fsd::InputError("", fmt::format("{}: no benchmark instances (*.txt) in this directory", dir.string()));
    std::vector<std::string> names;
    for (const fs::path& f : files) names.push_back(f.stem().string());
    std::vector<fs::path> chosen;
    for (size_t i = 0; i < files.size(); ++i)
        if (instance_selected(names[i], o.instances, names)) chosen.push_back(files[i]);
    if (chosen.empty())
        throw fsd::InputError("", fmt::format("{}: no instance matches --instances \"{}\"", dir.string(), o.instances));

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
        settings = {"-x 5", "-x 0"};
        for (const std::string& s : settings) reference[s] = read_vroom_reference(o.reference, s, o.threads);
    }
    if (!o.match_reference.empty()) {
        if (o.reference.empty()) throw fsd::InputError("", "--match-reference needs --reference FILE");
        if (std::find(settings.begin(), settings.end(), o.match_reference) == settings.end())
            throw fsd::InputError("", fmt::format("--match-reference \"{}\": settings are \"-x 5\" and \"-x 0\"",
                                                  o.match_reference));
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
        fsd::SolveOptions so;
        so.time_limit_seconds = o.time_limit_seconds;
        if (!o.match_reference.empty()) {
            // VROOM's own time on this instance; none recorded: the instance is skipped.
            const auto r = reference[o.match_reference].find(lower(file.stem().string()));
            if (r == reference[o.match_reference].end() || r->second.seconds <= 0) {
                err << file.stem().string() << ": no recorded " << o.match_reference << " time: skipped\n";
                continue;
            }
            so.time_limit_seconds = r->second.seconds;
        }
        so.threads = o.threads;
        so.seed = o.seed;
        so.algorithm = o.algorithm;
        // Quality is measured at the time limit: no early stop on stagnation.
        so.stagnation_limit = 0;
        const auto t0 = std::chrono::steady_clock::now();
        const fsd::Solution solution = fsd::solve(inst.problem, so);
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
        const fs::path csv(o.csv);
        if (csv.has_parent_path()) fs::create_directories(csv.parent_path(), ec);
        std::ofstream f(csv);
        f << text;
        if (!f) throw fsd::InputError("", fmt::format("{}: cannot write the file", o.csv));
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
