#include "fsd/io/solomon.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"

namespace fsd {
namespace {

std::vector<std::string> split_words(const std::string& line) {
    std::vector<std::string> words;
    std::istringstream in(line);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

bool parse_number(const std::string& word, double& out) {
    const char* first = word.data();
    const char* last = word.data() + word.size();
    if (first != last && *first == '+') ++first;  // from_chars refuses a leading '+'
    const auto [ptr, ec] = std::from_chars(first, last, out);
    return ec == std::errc() && ptr == last && std::isfinite(out);
}

class SolomonReader {
public:
    SolomonReader(std::string path, std::int64_t scale) : path_(std::move(path)), scale_(scale) {}

    EuclideanInstance read() {
        if (scale_ < 1) throw InputError("", "the scale must be at least 1 (got " + std::to_string(scale_) + ")");
        std::ifstream in(path_, std::ios::binary);
        if (!in) throw InputError("", "cannot open the benchmark file \"" + path_ + "\"");

        std::string name;
        bool have_fleet = false, in_table = false;
        int vehicles = 0;
        double capacity = 0;
        std::vector<double> x, y, demand, ready, due, service;
        std::string line;
        while (std::getline(in, line)) {
            ++line_no_;
            const auto words = split_words(line);
            if (words.empty()) continue;
            if (name.empty()) {
                name = words.front();
                continue;
            }
            std::vector<double> nums;
            for (const auto& w : words) {
                double v = 0;
                if (!parse_number(w, v)) break;
                nums.push_back(v);
            }
            if (nums.size() != words.size()) {
                // Section titles and column headers; text inside the table is an error.
                if (in_table) fail("expected a customer row of 7 numbers, got \"" + trimmed(line) + "\"");
                if (words.front() == "CUSTOMER" && !have_fleet)
                    fail("the CUSTOMER table comes before the VEHICLE NUMBER and CAPACITY line");
                continue;
            }
            if (!have_fleet) {
                if (nums.size() != 2) fail("expected the vehicle NUMBER and CAPACITY (2 numbers), got " + std::to_string(nums.size()));
                if (nums[0] < 1 || nums[0] != std::floor(nums[0]) || nums[0] > 1e6)
                    fail("the number of vehicles must be a whole number of at least 1");
                if (nums[1] < 0 || nums[1] != std::floor(nums[1]) || nums[1] > 1e15)
                    fail("the capacity must be a non-negative whole number");
                vehicles = static_cast<int>(nums[0]);
                capacity = nums[1];
                have_fleet = true;
                continue;
            }
            in_table = true;
            if (nums.size() != 7)
                fail("expected 7 numbers (CUST NO., XCOORD., YCOORD., DEMAND, READY TIME, DUE DATE, SERVICE TIME), got " +
                     std::to_string(nums.size()));
            const auto expected_id = static_cast<double>(x.size());
            if (nums[0] != expected_id)
                fail("expected customer number " + std::to_string(x.size()) + " (rows numbered from 0, the depot), got " +
                     words[0]);
            if (nums[3] < 0 || nums[3] != std::floor(nums[3]) || nums[3] > 1e15)
                fail("the demand must be a non-negative whole number");
            if (nums[4] < 0) fail("the ready time must not be negative");
            if (nums[5] < nums[4]) fail("the due date is before the ready time");
            if (nums[6] < 0) fail("the service time must not be negative");
            for (int k : {1, 2, 4, 5, 6})
                if (std::fabs(nums[static_cast<size_t>(k)]) * static_cast<double>(scale_) > 1e15)
                    fail("the value " + words[static_cast<size_t>(k)] + " is too large for the scale " + std::to_string(scale_));
            rows_.push_back(line_no_);
            x.push_back(nums[1]);
            y.push_back(nums[2]);
            demand.push_back(nums[3]);
            ready.push_back(nums[4]);
            due.push_back(nums[5]);
            service.push_back(nums[6]);
        }
        if (in.bad()) throw InputError("", "cannot read the benchmark file \"" + path_ + "\"");
        if (name.empty()) fail_file("the file is empty");
        if (!have_fleet) fail_file("the VEHICLE NUMBER and CAPACITY line is missing");
        if (x.empty()) fail_file("the CUSTOMER table is missing (no depot row)");

        Problem problem = build(vehicles, capacity, x, y, demand, ready, due, service);
        return EuclideanInstance{name, vehicles, capacity, std::move(x), std::move(y), std::move(demand), std::move(ready),
                                 std::move(due), std::move(service), scale_, std::move(problem)};
    }

private:
    static std::string trimmed(const std::string& s) {
        const auto b = s.find_first_not_of(" \t\r");
        const auto e = s.find_last_not_of(" \t\r");
        return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    }

    [[noreturn]] void fail(const std::string& message) const { fail_at(line_no_, message); }
    [[noreturn]] void fail_at(int line, const std::string& message) const {
        // A stream rather than operator+ chains: GCC 12 at -O3 warns falsely (-Wrestrict) on those.
        std::ostringstream out;
        out << path_ << ':' << line << ": " << message;
        throw InputError("", out.str());
    }
    [[noreturn]] void fail_file(const std::string& message) const { throw InputError("", path_ + ": " + message); }

    // Rounding outwards from the time windows' point of view: a start may not be
    // earlier, a deadline not later, a service or a leg not shorter than the
    // exact value, so an integer-feasible route is feasible in doubles too. The
    // 1e-6 keeps values like 0.3 * 10000 from being pushed up by binary noise.
    std::int64_t up(double v) const { return static_cast<std::int64_t>(std::ceil(v * static_cast<double>(scale_) - 1e-6)); }
    std::int64_t down(double v) const {
        return static_cast<std::int64_t>(std::floor(v * static_cast<double>(scale_) + 1e-6));
    }

    [[noreturn]] void refuse_distance(std::ptrdiff_t a, std::ptrdiff_t b, std::int64_t scaled) const {
        std::ostringstream out;
        out << "the distance from customer " << a << " to customer " << b << " is " << scaled << " at scale " << scale_
            << ", " << beyond_travel_limit() << "; use a smaller scale";
        fail_at(rows_[static_cast<size_t>(std::max(a, b))], out.str());
    }

    Problem build(int vehicles, double capacity, const std::vector<double>& x, const std::vector<double>& y,
                  const std::vector<double>& demand, const std::vector<double>& ready, const std::vector<double>& due,
                  const std::vector<double>& service) const {
        const auto n = static_cast<std::ptrdiff_t>(x.size());
        TravelMatrices tm;
        tm.durations.resize(n, n);
        tm.distances.resize(n, n);
        for (std::ptrdiff_t a = 0; a < n; ++a) {
            for (std::ptrdiff_t b = 0; b < n; ++b) {
                const double d = std::hypot(x[static_cast<size_t>(a)] - x[static_cast<size_t>(b)],
                                            y[static_cast<size_t>(a)] - y[static_cast<size_t>(b)]);
                // Coordinates are at most 1e15 / scale, so both fit int64 before the check.
                const std::int64_t distance = std::llround(d * static_cast<double>(scale_)), duration = up(d);
                if (std::max(distance, duration) > kTravelValueMax) refuse_distance(a, b, std::max(distance, duration));
                tm.distances(a, b) = static_cast<TravelValue>(distance);
                tm.durations(a, b) = static_cast<TravelValue>(duration);
            }
        }
        ProblemBuilder builder;
        builder.set_travel(std::move(tm));
        for (int v = 1; v <= vehicles; ++v) {
            Engineer e;
            e.id = std::to_string(v);
            e.id.insert(e.id.begin(), 'v');  // not "v" + ...: GCC 12 -O3 warns falsely (-Wrestrict)
            e.start.matrix_index = 0;
            e.end = Location{std::nullopt, 0};
            e.shifts = {{up(ready[0]), down(due[0])}};
            e.capacity = {static_cast<Amount>(capacity)};
            e.costs = EngineerCosts{0, 0, 1000};
            builder.add_engineer(std::move(e));
        }
        for (size_t i = 1; i < x.size(); ++i) {
            Job j;
            j.id = std::to_string(i);
            j.location.matrix_index = static_cast<Index>(i);
            j.duration = up(service[i]);
            j.time_windows = {{up(ready[i]), down(due[i])}};
            j.demand = {static_cast<Amount>(demand[i])};
            builder.add_job(std::move(j));
        }
        try {
            return builder.build();
        } catch (const InputError& e) {
            // Point at the offending row of the file rather than at a model path
            // the user never wrote.
            std::ostringstream out;
            out << path_;
            const std::string jobs = "/jobs/";
            if (e.path().rfind(jobs, 0) == 0) {
                const size_t job = std::stoul(e.path().substr(jobs.size()));
                if (job + 1 < rows_.size()) out << ':' << rows_[job + 1];
            } else if (e.path().rfind("/engineers/", 0) == 0) {
                out << ':' << rows_[0];
            }
            out << ": " << e.message() << " (" << e.path() << ")";
            throw InputError("", out.str());
        }
    }

    std::string path_;
    std::int64_t scale_;
    int line_no_ = 0;
    std::vector<int> rows_;  // line number of each table row, depot first
};

}  // namespace

EuclideanInstance read_solomon(const std::string& path, std::int64_t scale) { return SolomonReader(path, scale).read(); }

}  // namespace fsd
