#include "interrupt.hpp"

#include <csignal>

#include "fsd/core/error.hpp"

namespace fsdcli {

namespace {

// What the handler may touch: a lock-free atomic and a sig_atomic_t.
std::atomic<bool> g_interrupted{false};
volatile std::sig_atomic_t g_signal = 0;
bool g_installed = false;
struct sigaction g_previous_int {};
struct sigaction g_previous_term {};

static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler may only store to a lock-free atomic");

void on_signal(int sig) {
    if (g_signal == 0) g_signal = sig;
    g_interrupted.store(true, std::memory_order_relaxed);
}

}  // namespace

InterruptCatcher::InterruptCatcher() {
    FSD_ASSERT(!g_installed);
    g_installed = true;
    g_interrupted.store(false);
    g_signal = 0;
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    // SA_RESTART: a write under way when the signal comes goes on; SA_RESETHAND:
    // a second signal of the same kind ends the process as usual.
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    ::sigaction(SIGINT, &action, &g_previous_int);
    ::sigaction(SIGTERM, &action, &g_previous_term);
    // A signal the caller ignores (a background job of a script) stays ignored.
    if (g_previous_int.sa_handler == SIG_IGN) ::sigaction(SIGINT, &g_previous_int, nullptr);
    if (g_previous_term.sa_handler == SIG_IGN) ::sigaction(SIGTERM, &g_previous_term, nullptr);
}

InterruptCatcher::~InterruptCatcher() {
    ::sigaction(SIGINT, &g_previous_int, nullptr);
    ::sigaction(SIGTERM, &g_previous_term, nullptr);
    g_installed = false;
}

const std::atomic<bool>* InterruptCatcher::flag() const noexcept { return &g_interrupted; }

int InterruptCatcher::signal() const noexcept { return g_signal; }

int InterruptCatcher::exit_code() const noexcept { return g_signal == 0 ? 0 : 128 + g_signal; }

std::string InterruptCatcher::signal_name() const {
    switch (g_signal) {
        case SIGINT: return "SIGINT";
        case SIGTERM: return "SIGTERM";
        case 0: return "";
        default: return "signal " + std::to_string(g_signal);
    }
}

}  // namespace fsdcli
