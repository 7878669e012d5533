#include "cli/record_summary.h"

#include <cstdio>
#include <sstream>

#include "read/dates.h"
#include "read/record_json.h"

namespace dondoc::cli {
namespace {

using read::Deadline;
using read::DeadlineKind;

std::string two(std::optional<int> v) {
    if (!v) return "…";
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", *v);
    return buf;
}

std::string date_vi(const read::Date& d) {
    return two(d.day) + "/" + two(d.month) + "/" + std::to_string(d.year);
}

}  // namespace

const char* role_label(read::Role role) {
    switch (role) {
        case read::Role::lead:
            return "chủ trì";
        case read::Role::coordinate:
            return "phối hợp";
        case read::Role::perform:
            return "thực hiện";
    }
    return "";
}

namespace {

std::string deadline_vi(const Deadline& d) {
    std::string out;
    switch (d.kind) {
        case DeadlineKind::date:
            out = d.date ? std::string(d.inclusive ? "chậm nhất " : "trước ") + date_vi(*d.date)
                         : "ngày cụ thể";
            break;
        case DeadlineKind::yearly:
            out = "hằng năm";
            break;
        case DeadlineKind::quarterly:
            out = "hằng quý";
            break;
        case DeadlineKind::monthly:
            out = "hằng tháng";
            break;
        case DeadlineKind::weekly:
            out = "hằng tuần";
            break;
        case DeadlineKind::within:
            out = "trong thời hạn";
            break;
        case DeadlineKind::period:
            out = "trong kỳ";
            break;
        case DeadlineKind::ongoing:
            out = "thường xuyên";
            break;
    }
    return out + " (\"" + d.text + "\")";
}

}  // namespace

std::string record_summary(const read::Record& r) {
    std::ostringstream o;
    auto value = [](const std::optional<std::string>& s) {
        return s ? *s : std::string("(không rõ)");
    };
    o << "Cơ quan ban hành: " << value(r.issuer.name);
    if (r.issuer.inferred) o << " (suy ra từ ký hiệu)";
    o << "\n";
    if (r.issuer.parent) o << "Cơ quan chủ quản: " << *r.issuer.parent << "\n";
    o << "Số, ký hiệu: " << value(r.notation) << "\n";
    o << "Loại văn bản: " << r.type.name << " (" << r.type.code << ")"
      << (r.family == read::Family::party ? ", văn bản của Đảng" : "") << "\n";
    o << "Ngày ban hành: ";
    if (r.place) o << *r.place << ", ";
    o << two(r.date.day) << "/" << two(r.date.month) << "/"
      << (r.date.year ? std::to_string(*r.date.year) : std::string("…")) << "\n";
    o << "Trích yếu: " << value(r.subject) << "\n";
    if (!r.recipients.empty()) {
        o << "Kính gửi:\n";
        for (const auto& x : r.recipients) o << "  - " << x << "\n";
    }
    if (!r.references.empty()) {
        o << "Văn bản được dẫn (" << r.references.size() << "):\n";
        for (const auto& ref : r.references) {
            o << "  - "
              << (ref.relation == read::Relation::implements ? "[thực hiện] " : "[dẫn chiếu] ")
              << ref.text << "\n";
        }
    }
    o << "Nhiệm vụ (" << r.tasks.size() << "):\n";
    std::size_t n = 0;
    for (const auto& task : r.tasks) {
        o << "  " << ++n << ". " << (task.clause ? "Mục " + *task.clause + ": " : std::string());
        bool first = true;
        for (const auto& a : task.assignees) {
            o << (first ? "" : "; ") << a.name << " (" << role_label(a.role) << ")";
            first = false;
        }
        o << "\n     Nội dung: " << task.action << "\n";
        for (const auto& d : task.deadlines) o << "     Thời hạn: " << deadline_vi(d) << "\n";
        if (task.report_to) {
            o << "     Báo cáo: " << *task.report_to;
            if (task.report_via) o << " (qua " << *task.report_via << ")";
            o << "\n";
        }
        if (task.product) o << "     Sản phẩm: " << *task.product << "\n";
    }
    o << "Người ký: ";
    if (r.signer.authority) {
        o << read::authority_name(*r.signer.authority) << ". " << value(r.signer.on_behalf_of)
          << " — ";
    }
    o << value(r.signer.title) << " — " << value(r.signer.name) << "\n";
    if (!r.distribution.empty()) {
        o << "Nơi nhận:\n";
        for (const auto& x : r.distribution) o << "  - " << x << "\n";
    }
    for (const auto& [short_form, long_form] : r.abbreviations) {
        o << "Viết tắt: " << short_form << " = " << long_form << "\n";
    }
    for (const auto& w : r.warnings) o << "Cảnh báo: " << w << "\n";
    return o.str();
}

}  // namespace dondoc::cli
