// Desk staffing throughput: agents per interval by Erlang C and by Erlang A for
// 1,000 intervals x 100 arrival rates (100,000 intervals), on one core.
// Rates spread evenly over 1..2,000 calls per 30 minutes; each interval scales
// its rate by 0.5..1.5 and has an AHT of 180..420 s, so loads reach ~700 Erlangs.
// Usage: staffing_erlang [--intervals N] [--rates R] [--patience S] [--csv FILE]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "fsd/staffing/desk_staffing.hpp"

using namespace fsd;

namespace {

struct Row {
    const char* model;
    double seconds;
    long long agent_sum;
};

Row time_model(const char* model, const std::vector<DeskDemand>& demand, const DeskTarget& target) {
    const auto t0 = std::chrono::steady_clock::now();
    const std::vector<DeskStaffing> plan = staff_desk(demand, target);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    long long sum = 0;
    for (const auto& s : plan) sum += s.agents;
    return {model, seconds, sum};
}

}  // namespace

int main(int argc, char** argv) {
    int intervals = 1000, rates = 100;
    double patience = 180;
    std::string csv;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--intervals")) intervals = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--rates")) rates = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--patience")) patience = std::stod(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--csv")) csv = argv[i + 1];
    }
    std::vector<DeskDemand> demand;
    demand.reserve(static_cast<std::size_t>(intervals) * static_cast<std::size_t>(rates));
    for (int r = 0; r < rates; ++r) {
        const double rate = 1.0 + 1999.0 * r / (rates > 1 ? rates - 1 : 1);
        for (int i = 0; i < intervals; ++i) {
            const double scale = 0.5 + static_cast<double>(i % 1000) / 1000.0;
            const double aht = 180.0 + 240.0 * static_cast<double>((i * 7919 + r * 104729) % 1000) / 1000.0;
            demand.push_back({rate * scale, 1800, aht});
        }
    }
    DeskTarget c;  // 80 % within 20 s
    DeskTarget a = c;
    a.patience = patience;
    const Row rows[] = {time_model("erlang_c", demand, c), time_model("erlang_a", demand, a)};
    std::printf("%-9s %10s %10s %12s %14s\n", "model", "intervals", "seconds", "us/interval", "sum of agents");
    for (const Row& row : rows)
        std::printf("%-9s %10zu %10.3f %12.2f %14lld\n", row.model, demand.size(), row.seconds,
                    1e6 * row.seconds / static_cast<double>(demand.size()), row.agent_sum);
    if (!csv.empty()) {
        std::ofstream out(csv);
        out << "model,intervals,seconds,agent_sum\n";
        for (const Row& row : rows) out << row.model << ',' << demand.size() << ',' << row.seconds << ',' << row.agent_sum << '\n';
    }
    return 0;
}
