#include "fsd/io/trsp.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <string_view>

#include "fsd/core/error.hpp"
#include "fsd/model/problem_builder.hpp"
#include "json_reader.hpp"

namespace fsd {
namespace {

// Column names as the files' header spells them; every message names one.
constexpr const char* kRowFields[] = {"ID", "X", "Y", "TWS", "TWE", "Serv", "SKILLS", "TOOLS", "SPARE PARTS"};
constexpr const char* kInfoFields[] = {"CREW COUNT", "SKILLS", "TOOLS", "SPARE PARTS"};

// A value read from the file beyond this, once scaled, could overflow the
// int64 arithmetic of the model (sums of many of them).
constexpr double kMaxScaled = 1e15;

// One row of the table, in instance units.
struct TrspRow {
    int line = 0;
    double x = 0, y = 0, tws = 0, twe = 0, serv = 0;
    std::vector<int> skills, tools;
    std::vector<Amount> parts;  // empty, or one count per part type
};

class TrspReader {
    // What the file says before its table.
    struct Header {
        std::string name;
        int crew = 0, skills = 0, tools = 0, parts = 0;
    };

public:
    TrspReader(const std::string& text, std::string source, std::int64_t scale)
        : text_(text), source_(std::move(source)), scale_(scale) {}

    TrspInstance read() {
        if (scale_ < 1 || scale_ > 1'000'000)
            throw InputError("", source_ + ": the scale must be between 1 and 1000000 (got " + std::to_string(scale_) + ")");
        Header header;
        bool have_info = false, in_table = false;
        std::istringstream in(text_);
        std::string line;
        while (std::getline(in, line)) {
            ++line_no_;
            const std::vector<std::string> fields = split_fields(line);
            if (fields.empty()) continue;
            if (header.name.empty()) {
                header.name = trimmed(line);
                continue;
            }
            double first = 0;
            if (!parse_number(fields.front(), first)) {
                // Section titles (INFO, DEPOT TECHNICIANS AND REQUESTS) and column headers.
                if (in_table)
                    fail("", "expected a row \"ID X Y TWS TWE Serv [SKILLS] [TOOLS] [SPARE PARTS]\", got \"" + trimmed(line) +
                                 "\"");
                continue;
            }
            if (!have_info) {
                read_info(fields, header);
                have_info = true;
                continue;
            }
            in_table = true;
            rows_.push_back(read_row(fields, header));
        }
        if (header.name.empty()) fail_file("the file is empty");
        if (!have_info) fail_file("the INFO line (CREW COUNT SKILLS TOOLS SPARE PARTS) is missing");
        if (rows_.size() < static_cast<size_t>(header.crew) + 1)
            fail_file("expected at least " + std::to_string(header.crew + 1) + " rows (the depot and " +
                      std::to_string(header.crew) + " technicians), got " + std::to_string(rows_.size()));
        const int requests = static_cast<int>(rows_.size()) - header.crew - 1;
        Problem problem = build(header);
        TrspInstance out{std::move(header.name), header.crew, header.skills, header.tools, header.parts, requests, scale_,
                         {}, {}, {}, {}, {}, std::move(problem)};
        for (const TrspRow& r : rows_) {
            out.x.push_back(r.x);
            out.y.push_back(r.y);
            out.ready.push_back(r.tws);
            out.due.push_back(r.twe);
            out.service.push_back(r.serv);
        }
        return out;
    }

private:
    static std::string trimmed(const std::string& s) {
        const auto b = s.find_first_not_of(" \t\r");
        const auto e = s.find_last_not_of(" \t\r");
        return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
    }

    static bool parse_number(std::string_view word, double& out) {
        const char* first = word.data();
        const char* last = word.data() + word.size();
        if (first != last && *first == '+') ++first;  // from_chars refuses a leading '+'
        const auto [ptr, ec] = std::from_chars(first, last, out);
        return first != last && ec == std::errc() && ptr == last && std::isfinite(out);
    }

    // Whitespace-separated words, except that a bracketed list ("[0, 2]") is
    // one field however it is spaced.
    std::vector<std::string> split_fields(const std::string& line) const {
        std::vector<std::string> fields;
        size_t i = 0;
        while (i < line.size()) {
            const char c = line[i];
            if (c == ' ' || c == '\t' || c == '\r') {
                ++i;
                continue;
            }
            size_t end = i;
            if (c == '[') {
                end = line.find(']', i);
                if (end == std::string::npos) fail("", "a list opened with '[' is not closed with ']'");
                ++end;
            } else {
                while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '\r') ++end;
            }
            fields.push_back(line.substr(i, end - i));
            i = end;
        }
        return fields;
    }

    double number(const std::string& word, const char* field) const {
        double v = 0;
        if (!parse_number(word, v)) fail(field, "\"" + word + "\" is not a number");
        if (std::fabs(v) * static_cast<double>(scale_) > kMaxScaled)
            fail(field, word + " is too large for the scale " + std::to_string(scale_));
        return v;
    }

    std::int64_t whole(const std::string& word, const char* field, double max) const {
        double v = 0;
        if (!parse_number(word, v) || v != std::floor(v)) fail(field, "\"" + word + "\" is not a whole number");
        if (v < 0) fail(field, word + " is negative");
        if (v > max) fail(field, word + " is larger than " + std::to_string(static_cast<std::int64_t>(max)));
        return static_cast<std::int64_t>(v);
    }

    void read_info(const std::vector<std::string>& fields, Header& header) const {
        if (fields.size() != 4)
            fail("", "expected the INFO counts CREW COUNT SKILLS TOOLS SPARE PARTS (4 numbers), got " +
                         std::to_string(fields.size()) + " fields");
        header.crew = static_cast<int>(whole(fields[0], kInfoFields[0], 1e6));
        if (header.crew < 1) fail(kInfoFields[0], "there must be at least one technician");
        header.skills = static_cast<int>(whole(fields[1], kInfoFields[1], 1e6));
        header.tools = static_cast<int>(whole(fields[2], kInfoFields[2], 1e6));
        header.parts = static_cast<int>(whole(fields[3], kInfoFields[3], 1e6));
    }

    // The items of a bracketed list, comma-separated, possibly spaced.
    std::vector<std::string> list_items(const std::string& field, const char* name) const {
        if (field.size() < 2 || field.front() != '[' || field.back() != ']')
            fail(name, "expected a bracketed list like [0,2], got \"" + field + "\"");
        std::vector<std::string> items;
        const std::string inner = trimmed(field.substr(1, field.size() - 2));
        if (inner.empty()) return items;
        std::istringstream in(inner);
        for (std::string item; std::getline(in, item, ',');) {
            item = trimmed(item);
            if (item.empty()) fail(name, "an empty item in " + field);
            items.push_back(item);
        }
        if (inner.back() == ',') fail(name, "an empty item in " + field);
        return items;
    }

    // Skill or tool indices: whole, below the INFO count, each once.
    std::vector<int> indices(const std::string& field, const char* name, int count) const {
        std::vector<int> out;
        for (const std::string& item : list_items(field, name)) {
            const auto k = whole(item, name, 1e6);
            if (k >= count)
                fail(name, item + " is not a type of the INFO line (" + std::to_string(count) + " types, 0 to " +
                               std::to_string(count - 1) + ")");
            if (std::find(out.begin(), out.end(), k) != out.end()) fail(name, item + " is listed twice");
            out.push_back(static_cast<int>(k));
        }
        return out;
    }

    TrspRow read_row(const std::vector<std::string>& fields, const Header& header) const {
        if (fields.size() != 9)
            fail("", "expected 9 fields (ID X Y TWS TWE Serv [SKILLS] [TOOLS] [SPARE PARTS]), got " +
                         std::to_string(fields.size()));
        const auto id = whole(fields[0], kRowFields[0], 1e9);
        if (id != static_cast<std::int64_t>(rows_.size()))
            fail(kRowFields[0], "expected row " + std::to_string(rows_.size()) +
                                    " (rows are numbered from 0, the depot, then technicians, then requests), got " +
                                    fields[0]);
        TrspRow row;
        row.line = line_no_;
        row.x = number(fields[1], kRowFields[1]);
        row.y = number(fields[2], kRowFields[2]);
        row.tws = number(fields[3], kRowFields[3]);
        row.twe = number(fields[4], kRowFields[4]);
        row.serv = number(fields[5], kRowFields[5]);
        if (row.tws < 0) fail(kRowFields[3], "the window start " + fields[3] + " is negative");
        if (row.twe < row.tws) fail(kRowFields[4], "the window ends (" + fields[4] + ") before it starts (" + fields[3] + ")");
        if (row.serv < 0) fail(kRowFields[5], "the service time " + fields[5] + " is negative");
        row.skills = indices(fields[6], kRowFields[6], header.skills);
        row.tools = indices(fields[7], kRowFields[7], header.tools);
        const std::vector<std::string> parts = list_items(fields[8], kRowFields[8]);
        if (!parts.empty() && parts.size() != static_cast<size_t>(header.parts))
            fail(kRowFields[8], "expected one count per part type (" + std::to_string(header.parts) + ") or [], got " +
                                    std::to_string(parts.size()));
        for (const std::string& item : parts) row.parts.push_back(whole(item, kRowFields[8], 1e9));
        return row;
    }

    [[noreturn]] void fail(const std::string& field, const std::string& message) const { fail_at(line_no_, field, message); }
    [[noreturn]] void fail_at(int line, const std::string& field, const std::string& message) const {
        std::ostringstream out;
        out << source_ << ':' << line << ": ";
        if (!field.empty()) out << field << ": ";
        out << message;
        throw InputError("", out.str());
    }
    [[noreturn]] void fail_file(const std::string& message) const { throw InputError("", source_ + ": " + message); }

    // Outward rounding, as the Solomon reader does: a window may not open
    // earlier or close later, a service or a leg may not be shorter than the
    // exact value. The 1e-6 keeps binary noise (0.3 * 1000) from moving a value.
    std::int64_t up(double v) const { return static_cast<std::int64_t>(std::ceil(v * static_cast<double>(scale_) - 1e-6)); }
    std::int64_t down(double v) const {
        return static_cast<std::int64_t>(std::floor(v * static_cast<double>(scale_) + 1e-6));
    }
    TimeWindow window(const TrspRow& r) const { return {up(r.tws), down(r.twe)}; }

    static std::string named(char prefix, std::int64_t k) {
        std::string s = std::to_string(k);
        s.insert(s.begin(), prefix);  // not prefix + ...: GCC 12 -O3 warns falsely (-Wrestrict)
        return s;
    }
    static std::vector<PartCount> positive_counts(const std::vector<Amount>& counts) {
        std::vector<PartCount> out;
        for (size_t k = 0; k < counts.size(); ++k)
            if (counts[k] > 0) out.push_back({named('p', static_cast<std::int64_t>(k)), counts[k]});
        return out;
    }

    TravelMatrices matrices() const {
        const auto n = static_cast<std::ptrdiff_t>(rows_.size());
        TravelMatrices tm;
        tm.durations.resize(n, n);
        tm.distances.resize(n, n);
        for (std::ptrdiff_t a = 0; a < n; ++a) {
            for (std::ptrdiff_t b = 0; b < n; ++b) {
                const TrspRow& ra = rows_[static_cast<size_t>(a)];
                const TrspRow& rb = rows_[static_cast<size_t>(b)];
                const double d = std::hypot(ra.x - rb.x, ra.y - rb.y);
                const std::int64_t distance = std::llround(d * static_cast<double>(scale_)), duration = up(d);
                if (std::max(distance, duration) > kTravelValueMax) {
                    std::ostringstream out;
                    out << "the distance from row " << a << " to row " << b << " is " << std::max(distance, duration)
                        << " at scale " << scale_ << ", " << beyond_travel_limit() << "; use a smaller scale";
                    fail_at(rows_[static_cast<size_t>(std::max(a, b))].line, "X", out.str());
                }
                tm.distances(a, b) = static_cast<TravelValue>(distance);
                tm.durations(a, b) = static_cast<TravelValue>(duration);
            }
        }
        return tm;
    }

    Problem build(const Header& header) const {
        ProblemBuilder builder;
        builder.set_travel(matrices());

        // The central depot lends every tool and stocks every part; its own
        // lists in the file are empty and are not read.
        const TrspRow& d = rows_.front();
        Depot depot;
        depot.id = "depot";
        depot.location.matrix_index = 0;
        depot.opening = {window(d)};
        depot.duration = up(d.serv);
        for (int k = 0; k < header.tools; ++k) depot.tools.push_back(named('t', k));
        for (int k = 0; k < header.parts; ++k) depot.parts.push_back(named('p', k));
        builder.add_depot(std::move(depot));

        for (int t = 1; t <= header.crew; ++t) {
            const TrspRow& r = rows_[static_cast<size_t>(t)];
            Engineer e;
            e.id = std::to_string(t);
            e.id.insert(0, "tech");
            e.start.matrix_index = static_cast<Index>(t);
            e.shifts = {window(r)};
            for (int k : r.skills) e.skills.push_back({named('s', k), 1});
            for (int k : r.tools) e.tools.push_back(named('t', k));
            e.stock = positive_counts(r.parts);
            // The TRSP objective is the routes' duration (travel, waiting and
            // service): priced per working hour at 3600, a route costs its
            // scaled duration and nothing else.
            e.costs = EngineerCosts{};
            e.costs.per_hour = 0;
            e.costs.per_working_hour = 3600;
            builder.add_engineer(std::move(e));
        }
        for (size_t i = static_cast<size_t>(header.crew) + 1; i < rows_.size(); ++i) {
            const TrspRow& r = rows_[i];
            Job j;
            j.id = std::to_string(i);
            j.location.matrix_index = static_cast<Index>(i);
            j.duration = up(r.serv);
            j.time_windows = {window(r)};
            for (int k : r.skills) j.skills.push_back({named('s', k), 1});
            for (int k : r.tools) j.tools.push_back(named('t', k));
            j.parts = positive_counts(r.parts);
            builder.add_job(std::move(j));
        }
        try {
            return builder.build();
        } catch (const InputError& e) {
            // Point at the row the user wrote rather than at a model path.
            fail_at(row_of(e.path(), header.crew), "", e.message() + " (" + e.path() + ")");
        }
    }

    // The file line of the row a model path ("/jobs/3/...") comes from.
    int row_of(const std::string& path, int crew) const {
        const auto index_after = [&path](const std::string& prefix) -> std::optional<size_t> {
            if (path.rfind(prefix, 0) != 0) return std::nullopt;
            size_t k = 0;
            const auto [ptr, ec] = std::from_chars(path.data() + prefix.size(), path.data() + path.size(), k);
            if (ec != std::errc() || ptr == path.data() + prefix.size()) return std::nullopt;
            return k;
        };
        size_t row = 0;
        if (const auto j = index_after("/jobs/")) row = *j + static_cast<size_t>(crew) + 1;
        else if (const auto e = index_after("/engineers/")) row = *e + 1;
        return rows_[std::min(row, rows_.size() - 1)].line;
    }

    const std::string& text_;
    std::string source_;
    std::int64_t scale_;
    int line_no_ = 0;
    std::vector<TrspRow> rows_;
};

}  // namespace

TrspInstance parse_trsp(const std::string& text, const std::string& source, std::int64_t scale) {
    return TrspReader(text, source, scale).read();
}

TrspInstance read_trsp(const std::string& path, std::int64_t scale) {
    return parse_trsp(io_detail::read_text_file(path, "TRSP instance file"), path, scale);
}

double trsp_duration(const TrspInstance& instance, const Solution& solution) {
    std::int64_t total = 0;
    for (const Route& route : solution.routes)
        if (!route.steps.empty()) total += route.steps.back().arrival - route.steps.front().start;
    return static_cast<double>(total) / static_cast<double>(instance.scale);
}

double trsp_shortest_duration(const TrspInstance& instance, const Solution& solution, TrspArithmetic arithmetic) {
    const Problem& p = instance.problem;
    const auto rows_count = instance.x.size();
    const auto crew = static_cast<size_t>(instance.crew);
    // Per table row: window and service time in the chosen arithmetic. The
    // scaled ones come from the Problem (rounded as the reader rounds), so
    // that this timing is the one the integer model allows.
    std::vector<double> ready(rows_count), due(rows_count), service(rows_count);
    for (size_t r = 0; r < rows_count; ++r) {
        if (arithmetic == TrspArithmetic::exact) {
            ready[r] = instance.ready[r];
            due[r] = instance.due[r];
            service[r] = instance.service[r];
            continue;
        }
        TimeWindow w;
        Duration d = 0;
        if (r == 0) {
            w = p.depot(0).opening.front();
            d = p.depot(0).duration;
        } else if (r <= crew) {
            w = p.engineer(static_cast<Index>(r - 1)).shifts.front();
        } else {
            const Job& job = p.job(static_cast<Index>(r - crew - 1));
            w = job.time_windows.front();
            d = job.duration;
        }
        ready[r] = static_cast<double>(w.start);
        due[r] = static_cast<double>(w.end);
        service[r] = static_cast<double>(d);
    }
    const auto travel = [&](size_t a, size_t b) {
        if (arithmetic == TrspArithmetic::exact)
            return std::hypot(instance.x[a] - instance.x[b], instance.y[a] - instance.y[b]);
        return static_cast<double>(p.base_durations()(static_cast<std::ptrdiff_t>(a), static_cast<std::ptrdiff_t>(b)));
    };

    double total = 0;
    for (const Route& route : solution.routes) {
        // The table row of each step (the reader made matrix index = row);
        // breaks do not occur in these instances and add nothing here.
        std::vector<size_t> rows;
        for (const Step& step : route.steps) {
            Index row = -1;
            switch (step.kind) {
                case StepKind::start: row = p.start_location(route.engineer); break;
                case StepKind::end: row = p.end_location(route.engineer); break;
                case StepKind::job: row = p.job_location(step.index); break;
                case StepKind::depot: row = p.depot_location(step.index); break;
                case StepKind::break_: break;
            }
            if (row >= 0) rows.push_back(static_cast<size_t>(row));
        }
        if (rows.size() < 2) continue;
        const size_t home = rows.front(), last = rows.size() - 1;
        // Waiting only shortens when the whole route moves later, so the
        // shortest duration leaves at the latest departure that still meets
        // every window: a backward pass of latest starts gives it.
        double latest = due[home];
        for (size_t i = last - 1; i >= 1; --i)
            latest = std::min(due[rows[i]], latest - travel(rows[i], rows[i + 1]) - service[rows[i]]);
        const double departure = std::max(ready[home], std::min(due[home], latest - travel(home, rows[1])));
        double t = departure;
        for (size_t i = 1; i < last; ++i) t = std::max(t + travel(rows[i - 1], rows[i]), ready[rows[i]]) + service[rows[i]];
        total += t + travel(rows[last - 1], rows[last]) - departure;
    }
    return arithmetic == TrspArithmetic::exact ? total : total / static_cast<double>(instance.scale);
}

}  // namespace fsd
