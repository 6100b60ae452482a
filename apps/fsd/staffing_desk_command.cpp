// fsd staffing desk: agents for a service level by Erlang C (Erlang A with
// --patience), for one interval or per interval of a CSV (docs/staffing.md).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/csv.hpp"
#include "fsd/core/error.hpp"
#include "fsd/core/iso_time.hpp"
#include "fsd/staffing/desk_staffing.hpp"
#include "text_file.hpp"

namespace {

using Json = nlohmann::ordered_json;

struct DeskArgs {
    std::optional<double> calls;
    std::optional<fsd::Duration> interval;
    std::optional<double> aht;
    std::optional<std::int64_t> agents;
    std::string intervals_csv;
    std::string json_out;
    std::string csv_out;
    fsd::Duration answer_within = 20;
    double service_level = 0.8;
    std::optional<double> asa;
    double max_occupancy = 1.0;
    double shrinkage = 0.0;
    std::optional<double> patience;
};

// The library names fields as in its API; on the command line the option is the field.
std::string option_of(const std::string& path) {
    static const std::pair<const char*, const char*> names[] = {
        {"/calls", "--calls"},
        {"/interval", "--interval"},
        {"/aht", "--aht"},
        {"/agents", "--agents"},
        {"/answer_within", "--answer-within"},
        {"/patience", "--patience"},
        {"/target/service_level", "--service-level"},
        {"/target/answer_within", "--answer-within"},
        {"/target/max_average_speed_of_answer", "--asa"},
        {"/target/max_occupancy", "--max-occupancy"},
        {"/target/shrinkage", "--shrinkage"},
        {"/target/patience", "--patience"},
        {"/target", "target"},
    };
    for (const auto& [field, option] : names)
        if (path == field) return option;
    if (path.rfind("/intervals/", 0) == 0) return "/rows/" + path.substr(11);  // rows of the CSV
    return path;
}

template <class F>
auto with_option_names(F f) {
    try {
        return f();
    } catch (const fsd::InputError& e) {
        throw fsd::InputError(option_of(e.path()), e.message());
    }
}

fsd::DeskTarget target_of(const DeskArgs& a) {
    fsd::DeskTarget t;
    t.service_level = a.service_level;
    t.answer_within = a.answer_within;
    t.max_average_speed_of_answer = a.asa;
    t.max_occupancy = a.max_occupancy;
    t.shrinkage = a.shrinkage;
    t.patience = a.patience;
    return t;
}

Json number(double v) { return std::isfinite(v) ? Json(v) : Json(); }  // +inf ASA: null

Json staffing_json(const fsd::DeskStaffing& s, bool erlang_a) {
    const fsd::QueueMeasures& m = s.measures;
    return {{"agents", s.agents},
            {"scheduled", s.scheduled},
            {"service_level", m.service_level},
            {"wait_probability", m.wait_probability},
            {"average_speed_of_answer", number(m.average_speed_of_answer)},
            {"occupancy", m.occupancy},
            {"abandonment", m.abandonment},
            {"answered_service_level", m.answered_service_level},
            {"load", m.load},
            {"model", erlang_a ? "erlang_a" : "erlang_c"}};
}

std::string asa_text(double v) { return std::isfinite(v) ? fmt::format("{:.1f}", v) : "inf"; }

void run_single(const DeskArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.json_out, a.csv_out});
    if (!a.calls) throw fsd::InputError("--calls", "required (or --intervals FILE.csv)");
    if (!a.interval) throw fsd::InputError("--interval", "required: the length in seconds the calls arrive in");
    if (!a.aht) throw fsd::InputError("--aht", "required: average handling time in seconds");
    const fsd::DeskDemand demand{*a.calls, *a.interval, *a.aht};
    const fsd::DeskTarget target = target_of(a);
    const fsd::DeskStaffing s = with_option_names([&] {
        fsd::validate_desk_target(target);
        if (!a.agents) return fsd::staff_desk_interval(demand, target);
        fsd::DeskStaffing given;
        given.agents = *a.agents;
        given.measures = target.patience ? fsd::erlang_a_measures(demand, *a.agents, a.answer_within, *target.patience)
                                         : fsd::erlang_c_measures(demand, *a.agents, a.answer_within);
        given.scheduled = fsd::scheduled_agents(*a.agents, target.shrinkage);
        return given;
    });
    const fsd::QueueMeasures& m = s.measures;
    std::cout << fmt::format("{} with {} agents ({} scheduled at {:.0f} % shrinkage), load {:.2f} Erlangs\n",
                             target.patience ? "Erlang A" : "Erlang C", s.agents, s.scheduled, 100 * target.shrinkage,
                             m.load);
    std::cout << fmt::format("  service level     {:.2f} % within {} s{}\n", 100 * m.service_level, a.answer_within,
                             target.patience ? " (of all calls)" : "");
    if (target.patience)
        std::cout << fmt::format("  of answered calls {:.2f} %\n  abandonment       {:.2f} %\n",
                                 100 * m.answered_service_level, 100 * m.abandonment);
    std::cout << fmt::format("  wait probability  {:.2f} %\n  ASA               {} s\n  occupancy         {:.2f} %\n",
                             100 * m.wait_probability, asa_text(m.average_speed_of_answer), 100 * m.occupancy);
    if (!a.json_out.empty())
        fsdcli::write_text_file(a.json_out, staffing_json(s, target.patience.has_value()).dump(2) + "\n");
}

// ---- per-interval mode -------------------------------------------------------

double parse_number(const std::string& text, const std::string& path) {
    double v = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, v);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v))
        throw fsd::InputError(path, "not a finite number: \"" + text + "\"");
    return v;
}

// interval_start: integer seconds or ISO-8601 with an offset.
fsd::Time parse_start(const std::string& text, const std::string& path) {
    if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos) {
        fsd::Time v = 0;
        const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec == std::errc() && ptr == text.data() + text.size()) return v;
    }
    return fsd::parse_iso8601(text, path);
}

struct IntervalRows {
    std::vector<std::string> starts;  // as written in the file
    std::vector<fsd::DeskDemand> demand;
};

IntervalRows read_intervals(const DeskArgs& a) {
    const fsd::CsvTable table = fsd::parse_csv(fsdcli::read_text_file(a.intervals_csv));
    auto column = [&](const std::string& name) -> std::optional<std::size_t> {
        const auto it = std::find(table.header.begin(), table.header.end(), name);
        if (it == table.header.end()) return std::nullopt;
        return static_cast<std::size_t>(it - table.header.begin());
    };
    const auto start_col = column("interval_start");
    auto calls_col = column("calls");
    if (!calls_col) calls_col = column("mean");  // fsd forecast's expected arrivals
    if (!start_col || !calls_col)
        throw fsd::InputError("/header", "needs the columns interval_start and calls (or mean)");
    const auto aht_col = column("aht");
    const auto interval_col = column("interval");
    if (!aht_col && !a.aht) throw fsd::InputError("--aht", "required when the file has no aht column");
    if (table.rows.empty()) throw fsd::InputError("/rows", "no intervals in the file");

    IntervalRows out;
    std::vector<fsd::Time> starts;
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const auto& row = table.rows[i];
        const std::string p = "/rows/" + std::to_string(i);
        out.starts.push_back(row[*start_col]);
        starts.push_back(parse_start(row[*start_col], p + "/interval_start"));
        fsd::DeskDemand d;
        d.calls = parse_number(row[*calls_col], p + "/calls");
        d.aht = a.aht ? *a.aht : parse_number(row[*aht_col], p + "/aht");
        if (interval_col && !a.interval) {
            const double len = parse_number(row[*interval_col], p + "/interval");
            if (len != std::floor(len) || std::abs(len) > 1e15) throw fsd::InputError(p + "/interval", "must be whole seconds");
            d.interval = static_cast<fsd::Duration>(len);
        }
        out.demand.push_back(d);
    }
    if (a.interval || !interval_col) {
        fsd::Duration step = a.interval.value_or(0);
        if (!a.interval) {
            std::vector<fsd::Time> sorted = starts;
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t i = 1; i < sorted.size(); ++i)
                if (sorted[i] > sorted[i - 1] && (step == 0 || sorted[i] - sorted[i - 1] < step))
                    step = sorted[i] - sorted[i - 1];
            if (step == 0) throw fsd::InputError("--interval", "one interval_start in the file: give --interval SECONDS");
        }
        for (auto& d : out.demand) d.interval = step;
    }
    return out;
}

void run_intervals(const DeskArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.json_out, a.csv_out});
    const IntervalRows rows = read_intervals(a);
    const fsd::DeskTarget target = target_of(a);
    const auto plan = with_option_names([&] { return fsd::staff_desk(rows.demand, target); });
    const bool ea = target.patience.has_value();
    std::cout << fmt::format("{:<26} {:>9} {:>7} {:>8} {:>6} {:>9} {:>7} {:>6} {:>8} {:>6}{}\n", "interval_start", "calls",
                             "aht", "load", "agents", "scheduled", "SL%", "wait%", "ASA_s", "occ%", ea ? "  aband%" : "");
    std::string csv =
        "interval_start,calls,interval,aht,load,agents,scheduled,service_level,answered_service_level,"
        "wait_probability,average_speed_of_answer,occupancy,abandonment\n";
    Json j = Json::array();
    std::int64_t agent_intervals = 0, scheduled_intervals = 0;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const auto& s = plan[i];
        const auto& m = s.measures;
        const auto& d = rows.demand[i];
        agent_intervals += s.agents;
        scheduled_intervals += s.scheduled;
        std::cout << fmt::format("{:<26} {:>9.1f} {:>7.0f} {:>8.2f} {:>6} {:>9} {:>7.1f} {:>6.1f} {:>8} {:>6.1f}{}\n",
                                 rows.starts[i], d.calls, d.aht, m.load, s.agents, s.scheduled, 100 * m.service_level,
                                 100 * m.wait_probability, asa_text(m.average_speed_of_answer), 100 * m.occupancy,
                                 ea ? fmt::format(" {:>7.1f}", 100 * m.abandonment) : "");
        const std::string start = rows.starts[i].find_first_of(",\"\n") == std::string::npos
                                      ? rows.starts[i]
                                      : "\"" + rows.starts[i] + "\"";
        csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", start, d.calls, d.interval, d.aht, m.load, s.agents,
                           s.scheduled, m.service_level, m.answered_service_level, m.wait_probability,
                           m.average_speed_of_answer, m.occupancy, m.abandonment);
        Json row = {{"interval_start", rows.starts[i]}, {"calls", d.calls}, {"interval", d.interval}, {"aht", d.aht}};
        const Json figures = staffing_json(s, ea);
        for (auto it = figures.begin(); it != figures.end(); ++it) row[it.key()] = it.value();
        j.push_back(std::move(row));
    }
    std::cout << fmt::format("{} intervals, {} agent-intervals answering, {} scheduled ({})\n", plan.size(),
                             agent_intervals, scheduled_intervals, ea ? "Erlang A" : "Erlang C");
    if (!a.csv_out.empty()) fsdcli::write_text_file(a.csv_out, csv);
    if (!a.json_out.empty()) fsdcli::write_text_file(a.json_out, j.dump(2) + "\n");
}

void add_staffing_desk_command(CLI::App& app) {
    auto args = std::make_shared<DeskArgs>();
    CLI::App* desk = fsdcli::staffing_group(app)->add_subcommand(
        "desk", "Agents for a service level by Erlang C (Erlang A with --patience), one interval or per interval of a CSV");
    desk->add_option("--calls", args->calls, "calls arriving in the interval (expected number)");
    desk->add_option("--interval", args->interval, "interval length, seconds (CSV mode: default the step between interval_start values)");
    desk->add_option("--aht", args->aht, "average handling time, seconds (CSV mode: overrides an aht column)");
    desk->add_option("--answer-within", args->answer_within, "T of the service level, seconds")->capture_default_str();
    desk->add_option("--service-level", args->service_level, "share of all calls to answer within T, 0 to below 1")
        ->capture_default_str();
    desk->add_option("--asa", args->asa, "also keep the average speed of answer at most this many seconds");
    desk->add_option("--max-occupancy", args->max_occupancy, "occupancy cap, above 0 to 1 (1: no cap)")->capture_default_str();
    desk->add_option("--shrinkage", args->shrinkage, "share of scheduled time off the phones, 0 to below 1")
        ->capture_default_str();
    desk->add_option("--patience", args->patience, "callers' mean patience, seconds: Erlang A (abandonment)");
    desk->add_option("--agents", args->agents, "evaluate this many agents instead of searching (one interval)");
    desk->add_option("--intervals", args->intervals_csv,
                     "CSV with interval_start (ISO-8601 or seconds), calls (or mean) and optionally aht, interval");
    desk->add_option("--json", args->json_out, "write the result as JSON (ASA null when infinite) (- for stdout)");
    desk->add_option("--csv", args->csv_out, "CSV mode: write the per-interval table as CSV (- for stdout)");
    desk->callback([args] {
        if (!args->intervals_csv.empty()) {
            if (args->calls) throw fsd::InputError("--calls", "give either --calls or --intervals, not both");
            if (args->agents) throw fsd::InputError("--agents", "evaluates one interval; not with --intervals");
            run_intervals(*args);
        } else {
            if (!args->csv_out.empty()) throw fsd::InputError("--csv", "per-interval table: needs --intervals FILE.csv");
            run_single(*args);
        }
    });
}

}  // namespace

FSDCLI_REGISTER(210, add_staffing_desk_command);
