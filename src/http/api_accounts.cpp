// Routes: health, the OpenAPI document, sign-in, accounts, tokens, the audit log.
#include <algorithm>

#include "http/api_internal.h"
#include "read/record_json.h"

namespace dondoc::http {

void Api::Impl::add_account_routes() {
    add(Route("GET", "/api/health", "Máy chủ đang chạy")
            .public_route()
            .returns(object_of({{"status", t("string")}})),
        [](Context&) -> Result<Reply> {
            return Reply{200, Json{{"status", "ok"}}, {}};
        });
    add(Route("GET", "/api/openapi.json", "Mô tả OpenAPI của API này")
            .public_route()
            .returns(any_object()),
        [this](Context&) -> Result<Reply> {
            return Reply{200, openapi(), {}};
        });
    add(Route("POST", "/api/login", "Đăng nhập; đặt cookie phiên và cookie CSRF")
            .public_route()
            .json({{"login", Type::string, true}, {"password", Type::string, true}})
            .returns(object_of({{"user", user_schema()}, {"csrf", t("string")}})),
        [this](Context& c) -> Result<Reply> {
            auto outcome = accounts.login(c.body["login"].get<std::string>(),
                                          c.body["password"].get<std::string>(), c.request.peer);
            if (!outcome) return outcome.error();
            using S = service::LoginOutcome::Status;
            switch (outcome->status) {
                case S::ok:
                    break;
                case S::locked:
                    return Reply{
                        429,
                        Json{{"error",
                              {{"code", "too_many_attempts"},
                               {"message", "Đăng nhập sai quá nhiều lần; hãy thử lại sau " +
                                               std::to_string(outcome->retry_after) + " giây."}}}},
                        {{"Retry-After", std::to_string(outcome->retry_after)}}};
                case S::disabled:
                    return Reply{403,
                                 Json{{"error",
                                       {{"code", "account_disabled"},
                                        {"message", "Tài khoản đã bị khóa."}}}},
                                 {}};
                case S::expired:
                    return Reply{403,
                                 Json{{"error",
                                       {{"code", "account_expired"},
                                        {"message", "Tài khoản đã hết hạn sử dụng."}}}},
                                 {}};
                case S::bad_credentials:
                    return Reply{401,
                                 Json{{"error",
                                       {{"code", "unauthenticated"},
                                        {"message", "Sai tên đăng nhập hoặc mật khẩu."}}}},
                                 {}};
            }
            const auto max_age = std::to_string(service::k_session_seconds);
            return Reply{
                200,
                Json{{"user", user_to_json(outcome->principal->user)},
                     {"csrf", outcome->principal->csrf}},
                {{"Set-Cookie", "dondoc_session=" + outcome->session_token +
                                    "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + max_age},
                 {"Set-Cookie", "dondoc_csrf=" + outcome->principal->csrf +
                                    "; Path=/; SameSite=Strict; Max-Age=" + max_age}}};
        });
    add(Route("POST", "/api/logout", "Đăng xuất").returns(ok_schema()),
        [this](Context& c) -> Result<Reply> {
            const auto jar = cookies(c.request);
            if (auto it = jar.find("dondoc_session"); it != jar.end()) {
                if (auto out = accounts.logout(it->second); !out) return out.error();
            }
            return Reply{200,
                         Json{{"ok", true}},
                         {{"Set-Cookie",
                           "dondoc_session=; Path=/; HttpOnly; SameSite=Strict; "
                           "Max-Age=0"},
                          {"Set-Cookie", "dondoc_csrf=; Path=/; SameSite=Strict; Max-Age=0"}}};
        });
    add(Route("GET", "/api/me", "Tài khoản đang đăng nhập").returns(user_schema()),
        [](Context& c) -> Result<Reply> {
            return Reply{200, user_to_json(c.who->user), {}};
        });
    add(Route("POST", "/api/me/password", "Đổi mật khẩu của chính mình (các phiên kết thúc)")
            .json({{"old_password", Type::string, true}, {"password", Type::string, true}})
            .returns(ok_schema()),
        [this](Context& c) -> Result<Reply> {
            auto changed =
                accounts.change_own_password(c.who->user, c.body["old_password"].get<std::string>(),
                                             c.body["password"].get<std::string>());
            if (!changed) return changed.error();
            return Reply{200, Json{{"ok", true}}, {}};
        });
    const std::vector<std::string> roles = {"admin", "leader", "tracker", "unit_officer"};
    add(Route("GET", "/api/users", "Danh sách tài khoản")
            .only(k_admin)
            .returns(array_of(user_schema())),
        [this](Context&) -> Result<Reply> {
            auto users = accounts.users();
            if (!users) return users.error();
            Json out = Json::array();
            for (const auto& u : *users) out.push_back(user_to_json(u));
            return Reply{200, out, {}};
        });
    add(Route("POST", "/api/users", "Tạo tài khoản")
            .only(k_admin)
            .json({{"login", Type::string, true},
                   {"display_name", Type::string, false},
                   {"password", Type::string, true},
                   {"role", Type::string, true, roles},
                   {"unit", Type::string, true},
                   {"expires_on", Type::nullable_date, false},
                   {"email", Type::nullable_string, false, {}, "địa chỉ nhận thư nhắc hạn"}})
            .returns(user_schema(), 201),
        [this](Context& c) -> Result<Reply> {
            service::NewUser n;
            n.login = c.body["login"].get<std::string>();
            n.display_name = c.body.value("display_name", std::string());
            n.password = c.body["password"].get<std::string>();
            n.role = *domain::role_from_name(c.body["role"].get<std::string>());
            n.unit = domain::UnitId{c.body["unit"].get<std::string>()};
            if (c.body.contains("expires_on") && c.body["expires_on"].is_string())
                n.expires_on = date_value(c.body["expires_on"].get<std::string>());
            if (c.body.contains("email") && c.body["email"].is_string() &&
                !c.body["email"].get<std::string>().empty())
                n.email = c.body["email"].get<std::string>();
            auto user = accounts.add_user(c.actor(), n);
            if (!user) return user.error();
            return Reply{201, user_to_json(*user), {}};
        });
    add(Route("PATCH", "/api/users/{login}",
              "Sửa tài khoản (mật khẩu, vai trò, khóa, hạn dùng, thư điện tử)")
            .only(k_admin)
            .json({{"display_name", Type::string, false},
                   {"password", Type::string, false},
                   {"role", Type::string, false, roles},
                   {"unit", Type::string, false},
                   {"expires_on", Type::nullable_date, false},
                   {"disabled", Type::boolean, false},
                   {"email", Type::nullable_string, false, {}, "null hoặc \"\": bỏ địa chỉ"}})
            .returns(user_schema()),
        [this](Context& c) -> Result<Reply> {
            service::UserChange change;
            const auto& b = c.body;
            if (b.contains("display_name")) change.display_name = b["display_name"];
            if (b.contains("password")) change.password = b["password"];
            if (b.contains("role"))
                change.role = domain::role_from_name(b["role"].get<std::string>());
            if (b.contains("unit")) change.unit = domain::UnitId{b["unit"].get<std::string>()};
            if (b.contains("expires_on"))
                change.expires_on = b["expires_on"].is_null()
                                        ? std::optional<CivilDate>()
                                        : date_value(b["expires_on"].get<std::string>());
            if (b.contains("disabled")) change.disabled = b["disabled"].get<bool>();
            if (b.contains("email"))
                change.email = b["email"].is_null() || b["email"].get<std::string>().empty()
                                   ? std::optional<std::string>()
                                   : std::optional<std::string>(b["email"].get<std::string>());
            auto user = accounts.change_user(c.actor(), c.path.at("login"), change);
            if (!user) return user.error();
            return Reply{200, user_to_json(*user), {}};
        });
    add(Route("POST", "/api/users/{login}/tokens", "Tạo mã truy cập (bearer) cho tập lệnh")
            .only(k_admin)
            .json({{"name", Type::string, true}, {"expires_on", Type::nullable_date, false}})
            .returns(object_of({{"token", t("string")}}), 201),
        [this](Context& c) -> Result<Reply> {
            std::optional<CivilDate> expires;
            if (c.body.contains("expires_on") && c.body["expires_on"].is_string())
                expires = date_value(c.body["expires_on"].get<std::string>());
            auto token = accounts.create_token(c.actor(), c.path.at("login"),
                                               c.body["name"].get<std::string>(), expires);
            if (!token) return token.error();
            return Reply{201, Json{{"token", *token}}, {}};
        });
    add(Route("GET", "/api/audit", "Nhật ký thay đổi (mới nhất trước)")
            .only(k_admin)
            .query({{"limit", Type::integer}, {"offset", Type::integer}})
            .returns(array_of(object_of({{"id", t("integer")},
                                         {"at", t("integer")},
                                         {"actor", t("string")},
                                         {"action", t("string")},
                                         {"target", t("string")},
                                         {"before", Json::object()},
                                         {"after", Json::object()}}))),
        [this](Context& c) -> Result<Reply> {
            std::size_t limit = 100;
            std::size_t offset = 0;
            if (auto l = c.q("limit"))
                limit = static_cast<std::size_t>(*integer_param(*l, "limit"));
            if (auto o = c.q("offset"))
                offset = static_cast<std::size_t>(*integer_param(*o, "offset"));
            limit = std::clamp<std::size_t>(limit, 1, limits.max_page);
            auto entries = accounts.audit(limit, offset);
            if (!entries) return entries.error();
            Json out = Json::array();
            for (const auto& e : *entries) {
                out.push_back({{"id", e.id},
                               {"at", e.at},
                               {"actor", e.actor},
                               {"action", e.action},
                               {"target", e.target},
                               {"before", Json::parse(e.before_json, nullptr, false)},
                               {"after", Json::parse(e.after_json, nullptr, false)}});
            }
            return Reply{200, out, {}};
        });
}

}  // namespace dondoc::http
