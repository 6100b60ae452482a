#pragma once
// Each command file registers its subcommand here, so that a partial build
// (FSD_LAYERS) offers just the commands it compiles.
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace fsdcli {

/// Adds one subcommand (with its callback) to the application.
using CommandAdder = void (*)(CLI::App&);

struct CommandEntry {
    int order;  ///< position in `fsd --help`
    CommandAdder add;
};

inline std::vector<CommandEntry>& commands() {
    static std::vector<CommandEntry> all;
    return all;
}

inline int register_command(int order, CommandAdder add) {
    commands().push_back({order, add});
    return order;
}

/// The `fsd bench` group, made by the first benchmark file that asks for it,
/// so each layer's benchmarks register under one command.
inline CLI::App* bench_group(CLI::App& app) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        if (sub->get_name() == "bench") return sub;
    CLI::App* bench = app.add_subcommand("bench", "Benchmarks (figures for bench/RESULTS.md)");
    bench->require_subcommand(1);
    return bench;
}

/// The `fsd staffing` group (desk, field, roster), made by the first staffing
/// file that asks for it, like the bench group.
inline CLI::App* staffing_group(CLI::App& app) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        if (sub->get_name() == "staffing") return sub;
    CLI::App* staffing = app.add_subcommand("staffing", "Staffing: desk agents (Erlang C/A), field headcount (simulated), rosters (CBC)");
    staffing->require_subcommand(1);
    return staffing;
}

/// Thrown by a command to end the program with a given exit code after it
/// has printed what it had to say (e.g. `fsd verify` finding violations: 1).
struct Exit {
    int code;
};

}  // namespace fsdcli

#define FSDCLI_REGISTER(order, fn) \
    [[maybe_unused]] static const int fsdcli_registered_##fn = ::fsdcli::register_command(order, &fn)
