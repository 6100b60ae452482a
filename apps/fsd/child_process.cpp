#include "child_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <fmt/format.h>

extern char** environ;

namespace fsdcli {

std::string ChildResult::describe() const {
    if (!started) return "could not start: " + error;
    if (signal != 0) return fmt::format("killed by signal {} ({})", signal, ::strsignal(signal));
    return fmt::format("exit code {}", exit_code);
}

ChildResult run_child(const std::vector<std::string>& argv, bool capture_output) {
    ChildResult result;
    if (argv.empty()) {
        result.error = "no program given";
        return result;
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    int pipe_fds[2] = {-1, -1};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (capture_output) {
        if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
            result.error = fmt::format("cannot make a pipe: {}", std::strerror(errno));
            posix_spawn_file_actions_destroy(&actions);
            return result;
        }
        // dup2 clears close-on-exec on the child's stdout; both pipe ends close on exec.
        posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    }
    const auto t0 = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (capture_output) ::close(pipe_fds[1]);
    if (spawned != 0) {
        if (capture_output) ::close(pipe_fds[0]);
        result.error = fmt::format("{}: {}", argv[0], std::strerror(spawned));
        return result;
    }
    result.started = true;
    if (capture_output) {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::read(pipe_fds[0], buffer, sizeof buffer);
            if (n > 0) {
                result.output.append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                break;
            }
        }
        ::close(pipe_fds[0]);
    }
    int status = 0;
    pid_t waited = 0;
    do {
        waited = ::waitpid(pid, &status, 0);
    } while (waited < 0 && errno == EINTR);
    if (waited < 0) return result;  // cannot happen for our own child: exit code -1, no signal
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

}  // namespace fsdcli
