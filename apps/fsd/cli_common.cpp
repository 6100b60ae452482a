#include "cli_common.hpp"

#include <ostream>

#include <fmt/format.h>


namespace fsdcli {

std::string clock_time(fsd::Time t, int utc_offset_seconds, bool with_day) {
    static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
    const fsd::Time local = t + utc_offset_seconds;
    const fsd::Time day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    const fsd::Time second_of_day = local - day * 86400;
    std::string hm = fmt::format("{:02}:{:02}", second_of_day / 3600, (second_of_day / 60) % 60);
    if (!with_day) return hm;
    return std::string(kDays[((day % 7) + 7) % 7]) + " " + hm;
}

std::string clock_time(fsd::Time t, const fsd::TimeZone& zone, bool with_day) {
    return clock_time(t, zone.offset_at(t), with_day);
}

std::string span(fsd::Duration d) {
    if (d < 60) return fmt::format("{}s", d);
    if (d < 3600) return fmt::format("{}m", (d + 30) / 60);
    const fsd::Duration minutes = (d + 30) / 60;
    return fmt::format("{}h{:02}m", minutes / 60, minutes % 60);
}

std::string km(fsd::Distance metres) { return fmt::format("{:.1f} km", static_cast<double>(metres) / 1000.0); }

namespace {

std::string window_text(const fsd::Job& job, const fsd::TimeZone& off) {
    if (job.time_windows.empty()) return "any time";
    std::string text;
    for (const auto& w : job.time_windows) {
        if (!text.empty()) text += ", ";
        text += clock_time(w.start, off) + "-" + clock_time(w.end, off);
    }
    return text;
}

std::string sla_text(const fsd::Job& job, const fsd::Step& step, const fsd::TimeZone& off) {
    if (!job.sla) return "-";
    const auto& sla = *job.sla;
    const std::string kind = sla.hard ? "hard" : "soft";
    if (step.start <= sla.deadline)
        return fmt::format("met ({} {}, {} spare)", kind, clock_time(sla.deadline, off), span(sla.deadline - step.start));
    return fmt::format("LATE {} ({} {})", span(step.start - sla.deadline), kind, clock_time(sla.deadline, off));
}

}  // namespace

void print_plan(std::ostream& out, const fsd::Problem& problem, const fsd::Solution& solution, int utc_offset_seconds) {
    print_plan(out, problem, solution, fsd::TimeZone::fixed(utc_offset_seconds, "--utc-offset"));
}

void print_plan(std::ostream& out, const fsd::Problem& problem, const fsd::Solution& solution, const fsd::TimeZone& off) {
    fsd::Duration total_travel = 0, total_service = 0;
    fsd::Distance total_distance = 0;
    int served = 0;
    for (const auto& route : solution.routes) {
        const fsd::Engineer& eng = problem.engineer(route.engineer);
        const auto& shift = eng.shifts.at(static_cast<size_t>(route.shift));
        int jobs = 0;
        for (const auto& s : route.steps) jobs += s.kind == fsd::StepKind::job;
        std::string skills;
        for (const auto& s : eng.skills) skills += fmt::format("{}{}:{}", skills.empty() ? "" : " ", s.skill, s.level);
        out << fmt::format("\n{}  shift {}-{}  skills {}\n", eng.id, clock_time(shift.start, off), clock_time(shift.end, off),
                           skills);
        out << fmt::format("  {} jobs, travel {} ({}), on site {}, waiting {}, day {}-{}\n", jobs, span(route.travel_time),
                           km(route.distance), span(route.service_time), span(route.waiting_time),
                           clock_time(route.steps.front().end, off), clock_time(route.steps.back().arrival, off));
        out << fmt::format("  {:>2}  {:<10} {:>5}  {:>5}  {:>5}  {:>6}  {:>6}  {:<13} {:<3} {}\n", "#", "visit", "arr", "start",
                           "end", "wait", "drive", "window", "pri", "SLA");
        int k = 0;
        for (const auto& step : route.steps) {
            if (step.kind == fsd::StepKind::start) continue;
            if (step.kind == fsd::StepKind::end) {
                out << fmt::format("  {:>2}  {:<10} {:>5}  {:>5}  {:>5}  {:>6}  {:>6}\n", "", "home", clock_time(step.arrival, off), "",
                                   "", "", span(step.travel_time));
                continue;
            }
            if (step.kind == fsd::StepKind::break_) {
                const auto& br = eng.breaks.at(static_cast<size_t>(step.index));
                out << fmt::format("  {:>2}  {:<10} {:>5}  {:>5}  {:>5}  {:>6}  {:>6}\n", "", "(" + br.id + ")",
                                   clock_time(step.arrival, off), clock_time(step.start, off), clock_time(step.end, off),
                                   span(step.waiting), "");
                continue;
            }
            if (step.kind == fsd::StepKind::depot) {
                // A depot stop in brackets, with what it picks up in the last column.
                std::string pickup;
                for (const auto& t : step.pickup_tools) pickup += (pickup.empty() ? "" : ", ") + t;
                for (const auto& p : step.pickup_parts)
                    pickup += fmt::format("{}{} x {}", pickup.empty() ? "" : ", ", p.count, p.part);
                out << fmt::format("  {:>2}  {:<10} {:>5}  {:>5}  {:>5}  {:>6}  {:>6}  pickup {}\n", "",
                                   "[" + problem.depot(step.index).id + "]", clock_time(step.arrival, off),
                                   clock_time(step.start, off), clock_time(step.end, off), span(step.waiting),
                                   span(step.travel_time), pickup.empty() ? "nothing" : pickup);
                continue;
            }
            const fsd::Job& job = problem.job(step.index);
            ++served;
            out << fmt::format("  {:>2}  {:<10} {:>5}  {:>5}  {:>5}  {:>6}  {:>6}  {:<13} {:<3} {}\n", ++k, job.id,
                               clock_time(step.arrival, off), clock_time(step.start, off), clock_time(step.end, off),
                               span(step.waiting), span(step.travel_time), window_text(job, off), job.priority,
                               sla_text(job, step, off));
        }
        total_travel += route.travel_time;
        total_distance += route.distance;
        total_service += route.service_time;
    }
    if (!solution.unassigned.empty()) {
        out << fmt::format("\nUnassigned ({}):\n", solution.unassigned.size());
        for (const auto& u : solution.unassigned) {
            out << fmt::format("  {:<10} {:<22} {}\n", problem.job(u.job).id, fsd::to_string(u.reason), u.detail);
            if (u.fix) out << fmt::format("  {:<10} fix: {}\n", "", u.fix->sentence);
        }
    }
    const auto& o = solution.objective;
    out << fmt::format("\nTotal: {} of {} jobs served by {} engineer shifts; travel {} ({}), on site {}\n", served,
                       problem.num_jobs(), solution.routes.size(), span(total_travel), km(total_distance), span(total_service));
    out << fmt::format("Objective {} = unassigned {} + lateness {} + travel {} + balance {} + preference {} + overtime {}{}\n",
                       o.total(), o.unassigned, o.lateness, o.travel, o.balance, o.preference, o.overtime,
                       o.max_lateness != 0 ? fmt::format(" + max_lateness {}", o.max_lateness) : "");
}

}  // namespace fsdcli
