// The server's commands: `serve` (the HTTP/JSON API), `user` (accounts and
// API tokens) and `audit` (the change log). Each opens the register and its
// account tables, calls the account service or starts the server, and
// prints the outcome in Vietnamese.
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/remind.h"
#include "cli/table.h"
#include "domain/civil_date.h"
#include "http/api.h"
#include "http/server.h"
#include "http/static_files.h"
#include "service/account_service.h"
#include "service/daily_runner.h"
#include "service/register_service.h"
#include "store/accounts.h"

namespace dondoc::cli {
namespace {

std::string db_path(const Args& args) {
    auto db = args.option("db");
    return register_location(db ? std::vector<std::string>{*db} : std::vector<std::string>{});
}

int fail(Io io, const std::string& command, const Error& e) {
    io.err << "dondoc " << command << ": " << e.message
           << (e.where.empty() ? "" : " (" + e.where + ")") << "\n";
    return exit_code_for(e.code);
}

// Argon2id at its interactive cost; DONDOC_TEST_FAST_HASH=1 (for tests only)
// uses the minimum so that test suites stay fast.
service::PasswordCost password_cost() {
    const char* fast = std::getenv("DONDOC_TEST_FAST_HASH");
    return fast && std::string(fast) == "1" ? service::PasswordCost::minimum()
                                            : service::PasswordCost::interactive();
}

struct Stores {
    std::unique_ptr<store::Repository> repository;
    std::unique_ptr<store::AccountStore> accounts;  // on the repository's connection
    std::unique_ptr<service::RegisterService> service;
    std::unique_ptr<service::AccountService> account_service;
};

// `memory`: the register connection's. The account tables are read and
// written through the same connection (one read lock a request).
Result<Stores> open_stores(const Args& args, const store::SqliteMemory& memory = {}) {
    Stores s;
    auto repository = store::open_register(db_path(args), memory);
    if (!repository) return repository.error();
    s.repository = std::move(*repository);
    auto accounts = s.repository->accounts_on_this_connection();
    if (!accounts) return accounts.error();
    s.accounts = std::move(*accounts);
    s.service = std::make_unique<service::RegisterService>(*s.repository,
                                                           domain::WorkingCalendar::vietnam());
    s.account_service = std::make_unique<service::AccountService>(
        *s.accounts, *s.repository, [] { return std::chrono::system_clock::now(); },
        password_cost());
    return s;
}

Result<std::string> read_password(const Args& args, Io io, bool& generated) {
    generated = false;
    if (args.flag("password-stdin")) {
        std::string line;
        std::getline(io.in, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    generated = true;
    return service::random_hex(12);
}

int run_serve(const std::vector<std::string>& raw, Io io) {
    std::set<std::string> option_names = k_mail_options;
    option_names.insert(
        {"db", "listen", "admin-unit", "threads", "web", "remind-at", "remind-days", "db-memory"});
    auto args = Args::parse(raw, option_names, {"no-web", "no-remind"});
    if (!args) return fail(io, "serve", args.error());
    // Reminders: checked before anything starts.
    auto remind = remind_config(*args, "remind-days");
    if (!remind) return fail(io, "serve", remind.error());
    const auto remind_at = service::parse_time_of_day(args->option("remind-at").value_or("07:00"));
    if (!remind_at)
        return fail(io, "serve",
                    make_error(ErrorCode::invalid_input,
                               "--remind-at phải có dạng GIỜ:PHÚT, ví dụ 07:00", "--remind-at"));
    // One event loop per core by default, each with its own connections to
    // the register (a read does not wait for another loop's read).
    std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    if (auto given = args->option("threads")) {
        char* end = nullptr;
        const unsigned long n = std::strtoul(given->c_str(), &end, 10);
        if (given->empty() || *end != '\0' || n < 1 || n > 64)
            return fail(io, "serve",
                        make_error(ErrorCode::invalid_input, "--threads phải là một số từ 1 đến 64",
                                   "--threads"));
        threads = n;
    }
    // The register's pages the server keeps, bounded here rather than by
    // the file's size: --db-memory MiB of page caches shared by the loops'
    // connections, nothing mapped (a mapped page, once read, stays in the
    // resident memory: the whole file in the end). The kernel's file cache
    // holds the rest of the file, outside the process. See docs/server.md.
    std::int64_t db_memory_mib = 96;
    if (auto given = args->option("db-memory")) {
        char* end = nullptr;
        const long long n = std::strtoll(given->c_str(), &end, 10);
        if (given->empty() || *end != '\0' || n < 8 || n > 65536)
            return fail(io, "serve",
                        make_error(ErrorCode::invalid_input,
                                   "--db-memory phải là số MiB từ 8 đến 65536", "--db-memory"));
        db_memory_mib = n;
    }
    store::SqliteMemory memory;
    memory.page_cache_kib = db_memory_mib * 1024 / static_cast<std::int64_t>(threads);
    memory.map_bytes = 0;
    auto stores = open_stores(*args, memory);
    if (!stores) return fail(io, "serve", stores.error());
    http::ServerOptions options;
    options.stop_on_signals = true;
    const std::string listen = args->option("listen").value_or("127.0.0.1:8080");
    const auto colon = listen.rfind(':');
    try {
        if (colon == std::string::npos) throw std::invalid_argument("no port");
        options.address = listen.substr(0, colon);
        const unsigned long port = std::stoul(listen.substr(colon + 1));
        if (port > 65535) throw std::out_of_range("port");
        options.port = static_cast<std::uint16_t>(port);
    } catch (const std::exception&) {
        return fail(io, "serve",
                    make_error(ErrorCode::invalid_input,
                               "--listen phải có dạng ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8080"));
    }
    options.threads = threads;
    // The first admin belongs to the top unit (the province), or --admin-unit.
    std::string admin_unit = args->option("admin-unit").value_or("");
    if (admin_unit.empty()) {
        auto units = stores->service->units();
        if (!units) return fail(io, "serve", units.error());
        for (const auto& u : *units)
            if (!u.parent) {
                admin_unit = u.id.value;
                break;
            }
        if (admin_unit.empty()) admin_unit = "root";
    }
    auto password = stores->account_service->bootstrap_admin(domain::UnitId{admin_unit});
    if (!password) return fail(io, "serve", password.error());
    // The web UI: --web DIR, else the built web/dist next to this program.
    // The files are read-only after this: every loop shares them.
    std::optional<http::StaticFiles> web;
    if (!args->flag("no-web")) {
        auto dir = args->option("web");
        if (!dir)
            if (auto found = http::StaticFiles::find_next_to("/proc/self/exe"))
                dir = found->string();
        if (dir) {
            auto files = http::StaticFiles::open(*dir);
            if (!files) return fail(io, "serve --web", files.error());
            web = std::move(*files);
        }
    }
    // Each loop gets its own stores and API; the first loop uses the stores
    // opened above.
    std::vector<Stores> loop_stores;
    std::vector<std::unique_ptr<http::Api>> apis;
    loop_stores.push_back(std::move(*stores));
    const auto make_handler = [&]() -> Result<http::Handler> {
        if (apis.size() == loop_stores.size()) {
            auto more = open_stores(*args, memory);
            if (!more) return more.error();
            loop_stores.push_back(std::move(*more));
        }
        Stores& s = loop_stores[apis.size()];
        apis.push_back(std::make_unique<http::Api>(*s.service, *s.account_service, *s.repository,
                                                   domain::WorkingCalendar::vietnam()));
        http::Api* api = apis.back().get();
        const http::StaticFiles* files = web ? &*web : nullptr;
        return http::Handler([api, files](const http::Request& request) {
            if (files && http::StaticFiles::wants(request)) return files->serve(request);
            return api->handle(request);
        });
    };
    auto server = http::Server::create(options, make_handler);
    if (!server) return fail(io, "serve", server.error());
    const std::string url = "http://" + options.address + ":" + std::to_string((*server)->port());
    if (*password) {
        io.out << "Chưa có tài khoản nào: đã tạo tài khoản quản trị 'admin' với mật khẩu "
               << **password << "\n"
               << "Đăng nhập:\n  curl -c cookies.txt -H 'Content-Type: application/json' -d "
                  "'{\"login\":\"admin\",\"password\":\""
               << **password << "\"}' " << url << "/api/login\n"
               << "Hãy đổi mật khẩu ngay: dondoc user passwd admin --db "
               << shown_location(db_path(*args)) << "\n";
    }
    if (web)
        io.out << "Giao diện web: " << url << "/ (tệp từ " << web->root().string() << ")\n";
    else
        io.out << "Chưa có giao diện web (chạy scripts/build release, hoặc --web THƯ_MỤC).\n";
    io.out << "Máy chủ dondoc đang chạy tại " << url << " (dừng: Ctrl+C hoặc SIGTERM)" << std::endl;
    // The reminders: once now, then daily, on a thread of their own with
    // their own connections to the register; the request loops never wait
    // for them. Stopped (a run in progress finished) before the server returns.
    std::unique_ptr<service::DailyRunner> reminders;
    if (!args->flag("no-remind")) {
        if (remind->mail.base_url.empty()) remind->mail.base_url = url + "/";
        char at[8];
        std::snprintf(at, sizeof at, "%02d:%02d", remind_at->hour, remind_at->minute);
        io.out << "Nhắc hạn: mỗi ngày lúc " << at << " (giờ Việt Nam), trước " << remind->days
               << " ngày làm việc"
               << (remind->smtp ? ", gửi thư qua " + shown_location(remind->smtp->url)
                                : std::string(", chỉ trong ứng dụng (chưa cấu hình --smtp)"))
               << std::endl;
        const std::string db = db_path(*args);
        const RemindConfig config = *remind;
        std::ostream& log = io.out;
        std::ostream& errors = io.err;
        reminders = std::make_unique<service::DailyRunner>(
            *remind_at, [db, config, memory, &log, &errors](domain::CivilDate today) {
                auto outcome = remind_once(db, today, config, false, memory);
                if (!outcome) {
                    errors << "dondoc serve: nhắc hạn lỗi: " << outcome.error().message
                           << std::endl;
                    return;
                }
                log << remind_summary(*outcome) << std::endl;
                for (const auto& m : outcome->mail.mails) {
                    if (m.error)
                        errors << "dondoc serve: lỗi gửi thư tới " << m.address << ": " << *m.error
                               << std::endl;
                }
            });
    }
    (*server)->run();
    if (reminders) reminders->stop();
    io.out << "Máy chủ đã dừng." << std::endl;
    return k_exit_ok;
}

int run_user(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "role", "unit", "name", "expires", "email"},
                            {"password-stdin", "json", "none"});
    if (!args) return fail(io, "user", args.error());
    const auto& pos = args->positional();
    if (pos.empty() || (pos[0] != "list" && pos.size() < 2)) {
        io.err << "Cách dùng: dondoc user add TÊN --role admin|leader|tracker|unit_officer --unit "
                  "MÃ [--name \"HỌ TÊN\"] [--email ĐỊA_CHỈ] [--expires NGÀY] [--password-stdin]\n"
                  "           dondoc user passwd|disable|enable TÊN | list | token TÊN --name "
                  "MÔ_TẢ [--expires NGÀY]\n"
                  "           dondoc user email TÊN ĐỊA_CHỈ | --none\n";
        return k_exit_usage;
    }
    auto stores = open_stores(*args);
    if (!stores) return fail(io, "user", stores.error());
    auto& accounts = *stores->account_service;
    std::optional<domain::CivilDate> expires;
    if (auto e = args->option("expires")) {
        expires = domain::parse_date(*e);
        if (!expires)
            return fail(
                io, "user",
                make_error(ErrorCode::invalid_input, "ngày hết hạn không hợp lệ: '" + *e + "'"));
    }
    const std::string& verb = pos[0];
    if (verb == "list") {
        auto users = accounts.users();
        if (!users) return fail(io, "user list", users.error());
        if (args->flag("json")) {
            auto out = nlohmann::json::array();
            for (const auto& u : *users)
                out.push_back(nlohmann::json::parse(service::user_json(u)));
            io.out << out.dump() << "\n";
            return k_exit_ok;
        }
        Table table(
            {"Tên đăng nhập", "Họ tên", "Vai trò", "Đơn vị", "Thư điện tử", "Hết hạn", "Khóa"});
        for (const auto& u : *users)
            table.add({u.login, u.display_name, std::string(domain::role_name(u.role)),
                       u.unit.value, u.email.value_or(""),
                       u.expires_on ? domain::vietnamese(*u.expires_on) : "",
                       u.disabled ? "khóa" : ""});
        io.out << table.str();
        return k_exit_ok;
    }
    const std::string& login = pos[1];
    if (verb == "add") {
        service::NewUser n;
        n.login = login;
        n.display_name = args->option("name").value_or("");
        const auto role = domain::role_from_name(args->option("role").value_or(""));
        if (!role)
            return fail(io, "user add",
                        make_error(ErrorCode::invalid_input,
                                   "cần --role admin, leader, tracker hoặc unit_officer"));
        n.role = *role;
        n.unit = domain::UnitId{args->option("unit").value_or("")};
        n.expires_on = expires;
        n.email = args->option("email");
        bool generated = false;
        auto password = read_password(*args, io, generated);
        if (!password) return fail(io, "user add", password.error());
        n.password = *password;
        auto user = accounts.add_user(cli_actor(), n);
        if (!user) return fail(io, "user add", user.error());
        io.out << "Đã tạo tài khoản " << user->login << " (" << domain::role_name(user->role)
               << ", đơn vị " << user->unit.value << ")";
        if (generated) io.out << " với mật khẩu " << n.password;
        io.out << ".\n";
        return k_exit_ok;
    }
    if (verb == "passwd") {
        bool generated = false;
        auto password = read_password(*args, io, generated);
        if (!password) return fail(io, "user passwd", password.error());
        service::UserChange change;
        change.password = *password;
        auto user = accounts.change_user(cli_actor(), login, change);
        if (!user) return fail(io, "user passwd", user.error());
        io.out << "Đã đổi mật khẩu của " << login
               << (generated ? " thành " + *password : std::string()) << ".\n";
        return k_exit_ok;
    }
    if (verb == "email") {
        // `user email an an@stc.gov.vn` sets it, `user email an --none` removes it.
        service::UserChange change;
        if (args->flag("none")) {
            change.email = std::optional<std::string>();
        } else if (pos.size() == 3) {
            change.email = std::optional<std::string>(pos[2]);
        } else if (auto e = args->option("email")) {
            change.email = std::optional<std::string>(*e);
        } else {
            io.err << "Cách dùng: dondoc user email TÊN ĐỊA_CHỈ | dondoc user email TÊN --none\n";
            return k_exit_usage;
        }
        auto user = accounts.change_user(cli_actor(), login, change);
        if (!user) return fail(io, "user email", user.error());
        if (user->email)
            io.out << "Thư nhắc hạn của " << login << " sẽ gửi tới " << *user->email << ".\n";
        else
            io.out << "Đã bỏ địa chỉ thư điện tử của " << login << ".\n";
        return k_exit_ok;
    }
    if (verb == "disable" || verb == "enable") {
        service::UserChange change;
        change.disabled = verb == "disable";
        auto user = accounts.change_user(cli_actor(), login, change);
        if (!user) return fail(io, "user " + verb, user.error());
        io.out << (verb == "disable" ? "Đã khóa tài khoản " : "Đã mở khóa tài khoản ") << login
               << ".\n";
        return k_exit_ok;
    }
    if (verb == "token") {
        const auto name = args->option("name");
        if (!name)
            return fail(io, "user token",
                        make_error(ErrorCode::invalid_input, "cần --name MÔ_TẢ cho mã truy cập"));
        auto token = accounts.create_token(cli_actor(), login, *name, expires);
        if (!token) return fail(io, "user token", token.error());
        io.out << *token << "\n";
        return k_exit_ok;
    }
    io.err << "dondoc user: lệnh con không hợp lệ '" << verb << "'\n";
    return k_exit_usage;
}

int run_audit(const std::vector<std::string>& raw, Io io) {
    auto args = Args::parse(raw, {"db", "limit"}, {"json"});
    if (!args) return fail(io, "audit", args.error());
    auto stores = open_stores(*args);
    if (!stores) return fail(io, "audit", stores.error());
    std::size_t limit = 50;
    if (auto l = args->option("limit")) {
        try {
            limit = std::stoul(*l);
        } catch (const std::exception&) {
            return fail(io, "audit", make_error(ErrorCode::invalid_input, "--limit phải là số"));
        }
    }
    auto entries = stores->account_service->audit(limit, 0);
    if (!entries) return fail(io, "audit", entries.error());
    if (args->flag("json")) {
        auto out = nlohmann::json::array();
        for (const auto& e : *entries) {
            out.push_back({{"id", e.id},
                           {"at", e.at},
                           {"actor", e.actor},
                           {"action", e.action},
                           {"target", e.target},
                           {"before", nlohmann::json::parse(e.before_json, nullptr, false)},
                           {"after", nlohmann::json::parse(e.after_json, nullptr, false)}});
        }
        io.out << out.dump() << "\n";
        return k_exit_ok;
    }
    Table table({"#", "Thời điểm (UTC)", "Người thực hiện", "Thao tác", "Đối tượng"});
    for (const auto& e : *entries) {
        const std::chrono::sys_seconds at{std::chrono::seconds{e.at}};
        const auto day = std::chrono::floor<std::chrono::days>(at);
        const std::chrono::hh_mm_ss time{at - day};
        char clock[16];
        std::snprintf(clock, sizeof clock, "%02d:%02d:%02d", static_cast<int>(time.hours().count()),
                      static_cast<int>(time.minutes().count()),
                      static_cast<int>(time.seconds().count()));
        table.add({std::to_string(e.id), domain::iso(domain::CivilDate{day}) + " " + clock, e.actor,
                   e.action, e.target});
    }
    io.out << table.str();
    return k_exit_ok;
}

}  // namespace

std::string cli_actor() {
    const char* user = std::getenv("USER");
    if (user && *user) return std::string("cli:") + user;
    if (const passwd* entry = getpwuid(geteuid()); entry && entry->pw_name)
        return std::string("cli:") + entry->pw_name;
    return "cli:unknown";
}

int run_server_command(const std::string& command, const std::vector<std::string>& args, Io io) {
    if (command == "serve") return run_serve(args, io);
    if (command == "user") return run_user(args, io);
    if (command == "audit") return run_audit(args, io);
    return -1;
}

}  // namespace dondoc::cli
