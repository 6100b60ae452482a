// Quality of the first solver (regret insertion + local search) on Solomon
// VRPTW instances: distance gap to the distance-only best-known solutions,
// vehicles against the best-known fleet, time per instance; every solution is
// re-checked by fsd::verify and in double precision by fsd::verify_euclidean.
//   solomon_first DIR [--time-limit S] [--csv FILE]
// DIR holds the *.txt instances, bks_distance_only.csv and bks.csv.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fsd/core/error.hpp"
#include "fsd/io/solomon.hpp"
#include "fsd/route/solve.hpp"
#include "fsd/verify.hpp"

namespace {

struct Known {
    int vehicles = 0;
    double distance = 0.0;
};

// Reads `instance,vehicles,distance[,convention,...]` rows (header skipped).
// An instance may be listed twice under different conventions (e.g. exact
// optima on distances truncated to one decimal); the double-precision row,
// else the first one, is kept since that is how verify_euclidean measures.
std::map<std::string, Known> read_bks(const std::filesystem::path& path) {
    std::map<std::string, Known> out;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::stringstream row(line);
        std::string name, vehicles, distance, convention;
        if (!std::getline(row, name, ',') || !std::getline(row, vehicles, ',') || !std::getline(row, distance, ','))
            continue;
        std::getline(row, convention, ',');
        const bool comparable = convention.empty() || convention.rfind("double precision", 0) == 0;
        const bool seen = out.count(name) != 0;
        if (seen && !comparable) continue;
        if (!seen || comparable) out[name] = Known{std::stoi(vehicles), std::stod(distance)};
    }
    return out;
}

// "RC201" -> "RC2", "C101" -> "C1".
std::string instance_class(const std::string& name) {
    size_t i = 0;
    while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i]))) ++i;
    return name.substr(0, std::min(name.size(), i + 1));
}

struct Row {
    std::string instance;
    int vehicles = 0;
    double distance = 0.0;
    int bks_vehicles = 0;
    double bks_distance = 0.0;
    double gap_pct = 0.0;
    double seconds = 0.0;
    bool verified = false;
};

struct Summary {
    int count = 0;
    double gap_sum = 0.0, gap_max = -1e300, seconds_sum = 0.0;
    int vehicles = 0, bks_vehicles = 0, verified = 0;
    void add(const Row& r) {
        ++count;
        gap_sum += r.gap_pct;
        gap_max = std::max(gap_max, r.gap_pct);
        seconds_sum += r.seconds;
        vehicles += r.vehicles;
        bks_vehicles += r.bks_vehicles;
        verified += r.verified ? 1 : 0;
    }
    void print(const std::string& label) const {
        if (count == 0) return;
        std::printf("%-8s n=%-3d mean gap %6.2f%%  max gap %6.2f%%  vehicles %4d vs BKS %4d  mean %.2f s  verified %d/%d\n",
                    label.c_str(), count, gap_sum / count, gap_max, vehicles, bks_vehicles, seconds_sum / count, verified,
                    count);
    }
};

int run(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: solomon_first DIR [--time-limit S] [--csv FILE]\n";
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    double time_limit = 1.0;
    std::string csv;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
        if (arg == "--time-limit") time_limit = std::stod(argv[++i]);
        else if (arg == "--csv") csv = argv[++i];
        else throw std::runtime_error("unknown option " + arg);
    }
    const auto distance_bks = read_bks(dir / "bks_distance_only.csv");
    const auto fleet_bks = read_bks(dir / "bks.csv");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".txt") files.push_back(entry.path());
    std::sort(files.begin(), files.end());

    std::vector<Row> rows;
    std::map<std::string, Summary> classes;
    Summary overall;
    std::printf("%-8s %4s %10s %4s %10s %8s %6s %s\n", "instance", "veh", "distance", "bks", "bks_dist", "gap%", "sec",
                "verified");
    for (const auto& file : files) {
        const fsd::EuclideanInstance inst = fsd::read_solomon(file.string());
        fsd::SolveOptions options;
        options.time_limit_seconds = time_limit;
        const fsd::Solution solution = fsd::solve(inst.problem, options);
        const fsd::EuclideanCheck check = fsd::verify_euclidean(inst, solution);
        const fsd::VerifyReport report = fsd::verify(inst.problem, solution);
        Row row;
        row.instance = inst.name.empty() ? file.stem().string() : inst.name;
        row.vehicles = check.vehicles;
        row.distance = check.distance;
        const auto d = distance_bks.find(row.instance);
        const auto f = fleet_bks.find(row.instance);
        row.bks_distance = d == distance_bks.end() ? 0.0 : d->second.distance;
        row.bks_vehicles = f == fleet_bks.end() ? (d == distance_bks.end() ? 0 : d->second.vehicles) : f->second.vehicles;
        row.gap_pct = row.bks_distance > 0 ? 100.0 * (row.distance - row.bks_distance) / row.bks_distance : 0.0;
        row.seconds = solution.stats.seconds;
        row.verified = check.violations.empty() && report.ok() && report.objective == solution.objective &&
                       solution.unassigned.empty();
        for (const auto& v : check.violations) std::fprintf(stderr, "%s: %s\n", row.instance.c_str(), v.c_str());
        for (const auto& v : report.violations)
            std::fprintf(stderr, "%s: %s: %s\n", row.instance.c_str(), v.kind.c_str(), v.message.c_str());
        if (!solution.unassigned.empty())
            std::fprintf(stderr, "%s: %zu customers unserved\n", row.instance.c_str(), solution.unassigned.size());
        std::printf("%-8s %4d %10.2f %4d %10.2f %8.2f %6.2f %s\n", row.instance.c_str(), row.vehicles, row.distance,
                    row.bks_vehicles, row.bks_distance, row.gap_pct, row.seconds, row.verified ? "yes" : "NO");
        std::fflush(stdout);
        classes[instance_class(row.instance)].add(row);
        overall.add(row);
        rows.push_back(row);
    }
    std::printf("\n");
    for (const char* c : {"C1", "C2", "R1", "R2", "RC1", "RC2"})
        if (classes.count(c)) classes[c].print(c);
    overall.print("all");

    if (!csv.empty()) {
        std::ofstream out(csv);
        if (!out) throw std::runtime_error("cannot write " + csv);
        out << "instance,vehicles,distance,bks_vehicles,bks_distance,gap_pct,seconds,verified\n";
        char buf[256];
        for (const Row& r : rows) {
            std::snprintf(buf, sizeof buf, "%s,%d,%.4f,%d,%.2f,%.4f,%.3f,%s\n", r.instance.c_str(), r.vehicles,
                          r.distance, r.bks_vehicles, r.bks_distance, r.gap_pct, r.seconds, r.verified ? "true" : "false");
            out << buf;
        }
    }
    return overall.verified == overall.count ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const fsd::InputError& e) {
        std::cerr << "input error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
