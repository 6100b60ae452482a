// fsd dispatch-init problem.json [plan.json] -o live.json [--now INSTANT]: starts a live day.
// fsd dispatch live.json events.json... [-o out.json | --in-place] [--outcome FILE]:
// applies events in order, all or nothing, and prints what each changed (JSON).
// "-" reads stdin or writes stdout; stdout carries only the JSON document.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_common.hpp"
#include "cli_instant.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/live_plan_json.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/io/solution_json.hpp"
#include "fsd/route/solve.hpp"
#include "option_checks.hpp"

namespace {

struct InitArgs {
    std::string problem, plan, out;
    std::string now;  // whole seconds or ISO-8601; empty: the earliest shift start
    double time_limit = 1.0;
    std::uint64_t seed = 1;
};

void run_init(const InitArgs& a) {
    fsdcli::at_most_one_stdin({a.problem, a.plan});
    const fsd::Problem problem = fsd::problem_from_json(fsdcli::read_text_file(a.problem));
    fsd::Solution solution;
    if (!a.plan.empty()) {
        solution = fsd::solution_from_json(problem, fsdcli::read_text_file(a.plan));
    } else {
        fsd::SolveOptions o;
        o.time_limit_seconds = a.time_limit;
        o.seed = a.seed;
        solution = fsd::solve(problem, o);
    }
    const fsd::Time now = a.now.empty() ? fsd::earliest_shift_start(problem) : fsdcli::parse_instant(a.now, "--now");
    const fsd::LivePlan plan(problem, solution, now);
    fsdcli::write_text_file(a.out, fsd::live_plan_to_json(plan));
    // A status line, so stderr: with -o - stdout is the live plan alone.
    std::cerr << fmt::format("live plan written to {}: {} engineers ({} routes, one per shift), {} tickets, {} pending\n",
                             a.out, problem.num_engineers(), plan.engineers().size(), plan.jobs().size(),
                             plan.pending().size());
}

struct DispatchArgs {
    std::string plan;
    std::vector<std::string> events;
    std::string out;
    std::string outcome = fsdcli::kStdStream;
    bool in_place = false;
};

// Refuses combinations that would mix two documents on one stream or write
// the plan nowhere a caller could find it, before anything is read.
void check_streams(const DispatchArgs& a) {
    std::vector<std::string> inputs = a.events;
    inputs.push_back(a.plan);
    fsdcli::at_most_one_stdin(inputs);
    if (a.in_place && !a.out.empty()) throw fsd::InputError("--in-place", "give either -o or --in-place, not both");
    if (a.in_place && a.plan == fsdcli::kStdStream)
        throw fsd::InputError("--in-place", "a plan read from stdin has no file to write back to; use -o");
    if (a.out == fsdcli::kStdStream && a.outcome == fsdcli::kStdStream)
        throw fsd::InputError("--output", "the new plan and the outcome cannot both go to stdout; send the outcome to a file with --outcome");
}

void run_dispatch(const DispatchArgs& a) {
    check_streams(a);
    fsd::LivePlan plan = fsd::live_plan_from_json(fsdcli::read_text_file(a.plan));
    // One argument holding one event object gives one outcome object; several
    // arguments, or an array, give the array of outcomes in order. Nothing is
    // written until every event was accepted: all or nothing.
    nlohmann::json outcomes = nlohmann::json::array();
    std::string single;
    for (const std::string& path : a.events) {
        std::string outcome;
        try {
            outcome = fsd::apply_events_json(plan, fsdcli::read_text_file(path));
        } catch (const fsd::InputError& e) {
            if (a.events.size() == 1) throw;
            throw fsd::InputError(e.path(), "in events " + path + ": " + e.message());
        }
        nlohmann::json doc = nlohmann::json::parse(outcome);
        if (a.events.size() == 1 && doc.is_object()) single = std::move(outcome);
        else if (doc.is_array()) for (auto& o : doc) outcomes.push_back(std::move(o));
        else outcomes.push_back(std::move(doc));
    }
    const std::string target = a.in_place ? a.plan : a.out;
    if (!target.empty()) fsdcli::write_text_file(target, fsd::live_plan_to_json(plan));
    fsdcli::write_text_file(a.outcome, single.empty() ? outcomes.dump() : single);
}

void add_dispatch_commands(CLI::App& app) {
    auto init = std::make_shared<InitArgs>();
    auto* ic = app.add_subcommand("dispatch-init", "Start a live day from a problem (and a plan, else it is solved)");
    ic->add_option("problem", init->problem, "problem JSON (- for stdin)")->required();
    ic->add_option("plan", init->plan, "plan JSON (optional; solved when absent; - for stdin)");
    ic->add_option("-o,--output", init->out, "live plan JSON to write (- for stdout)")->required();
    ic->add_option("--now", init->now,
                   "clock of the plan: seconds or ISO-8601 like 2026-11-23T08:30:00+01:00 (default: the earliest shift start)");
    ic->add_option("--time-limit", init->time_limit, "seconds for the solve when no plan is given")->check(CLI::NonNegativeNumber);
    ic->add_option("--seed", init->seed, "seed of the solve")->check(fsdcli::seed_text());
    ic->callback([init] { run_init(*init); });

    auto d = std::make_shared<DispatchArgs>();
    auto* dc = app.add_subcommand("dispatch", "Apply events to a live plan, all or nothing, and print what each changed (JSON)");
    dc->add_option("plan", d->plan, "live plan JSON from dispatch-init (- for stdin)")->required();
    dc->add_option("events", d->events, "event JSON files, each one event or an array, applied in order (- for stdin)")
        ->required();
    dc->add_option("-o,--output", d->out, "write the new live plan here (- for stdout, with --outcome FILE)");
    dc->add_flag("--in-place", d->in_place, "write the new live plan over the input");
    dc->add_option("--outcome", d->outcome, "write the outcome JSON here (default - : stdout)");
    dc->callback([d] { run_dispatch(*d); });
}

}  // namespace

FSDCLI_REGISTER(60, add_dispatch_commands);
