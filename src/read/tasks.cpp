// Tasks: who must do what, by when, reporting to whom.
//
// A numbered item addressed to one set of bodies is one task; an item whose
// bullets address different bodies is one task per bullet; sub-items
// ("2. a)") are tasks of their own; a table of tasks gives one per row; an
// unnumbered paragraph is a task when it asks named bodies to act
// ("đề nghị các sở …"). The closing formula is not a task unless it sets a
// deadline or an unconditional report.
#include <string>

#include "read/bodies.h"
#include "read/deadlines.h"
#include "read/parts.h"
#include "read/scan.h"
#include "text/normalize.h"

namespace dondoc::read {
namespace {

using std::string_view_literals::operator""sv;

struct Assignment {
    std::vector<Assignee> assignees;
    std::size_t action_begin = 0;
    bool found = false;
};

std::size_t skip_fillers(std::string_view lower, std::size_t p) {
    for (bool again = true; again;) {
        again = false;
        p = skip_spaces(lower, p);
        for (auto filler :
             {"tiếp tục"sv, "có trách nhiệm"sv, "là cơ quan"sv, "làm"sv, "được giao"sv}) {
            if (phrase_at(lower, p, filler)) {
                p += filler.size();
                again = true;
            }
        }
    }
    return p;
}

void add_assignees(std::vector<Assignee>& list, const std::vector<std::string>& names, Role role) {
    for (const auto& name : names) list.push_back(Assignee{name, role});
}

// Reads "X chủ trì, phối hợp với Y …", "Giao X: …", "X: …", "X <action>" at `pos`.
Assignment read_assignment(std::string_view text, std::string_view lower, std::size_t pos,
                           bool lead) {
    Assignment a;
    std::size_t p = skip_spaces(lower, pos);
    for (auto prefix : {"giao cho"sv, "giao"sv, "phân công"sv}) {
        if (phrase_at(lower, p, prefix)) {
            lead = true;
            p = skip_spaces(lower, p + prefix.size());
            break;
        }
    }
    for (auto prefix : {"kính đề nghị"sv, "đề nghị"sv, "yêu cầu"sv}) {
        if (phrase_at(lower, p, prefix)) {
            p = skip_spaces(lower, p + prefix.size());
            break;
        }
    }
    const BodyList bodies = read_bodies(text, lower, p);
    if (bodies.names.empty()) return a;
    a.found = true;
    std::size_t q = skip_spaces(lower, bodies.end);
    std::vector<std::string> coordinates;
    if (q < text.size() && text[q] == ':') {
        a.action_begin = q + 1;
    } else {
        const std::size_t role = skip_fillers(lower, q);
        if (phrase_at(lower, role, "chủ trì")) {
            lead = true;
            std::size_t r = skip_spaces(lower, role + "chủ trì"sv.size());
            if (r < text.size() && text[r] == ',') r = skip_spaces(lower, r + 1);
            for (auto with : {"phối hợp với"sv, "phối hợp"sv}) {
                if (phrase_at(lower, r, with)) {
                    const BodyList partners = read_bodies(text, lower, r + with.size());
                    if (!partners.names.empty()) {
                        coordinates = partners.names;
                        r = partners.end;
                    }
                    break;
                }
            }
            a.action_begin = r;
        } else {
            a.action_begin = q;
        }
    }
    if (lead && coordinates.empty()) {
        // "Giao X: … chủ động phối hợp với Y …": Y still coordinates.
        const std::size_t with = find_phrase(lower, "phối hợp với", a.action_begin);
        if (with != std::string_view::npos) {
            coordinates = read_bodies(text, lower, with + "phối hợp với"sv.size()).names;
        }
    }
    add_assignees(a.assignees, bodies.names, lead ? Role::lead : Role::perform);
    add_assignees(a.assignees, coordinates, Role::coordinate);
    return a;
}

// An unnumbered paragraph asks bodies to act: "…, Sở Nội vụ đề nghị các sở …".
Assignment find_request(std::string_view text, std::string_view lower) {
    for (auto verb : {"đề nghị"sv, "yêu cầu"sv, "giao cho"sv, "giao"sv}) {
        std::size_t at = 0;
        while ((at = find_phrase(lower, verb, at)) != std::string_view::npos) {
            const std::size_t after = at + verb.size();
            if (body_starts_at(text, lower, after)) {
                return read_assignment(text, lower, after, verb.substr(0, 4) == "giao"sv);
            }
            at = after;
        }
    }
    return {};
}

// The part of already collapsed text an action keeps: leading separators and
// trailing ".", ";", ",", "./" dropped (an ellipsis "..." is kept).
std::pair<std::size_t, std::size_t> action_bounds(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size() && (s[begin] == ':' || s[begin] == ',' || s[begin] == ';' ||
                                s[begin] == ' ' || s[begin] == '-')) {
        ++begin;
    }
    std::size_t end = s.size();
    while (end > begin) {
        const std::string_view kept = s.substr(begin, end - begin);
        if (kept.ends_with("./")) {
            end -= 2;
            continue;
        }
        const char c = kept.back();
        const bool separator = c == '.' || c == ';' || c == ',' || c == ' ' || c == '/';
        if (!separator || kept.ends_with("...")) break;
        --end;
    }
    return {begin, end};
}

std::string clean_action(std::string_view s) {
    const std::string collapsed = text::collapse_whitespace(s);
    const auto [begin, end] = action_bounds(collapsed);
    return collapsed.substr(begin, end - begin);
}
// The clause of `pos`: from the previous sentence end to `pos`.
bool conditional_before(std::string_view lower, std::size_t pos) {
    std::size_t begin = pos;
    while (begin > 0 && lower[begin - 1] != '.' && lower[begin - 1] != ';') --begin;
    const std::string_view clause = lower.substr(begin, pos - begin);
    for (auto cue : {"nếu"sv, "trường hợp"sv}) {
        if (find_phrase(clause, cue) != std::string_view::npos) return true;
    }
    return false;
}

struct Report {
    std::optional<std::string> to;
    std::optional<std::string> via;
    bool by_report_verb = false;
};

std::optional<std::string> read_via(std::string_view text, std::string_view lower, std::size_t p) {
    p = skip_spaces(lower, p);
    if (p < text.size() && (text[p] == '(' || text[p] == ',')) p = skip_spaces(lower, p + 1);
    for (auto cue : {"thông qua"sv, "qua"sv}) {
        if (phrase_at(lower, p, cue)) {
            BodyList via = read_bodies(text, lower, p + cue.size());
            if (!via.names.empty()) return via.names.front();
        }
    }
    return std::nullopt;
}

Report find_report(std::string_view text, std::string_view lower) {
    Report report;
    std::size_t best = std::string_view::npos;
    for (auto verb : {"báo cáo"sv, "trình"sv, "gửi"sv, "tham mưu"sv}) {
        std::size_t at = 0;
        while ((at = find_phrase(lower, verb, at)) != std::string_view::npos && at < best) {
            const std::size_t after = at + verb.size();
            const std::size_t here = at;
            at = after;
            if (verb == "trình"sv && here >= 4) {
                const std::string_view before = lower.substr(0, here);
                if (before.ends_with("quá ") || before.ends_with("chương ") ||
                    before.ends_with("tờ ") || before.ends_with("lộ ")) {
                    continue;
                }
            }
            if (conditional_before(lower, here)) continue;
            std::size_t p = skip_spaces(lower, after);
            for (auto link : {"về"sv, "lên"sv, "cho"sv}) {
                if (phrase_at(lower, p, link)) p = skip_spaces(lower, p + link.size());
            }
            std::optional<std::string> to;
            std::size_t to_end = 0;
            if (body_starts_at(text, lower, p)) {
                BodyList bodies = read_bodies(text, lower, p);
                if (!bodies.names.empty()) {
                    to = bodies.names.front();
                    to_end = bodies.end;
                }
            } else if (verb != "tham mưu"sv && verb != "trình"sv) {
                // "báo cáo kết quả, đề xuất, kiến nghị về Sở Nội vụ".
                std::size_t clause_end = after;
                while (clause_end < lower.size() && lower[clause_end] != ';' &&
                       lower[clause_end] != '.' && clause_end - after < 200) {
                    ++clause_end;
                }
                const std::size_t about = find_phrase(lower.substr(0, clause_end), "về", after);
                if (about != std::string_view::npos &&
                    body_starts_at(text, lower, about + "về"sv.size())) {
                    BodyList bodies = read_bodies(text, lower, about + "về"sv.size());
                    if (!bodies.names.empty()) {
                        to = bodies.names.front();
                        to_end = bodies.end;
                    }
                }
            }
            if (!to) continue;
            std::optional<std::string> via = read_via(text, lower, to_end);
            if (verb == "tham mưu"sv && !via) continue;  // advice without a channel
            best = here;
            report.to = to;
            report.via = via;
            report.by_report_verb = verb == "báo cáo"sv;
            break;
        }
    }
    return report;
}

std::optional<std::string> find_product(std::string_view lower, const Report& report) {
    static constexpr std::string_view k_verbs[] = {
        "xây dựng"sv, "ban hành"sv, "lập"sv, "dự thảo"sv, "hoàn thiện"sv, "soạn thảo"sv, "có"sv};
    static constexpr std::pair<std::string_view, std::string_view> k_products[] = {
        {"kế hoạch"sv, "Kế hoạch"sv},     {"báo cáo"sv, "Báo cáo"sv},
        {"đề án"sv, "Đề án"sv},           {"tờ trình"sv, "Tờ trình"sv},
        {"quyết định"sv, "Quyết định"sv}, {"chương trình"sv, "Chương trình"sv},
        {"phương án"sv, "Phương án"sv},   {"hướng dẫn"sv, "Hướng dẫn"sv},
        {"quy chế"sv, "Quy chế"sv},       {"văn bản"sv, "Văn bản"sv}};
    std::size_t best_at = std::string_view::npos;
    std::optional<std::string> best;
    for (auto verb : k_verbs) {
        std::size_t at = 0;
        while ((at = find_phrase(lower, verb, at)) != std::string_view::npos && at < best_at) {
            const std::size_t verb_at = at;
            const std::size_t p = skip_spaces(lower, at + verb.size());
            at += verb.size();
            for (const auto& [noun, name] : k_products) {
                if (phrase_at(lower, p, noun)) {
                    if (verb == "có"sv && noun != "báo cáo"sv && noun != "văn bản"sv) continue;
                    if (noun == "văn bản"sv) {
                        // "có văn bản báo cáo" is a report.
                        const std::size_t q = skip_spaces(lower, p + noun.size());
                        if (!phrase_at(lower, q, "báo cáo")) continue;
                        best = std::string("Báo cáo");
                    } else {
                        best = std::string(name);
                    }
                    best_at = verb_at;
                    break;
                }
            }
        }
    }
    if (best) return best;
    if (find_phrase(lower, "báo cáo kết quả") != std::string_view::npos)
        return std::string("Báo cáo");
    if (report.to && report.by_report_verb) return std::string("Báo cáo");
    return std::nullopt;
}

// A task whose `action` is clean already, with `lower` its fold_case_aligned copy.
Task make_task(std::optional<std::string> clause, std::vector<Assignee> assignees,
               std::string action, std::string_view lower, std::optional<int> year) {
    Task task;
    task.clause = std::move(clause);
    task.assignees = std::move(assignees);
    task.action = std::move(action);
    task.deadlines = find_deadlines(task.action, lower, year);
    const Report report = find_report(task.action, lower);
    task.report_to = report.to;
    task.report_via = report.via;
    task.product = find_product(lower, report);
    return task;
}

// A task whose action is the rest of paragraph `p` from `begin`: the
// paragraph's text is collapsed and lower-cased already, so both are sliced.
Task task_from(std::optional<std::string> clause, std::vector<Assignee> assignees,
               const Paragraph& p, std::size_t begin, std::optional<int> year) {
    const std::string_view text = std::string_view(p.text).substr(begin);
    const auto [b, e] = action_bounds(text);
    return make_task(std::move(clause), std::move(assignees), std::string(text.substr(b, e - b)),
                     std::string_view(p.lower).substr(begin + b, e - b), year);
}

// A task whose action was put together from several paragraphs.
Task task_from_text(std::optional<std::string> clause, std::vector<Assignee> assignees,
                    std::string_view action, std::optional<int> year) {
    std::string clean = clean_action(action);
    const std::string lower = text::fold_case_aligned(clean);
    return make_task(std::move(clause), std::move(assignees), std::move(clean), lower, year);
}

// A numbered item with what hangs under it.
struct Item {
    const Paragraph* head = nullptr;
    std::string clause;
    std::vector<const Paragraph*> bullets;
    std::vector<Item> subs;
};

Assignment assignment_of(const Paragraph& p) {
    Assignment a = read_assignment(p.text, p.lower, 0, false);
    if (!a.found) a = find_request(p.text, p.lower);
    return a;
}

// The item's own text followed by its bullets, one space apart. A bullet's
// closing "." or ";" is kept between bullets; clean_action drops the last one.
std::string join_bullets(std::string_view head_action,
                         const std::vector<const Paragraph*>& bullets) {
    std::string action = clean_action(head_action);
    for (std::size_t k = 0; k < bullets.size(); ++k) {
        const std::string piece = clean_action(bullets[k]->text);
        if (piece.empty()) continue;
        if (!action.empty()) action.push_back(' ');
        action += piece;
        if (k + 1 < bullets.size()) {
            const std::string_view raw = text::trim(bullets[k]->text);
            if (!raw.empty() && (raw.back() == '.' || raw.back() == ';') &&
                action.back() != raw.back()) {
                action.push_back(raw.back());
            }
        }
    }
    return action;
}

class TaskCollector {
  public:
    TaskCollector(std::size_t max_tasks, Record& record)
        : m_max_tasks(max_tasks), m_record(record), m_year(record.date.year) {}

    // Reads the item's tasks; true when its own paragraph names bodies.
    bool item(const Item& item) {
        const Assignment head = assignment_of(*item.head);
        const std::size_t head_begin = head.found ? head.action_begin : 0;
        if (!item.subs.empty()) {
            for (const Item& sub : item.subs) {
                const Assignment own = assignment_of(*sub.head);
                const Assignment& who = own.found ? own : head;
                if (!who.found) continue;
                add(sub.clause, who.assignees, *sub.head, own.found ? own.action_begin : 0,
                    sub.bullets);
            }
            return head.found;
        }
        bool bullets_split = false;
        std::vector<Assignment> bullet_assignments;
        for (const Paragraph* bullet : item.bullets) {
            Assignment own = read_assignment(bullet->text, bullet->lower, 0, false);
            bullets_split = bullets_split || own.found;
            bullet_assignments.push_back(std::move(own));
        }
        if (bullets_split) {
            for (std::size_t i = 0; i < item.bullets.size(); ++i) {
                const Assignment& own = bullet_assignments[i];
                const Assignment& who = own.found ? own : head;
                if (!who.found) continue;
                add(item.clause, who.assignees, *item.bullets[i], own.found ? own.action_begin : 0,
                    {});
            }
            return head.found;
        }
        if (!head.found) return false;
        add(item.clause, head.assignees, *item.head, head_begin, item.bullets);
        return true;
    }

    // A plain paragraph. `clause` is set when it continues a numbered item
    // that names no body ("Điều 3. Quyết định này có hiệu lực …" then
    // "Chánh Văn phòng …, Thủ trưởng … chịu trách nhiệm thi hành …").
    void paragraph(const Paragraph& p, bool last, const std::optional<std::string>& clause = {}) {
        Assignment a = read_assignment(p.text, p.lower, 0, false);
        const bool at_start = a.found;
        if (!a.found) a = find_request(p.text, p.lower);
        if (!a.found) return;
        Task task =
            task_from(at_start ? clause : std::nullopt, a.assignees, p, a.action_begin, m_year);
        const bool continues_item = at_start && clause.has_value();
        if (last && !continues_item && task.deadlines.empty() && !task.report_to)
            return;  // the closing formula
        push(std::move(task));
    }

    void row(const Paragraph& p) {
        const Line& line = *p.row;
        std::string content, lead, partners, due, product;
        for (std::size_t c = 0; c < line.cells.size() && c < line.columns.size(); ++c) {
            const std::string key = text::fold_diacritics(line.columns[c]);
            const std::string& cell = line.cells[c];
            if (key.find("chu tri") != std::string::npos)
                lead = cell;
            else if (key.find("phoi hop") != std::string::npos)
                partners = cell;
            else if (key.find("thoi") != std::string::npos || key.find("han") == 0 ||
                     key.find("tien do") != std::string::npos)
                due = cell;
            else if (key.find("san pham") != std::string::npos)
                product = cell;
            else if (key.find("noi dung") != std::string::npos ||
                     key.find("nhiem vu") != std::string::npos ||
                     key.find("cong viec") != std::string::npos)
                content = cell;
        }
        if (content.empty()) return;
        std::vector<Assignee> assignees;
        add_assignees(assignees, names_in(lead), Role::lead);
        add_assignees(assignees, names_in(partners), Role::coordinate);
        if (assignees.empty()) return;
        Task task =
            task_from_text(p.label.empty() ? std::nullopt : std::optional<std::string>(p.label),
                           std::move(assignees), content, m_year);
        task.deadlines = find_deadlines(due, m_year);
        if (!product.empty()) task.product = clean_action(product);
        push(std::move(task));
    }

  private:
    static std::vector<std::string> names_in(const std::string& cell) {
        if (cell.empty()) return {};
        const std::string lower = text::fold_case_aligned(cell);
        BodyList bodies = read_bodies(cell, lower, 0);
        if (!bodies.names.empty()) return bodies.names;
        std::vector<std::string> names;
        std::size_t start = 0;
        while (start <= cell.size()) {
            std::size_t end = cell.find_first_of(",;", start);
            if (end == std::string::npos) end = cell.size();
            const std::string name =
                clean_list_entry(std::string_view(cell).substr(start, end - start));
            if (!name.empty()) names.push_back(name);
            start = end + 1;
        }
        return names;
    }

    // A task of paragraph `p` from `begin`, followed by the paragraph's bullets.
    void add(const std::string& clause, const std::vector<Assignee>& who, const Paragraph& p,
             std::size_t begin, const std::vector<const Paragraph*>& bullets) {
        std::optional<std::string> label =
            clause.empty() ? std::nullopt : std::optional<std::string>(clause);
        if (bullets.empty()) {
            push(task_from(std::move(label), who, p, begin, m_year));
        } else {
            push(task_from_text(std::move(label), who,
                                join_bullets(std::string_view(p.text).substr(begin), bullets),
                                m_year));
        }
    }

    void push(Task task) {
        if (task.action.empty()) return;  // a bare name (a QĐ's "ỦY BAN NHÂN DÂN HUYỆN …" line)
        if (m_record.tasks.size() >= m_max_tasks) {
            if (!m_overflow) {
                m_record.warnings.push_back("tasks: more than " + std::to_string(m_max_tasks) +
                                            ", the rest were not read");
            }
            m_overflow = true;
            return;
        }
        m_record.tasks.push_back(std::move(task));
    }

    const std::size_t m_max_tasks;
    Record& m_record;
    const std::optional<int> m_year;
    bool m_overflow = false;
};

}  // namespace

void read_tasks(const std::vector<Paragraph>& body, std::size_t max_tasks, Record& record) {
    TaskCollector collector(max_tasks, record);
    std::optional<Item> current;
    std::optional<std::string> bodiless_clause;  // the last item, when it named no body
    auto flush = [&] {
        if (current) {
            const bool named = collector.item(*current);
            if (!current->subs.empty() || !current->bullets.empty() || named) {
                bodiless_clause.reset();
            } else {
                bodiless_clause = current->clause;
            }
        }
        current.reset();
    };
    // The last plain paragraph may be the closing formula.
    std::size_t last_plain = body.size();
    for (std::size_t i = body.size(); i > 0; --i) {
        if (body[i - 1].marker == MarkerKind::none && !body[i - 1].row) {
            last_plain = i - 1;
            break;
        }
        if (body[i - 1].marker != MarkerKind::bullet) break;
    }
    for (std::size_t i = 0; i < body.size(); ++i) {
        const Paragraph& p = body[i];
        if (p.row) {
            flush();
            collector.row(p);
            continue;
        }
        switch (p.marker) {
            case MarkerKind::section:
                flush();
                bodiless_clause.reset();
                break;
            case MarkerKind::number:
                flush();
                current = Item{&p, p.label, {}, {}};
                break;
            case MarkerKind::sub:
                if (current && (p.label.find('.') == std::string::npos ||
                                p.label.rfind(current->clause + ".", 0) == 0)) {
                    const std::string clause = p.label.find('.') == std::string::npos
                                                   ? current->clause + "." + p.label
                                                   : p.label;
                    current->subs.push_back(Item{&p, clause, {}, {}});
                } else {
                    flush();
                    current = Item{&p, p.label, {}, {}};
                }
                break;
            case MarkerKind::bullet:
                if (current) {
                    if (!current->subs.empty())
                        current->subs.back().bullets.push_back(&p);
                    else
                        current->bullets.push_back(&p);
                } else {
                    collector.paragraph(p, false);
                }
                break;
            case MarkerKind::none: {
                flush();
                // "…, đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:" introduces
                // the numbered items; it is not a task of its own.
                const bool introduces_items = !p.text.empty() && p.text.back() == ':' &&
                                              i + 1 < body.size() &&
                                              body[i + 1].marker != MarkerKind::none;
                if (!introduces_items) collector.paragraph(p, i == last_plain, bodiless_clause);
                bodiless_clause.reset();
                break;
            }
        }
    }
    flush();
}

}  // namespace dondoc::read
