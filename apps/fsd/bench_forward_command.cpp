// fsd bench ...: the benchmarks are a program of their own, fsd-bench, built
// next to fsd (apps/fsd/CMakeLists.txt), so that the installed fsd does not
// carry them: they read benchmark sets and reference solvers from a source
// checkout. This command hands its arguments to that program, which then
// replaces this process: output, exit code and signals are all its own.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "command_registry.hpp"

namespace {

// The running fsd (the build tree's, or the installed one).
std::filesystem::path this_program() {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path{"fsd"} : self;
}

[[noreturn]] void exec_bench(const std::vector<std::string>& args) {
    const std::filesystem::path self = this_program();
    // fsd-bench beside fsd (in bin/ only when FSD_INSTALL_BENCH put it there);
    // its argv[0] stays fsd's, so its usage lines read "fsd bench ...".
    const std::string program = (self.parent_path() / "fsd-bench").string();
    std::vector<std::string> words{self.string(), "bench"};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    std::cout.flush();
    ::execv(program.c_str(), argv.data());
    const int error = errno;
    std::cerr << "error: fsd bench runs " << program << ", which could not start (" << std::strerror(error)
              << "): the benchmarks are built with fsd from the source tree and installed only with "
                 "-DFSD_INSTALL_BENCH=ON\n";
    throw fsdcli::Exit{2};
}

void add_bench_forward(CLI::App& app) {
    CLI::App* bench = app.add_subcommand("bench", "Benchmarks (figures for bench/RESULTS.md), run by fsd-bench");
    // Every word after "bench", --help included, is fsd-bench's to read.
    bench->prefix_command();
    bench->allow_extras();
    bench->set_help_flag();
    bench->callback([bench] { exec_bench(bench->remaining()); });
}

}  // namespace

FSDCLI_REGISTER(90, add_bench_forward);
