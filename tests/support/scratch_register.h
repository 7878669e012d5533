// Test support: a fresh, empty register on each backend the suites run on.
// SQLite: a file in the temporary directory. PostgreSQL: a new database in
// the throwaway cluster that ctest starts (tests/support/pg-cluster, the
// pg_cluster fixture) in the socket directory the build names (or the
// environment's DONDOC_TEST_PG_HOST and DONDOC_TEST_PG_USER). Both are
// removed when the ScratchRegister goes.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace dondoc::testing {

enum class Backend { sqlite, postgresql };

// For test names: "sqlite", "postgresql".
std::string backend_name(Backend backend);

// GoogleTest prints a parameter with this.
void PrintTo(Backend backend, std::ostream* out);

// Every backend; PostgreSQL tests skip themselves (available() is false)
// when no cluster is configured, as when a test binary is run by hand.
std::vector<Backend> all_backends();

class ScratchRegister {
  public:
    explicit ScratchRegister(Backend backend);
    ~ScratchRegister();
    ScratchRegister(const ScratchRegister&) = delete;
    ScratchRegister& operator=(const ScratchRegister&) = delete;

    [[nodiscard]] bool available() const { return !m_db.empty(); }
    // The `--db` value: a file path or a postgresql:// URL.
    [[nodiscard]] const std::string& db() const { return m_db; }
    [[nodiscard]] Backend backend() const { return m_backend; }
    // Runs SQL on the register as its administrator would, outside dondoc.
    Result<void> exec(std::string_view sql) const;

  private:
    Backend m_backend;
    std::string m_db;
    std::string m_database;  // PostgreSQL: the database's name
};

// PostgreSQL: the URL of a database in the test cluster ("postgres": the
// administrator's), or empty without a cluster.
std::string postgresql_url(const std::string& database);

// The script that starts, restarts and stops the test cluster, and its
// directory: for the tests that restart the server under a client.
std::string cluster_script();
std::string cluster_directory();

}  // namespace dondoc::testing
