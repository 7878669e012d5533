// Where the register is: `--db`, then DONDOC_DB, then dondoc.db; a URL's
// password never printed; `db copy` refusing what it cannot do.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "cli/commands.h"

namespace dondoc::cli {
namespace {

TEST(RegisterLocation, OptionThenEnvironmentThenDefault) {
    ::unsetenv("DONDOC_DB");
    EXPECT_EQ(register_location({}), "dondoc.db");
    ::setenv("DONDOC_DB", "postgresql://dondoc@db/dondoc", 1);
    EXPECT_EQ(register_location({}), "postgresql://dondoc@db/dondoc");
    EXPECT_EQ(register_location({"so.db"}), "so.db");
    ::unsetenv("DONDOC_DB");
}

TEST(RegisterLocation, PasswordsAreHiddenWhenShown) {
    EXPECT_EQ(shown_location("postgresql://dondoc:bi-mat@db.tinh.local:5432/dondoc"),
              "postgresql://dondoc:***@db.tinh.local:5432/dondoc");
    EXPECT_EQ(shown_location("postgresql://dondoc@db/dondoc"), "postgresql://dondoc@db/dondoc");
    EXPECT_EQ(shown_location("postgresql:///dondoc?host=/run/postgresql"),
              "postgresql:///dondoc?host=/run/postgresql");
    EXPECT_EQ(shown_location("/srv/so:theo@doi.db"), "/srv/so:theo@doi.db");
}

TEST(DbCopy, NeedsBothEndsAndRefusesOneRegisterForBoth) {
    std::istringstream in;
    std::ostringstream out;
    std::ostringstream err;
    EXPECT_EQ(run({"db", "copy", "--from", "a.db"}, Io{in, out, err}), 2);
    EXPECT_NE(err.str().find("--to"), std::string::npos);
    std::ostringstream err2;
    EXPECT_NE(run({"db", "copy", "--from", "a.db", "--to", "a.db"}, Io{in, out, err2}), 0);
    EXPECT_NE(err2.str().find("không sao chép được"), std::string::npos);
}

}  // namespace
}  // namespace dondoc::cli
