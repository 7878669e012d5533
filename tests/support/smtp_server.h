// Test support: a real SMTP server on 127.0.0.1, Debian's aiosmtpd
// (python3-aiosmtpd) started by the test, delivering into a Maildir that the
// test then reads: each message's headers, its RFC 2047 subject decoded, its
// base64 body decoded, the envelope recipients aiosmtpd recorded.
// Stopped (the process killed, the Maildir removed) by the destructor.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace dondoc::testing {

struct DeliveredMail {
    std::string file;                            // in the Maildir
    std::map<std::string, std::string> headers;  // lower-case name → value, unfolded
    std::string subject;                         // decoded
    std::string body;                            // decoded, CRLF → LF
    std::string envelope_to;                     // X-RcptTo, as aiosmtpd recorded it
};

// A free TCP port on 127.0.0.1 (nobody listens on it once this returns).
int free_port();

// Decodes "=?UTF-8?B?…?=" words (and Q ones) of a header value.
std::string decode_header_words(const std::string& value);

class SmtpServer {
  public:
    // Starts on `port` (a free one when 0) and waits until it accepts.
    explicit SmtpServer(int port = 0);
    ~SmtpServer();
    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    [[nodiscard]] bool running() const { return m_pid > 0; }
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
    [[nodiscard]] const std::string& maildir() const { return m_maildir; }
    // Every message delivered so far, in file name order (delivery time).
    [[nodiscard]] std::vector<DeliveredMail> mails() const;
    void stop();

  private:
    int m_port = 0;
    pid_t m_pid = -1;
    std::string m_maildir;
};

}  // namespace dondoc::testing
