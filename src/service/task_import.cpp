// RegisterService::import_tasks: a task sheet from another register.
#include <algorithm>
#include <array>
#include <charconv>
#include <condition_variable>
#include <future>
#include <mutex>
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

// How far the check of a sheet has come, shared by the thread that checks
// its rows and the one that writes them: an applied import writes the rows
// checked so far while the next ones are being checked.
class ImportProgress {
  public:
    struct State {
        bool started = false;  // the sheet is read: `rows` rows, from `first` on
        const store::TaskHistory* first = nullptr;
        std::size_t rows = 0;
        std::size_t ready = 0;  // rows [0, ready) are checked and have no problem
        bool failed = false;    // a row has a problem: none is to be written
        bool ended = false;     // the check is over (or the sheet was not read)
    };
    void started(const store::TaskHistory* first, std::size_t rows) {
        change([&](State& s) {
            s.started = true;
            s.first = first;
            s.rows = rows;
        });
    }
    void checked(std::size_t ready) {
        change([&](State& s) { s.ready = ready; });
    }
    void failed() {
        change([](State& s) { s.failed = true; });
    }
    void ended() {
        change([](State& s) { s.ended = true; });
    }
    // Once the sheet is read or the check is over.
    State wait_started() {
        return wait_until([](const State& s) { return s.started || s.ended; });
    }
    // Once more than `taken` rows are ready, or a row failed, or the check is over.
    State wait_beyond(std::size_t taken) {
        return wait_until(
            [taken](const State& s) { return s.ready > taken || s.failed || s.ended; });
    }

  private:
    template <typename Change>
    void change(Change&& how) {
        {
            std::lock_guard lock(m_mutex);
            how(m_state);
        }
        m_changed.notify_all();
    }
    template <typename Done>
    State wait_until(Done&& done) {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return done(m_state); });
        return m_state;
    }
    std::mutex m_mutex;
    std::condition_variable m_changed;
    State m_state;
};

namespace {

// Ends the progress however the check leaves (a problem, an error, an exception).
class EndsProgress {
  public:
    explicit EndsProgress(ImportProgress& progress) : m_progress(progress) {}
    EndsProgress(const EndsProgress&) = delete;
    EndsProgress& operator=(const EndsProgress&) = delete;
    ~EndsProgress() { m_progress.ended(); }

  private:
    ImportProgress& m_progress;
};

// Tells the checking thread, once, whether every row was written: false
// however the writing ends otherwise (a problem, an error, an exception).
class WrittenSignal {
  public:
    explicit WrittenSignal(std::promise<bool>& promise) : m_promise(promise) {}
    WrittenSignal(const WrittenSignal&) = delete;
    WrittenSignal& operator=(const WrittenSignal&) = delete;
    ~WrittenSignal() { tell(false); }
    void tell(bool written) {
        if (m_told) return;
        m_told = true;
        m_promise.set_value(written);
    }

  private:
    std::promise<bool>& m_promise;
    bool m_told = false;
};

}  // namespace

Result<void> RegisterService::check_sheet(std::string_view csv, std::string_view file_name,
                                          const ImportOptions& options, ImportReport& report,
                                          std::vector<store::TaskHistory>& rows,
                                          ImportProgress& progress) {
    const EndsProgress ends(progress);
    text::CsvOptions csv_options;
    csv_options.max_bytes = std::size_t{64} << 20;  // a province's 100,000-row export is 17 MB
    auto table = read::is_zip(csv) ? read::read_xlsx_sheet(csv, file_name, options.sheet)
                                   : text::read_csv(csv, file_name, csv_options);
    if (!table) return table.error();

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

    // Reserved whole: the rows checked stay where they are while the
    // writer reads them.
    rows.reserve(table->records.size());
    progress.started(rows.data(), table->records.size());
    constexpr std::size_t k_published_every = 4096;
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
        if (report.problems.size() != problems_before) {
            rows.pop_back();
            if (problems_before == 0) progress.failed();
        } else if (report.problems.empty() && rows.size() % k_published_every == 0) {
            progress.checked(rows.size());
        }
    }
    if (report.problems.empty()) progress.checked(rows.size());
    return {};
}

Result<ImportReport> RegisterService::import_tasks(std::string_view csv, std::string_view file_name,
                                                   const ImportOptions& options) {
    if (auto loaded = load_directory(); !loaded) return loaded.error();
    ImportReport report;
    std::vector<store::TaskHistory> rows;
    ImportProgress progress;
    // A dry run only checks the rows; an applied import writes them while
    // it checks them (below).
    if (!options.apply) {
        if (auto checked = check_sheet(csv, file_name, options, report, rows, progress); !checked)
            return checked.error();
    }

    // Rows imported before change nothing. When applying, they are looked
    // up in the transaction that writes the others.
    const auto count_existing = [&]() -> Result<std::map<std::string, TaskId>> {
        std::vector<std::string_view> row_keys;
        row_keys.reserve(rows.size());
        for (const auto& row : rows) row_keys.emplace_back(*row.facts.task.source_key);
        auto existing = m_repository.tasks_by_source(row_keys);
        if (!existing) return existing.error();
        report.unchanged = existing->size();
        report.created = rows.size() - existing->size();
        return existing;
    };
    const auto with_problems = [&]() -> Result<ImportReport> {
        auto looked = m_repository.read_snapshot([&]() -> Result<void> {
            auto existing = count_existing();
            if (!existing) return existing.error();
            return {};
        });
        if (!looked) return looked.error();
        if (!report.problems.empty()) report.created = 0;
        return report;
    };
    if (!options.apply) return with_problems();

    // Applied: a thread of its own writes the rows checked so far while
    // this one checks the next. (This way round, the rows are allocated by
    // the caller's thread, whose memory is already there: checked on a new
    // thread, they took twice the page faults.)
    bool streamed = false;
    // Told when every row is written (the transaction then commits): the
    // rows are freed on this thread meanwhile. False when they were not.
    std::promise<bool> rows_written;
    auto writing = std::async(std::launch::async, [&]() -> Result<void> {
        WrittenSignal written(rows_written);
        const ImportProgress::State read = progress.wait_started();
        if (!read.started) return {};  // the sheet was not read: nothing to write
        // A row with a problem ends the writing: the transaction is rolled
        // back and the report lists every problem.
        const auto problem_found = [] {
            return make_error(ErrorCode::invalid_input, "the sheet has problems");
        };
        return m_repository.bulk_transaction(read.rows, [&]() -> Result<void> {
            auto imported = m_repository.any_imported_task();
            if (!imported) return imported.error();
            if (*imported) {
                // Some rows may be in the register already: all checked first.
                if (progress.wait_beyond(read.rows).failed) return problem_found();
                auto existing = count_existing();
                if (!existing) return existing.error();
                if (!existing->empty()) {
                    std::erase_if(rows, [&](const store::TaskHistory& row) {
                        return existing->contains(*row.facts.task.source_key);
                    });
                }
                auto ids = m_repository.insert_task_histories(rows);
                if (!ids) return ids.error();
                written.tell(true);
                return {};
            }
            // None can be: each part is written as soon as it is checked.
            auto writer = m_repository.task_history_writer(read.rows);
            if (!writer) return writer.error();
            std::size_t taken = 0;
            for (;;) {
                const ImportProgress::State now = progress.wait_beyond(taken);
                if (now.failed) return problem_found();
                if (now.ready > taken) {
                    DONDOC_TRY((*writer)->add({now.first + taken, now.ready - taken}));
                    taken = now.ready;
                } else if (now.ended) {
                    break;
                }
            }
            if (taken != read.rows) return problem_found();  // the check stopped short
            DONDOC_TRY((*writer)->finish());
            streamed = true;
            written.tell(true);
            return {};
        });
    });
    const auto checked = check_sheet(csv, file_name, options, report, rows, progress);
    std::size_t written_rows = 0;
    if (rows_written.get_future().get()) {
        written_rows = rows.size();
        auto freed = std::move(rows);  // a tenth of the import, while it commits
    }
    const Result<void> done = writing.get();
    if (!checked) return checked.error();
    if (!report.problems.empty()) return with_problems();
    if (!done) return done.error();
    if (streamed) {
        report.created = written_rows;
        report.unchanged = 0;
    }
    report.applied = true;
    return report;
}

}  // namespace dondoc::service
