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

namespace {

class InsertEachRow final : public BulkInsert {
  public:
    explicit InsertEachRow(Statement insert) : m_insert(std::move(insert)) {}
    void integer(std::int64_t value) override { m_insert.bind(++m_column, value); }
    void text(std::string_view value) override { m_insert.bind(++m_column, value); }
    void null() override { m_insert.bind_null(++m_column); }
    Result<void> end_row() override {
        m_column = 0;
        auto ran = m_insert.run();
        m_insert.reset();
        return ran;
    }
    Result<void> finish() override { return {}; }

  private:
    Statement m_insert;
    int m_column = 0;
};

}  // namespace

std::string insert_statement(std::string_view table, const std::vector<std::string_view>& columns) {
    std::string sql = "INSERT INTO ";
    sql += table;
    sql += '(';
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) sql += ", ";
        sql += columns[i];
    }
    sql += ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += i == 0 ? "?" : ",?";
    sql += ')';
    return sql;
}

Result<std::unique_ptr<BulkInsert>> insert_each_row(Connection& db, std::string_view table,
                                                    const std::vector<std::string_view>& columns) {
    auto insert = db.prepare(insert_statement(table, columns));
    if (!insert) return insert.error();
    return std::unique_ptr<BulkInsert>(std::make_unique<InsertEachRow>(std::move(*insert)));
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

Result<void> in_read_snapshot(Connection& db, int depth, bool& reading, std::string_view begin,
                              const std::function<Result<void>()>& work) {
    if (depth > 0 || reading) return work();
    const auto run = [&db](std::string_view sql) -> Result<void> {
        auto st = db.prepare(sql);
        if (!st) return st.error();
        return st->run();
    };
    if (auto begun = run(begin); !begun) return begun;
    reading = true;
    Result<void> result;
    try {
        result = work();
    } catch (...) {
        reading = false;
        (void)run("ROLLBACK");
        throw;
    }
    reading = false;
    if (auto ended = run(result ? "COMMIT" : "ROLLBACK"); !ended && result) return ended;
    return result;
}

}  // namespace dondoc::store::sql
