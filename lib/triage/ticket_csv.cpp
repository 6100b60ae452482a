#include "fsd/triage/ticket_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <ostream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/triage/utf8.hpp"

namespace fsd::triage {

namespace {

bool read_digits(std::string_view s, std::size_t& pos, std::size_t count, int& value) {
    if (pos + count > s.size()) return false;
    value = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const char c = s[pos + k];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    pos += count;
    return true;
}

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

}  // namespace

Time parse_ticket_time(std::string_view raw, const std::string& path) {
    const std::string value = trim(raw);
    const auto bad = [&] {
        return InputError(path, "\"" + value + "\" is neither Unix seconds nor an ISO-8601 date-time like 2026-03-01T08:30:00Z");
    };
    if (value.empty()) throw InputError(path, "is empty");
    if (std::all_of(value.begin() + (value[0] == '-' ? 1 : 0), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        Time t = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
        if (ec != std::errc() || ptr != value.data() + value.size()) throw bad();
        // Beyond ±kTimeMax the gap between two tickets could overflow.
        if (t < kTimeMin || t > kTimeMax)
            throw InputError(path, "\"" + value + "\" is beyond the instants fsdispatch handles (±" +
                                       std::to_string(kTimeMax) + " s)");
        return t;
    }
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_digits(value, pos, 4, year) || pos >= value.size() || value[pos++] != '-' ||
        !read_digits(value, pos, 2, month) || pos >= value.size() || value[pos++] != '-' ||
        !read_digits(value, pos, 2, day))
        throw bad();
    if (month < 1 || month > 12)
        throw InputError(path, fmt::format("\"{}\" is not a date: there is no month {}", value, month));
    if (day < 1 || day > days_in_month(year, month))
        throw InputError(path, fmt::format("\"{}\" is not a date: {:04}-{:02} has {} days", value, year, month,
                                           days_in_month(year, month)));
    int offset = 0;
    if (pos < value.size()) {
        if (value[pos] != 'T' && value[pos] != ' ') throw bad();
        ++pos;
        if (!read_digits(value, pos, 2, hour) || pos >= value.size() || value[pos++] != ':' ||
            !read_digits(value, pos, 2, minute))
            throw bad();
        if (pos < value.size() && value[pos] == ':') {
            ++pos;
            if (!read_digits(value, pos, 2, second)) throw bad();
            if (pos < value.size() && value[pos] == '.') {  // fractions are dropped
                ++pos;
                while (pos < value.size() && value[pos] >= '0' && value[pos] <= '9') ++pos;
            }
        }
        if (hour > 23 || minute > 59 || second > 60) throw bad();
        if (pos < value.size()) {
            if (value[pos] == 'Z') {
                ++pos;
            } else if (value[pos] == '+' || value[pos] == '-') {
                const int sign = value[pos++] == '-' ? -1 : 1;
                int oh = 0, om = 0;
                if (!read_digits(value, pos, 2, oh)) throw bad();
                if (pos < value.size() && value[pos] == ':') ++pos;
                if (!read_digits(value, pos, 2, om) || oh > 23 || om > 59) throw bad();
                offset = sign * (oh * 3600 + om * 60);
            }
        }
        if (pos != value.size()) throw bad();
    }
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

// Not format_iso8601: that refuses instants beyond ±2·kTimeMax, and writing a
// ticket that was read from any 64-bit integer must not fail.
std::string format_ticket_time(Time t) {
    std::int64_t days = t / 86400;
    std::int64_t rest = t % 86400;
    if (rest < 0) rest += 86400, --days;
    const CivilDate date = civil_from_days(days);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, rest / 3600,
                       (rest / 60) % 60, rest % 60);
}

std::vector<Ticket> tickets_from_table(const CsvTable& table, const TicketColumns& columns,
                                       const std::vector<std::string>& required) {
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t c = 0; c < table.header.size(); ++c) position.emplace(table.header[c], c);
    const auto missing = [&](const std::string& name) {
        std::string have;
        for (const auto& h : table.header) have += (have.empty() ? "" : ", ") + h;
        return InputError("/columns/" + name, "there is no column \"" + name + "\" (columns: " + have + ")");
    };
    for (const std::string& name : required)
        if (!position.count(name)) throw missing(name);
    if (columns.text.empty() || !position.count(columns.text)) throw missing(columns.text.empty() ? "text" : columns.text);
    const auto find = [&](const std::string& name) -> long {
        if (name.empty()) return -1;
        auto it = position.find(name);
        return it == position.end() ? -1 : static_cast<long>(it->second);
    };
    const long id = find(columns.id), created = find(columns.created), customer = find(columns.customer),
               asset = find(columns.asset), text = find(columns.text), category = find(columns.category),
               skill = find(columns.skill), resolution = find(columns.resolution);
    std::vector<Ticket> tickets;
    tickets.reserve(table.rows.size());
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        // Every field may end up in a saved model or JSON output, which must
        // be UTF-8: refuse bad bytes here, where the row and column are known.
        const auto get = [&](long c) {
            if (c < 0) return std::string();
            const auto column = static_cast<std::size_t>(c);
            if (find_invalid_utf8(row[column]) != std::string_view::npos)
                require_utf8(row[column], "/rows/" + std::to_string(r) + "/" + table.header[column]);
            return row[column];
        };
        Ticket t;
        t.id = get(id);
        if (created >= 0) t.created = parse_ticket_time(get(created), "/rows/" + std::to_string(r) + "/" + columns.created);
        t.customer = get(customer);
        t.asset = get(asset);
        t.text = get(text);
        t.category = get(category);
        t.skill = get(skill);
        t.resolution = get(resolution);
        tickets.push_back(std::move(t));
    }
    return tickets;
}

std::vector<Ticket> read_tickets_csv(const std::string& path, const TicketColumns& columns,
                                     const std::vector<std::string>& required) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, "cannot open the ticket file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return tickets_from_table(parse_csv(buffer.str()), columns, required);
}

namespace {
void write_field(std::ostream& out, const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        out << value;
        return;
    }
    out << '"';
    for (char c : value) {
        if (c == '"') out << '"';
        out << c;
    }
    out << '"';
}
}  // namespace

void write_tickets_csv(std::ostream& out, const std::vector<Ticket>& tickets) {
    out << "id,created,customer,asset,text,category,skill,resolution\n";
    for (const Ticket& t : tickets) {
        write_field(out, t.id);
        out << ',' << format_ticket_time(t.created) << ',';
        write_field(out, t.customer);
        out << ',';
        write_field(out, t.asset);
        out << ',';
        write_field(out, t.text);
        out << ',';
        write_field(out, t.category);
        out << ',';
        write_field(out, t.skill);
        out << ',';
        write_field(out, t.resolution);
        out << '\n';
    }
}

}  // namespace fsd::triage
