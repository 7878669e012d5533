// Routes: the caller's reminders in the app (nhắc hạn): the list with the
// unread count, and marking them read.
#include <algorithm>

#include "http/api_internal.h"
#include "store/accounts.h"

namespace dondoc::http {
namespace {

Json notification_json(const store::Notification& f) {
    const auto& n = f.notice;
    return Json{{"id", f.id},
                {"kind", store::notice_kind_name(n.kind)},
                {"label", store::notice_kind_label(n.kind)},
                {"task", n.task.value},
                {"task_text", n.task_text},
                {"document", n.document},
                {"day", domain::iso(n.day)},
                {"period", n.period_label},
                {"unit", n.unit.value},
                {"noticed_on", domain::iso(n.noticed_on)},
                {"created_at", f.created_at},
                {"read", f.read_at.has_value()}};
}

}  // namespace

void Api::Impl::add_notification_routes() {
    add(Route("GET", "/api/notifications",
              "Thông báo nhắc hạn của người đang đăng nhập (mới nhất trước) và số chưa đọc")
            .query({{"limit", Type::integer}})
            .returns(
                object_of({{"unread", t("integer")}, {"items", array_of(notification_schema())}})),
        [this](Context& c) -> Result<Reply> {
            std::size_t limit = 50;
            if (auto l = c.q("limit")) {
                auto n = integer_param(*l, "limit");
                if (!n) return n.error();
                limit = static_cast<std::size_t>(*n);
            }
            limit = std::clamp<std::size_t>(limit, 1, limits.max_page);
            auto list = accounts.notifications(c.who->user.id, limit);
            if (!list) return list.error();
            auto unread = accounts.unread_count(c.who->user.id);
            if (!unread) return unread.error();
            Json items = Json::array();
            for (const auto& f : *list) items.push_back(notification_json(f));
            return Reply{200, Json{{"unread", *unread}, {"items", items}}, {}};
        });
    add(Route("POST", "/api/notifications/{id}/read", "Đánh dấu một thông báo đã đọc")
            .returns(ok_schema()),
        [this](Context& c) -> Result<Reply> {
            auto id = integer_param(c.path.at("id"), "id");
            if (!id) return make_error(ErrorCode::not_found, "không có thông báo này");
            auto marked = accounts.mark_read(c.who->user.id, *id);
            if (!marked) return marked.error();
            // Another person's notification is not even confirmed to exist.
            if (!*marked) return make_error(ErrorCode::not_found, "không có thông báo này");
            return Reply{200, Json{{"ok", true}}, {}};
        });
    add(Route("POST", "/api/notifications/read-all", "Đánh dấu mọi thông báo đã đọc")
            .returns(ok_schema()),
        [this](Context& c) -> Result<Reply> {
            auto marked = accounts.mark_all_read(c.who->user.id);
            if (!marked) return marked.error();
            return Reply{200, Json{{"ok", true}}, {}};
        });
}

}  // namespace dondoc::http
