// `dondoc serve` as a real process: it creates the first admin on an empty
// register, and on SIGTERM finishes the request in flight, closes idle
// connections, stops accepting and exits 0 with the register intact.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <string>
#include <thread>

#include "client.h"
#include "store/accounts.h"
#include "store/repository.h"
#include "support/scratch_register.h"

namespace dondoc::http::testing {
namespace {

struct Process {
    pid_t pid = -1;
    int out = -1;  // the child's standard output
};

Process start_serve(const std::string& db) {
    int pipe_fds[2];
    EXPECT_EQ(pipe(pipe_fds), 0);
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        setenv("DONDOC_TEST_FAST_HASH", "1", 1);
        execl(DONDOC_BINARY, "dondoc", "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipe_fds[1]);
    return {pid, pipe_fds[0]};
}

// Reads the child's output until `pattern` matches (or it closes).
std::smatch wait_for(int fd, const std::regex& pattern, std::string& seen) {
    std::smatch match;
    char chunk[512];
    while (!std::regex_search(seen, match, pattern)) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n <= 0) break;
        seen.append(chunk, static_cast<std::size_t>(n));
    }
    std::regex_search(seen, match, pattern);
    return match;
}

TEST(ServeProcess, FirstRunCreatesAnAdminAndSigtermStopsGracefully) {
    std::random_device rd;
    const auto dir = std::filesystem::temp_directory_path() /
                     ("dondoc_serve_" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    const std::string db = (dir / "register.db").string();

    auto child = start_serve(db);
    std::string output;
    const auto password_line = wait_for(child.out, std::regex("mật khẩu ([0-9a-f]{24})"), output);
    ASSERT_EQ(password_line.size(), 2U) << output;
    const std::string password = password_line[1];
    const auto url_line =
        wait_for(child.out, std::regex("http://127\\.0\\.0\\.1:([0-9]+)"), output);
    ASSERT_EQ(url_line.size(), 2U) << output;
    const auto port = static_cast<std::uint16_t>(std::stoi(url_line[1]));

    EXPECT_EQ(request(port, "GET", "/api/health").status, 200);
    // An idle keep-alive connection, and a request whose body is still coming.
    Client idle(port);
    EXPECT_EQ(idle.send("GET", "/api/health").status, 200);
    const std::string body = nlohmann::json{{"login", "admin"}, {"password", password}}.dump();
    Client busy(port);
    busy.write(
        "POST /api/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        std::to_string(body.size()) + "\r\n\r\n" + body.substr(0, 10));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));

    ASSERT_EQ(kill(child.pid, SIGTERM), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    // The request in flight is still answered, and the connection then closes.
    busy.write(body.substr(10));
    const auto reply = busy.read();
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("connection"), "close");
    // The idle connection was closed.
    EXPECT_EQ(idle.send("GET", "/api/health").status, 0);

    int status = 0;
    ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    wait_for(child.out, std::regex("Máy chủ đã dừng"), output);
    EXPECT_NE(output.find("Máy chủ đã dừng"), std::string::npos) << output;
    close(child.out);
    // Nothing listens any more.
    EXPECT_EQ(request(port, "GET", "/api/health").status, 0);

    // The register is whole: the admin exists and the last sign-in was kept.
    {
        auto repository = store::open_sqlite(db);
        ASSERT_TRUE(repository.ok()) << repository.error().describe();
        auto accounts = store::open_sqlite_accounts(db);
        ASSERT_TRUE(accounts.ok());
        auto admin = (*accounts)->user_by_login("admin");
        ASSERT_TRUE(admin.ok() && admin->has_value());
        EXPECT_EQ((*admin)->role, domain::Role::admin);
        auto audit = (*accounts)->audit(10, 0);
        ASSERT_TRUE(audit.ok());
        EXPECT_EQ(audit->back().action, "user.add");
    }

    // A second start finds the admin and prints no password.
    auto again = start_serve(db);
    std::string second;
    wait_for(again.out, std::regex("http://127\\.0\\.0\\.1:[0-9]+"), second);
    EXPECT_EQ(second.find("mật khẩu"), std::string::npos) << second;
    kill(again.pid, SIGTERM);
    waitpid(again.pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(again.out);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

// `dondoc serve` on PostgreSQL while the server restarts (a cluster of its
// own, so that the other suites' databases are not disturbed): the
// requests that meet the dropped connection fail cleanly (500, the process
// lives on) and the following ones succeed on a new connection, for the
// account store and the register alike.
TEST(ServeProcess, PostgreSQLRestartFailsRequestsInFlightThenRecovers) {
    const std::string cluster = dondoc::testing::cluster_directory() + "-restart";
    const std::string script = dondoc::testing::cluster_script();
    if (!std::filesystem::exists(dondoc::testing::cluster_directory()))
        GTEST_SKIP() << "no PostgreSQL cluster (DONDOC_TEST_PG_HOST)";
    ASSERT_EQ(std::system((script + " start " + cluster + " >/dev/null").c_str()), 0);
    const std::string db = "postgresql://nobody@/postgres?host=" + cluster;

    // The store alone: the call after the restart fails with io_error, the next one reconnects.
    {
        auto repository = store::open_register(db);
        ASSERT_TRUE(repository.ok()) << repository.error().describe();
        ASSERT_TRUE((*repository)->counts().ok());
        ASSERT_EQ(std::system((script + " restart " + cluster).c_str()), 0);
        auto lost = (*repository)->counts();
        ASSERT_FALSE(lost.ok());
        EXPECT_EQ(lost.error().code, ErrorCode::io_error);
        EXPECT_NE(lost.error().message.find("PostgreSQL"), std::string::npos)
            << lost.error().message;
        auto again = (*repository)->counts();
        EXPECT_TRUE(again.ok()) << again.error().describe();
    }

    auto child = start_serve(db);
    std::string output;
    const auto password_line = wait_for(child.out, std::regex("mật khẩu ([0-9a-f]{24})"), output);
    ASSERT_EQ(password_line.size(), 2U) << output;
    const std::string login =
        nlohmann::json{{"login", "admin"}, {"password", std::string(password_line[1])}}.dump();
    const auto url_line =
        wait_for(child.out, std::regex("http://127\\.0\\.0\\.1:([0-9]+)"), output);
    ASSERT_EQ(url_line.size(), 2U) << output;
    const auto port = static_cast<std::uint16_t>(std::stoi(url_line[1]));

    const auto signed_in = [&] {
        auto reply = request(port, "POST", "/api/login", login);
        std::map<std::string, std::string> headers;
        for (const auto& cookie : reply.all("set-cookie")) {
            if (!headers["Cookie"].empty()) headers["Cookie"] += "; ";
            headers["Cookie"] += cookie.substr(0, cookie.find(';'));
        }
        return std::make_pair(reply.status, headers);
    };
    const auto before = signed_in();
    ASSERT_EQ(before.first, 200);
    ASSERT_EQ(request(port, "GET", "/api/units", {}, before.second).status, 200);

    ASSERT_EQ(std::system((script + " restart " + cluster).c_str()), 0);
    // Each request after the restart either fails cleanly or succeeds; within
    // a few, both stores have reconnected.
    int failed = 0;
    int status = 0;
    std::map<std::string, std::string> headers;
    for (int attempt = 0; attempt < 3 && status != 200; ++attempt) {
        auto [code, cookies] = signed_in();
        status = code;
        headers = cookies;
        if (code != 200) {
            EXPECT_EQ(code, 500);
            ++failed;
        }
    }
    ASSERT_EQ(status, 200);
    status = 0;
    for (int attempt = 0; attempt < 3 && status != 200; ++attempt) {
        status = request(port, "GET", "/api/units", {}, headers).status;
        if (status != 200) {
            EXPECT_EQ(status, 500);
            ++failed;
        }
    }
    EXPECT_EQ(status, 200);
    EXPECT_GE(failed, 1);  // the requests that met the dropped connections
    EXPECT_EQ(request(port, "GET", "/api/units", {}, headers).status, 200);

    kill(child.pid, SIGTERM);
    int exit_status = 0;
    waitpid(child.pid, &exit_status, 0);
    EXPECT_TRUE(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0);
    close(child.out);
    EXPECT_EQ(std::system((script + " stop " + cluster + " >/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace dondoc::http::testing
