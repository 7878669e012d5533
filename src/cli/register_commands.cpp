// The register's commands: init, units, ingest, docs, tasks, task, cascade,
// scoreboard. Each parses its arguments, calls the service, prints a table
// in Vietnamese (or JSON with --json), and maps errors to exit codes.
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/args.h"
#include "cli/cli_support.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/record_summary.h"
#include "cli/table.h"
#include "domain/civil_date.h"
#include "domain/directory.h"
#include "read/record_json.h"
#include "service/account_service.h"
#include "service/register_service.h"
#include "service/sheets.h"
#include "store/accounts.h"
#include "store/repository.h"

namespace dondoc::cli {

using domain::CivilDate;

namespace {

using Json = nlohmann::ordered_json;

}  // namespace

std::string db_path(const Args& args) {
    auto db = args.option("db");
    return register_location(db ? std::vector<std::string>{*db} : std::vector<std::string>{});
}

// Today in Vietnam (UTC+7), for --as-of and event dates by default.
CivilDate today() {
    const auto now = std::chrono::system_clock::now() + std::chrono::hours{7};
    return CivilDate{std::chrono::floor<std::chrono::days>(now)};
}

int fail(Io io, const std::string& command, const Error& e) {
    io.err << "dondoc " << command << ": " << e.message
           << (e.where.empty() ? "" : " (" + e.where + ")") << "\n";
    return exit_code_for(e.code);
}

Result<std::string> slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorCode::io_error, "không mở được tệp", path);
    // Into a string of the file's size, read in large pieces: through a
    // string stream, whose buffer grows as it fills, a 17 MB sheet cost a
    // tenth of its whole import. (Not a regular file: read as it comes.)
    std::string bytes;
    std::error_code unknown;
    if (const auto size = std::filesystem::file_size(path, unknown); !unknown)
        bytes.reserve(static_cast<std::size_t>(size));
    std::array<char, std::size_t{1} << 16> piece{};
    while (in.read(piece.data(), piece.size()) || in.gcount() > 0)
        bytes.append(piece.data(), static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return make_error(ErrorCode::io_error, "không đọc được tệp", path);
    return bytes;
}

Result<CivilDate> date_option(const Args& args, const std::string& name, CivilDate fallback) {
    auto value = args.option(name);
    if (!value) return fallback;
    auto date = domain::parse_date(*value);
    if (!date)
        return make_error(ErrorCode::invalid_input, "ngày không hợp lệ cho --" + name + ": '" +
                                                        *value +
                                                        "' (dùng dd/mm/yyyy hoặc yyyy-mm-dd)");
    return *date;
}

Result<void> write_file(const std::string& path, std::string_view bytes) {
    std::ofstream file(path, std::ios::binary);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!file) return make_error(ErrorCode::io_error, "không ghi được tệp", path);
    return {};
}

bool has_extension(const std::string& path, std::string_view extension) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext == extension;
}

Result<domain::TaskId> task_id(const std::string& text) {
    try {
        std::size_t used = 0;
        const long long v = std::stoll(text, &used);
        if (used == text.size() && v > 0) return domain::TaskId{v};
    } catch (const std::exception&) {
    }
    return make_error(ErrorCode::invalid_input, "mã nhiệm vụ không hợp lệ: '" + text + "'");
}

void Session::audit(Io io, const std::string& action, const std::string& target,
                    const std::string& before, const std::string& after) const {
    if (!audit_log) {
        io.err << "dondoc: không ghi được nhật ký: chưa mở sổ tài khoản\n";
        return;
    }
    auto logged = audit_log->record(cli_actor(), action, target, before, after);
    if (!logged) io.err << "dondoc: không ghi được nhật ký: " << logged.error().message << "\n";
}

Result<Session> open_session(const Args& args, bool with_audit_log) {
    auto repository = store::open_register(db_path(args));
    if (!repository) return repository.error();
    Session s;
    s.repository = std::move(*repository);
    s.service = std::make_unique<service::RegisterService>(*s.repository,
                                                           domain::WorkingCalendar::vietnam());
    if (with_audit_log) DONDOC_TRY(open_audit_log(s, args));
    return s;
}

Result<void> open_audit_log(Session& session, const Args& args) {
    auto accounts = store::open_accounts(db_path(args));
    if (!accounts) return accounts.error();
    session.accounts = std::move(*accounts);
    session.audit_log = std::make_unique<service::AccountService>(
        *session.accounts, *session.repository, [] { return std::chrono::system_clock::now(); },
        service::PasswordCost::minimum());
    return {};
}

namespace {

std::string assignees_text(const domain::Task& t, bool lead_only) {
    std::string out;
    std::set<std::string> seen;
    for (const auto& a : t.assignments) {
        if (lead_only && a.role == read::Role::coordinate) continue;
        const std::string name = a.mention + (a.unit ? "" : " (chưa xác định)");
        if (!seen.insert(name).second) continue;
        if (!out.empty()) out += "; ";
        out += name;
    }
    return out;
}

Json task_json(const service::TaskView& v) {
    Json assignments = Json::array();
    for (const auto& a : v.task.assignments) {
        assignments.push_back({{"unit", a.unit ? Json(a.unit->value) : Json(nullptr)},
                               {"mention", a.mention},
                               {"role", read::role_name(a.role)}});
    }
    return Json{{"id", v.task.id.value},
                {"document", v.document_notation},
                {"clause", v.task.clause},
                {"action", v.task.action},
                {"assignments", assignments},
                {"state", v.task.state == domain::TaskState::active     ? "active"
                          : v.task.state == domain::TaskState::proposed ? "proposed"
                                                                        : "cancelled"},
                {"status", domain::task_status_name(v.status)},
                {"due", v.due ? Json(domain::iso(*v.due)) : Json(nullptr)},
                {"period", v.period_label},
                {"report_to", v.task.report_to ? Json(*v.task.report_to) : Json(nullptr)},
                {"report_via", v.task.report_via ? Json(*v.task.report_via) : Json(nullptr)},
                {"product", v.task.product ? Json(*v.task.product) : Json(nullptr)},
                {"version", v.task.version}};
}

int run_init(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "units-dir"}, {"demo"});
    if (!args) return fail(io, "init", args.error());
    auto session = open_session(*args);
    if (!session) return fail(io, "init", session.error());
    io.out << "Sổ theo dõi: " << shown_location(db_path(*args)) << "\n";
    if (args->flag("demo")) {
        // The demo data beside the working directory, else in the source tree it was built from.
        std::string dir = args->option("units-dir").value_or("data/quang-ngai");
        if (!args->option("units-dir") && !std::filesystem::exists(dir))
            dir = DONDOC_DATA_DIR "/quang-ngai";
        auto y2024 = slurp(dir + "/units_2024.csv");
        auto y2025 = slurp(dir + "/units_2025.csv");
        if (!y2024) return fail(io, "init", y2024.error());
        if (!y2025) return fail(io, "init", y2025.error());
        auto n = session->service->import_demo_units(*y2024, *y2025);
        if (!n) return fail(io, "init", n.error());
        session->audit(io, "unit.import", "units/demo", "null", Json{{"units", *n}}.dump());
        io.out << "Đã nạp " << *n << " đơn vị của tỉnh Quảng Ngãi (trước và sau sắp xếp 2025).\n";
    }
    return k_exit_ok;
}

int run_units(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "parent", "on"}, {"json"});
    if (!args) return fail(io, "units", args.error());
    const auto& pos = args->positional();
    if (pos.empty()) {
        io.err << "Cách dùng: dondoc units import TỆP.csv | list [--parent MÃ] | show MÃ | merge "
                  "MÃ_CŨ MÃ_MỚI --on NGÀY\n";
        return k_exit_usage;
    }
    auto session = open_session(*args);
    if (!session) return fail(io, "units", session.error());
    if (pos[0] == "import") {
        if (pos.size() < 2)
            return fail(io, "units import", make_error(ErrorCode::invalid_input, "thiếu tệp CSV"));
        std::size_t total = 0;
        for (std::size_t i = 1; i < pos.size(); ++i) {
            auto csv = slurp(pos[i]);
            if (!csv) return fail(io, "units import", csv.error());
            auto n = session->service->import_units(*csv, pos[i]);
            if (!n) return fail(io, "units import", n.error());
            session->audit(io, "unit.import", "units/" + pos[i], "null",
                           Json{{"units", *n}}.dump());
            total += *n;
        }
        io.out << "Đã nạp " << total << " đơn vị.\n";
        return k_exit_ok;
    }
    if (pos[0] == "map") {
        if (pos.size() < 3)
            return fail(io, "units map",
                        make_error(ErrorCode::invalid_input, "cần tên và ít nhất một mã đơn vị"));
        std::vector<domain::UnitId> targets;
        for (std::size_t i = 2; i < pos.size(); ++i) targets.push_back(domain::UnitId{pos[i]});
        std::optional<domain::UnitId> issuer;
        if (auto i = args->option("issuer")) issuer = domain::UnitId{*i};
        auto mapped = session->service->map_name(pos[1], issuer, targets);
        if (!mapped) return fail(io, "units map", mapped.error());
        Json mapped_units = Json::array();
        for (const auto& t : targets) mapped_units.push_back(t.value);
        session->audit(io, "unit.alias", "mention/" + pos[1], "null",
                       Json{{"mention", pos[1]}, {"units", mapped_units}}.dump());
        io.out << "Đã ghi nhớ: \"" << pos[1] << "\" → " << targets.size() << " đơn vị.\n";
        return k_exit_ok;
    }
    auto units = session->service->units();
    if (!units) return fail(io, "units", units.error());
    if (pos[0] == "export") {
        io.out << domain::export_units_csv(*units);
        return k_exit_ok;
    }
    if (pos[0] == "list") {
        const auto parent = args->option("parent");
        Table table({"Mã", "Tên đơn vị", "Loại", "Trực thuộc", "Hiệu lực"});
        Json json = Json::array();
        for (const auto& u : *units) {
            if (parent && (!u.parent || u.parent->value != *parent)) continue;
            std::vector<std::string> validity;
            if (u.valid_from) validity.push_back("từ " + domain::vietnamese(*u.valid_from));
            if (u.valid_to) validity.push_back("đến " + domain::vietnamese(*u.valid_to));
            std::string valid;
            for (const auto& part : validity) valid.append(valid.empty() ? "" : " ").append(part);
            table.add({u.id.value, u.name, std::string(domain::unit_kind_label(u.kind)),
                       u.parent ? u.parent->value : "", valid});
            json.push_back({{"id", u.id.value},
                            {"name", u.name},
                            {"kind", domain::unit_kind_name(u.kind)},
                            {"parent", u.parent ? Json(u.parent->value) : Json(nullptr)},
                            {"aliases", u.aliases}});
        }
        io.out << (args->flag("json") ? json.dump() + "\n" : table.str());
        return k_exit_ok;
    }
    if (pos[0] == "show" && pos.size() >= 2) {
        for (const auto& u : *units) {
            if (u.id.value != pos[1]) continue;
            io.out << "Mã: " << u.id.value << "\nTên: " << u.name
                   << "\nLoại: " << domain::unit_kind_label(u.kind) << "\n";
            if (u.parent) io.out << "Trực thuộc: " << u.parent->value << "\n";
            for (const auto& a : u.aliases) io.out << "Tên khác: " << a << "\n";
            for (const auto& s : u.successors) io.out << "Đơn vị kế thừa: " << s.value << "\n";
            if (!u.note.empty()) io.out << "Ghi chú: " << u.note << "\n";
            return k_exit_ok;
        }
        return fail(io, "units show",
                    make_error(ErrorCode::not_found, "không có đơn vị " + pos[1]));
    }
    if (pos[0] == "merge" && pos.size() >= 3) {
        auto on = date_option(*args, "on", today());
        if (!on) return fail(io, "units merge", on.error());
        auto moved =
            session->service->merge_unit(domain::UnitId{pos[1]}, domain::UnitId{pos[2]}, *on);
        if (!moved) return fail(io, "units merge", moved.error());
        session->audit(
            io, "unit.merge", "unit/" + pos[1], Json{{"unit", pos[1]}}.dump(),
            Json{{"successor", pos[2]}, {"on", domain::iso(*on)}, {"moved", *moved}}.dump());
        io.out << "Đã chuyển " << *moved << " phân công chưa hoàn thành từ " << pos[1] << " sang "
               << pos[2] << ".\n";
        return k_exit_ok;
    }
    io.err << "dondoc units: lệnh con không hợp lệ '" << pos[0] << "'\n";
    return k_exit_usage;
}

int run_ingest(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "received"}, {"confirm", "json"});
    if (!args) return fail(io, "ingest", args.error());
    if (args->positional().empty()) {
        io.err << "Cách dùng: dondoc ingest TỆP... [--confirm] [--received NGÀY] [--db TỆP]\n";
        return k_exit_usage;
    }
    auto session = open_session(*args);
    if (!session) return fail(io, "ingest", session.error());
    service::IngestOptions options;
    options.confirm = args->flag("confirm");
    if (args->option("received")) {
        auto received = date_option(*args, "received", today());
        if (!received) return fail(io, "ingest", received.error());
        options.received_on = *received;
    }
    int status = k_exit_ok;
    // Files are read in batches of 500, each batch committed at once.
    constexpr std::size_t k_batch = 500;
    const auto& paths = args->positional();
    for (std::size_t start = 0; start < paths.size(); start += k_batch) {
        std::vector<service::RegisterService::SourceFile> files;
        std::vector<std::string> batch_paths;
        for (std::size_t i = start; i < std::min(paths.size(), start + k_batch); ++i) {
            auto bytes = slurp(paths[i]);
            if (!bytes) {
                status = fail(io, "ingest", bytes.error());
                continue;
            }
            files.push_back(
                {std::filesystem::path(paths[i]).filename().string(), std::move(*bytes)});
            batch_paths.push_back(paths[i]);
        }
        const auto results = session->service->ingest_batch(files, options);
        for (std::size_t k = 0; k < results.size(); ++k) {
            const auto& result = results[k];
            const std::string& path = batch_paths[k];
            if (!result) {
                status = fail(io, "ingest", result.error());
                continue;
            }
            if (!result->already_registered) {
                session->audit(io, "document.ingest", "document/" + result->notation, "null",
                               Json{{"document", result->document.value},
                                    {"notation", result->notation},
                                    {"source", path},
                                    {"tasks", result->tasks.size()},
                                    {"confirmed", options.confirm}}
                                   .dump());
            }
            if (result->already_registered) {
                io.out << path << ": đã có trong sổ (văn bản " << result->notation
                       << "), không thay đổi.\n";
                continue;
            }
            io.out << path << ": vào sổ văn bản "
                   << (result->notation.empty() ? "(không số)" : result->notation) << ", "
                   << result->tasks.size() << " nhiệm vụ "
                   << (options.confirm ? "đã xác nhận" : "chờ xác nhận") << ", "
                   << result->references << " văn bản dẫn (" << result->placeholders_created
                   << " chưa có trong sổ)"
                   << (result->filled_placeholder ? ", khớp với văn bản đã được dẫn trước đó" : "")
                   << ".\n";
            if (result->parent_task)
                io.out << "  triển khai nhiệm vụ " << result->parent_task->value
                       << " của văn bản cấp trên: các nhiệm vụ trên là nhiệm vụ con của nó.\n";
            for (const auto& u : result->unresolved)
                io.out << "  chưa xác định được đơn vị: " << u << "\n";
        }
    }
    return status;
}

int run_docs(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "limit"}, {"json"});
    if (!args) return fail(io, "docs", args.error());
    const auto& pos = args->positional();
    if (pos.empty()) {
        io.err << "Cách dùng: dondoc docs list | show SỐ_KÝ_HIỆU | search TỪ_KHÓA...\n";
        return k_exit_usage;
    }
    auto session = open_session(*args);
    if (!session) return fail(io, "docs", session.error());
    const std::size_t limit = args->option("limit") ? std::stoul(*args->option("limit")) : 100;
    Result<std::vector<domain::Document>> docs = std::vector<domain::Document>();
    if (pos[0] == "list") {
        docs = session->service->documents(limit);
    } else if (pos[0] == "search") {
        std::string query;
        for (std::size_t i = 1; i < pos.size(); ++i) query += (i > 1 ? " " : "") + pos[i];
        docs = session->service->search(query, limit);
    } else if (pos[0] == "show" && pos.size() >= 2) {
        auto doc = session->service->document_by_notation(pos[1]);
        if (!doc) return fail(io, "docs show", doc.error());
        if (args->flag("json")) {
            io.out << (doc->record_json.empty() ? "{}" : doc->record_json) << "\n";
            return k_exit_ok;
        }
        io.out << "Số, ký hiệu: " << doc->notation
               << (doc->placeholder ? " (chưa có trong sổ, chỉ được dẫn)" : "") << "\n"
               << "Ngày: " << (doc->date ? domain::vietnamese(*doc->date) : "") << "\n"
               << "Cơ quan ban hành: " << doc->issuer_name
               << (doc->issuer ? " [" + doc->issuer->value + "]" : "") << "\n"
               << "Trích yếu: " << doc->subject << "\n";
        if (!doc->source_name.empty()) io.out << "Tệp: " << doc->source_name << "\n";
        return k_exit_ok;
    } else {
        io.err << "dondoc docs: lệnh con không hợp lệ '" << pos[0] << "'\n";
        return k_exit_usage;
    }
    if (!docs) return fail(io, "docs", docs.error());
    Table table({"Số, ký hiệu", "Ngày", "Loại", "Cơ quan ban hành", "Trích yếu"});
    Json json = Json::array();
    for (const auto& d : *docs) {
        table.add({d.notation + (d.placeholder ? " (*)" : ""),
                   d.date ? domain::vietnamese(*d.date) : "", d.type_code, d.issuer_name,
                   d.subject});
        json.push_back({{"id", d.id.value},
                        {"notation", d.notation},
                        {"placeholder", d.placeholder},
                        {"date", d.date ? Json(domain::iso(*d.date)) : Json(nullptr)},
                        {"type", d.type_code},
                        {"issuer", d.issuer_name},
                        {"subject", d.subject}});
    }
    if (args->flag("json")) {
        io.out << json.dump() << "\n";
    } else {
        io.out << table.str() << "(*) văn bản được dẫn nhưng chưa vào sổ\n";
    }
    return k_exit_ok;
}

// dondoc tasks import FILE.csv [--apply] [--source NAME] [--map HEADER=field]...
// [--status-map WORD=open|reported|done|cancelled]...
int run_tasks_import(const Args& args, Io io) {
    const auto& pos = args.positional();
    if (pos.size() != 2) {
        io.err << "Cách dùng: dondoc tasks import TỆP.csv|TỆP.xlsx [--sheet TÊN] [--apply] "
                  "[--source TÊN] "
                  "[--map TIÊU_ĐỀ=trường]... [--status-map TỪ=open|reported|done|cancelled]...\n";
        return k_exit_usage;
    }
    service::ImportOptions options;
    options.apply = args.flag("apply");
    if (auto source = args.option("source")) options.source = *source;
    options.sheet = args.option("sheet");
    for (const std::string& pair : args.all("map"))
        if (auto added = service::add_column_mapping(options, pair); !added)
            return fail(io, "tasks import --map", added.error());
    for (const std::string& pair : args.all("status-map"))
        if (auto added = service::add_status_mapping(options, pair); !added)
            return fail(io, "tasks import --status-map", added.error());
    auto bytes = slurp(pos[1]);
    if (!bytes) return fail(io, "tasks import", bytes.error());
    // The audit log's connection after the import: see open_session.
    auto session = open_session(args, false);
    if (!session) return fail(io, "tasks import", session.error());
    auto report = session->service->import_tasks(*bytes, pos[1], options);
    if (!report) return fail(io, "tasks import", report.error());
    if (report->applied) {
        if (auto opened = open_audit_log(*session, args); !opened) {
            io.err << "dondoc: không ghi được nhật ký: " << opened.error().message << "\n";
        } else {
            session->audit(io, "task.import", "file/" + pos[1], "null",
                           Json{{"rows", report->rows},
                                {"created", report->created},
                                {"unchanged", report->unchanged},
                                {"source", options.source}}
                               .dump());
        }
    }
    if (args.flag("json")) {
        io.out << service::report_json(*report).dump() << "\n";
    } else {
        io.out << pos[1] << ": " << report->rows << " dòng; " << report->created << " nhiệm vụ "
               << (report->applied ? "đã nhập" : "sẽ được nhập") << ", " << report->unchanged
               << " đã có trong sổ (không đổi).\n";
        for (const auto& [status, n] : report->by_status)
            io.out << "  tình trạng \"" << status << "\": " << n << "\n";
        for (const auto& c : report->ignored_columns) io.out << "  bỏ qua cột: " << c << "\n";
        if (!report->unresolved.empty())
            io.out << "  " << report->unresolved.size()
                   << " tên đơn vị chưa xác định (giữ nguyên trên nhiệm vụ), ví dụ: "
                   << report->unresolved.front() << "\n";
        for (const auto& p : report->problems) {
            io.err << pos[1] << " dòng " << p.line << (p.column.empty() ? "" : ", cột " + p.column)
                   << ": " << p.message << "\n";
        }
        if (!report->problems.empty()) {
            io.err << "Không nhập dòng nào: sửa " << report->problems.size()
                   << " lỗi trên rồi chạy lại.\n";
        } else if (!report->applied) {
            io.out << "Chạy thử: chưa ghi gì. Thêm --apply để nhập.\n";
        }
    }
    return report->problems.empty() ? k_exit_ok : exit_code_for(ErrorCode::invalid_input);
}

int run_tasks(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw,
                            {"db", "unit", "status", "as-of", "directive", "limit", "source", "map",
                             "status-map", "output", "sheet", "format"},
                            {"json", "proposed", "apply"});
    if (!args) return fail(io, "tasks", args.error());
    const auto& pos = args->positional();
    if (!pos.empty() && pos[0] == "import") return run_tasks_import(*args, io);
    if (!pos.empty() && pos[0] == "export") {
        auto session = open_session(*args);
        if (!session) return fail(io, "tasks export", session.error());
        auto as_of = date_option(*args, "as-of", today());
        if (!as_of) return fail(io, "tasks export", as_of.error());
        const auto output = args->option("output");
        if (args->option("format") == "xlsx" || (output && has_extension(*output, ".xlsx"))) {
            if (!output)
                return fail(io, "tasks export",
                            make_error(ErrorCode::invalid_input, "XLSX cần --output TỆP.xlsx"));
            auto xlsx = service::register_xlsx(*session->service, *as_of);
            if (!xlsx) return fail(io, "tasks export", xlsx.error());
            if (auto ok = write_file(*output, *xlsx); !ok)
                return fail(io, "tasks export", ok.error());
            io.out << "Đã ghi " << *output << ".\n";
            return k_exit_ok;
        }
        auto csv = session->service->export_tasks_csv(*as_of);
        if (!csv) return fail(io, "tasks export", csv.error());
        if (auto path = output) {
            std::ofstream file(*path, std::ios::binary);
            file << "\xEF\xBB\xBF" << *csv;  // the byte order mark Excel needs to see UTF-8
            if (!file)
                return fail(io, "tasks export",
                            make_error(ErrorCode::io_error, "không ghi được tệp", *path));
            io.out << "Đã ghi " << *path << ".\n";
        } else {
            io.out << *csv;
        }
        return k_exit_ok;
    }
    if (!pos.empty() && pos[0] == "accept") {
        auto session = open_session(*args);
        if (!session) return fail(io, "tasks accept", session.error());
        auto directive = args->option("directive");
        if (!directive)
            return fail(io, "tasks accept",
                        make_error(ErrorCode::invalid_input, "cần --directive SỐ_KÝ_HIỆU"));
        auto doc = session->service->document_by_notation(*directive);
        if (!doc) return fail(io, "tasks accept", doc.error());
        auto n = session->service->confirm_tasks(doc->id);
        if (!n) return fail(io, "tasks accept", n.error());
        session->audit(io, "document.confirm_tasks", "document/" + doc->notation, "null",
                       Json{{"confirmed", *n}}.dump());
        io.out << "Đã xác nhận " << *n << " nhiệm vụ của văn bản " << doc->notation << ".\n";
        return k_exit_ok;
    }
    if (!pos.empty() && pos[0] != "list") {
        io.err << "Cách dùng: dondoc tasks list [--unit MÃ] [--status TRẠNG_THÁI] [--as-of NGÀY] "
                  "[--directive SỐ] [--output TỆP.xlsx] | tasks accept --directive SỐ\n";
        return k_exit_usage;
    }
    auto session = open_session(*args);
    if (!session) return fail(io, "tasks", session.error());
    service::TaskQuery query;
    auto as_of = date_option(*args, "as-of", today());
    if (!as_of) return fail(io, "tasks", as_of.error());
    query.as_of = *as_of;
    if (auto unit = args->option("unit")) query.unit = domain::UnitId{*unit};
    if (auto status = args->option("status")) {
        query.status = domain::task_status_from_name(*status);
        if (!query.status) {
            return fail(
                io, "tasks",
                make_error(ErrorCode::invalid_input, "trạng thái không hợp lệ '" + *status +
                                                         "' (done_on_time, done_late, in_progress, "
                                                         "due_soon, overdue, no_deadline)"));
        }
    }
    query.directive = args->option("directive");
    query.include_proposed = args->flag("proposed");
    if (auto limit = args->option("limit")) query.limit = std::stoul(*limit);
    if (auto output = args->option("output")) {
        if (!has_extension(*output, ".xlsx"))
            return fail(io, "tasks list",
                        make_error(ErrorCode::invalid_input, "--output cần tệp .xlsx", *output));
        auto xlsx = service::task_list_xlsx(*session->service, query);
        if (!xlsx) return fail(io, "tasks list", xlsx.error());
        if (auto ok = write_file(*output, *xlsx); !ok) return fail(io, "tasks list", ok.error());
        io.out << "Đã ghi " << *output << ".\n";
        return k_exit_ok;
    }
    auto views = session->service->tasks(query);
    if (!views) return fail(io, "tasks", views.error());
    if (args->flag("json")) {
        Json json = Json::array();
        for (const auto& v : *views) json.push_back(task_json(v));
        io.out << json.dump() << "\n";
        return k_exit_ok;
    }
    Table table({"Mã", "Văn bản", "Mục", "Đơn vị thực hiện", "Nội dung", "Hạn", "Trạng thái"}, 48);
    for (const auto& v : *views) {
        std::string due = v.due ? domain::vietnamese(*v.due) : "";
        if (!v.period_label.empty()) due += " (" + v.period_label + ")";
        table.add({std::to_string(v.task.id.value), v.document_notation, v.task.clause,
                   assignees_text(v.task, true), v.task.action, due,
                   v.task.state == domain::TaskState::proposed
                       ? "Chờ xác nhận"
                       : std::string(domain::task_status_label(v.status))});
    }
    io.out << "Tình hình thực hiện nhiệm vụ đến ngày " << domain::vietnamese(query.as_of) << "\n"
           << table.str() << "Tổng: " << views->size() << " nhiệm vụ\n";
    return k_exit_ok;
}

Json rollup_json(const service::Rollup& r) {
    Json subtasks = Json::array();
    for (const auto& v : r.subtasks) subtasks.push_back(task_json(v));
    return {{"descendants", r.descendants}, {"done_on_time", r.done_on_time},
            {"done_late", r.done_late},     {"in_progress", r.in_progress},
            {"overdue", r.overdue},         {"no_deadline", r.no_deadline},
            {"subtasks", subtasks}};
}

// "Nhiệm vụ con (3, tổng 16 cấp dưới): hoàn thành đúng hạn 5, …" and one line per sub-task.
void print_rollup(const service::Rollup& r, Io io) {
    if (r.subtasks.empty()) return;
    io.out << "Nhiệm vụ con: " << r.subtasks.size() << " (tính cả các cấp dưới: " << r.descendants
           << " đang theo dõi — hoàn thành đúng hạn " << r.done_on_time << ", hoàn thành quá hạn "
           << r.done_late << ", đang thực hiện " << r.in_progress << ", quá hạn " << r.overdue
           << ", không có thời hạn " << r.no_deadline << ")\n";
    for (const auto& v : r.subtasks) {
        io.out << "  " << v.task.id.value << " [" << v.document_notation << "] "
               << (v.task.state == domain::TaskState::proposed
                       ? "Chờ xác nhận"
                       : std::string(domain::task_status_label(v.status)))
               << " — " << v.task.action << "\n";
    }
}

int run_task(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "on", "as-of", "percent"}, {"json"});
    if (!args) return fail(io, "task", args.error());
    const auto& pos = args->positional();
    if (pos.size() < 2) {
        io.err << "Cách dùng: dondoc task "
                  "show|accept|progress|done|confirm|return|extend|approve|reject MÃ [NỘI_DUNG] "
                  "[--on NGÀY]\n"
                  "           dondoc task link MÃ MÃ_NHIỆM_VỤ_CHA\n";
        return k_exit_usage;
    }
    auto id = task_id(pos[1]);
    if (!id) return fail(io, "task", id.error());
    auto session = open_session(*args);
    if (!session) return fail(io, "task", session.error());
    auto on = date_option(*args, "on", today());
    if (!on) return fail(io, "task", on.error());
    const std::string text = pos.size() >= 3 ? pos[2] : "";
    const std::string& verb = pos[0];
    // The task as it is, for the audit log's before and after.
    auto snapshot = [&]() -> std::string {
        auto view = session->service->task(*id, today());
        return view ? task_json(*view).dump() : std::string("null");
    };
    const std::string before = verb == "show" ? std::string() : snapshot();
    auto audited = [&](const std::string& action) {
        session->audit(io, "task." + action, "task/" + std::to_string(id->value), before,
                       snapshot());
    };
    const std::map<std::string, std::string> actions = {{"accept", "confirm"},
                                                        {"progress", "progress"},
                                                        {"done", "report"},
                                                        {"confirm", "review"},
                                                        {"return", "review"},
                                                        {"extend", "extension_request"},
                                                        {"approve", "extension_decision"},
                                                        {"reject", "extension_decision"},
                                                        {"link", "link"}};
    auto done = [&](const Result<void>& r, const std::string& message) {
        if (!r) return fail(io, "task " + verb, r.error());
        audited(actions.at(verb));
        io.out << message << "\n";
        return k_exit_ok;
    };
    if (verb == "show") {
        auto as_of = date_option(*args, "as-of", today());
        if (!as_of) return fail(io, "task show", as_of.error());
        auto view = session->service->task(*id, *as_of);
        if (!view) return fail(io, "task show", view.error());
        auto rollup = session->service->rollup(*id, *as_of);
        if (!rollup) return fail(io, "task show", rollup.error());
        if (args->flag("json")) {
            auto json = task_json(*view);
            if (!rollup->subtasks.empty()) json["rollup"] = rollup_json(*rollup);
            io.out << json.dump() << "\n";
            return k_exit_ok;
        }
        const auto& t = view->task;
        io.out << "Nhiệm vụ " << t.id.value << " — văn bản " << view->document_notation
               << (t.clause.empty() ? "" : ", mục " + t.clause) << "\n"
               << "Nội dung: " << t.action << "\n";
        for (const auto& a : t.assignments) {
            io.out << "  " << role_label(a.role) << ": " << a.mention
                   << (a.unit ? " [" + a.unit->value + "]" : " (chưa xác định đơn vị)") << "\n";
        }
        for (const auto& d : t.deadlines) io.out << "Thời hạn: " << d.text << "\n";
        if (t.report_to)
            io.out << "Báo cáo: " << *t.report_to
                   << (t.report_via ? " (qua " + *t.report_via + ")" : "") << "\n";
        if (t.product) io.out << "Sản phẩm: " << *t.product << "\n";
        io.out << "Trạng thái đến ngày " << domain::vietnamese(*as_of) << ": "
               << (t.state == domain::TaskState::proposed
                       ? "Chờ xác nhận"
                       : std::string(domain::task_status_label(view->status)));
        if (view->due)
            io.out << " (hạn " << domain::vietnamese(*view->due)
                   << (view->period_label.empty() ? "" : ", " + view->period_label) << ")";
        io.out << "\n";
        if (t.parent) io.out << "Thuộc nhiệm vụ: " << t.parent->value << "\n";
        auto progress = session->repository->progress(*id);
        if (progress) {
            for (const auto& p : *progress) {
                io.out << "  " << domain::vietnamese(p.on) << ": " << p.text
                       << (p.percent ? " (" + std::to_string(*p.percent) + "%)" : "") << "\n";
            }
        }
        print_rollup(*rollup, io);
        return k_exit_ok;
    }
    if (verb == "link") {
        if (pos.size() < 3)
            return fail(io, "task link",
                        make_error(ErrorCode::invalid_input,
                                   "cần mã nhiệm vụ cha: dondoc task link MÃ MÃ_NHIỆM_VỤ_CHA"));
        auto parent = task_id(pos[2]);
        if (!parent) return fail(io, "task link", parent.error());
        return done(session->service->link_subtask(*id, *parent),
                    "Nhiệm vụ " + pos[1] + " là nhiệm vụ con của nhiệm vụ " + pos[2] + ".");
    }
    if (verb == "accept")
        return done(session->service->confirm_task(*id), "Đã xác nhận nhiệm vụ " + pos[1] + ".");
    if (verb == "progress") {
        std::optional<int> percent;
        if (auto p = args->option("percent")) percent = std::atoi(p->c_str());
        return done(session->service->progress(*id, *on, text, percent), "Đã ghi tiến độ.");
    }
    if (verb == "done") {
        auto report = session->service->report_done(*id, *on, text);
        if (!report) return fail(io, "task done", report.error());
        audited("report");
        io.out << "Đã ghi báo cáo hoàn thành (chờ cơ quan theo dõi xác nhận).\n";
        return k_exit_ok;
    }
    if (verb == "confirm")
        return done(session->service->review(*id, domain::ReviewOutcome::confirmed, *on, text),
                    "Đã xác nhận hoàn thành.");
    if (verb == "return")
        return done(session->service->review(*id, domain::ReviewOutcome::returned, *on, text),
                    "Đã trả lại báo cáo: nhiệm vụ chưa hoàn thành.");
    if (verb == "extend") {
        if (pos.size() < 3)
            return fail(io, "task extend",
                        make_error(ErrorCode::invalid_input,
                                   "cần hạn mới: dondoc task extend MÃ NGÀY [LÝ_DO]"));
        auto new_due = domain::parse_date(pos[2]);
        if (!new_due)
            return fail(
                io, "task extend",
                make_error(ErrorCode::invalid_input, "hạn mới không hợp lệ: '" + pos[2] + "'"));
        auto ext =
            session->service->request_extension(*id, *on, *new_due, pos.size() >= 4 ? pos[3] : "");
        if (!ext) return fail(io, "task extend", ext.error());
        audited("extension_request");
        io.out << "Đã ghi đề nghị gia hạn đến " << domain::vietnamese(*new_due)
               << " (chờ quyết định).\n";
        return k_exit_ok;
    }
    if (verb == "approve")
        return done(
            session->service->decide_extension(*id, domain::ExtensionDecision::approved, *on),
            "Đã đồng ý gia hạn.");
    if (verb == "reject")
        return done(
            session->service->decide_extension(*id, domain::ExtensionDecision::rejected, *on),
            "Đã không đồng ý gia hạn.");
    io.err << "dondoc task: lệnh con không hợp lệ '" << verb << "'\n";
    return k_exit_usage;
}

void print_cascade(const service::CascadeNode& node, const std::string& indent, Io io) {
    for (const auto& child : node.children) {
        io.out << indent << "└─ " << child.document.notation
               << (child.document.placeholder ? " (chưa có trong sổ)" : "") << " — "
               << child.document.issuer_name << "\n";
        print_cascade(child, indent + "   ", io);
    }
}

int run_cascade(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db"}, {"json"});
    if (!args) return fail(io, "cascade", args.error());
    if (args->positional().empty()) {
        io.err << "Cách dùng: dondoc cascade SỐ_KÝ_HIỆU\n";
        return k_exit_usage;
    }
    auto session = open_session(*args);
    if (!session) return fail(io, "cascade", session.error());
    auto cascade = session->service->cascade(args->positional()[0]);
    if (!cascade) return fail(io, "cascade", cascade.error());
    const auto describe = [](const domain::Document& d) {
        return d.notation + (d.placeholder ? " (chưa có trong sổ)" : "") +
               (d.issuer_name.empty() ? "" : " — " + d.issuer_name);
    };
    io.out << "Thực hiện văn bản cấp trên:\n";
    if (cascade->upward.empty()) io.out << "  (không có)\n";
    for (auto it = cascade->upward.rbegin(); it != cascade->upward.rend(); ++it)
        io.out << "  ↑ " << describe(*it) << "\n";
    io.out << "Văn bản: " << describe(cascade->downward.document) << "\nĐược triển khai bởi:\n";
    if (cascade->downward.children.empty()) io.out << "  (chưa có)\n";
    print_cascade(cascade->downward, "  ", io);
    return k_exit_ok;
}

int run_scoreboard(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "as-of", "from", "to", "unit"}, {"json"});
    if (!args) return fail(io, "scoreboard", args.error());
    auto session = open_session(*args);
    if (!session) return fail(io, "scoreboard", session.error());
    service::ScoreQuery query;
    auto as_of = date_option(*args, "as-of", today());
    if (!as_of) return fail(io, "scoreboard", as_of.error());
    query.as_of = *as_of;
    if (args->option("from")) {
        auto from = date_option(*args, "from", *as_of);
        if (!from) return fail(io, "scoreboard", from.error());
        query.from = *from;
    }
    if (args->option("to")) {
        auto to = date_option(*args, "to", *as_of);
        if (!to) return fail(io, "scoreboard", to.error());
        query.to = *to;
    }
    if (auto unit = args->option("unit")) query.unit = domain::UnitId{*unit};
    auto rows = session->service->scoreboard(query);
    if (!rows) return fail(io, "scoreboard", rows.error());
    if (args->flag("json")) {
        Json json = Json::array();
        for (const auto& r : *rows) {
            json.push_back({{"unit", r.unit.value},
                            {"name", r.unit_name},
                            {"assigned", r.assigned},
                            {"done_on_time", r.done_on_time},
                            {"done_late", r.done_late},
                            {"in_progress", r.in_progress},
                            {"overdue", r.overdue},
                            {"no_deadline", r.no_deadline},
                            {"completion_rate", r.completion_rate()}});
        }
        io.out << json.dump() << "\n";
        return k_exit_ok;
    }
    Table table({"Đơn vị", "Được giao", "Đúng hạn", "Quá hạn (đã xong)", "Đang thực hiện",
                 "Quá hạn", "Không thời hạn", "Tỷ lệ hoàn thành"});
    for (const auto& r : *rows) {
        char rate[16];
        std::snprintf(rate, sizeof rate, "%.0f%%", 100.0 * r.completion_rate());
        table.add({r.unit_name.empty() ? r.unit.value : r.unit_name, std::to_string(r.assigned),
                   std::to_string(r.done_on_time), std::to_string(r.done_late),
                   std::to_string(r.in_progress), std::to_string(r.overdue),
                   std::to_string(r.no_deadline), rate});
    }
    io.out << "Bảng theo dõi kết quả thực hiện nhiệm vụ đến ngày "
           << domain::vietnamese(query.as_of) << "\n"
           << table.str();
    return k_exit_ok;
}

}  // namespace

int run_register_command(const std::string& command, const std::vector<std::string>& args, Io io) {
    if (command == "init") return run_init(args, io);
    if (command == "units") return run_units(args, io);
    if (command == "ingest") return run_ingest(args, io);
    if (command == "docs") return run_docs(args, io);
    if (command == "tasks") return run_tasks(args, io);
    if (command == "task") return run_task(args, io);
    if (command == "cascade") return run_cascade(args, io);
    if (command == "scoreboard") return run_scoreboard(args, io);
    return -1;
}

}  // namespace dondoc::cli
