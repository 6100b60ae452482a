#pragma once
// Running another program from a benchmark (VROOM, or `fsd` itself for one
// measured run) and waiting for it.
#include <string>
#include <vector>

namespace fsdcli {

/// How a child process ended.
struct ChildResult {
    bool started = false;   ///< false: it could not be started (`error` says why)
    int exit_code = -1;     ///< when it exited, else -1
    int signal = 0;         ///< the signal that ended it, else 0
    std::string output;     ///< its standard output, when captured
    std::string error;      ///< why it could not be started
    double seconds = 0.0;   ///< wall time from start to end

    /// Started and exited with code 0.
    bool ok() const noexcept { return started && exit_code == 0; }
    /// "exit code 3", "killed by signal 9 (Killed)", "could not start: ...".
    std::string describe() const;
};

/// Runs `argv[0]` (searched in PATH when it holds no '/') with the arguments
/// `argv`, standard input and error inherited, standard output captured into
/// ChildResult::output when `capture_output` (else inherited), and waits for
/// it. Never throws for the child's failures: they are in the result.
ChildResult run_child(const std::vector<std::string>& argv, bool capture_output);

}  // namespace fsdcli
