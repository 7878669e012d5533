// RegisterService::import_tasks: a task sheet from another register.
#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_set>

#include "domain/civil_date.h"
#include "read/xlsx.h"
#include "service/register_service.h"
#include "text/csv.h"
#include "text/normalize.h"

namespace dondoc::service {

namespace {

// "LEFT=right", split at the last '=' (a header may hold one); both sides
// non-empty.
std::optional<std::pair<std::string, std::string>> split_pair(std::string_view pair) {
    const auto eq = pair.rfind('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == pair.size()) return std::nullopt;
    return std::pair{std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1))};
}

}  // namespace

Result<void> add_column_mapping(ImportOptions& options, std::string_view pair) {
    auto split = split_pair(pair);
    if (!split)
        return make_error(ErrorCode::invalid_input, "ánh xạ cột phải có dạng TIÊU_ĐỀ=trường",
                          std::string(pair));
    options.columns[split->first] = split->second;
    return {};
}

Result<void> add_status_mapping(ImportOptions& options, std::string_view pair) {
    auto split = split_pair(pair);
    const auto state = split ? imported_state_from_name(split->second) : std::nullopt;
    if (!state)
        return make_error(ErrorCode::invalid_input,
                          "ánh xạ tình trạng phải có dạng TỪ=open|reported|done|cancelled",
                          std::string(pair));
    options.statuses[split->first] = *state;
    return {};
}

nlohmann::json report_json(const ImportReport& report) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : report.problems)
        problems.push_back({{"line", p.line}, {"column", p.column}, {"message", p.message}});
    return {{"rows", report.rows},
            {"created", report.created},
            {"unchanged", report.unchanged},
            {"applied", report.applied},
            {"by_status", report.by_status},
            {"ignored_columns", report.ignored_columns},
            {"unresolved", report.unresolved},
            {"problems", problems}};
}
namespace {

enum class Field {
    task_id,
    clause,
    title,
    assigned_by,
    lead,
    coordinate,
    start,
    due,
    status,
    percent,
    done_on,
    directive,
};

struct FieldName {
    std::string_view name;  // for --map and messages
    Field field;
};
constexpr std::array<FieldName, 12> k_fields{{
    {"task_id", Field::task_id},
    {"clause", Field::clause},
    {"title", Field::title},
    {"assigned_by", Field::assigned_by},
    {"lead", Field::lead},
    {"coordinate", Field::coordinate},
    {"start", Field::start},
    {"due", Field::due},
    {"status", Field::status},
    {"percent", Field::percent},
    {"done_on", Field::done_on},
    {"directive", Field::directive},
}};

// Headers as offices and trackers write them, case folded.
struct Header {
    std::string_view text;
    Field field;
};
constexpr std::array<Header, 43> k_headers{{
    {"task_id", Field::task_id},
    {"id", Field::task_id},
    {"mã", Field::task_id},
    {"mã nhiệm vụ", Field::task_id},
    {"stt", Field::clause},
    {"số thứ tự", Field::clause},
    {"title", Field::title},
    {"subject", Field::title},
    {"nội dung", Field::title},
    {"nội dung nhiệm vụ", Field::title},
    {"tên nhiệm vụ", Field::title},
    {"nhiệm vụ", Field::title},
    {"unit", Field::assigned_by},
    {"đơn vị giao", Field::assigned_by},
    {"cơ quan giao", Field::assigned_by},
    {"assignee_unit", Field::lead},
    {"assignee", Field::lead},
    {"cơ quan chủ trì", Field::lead},
    {"đơn vị chủ trì", Field::lead},
    {"chủ trì", Field::lead},
    {"đơn vị thực hiện", Field::lead},
    {"cơ quan phối hợp", Field::coordinate},
    {"đơn vị phối hợp", Field::coordinate},
    {"phối hợp", Field::coordinate},
    {"start", Field::start},
    {"ngày giao", Field::start},
    {"due", Field::due},
    {"due_date", Field::due},
    {"thời hạn", Field::due},
    {"hạn", Field::due},
    {"hạn hoàn thành", Field::due},
    {"status", Field::status},
    {"tình trạng", Field::status},
    {"trạng thái", Field::status},
    {"done_ratio", Field::percent},
    {"tiến độ", Field::percent},
    {"% hoàn thành", Field::percent},
    {"closed_on", Field::done_on},
    {"ngày hoàn thành", Field::done_on},
    {"completed_on", Field::done_on},
    {"văn bản giao", Field::directive},
    {"văn bản", Field::directive},
    {"directive", Field::directive},
}};

struct StatusWord {
    std::string_view word;  // case folded
    ImportedState state;
};
constexpr std::array<StatusWord, 24> k_status_words{{
    {"new", ImportedState::open},
    {"in progress", ImportedState::open},
    {"feedback", ImportedState::open},
    {"open", ImportedState::open},
    {"mới", ImportedState::open},
    {"chưa thực hiện", ImportedState::open},
    {"đang thực hiện", ImportedState::open},
    {"đang xử lý", ImportedState::open},
    {"quá hạn", ImportedState::open},
    {"resolved", ImportedState::reported},
    {"chờ xác nhận", ImportedState::reported},
    {"đã báo cáo", ImportedState::reported},
    {"closed", ImportedState::done},
    {"done", ImportedState::done},
    {"completed", ImportedState::done},
    {"hoàn thành", ImportedState::done},
    {"đã hoàn thành", ImportedState::done},
    {"hoàn thành đúng hạn", ImportedState::done},
    {"hoàn thành quá hạn", ImportedState::done},
    {"rejected", ImportedState::cancelled},
    {"cancelled", ImportedState::cancelled},
    {"hủy", ImportedState::cancelled},
    {"đã hủy", ImportedState::cancelled},
    {"không thực hiện", ImportedState::cancelled},
}};

std::string folded(std::string_view s) {
    return text::fold_case(text::trim(s));
}

// dd/mm/yyyy, yyyy-mm-dd, an ISO time (its date in Vietnam, UTC+7), or an
// Excel serial date (days since 30/12/1899).
std::optional<domain::CivilDate> parse_cell_date(std::string_view cell) {
    cell = text::trim(cell);
    if (cell.empty()) return std::nullopt;
    if (std::all_of(cell.begin(), cell.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        cell.size() <= 6) {
        int serial = 0;
        std::from_chars(cell.data(), cell.data() + cell.size(), serial);
        if (serial < 1 || serial > 2958465) return std::nullopt;  // Excel's own range
        const domain::CivilDate epoch{std::chrono::year{1899}, std::chrono::December,
                                      std::chrono::day{30}};
        return domain::plus_days(epoch, serial);
    }
    if (const std::size_t t = cell.find('T'); t != std::string_view::npos && t == 10) {
        auto date = domain::parse_iso(cell.substr(0, 10));
        if (!date) return std::nullopt;
        int hour = 0;
        if (cell.size() >= 13) std::from_chars(cell.data() + 11, cell.data() + 13, hour);
        const bool utc = cell.back() == 'Z';
        return utc && hour + 7 >= 24 ? domain::plus_days(*date, 1) : *date;
    }
    return domain::parse_date(cell);
}

// "Sở Tài chính; Sở Nội vụ" → two names (commas stay: "UBND các huyện, thị xã").
std::vector<std::string_view> split_units(std::string_view cell) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        std::size_t end = cell.find_first_of(";\n", start);
        if (end == std::string_view::npos) end = cell.size();
        const auto part = text::trim(cell.substr(start, end - start));
        if (!part.empty()) out.push_back(part);
        start = end + 1;
    }
    return out;
}

}  // namespace

std::optional<ImportedState> imported_state(std::string_view status) {
    const std::string key = folded(status);
    for (const auto& w : k_status_words) {
        if (w.word == key) return w.state;
    }
    return std::nullopt;
}

std::optional<ImportedState> imported_state_from_name(std::string_view name) {
    if (name == "open") return ImportedState::open;
    if (name == "reported") return ImportedState::reported;
    if (name == "done") return ImportedState::done;
    if (name == "cancelled") return ImportedState::cancelled;
    return std::nullopt;
}

Result<ImportReport> RegisterService::import_tasks(std::string_view csv, std::string_view file_name,
                                                   const ImportOptions& options) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    text::CsvOptions csv_options;
    csv_options.max_bytes = std::size_t{64} << 20;  // a province's 100,000-row export is 17 MB
    auto table = read::is_zip(csv) ? read::read_xlsx_sheet(csv, file_name, options.sheet)
                                   : text::read_csv(csv, file_name, csv_options);
    if (!table) return table.error();

    ImportReport report;
    // Which column holds which field.
    std::map<Field, std::size_t> at;
    std::map<std::string, Field> overrides;
    for (const auto& mapping : options.columns) {
        const std::string& field_name = mapping.second;
        auto known = std::find_if(k_fields.begin(), k_fields.end(),
                                  [&](const FieldName& f) { return f.name == field_name; });
        if (known == k_fields.end()) {
            std::string where = mapping.first;
            where += '=';
            where += field_name;
            return make_error(ErrorCode::invalid_input,
                              "--map: không có trường '" + field_name + "'", where);
        }
        overrides[folded(mapping.first)] = known->field;
    }
    for (std::size_t k = 0; k < table->header.size(); ++k) {
        const std::string key = folded(table->header[k]);
        std::optional<Field> field;
        if (auto o = overrides.find(key); o != overrides.end()) {
            field = o->second;
        } else {
            for (const auto& h : k_headers) {
                if (h.text == key) field = h.field;
            }
        }
        if (!field) {
            report.ignored_columns.push_back(table->header[k]);
            continue;
        }
        if (at.contains(*field)) {
            return make_error(
                ErrorCode::invalid_input,
                "hai cột cùng chứa một trường: '" + table->header[at.at(*field)] + "' và '" +
                    table->header[k] + "'",
                text::where_in_file(file_name, table->header_line, table->header_columns[k]));
        }
        at[*field] = k;
    }
    for (Field required : {Field::title, Field::lead}) {
        if (!at.contains(required)) {
            const auto name = std::find_if(k_fields.begin(), k_fields.end(),
                                           [&](const FieldName& f) { return f.field == required; });
            return make_error(ErrorCode::invalid_input,
                              std::string("thiếu cột ") +
                                  (required == Field::title ? "Nội dung (" : "Cơ quan chủ trì (") +
                                  std::string(name->name) + ")",
                              text::where_in_file(file_name, table->header_line, 1));
        }
    }

    std::vector<store::TaskHistory> rows;
    rows.reserve(table->records.size());
    std::unordered_set<std::string> keys;
    keys.reserve(table->records.size());
    const auto unit_by_id_or_name = [&](std::string_view text, const std::optional<UnitId>& issuer,
                                        std::optional<CivilDate> on) -> std::vector<UnitId> {
        UnitId id{std::string(text)};
        if (m_directory->find(id)) return {std::move(id)};
        return resolve(id.value, issuer, on).units;
    };
    // Every report an import makes says where it came from.
    std::string report_text = "Nhập từ ";
    report_text += file_name;
    for (auto& record : table->records) {
        ++report.rows;
        // A cell as a view (most are only read: dates, units, numbers),
        // trimmed; taken out of the table when it is kept whole (the
        // content, the longest: not copied again).
        const auto cell = [&](Field f) -> std::string_view {
            auto it = at.find(f);
            return it == at.end() ? std::string_view() : text::trim(record.cells[it->second]);
        };
        const auto take = [&](Field f) -> std::string {
            auto it = at.find(f);
            if (it == at.end()) return {};
            std::string& whole = record.cells[it->second];
            if (text::trim(whole).size() == whole.size()) return std::move(whole);
            return std::string(text::trim(whole));
        };
        const auto header_of = [&](Field f) {
            auto it = at.find(f);
            return it == at.end() ? std::string() : table->header[it->second];
        };
        const std::size_t problems_before = report.problems.size();
        const auto problem = [&](Field f, std::string message) {
            report.problems.push_back({record.line, header_of(f), std::move(message)});
        };
        const auto date_of = [&](Field f) -> std::optional<CivilDate> {
            const std::string_view text_value = cell(f);
            if (text_value.empty()) return std::nullopt;
            auto date = parse_cell_date(text_value);
            if (!date) {
                std::string message = "không phải ngày: '";
                message += text_value;
                message += "' (dd/mm/yyyy hoặc yyyy-mm-dd)";
                problem(f, std::move(message));
            }
            return date;
        };

        domain::Task& task = rows.emplace_back().facts.task;
        auto& facts = rows.back().facts;
        task.action = take(Field::title);
        if (task.action.empty()) problem(Field::title, "nhiệm vụ không có nội dung");
        task.clause = cell(Field::clause);
        // No source sentence: the row's content is the action (stored once).
        const std::string_view id = cell(Field::task_id);
        // Without an id column, a row is known by what it says.
        std::string key = options.source;
        key += ':';
        if (at.contains(Field::task_id)) {
            key += id;
        } else {
            key += task.action;
            key += '|';
            key += cell(Field::lead);
            key += '|';
            key += cell(Field::due);
        }
        if (at.contains(Field::task_id) && id.empty()) problem(Field::task_id, "dòng không có mã");
        if (!keys.insert(key).second) {
            problem(at.contains(Field::task_id) ? Field::task_id : Field::title,
                    "nhiệm vụ này có hai lần trong tệp");
        }
        task.source_key = std::move(key);
        const auto start = date_of(Field::start);
        const auto due = date_of(Field::due);
        const auto done_on = date_of(Field::done_on);
        task.assigned_on = start;
        task.received_on = start;
        if (start && due && *due < *start) problem(Field::due, "thời hạn trước ngày giao");
        if (const std::string_view by = cell(Field::assigned_by); !by.empty()) {
            auto units = unit_by_id_or_name(by, std::nullopt, start);
            if (units.size() == 1) {
                task.assigned_by = std::move(units.front());
            } else {
                std::string message = "không xác định được một đơn vị tên '";
                message += by;
                message += '\'';
                problem(Field::assigned_by, std::move(message));
            }
        }
        for (const auto& [field, role] : {std::pair{Field::lead, read::Role::lead},
                                          {Field::coordinate, read::Role::coordinate}}) {
            for (const auto& name : split_units(cell(field))) {
                auto units = unit_by_id_or_name(name, task.assigned_by, start);
                if (units.empty()) {
                    task.assignments.push_back({std::nullopt, std::string(name), role});
                    report.unresolved.emplace_back(name);
                }
                for (auto& u : units)
                    task.assignments.push_back({std::move(u), std::string(name), role});
            }
        }
        if (task.assignments.empty()) problem(Field::lead, "nhiệm vụ không có cơ quan chủ trì");
        if (due) {
            read::Deadline deadline;
            deadline.kind = read::DeadlineKind::date;
            deadline.inclusive = true;
            deadline.text = domain::vietnamese(*due);
            deadline.date = read::Date{static_cast<int>(due->year()),
                                       static_cast<int>(static_cast<unsigned>(due->month())),
                                       static_cast<int>(static_cast<unsigned>(due->day()))};
            task.deadlines = {deadline};
            facts.occurrences = {{TaskId{}, *due, ""}};
        }
        const std::string status(cell(Field::status));
        task.source_status = status.empty() ? std::nullopt : std::optional<std::string>(status);
        ++report.by_status[status];
        std::optional<ImportedState> state = ImportedState::open;
        if (!status.empty()) {
            auto o = options.statuses.find(status);
            state = o != options.statuses.end() ? std::optional(o->second) : imported_state(status);
            if (!state) {
                std::string message = "tình trạng chưa biết '" + status;
                message += "' (khai báo: --status-map '";
                message += status;
                message += "=open')";
                problem(Field::status, std::move(message));
            }
        }
        task.state = state == ImportedState::cancelled ? domain::TaskState::cancelled
                                                       : domain::TaskState::active;
        if (state == ImportedState::done || state == ImportedState::reported) {
            domain::CompletionReport r;
            const auto reported = done_on ? done_on : due;
            if (!reported) {
                problem(Field::done_on, "nhiệm vụ đã xong cần ngày hoàn thành");
            } else {
                r.reported_on = *reported;
                r.text = report_text;
                if (state == ImportedState::done) {
                    r.outcome = domain::ReviewOutcome::confirmed;
                    r.reviewed_on = *reported;
                }
                facts.reports.push_back(r);
            }
        }
        if (const std::string_view percent = cell(Field::percent); !percent.empty()) {
            int value = -1;
            const auto parsed =
                std::from_chars(percent.data(), percent.data() + percent.size(), value);
            if (parsed.ec != std::errc() || parsed.ptr != percent.data() + percent.size() ||
                value < 0 || value > 100) {
                std::string message = "không phải tỷ lệ phần trăm: '";
                message += percent;
                message += '\'';
                problem(Field::percent, std::move(message));
            } else if (value > 0 && state != ImportedState::done) {
                domain::ProgressUpdate p;
                p.on = start.value_or(done_on.value_or(CivilDate{}));
                p.text = "Tiến độ khi nhập";
                p.percent = value;
                if (start) rows.back().progress.push_back(p);
            }
        }
        if (report.problems.size() != problems_before) rows.pop_back();
    }

    // Rows imported before change nothing. When applying, they are looked
    // up in the transaction that writes the others.
    std::vector<std::string_view> row_keys;
    row_keys.reserve(rows.size());
    for (const auto& row : rows) row_keys.emplace_back(*row.facts.task.source_key);
    const auto count_existing = [&]() -> Result<std::map<std::string, TaskId>> {
        auto existing = m_repository.tasks_by_source(row_keys);
        if (!existing) return existing.error();
        report.unchanged = existing->size();
        report.created = rows.size() - existing->size();
        return existing;
    };
    if (!options.apply || !report.problems.empty()) {
        auto looked = m_repository.read_snapshot([&]() -> Result<void> {
            auto existing = count_existing();
            if (!existing) return existing.error();
            return {};
        });
        if (!looked) return looked.error();
        if (!report.problems.empty()) report.created = 0;
        return report;
    }
    auto done = m_repository.bulk_transaction(rows.size(), [&]() -> Result<void> {
        auto existing = count_existing();
        if (!existing) return existing.error();
        if (!existing->empty()) {
            row_keys.clear();  // they point into the rows erased next
            std::erase_if(rows, [&](const store::TaskHistory& row) {
                return existing->contains(*row.facts.task.source_key);
            });
        }
        auto ids = m_repository.insert_task_histories(rows);
        if (!ids) return ids.error();
        return {};
    });
    if (!done) return done.error();
    report.applied = true;
    return report;
}

}  // namespace dondoc::service
