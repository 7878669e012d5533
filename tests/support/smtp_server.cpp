#include "support/smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

namespace dondoc::testing {
namespace {

bool accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

std::string base64_decode(std::string_view in) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : in) {
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        if (c >= '0' && c <= '9') v = c - '0' + 52;
        if (c == '+') v = 62;
        if (c == '/') v = 63;
        if (v < 0) continue;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = 0;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::string decode_header_words(const std::string& value) {
    std::string out;
    std::size_t pos = 0;
    bool last_was_word = false;
    while (pos < value.size()) {
        const auto start = value.find("=?", pos);
        if (start == std::string::npos) {
            out += value.substr(pos);
            break;
        }
        const std::string between = value.substr(pos, start - pos);
        // Whitespace between two encoded words is not part of the text.
        if (!(last_was_word && between.find_first_not_of(" \t\r\n") == std::string::npos))
            out += between;
        const auto q1 = value.find('?', start + 2);
        const auto q2 = q1 == std::string::npos ? q1 : value.find('?', q1 + 1);
        const auto end = q2 == std::string::npos ? q2 : value.find("?=", q2 + 1);
        if (end == std::string::npos) {
            out += value.substr(start);
            break;
        }
        const std::string encoding = lower(value.substr(q1 + 1, q2 - q1 - 1));
        const std::string text = value.substr(q2 + 1, end - q2 - 1);
        if (encoding == "b") {
            out += base64_decode(text);
        } else {
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (text[i] == '_') {
                    out += ' ';
                } else if (text[i] == '=' && i + 2 < text.size()) {
                    out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
                    i += 2;
                } else {
                    out += text[i];
                }
            }
        }
        pos = end + 2;
        last_was_word = true;
    }
    return out;
}

SmtpServer::SmtpServer(int port) : m_port(port == 0 ? free_port() : port) {
    std::random_device rd;
    m_maildir = (std::filesystem::temp_directory_path() /
                 ("dondoc_maildir_" + std::to_string(rd()) + std::to_string(m_port)))
                    .string();
    const std::string listen = "127.0.0.1:" + std::to_string(m_port);
    m_pid = ::fork();
    if (m_pid == 0) {
        // The server goes when the test does, even when the test crashes:
        // left running, it would hold ctest's output pipe open.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        // Debian's interpreter: the module is a Debian package.
        ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
                "aiosmtpd.handlers.Mailbox", m_maildir.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    for (int i = 0; i < 200; ++i) {
        if (accepts(m_port)) return;
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    stop();
}

SmtpServer::~SmtpServer() {
    stop();
    std::error_code ignored;
    std::filesystem::remove_all(m_maildir, ignored);
}

void SmtpServer::stop() {
    if (m_pid <= 0) return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100; ++i) {
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
    // Nothing listens on the port from here on.
    for (int i = 0; i < 100 && accepts(m_port); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

std::vector<DeliveredMail> SmtpServer::mails() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& sub : {"new", "cur"}) {
        const auto dir = std::filesystem::path(m_maildir) / sub;
        if (!std::filesystem::exists(dir, ec)) continue;
        for (const auto& e : std::filesystem::directory_iterator(dir, ec))
            files.push_back(e.path());
    }
    // In delivery order: Python's Maildir names a message
    // "<seconds>.M<microseconds>P<pid>Q<count>.<host>", the count going up
    // by one per message in the server process; the microseconds are not
    // zero-padded, so the names alone do not sort by time.
    const auto delivery = [](const std::filesystem::path& f) {
        const std::string name = f.filename().string();
        const auto q = name.find('Q');
        std::uint64_t count = 0;
        for (std::size_t i = q == std::string::npos ? name.size() : q + 1;
             i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i)
            count = count * 10 + static_cast<std::uint64_t>(name[i] - '0');
        return std::make_pair(count, name);
    };
    std::sort(files.begin(), files.end(),
              [&](const auto& a, const auto& b) { return delivery(a) < delivery(b); });
    std::vector<DeliveredMail> out;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        std::string text = s.str();
        // Lines end in LF in the Maildir (CRLF once in a while): one form.
        std::string plain;
        for (const char c : text)
            if (c != '\r') plain += c;
        DeliveredMail mail;
        mail.file = f.filename().string();
        const auto split = plain.find("\n\n");
        const std::string head = plain.substr(0, split);
        const std::string body = split == std::string::npos ? "" : plain.substr(split + 2);
        std::string current;
        std::istringstream lines(head);
        std::string line;
        std::vector<std::string> unfolded;
        while (std::getline(lines, line)) {
            if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !unfolded.empty()) {
                unfolded.back() +=
                    line;  // keeps the space: decode_header_words drops it between words
            } else {
                unfolded.push_back(line);
            }
        }
        for (const auto& h : unfolded) {
            const auto colon = h.find(':');
            if (colon == std::string::npos) continue;
            std::string value = h.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            mail.headers[lower(h.substr(0, colon))] = value;
        }
        mail.subject = decode_header_words(mail.headers["subject"]);
        mail.envelope_to = mail.headers["x-rcptto"];
        if (lower(mail.headers["content-transfer-encoding"]) == "base64") {
            std::string decoded = base64_decode(body);
            for (const char c : decoded)
                if (c != '\r') mail.body += c;
        } else {
            mail.body = body;
        }
        out.push_back(std::move(mail));
    }
    return out;
}

}  // namespace dondoc::testing
