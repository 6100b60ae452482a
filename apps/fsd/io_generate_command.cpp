// fsd generate --engineers N --jobs M [--days D] [--depots N] --seed K -o problem.json
#include <iostream>

#include <fmt/format.h>

#include "cli_common.hpp"
#include "cli_streams.hpp"
#include "command_registry.hpp"
#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/model/generate.hpp"
#include "option_checks.hpp"

namespace {

struct GenerateArgs {
    fsd::GenerateOptions options;
    std::string output_path;
    std::optional<int> iso_offset_minutes;
};

void run_generate(const GenerateArgs& a) {
    const fsd::Problem problem = fsd::generate_problem(a.options);
    fsd::JsonWriteOptions write;
    if (a.iso_offset_minutes) write.iso_offset_seconds = *a.iso_offset_minutes * 60;
    const std::string json = fsd::problem_to_json(problem, write);
    const std::string target = a.output_path.empty() ? std::string(fsdcli::kStdStream) : a.output_path;
    fsdcli::write_text_file(target, json);
    std::string what = fmt::format("{} engineers, {} jobs", problem.num_engineers(), problem.num_jobs());
    if (problem.num_depots() > 0) what += fmt::format(", {} depots", problem.num_depots());
    fsdcli::note_written(what, target);
}

void add_generate_command(CLI::App& app) {
    auto args = std::make_shared<GenerateArgs>();
    auto* cmd = app.add_subcommand("generate", "Generate a seeded synthetic service region and day (problem JSON)");
    cmd->add_option("--engineers", args->options.engineers, "number of engineers")->capture_default_str();
    cmd->add_option("--jobs", args->options.jobs, "number of tickets (jobs)")->capture_default_str();
    cmd->add_option("--days", args->options.days, "consecutive days planned (1-28); --jobs is the total over them")
        ->capture_default_str();
    cmd->add_option("--depots", args->options.depots,
                    "depots lending tools and stocking spare parts (0-50); engineers and jobs then have tools and parts")
        ->capture_default_str();
    cmd->add_option("--seed", args->options.seed, "random seed")->capture_default_str()->check(fsdcli::seed_text());
    cmd->add_option("--radius-km", args->options.radius_km, "radius of the service region")->capture_default_str();
    cmd->add_option("-o,--output", args->output_path, "write the problem here (default: stdout)");
    cmd->add_option("--iso-offset", args->iso_offset_minutes, "write instants as ISO-8601 with this UTC offset (minutes)");
    cmd->callback([args] { run_generate(*args); });
}

}  // namespace

FSDCLI_REGISTER(40, add_generate_command);
