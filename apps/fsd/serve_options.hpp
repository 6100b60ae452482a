#pragma once
// What `fsd serve` is started with (docs/serve.md).
#include <cstddef>
#include <string>

namespace fsdserve {

/// Options of one server; the defaults are those of `fsd serve` without flags.
struct ServeOptions {
    std::string host = "127.0.0.1";
    int port = 8080;                              ///< 0: any free port (printed on the first line of stdout)
    std::string db = "plans.sqlite";              ///< SQLite file of live plans and their journal
    std::string api_keys;                         ///< file of `key tenant` lines or a JSON object; empty: no auth
    std::size_t max_body = 16u * 1024u * 1024u;   ///< larger request bodies get 413
    int max_solves = 2;                           ///< concurrent solves (sync, async, re-optimise); more get 429
    int threads = 8;                              ///< HTTP worker threads
    double max_time_limit = 300.0;                ///< a larger requested time_limit is refused (400)
    std::string triage_model;                     ///< model JSON for /triage/predict; empty: that route answers 409
};

}  // namespace fsdserve
