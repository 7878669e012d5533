// A small blocking HTTP/1.1 client for the server tests (Beast stays in
// client.cpp). One connection per Client; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace dondoc::http::testing {

struct Reply {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;
    [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
    [[nodiscard]] std::string header(const std::string& name) const;
};

class Client {
  public:
    explicit Client(std::uint16_t port);
    ~Client();
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    // Sends one request on this connection (keep-alive) and reads the reply;
    // status 0 when the connection failed or closed.
    Reply send(const std::string& method, const std::string& target, const std::string& body = {},
               const std::map<std::string, std::string>& headers = {});
    // Writes raw bytes and reads whatever comes back until the peer closes.
    std::string raw(const std::string& bytes);
    // Writes raw bytes without reading.
    void write(const std::string& bytes);
    // Reads one response (after write()); the answer to a HEAD has no body,
    // whatever its Content-Length says.
    Reply read(bool head = false);
    [[nodiscard]] bool connected() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One request on a fresh connection.
Reply request(std::uint16_t port, const std::string& method, const std::string& target,
              const std::string& body = {}, const std::map<std::string, std::string>& headers = {});

}  // namespace dondoc::http::testing
