// The PostgreSQL driver's pieces that need no server: SQLite's parameters
// turned into PostgreSQL's, and which `--db` values are URLs.
#include "store/postgres.h"

#include <gtest/gtest.h>

namespace dondoc::store::postgres {
namespace {

TEST(PostgresParameters, BareAndNumberedParametersFollowSqliteNumbering) {
    int count = 0;
    // A bare "?" is one more than the highest number so far, as in SQLite.
    EXPECT_EQ(translate_parameters("UPDATE t SET a=?, b=?, c=?14 WHERE id=?12 AND v=?13", count),
              "UPDATE t SET a=$1, b=$2, c=$14 WHERE id=$12 AND v=$13");
    EXPECT_EQ(count, 14);
    EXPECT_EQ(translate_parameters("SELECT ?1, ?1, ?", count), "SELECT $1, $1, $2");
    EXPECT_EQ(count, 2);
}

TEST(PostgresParameters, QuotedTextIsLeftAlone) {
    int count = 0;
    EXPECT_EQ(translate_parameters("SELECT '?', 'it''s ?', \"a?\" FROM t WHERE x = ?", count),
              "SELECT '?', 'it''s ?', \"a?\" FROM t WHERE x = $1");
    EXPECT_EQ(count, 1);
    EXPECT_EQ(translate_parameters("SELECT 1", count), "SELECT 1");
    EXPECT_EQ(count, 0);
}

TEST(PostgresParameters, UrlsNamePostgresql) {
    EXPECT_TRUE(is_url("postgresql://dondoc@db/dondoc"));
    EXPECT_TRUE(is_url("postgres:///dondoc?host=/run/postgresql"));
    EXPECT_FALSE(is_url("dondoc.db"));
    EXPECT_FALSE(is_url("/srv/postgresql/so.db"));
}

}  // namespace
}  // namespace dondoc::store::postgres
