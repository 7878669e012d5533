// Where the register is (`--db`, DONDOC_DB) and the register-wide command
// `dondoc db copy --from A --to B`: an office's SQLite file up to the
// provincial PostgreSQL server and back, printed table by table with counts
// and checksums.
#include <cstdlib>
#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/table.h"
#include "store/copy.h"

namespace dondoc::cli {

std::string register_location(const std::vector<std::string>& db_option) {
    if (!db_option.empty() && !db_option.front().empty()) return db_option.front();
    if (const char* env = std::getenv("DONDOC_DB"); env && *env) return env;
    return "dondoc.db";
}

std::string shown_location(const std::string& location) {
    // postgresql://user:password@host/… → postgresql://user:***@host/…
    const auto scheme = location.find("://");
    if (scheme == std::string::npos) return location;
    const auto at = location.find('@', scheme + 3);
    const auto slash = location.find('/', scheme + 3);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) return location;
    const auto colon = location.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return location;
    return location.substr(0, colon + 1) + "***" + location.substr(at);
}

int run_db_command(const std::string& command, const std::vector<std::string>& raw, Io io) {
    if (command != "db") return -1;
    const char* usage =
        "Cách dùng: dondoc db copy --from NGUỒN --to ĐÍCH\n"
        "  (NGUỒN, ĐÍCH: tệp SQLite hoặc postgresql://…; ĐÍCH phải trống)\n";
    if (raw.empty() || raw.front() != "copy") {
        io.err << usage;
        return k_exit_usage;
    }
    auto args =
        Args::parse(std::vector<std::string>(raw.begin() + 1, raw.end()), {"from", "to"}, {});
    if (!args || !args->option("from") || !args->option("to") || !args->positional().empty()) {
        io.err << usage;
        return k_exit_usage;
    }
    const std::string from = *args->option("from");
    const std::string to = *args->option("to");
    io.out << "Sao chép sổ " << shown_location(from) << " → " << shown_location(to) << "\n";
    auto checks = store::copy_register(from, to);
    if (!checks) {
        io.err << "dondoc: không sao chép được: " << checks.error().describe() << "\n";
        return exit_code_for(checks.error().code);
    }
    Table table({"Bảng", "Số dòng nguồn", "Số dòng đích", "Tổng kiểm nguồn", "Tổng kiểm đích", ""});
    bool all = true;
    for (const auto& c : *checks) {
        all = all && c.matches();
        table.add({c.table, std::to_string(c.source_rows), std::to_string(c.target_rows),
                   c.source_checksum, c.target_checksum, c.matches() ? "khớp" : "KHÁC"});
    }
    io.out << table.str();
    if (!all) {
        io.err << "dondoc: bản sao khác bản gốc ở các bảng đánh dấu KHÁC\n";
        return exit_code_for(ErrorCode::corruption);
    }
    io.out << "Đã sao chép và kiểm tra: mọi bảng khớp.\n";
    return k_exit_ok;
}

}  // namespace dondoc::cli
