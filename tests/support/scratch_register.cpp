#include "support/scratch_register.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "store/postgres.h"
#include "store/sqlite.h"

namespace dondoc::testing {
namespace {

std::string unique_suffix() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(rd() % 1000000);
}

}  // namespace

std::string backend_name(Backend backend) {
    return backend == Backend::sqlite ? "sqlite" : "postgresql";
}

void PrintTo(Backend backend, std::ostream* out) {
    *out << backend_name(backend);
}

std::vector<Backend> all_backends() {
    return {Backend::sqlite, Backend::postgresql};
}

std::string cluster_script() {
    return DONDOC_TEST_PG_CLUSTER;
}

std::string cluster_directory() {
    const char* host = std::getenv("DONDOC_TEST_PG_HOST");
    return host && *host ? host : DONDOC_TEST_PG_HOST;
}

std::string postgresql_url(const std::string& database) {
    const std::string host = cluster_directory();
    const char* user = std::getenv("DONDOC_TEST_PG_USER");
    if (!user) user = DONDOC_TEST_PG_USER;
    if (!std::filesystem::exists(host)) return {};
    std::string url = "postgresql://";
    if (user && *user) {
        url += user;
        url += '@';
    }
    url += '/';
    url += database;
    url += "?host=";
    url += host;
    return url;
}

ScratchRegister::ScratchRegister(Backend backend) : m_backend(backend) {
    if (backend == Backend::sqlite) {
        m_db = (std::filesystem::temp_directory_path() / ("dondoc_test_" + unique_suffix() + ".db"))
                   .string();
        return;
    }
    const std::string admin = postgresql_url("postgres");
    if (admin.empty()) return;
    auto db = store::postgres::open(admin);
    if (!db) return;
    m_database = "dondoc_test_" + unique_suffix();
    if (!(*db)->exec("CREATE DATABASE " + m_database).ok()) return;
    m_db = postgresql_url(m_database);
}

ScratchRegister::~ScratchRegister() {
    if (m_db.empty()) return;
    if (m_backend == Backend::sqlite) {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            std::error_code ignored;
            std::filesystem::remove(m_db + suffix, ignored);
        }
        return;
    }
    if (auto db = store::postgres::open(postgresql_url("postgres")); db) {
        (void)(*db)->exec("DROP DATABASE IF EXISTS " + m_database + " WITH (FORCE)");
    }
}

Result<void> ScratchRegister::exec(std::string_view sql) const {
    auto db =
        m_backend == Backend::sqlite ? store::sqlite::open(m_db) : store::postgres::open(m_db);
    if (!db) return db.error();
    return (*db)->exec(sql);
}

}  // namespace dondoc::testing
