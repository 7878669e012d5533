// The HTTP server alone (no API): its event loops, each with its own
// handler, and connections that wait or dawdle without holding up others.
#include "http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "client.h"

namespace dondoc::http {
namespace {

using testing::Client;

// A server on a free loopback port, run on its own thread until the test ends.
class Running {
  public:
    Running(const ServerOptions& options, const HandlerFactory& factory) {
        auto created = Server::create(options, factory);
        if (!created) throw std::runtime_error(created.error().message);
        m_server = std::move(*created);
        m_thread = std::thread([this] { m_server->run(); });
    }
    ~Running() {
        m_server->stop();
        m_thread.join();
    }
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;
    [[nodiscard]] std::uint16_t port() const { return m_server->port(); }

  private:
    std::unique_ptr<Server> m_server;
    std::thread m_thread;
};

ServerOptions loopback(std::size_t threads) {
    ServerOptions options;
    options.port = 0;
    options.threads = threads;
    return options;
}

TEST(Server, EachLoopCallsItsOwnHandlerOnItsOwnThread) {
    // Each handler answers with its number and records the threads it ran on.
    std::mutex mutex;
    std::map<int, std::set<std::thread::id>> threads_of;
    int made = 0;
    const HandlerFactory factory = [&]() -> Result<Handler> {
        const int number = made++;
        return Handler([number, &mutex, &threads_of](const Request&) {
            {
                const std::lock_guard lock(mutex);
                threads_of[number].insert(std::this_thread::get_id());
            }
            Response r;
            r.content_type = "text/plain";
            r.body = std::to_string(number);
            return r;
        });
    };
    std::set<std::string> answered_by;
    {
        Running server(loopback(2), factory);
        EXPECT_EQ(made, 2);
        // Connections go to the loops in turn: eight clients reach both.
        std::vector<std::unique_ptr<Client>> clients;
        for (int i = 0; i < 8; ++i) clients.push_back(std::make_unique<Client>(server.port()));
        for (int round = 0; round < 3; ++round)
            for (auto& client : clients) {
                auto reply = client->send("GET", "/which");
                ASSERT_EQ(reply.status, 200);
                answered_by.insert(reply.body);
            }
    }
    EXPECT_EQ(answered_by, (std::set<std::string>{"0", "1"}));
    ASSERT_EQ(threads_of.size(), 2U);
    EXPECT_EQ(threads_of[0].size(), 1U);
    EXPECT_EQ(threads_of[1].size(), 1U);
    EXPECT_NE(*threads_of[0].begin(), *threads_of[1].begin());
}

TEST(Server, AHeadIsAnsweredWithTheGetsLengthAndNoBody) {
    const HandlerFactory factory = []() -> Result<Handler> {
        return Handler([](const Request& request) {
            Response r;
            r.content_type = "text/plain";
            r.body = request.target == "/long" ? std::string(5000, 'x') : "năm";
            return r;
        });
    };
    Running server(loopback(1), factory);
    Client client(server.port());
    auto head = client.send("HEAD", "/long");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), "5000");
    EXPECT_TRUE(head.body.empty());
    // Nothing of the body was sent: the next answer on the connection reads
    // whole.
    auto get = client.send("GET", "/short");
    EXPECT_EQ(get.status, 200);
    EXPECT_EQ(get.header("content-length"), "4");
    EXPECT_EQ(get.body, "năm");
}

TEST(Server, AFactoryErrorFailsCreate) {
    int made = 0;
    auto created = Server::create(loopback(3), [&]() -> Result<Handler> {
        if (++made == 2) return make_error(ErrorCode::io_error, "register unavailable");
        return Handler([](const Request&) { return Response{}; });
    });
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().message, "register unavailable");
}

TEST(Server, FiveHundredIdleOrDawdlingConnectionsDoNotStarveOthers) {
    // One loop, the worst case: a thread per connection would be exhausted.
    std::atomic<int> served{0};
    Running server(loopback(1), [&]() -> Result<Handler> {
        return Handler([&served](const Request& request) {
            ++served;
            Response r;
            r.content_type = "text/plain";
            r.body = request.target;
            return r;
        });
    });
    // 400 connections that send nothing, 100 that send half a request and stop.
    std::vector<std::unique_ptr<Client>> idle;
    for (int i = 0; i < 500; ++i) {
        idle.push_back(std::make_unique<Client>(server.port()));
        ASSERT_TRUE(idle.back()->connected()) << "connection " << i;
        if (i % 5 == 0) idle.back()->write("GET /slow HTTP/1.1\r\nHost: dondoc\r\nX-Slow: ");
    }
    // Meanwhile normal clients are served, on new and kept-alive connections.
    Client steady(server.port());
    for (int i = 0; i < 200; ++i) {
        const std::string target = "/normal/" + std::to_string(i);
        auto reply =
            i % 2 ? steady.send("GET", target) : testing::request(server.port(), "GET", target);
        ASSERT_EQ(reply.status, 200) << target;
        EXPECT_EQ(reply.body, target);
    }
    EXPECT_EQ(served.load(), 200);
    // The idle ones were kept, not dropped to make room: they are served too.
    for (int i = 1; i < 500; i += 50) {
        auto reply = idle[i]->send("GET", "/late/" + std::to_string(i));
        EXPECT_EQ(reply.status, 200) << "idle connection " << i;
    }
    // A dawdler that finishes its request is answered.
    idle[0]->write("1\r\n\r\n");
    auto reply = idle[0]->read();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "/slow");
}

TEST(Server, AQuietConnectionClosesAfterTheIdleTimeoutAndADawdlerAfterTheReadTimeout) {
    ServerOptions options = loopback(1);
    options.idle_timeout = std::chrono::milliseconds(600);
    options.read_timeout = std::chrono::milliseconds(300);
    Running server(options, []() -> Result<Handler> {
        return Handler([](const Request& request) {
            Response r;
            r.content_type = "text/plain";
            r.body = request.target;
            return r;
        });
    });
    Client quiet(server.port());
    Client busy(server.port());
    Client dawdler(server.port());
    ASSERT_EQ(quiet.send("GET", "/first").status, 200);
    dawdler.write("GET /slow HTTP/1.1\r\nHost: dondoc\r\nX-Slow: ");
    // Requests closer together than the idle timeout keep a connection.
    for (int i = 0; i < 6; ++i) {
        ASSERT_EQ(busy.send("GET", "/busy").status, 200) << i;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    // 1.2 s on: the half-sent request had 0.3 s, the quiet connection 0.6.
    EXPECT_EQ(dawdler.read().status, 0);
    EXPECT_EQ(quiet.send("GET", "/again").status, 0);
    EXPECT_EQ(busy.send("GET", "/busy").status, 200);
}

}  // namespace
}  // namespace dondoc::http
