// The task page written directly as text (task_page_json) against the tree
// the other routes build (task_json) dumped by nlohmann: the same bytes, for
// tasks with every optional field set or absent, Vietnamese text, quotes,
// backslashes, control characters and invalid UTF-8.
#include <gtest/gtest.h>

#include "http/api_internal.h"

namespace dondoc::http {
namespace {

service::TaskView view(std::int64_t id, std::string action) {
    service::TaskView v;
    v.task.id = domain::TaskId{id};
    v.task.clause = "2.b";
    v.task.action = std::move(action);
    v.task.state = domain::TaskState::active;
    v.task.version = 3;
    v.status = domain::TaskStatus::overdue;
    return v;
}

std::string dumped(const service::TaskPage& page, std::size_t offset, std::size_t limit,
                   CivilDate as_of) {
    Json items = Json::array();
    for (const auto& v : page.items) items.push_back(task_json(v));
    return Json{{"total", page.total},
                {"offset", offset},
                {"limit", limit},
                {"as_of", domain::iso(as_of)},
                {"items", items}}
        .dump(-1, ' ', false, Json::error_handler_t::replace);
}

TEST(TaskPageJson, IsTheDumpOfTheTaskTree) {
    service::TaskPage page;
    page.total = 459;
    auto plain = view(3761, "Báo cáo kết quả thực hiện nhiệm vụ số 3760");
    plain.task.assignments.push_back({domain::UnitId{"u7"}, "Xã", read::Role::lead});
    plain.due = domain::parse_iso("2023-05-11");
    page.items.push_back(plain);

    auto full = view(12, "Chủ trì \"rà soát\" C:\\hồ sơ\ttab\nxuống dòng\r\b\f\x01\x1f\x7f hết");
    full.document_notation = "981/UBND";
    full.task.assignments.push_back({std::nullopt, "Đơn vị lạ", read::Role::coordinate});
    full.task.assignments.push_back(
        {domain::UnitId{"21391"}, "UBND xã Sơn Dung", read::Role::perform});
    full.task.report_to = "UBND huyện";
    full.task.report_via = "Phòng Nội vụ";
    full.task.product = "Báo cáo";
    full.task.state = domain::TaskState::proposed;
    full.status = domain::TaskStatus::due_soon;
    full.due = domain::parse_iso("2024-07-03");
    full.period_label = "6 tháng đầu năm";
    page.items.push_back(full);

    // Bytes that are not UTF-8: a lone continuation byte, a truncated sequence.
    auto broken = view(13, std::string("sai \x80 mã \xE1\xBA"));
    broken.task.clause = std::string("\xC3");
    page.items.push_back(broken);

    const CivilDate as_of = *domain::parse_iso("2024-07-01");
    EXPECT_EQ(task_page_json(page, 50, 50, as_of), dumped(page, 50, 50, as_of));

    service::TaskPage empty;
    EXPECT_EQ(task_page_json(empty, 0, 1, as_of), dumped(empty, 0, 1, as_of));
    EXPECT_EQ(task_page_json(empty, 0, 1, as_of),
              R"({"total":0,"offset":0,"limit":1,"as_of":"2024-07-01","items":[]})");
}

}  // namespace
}  // namespace dondoc::http
