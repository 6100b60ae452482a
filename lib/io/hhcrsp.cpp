#include "fsd/io/hhcrsp.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <string_view>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "json_reader.hpp"

namespace fsd {
namespace {

// A value read from the file beyond this, once scaled, could overflow the
// int64 arithmetic of the model (sums of many of them).
constexpr double kMaxScaled = 1e15;
// Nested brackets deeper than any field needs (p has three levels) are an
// error, not a recursion that could exhaust the stack on hostile input.
constexpr int kMaxDepth = 8;
// Bounds that keep a malformed count from allocating a huge matrix.
constexpr double kMaxNodes = 20'000, kMaxCaregivers = 10'000, kMaxServiceTypes = 1'000;

// One value of the OPL-style file: a number, or a bracketed array "[...]"
// or a set "{...}" of values, with the line it starts on.
struct OplValue {
    int line = 0;
    char open = 0;  // '[' or '{' for a list, 0 for a number
    double number = 0;
    std::vector<OplValue> items;
};

class HhcrspReader {
public:
    HhcrspReader(const std::string& text, std::string source, std::int64_t scale)
        : text_(text), source_(std::move(source)), scale_(scale) {}

    HhcrspInstance read() {
        if (scale_ < 1 || scale_ > 1'000'000)
            throw InputError("", source_ + ": the scale must be between 1 and 1000000 (got " + std::to_string(scale_) + ")");
        read_statements();
        n_ = count("nbNodes", 3, kMaxNodes, "a depot, at least one patient and the depot's copy");
        v_ = count("nbVehi", 1, kMaxCaregivers, "at least one caregiver");
        s_ = count("nbServi", 1, kMaxServiceTypes, "at least one service type");
        read_tables();
        Problem problem = build();
        return HhcrspInstance{source_, n_, v_, s_, n_ - 2, static_cast<int>(double_.size()), scale_, horizon_,
                              job_node_, job_service_, distance_, l_, std::move(problem)};
    }

private:
    // ---- the file's syntax: NAME = VALUE ; with // and /* */ comments ----

    void skip_space_and_comments() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\n') {
                ++line_;
                ++pos_;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++pos_;
            } else if (text_.compare(pos_, 2, "//") == 0) {
                while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
            } else if (text_.compare(pos_, 2, "/*") == 0) {
                const int opened = line_;
                const auto end = text_.find("*/", pos_ + 2);
                if (end == std::string::npos) fail_at(opened, "", "a comment opened with /* is not closed with */");
                line_ += static_cast<int>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                                     text_.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
                pos_ = end + 2;
            } else {
                return;
            }
        }
    }

    static bool name_char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    static bool number_char(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }

    void read_statements() {
        for (skip_space_and_comments(); pos_ < text_.size(); skip_space_and_comments()) {
            const int line = line_;
            size_t end = pos_;
            while (end < text_.size() && name_char(text_[end])) ++end;
            if (end == pos_) fail_at(line, "", "expected a field name (like nbNodes), got '" + std::string(1, text_[pos_]) + "'");
            const std::string name = text_.substr(pos_, end - pos_);
            pos_ = end;
            if (!known(name)) fail_at(line, name, "not a field of an HHCRSP instance");
            if (fields_.count(name) != 0) fail_at(line, name, "given twice (first on line " + std::to_string(fields_[name].line) + ")");
            expect('=', name);
            OplValue value = read_value(name, 0);
            expect(';', name);
            fields_[name] = std::move(value);
        }
    }

    static bool known(const std::string& name) {
        static const char* const names[] = {"nbNodes", "nbVehi", "nbServi", "r", "DS", "a", "x", "y",
                                            "d",       "p",      "mind",    "maxd", "e", "l"};
        return std::find_if(std::begin(names), std::end(names), [&name](const char* n) { return name == n; }) !=
               std::end(names);
    }

    void expect(char c, const std::string& field) {
        skip_space_and_comments();
        if (pos_ >= text_.size()) fail_at(line_, field, std::string("the file ends where '") + c + "' is expected");
        if (text_[pos_] != c)
            fail_at(line_, field, std::string("expected '") + c + "', got '" + std::string(1, text_[pos_]) + "'");
        ++pos_;
    }

    OplValue read_value(const std::string& field, int depth) {
        skip_space_and_comments();
        OplValue v;
        v.line = line_;
        if (pos_ >= text_.size()) fail_at(line_, field, "the file ends where a value is expected");
        const char c = text_[pos_];
        if (c == '[' || c == '{') {
            if (depth >= kMaxDepth) fail_at(line_, field, "brackets nested deeper than " + std::to_string(kMaxDepth));
            const char close = c == '[' ? ']' : '}';
            v.open = c;
            ++pos_;
            for (;;) {
                skip_space_and_comments();
                if (pos_ >= text_.size())
                    fail_at(v.line, field, std::string("a list opened with '") + c + "' is not closed with '" + close + "'");
                if (text_[pos_] == close) {
                    ++pos_;
                    return v;
                }
                if (text_[pos_] == ';')
                    fail_at(v.line, field, std::string("a list opened with '") + c + "' is not closed with '" + close +
                                               "' before ';'");
                if (text_[pos_] == ',') {
                    if (v.items.empty()) fail_at(line_, field, "a list starts with ','");
                    ++pos_;
                    continue;
                }
                v.items.push_back(read_value(field, depth + 1));
            }
        }
        size_t end = pos_;
        while (end < text_.size() && number_char(text_[end])) ++end;
        const std::string word = text_.substr(pos_, end - pos_);
        const char* first = word.data();
        const char* last = word.data() + word.size();
        if (first != last && *first == '+') ++first;  // from_chars refuses a leading '+'
        const auto [ptr, ec] = std::from_chars(first, last, v.number);
        if (word.empty() || ec != std::errc() || ptr != last || !std::isfinite(v.number))
            fail_at(line_, field,
                    "expected a number or a list, got \"" + (word.empty() ? std::string(1, c) : word) + "\"");
        pos_ = end;
        return v;
    }

    // ---- the fields ----

    const OplValue& field(const std::string& name) const {
        const auto it = fields_.find(name);
        if (it == fields_.end()) fail_file(name, "missing (the instance must give " + name + ")");
        return it->second;
    }

    static std::string at(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

    double number(const OplValue& v, const std::string& path) const {
        if (v.open != 0) fail_at(v.line, path, "expected a number, got a list");
        if (v.number < 0) fail_at(v.line, path, "must not be negative (got " + shown(v.number) + ")");
        if (v.number * static_cast<double>(scale_) > kMaxScaled)
            fail_at(v.line, path, shown(v.number) + " is too large for the scale " + std::to_string(scale_));
        return v.number;
    }

    int count(const std::string& name, double min, double max, const std::string& why) const {
        const OplValue& v = field(name);
        const double x = number(v, name);
        if (x != std::floor(x)) fail_at(v.line, name, "must be a whole number (got " + shown(x) + ")");
        if (x < min) fail_at(v.line, name, "must be at least " + shown(min) + ": " + why);
        if (x > max) fail_at(v.line, name, "at most " + shown(max) + " are read (got " + shown(x) + ")");
        return static_cast<int>(x);
    }

    const std::vector<OplValue>& list(const OplValue& v, const std::string& path, int size, const std::string& what) const {
        if (v.open == 0) fail_at(v.line, path, "expected a list of " + what + ", got a number");
        if (v.items.size() != static_cast<size_t>(size))
            fail_at(v.line, path, "expected " + std::to_string(size) + " entries (" + what + "), got " +
                                      std::to_string(v.items.size()));
        return v.items;
    }

    bool flag(const OplValue& v, const std::string& path) const {
        const double x = number(v, path);
        if (x != 0 && x != 1) fail_at(v.line, path, "must be 0 or 1 (got " + shown(x) + ")");
        return x == 1;
    }

    std::vector<double> vector_of(const std::string& name) const {
        std::vector<double> out;
        const auto& items = list(field(name), name, n_, "one per node");
        for (size_t i = 0; i < items.size(); ++i) out.push_back(number(items[i], at(name, i)));
        return out;
    }

    void read_tables() {
        // r: which services each node needs; a patient needs one or two.
        const auto& r = list(field("r"), "r", n_, "one row per node");
        needs_.assign(static_cast<size_t>(n_), {});
        for (int i = 0; i < n_; ++i) {
            const std::string path = at("r", static_cast<size_t>(i));
            const auto& row = list(r[static_cast<size_t>(i)], path, s_, "one 0/1 per service type");
            for (int s = 0; s < s_; ++s)
                if (flag(row[static_cast<size_t>(s)], at(path, static_cast<size_t>(s)))) needs_[static_cast<size_t>(i)].push_back(s);
            if (i == 0 || i == n_ - 1) continue;  // the depot's rows say nothing
            const size_t k = needs_[static_cast<size_t>(i)].size();
            if (k == 0 || k > 2)
                fail_at(r[static_cast<size_t>(i)].line, path,
                        "patient node " + std::to_string(i) + " needs " + std::to_string(k) +
                            " services; the model knows one or two per patient");
        }
        // a: the caregivers' qualifications.
        const auto& a = list(field("a"), "a", v_, "one row per caregiver");
        qualified_.assign(static_cast<size_t>(v_), std::vector<bool>(static_cast<size_t>(s_)));
        for (int v = 0; v < v_; ++v) {
            const std::string path = at("a", static_cast<size_t>(v));
            const auto& row = list(a[static_cast<size_t>(v)], path, s_, "one 0/1 per service type");
            for (int s = 0; s < s_; ++s)
                qualified_[static_cast<size_t>(v)][static_cast<size_t>(s)] = flag(row[static_cast<size_t>(s)], at(path, static_cast<size_t>(s)));
        }
        // DS: the double-service patients, numbered from 1 as OPL arrays are
        // (DS={11,10,9} in a 12-node file names nodes 10, 9 and 8 counted
        // from 0 — exactly the rows of r with two services).
        const OplValue& ds = field("DS");
        if (ds.open == 0) fail_at(ds.line, "DS", "expected a set like {9,10}, got a number");
        for (size_t k = 0; k < ds.items.size(); ++k) {
            const std::string path = at("DS", k);
            const double x = number(ds.items[k], path);
            if (x != std::floor(x) || x < 2 || x > n_ - 1)
                fail_at(ds.items[k].line, path,
                        shown(x) + " is not a patient node (DS counts nodes from 1: 2 to " + std::to_string(n_ - 1) + ")");
            const int node = static_cast<int>(x) - 1;
            if (std::find(double_.begin(), double_.end(), node) != double_.end())
                fail_at(ds.items[k].line, path, shown(x) + " is listed twice");
            if (needs_[static_cast<size_t>(node)].size() != 2)
                fail_at(ds.items[k].line, path,
                        "node " + shown(x) + " (counted from 1) needs " +
                            std::to_string(needs_[static_cast<size_t>(node)].size()) +
                            " service(s) in r; a double service needs two");
            double_.push_back(node);
        }
        for (int i = 1; i < n_ - 1; ++i)
            if (needs_[static_cast<size_t>(i)].size() == 2 && std::find(double_.begin(), double_.end(), i) == double_.end())
                fail_at(ds.line, "DS",
                        "patient node " + std::to_string(i) + " (" + std::to_string(i + 1) +
                            " counted from 1) needs two services in r but is not in DS");
        std::sort(double_.begin(), double_.end());

        // d: the distance (= travel time) matrix.
        const auto& d = list(field("d"), "d", n_, "one row per node");
        for (int i = 0; i < n_; ++i) {
            const std::string path = at("d", static_cast<size_t>(i));
            const auto& row = list(d[static_cast<size_t>(i)], path, n_, "one distance per node");
            for (int j = 0; j < n_; ++j) distance_.push_back(number(row[static_cast<size_t>(j)], at(path, static_cast<size_t>(j))));
        }

        // p: service times by node, caregiver and service.
        const auto& p = list(field("p"), "p", n_, "one block per node");
        service_.assign(static_cast<size_t>(n_), std::vector<double>(static_cast<size_t>(s_)));
        for (int i = 0; i < n_; ++i) {
            const std::string path = at("p", static_cast<size_t>(i));
            const auto& block = list(p[static_cast<size_t>(i)], path, v_, "one row per caregiver");
            std::vector<std::vector<double>> times(static_cast<size_t>(v_));
            for (int v = 0; v < v_; ++v) {
                const std::string row_path = at(path, static_cast<size_t>(v));
                const auto& row = list(block[static_cast<size_t>(v)], row_path, s_, "one time per service type");
                for (int s = 0; s < s_; ++s) times[static_cast<size_t>(v)].push_back(number(row[static_cast<size_t>(s)], at(row_path, static_cast<size_t>(s))));
            }
            if (i == 0 || i == n_ - 1) continue;
            for (int s : needs_[static_cast<size_t>(i)]) service_[static_cast<size_t>(i)][static_cast<size_t>(s)] = service_time(i, s, times, block);
        }

        e_ = vector_of("e");
        l_ = vector_of("l");
        mind_ = vector_of("mind");
        maxd_ = vector_of("maxd");
        for (int i = 1; i < n_ - 1; ++i) {
            const auto k = static_cast<size_t>(i);
            if (l_[k] < e_[k])
                fail_at(field("l").items[k].line, at("l", k),
                        "the window of node " + std::to_string(i) + " ends (" + shown(l_[k]) + ") before it starts (" +
                            shown(e_[k]) + ")");
        }
        for (int i : double_) {
            const auto k = static_cast<size_t>(i);
            if (maxd_[k] < mind_[k])
                fail_at(field("maxd").items[k].line, at("maxd", k),
                        "the largest gap (" + shown(maxd_[k]) + ") is below the smallest (mind " + shown(mind_[k]) + ")");
        }
    }

    // The service time of service `s` at patient `i`. fsd's service time may
    // depend on the engineer's skill level (durations_by_level) but not on
    // the engineer as such, so an instance whose qualified caregivers take
    // different times is refused rather than read wrongly. None of the 24
    // published files of the 10–75 groups does: p is one value per instance.
    double service_time(int i, int s, const std::vector<std::vector<double>>& times, const std::vector<OplValue>& block) const {
        std::optional<double> first;
        int first_v = 0;
        for (int v = 0; v < v_; ++v) {
            if (!qualified_[static_cast<size_t>(v)][static_cast<size_t>(s)]) continue;
            const double t = times[static_cast<size_t>(v)][static_cast<size_t>(s)];
            if (!first) {
                first = t;
                first_v = v;
            } else if (t != *first) {
                fail_at(block[static_cast<size_t>(v)].line,
                        "p[" + std::to_string(i) + "][" + std::to_string(v) + "][" + std::to_string(s) + "]",
                        "caregiver " + std::to_string(v) + " takes " + shown(t) + " for service " + std::to_string(s) +
                            " and caregiver " + std::to_string(first_v) + " takes " + shown(*first) +
                            "; service times that depend on the caregiver are not supported (fsd's depend on the "
                            "skill level only)");
            }
        }
        // Nobody qualified: the job comes back unassigned (a warning of the
        // Problem); its time is then only shown, the first caregiver's.
        return first ? *first : times.front()[static_cast<size_t>(s)];
    }

    // ---- the Problem ----

    std::int64_t up(double v) const { return static_cast<std::int64_t>(std::ceil(v * static_cast<double>(scale_) - 1e-6)); }
    std::int64_t down(double v) const {
        return static_cast<std::int64_t>(std::floor(v * static_cast<double>(scale_) + 1e-6));
    }
    static std::string skill_name(int s) { return "s" + std::to_string(s + 1); }
    static std::string job_id(int node, int s) { return std::to_string(node) + "-s" + std::to_string(s + 1); }

    TravelMatrices matrices() const {
        TravelMatrices tm;
        tm.durations.resize(n_, n_);
        tm.distances.resize(n_, n_);
        for (int a = 0; a < n_; ++a)
            for (int b = 0; b < n_; ++b) {
                const double d = distance_[static_cast<size_t>(a) * static_cast<size_t>(n_) + static_cast<size_t>(b)];
                const std::int64_t distance = std::llround(d * static_cast<double>(scale_)), duration = up(d);
                if (std::max(distance, duration) > kTravelValueMax)
                    fail_at(field("d").line, "d[" + std::to_string(a) + "][" + std::to_string(b) + "]",
                            std::to_string(std::max(distance, duration)) + " at scale " + std::to_string(scale_) +
                                " is " + beyond_travel_limit() + "; use a smaller scale");
                tm.distances(a, b) = static_cast<TravelValue>(distance);
                tm.durations(a, b) = static_cast<TravelValue>(duration);
            }
        return tm;
    }

    // The end of every shift and window. The paper bounds neither the return
    // to the depot nor a late start (lateness is priced instead), so the
    // horizon must never bind: a caregiver serving every service one after
    // the other, waiting for the latest window start, the latest deadline
    // and every gap, each leg the longest, is still back before it.
    double horizon() const {
        double latest = 0, longest = 0, work = 0;
        for (int i = 0; i < n_; ++i) latest = std::max({latest, e_[static_cast<size_t>(i)], l_[static_cast<size_t>(i)]});
        for (double d : distance_) longest = std::max(longest, d);
        int jobs = 0;
        for (int i = 1; i < n_ - 1; ++i)
            for (int s : needs_[static_cast<size_t>(i)]) {
                work += service_[static_cast<size_t>(i)][static_cast<size_t>(s)] + maxd_[static_cast<size_t>(i)];
                ++jobs;
            }
        const double h = 2 * latest + work + (jobs + 1) * longest;
        if (h * static_cast<double>(scale_) > kMaxScaled)
            fail_file("l", "the day these windows, times and distances span is too long for the scale " +
                               std::to_string(scale_));
        return h;
    }

    Problem build() {
        ProblemBuilder builder;
        builder.set_travel(matrices());
        horizon_ = up(horizon());
        const Time day_start = up(e_.front());

        for (int v = 0; v < v_; ++v) {
            Engineer e;
            e.id = "c" + std::to_string(v + 1);
            e.start.matrix_index = 0;  // node 0, the depot; node nbNodes−1 is its copy
            e.shifts = {{day_start, horizon_}};
            for (int s = 0; s < s_; ++s)
                if (qualified_[static_cast<size_t>(v)][static_cast<size_t>(s)]) e.skills.push_back({skill_name(s), 1});
            builder.add_engineer(std::move(e));
        }
        for (int i = 1; i < n_ - 1; ++i) {
            const auto k = static_cast<size_t>(i);
            for (int s : needs_[k]) {
                Job j;
                j.id = job_id(i, s);
                j.location.matrix_index = static_cast<Index>(i);
                j.duration = up(service_[k][static_cast<size_t>(s)]);
                // e is a hard earliest start; l a soft deadline: a late start
                // is allowed and its tardiness priced (the paper's T and Tmax).
                j.time_windows = {{std::min(up(e_[k]), horizon_), horizon_}};
                j.skills = {{skill_name(s), 1}};
                j.sla = SlaDeadline{down(l_[k]), false, 1};
                builder.add_job(std::move(j));
                job_node_.push_back(i);
                job_service_.push_back(s);
            }
        }
        // A double service: the higher service type starts between mind and
        // maxd after the lower one (the paper's constraints (11)–(12) order
        // the pair by service index). Two different caregivers: in the
        // paper's model a caregiver reaches a node at most once — its
        // sequencing constraint (8) holds between every pair of services at
        // consecutive nodes, so a second visit to the same node by the same
        // caregiver is infeasible (read in the ILP transcription of the
        // model, c-lamas/hhcrsp, src/mankowska_et_al_2014_ilp.py).
        for (int i : double_) {
            const auto k = static_cast<size_t>(i);
            JobLink link;
            link.first = job_id(i, needs_[k][0]);
            link.second = job_id(i, needs_[k][1]);
            link.min_gap = up(mind_[k]);
            link.max_gap = down(maxd_[k]);
            link.engineers = LinkEngineers::different;
            builder.add_link(std::move(link));
        }
        // The paper's objective (D + T + Tmax) / 3, times 3 × scale: travel
        // costs 1 per scaled unit (default per_hour 3600 on seconds-as-units),
        // lateness 1 per unit summed and 1 per unit of the largest.
        ObjectiveWeights w;
        w.travel = 1;
        w.lateness = 1;
        w.max_lateness = 1;
        builder.set_weights(w);
        try {
            return builder.build();
        } catch (const InputError& e) {
            throw InputError(e.path(), source_ + ": " + e.message());
        }
    }

    static std::string shown(double x) {
        std::ostringstream out;
        out << x;
        return out.str();
    }

    [[noreturn]] void fail_at(int line, const std::string& path, const std::string& message) const {
        throw InputError(path, source_ + ":" + std::to_string(line) + ": " + message);
    }
    [[noreturn]] void fail_file(const std::string& path, const std::string& message) const {
        throw InputError(path, source_ + ": " + message);
    }

    const std::string& text_;
    std::string source_;
    std::int64_t scale_;
    size_t pos_ = 0;
    int line_ = 1;
    std::map<std::string, OplValue> fields_;
    int n_ = 0, v_ = 0, s_ = 0;
    std::vector<std::vector<int>> needs_;         // per node: the service types it needs, ascending
    std::vector<std::vector<bool>> qualified_;    // per caregiver and service type
    std::vector<int> double_;                     // double-service nodes, from 0, ascending
    std::vector<double> distance_;                // row-major nodes × nodes
    std::vector<std::vector<double>> service_;    // per node and service type (needed ones only)
    std::vector<double> e_, l_, mind_, maxd_;
    // What build() adds to the instance besides the Problem.
    Time horizon_ = 0;
    std::vector<int> job_node_, job_service_;
};

}  // namespace

HhcrspInstance parse_hhcrsp(const std::string& text, const std::string& source, std::int64_t scale) {
    return HhcrspReader(text, source, scale).read();
}

HhcrspInstance read_hhcrsp(const std::string& path, std::int64_t scale) {
    return parse_hhcrsp(io_detail::read_text_file(path, "HHCRSP instance file"), path, scale);
}

HhcrspMeasure hhcrsp_measure(const HhcrspInstance& instance, const Solution& solution) {
    const Problem& p = instance.problem;
    HhcrspMeasure m;
    m.services = static_cast<int>(p.num_jobs());
    const double scale = static_cast<double>(instance.scale);
    for (const Route& route : solution.routes) {
        int previous = -1;  // node of the previous step
        for (const Step& step : route.steps) {
            int node = -1;
            switch (step.kind) {
                case StepKind::start: node = static_cast<int>(p.start_location(route.engineer)); break;
                case StepKind::end: node = static_cast<int>(p.end_location(route.engineer)); break;
                case StepKind::job: node = instance.job_node.at(static_cast<size_t>(step.index)); break;
                case StepKind::depot:
                case StepKind::break_: break;  // none in these instances: no place, no travel
            }
            if (node < 0) continue;
            if (previous >= 0) m.distance += instance.distance_between(previous, node);
            previous = node;
            if (step.kind != StepKind::job) continue;
            ++m.served;
            // Tardiness on the file's own deadline, the start read back in its units.
            const double late = std::max(0.0, static_cast<double>(step.start) / scale - instance.due.at(static_cast<size_t>(node)));
            m.total_tardiness += late;
            m.max_tardiness = std::max(m.max_tardiness, late);
        }
    }
    return m;
}

}  // namespace fsd
