// A real server on a loopback port over a temporary SQLite register with the
// Quảng Ngãi units and four seed directives, and one account per role:
//
//   admin      admin         unit 51 (the province)
//   tracker    tracker       unit 51
//   leader     leader        unit 530 (huyện Sơn Tây): tasks 1, 2, 6, 9–12
//   tckh       unit_officer  unit 530-tckh (Phòng TC-KH Sơn Tây): tasks 1, 2
//   nv524      unit_officer  unit 524-nv (Phòng Nội vụ Sơn Tịnh): tasks 7, 8
//   old        unit_officer  530-tckh, expired on 2024-06-30
//   gone       unit_officer  530-tckh, disabled
//
// Every password is "mat-khau-<login>". The clock starts at 2024-07-01.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "client.h"
#include "http/api.h"
#include "http/server.h"
#include "service/account_service.h"
#include "service/register_service.h"
#include "store/accounts.h"

namespace dondoc::http::testing {

using Json = nlohmann::json;

std::string slurp(const std::string& path);
std::string seed(int n);

// A signed-in client: cookies and the CSRF token, or a bearer token.
struct Credentials {
    std::string cookie;
    std::string csrf;
    std::string bearer;
    [[nodiscard]] std::map<std::string, std::string> headers(bool with_csrf = true) const;
};

struct Call {
    int status = 0;
    Json body;
    Reply reply;
};

class ApiTest : public ::testing::Test {
  protected:
    void SetUp() override;
    void TearDown() override;

    Credentials login(const std::string& user);
    Call call(const Credentials& who, const std::string& method, const std::string& target,
              const Json& body = nullptr);
    Call call_raw(const std::string& method, const std::string& target, const std::string& body,
                  const std::map<std::string, std::string>& headers);
    // The OpenAPI description the server publishes.
    Json openapi();

    std::atomic<std::int64_t> m_now{0};
    std::filesystem::path m_dir;
    std::unique_ptr<store::Repository> m_repository;
    std::unique_ptr<store::AccountStore> m_accounts;
    std::unique_ptr<service::RegisterService> m_service;
    std::unique_ptr<service::AccountService> m_account_service;
    std::unique_ptr<Api> m_api;
    std::unique_ptr<Server> m_server;
    std::thread m_thread;
    std::uint16_t m_port = 0;
};

// Checks `value` against a JSON Schema subset (type, properties, required,
// additionalProperties: false, items, enum); returns the problems found.
std::vector<std::string> schema_problems(const Json& value, const Json& schema,
                                         const std::string& where = "$");

}  // namespace dondoc::http::testing
