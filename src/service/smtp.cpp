// SMTP through libcurl: the only file that includes it.
#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>

#include "service/mail.h"

namespace dondoc::service {
namespace {

// What is left of the message for libcurl to read into DATA.
struct Upload {
    std::string_view rest;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* data) {
    auto* upload = static_cast<Upload*>(data);
    const std::size_t n = std::min(size * count, upload->rest.size());
    std::memcpy(buffer, upload->rest.data(), n);
    upload->rest.remove_prefix(n);
    return n;
}

// The easy handle and recipient list of one send, freed on every path.
struct Transfer {
    CURL* curl = curl_easy_init();
    curl_slist* recipients = nullptr;
    Transfer() = default;
    Transfer(const Transfer&) = delete;
    Transfer& operator=(const Transfer&) = delete;
    ~Transfer() {
        curl_slist_free_all(recipients);
        if (curl != nullptr) curl_easy_cleanup(curl);
    }
};

class SmtpMailer final : public Mailer {
  public:
    explicit SmtpMailer(SmtpSettings settings) : m_settings(std::move(settings)) {}

    Result<void> send(const std::string& from, const std::string& to,
                      const std::string& message) override {
        Transfer t;
        if (t.curl == nullptr) return make_error(ErrorCode::io_error, "libcurl cannot start");
        std::array<char, CURL_ERROR_SIZE> detail{};
        Upload upload{message};
        const std::string mail_from = "<" + from + ">";
        const std::string rcpt = "<" + to + ">";
        t.recipients = curl_slist_append(t.recipients, rcpt.c_str());
        curl_easy_setopt(t.curl, CURLOPT_URL, m_settings.url.c_str());
        if (!m_settings.user.empty()) {
            curl_easy_setopt(t.curl, CURLOPT_USERNAME, m_settings.user.c_str());
            curl_easy_setopt(t.curl, CURLOPT_PASSWORD, m_settings.password.c_str());
        }
        // smtp://: STARTTLS when the server offers it; smtps:// is TLS throughout.
        curl_easy_setopt(t.curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
        curl_easy_setopt(t.curl, CURLOPT_MAIL_FROM, mail_from.c_str());
        curl_easy_setopt(t.curl, CURLOPT_MAIL_RCPT, t.recipients);
        curl_easy_setopt(t.curl, CURLOPT_READFUNCTION, read_message);
        curl_easy_setopt(t.curl, CURLOPT_READDATA, &upload);
        curl_easy_setopt(t.curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(t.curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
        curl_easy_setopt(t.curl, CURLOPT_ERRORBUFFER, detail.data());
        // The server's scheduler thread: no signals (they would reach the
        // whole process), bounded waits.
        curl_easy_setopt(t.curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(t.curl, CURLOPT_CONNECTTIMEOUT, std::min(m_settings.timeout_seconds, 20L));
        curl_easy_setopt(t.curl, CURLOPT_TIMEOUT, m_settings.timeout_seconds);
        const CURLcode code = curl_easy_perform(t.curl);
        if (code != CURLE_OK) {
            std::string what = detail[0] != '\0' ? detail.data() : curl_easy_strerror(code);
            return make_error(ErrorCode::io_error, "gửi thư không được: " + what, to);
        }
        return {};
    }

  private:
    const SmtpSettings m_settings;
};

}  // namespace

Result<std::unique_ptr<Mailer>> smtp_mailer(const SmtpSettings& settings) {
    if (settings.url.rfind("smtp://", 0) != 0 && settings.url.rfind("smtps://", 0) != 0)
        return make_error(ErrorCode::invalid_input,
                          "máy chủ thư phải có dạng smtp://máy:cổng hoặc smtps://máy:cổng", "smtp");
    // curl_global_init is not thread-safe: once, whichever thread comes first.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    return std::unique_ptr<Mailer>(std::make_unique<SmtpMailer>(settings));
}

}  // namespace dondoc::service
