#include "service/drafts.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <set>

#include "domain/civil_date.h"
#include "read/document_types.h"
#include "service/letterhead.h"
#include "service/sheets.h"
#include "write/official_letter.h"

namespace dondoc::service {
namespace {

using write::body_paragraph;
using write::docx::Paragraph;

constexpr const char* k_blank_date = "……………";  // a day for the clerk to fill

int year_of(CivilDate d) {
    return static_cast<int>(d.year());
}

std::string percent_text(double fraction) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * fraction);
    std::string out = buffer;
    std::replace(out.begin(), out.end(), '.', ',');  // 75,0%: the Vietnamese decimal comma
    return out;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += separator;
        out += p;
    }
    return out;
}

// The bodies of a task as printed in its directive; a task imported from a
// sheet names its units by code, shown by their names instead.
std::string mentions(const domain::Task& t, bool lead, const std::vector<domain::Unit>& units) {
    std::vector<std::string> out;
    for (const auto& a : t.assignments) {
        if ((a.role == read::Role::coordinate) == lead) continue;
        std::string name = a.mention;
        if (a.unit && a.mention == a.unit->value) {
            for (const auto& u : units) {
                if (u.id == *a.unit) name = u.name;
            }
        }
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return join(out, "; ");
}

std::string deadline_text(const service::TaskView& v) {
    std::vector<std::string> texts;
    for (const auto& d : v.task.deadlines) texts.push_back(d.text);
    std::string out = join(texts, "; ");
    if (out.empty() && v.due) out = domain::vietnamese(*v.due);
    return out.empty() ? std::string("không có thời hạn cụ thể") : out;
}

// "Công văn", "Kế hoạch", … for a document's type code.
std::string type_name(const domain::Document& d) {
    if (!d.type_code.empty() && d.type_code != "CV") {
        if (auto type = read::type_by_code(d.type_code, read::Family::state))
            return std::string(type->name);
        if (auto type = read::type_by_code(d.type_code, read::Family::party))
            return std::string(type->name);
    }
    return "Công văn";
}

std::string slug(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (ok) {
            out += c;
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

write::OfficialLetter letter_from(const Letterhead& h, int year) {
    write::OfficialLetter l;
    l.superior = h.superior;
    l.issuer = h.issuer;
    l.place = h.place;
    l.year = year;
    l.authority = h.authority;
    l.signer_title = h.signer_title;
    if (!h.leaders.empty()) l.copies.push_back(h.leaders);
    return l;
}

Result<std::string> docx_of(const write::OfficialLetter& letter) {
    return write::docx::docx_bytes(write::official_letter(letter));
}

bool in_force(const domain::Unit& u, CivilDate on) {
    return !(u.valid_from && on < *u.valid_from) && !(u.valid_to && *u.valid_to < on);
}

}  // namespace

Drafts::Drafts(RegisterService& service, store::Repository& repository)
    : m_service(service), m_repository(repository) {}

Result<std::vector<domain::Unit>> Drafts::units() {
    return m_service.units();
}

Result<domain::Unit> Drafts::unit(const UnitId& id) {
    auto all = units();
    if (!all) return all.error();
    for (auto& u : *all) {
        if (u.id == id) return std::move(u);
    }
    return make_error(ErrorCode::not_found, "không có đơn vị " + id.value);
}

std::string Drafts::implementing_file_name(const std::string& notation) {
    return "cv-trien-khai-" + slug(notation) + ".docx";
}

std::string Drafts::urging_file_name(CivilDate as_of) {
    return "cv-don-doc-" + domain::iso(as_of) + ".docx";
}

std::string Drafts::report_file_name(const domain::ReportPeriod& period) {
    return "bao-cao-ket-qua-" + slug(period.name) + ".docx";
}

Result<std::string> Drafts::implementing_dispatch(const ImplementRequest& request) {
    auto doc = m_service.document_by_notation(request.document);
    if (!doc) {
        // Or its id in the register.
        std::int64_t id = 0;
        const bool digits = !request.document.empty() &&
                            std::all_of(request.document.begin(), request.document.end(),
                                        [](char c) { return c >= '0' && c <= '9'; });
        if (digits && request.document.size() < 18) id = std::stoll(request.document);
        if (id == 0) return doc.error();
        doc = m_repository.document(DocumentId{id});
        if (!doc) return make_error(ErrorCode::not_found, "không có văn bản " + request.document);
    }
    TaskQuery query;
    query.as_of = request.on;
    query.include_proposed = true;
    query.directive = doc->notation;
    auto tasks = m_service.tasks(query);
    if (!tasks) return tasks.error();
    auto all = units();
    if (!all) return all.error();

    // The issuer: asked for, else the unit the most tasks go to that has units under it.
    std::optional<UnitId> issuer = request.issuer;
    if (!issuer) {
        std::map<std::string, std::size_t> counts;
        std::set<std::string> parents;
        for (const auto& u : *all) {
            if (u.parent) parents.insert(u.parent->value);
        }
        for (const auto& v : *tasks) {
            for (const auto& a : v.task.assignments) {
                if (a.unit && a.role != read::Role::coordinate && parents.contains(a.unit->value))
                    ++counts[a.unit->value];
            }
        }
        std::size_t best = 0;
        for (const auto& [id, n] : counts) {
            if (n > best) {
                best = n;
                issuer = UnitId{id};
            }
        }
        if (!issuer)
            return make_error(ErrorCode::invalid_input,
                              "không xác định được cơ quan triển khai: cần chỉ rõ đơn vị (--as)");
    }
    auto issuing = unit(*issuer);
    if (!issuing) return issuing.error();
    const Letterhead head = letterhead_of(*issuing, *all);

    // Its tasks: those given to the issuer, else all of the document's.
    std::vector<const TaskView*> own;
    for (const auto& v : *tasks) {
        const bool mine = std::any_of(v.task.assignments.begin(), v.task.assignments.end(),
                                      [&](const auto& a) { return a.unit && *a.unit == *issuer; });
        if (mine) own.push_back(&v);
    }
    if (own.empty()) {
        for (const auto& v : *tasks) own.push_back(&v);
    }

    std::string source_issuer = doc->issuer_name;
    if (doc->issuer) {
        for (const auto& u : *all) {
            if (u.id == *doc->issuer) source_issuer = addressed_name(u);
        }
    }
    std::string cited = type_name(*doc) + " số " + doc->notation;
    if (doc->date) cited += " ngày " + domain::vietnamese(*doc->date);
    if (!source_issuer.empty()) cited += " của " + source_issuer;

    write::OfficialLetter l = letter_from(head, year_of(request.on));
    l.symbol = head.symbol.empty() ? std::string("……") : head.symbol;
    l.subject = "triển khai thực hiện " + cited;
    if (request.to.empty()) {
        l.recipients = subordinate_groups(*issuing, *all, request.on);
    } else {
        for (const auto& id : request.to) {
            auto u = unit(id);
            if (!u) return u.error();
            l.recipients.push_back(addressed_name(*u));
        }
    }
    std::string intro = "Thực hiện " + cited;
    if (!doc->subject.empty()) intro += " về việc " + doc->subject;
    intro += " (sau đây gọi tắt là " + type_name(*doc) + " số " + doc->notation + "), " +
             head.name + " yêu cầu các cơ quan, đơn vị triển khai thực hiện các nội dung sau:";
    l.body.emplace_back(body_paragraph(intro));
    std::size_t n = 0;
    for (const TaskView* v : own) {
        std::string action = v->task.action;
        if (!action.empty() && action.back() != '.') action += '.';
        l.body.emplace_back(body_paragraph(std::to_string(++n) + ". ", action));
        std::string roles = "Cơ quan chủ trì: " + mentions(v->task, true, *all);
        if (const std::string c = mentions(v->task, false, *all); !c.empty())
            roles += "; phối hợp: " + c;
        roles += ". Thời hạn: " + deadline_text(*v) + ".";
        Paragraph detail = body_paragraph(roles);
        detail.runs.front().italic = true;
        detail.before_pt = 0;
        l.body.emplace_back(std::move(detail));
    }
    if (own.empty())
        l.body.emplace_back(body_paragraph("(Văn bản chưa có nhiệm vụ trong sổ theo dõi.)"));
    l.body.emplace_back(body_paragraph(
        "Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển khai thực hiện; báo cáo kết quả "
        "về " +
        head.name + " trước ngày " + k_blank_date + " để tổng hợp, báo cáo " +
        (source_issuer.empty() ? std::string("cấp trên") : source_issuer) + " theo quy định./."));
    if (!source_issuer.empty()) l.copies.insert(l.copies.begin(), source_issuer + " (b/c)");
    return docx_of(l);
}

Result<std::string> Drafts::urging_dispatch(const UrgeRequest& request) {
    auto draft = urging_draft(request);
    if (!draft) return draft.error();
    return std::move(draft->docx);
}

Result<UrgingDraft> Drafts::urging_draft(const UrgeRequest& request) {
    if (request.units.empty())
        return make_error(ErrorCode::invalid_input, "cần ít nhất một đơn vị được đôn đốc");
    auto all = units();
    if (!all) return all.error();
    std::vector<domain::Unit> urged;
    for (const auto& id : request.units) {
        auto u = unit(id);
        if (!u) return u.error();
        urged.push_back(std::move(*u));
    }
    std::optional<UnitId> issuer = request.issuer;
    if (!issuer) {
        issuer = urged.front().parent.value_or(urged.front().id);
        for (const auto& u : urged) {
            if (u.parent != urged.front().parent) {
                // No common parent: the top of the directory speaks.
                for (const auto& top : *all) {
                    if (!top.parent && in_force(top, request.as_of)) {
                        issuer = top.id;
                        break;
                    }
                }
                break;
            }
        }
    }
    auto issuing = unit(*issuer);
    if (!issuing) return issuing.error();
    const Letterhead head = letterhead_of(*issuing, *all);

    std::vector<TaskView> overdue;
    std::set<std::int64_t> seen;
    for (const auto& u : urged) {
        TaskQuery query;
        query.unit = u.id;
        query.status = domain::TaskStatus::overdue;
        query.as_of = request.as_of;
        auto views = m_service.tasks(query);
        if (!views) return views.error();
        for (auto& v : *views) {
            if (seen.insert(v.task.id.value).second) overdue.push_back(std::move(v));
        }
    }
    if (overdue.empty())
        return make_error(ErrorCode::not_found,
                          "các đơn vị này không có nhiệm vụ quá hạn đến ngày " +
                              domain::vietnamese(request.as_of));
    std::sort(overdue.begin(), overdue.end(), [](const TaskView& a, const TaskView& b) {
        if (a.due != b.due) return a.due < b.due;
        return a.task.id < b.task.id;
    });

    write::OfficialLetter l = letter_from(head, year_of(request.as_of));
    l.symbol = head.symbol.empty() ? std::string("……") : head.symbol;
    l.subject = "đôn đốc thực hiện các nhiệm vụ quá hạn";
    for (const auto& u : urged) l.recipients.push_back(addressed_name(u));
    l.body.emplace_back(
        body_paragraph("Qua theo dõi việc thực hiện các nhiệm vụ được giao, đến ngày " +
                       domain::vietnamese(request.as_of) + " các cơ quan, đơn vị nêu trên còn " +
                       std::to_string(overdue.size()) +
                       " nhiệm vụ đã quá thời hạn nhưng chưa hoàn thành, cụ thể như sau:"));
    std::vector<std::vector<std::string>> rows;
    std::size_t n = 0;
    for (const auto& v : overdue) {
        std::string task = v.task.action;
        std::vector<std::string> source;
        if (!v.document_notation.empty()) source.push_back("Văn bản số " + v.document_notation);
        if (!v.task.clause.empty()) source.push_back("mục " + v.task.clause);
        if (!source.empty()) task += " (" + join(source, ", ") + ")";
        std::string progress = "Chưa báo cáo tiến độ";
        auto updates = m_repository.progress(v.task.id);
        if (!updates) return updates.error();
        const domain::ProgressUpdate* latest = nullptr;
        for (const auto& p : *updates) {
            if (p.on <= request.as_of && (latest == nullptr || !(p.on < latest->on))) latest = &p;
        }
        if (latest != nullptr) {
            progress = domain::vietnamese(latest->on) + ": " + latest->text;
            if (latest->percent) progress += " (" + std::to_string(*latest->percent) + "%)";
        }
        std::string due = v.due ? domain::vietnamese(*v.due) : std::string();
        if (!v.period_label.empty()) due += " (" + v.period_label + ")";
        rows.push_back({std::to_string(++n), task, mentions(v.task, true, *all), due, progress});
    }
    l.body.emplace_back(
        write::body_table({"STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ thực hiện"},
                          {1.3, 6.3, 3.3, 2.3, 3.3}, rows, {true, false, false, true, false}));
    l.body.emplace_back(body_paragraph(
        "Để bảo đảm tiến độ, chất lượng thực hiện nhiệm vụ được giao, " + head.name +
        " đề nghị Thủ trưởng các cơ quan, đơn vị nêu trên khẩn trương chỉ đạo hoàn thành các nhiệm "
        "vụ quá hạn; báo cáo kết quả thực hiện, nêu rõ nguyên nhân chậm trễ, khó khăn, vướng mắc "
        "và "
        "đề xuất giải pháp (nếu có) về " +
        head.name + " trước ngày " + k_blank_date + "."));
    l.body.emplace_back(body_paragraph(
        "Quá thời hạn nêu trên, cơ quan, đơn vị nào không báo cáo hoặc không hoàn thành nhiệm "
        "vụ, " +
        head.name +
        " sẽ tổng hợp, báo cáo cấp có thẩm quyền xem xét trách nhiệm theo quy định./."));
    auto docx = docx_of(l);
    if (!docx) return docx.error();
    UrgingDraft draft;
    draft.docx = std::move(*docx);
    draft.issuer = *issuer;
    for (const auto& v : overdue) draft.tasks.push_back(v.task.id);
    return draft;
}

Result<std::string> Drafts::period_report(const ReportRequest& request) {
    auto all = units();
    if (!all) return all.error();
    std::optional<UnitId> issuer = request.issuer ? request.issuer : request.unit;
    if (!issuer) {
        for (const auto& top : *all) {
            if (!top.parent && in_force(top, request.as_of)) {
                issuer = top.id;
                break;
            }
        }
    }
    if (!issuer) return make_error(ErrorCode::not_found, "sổ theo dõi chưa có đơn vị nào");
    auto issuing = unit(*issuer);
    if (!issuing) return issuing.error();
    const Letterhead head = letterhead_of(*issuing, *all);
    auto card = scorecard(m_service, request.period, request.as_of, request.unit);
    if (!card) return card.error();

    write::OfficialLetter l = letter_from(head, year_of(request.as_of));
    l.type_name = "BÁO CÁO";
    l.symbol = "BC-" + (head.symbol.empty() ? std::string("……") : head.symbol);
    l.subject = "Kết quả thực hiện nhiệm vụ được giao " + request.period.label;
    std::string addressee;
    if (issuing->parent) {
        for (const auto& u : *all) {
            if (u.id == *issuing->parent) addressee = addressed_name(u);
        }
    }
    if (!addressee.empty()) l.recipients = {addressee};
    const std::string window = "từ ngày " + domain::vietnamese(request.period.from) + " đến ngày " +
                               domain::vietnamese(request.period.to);
    l.body.emplace_back(body_paragraph(
        "Thực hiện chế độ báo cáo định kỳ về tình hình thực hiện nhiệm vụ được giao, " + head.name +
        " báo cáo kết quả thực hiện các nhiệm vụ có thời hạn trong " + request.period.label + " (" +
        window + "), số liệu tính đến ngày " + domain::vietnamese(request.as_of) + ", như sau:"));
    const ScoreRow& t = card->totals;
    Paragraph part1 = body_paragraph("I. KẾT QUẢ CHUNG");
    part1.runs.front().bold = true;
    l.body.emplace_back(std::move(part1));
    const std::size_t with_deadline = t.assigned - t.no_deadline;
    l.body.emplace_back(body_paragraph(
        "Tổng số nhiệm vụ có thời hạn trong kỳ: " + std::to_string(with_deadline) +
        " nhiệm vụ; trong đó: hoàn thành đúng hạn " + std::to_string(t.done_on_time) +
        " nhiệm vụ; hoàn thành quá hạn " + std::to_string(t.done_late) +
        " nhiệm vụ; đang thực hiện trong hạn " + std::to_string(t.in_progress) +
        " nhiệm vụ; quá hạn chưa hoàn thành " + std::to_string(t.overdue) +
        " nhiệm vụ. Tỷ lệ hoàn thành: " + percent_text(t.completion_rate()) + "."));
    if (t.no_deadline > 0)
        l.body.emplace_back(body_paragraph("Ngoài ra, " + std::to_string(t.no_deadline) +
                                           " nhiệm vụ thường xuyên, không có thời hạn cụ thể."));
    if (t.enforcement.total() > 0) {
        // Each unit named in an act (or leading one of its tasks) is one
        // time ("lượt"), as in the table below.
        constexpr std::array<const char*, 4> k_words = {"nhắc nhở", "đôn đốc", "phê bình",
                                                        "kiểm điểm"};
        std::vector<std::string> parts;
        for (const auto kind : domain::k_enforcement_kinds) {
            std::string part = k_words.at(static_cast<std::size_t>(kind));
            part += " " + std::to_string(t.enforcement.of(kind)) + " lượt";
            parts.push_back(std::move(part));
        }
        l.body.emplace_back(body_paragraph(
            "Trong kỳ, việc đôn đốc thực hiện nhiệm vụ đối với các cơ quan, đơn vị: " +
            join(parts, "; ") + " (mỗi đơn vị được nêu trong một văn bản tính một lượt)."));
    }
    Paragraph part2 = body_paragraph("II. KẾT QUẢ THEO ĐƠN VỊ");
    part2.runs.front().bold = true;
    part2.keep_with_next = true;
    l.body.emplace_back(std::move(part2));
    std::vector<std::vector<std::string>> rows;
    std::size_t n = 0;
    const auto numbers = [](const ScoreRow& r) {
        return std::vector<std::string>{std::to_string(r.assigned - r.no_deadline),
                                        std::to_string(r.done_on_time),
                                        std::to_string(r.done_late),
                                        std::to_string(r.in_progress),
                                        std::to_string(r.overdue),
                                        percent_text(r.completion_rate())};
    };
    for (const auto& r : card->rows) {
        if (r.assigned == r.no_deadline) continue;  // nothing due in the period
        std::vector<std::string> row{std::to_string(++n),
                                     r.unit_name.empty() ? r.unit.value : r.unit_name};
        const auto cells = numbers(r);
        row.insert(row.end(), cells.begin(), cells.end());
        rows.push_back(std::move(row));
    }
    std::vector<std::string> total{"", "Tổng cộng"};
    const auto cells = numbers(t);
    total.insert(total.end(), cells.begin(), cells.end());
    rows.push_back(std::move(total));
    auto table = write::body_table(
        {"STT", "Đơn vị", "Số nhiệm vụ", "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
         "Đang thực hiện trong hạn", "Quá hạn chưa hoàn thành", "Tỷ lệ hoàn thành"},
        {1.3, 5.3, 1.65, 1.65, 1.65, 1.65, 1.65, 1.65}, rows,
        {true, false, true, true, true, true, true, true});
    for (auto& cell : table.rows.back()) {
        for (auto& p : cell.paragraphs) {
            for (auto& run : p.runs) run.bold = true;
        }
    }
    l.body.emplace_back(std::move(table));
    if (t.enforcement.total() > 0) {
        Paragraph heading = body_paragraph("Các biện pháp đôn đốc trong kỳ theo đơn vị:");
        heading.keep_with_next = true;
        l.body.emplace_back(std::move(heading));
        std::vector<std::vector<std::string>> acts;
        std::size_t m = 0;
        const auto act_cells = [](const domain::EnforcementCounts& e) {
            std::vector<std::string> out;
            out.reserve(domain::k_enforcement_kinds.size());
            for (const auto kind : domain::k_enforcement_kinds)
                out.push_back(std::to_string(e.of(kind)));
            return out;
        };
        for (const auto& r : card->rows) {
            if (r.enforcement.total() == 0) continue;
            std::vector<std::string> row{std::to_string(++m),
                                         r.unit_name.empty() ? r.unit.value : r.unit_name};
            const auto counted = act_cells(r.enforcement);
            row.insert(row.end(), counted.begin(), counted.end());
            acts.push_back(std::move(row));
        }
        std::vector<std::string> sum{"", "Tổng cộng"};
        const auto counted = act_cells(t.enforcement);
        sum.insert(sum.end(), counted.begin(), counted.end());
        acts.push_back(std::move(sum));
        std::vector<std::string> headers{"STT", "Đơn vị"};
        for (const auto kind : domain::k_enforcement_kinds)
            headers.emplace_back(domain::enforcement_kind_label(kind));
        auto act_table = write::body_table(headers, {1.3, 7.2, 2.0, 2.0, 2.0, 2.0}, acts,
                                           {true, false, true, true, true, true});
        for (auto& cell : act_table.rows.back()) {
            for (auto& p : cell.paragraphs) {
                for (auto& run : p.runs) run.bold = true;
            }
        }
        l.body.emplace_back(std::move(act_table));
    }
    if (n < card->rows.size())
        l.body.emplace_back(body_paragraph("(Không liệt kê " +
                                           std::to_string(card->rows.size() - n) +
                                           " đơn vị không có nhiệm vụ đến hạn trong kỳ.)"));
    for (const char* heading : {"III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "IV. KIẾN NGHỊ, ĐỀ XUẤT"}) {
        Paragraph p = body_paragraph(heading);
        p.runs.front().bold = true;
        l.body.emplace_back(std::move(p));
        l.body.emplace_back(body_paragraph("……………………………………………………………………………………………………………………………………"));
    }
    l.body.emplace_back(body_paragraph(
        "Trên đây là báo cáo kết quả thực hiện nhiệm vụ được giao " + request.period.label +
        " của " + head.name + (addressee.empty() ? std::string() : ", kính báo cáo " + addressee) +
        "./."));
    return docx_of(l);
}

}  // namespace dondoc::service
