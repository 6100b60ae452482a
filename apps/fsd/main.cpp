// fsd: the command-line tool. Exit codes: 0 ok, 1 internal error (or, for
// verify, violations found), 2 bad input (the message names the field),
// 3 the machine ran out (memory, threads, disk).
#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <system_error>

#include "command_registry.hpp"
#include "fsd/core/error.hpp"

int main(int argc, char** argv) {
    CLI::App app{"fsd - field-service dispatch engine: plan service days, check plans, explain them"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "fsd 0.1.0");
    auto& all = fsdcli::commands();
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.order < b.order; });
    for (const auto& entry : all) entry.add(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    } catch (const fsdcli::Exit& e) {
        return e.code;
    } catch (const fsd::InputError& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 2;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory (lower --threads, the problem's size or a limit the input sets)\n";
        return 3;
    } catch (const std::system_error& e) {
        std::cerr << "error: the system refused a resource: " << e.what() << '\n';
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
