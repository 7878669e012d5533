#include "store/sql.h"

namespace dondoc::store::sql {

Result<void> Statement::run() {
    while (true) {
        auto more = step();
        if (!more) return more.error();
        if (!*more) return {};
    }
}

Result<void> Statement::for_each_row(const std::function<void()>& on_row) {
    while (true) {
        auto more = step();
        if (!more) return more.error();
        if (!*more) return {};
        on_row();
    }
}

Result<void> in_transaction(Connection& db, int& depth, std::string_view begin,
                            const std::function<Result<void>()>& work) {
    const std::string savepoint = "dondoc_" + std::to_string(depth);
    std::string rollback = "ROLLBACK";
    std::string commit = "COMMIT";
    std::string open(begin);
    if (depth > 0) {
        rollback = "ROLLBACK TO " + savepoint;
        rollback += "; RELEASE ";
        rollback += savepoint;
        commit = "RELEASE " + savepoint;
        open = "SAVEPOINT " + savepoint;
    }
    if (auto begun = db.exec(open); !begun) return begun;
    ++depth;
    Result<void> result;
    try {
        result = work();
    } catch (...) {
        --depth;
        (void)db.exec(rollback);
        throw;
    }
    --depth;
    if (!result) {
        (void)db.exec(rollback);
        return result;
    }
    if (auto committed = db.exec(commit); !committed) {
        if (depth == 0) (void)db.exec("ROLLBACK");
        return committed;
    }
    return {};
}

}  // namespace dondoc::store::sql
