// One place that turns a `--db` value into a register.
#include "store/accounts.h"
#include "store/postgres.h"
#include "store/repository.h"

namespace dondoc::store {

Result<std::unique_ptr<Repository>> open_register(const std::string& db,
                                                  const SqliteMemory& memory) {
    if (postgres::is_url(db)) return open_postgresql(db);
    return open_sqlite(db, memory);
}

Result<std::unique_ptr<AccountStore>> open_accounts(const std::string& db,
                                                    const SqliteMemory& memory) {
    if (postgres::is_url(db)) return open_postgresql_accounts(db);
    return open_sqlite_accounts(db, memory);
}

}  // namespace dondoc::store
