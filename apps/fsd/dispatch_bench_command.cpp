// fsd bench dispatch [--csv FILE]: latency of live insertion and slot
// offering, speed and quality of exact batch assignment, churn of re-planning
// a running day. Rows "metric,value"; figures go to bench/RESULTS.md.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "command_registry.hpp"
#include "fsd/assign/assign.hpp"
#include "fsd/assign/assign_generate.hpp"
#include "fsd/dispatch/live_plan.hpp"
#include "fsd/model/generate.hpp"
#include "fsd/route/solve.hpp"

namespace {

using Clock = std::chrono::steady_clock;
constexpr fsd::Time kDay = 1'795'478'400;  // the generator's default day

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto k = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(k, v.size() - 1)];
}

double peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;  // kilobytes on Linux
}

struct Row {
    std::string metric;
    double value;
};

// A live plan of `engineers` built by insertion of a generated day's tickets.
fsd::LivePlan insertion_day(int engineers, int jobs, std::uint64_t seed) {
    fsd::GenerateOptions g;
    g.engineers = engineers;
    g.jobs = jobs;
    g.seed = seed;
    const fsd::Problem p = fsd::generate_problem(g);
    fsd::Solution none;
    for (fsd::Index j = 0; j < p.num_jobs(); ++j) none.unassigned.push_back({j, fsd::UnassignedReason::not_inserted, ""});
    fsd::LivePlan plan(p, none, kDay + 7 * 3600);
    plan.place_pending();
    return plan;
}

fsd::Job random_ticket(std::mt19937_64& rng, int n) {
    std::uniform_real_distribution<double> lat(47.95, 48.32), lon(11.25, 11.90);
    std::uniform_int_distribution<int> minutes(10, 60);
    static const char* trades[] = {"appliance", "hvac", "electrical", "plumbing", "it"};
    fsd::Job j;
    j.id = fmt::format("BENCH-{:05d}", n);
    j.location.coords = fsd::Coordinates{lat(rng), lon(rng)};
    j.duration = minutes(rng) * 60;
    j.skills = {fsd::SkillRequirement{trades[rng() % 5], 1}};
    return j;
}

void live_figures(std::vector<Row>& rows) {
    // 300 engineers with about eight tickets each.
    fsd::LivePlan plan = insertion_day(300, 2400, 11);
    std::size_t planned = 0;
    for (fsd::Index j = 0; j < static_cast<fsd::Index>(plan.jobs().size()); ++j)
        if (plan.status(j) == fsd::TicketStatus::planned) ++planned;
    rows.push_back({"plan_engineers", 300});
    rows.push_back({"plan_tickets_per_engineer", static_cast<double>(planned) / 300.0});

    std::mt19937_64 rng(5);
    std::vector<double> us;
    std::size_t placed = 0;
    for (int n = 0; n < 1000; ++n) {
        const fsd::Job t = random_ticket(rng, n);
        fsd::LivePlan trial = plan;  // each ticket goes into the same 300 x 8 plan
        const auto t0 = Clock::now();
        const fsd::InsertResult r = trial.insert(t);
        us.push_back(ms_since(t0) * 1000.0);
        placed += r.placed ? 1 : 0;
    }
    rows.push_back({"insert_p50_us", percentile(us, 50)});
    rows.push_back({"insert_p99_us", percentile(us, 99)});
    rows.push_back({"insert_placed_share", static_cast<double>(placed) / 1000.0});

    // Every 2-hour slot from 06:00 to 22:00 over the next five days: 40 windows.
    std::vector<fsd::TimeWindow> windows;
    for (int d = 0; d < 5; ++d)
        for (int h = 6; h < 22; h += 2) windows.push_back({kDay + d * 86400 + h * 3600, kDay + d * 86400 + (h + 2) * 3600});
    std::vector<double> slot_ms;
    std::size_t feasible = 0;
    for (int n = 0; n < 50; ++n) {
        const fsd::Job t = random_ticket(rng, 5000 + n);
        const auto t0 = Clock::now();
        const auto offers = plan.offer_slots(t, windows);
        slot_ms.push_back(ms_since(t0));
        feasible += static_cast<std::size_t>(std::count_if(offers.begin(), offers.end(), [](const fsd::SlotOffer& o) { return o.feasible; }));
    }
    rows.push_back({"slots_40_ms", percentile(slot_ms, 50)});
    rows.push_back({"slots_40_p99_ms", percentile(slot_ms, 99)});
    rows.push_back({"slots_feasible_per_call", static_cast<double>(feasible) / 50.0});
}

void assign_figures(std::vector<Row>& rows) {
    auto time_exact = [&](int tickets, int engineers, const char* name) {
        fsd::AssignGenerateOptions g;
        g.tickets = tickets;
        g.engineers = engineers;
        g.seed = 3;
        const fsd::AssignProblem p = fsd::generate_assign_batch(g);
        std::vector<double> ms;
        const int reps = tickets <= 1000 ? 25 : 7;  // medians of many runs: this VM's timings are noisy
        for (int rep = 0; rep < reps; ++rep) {
            const auto t0 = Clock::now();
            const fsd::AssignResult r = fsd::assign(p);
            ms.push_back(ms_since(t0));
            if (rep == 0) rows.push_back({fmt::format("{}_served", name), static_cast<double>(r.served)});
        }
        rows.push_back({fmt::format("{}_ms", name), percentile(ms, 50)});
    };
    time_exact(1000, 300, "assign_1000x300");
    time_exact(5000, 1000, "assign_5000x1000");

    // Quality on 20 generated batches: exact against nearest-engineer greedy.
    double exact_cost = 0, greedy_cost = 0, exact_eta = 0, greedy_eta = 0, exact_served = 0, greedy_served = 0;
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        fsd::AssignGenerateOptions g;
        g.tickets = 200;
        g.engineers = 60;
        g.seed = seed;
        const fsd::AssignProblem p = fsd::generate_assign_batch(g);
        fsd::AssignOptions o;
        const fsd::AssignResult ex = fsd::assign(p, o);
        o.method = fsd::AssignMethod::greedy;
        const fsd::AssignResult gr = fsd::assign(p, o);
        exact_cost += static_cast<double>(ex.total_cost);
        greedy_cost += static_cast<double>(gr.total_cost);
        exact_eta += static_cast<double>(ex.total_eta) / std::max(1, ex.served);
        greedy_eta += static_cast<double>(gr.total_eta) / std::max(1, gr.served);
        exact_served += ex.served;
        greedy_served += gr.served;
    }
    rows.push_back({"quality_exact_cost", exact_cost / 20});
    rows.push_back({"quality_greedy_cost", greedy_cost / 20});
    rows.push_back({"quality_exact_mean_eta_s", exact_eta / 20});
    rows.push_back({"quality_greedy_mean_eta_s", greedy_eta / 20});
    rows.push_back({"quality_exact_served", exact_served / 20});
    rows.push_back({"quality_greedy_served", greedy_served / 20});
}

// Engineers work their plans: every step whose planned moment has come is
// reported (set off, arrived, finished, break started) in time order.
void follow_plans(fsd::LivePlan& plan, fsd::Time now) {
    for (fsd::Index e = 0; e < static_cast<fsd::Index>(plan.engineers().size()); ++e) {
        for (int guard = 0; guard < 100; ++guard) {
            const auto& steps = plan.route(e).steps;
            const fsd::Index f = plan.frozen_steps(e);
            const fsd::LiveStep* cur = f > 0 ? &steps[static_cast<size_t>(f - 1)] : nullptr;
            const fsd::LiveStep* next = static_cast<size_t>(f) < steps.size() ? &steps[static_cast<size_t>(f)] : nullptr;
            auto id = [&](const fsd::LiveStep* s) { return plan.jobs()[static_cast<size_t>(s->index)].id; };
            if (cur && cur->kind == fsd::StepKind::job && cur->status == fsd::StepStatus::en_route) {
                if (cur->arrival > now) break;
                plan.arrive(id(cur), cur->arrival);
            } else if (cur && cur->kind == fsd::StepKind::job && cur->status == fsd::StepStatus::on_site) {
                if (cur->end > now) break;
                plan.job_finished(id(cur), cur->end);
            } else if (next && next->kind == fsd::StepKind::job) {
                const fsd::Time leave = next->arrival - next->travel_time;
                if (leave > now) break;
                plan.start_travel(id(next), leave);
            } else if (next && next->kind == fsd::StepKind::break_) {
                if (next->start > now || (cur && cur->end > next->start)) break;
                plan.break_started(plan.engineers()[static_cast<size_t>(e)].id, next->start);
            } else {
                break;
            }
        }
    }
}

void replan_figures(std::vector<Row>& rows, double time_limit) {
    // 50 random events over a day of 40 engineers, handled live (insertion
    // and repair, re-optimised every 10 events), against planning the same
    // remaining work from scratch at the end.
    fsd::GenerateOptions g;
    g.engineers = 40;
    g.jobs = 200;
    g.seed = 17;
    const fsd::Problem p = fsd::generate_problem(g);
    fsd::SolveOptions so;
    so.time_limit_seconds = time_limit;
    fsd::LivePlan plan(p, fsd::solve(p, so), kDay + 7 * 3600);
    std::mt19937_64 rng(23);
    std::size_t churn = 0;  // tickets taken off an engineer's route by a disruption or a re-plan
    auto count = [&](const fsd::ChangeSet& c) {
        for (const fsd::RouteChange& rc : c.routes) churn += rc.removed.size();
    };
    int n = 0;
    std::size_t scratch_moves = 0;
    double scratch_cost = 0, live_cost = 0;
    for (int ev = 0; ev < 50; ++ev) {
        const fsd::Time now = kDay + 8 * 3600 + ev * 9 * 60;  // 08:00 to 15:30
        follow_plans(plan, now);
        plan.advance_time(std::max(now, plan.now()));
        const auto e = static_cast<fsd::Index>(rng() % plan.engineers().size());
        const std::string eng = plan.engineers()[static_cast<size_t>(e)].id;
        const fsd::Index f = plan.frozen_steps(e);
        const auto& steps = plan.route(e).steps;
        const fsd::LiveStep* cur = f > 0 ? &steps[static_cast<size_t>(f - 1)] : nullptr;
        const fsd::Time at = std::max(now, cur ? cur->start + 60 : now);
        switch (rng() % 5) {
            case 0: count(plan.insert(random_ticket(rng, ++n)).changes); break;
            case 1: count(plan.delay(eng, static_cast<fsd::Duration>(600 + rng() % 2400), at)); break;
            case 2: count(plan.insert(random_ticket(rng, ++n)).changes); break;
            case 3: {
                std::vector<fsd::Index> open;
                for (fsd::Index j = 0; j < static_cast<fsd::Index>(plan.jobs().size()); ++j)
                    if (plan.status(j) == fsd::TicketStatus::planned) open.push_back(j);
                if (!open.empty()) count(plan.cancel(plan.jobs()[static_cast<size_t>(open[rng() % open.size()])].id, now));
                break;
            }
            case 4:
                if (rng() % 4 == 0) count(plan.engineer_unavailable(eng, now + 3600));
                else count(plan.engineer_position(eng, plan.engineers()[rng() % plan.engineers().size()].start, at));
                break;
        }
        if (ev % 10 == 9) {
            // Checkpoint: re-plan live (warm start, moves charged) and, for
            // comparison, plan the same remaining work from scratch.
            const fsd::ResidualProblem res = plan.residual();
            const fsd::Solution scratch = fsd::solve(res.problem, so);
            for (const fsd::Route& r : scratch.routes)
                for (const fsd::Step& s : r.steps)
                    if (s.kind == fsd::StepKind::job) {
                        const auto was = plan.engineer_of(res.job_of[static_cast<size_t>(s.index)]);
                        if (was && *was != res.engineer_of[static_cast<size_t>(r.engineer)]) ++scratch_moves;
                    }
            scratch_cost += static_cast<double>(scratch.objective.total());
            fsd::ReoptimiseOptions ro;
            ro.time_limit_seconds = time_limit;
            const fsd::ReoptimiseResult r = plan.reoptimise(ro);
            churn += static_cast<std::size_t>(r.moved);
            live_cost += static_cast<double>(r.cost_after);
        }
    }
    rows.push_back({"replan_events", 50});
    rows.push_back({"replan_live_churn", static_cast<double>(churn)});
    rows.push_back({"replan_live_cost_sum", live_cost});
    rows.push_back({"replan_scratch_cost_sum", scratch_cost});
    rows.push_back({"replan_scratch_moves", static_cast<double>(scratch_moves)});
    std::size_t done = 0;
    for (fsd::Index j = 0; j < static_cast<fsd::Index>(plan.jobs().size()); ++j)
        if (plan.status(j) != fsd::TicketStatus::pending && plan.status(j) != fsd::TicketStatus::cancelled &&
            plan.status(j) != fsd::TicketStatus::planned)
            ++done;
    rows.push_back({"replan_tickets_done_or_under_way", static_cast<double>(done)});
    rows.push_back({"replan_live_pending", static_cast<double>(plan.pending().size())});
}

void run_bench(const std::string& csv, double time_limit) {
    std::vector<Row> rows;
    live_figures(rows);
    assign_figures(rows);
    replan_figures(rows, time_limit);
    rows.push_back({"peak_rss_mb", peak_rss_mb()});
    std::string text = "metric,value\n";
    for (const Row& r : rows) text += fmt::format("{},{:.6g}\n", r.metric, r.value);
    std::cout << text;
    if (!csv.empty()) fsdcli::write_text_file(csv, text);
}

void add_dispatch_bench(CLI::App& app) {
    auto csv = std::make_shared<std::string>();
    auto limit = std::make_shared<double>(1.0);
    auto* cmd = fsdcli::bench_group(app)->add_subcommand(
        "dispatch", "Live insertion and slot latency, exact assignment speed and quality, re-planning churn");
    cmd->add_option("--csv", *csv, "write the rows (metric,value) to this file");
    cmd->add_option("--time-limit", *limit, "seconds per solve in the re-planning figures")->check(CLI::NonNegativeNumber);
    cmd->callback([csv, limit] { run_bench(*csv, *limit); });
}

}  // namespace

FSDCLI_REGISTER(90, add_dispatch_bench);
