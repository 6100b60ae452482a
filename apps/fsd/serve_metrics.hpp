#pragma once
// Request counters and latency histograms of `fsd serve`, written in the
// Prometheus text format at GET /metrics.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace fsdserve {

/// Counts of requests by route and status and their latency per route.
/// Thread-safe; one per server.
class Metrics {
public:
    /// Upper bounds (seconds) of the latency histogram's buckets.
    static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5, 10.0};

    /// Records one answered request.
    void record(const std::string& route, int status, double seconds);
    /// The Prometheus text: fsd_http_requests_total{route,status},
    /// fsd_http_request_seconds{route} histogram, and the two gauges given.
    std::string prometheus(int solves_running, std::int64_t plans_stored, std::int64_t jobs_kept) const;

private:
    struct Latency {
        std::array<std::uint64_t, kBuckets.size()> buckets{};  // cumulative is computed when written
        std::uint64_t count = 0;
        double sum = 0.0;
    };
    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;
    std::map<std::string, Latency> latency_;
};

/// The route pattern a path belongs to, with ids replaced ("/plans/{id}/events"),
/// so metrics have a bounded number of labels.
std::string route_of(const std::string& method, const std::string& path);

}  // namespace fsdserve
