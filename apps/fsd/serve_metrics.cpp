#include "serve_metrics.hpp"

#include <fmt/format.h>

#include <vector>

namespace fsdserve {

void Metrics::record(const std::string& route, int status, double seconds) {
    const std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{route, status}];
    Latency& l = latency_[route];
    for (std::size_t b = 0; b < kBuckets.size(); ++b)
        if (seconds <= kBuckets[b]) {
            ++l.buckets[b];
            break;
        }
    ++l.count;
    l.sum += seconds;
}

std::string Metrics::prometheus(int solves_running, std::int64_t plans_stored, std::int64_t jobs_kept) const {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    out += "# HELP fsd_http_requests_total HTTP requests answered, by route and status.\n";
    out += "# TYPE fsd_http_requests_total counter\n";
    for (const auto& entry : requests_)
        out += fmt::format("fsd_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", entry.first.first,
                           entry.first.second, entry.second);
    out += "# HELP fsd_http_request_seconds Time from the request's arrival to its answer.\n";
    out += "# TYPE fsd_http_request_seconds histogram\n";
    for (const auto& entry : latency_) {
        std::uint64_t cumulative = 0;
        for (std::size_t b = 0; b < kBuckets.size(); ++b) {
            cumulative += entry.second.buckets[b];
            out += fmt::format("fsd_http_request_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", entry.first,
                               kBuckets[b], cumulative);
        }
        out += fmt::format("fsd_http_request_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", entry.first,
                           entry.second.count);
        out += fmt::format("fsd_http_request_seconds_sum{{route=\"{}\"}} {}\n", entry.first, entry.second.sum);
        out += fmt::format("fsd_http_request_seconds_count{{route=\"{}\"}} {}\n", entry.first, entry.second.count);
    }
    out += "# HELP fsd_solves_running Solves running now (synchronous, asynchronous and re-optimisations).\n";
    out += "# TYPE fsd_solves_running gauge\n";
    out += fmt::format("fsd_solves_running {}\n", solves_running);
    out += "# HELP fsd_plans_stored Live plans in the database.\n";
    out += "# TYPE fsd_plans_stored gauge\n";
    out += fmt::format("fsd_plans_stored {}\n", plans_stored);
    out += "# HELP fsd_jobs_kept Asynchronous solve jobs kept in memory (running or finished).\n";
    out += "# TYPE fsd_jobs_kept gauge\n";
    out += fmt::format("fsd_jobs_kept {}\n", jobs_kept);
    return out;
}

std::string route_of(const std::string& method, const std::string& path) {
    // Split on '/', then replace the segment after "plans", "jobs" and "board" by a placeholder.
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string::npos ? path.size() : slash;
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    std::string route;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const bool id = i == 1 && (parts[0] == "plans" || parts[0] == "jobs" || parts[0] == "board");
        route += "/" + (id ? std::string(parts[0] == "board" ? "{plan}" : "{id}") : parts[i]);
    }
    static const std::vector<std::string> known = {
        "/",           "/solve",       "/verify",           "/evaluate",          "/assign",
        "/sla/status", "/triage/predict", "/plans",         "/plans/{id}",        "/plans/{id}/events",
        "/plans/{id}/insert", "/plans/{id}/slots", "/plans/{id}/reoptimise", "/jobs", "/jobs/{id}",
        "/health",     "/metrics",     "/openapi.json",     "/board/{plan}"};
    for (const auto& k : known)
        if (k == route || (route.empty() && k == "/")) return method + " " + k;
    return method + " other";  // unknown paths share one label, so scanners cannot grow the table
}

}  // namespace fsdserve
