#include "service/mail.h"

#include <array>
#include <cstdint>
#include <cstdio>

#include "service/account_service.h"

namespace dondoc::service {
namespace {

constexpr std::string_view k_base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                                (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                                std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
        out += k_base64[(v >> 18) & 63];
        out += k_base64[(v >> 12) & 63];
        out += k_base64[(v >> 6) & 63];
        out += k_base64[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
        if (rest == 2) v |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
        out += k_base64[(v >> 18) & 63];
        out += k_base64[(v >> 12) & 63];
        out += rest == 2 ? k_base64[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

bool plain_ascii(std::string_view s) {
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 127 || u < 32) return false;
    }
    return true;
}

// Bytes of a UTF-8 sequence starting with `lead` (1 for a stray byte).
std::size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

// A display name and address: `"Name" <a@b>` with the name encoded when it
// needs to be.
std::string mailbox(const std::string& name, const std::string& address) {
    if (name.empty()) return "<" + address + ">";
    std::string out;
    if (plain_ascii(name) && name.find_first_of("\"\\,;:<>()[]@") == std::string::npos) {
        out = name;
    } else {
        out = encode_header_words(name);
    }
    out += " <";
    out += address;
    out += '>';
    return out;
}

// Header values come from the register and the settings: a CR or LF would
// start a header of its own.
std::string one_line(std::string_view value) {
    std::string out;
    for (const char c : value) out += (c == '\r' || c == '\n') ? ' ' : c;
    return out;
}

}  // namespace

std::string encode_header_words(std::string_view utf8) {
    if (plain_ascii(utf8)) return std::string(utf8);
    // 45 bytes → 60 base64 characters; with "=?UTF-8?B?" and "?=" a word
    // is 72 characters, under RFC 2047's 75. Words break between
    // characters, never inside one (each word must be valid UTF-8 alone).
    constexpr std::size_t k_chunk = 45;
    std::string out;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        std::size_t end = pos;
        while (end < utf8.size()) {
            const std::size_t len = sequence_length(static_cast<unsigned char>(utf8[end]));
            if (end + len - pos > k_chunk) break;
            end += len;
        }
        if (end == pos) end = std::min(utf8.size(), pos + k_chunk);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?";
        out += base64(utf8.substr(pos, end - pos));
        out += "?=";
        pos = end;
    }
    return out;
}

std::string mail_date(std::chrono::system_clock::time_point at) {
    static constexpr std::array<const char*, 7> k_days = {"Sun", "Mon", "Tue", "Wed",
                                                          "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> k_months = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto local = std::chrono::floor<std::chrono::seconds>(at) + std::chrono::hours{7};
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::weekday wd{day};
    const std::chrono::hh_mm_ss time{local - day};
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%s, %02u %s %d %02d:%02d:%02d +0700",
                  k_days[wd.c_encoding()], static_cast<unsigned>(ymd.day()),
                  k_months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return buffer.data();
}

std::string new_message_id(std::string_view from_address,
                           std::chrono::system_clock::time_point at) {
    const auto at_sign = from_address.rfind('@');
    const std::string domain = at_sign == std::string_view::npos
                                   ? std::string("dondoc.localhost")
                                   : std::string(from_address.substr(at_sign + 1));
    std::string id = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count());
    id += '.';
    id += random_hex(12);
    id += '@';
    id += domain;
    return id;
}

std::string format_mail(const MailMessage& m) {
    std::string out;
    out += "From: " + one_line(mailbox(m.from_name, m.from)) + "\r\n";
    out += "To: " + one_line(mailbox(m.to_name, m.to)) + "\r\n";
    out += "Subject: " + encode_header_words(one_line(m.subject)) + "\r\n";
    out += "Date: " + mail_date(m.date) + "\r\n";
    out += "Message-ID: <" + one_line(m.message_id) + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    out += "\r\n";
    // The body with CRLF line ends, in base64 lines of 76 characters.
    std::string body;
    for (const char c : m.body) {
        if (c == '\n') body += '\r';
        body += c;
    }
    const std::string encoded = base64(body);
    for (std::size_t i = 0; i < encoded.size(); i += 76) {
        out += encoded.substr(i, 76);
        out += "\r\n";
    }
    return out;
}

}  // namespace dondoc::service
