// fsd staffing field: the smallest field headcount per skill group whose
// simulated SLA attainment meets a target (docs/staffing.md).
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "sim_cli.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/scenario_json.hpp"
#include "fsd/sim/scenario_generate.hpp"
#include "fsd/sim/simulate.hpp"
#include "fsd/staffing/field_staffing.hpp"
#include "option_checks.hpp"

namespace {

using fsd::StaffingPoint;

struct FieldArgs {
    std::string scenario;
    std::string preset;
    fsd::FieldStaffingOptions options;
    std::string csv_out;
    std::string json_out;
    std::string plot_out;
};

std::string num(double v, int decimals = 3) { return std::isnan(v) ? "-" : fmt::format("{:.{}f}", v, decimals); }

std::string interval(const StaffingPoint& p) {
    if (!p.covered) return "not covered (a ticket type has no engineer)";
    return fmt::format("{} [{}, {}]", num(p.attainment.mean), num(p.attainment.mean - p.attainment.half_width),
                       num(p.attainment.mean + p.attainment.half_width));
}

std::string headcount_text(const std::vector<int>& h) {
    std::string out;
    for (size_t g = 0; g < h.size(); ++g) out += (g ? "/" : "") + std::to_string(h[g]);
    return out;
}

nlohmann::ordered_json number(double v) { return std::isnan(v) ? nlohmann::ordered_json() : nlohmann::ordered_json(v); }

nlohmann::ordered_json point_json(const StaffingPoint& p) {
    return {{"headcount", p.headcount},
            {"engineers", p.engineers},
            {"covered", p.covered},
            {"attainment_mean", number(p.attainment.mean)},
            {"attainment_low", number(p.attainment.mean - p.attainment.half_width)},
            {"attainment_high", number(p.attainment.mean + p.attainment.half_width)},
            {"replications", p.attainment.n},
            {"engineer_hours", number(p.engineer_hours)},
            {"breaches", number(p.breaches)},
            {"engineer_cost", number(p.engineer_cost)},
            {"breach_cost", number(p.breach_cost)},
            {"total_cost", number(p.total_cost)},
            {"meets", p.meets},
            {"accepted", p.accepted}};
}

std::string csv_number(double v) { return std::isnan(v) ? "" : fmt::format("{}", v); }

std::string points_csv(const fsd::FieldStaffingResult& r) {
    std::ostringstream csv;
    for (const fsd::FieldGroupResult& g : r.groups) csv << "n_" << (g.skill.empty() ? "none" : g.skill) << ',';
    csv << "engineers,covered,attainment_mean,attainment_low,attainment_high,engineer_hours,breaches,engineer_cost,"
           "breach_cost,total_cost,meets,accepted\n";
    for (const StaffingPoint& p : r.points) {
        for (int c : p.headcount) csv << c << ',';
        csv << p.engineers << ',' << (p.covered ? 1 : 0) << ',' << csv_number(p.attainment.mean) << ','
            << csv_number(p.attainment.mean - p.attainment.half_width) << ','
            << csv_number(p.attainment.mean + p.attainment.half_width) << ',' << csv_number(p.engineer_hours) << ','
            << csv_number(p.breaches) << ',' << csv_number(p.engineer_cost) << ',' << csv_number(p.breach_cost) << ','
            << csv_number(p.total_cost) << ',' << (p.meets ? 1 : 0) << ',' << (p.accepted ? 1 : 0) << '\n';
    }
    return csv.str();
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

// Engineer cost (x) against attainment (y) with each point's 95 % interval,
// the target as a dashed line and the answer circled.
std::string curve_svg(const fsd::FieldStaffingResult& r, const fsd::FieldStaffingOptions& o, const std::string& title) {
    const double w = 720, h = 460, left = 70, right = 20, top = 40, bottom = 55;
    std::vector<const StaffingPoint*> pts;
    for (const StaffingPoint& p : r.points)
        if (p.covered && !std::isnan(p.attainment.mean)) pts.push_back(&p);
    double x0 = 0, x1 = 1, y0 = o.target, y1 = o.target;
    if (!pts.empty()) {
        x0 = x1 = pts.front()->engineer_cost;
        for (const StaffingPoint* p : pts) {
            x0 = std::min(x0, p->engineer_cost), x1 = std::max(x1, p->engineer_cost);
            const double hw = std::isnan(p->attainment.half_width) ? 0 : p->attainment.half_width;
            y0 = std::min(y0, p->attainment.mean - hw), y1 = std::max(y1, p->attainment.mean + hw);
        }
    }
    if (x1 - x0 < 1e-9) x0 -= 1, x1 += 1;
    y0 = std::max(0.0, y0 - 0.02), y1 = std::min(1.0, y1 + 0.02);
    if (y1 - y0 < 1e-9) y0 = std::max(0.0, y0 - 0.05), y1 = y0 + 0.1;
    auto sx = [&](double x) { return left + (x - x0) / (x1 - x0) * (w - left - right); };
    auto sy = [&](double y) { return h - bottom - (y - y0) / (y1 - y0) * (h - top - bottom); };
    std::ostringstream s;
    s << fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="sans-serif" font-size="12">)", w, h)
      << '\n';
    s << fmt::format(R"(<rect width="{}" height="{}" fill="white"/>)", w, h) << '\n';
    s << fmt::format(R"(<text x="{}" y="22" font-size="15">{}</text>)", left, xml_escape(title)) << '\n';
    s << fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="black"/>)", left, h - bottom, w - right) << '\n';
    s << fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="black"/>)", left, top, h - bottom) << '\n';
    for (int i = 0; i <= 4; ++i) {
        const double xv = x0 + (x1 - x0) * i / 4, yv = y0 + (y1 - y0) * i / 4;
        s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{:.0f}</text>)", sx(xv), h - bottom + 16, xv) << '\n';
        s << fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{:.3f}</text>)", left - 6, sy(yv) + 4, yv) << '\n';
    }
    s << fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">engineer cost per run of {} days</text>)", (left + w - right) / 2,
                     h - 12, o.days)
      << '\n';
    s << fmt::format(R"svg(<text transform="translate(16,{}) rotate(-90)" text-anchor="middle">{} (mean, 95 % CI)</text>)svg",
                     (top + h - bottom) / 2, xml_escape(o.kpi))
      << '\n';
    s << fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="#c0392b" stroke-dasharray="6,4"/>)", left, sy(o.target),
                     w - right)
      << '\n';
    s << fmt::format(R"(<text x="{}" y="{}" fill="#c0392b" text-anchor="end">target {:.3f}</text>)", w - right - 4, sy(o.target) - 5,
                     o.target)
      << '\n';
    for (const StaffingPoint* p : pts) {
        const double hw = std::isnan(p->attainment.half_width) ? 0 : p->attainment.half_width;
        const std::string colour = p->meets ? "#2471a3" : "#7f8c8d";
        s << fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}"/>)", sx(p->engineer_cost),
                         sy(p->attainment.mean - hw), sy(p->attainment.mean + hw), colour)
          << '\n';
        s << fmt::format(R"(<circle cx="{}" cy="{}" r="3.5" fill="{}"><title>{} engineers ({})</title></circle>)", sx(p->engineer_cost),
                         sy(p->attainment.mean), colour, p->engineers, headcount_text(p->headcount))
          << '\n';
    }
    if (r.found.covered && !std::isnan(r.found.attainment.mean))
        s << fmt::format(R"(<circle cx="{}" cy="{}" r="8" fill="none" stroke="#27ae60" stroke-width="2"/>)", sx(r.found.engineer_cost),
                         sy(r.found.attainment.mean))
          << '\n';
    s << "</svg>\n";
    return s.str();
}

std::string lower_ends(const StaffingPoint& p, double target) {
    if (!p.covered) return "fails (a ticket type has no engineer)";
    const double low = p.attainment.mean - p.attainment.half_width;
    return low >= target ? "meets" : "fails";
}

void run_field(const FieldArgs& a) {
    const fsdcli::ReportAwayFromStdout report({a.csv_out, a.json_out, a.plot_out});
    if (a.scenario.empty() == a.preset.empty())
        throw fsd::InputError("scenario", "give a scenario file or --preset (urban, rural, specialist, peak), not both");
    if (!a.plot_out.empty()) {
        const std::string& p = a.plot_out;
        if (p.size() < 4 || p.substr(p.size() - 4) != ".svg")
            throw fsd::InputError("--plot", "the CLI draws SVG (a name ending in .svg); PNG comes from Python's fsd.plot_staffing_curve");
    }
    const fsd::Scenario s =
        a.preset.empty() ? fsdcli::load_scenario(a.scenario) : fsd::generate_scenario(fsd::scenario_preset(a.preset, 1));
    fsd::FieldStaffingOptions o = a.options;
    o.progress = [](int done, int most) { std::cerr << fmt::format("\r{} headcounts evaluated (at most {})", done, most) << std::flush; };
    const fsd::FieldStaffingResult r = fsd::staff_field(s, o);
    std::cerr << '\n';
    const std::string policy = o.policy.empty() ? "nearest" : o.policy;
    std::cout << fmt::format("{}: {} engineers in {} skill groups; policy {}, {} days x {} replications; {} target {:.3f} "
                             "(search: mean - {:g} half-widths)\n\n",
                             s.name, s.engineers.size(), r.groups.size(), policy, o.days, o.replications, o.kpi, o.target, 1 + o.guard);
    std::cout << fmt::format("  {:<16} {:>6} {:>6}\n", "group (skill)", "today", "found");
    int today = 0, found = 0;
    for (const fsd::FieldGroupResult& g : r.groups) {
        std::cout << fmt::format("  {:<16} {:>6} {:>6}\n", g.skill.empty() ? "(no skill)" : g.skill, g.today, g.found);
        today += g.today, found += g.found;
    }
    std::cout << fmt::format("  {:<16} {:>6} {:>6}\n\n", "total", today, found);
    auto costs = [](const StaffingPoint& p) {
        return fmt::format("engineers {} + breaches {} = {}", num(p.engineer_cost, 0), num(p.breach_cost, 0), num(p.total_cost, 0));
    };
    std::cout << fmt::format("found {} ({} engineers): attainment {}; cost per run {}{}\n", headcount_text(r.found.headcount),
                             r.found.engineers, interval(r.found), costs(r.found),
                             r.feasible ? "" : "  [no headcount within the limits passes the search's test]");
    std::cout << fmt::format("today {} ({} engineers): attainment {}; cost per run {}\n", headcount_text(r.today.headcount),
                             r.today.engineers, interval(r.today), costs(r.today));
    std::cout << fmt::format("cheapest total cost {} ({} engineers): attainment {}; cost per run {}\n",
                             headcount_text(r.cheapest.headcount), r.cheapest.engineers, interval(r.cheapest), costs(r.cheapest));
    std::cout << fmt::format("\nverification with new seeds: attainment {} vs target {:.3f}: {}\n", interval(r.verification.found),
                             o.target, lower_ends(r.verification.found, o.target));
    for (size_t g = 0; g < r.groups.size(); ++g) {
        const StaffingPoint& m = r.verification.minus_one[g];
        if (m.headcount.empty()) continue;
        std::cout << fmt::format("  {} minus one ({}): attainment {}: {}\n", r.groups[g].skill, headcount_text(m.headcount), interval(m),
                                 lower_ends(m, o.target));
        const StaffingPoint& m2 = r.verification.minus_two[g];
        if (!m2.headcount.empty())
            std::cout << fmt::format("  {} minus two ({}): attainment {}: {}\n", r.groups[g].skill, headcount_text(m2.headcount),
                                     interval(m2), lower_ends(m2, o.target));
    }
    std::cout << fmt::format("\n{} headcounts simulated{}, {} simulations in {:.1f} s\n", r.evaluations,
                             r.budget_exhausted ? " (the --max-evaluations limit was reached)" : "", r.simulations, r.seconds);

    if (!a.csv_out.empty()) {
        fsdcli::write_text_file(a.csv_out, points_csv(r));
        fsdcli::note_written("evaluated headcounts", a.csv_out);
    }
    if (!a.json_out.empty()) {
        nlohmann::ordered_json doc;
        doc["scenario"] = s.name;
        doc["policy"] = policy;
        doc["kpi"] = o.kpi;
        doc["target"] = o.target;
        doc["days"] = o.days;
        doc["replications"] = o.replications;
        doc["seed"] = o.seed;
        doc["cost_per_engineer_hour"] = o.cost_per_engineer_hour;
        doc["cost_per_breach"] = o.cost_per_breach;
        doc["guard"] = o.guard;
        nlohmann::ordered_json groups = nlohmann::ordered_json::array();
        for (const fsd::FieldGroupResult& g : r.groups) groups.push_back({{"skill", g.skill}, {"today", g.today}, {"found", g.found}});
        doc["groups"] = groups;
        doc["feasible"] = r.feasible;
        doc["budget_exhausted"] = r.budget_exhausted;
        doc["found"] = point_json(r.found);
        doc["today"] = point_json(r.today);
        doc["cheapest"] = point_json(r.cheapest);
        nlohmann::ordered_json minus = nlohmann::ordered_json::array();
        for (const StaffingPoint& m : r.verification.minus_one)
            minus.push_back(m.headcount.empty() ? nlohmann::ordered_json() : point_json(m));
        nlohmann::ordered_json minus_two = nlohmann::ordered_json::array();
        for (const StaffingPoint& m : r.verification.minus_two)
            minus_two.push_back(m.headcount.empty() ? nlohmann::ordered_json() : point_json(m));
        doc["verification"] = {{"found", point_json(r.verification.found)}, {"minus_one", minus}, {"minus_two", minus_two}};
        nlohmann::ordered_json points = nlohmann::ordered_json::array();
        for (const StaffingPoint& p : r.points) points.push_back(point_json(p));
        doc["points"] = points;
        doc["evaluations"] = r.evaluations;
        doc["simulations"] = r.simulations;
        doc["seconds"] = r.seconds;
        fsdcli::write_text_file(a.json_out, doc.dump(2) + "\n");
        fsdcli::note_written("result", a.json_out);
    }
    if (!a.plot_out.empty()) {
        fsdcli::write_text_file(a.plot_out, curve_svg(r, o, s.name + ": cost vs " + o.kpi));
        fsdcli::note_written("cost vs attainment curve", a.plot_out);
    }
}

void add_staffing_field(CLI::App& app) {
    auto a = std::make_shared<FieldArgs>();
    CLI::App* cmd = fsdcli::staffing_group(app)->add_subcommand(
        "field", "Smallest field headcount per skill group meeting an SLA attainment target, by simulation");
    cmd->add_option("scenario", a->scenario, "scenario JSON (docs/simulation.md)");
    cmd->add_option("--preset", a->preset, "a bundled scenario instead: urban, rural, specialist, peak");
    cmd->add_option("--target", a->options.target, "attainment the lower 95 % bound must reach (0-1]");
    cmd->add_option("--kpi", a->options.kpi, "sla_response_rate or sla_resolution_rate, optionally :PRIORITY");
    cmd->add_option("--policy", a->options.policy, "dispatch policy (default nearest)");
    cmd->add_option("--days", a->options.days, "days per replication")->check(CLI::Range(1, fsd::kMaxSimDays));
    cmd->add_option("--replications", a->options.replications, "replications per headcount (same seeds for every headcount)")
        ->check(CLI::Range(2, fsd::kMaxSimReplications));
    cmd->add_option("--seed", a->options.seed, "base seed")->check(fsdcli::seed_text());
    cmd->add_option("--cost-per-hour", a->options.cost_per_engineer_hour, "cost of an engineer-hour");
    cmd->add_option("--cost-per-breach", a->options.cost_per_breach, "cost of a breached SLA");
    cmd->add_option("--guard", a->options.guard, "extra half-widths the search demands above the target (default 1; 0: plain lower bound)");
    cmd->add_option("--max-evaluations", a->options.max_evaluations, "most headcounts the search simulates");
    cmd->add_option("--max-per-group", a->options.max_headcount_per_group, "largest headcount of a group (0: twice today's + 2)");
    cmd->add_option("--csv", a->csv_out, "write every evaluated headcount as CSV here (- for stdout)");
    cmd->add_option("--json", a->json_out, "write the result as JSON here (- for stdout)");
    cmd->add_option("--plot", a->plot_out, "draw cost vs attainment as SVG here (- for stdout)");
    cmd->callback([a] {
        try {
            run_field(*a);
        } catch (const fsd::InputError& e) {
            // The library names options by path; the user typed --options.
            static const std::vector<std::pair<std::string, std::string>> names{
                {"/target", "--target"}, {"/kpi", "--kpi"}, {"/policy", "--policy"}, {"/days", "--days"},
                {"/replications", "--replications"}, {"/cost_per_engineer_hour", "--cost-per-hour"},
                {"/cost_per_breach", "--cost-per-breach"}, {"/guard", "--guard"}, {"/max_evaluations", "--max-evaluations"},
                {"/max_headcount_per_group", "--max-per-group"}, {"/preset", "--preset"}};
            for (const auto& [path, option] : names)
                if (e.path() == path) throw fsd::InputError(option, e.message());
            throw;
        }
    });
}

}  // namespace

FSDCLI_REGISTER(86, add_staffing_field);
