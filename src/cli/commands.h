// The `dondoc` command line: one entry point that dispatches to commands.
//
// Each command parses its arguments, calls one lower-layer function per
// input and formats the result or error. Streams are passed in so tests can
// run commands without a process. Not thread-safe (writes to the streams).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace dondoc::cli {

struct Io {
    std::istream& in;
    std::ostream& out;
    std::ostream& err;
};

// Runs `dondoc ARGS...` (args exclude the program name); returns the exit code.
int run(const std::vector<std::string>& args, Io io);

// `dondoc parse FILE... [--json] [--pretty]`.
int run_parse(const std::vector<std::string>& args, Io io);

// The register's commands (init, units, ingest, docs, tasks, task, cascade,
// scoreboard); -1 when `command` is none of them.
int run_register_command(const std::string& command, const std::vector<std::string>& args, Io io);

// The server's commands (serve, user, audit); -1 when `command` is none of them.
int run_server_command(const std::string& command, const std::vector<std::string>& args, Io io);

// The register a command works on, from `--db` or else the DONDOC_DB
// environment variable, else "dondoc.db": a SQLite file path, or a
// postgresql:// (postgres://) URL of a provincial server.
std::string register_location(const std::vector<std::string>& db_option);

// The same for display: a URL's password replaced by "***".
std::string shown_location(const std::string& location);

// `dondoc db copy --from A --to B`; -1 when `command` is not `db`.
int run_db_command(const std::string& command, const std::vector<std::string>& args, Io io);

// Who acts from the command line, for the audit log: "cli:" and the user name.
std::string cli_actor();

}  // namespace dondoc::cli
