// The Beast adapter: one io_context per loop, each run by one thread; the
// acceptor lives on the first loop and hands each new connection to the
// loops in turn. Each connection is a Session that waits for bytes (idle),
// reads one request (reading), calls its loop's handler, writes the response
// (writing), and loops while keep-alive holds. A graceful stop closes the
// acceptor and, on each loop, the idle sessions; a session that is reading
// or writing finishes its exchange and then closes.
#include "http/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <exception>
#include <iostream>
#include <set>
#include <thread>
#include <vector>

namespace dondoc::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string Request::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (key == name) return value;
    return {};
}

namespace {

constexpr std::uint32_t k_header_limit = 16 * 1024;
constexpr std::chrono::milliseconds k_linger{1000};  // see Session::linger_close
constexpr std::size_t k_first_read = 4096;           // see Session::wait_idle

std::string text(beast::string_view s) {
    return {s.data(), s.size()};
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

Response error_response(int status, std::string_view code, std::string_view message) {
    Response r;
    r.status = status;
    r.body = std::string(R"({"error":{"code":")") + std::string(code) + R"(","message":")" +
             std::string(message) + "\"}}";
    return r;
}

class Session;

// What the sessions of one loop share; touched only on that loop's thread.
struct Core {
    Handler handler;
    ServerOptions options;
    bool stopping = false;
    std::set<Session*> sessions;
};

// Shared ownership is Asio's idiom here: each pending operation's handler
// holds the session alive until the last one completes.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, Core& core) : m_stream(std::move(socket)), m_core(core) {}
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    ~Session() { m_core.sessions.erase(this); }

    void start() {
        m_core.sessions.insert(this);
        // Once: asking the kernel at each request was a system call.
        beast::error_code ec;
        const auto peer = m_stream.socket().remote_endpoint(ec);
        m_peer = ec ? "unknown" : peer.address().to_string();
        wait_idle();
    }

    // The server is stopping: an idle connection closes now, a busy one
    // after its response.
    void on_stop() {
        if (m_state == State::idle) close();
    }

  private:
    enum class State { idle, reading, writing, closed };

    // Waits for the next request's first bytes, reading them into the
    // buffer: a read left pending costs no system call until they come,
    // where waiting for readiness re-armed the socket's epoll entry each
    // time. The stream's own timer is the idle timeout.
    void wait_idle() {
        if (m_core.stopping) return close();
        if (m_buffer.size() > 0) return read();  // a pipelined request is already here
        m_state = State::idle;
        m_stream.expires_after(m_core.options.idle_timeout);
        m_stream.async_read_some(
            m_buffer.prepare(k_first_read),
            [self = shared_from_this()](beast::error_code ec, std::size_t received) {
                if (ec || self->m_state == State::closed) return self->close();
                self->m_buffer.commit(received);
                self->read();
            });
    }

    void read() {
        m_state = State::reading;
        m_parser.emplace();
        m_parser->body_limit(m_core.options.max_body);
        m_parser->header_limit(k_header_limit);
        m_stream.expires_after(m_core.options.read_timeout);
        bhttp::async_read_header(m_stream, m_buffer, *m_parser,
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     self->on_header(ec);
                                 });
    }

    // A client that sent "Expect: 100-continue" (curl does, for bodies over
    // 1 KiB) waits for a go-ahead before the body; a body over the limit is
    // refused before it is sent.
    void on_header(beast::error_code ec) {
        if (ec) return on_read(ec);
        const auto& header = m_parser->get();
        const auto expect = header[bhttp::field::expect];
        if (!beast::iequals(expect, "100-continue")) return read_body();
        if (const auto length = m_parser->content_length();
            length && *length > m_core.options.max_body)
            return on_read(bhttp::error::body_limit);
        m_continue.emplace(bhttp::status::continue_, 11);
        bhttp::async_write(m_stream, *m_continue,
                           [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                               if (write_ec) return self->close();
                               self->read_body();
                           });
    }

    void read_body() {
        bhttp::async_read(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        m_stream.expires_never();
        if (ec == bhttp::error::end_of_stream || ec == net::error::eof ||
            ec == beast::error::timeout || ec == net::error::operation_aborted) {
            return close();
        }
        if (ec == bhttp::error::body_limit) {
            return respond(error_response(413, "payload_too_large",
                                          "Nội dung gửi lên vượt quá giới hạn cho phép."),
                           false);
        }
        if (ec == bhttp::error::header_limit) {
            return respond(error_response(431, "headers_too_large", "Phần đầu yêu cầu quá lớn."),
                           false);
        }
        if (ec) {
            return respond(error_response(400, "bad_request", "Yêu cầu HTTP không hợp lệ."), false);
        }
        auto& message = m_parser->get();
        Request request;
        request.method = text(message.method_string());
        request.target = text(message.target());
        for (const auto& field : message)
            request.headers.emplace_back(lower(text(field.name_string())), text(field.value()));
        request.body = std::move(message.body());
        request.peer = m_peer;
        Response response;
        try {
            response = m_core.handler(request);
        } catch (const std::exception& e) {
            std::cerr << "dondoc serve: lỗi nội bộ: " << e.what() << "\n";
            response = error_response(500, "internal", "Lỗi nội bộ của máy chủ.");
        }
        respond(std::move(response), message.keep_alive(), message.method() == bhttp::verb::head);
    }

    // A HEAD request gets the headers of the GET, its Content-Length
    // included, without the body.
    void respond(Response response, bool keep_alive, bool head = false) {
        m_state = State::writing;
        keep_alive = keep_alive && !m_core.stopping;
        m_response = {};
        m_response.version(11);
        m_response.result(static_cast<unsigned>(response.status));
        m_response.set(bhttp::field::server, "dondoc");
        m_response.set(bhttp::field::content_type, response.content_type);
        m_response.set("X-Content-Type-Options", "nosniff");
        for (const auto& [name, value] : response.headers) m_response.insert(name, value);
        m_response.body() = std::move(response.body);
        m_response.keep_alive(keep_alive);
        m_response.prepare_payload();
        if (head) {
            const auto length = m_response.body().size();
            m_response.body().clear();
            m_response.content_length(length);
        }
        m_stream.expires_after(m_core.options.read_timeout);
        bhttp::async_write(
            m_stream, m_response,
            [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                self->m_stream.expires_never();
                if (ec) return self->close();
                if (!keep_alive) return self->linger_close();
                self->wait_idle();
            });
    }

    // Closes after a response the client may still be sending a body to (a
    // 413, a malformed request): stop sending, then read and drop what still
    // arrives for a moment, so that the client's kernel does not receive a
    // reset that would destroy the response before it is read.
    void linger_close() {
        if (m_state == State::closed) return;
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return close();
        m_state = State::writing;  // not idle: a graceful stop lets it finish
        m_stream.expires_after(k_linger);
        drain();
    }

    void drain() {
        m_drain.resize(std::size_t{16} << 10);
        m_stream.async_read_some(net::buffer(m_drain),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     if (ec) return self->close();
                                     self->drain();
                                 });
    }

    void close() {
        if (m_state == State::closed) return;
        m_state = State::closed;
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        m_stream.socket().close(ec);
    }

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    bhttp::response<bhttp::string_body> m_response;
    std::optional<bhttp::response<bhttp::empty_body>> m_continue;  // "100 Continue"
    std::vector<char> m_drain;  // what a lingering close reads and drops
    std::string m_peer;         // the client's address
    State m_state = State::idle;
    Core& m_core;
};

}  // namespace

// One event loop: its io_context, the handler and sessions it owns, and the
// guard that keeps it running while it has no connection.
struct Loop {
    net::io_context ioc{1};
    Core core;
    std::optional<net::executor_work_guard<net::io_context::executor_type>> keep_running;

    void stop() {
        if (core.stopping) return;
        core.stopping = true;
        keep_running.reset();
        // on_stop() may close a session, which erases it from the set.
        const std::vector<Session*> open(core.sessions.begin(), core.sessions.end());
        for (Session* s : open) s->on_stop();
    }
};

struct Server::Impl {
    std::vector<std::unique_ptr<Loop>> loops;  // loops[0] runs the acceptor
    tcp::acceptor acceptor;
    net::signal_set signals;
    std::size_t next = 0;   // the loop the next connection goes to
    bool stopping = false;  // on loops[0]'s thread

    explicit Impl(std::vector<std::unique_ptr<Loop>> l)
        : loops(std::move(l)), acceptor(loops[0]->ioc), signals(loops[0]->ioc) {}

    void accept() {
        Loop& loop = *loops[next];
        next = (next + 1) % loops.size();
        acceptor.async_accept(loop.ioc, [this, &loop](beast::error_code ec, tcp::socket socket) {
            if (stopping) return;
            if (!ec) {
                auto session = std::make_shared<Session>(std::move(socket), loop.core);
                net::post(loop.ioc, [session] { session->start(); });
            }
            accept();
        });
    }

    // On loops[0]'s thread.
    void do_stop() {
        if (stopping) return;
        stopping = true;
        beast::error_code ec;
        acceptor.close(ec);
        signals.cancel(ec);
        for (auto& loop : loops) net::post(loop->ioc, [l = loop.get()] { l->stop(); });
    }
};

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options, Handler handler) {
    return create(options, [&handler]() -> Result<Handler> { return handler; });
}

Result<std::unique_ptr<Server>> Server::create(const ServerOptions& options,
                                               const HandlerFactory& make_handler) {
    std::vector<std::unique_ptr<Loop>> loops;
    for (std::size_t i = 0; i < std::max<std::size_t>(options.threads, 1); ++i) {
        auto loop = std::make_unique<Loop>();
        auto handler = make_handler();
        if (!handler) return handler.error();
        loop->core.handler = std::move(*handler);
        loop->core.options = options;
        loop->keep_running.emplace(loop->ioc.get_executor());
        loops.push_back(std::move(loop));
    }
    auto impl = std::make_unique<Impl>(std::move(loops));
    beast::error_code ec;
    const auto address = net::ip::make_address(options.address, ec);
    if (ec)
        return make_error(ErrorCode::invalid_input, "địa chỉ không hợp lệ: " + options.address,
                          "--listen");
    const tcp::endpoint endpoint(address, options.port);
    auto& acceptor = impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor.bind(endpoint, ec);
    if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec)
        return make_error(ErrorCode::io_error, "không mở được cổng: " + ec.message(),
                          options.address + ":" + std::to_string(options.port));
    if (options.stop_on_signals) {
        impl->signals.add(SIGTERM);
        impl->signals.add(SIGINT);
        impl->signals.async_wait([raw = impl.get()](beast::error_code wait_ec, int) {
            if (!wait_ec) raw->do_stop();
        });
    }
    impl->accept();
    return std::unique_ptr<Server>(new Server(std::move(impl)));
}

std::uint16_t Server::port() const {
    beast::error_code ec;
    return m_impl->acceptor.local_endpoint(ec).port();
}

void Server::run() {
    std::vector<std::thread> others;
    for (std::size_t i = 1; i < m_impl->loops.size(); ++i)
        others.emplace_back([loop = m_impl->loops[i].get()] { loop->ioc.run(); });
    m_impl->loops[0]->ioc.run();
    for (auto& t : others) t.join();
}

void Server::stop() {
    net::post(m_impl->loops[0]->ioc, [impl = m_impl.get()] { impl->do_stop(); });
}

}  // namespace dondoc::http
