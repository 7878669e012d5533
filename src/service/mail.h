// E-mail: an Internet message (RFC 5322) in UTF-8 as Vietnamese mail
// readers expect it, and sending it over SMTP. The message is MIME with a
// base64 text/plain body; header words that are not ASCII are RFC 2047
// encoded-words. Dates are Vietnam's time (UTC+7, no daylight saving).
//
// smtp_mailer() speaks SMTP through libcurl (the only file that includes
// it is smtp.cpp). A Mailer is used by one thread at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"

namespace dondoc::service {

struct MailMessage {
    std::string from;  // address
    std::string from_name;
    std::string to;  // address
    std::string to_name;
    std::string subject;  // UTF-8
    std::string body;     // UTF-8, lines separated by '\n'
    std::chrono::system_clock::time_point date;
    std::string message_id;  // without angle brackets: "1700000000.ab12@example.vn"
};

// "=?UTF-8?B?...?=" words (folded, each at most 75 characters) for a header
// value that is not plain ASCII; the value as it is otherwise.
std::string encode_header_words(std::string_view utf8);

// "Mon, 01 Jul 2024 07:00:00 +0700".
std::string mail_date(std::chrono::system_clock::time_point at);

// A fresh Message-ID for mail from `from_address` (random, at its domain).
std::string new_message_id(std::string_view from_address, std::chrono::system_clock::time_point at);

// The whole message, CRLF line ends, ready for SMTP's DATA.
std::string format_mail(const MailMessage& message);

// Sends messages. send() is one SMTP transaction to one recipient;
// io_error with the server's or connection's complaint when it fails.
class Mailer {
  public:
    virtual ~Mailer() = default;
    virtual Result<void> send(const std::string& from, const std::string& to,
                              const std::string& message) = 0;
};

struct SmtpSettings {
    // smtp://host[:port] (STARTTLS when the server offers it) or
    // smtps://host[:port] (TLS from the start); user:password@ may be in it.
    std::string url;
    std::string user;  // when not in the URL
    std::string password;
    long timeout_seconds = 60;  // NOLINT(google-runtime-int): libcurl's type
};

// invalid_input when the URL is not smtp:// or smtps://.
Result<std::unique_ptr<Mailer>> smtp_mailer(const SmtpSettings& settings);

}  // namespace dondoc::service
