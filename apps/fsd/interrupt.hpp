#pragma once
// Stopping a long command cleanly on SIGINT (Ctrl-C) or SIGTERM.
#include <atomic>
#include <string>

namespace fsdcli {

/// While it lives, SIGINT and SIGTERM do not end the process: the handler
/// only records the signal and sets flag(), which a command passes on as
/// SolveOptions::cancel, then finishes its work and ends with
/// exit_code(). The first signal restores the default action of that signal
/// (SA_RESETHAND), so sending it again ends the process at once. The
/// previous handlers come back when it is destroyed. One at a time.
class InterruptCatcher {
public:
    InterruptCatcher();
    ~InterruptCatcher();
    InterruptCatcher(const InterruptCatcher&) = delete;
    InterruptCatcher& operator=(const InterruptCatcher&) = delete;

    /// Set to true by the first SIGINT or SIGTERM.
    const std::atomic<bool>* flag() const noexcept;
    /// The first signal caught, 0 while none.
    int signal() const noexcept;
    /// 128 + signal(): 130 for SIGINT, 143 for SIGTERM.
    int exit_code() const noexcept;
    /// "SIGINT", "SIGTERM".
    std::string signal_name() const;
};

}  // namespace fsdcli
