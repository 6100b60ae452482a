// fsd assign batch.json [--method exact|greedy] [--json OUT]: match waiting tickets to engineers now.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/assign/assign.hpp"
#include "fsd/assign/assign_json.hpp"
#include "fsd/core/error.hpp"
#include "option_checks.hpp"

namespace {

struct AssignArgs {
    std::string batch_path;
    std::string method;  // empty: the batch's own options.method
    std::string json_out;
    int utc_offset_minutes = 0;
};

void run_assign(const AssignArgs& a) {
    fsd::AssignBatch batch = fsd::assign_batch_from_json(fsdcli::read_text_file(a.batch_path));
    if (!a.method.empty()) batch.options.method = fsd::parse_assign_method(a.method, "--method");
    const fsd::AssignProblem& p = batch.problem;
    const fsd::AssignResult r = fsd::assign(p, batch.options);
    const int off = a.utc_offset_minutes * 60;
    std::optional<fsdcli::ReportAwayFromStdout> report(std::in_place, std::vector<std::string>{a.json_out});

    std::cout << fmt::format("{:<16} {:<16} {:>5} {:>7} {:>9} {:>9} {:>10}\n", "ticket", "engineer", "order", "ETA",
                             "distance", "late", "cost");
    for (const auto& x : r.pairs) {
        std::cout << fmt::format("{:<16} {:<16} {:>5} {:>7} {:>9} {:>9} {:>10}\n",
                                 p.tickets[static_cast<std::size_t>(x.ticket)].id,
                                 p.engineers[static_cast<std::size_t>(x.engineer)].id, x.order + 1,
                                 fsdcli::clock_time(p.now + x.eta, off), fsdcli::km(x.distance),
                                 x.lateness > 0 ? fsdcli::span(x.lateness) : "-", x.cost);
    }
    if (!r.left_out.empty()) {
        std::cout << "\nleft out:\n";
        for (const auto& x : r.left_out)
            std::cout << fmt::format("{:<16} {:<22} {:>10}\n", p.tickets[static_cast<std::size_t>(x.ticket)].id,
                                     fsd::to_string(x.reason), x.cost);
    }
    std::cout << fmt::format(
        "\n{}: {} of {} tickets served, total cost {} (served {} + left out {}), total ETA {}, {:.1f} ms\n",
        fsd::to_string(r.method), r.served, p.tickets.size(), r.total_cost, r.served_cost, r.left_out_cost,
        fsdcli::span(r.total_eta), r.seconds * 1000.0);
    report.reset();
    if (!a.json_out.empty()) {
        fsdcli::write_text_file(a.json_out, fsd::assign_result_to_json(p, r, 2, off));
        fsdcli::note_written("result", a.json_out);
    }
}

void add_assign_command(CLI::App& app) {
    auto args = std::make_shared<AssignArgs>();
    auto* cmd = app.add_subcommand("assign", "Match a batch of waiting tickets to engineers now (exact or greedy)");
    cmd->add_option("batch", args->batch_path, "batch JSON (docs/assign.md)")->required();
    cmd->add_option("--method", args->method, "exact or greedy (default: the batch's options, else exact)")
        ->check(CLI::IsMember({"exact", "greedy"}));
    cmd->add_option("--json", args->json_out, "write the result JSON here (- for stdout: then the table goes to stderr)");
    cmd->add_option("--utc-offset", args->utc_offset_minutes, "minutes east of UTC for printed clock times")
        ->check(fsdcli::utc_offset_minutes());
    cmd->callback([args] { run_assign(*args); });
}

}  // namespace

FSDCLI_REGISTER(50, add_assign_command);
