#include "client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace dondoc::http::testing {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::vector<std::string> Reply::all(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : headers)
        if (key == name) out.push_back(value);
    return out;
}

std::string Reply::header(const std::string& name) const {
    auto values = all(name);
    return values.empty() ? std::string() : values.front();
}

struct Client::Impl {
    net::io_context ioc;
    tcp::socket socket{ioc};
    beast::flat_buffer buffer;
    bool ok = false;
};

Client::Client(std::uint16_t port) : m_impl(std::make_unique<Impl>()) {
    beast::error_code ec;
    m_impl->socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port), ec);
    m_impl->ok = !ec;
}

Client::~Client() = default;

bool Client::connected() const {
    return m_impl->ok;
}

Reply Client::read(bool head) {
    Reply reply;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(head);
    beast::error_code ec;
    bhttp::read(m_impl->socket, m_impl->buffer, parser, ec);
    if (ec) {
        m_impl->ok = false;
        return reply;
    }
    auto& message = parser.get();
    reply.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers.emplace_back(name, std::string(field.value()));
    }
    reply.body = message.body();
    return reply;
}

Reply Client::send(const std::string& method, const std::string& target, const std::string& body,
                   const std::map<std::string, std::string>& headers) {
    if (!m_impl->ok) return {};
    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(bhttp::field::host, "127.0.0.1");
    bool typed = false;
    for (const auto& [name, value] : headers) {
        req.set(name, value);
        if (name == "Content-Type") typed = true;
    }
    if (!body.empty() && !typed) req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    beast::error_code ec;
    bhttp::write(m_impl->socket, req, ec);
    // A server may answer (413) and stop reading before the body is sent:
    // the answer is still there to read.
    return read(method == "HEAD");
}

void Client::write(const std::string& bytes) {
    beast::error_code ec;
    net::write(m_impl->socket, net::buffer(bytes), ec);
    if (ec) m_impl->ok = false;
}

std::string Client::raw(const std::string& bytes) {
    write(bytes);
    std::string out;
    char chunk[4096];
    while (true) {
        beast::error_code ec;
        const std::size_t n = m_impl->socket.read_some(net::buffer(chunk), ec);
        out.append(chunk, n);
        if (ec) break;
    }
    m_impl->ok = false;
    return out;
}

Reply request(std::uint16_t port, const std::string& method, const std::string& target,
              const std::string& body, const std::map<std::string, std::string>& headers) {
    Client client(port);
    return client.send(method, target, body, headers);
}

}  // namespace dondoc::http::testing
