// An HTTP/1.1 server on loopback or a LAN address: keep-alive, read and idle
// timeouts, a body size limit, and a graceful stop (the requests being read
// or answered finish; idle connections close; nothing new is accepted).
//
// The server runs `threads` event loops, each on its own thread with its own
// connections and its own Handler, made for it by the HandlerFactory: a
// handler is called on its thread only, one request at a time, so it may use
// a single-threaded repository. A connection stays on the loop that accepted
// it; waiting connections cost no thread. Beast stays inside server.cpp;
// this header speaks plain types.
//
// stop() may be called from any thread or a signal handler's thread; the
// other members belong to the thread that created the server.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/error.h"

namespace dondoc::http {

struct Request {
    std::string method;  // "GET", "POST", …
    std::string target;  // path and query, as sent: "/api/tasks?unit=530"
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;
    std::string peer;  // the client's address, for throttling

    // The first header of that (lower-case) name, or "".
    [[nodiscard]] std::string header(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

using Handler = std::function<Response(const Request&)>;
// Makes the handler of one event loop; called once per loop, in create().
using HandlerFactory = std::function<Result<Handler>()>;

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;                       // 0: any free port (see Server::port)
    std::size_t max_body = std::size_t{32} << 20;    // the API's largest upload
    std::chrono::milliseconds read_timeout{30'000};  // to receive one whole request
    std::chrono::milliseconds idle_timeout{60'000};  // between keep-alive requests
    bool stop_on_signals = false;                    // SIGTERM and SIGINT call stop()
    std::size_t threads = 1;                         // event loops, each with its handler
};

class Server {
  public:
    // Binds and listens; errors: io_error when the address cannot be bound,
    // and whatever the factory returns.
    static Result<std::unique_ptr<Server>> create(const ServerOptions& options,
                                                  const HandlerFactory& make_handler);
    // One handler shared by every loop: it must be thread-safe when
    // options.threads is above 1.
    static Result<std::unique_ptr<Server>> create(const ServerOptions& options, Handler handler);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    [[nodiscard]] std::uint16_t port() const;
    // Serves until stop() on the calling thread and threads-1 others;
    // returns once every connection has closed.
    void run();
    // Graceful stop; thread-safe.
    void stop();

  private:
    struct Impl;
    explicit Server(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dondoc::http
