// What the CLI's command files share (defined in register_commands.cpp):
// where the register is, today in Vietnam, dates from options, errors to
// exit codes, and reading and writing whole files.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/error.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "domain/civil_date.h"
#include "domain/register.h"
#include "service/account_service.h"
#include "service/register_service.h"
#include "store/accounts.h"
#include "store/repository.h"

namespace dondoc::cli {

// --db, else $DONDOC_DB, else dondoc.db.
std::string db_path(const Args& args);
// Today in Vietnam (UTC+7).
domain::CivilDate today();
// Prints "dondoc COMMAND: message (where)" and returns the exit code.
int fail(Io io, const std::string& command, const Error& e);
Result<std::string> slurp(const std::string& path);
// The option as a date (dd/mm/yyyy or yyyy-mm-dd), or `fallback` when absent.
Result<domain::CivilDate> date_option(const Args& args, const std::string& name,
                                      domain::CivilDate fallback);
Result<void> write_file(const std::string& path, std::string_view bytes);
// Whether the path ends with `extension` (".xlsx"), any case.
bool has_extension(const std::string& path, std::string_view extension);

// A task id as typed (a positive integer); invalid_input naming it otherwise.
Result<domain::TaskId> task_id(const std::string& text);

// The register opened for one command, a service over it, and the audit
// log that records its changes (as "cli:$USER").
struct Session {
    std::unique_ptr<store::Repository> repository;
    std::unique_ptr<service::RegisterService> service;
    std::unique_ptr<store::AccountStore> accounts;
    std::unique_ptr<service::AccountService> audit_log;

    // Appends an audit line; a failure to log is reported, not fatal, since
    // the change itself is already committed.
    void audit(Io io, const std::string& action, const std::string& target,
               const std::string& before, const std::string& after) const;
};
// The register, its service and (`with_audit_log`) the audit log, whose
// account store is a second connection to the register. `tasks import`
// opens the log only after the import (open_audit_log): a register that one
// connection alone has open takes a large import through SQLite's rollback
// journal, its pages written once (docs/import.md).
Result<Session> open_session(const Args& args, bool with_audit_log = true);
Result<void> open_audit_log(Session& session, const Args& args);

// `draft` and `scorecard` (office_commands.cpp); -1 when `command` is neither.
int run_office_command(const std::string& command, const std::vector<std::string>& args, Io io);

// `enforce add|list|edit` (enforce_commands.cpp); -1 when `command` is not `enforce`.
int run_enforce_command(const std::string& command, const std::vector<std::string>& args, Io io);

}  // namespace dondoc::cli
