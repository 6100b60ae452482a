// fsd serve [--host H] [--port P] [--db FILE] [--api-keys FILE] [--max-body BYTES]
//           [--max-solves N] [--threads N] [--max-time-limit S] [--triage-model FILE]
// The HTTP/JSON dispatch service (docs/serve.md).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <memory>
#include <thread>

#include <fmt/format.h>

#include "command_registry.hpp"
#include "serve_board_html.hpp"
#include "serve_openapi_json.hpp"
#include "serve_options.hpp"
#include "serve_server.hpp"

namespace {

// SIGINT and SIGTERM are blocked in every thread (the server's workers inherit
// the mask) and taken by one thread with sigwait, which stops the server:
// nothing runs in a signal handler.
void run_serve(const fsdserve::ServeOptions& options) {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    // A client that hangs up mid-answer must not end the server.
    signal(SIGPIPE, SIG_IGN);

    fsdserve::Server server(options, {fsdserve::embedded::serve_board_html(), fsdserve::embedded::serve_openapi_json()});
    const int port = server.bind();
    // The first line of stdout says where to connect (tests start with --port 0 and read it).
    std::cout << fmt::format("fsd serve listening on http://{}:{}", options.host, port) << std::endl;
    std::cerr << fmt::format("database {}; {}; at most {} solves at once, {} worker threads, bodies up to {} bytes\n",
                             options.db,
                             server.api_keys() > 0 ? fmt::format("{} API keys", server.api_keys())
                                                   : std::string("no API keys (one tenant, no authentication)"),
                             options.max_solves, options.threads, options.max_body);
    std::atomic<int> received{0};
    std::thread waiter([&server, &stop_signals, &received] {
        int signal_number = 0;
        sigwait(&stop_signals, &signal_number);
        received = signal_number;
        server.stop();
    });
    const bool listened = server.run();
    const bool by_signal = received != 0;
    if (!by_signal) pthread_kill(waiter.native_handle(), SIGTERM);  // run() ended on its own: free the waiter
    waiter.join();
    if (!listened && !by_signal) throw std::runtime_error("the server stopped listening");
    std::cerr << "fsd serve stopped\n";
}

void add_serve_command(CLI::App& app) {
    auto options = std::make_shared<fsdserve::ServeOptions>();
    auto* cmd = app.add_subcommand("serve", "HTTP/JSON dispatch service: solve, live plans in SQLite, jobs (docs/serve.md)");
    cmd->add_option("--host", options->host, "address to listen on (default 127.0.0.1)");
    cmd->add_option("--port", options->port, "port (default 8080; 0: any free port, printed on the first line)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--db", options->db, "SQLite file of live plans and their journal (default plans.sqlite)");
    cmd->add_option("--api-keys", options->api_keys, "file of `KEY TENANT` lines or a JSON object {KEY: TENANT}");
    cmd->add_option("--max-body", options->max_body, "largest request body in bytes (default 16 MiB; larger: 413)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 34));
    cmd->add_option("--max-solves", options->max_solves, "solves running at once (default 2; more: 429)")
        ->check(CLI::Range(1, 1024));
    cmd->add_option("--threads", options->threads, "HTTP worker threads (default 8)")->check(CLI::Range(1, 1024));
    cmd->add_option("--max-time-limit", options->max_time_limit, "largest time_limit a request may ask, seconds (default 300)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_option("--triage-model", options->triage_model, "model JSON (fsd triage train) for POST /triage/predict");
    cmd->footer("SIGINT or SIGTERM stops the server; running asynchronous solves are cancelled. Every accepted "
                "event is committed to the database before it is answered.");
    cmd->callback([options] { run_serve(*options); });
}

}  // namespace

FSDCLI_REGISTER(70, add_serve_command);
