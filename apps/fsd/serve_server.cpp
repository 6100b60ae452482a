#include "serve_server.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <iostream>
#include <system_error>

#include "fsd/core/error.hpp"
#include "fsd/io/problem_json.hpp"
#include "fsd/triage/triage_model.hpp"
#include "serve_endpoints.hpp"
#include "serve_error.hpp"
#include "text_file.hpp"

// Last: httplib.h pulls in <resolv.h>, whose `_res` macro breaks Eigen headers included after it.
#include <httplib.h>

namespace fsdserve {

namespace {

const char* const kJson = "application/json";

void send_error(httplib::Response& res, int status, const std::string& path, const std::string& message) {
    res.status = status;
    res.set_content(error_json(status, path, message) + "\n", kJson);
}

QueryParams query_of(const httplib::Request& req) {
    QueryParams out;
    for (const auto& p : req.params) out.emplace(p.first, p.second);  // emplace keeps the first of repeated names
    return out;
}

bool flag_set(const httplib::Request& req, const char* name) {
    if (!req.has_param(name)) return false;
    const std::string v = req.get_param_value(name);
    if (v == "1" || v == "true" || v.empty()) return true;
    if (v == "0" || v == "false") return false;
    throw HttpError(400, std::string("?") + name, "expected 1, true, 0 or false, got \"" + v + "\"");
}

// If-Match: "3" or 3 — the version an event was written against.
std::optional<std::int64_t> expected_version(const httplib::Request& req) {
    if (!req.has_header("If-Match")) return std::nullopt;
    std::string v = req.get_header_value("If-Match");
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    std::int64_t version = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
    if (ec != std::errc() || end != v.data() + v.size())
        throw HttpError(400, "If-Match", "expected the plan's version number, got \"" + v + "\"");
    return version;
}

// A body of a typed endpoint (/plans/{id}/insert ...) as the event document of that type.
std::string typed_event(const std::string& body, const std::string& type) {
    nlohmann::json doc = parse_body(body);
    if (!doc.is_object()) throw HttpError(400, "", "the body must be a JSON object");
    if (const auto it = doc.find("type"); it != doc.end() && *it != type)
        throw HttpError(400, "/type", "this endpoint takes \"" + type + "\" events");
    doc["type"] = type;
    return doc.dump();
}

}  // namespace

/// One request being answered: the request, the response and the tenant it acts for.
class Server::Call {
public:
    Call(const httplib::Request& request, httplib::Response& response, std::string tenant_name)
        : req(request), res(response), tenant(std::move(tenant_name)) {}
    const httplib::Request& req;
    httplib::Response& res;
    const std::string tenant;
    /// The n-th capture of the route's pattern (a plan or job id).
    std::string id(std::size_t n = 1) const { return req.matches[static_cast<int>(n)].str(); }
    void json(int status, const std::string& body) {
        res.status = status;
        res.set_content(body + "\n", kJson);
    }
};

Server::Server(const ServeOptions& options, ServeAssets assets)
    : options_(options),
      assets_(std::move(assets)),
      keys_(options.api_keys.empty() ? ApiKeys() : ApiKeys::read_file(options.api_keys)),
      store_(options.db),
      limiter_(options.max_solves),
      http_(std::make_unique<httplib::Server>()) {
    if (!options.triage_model.empty())
        triage_ = std::make_unique<fsd::triage::TriageModel>(
            fsd::triage::TriageModel::from_json(fsdcli::read_text_file(options.triage_model)));
    const int threads = options.threads;
    http_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    http_->set_payload_max_length(options.max_body);
    // SO_REUSEADDR alone: a restarted server rebinds its port at once, but a second
    // server on a port in use is refused (httplib's default SO_REUSEPORT would let
    // both listen and share the connections).
    http_->set_socket_options([this](socket_t sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        listen_socket_ = sock;
    });
    http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            started_[&res] = std::chrono::steady_clock::now();
        }
        const std::string given = req.get_header_value("X-Request-Id");
        // A client's id is echoed when it is short and printable, so logs stay one line each.
        const bool usable = !given.empty() && given.size() <= 128 &&
                            std::all_of(given.begin(), given.end(), [](char c) { return c > ' ' && c < 127; });
        res.set_header("X-Request-Id", usable ? given : random_id('r'));
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Answers httplib makes itself (unknown route, body too large) get the
    // same JSON error document as the endpoints' own refusals.
    http_->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request&, httplib::Response& res) {
        if (!res.has_header("X-Request-Id")) res.set_header("X-Request-Id", random_id('r'));
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = "no such endpoint (GET /openapi.json lists them)";
        if (res.status == 413)
            message = fmt::format("the body is larger than this server's limit of {} bytes", options_.max_body);
        else if (res.status != 404)
            message = fmt::format("the request was refused with HTTP status {}", res.status);
        send_error(res, res.status, "", message);
        return httplib::Server::HandlerResponse::Handled;
    }));
    http_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "", "internal error");
    });
    http_->set_logger([this](const httplib::Request& req, const httplib::Response& res) { log_and_count(req, res); });
    add_routes();
}

Server::~Server() { stop(); }

int Server::bind() {
    const int port = options_.port == 0 ? http_->bind_to_any_port(options_.host)
                                        : (http_->bind_to_port(options_.host, options_.port) ? options_.port : -1);
    // httplib 0.11 listens with a backlog of 5: a burst of new connections (8
    // clients, one connection per request) overflows it and the kernel drops
    // SYNs, which clients retry only after a second. Listening again on the
    // bound socket raises the backlog (Linux takes the new value).
    if (port >= 0 && listen_socket_ >= 0) ::listen(listen_socket_, SOMAXCONN);
    // A refused system resource, not bad input: the CLI's exit 3.
    if (port < 0)
        throw std::system_error(std::make_error_code(std::errc::address_in_use),
                                fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                                            options_.host, options_.port));
    return port;
}

bool Server::run() { return http_->listen_after_bind(); }

void Server::stop() {
    stopping_ = true;  // a synchronous solve under way returns its best plan so far, so the stop is prompt
    if (http_ && http_->is_running()) http_->stop();
}

std::string Server::random_id(char prefix) {
    const std::lock_guard<std::mutex> lock(mutex_);
    return fmt::format("{}{:016x}", prefix, random_());
}

std::string Server::tenant_of(const httplib::Request& req) const {
    if (!keys_.enabled()) return "";
    const std::string key = request_key(req.get_header_value("Authorization"), req.get_header_value("X-API-Key"));
    if (key.empty()) throw HttpError(401, "", "an API key is required: Authorization: Bearer KEY or X-API-Key: KEY");
    const std::optional<std::string> tenant = keys_.tenant_of(key);
    if (!tenant) throw HttpError(401, "", "unknown API key");
    return *tenant;
}

void Server::log_and_count(const httplib::Request& req, const httplib::Response& res) {
    double seconds = 0.0;
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (const auto it = started_.find(&res); it != started_.end()) {
            seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - it->second).count();
            started_.erase(it);
        }
    }
    const std::string route = route_of(req.method, req.path);
    metrics_.record(route, res.status, seconds);
    // One line per request, written at once so threads do not interleave within a line.
    const std::string line = fmt::format("{} {} {} {:.1f}ms id={} bytes_in={} bytes_out={}\n", req.method, req.path,
                                         res.status, seconds * 1000.0, res.get_header_value("X-Request-Id"),
                                         req.body.size(), res.body.size());
    std::cerr << line << std::flush;
}

void Server::route(const char* method, const char* pattern, bool authenticated, Action action) {
    httplib::Server::Handler handler = [this, authenticated, action](const httplib::Request& req,
                                                                     httplib::Response& res) {
        try {
            Call call(req, res, authenticated ? tenant_of(req) : std::string());
            action(call);
        } catch (const HttpError& e) {
            send_error(res, e.status, e.path, e.what());
        } catch (const fsd::InputError& e) {
            send_error(res, 400, e.path(), e.what());
        } catch (const nlohmann::json::exception& e) {
            send_error(res, 400, "", e.what());
        } catch (const std::bad_alloc&) {
            send_error(res, 503, "", "the server ran out of memory for this request");
        } catch (const std::exception& e) {
            send_error(res, 500, "", e.what());
        }
    };
    const std::string m = method;
    if (m == "GET") http_->Get(pattern, handler);
    if (m == "POST") http_->Post(pattern, handler);
    if (m == "DELETE") http_->Delete(pattern, handler);
}

void Server::start_job(Call& c, const SolveRequest& request) {
    // Read here, so that a bad problem is a 400 now rather than a failed job later.
    auto problem = std::make_shared<const fsd::Problem>(fsd::problem_from_json(request.problem));
    const std::string id =
        jobs_.start(random_id('j'), c.tenant, limiter_.acquire(), [problem, request](const JobControl& j) {
            return solve_native(*problem, request, j.cancel, j.on_progress);
        });
    c.res.set_header("Location", "/jobs/" + id);
    c.json(202, nlohmann::json({{"id", id}, {"status", "running"}}).dump());
}

void Server::add_routes() {
    const double max_t = options_.max_time_limit;
    route("GET", "/health", false, [this](Call& c) {
        c.json(200, nlohmann::json({{"status", "ok"}, {"solves_running", limiter_.running()}}).dump());
    });
    route("GET", "/metrics", false, [this](Call& c) {
        c.res.set_content(metrics_.prometheus(limiter_.running(), store_.count(), jobs_.size()),
                          "text/plain; version=0.0.4");
    });
    route("GET", "/openapi.json", false, [this](Call& c) { c.res.set_content(assets_.openapi_json, kJson); });
    // The board page holds no data (it fetches GET /plans/{id}, which checks the key), so it is public.
    route("GET", R"(/board/([^/]+))", false,
          [this](Call& c) { c.res.set_content(assets_.board_html, "text/html; charset=utf-8"); });

    route("POST", "/solve", true, [this, max_t](Call& c) {
        const SolveRequest request = solve_request(c.req.body, query_of(c.req), max_t);
        if (flag_set(c.req, "async")) return start_job(c, request);
        const fsd::Problem problem = fsd::problem_from_json(request.problem);
        const SolveSlot slot = limiter_.acquire();
        c.json(200, solve_native(problem, request, &stopping_, {}));
    });
    route("POST", "/jobs", true,
          [this, max_t](Call& c) { start_job(c, solve_request(c.req.body, query_of(c.req), max_t)); });
    route("GET", R"(/jobs/([^/]+))", true, [this](Call& c) {
        const auto status = jobs_.status_json(c.tenant, c.id());
        if (!status) throw HttpError(404, "", "no job " + c.id());
        c.json(200, *status);
    });
    route("DELETE", R"(/jobs/([^/]+))", true, [this](Call& c) {
        if (!jobs_.cancel(c.tenant, c.id())) throw HttpError(404, "", "no job " + c.id());
        c.json(202, *jobs_.status_json(c.tenant, c.id()));
    });
    route("POST", "/", true, [this, max_t](Call& c) {
        const SolveRequest request = solve_request(c.req.body, query_of(c.req), max_t);
        const SolveSlot slot = limiter_.acquire();
        c.json(200, solve_vroom(request));
    });
    route("POST", "/verify", true, [](Call& c) { c.json(200, verify_document(c.req.body)); });
    route("POST", "/evaluate", true,
          [this, max_t](Call& c) { c.json(200, evaluate_document(c.req.body, limiter_, max_t)); });
    route("POST", "/assign", true, [](Call& c) { c.json(200, assign_document(c.req.body, query_of(c.req))); });
    route("POST", "/sla/status", true, [](Call& c) { c.json(200, sla_status_document(c.req.body)); });
    route("POST", "/triage/predict", true, [this](Call& c) {
        if (!triage_) throw HttpError(409, "", "this server was started without --triage-model");
        c.json(200, triage_predict_document(*triage_, c.req.body));
    });

    route("POST", "/plans", true, [this, max_t](Call& c) {
        fsd::LivePlan plan = live_plan_request(c.req.body, limiter_, max_t);
        const std::string id = plans_.create(c.tenant, std::move(plan), R"({"type":"create"})");
        c.res.set_header("Location", "/plans/" + id);
        c.json(201, nlohmann::json({{"id", id}, {"version", 1}, {"board", "/board/" + id}}).dump());
    });
    route("GET", R"(/plans/([^/]+))", true, [this](Call& c) {
        const auto [state, version] = plans_.state(c.tenant, c.id());
        c.res.set_header("ETag", fmt::format("\"{}\"", version));
        c.res.status = 200;
        c.res.set_content(state, kJson);
    });
    route("GET", R"(/plans/([^/]+)/events)", true, [this](Call& c) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : plans_.journal(c.tenant, c.id()))
            out.push_back({{"version", e.version},
                           {"event", nlohmann::json::parse(e.event)},
                           {"outcome", nlohmann::json::parse(e.outcome)}});
        c.json(200, out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    });
    // Every event endpoint goes through here: re-optimising takes a solve slot.
    auto apply = [this](Call& c, const std::string& event, bool solves) {
        std::optional<SolveSlot> slot;
        if (solves) slot.emplace(limiter_.acquire());
        const EventAnswer answer = plans_.apply(c.tenant, c.id(), event, expected_version(c.req));
        c.res.set_header("ETag", fmt::format("\"{}\"", answer.version));
        c.json(200, fmt::format(R"({{"plan":"{}","version":{},"outcome":{}}})", c.id(), answer.version, answer.outcome));
    };
    route("POST", R"(/plans/([^/]+)/events)", true, [apply](Call& c) {
        const nlohmann::json doc = parse_body(c.req.body);
        const bool solves = doc.is_object() && doc.value("type", nlohmann::json()) == "reoptimise";
        apply(c, c.req.body, solves);
    });
    route("POST", R"(/plans/([^/]+)/insert)", true,
          [apply](Call& c) { apply(c, typed_event(c.req.body, "insert"), false); });
    route("POST", R"(/plans/([^/]+)/slots)", true, [apply](Call& c) {
        // A body with one "window" books it; with "windows" it asks for offers.
        const nlohmann::json doc = parse_body(c.req.body);
        const bool book = doc.is_object() && doc.contains("window");
        apply(c, typed_event(c.req.body, book ? "book_slot" : "offer_slots"), false);
    });
    route("POST", R"(/plans/([^/]+)/reoptimise)", true,
          [apply](Call& c) { apply(c, typed_event(c.req.body.empty() ? "{}" : c.req.body, "reoptimise"), true); });
}

}  // namespace fsdserve
