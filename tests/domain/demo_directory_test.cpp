// The demo directory built from the real Quảng Ngãi data (fixtures copied
// from ../shared/data/quang-ngai into tests/data/units), and the resolution
// of every body named in the five seed directives' golden records.
#include "domain/demo_directory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#ifndef DONDOC_TEST_DATA
#error "DONDOC_TEST_DATA must name tests/data"
#endif
// The shared data beside the clone (CI checks out ../shared too); the lead
// passes it from CMake, otherwise it is found from the tests' data folder.
#ifndef DONDOC_SHARED_DATA
#define DONDOC_SHARED_DATA DONDOC_TEST_DATA "/../../../shared/data/quang-ngai"
#endif

namespace dondoc::domain {
namespace {

using Ids = std::vector<std::string>;

CivilDate date(int y, unsigned m, unsigned d) {
    return CivilDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Ids ids(const std::vector<UnitId>& units) {
    Ids out;
    for (const auto& u : units) out.push_back(u.value);
    return out;
}

class DemoDirectoryTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        s_units_2024 = new std::string(slurp(DONDOC_PROJECT_DATA "/quang-ngai/units_2024.csv"));
        s_units_2025 = new std::string(slurp(DONDOC_PROJECT_DATA "/quang-ngai/units_2025.csv"));
        auto built = quang_ngai_directory(*s_units_2024, *s_units_2025);
        if (built.ok())
            s_directory = new Directory(std::move(built).value());
        else
            s_error = new std::string(built.error().describe());
    }
    static void TearDownTestSuite() {
        delete s_directory;
        delete s_error;
        delete s_units_2024;
        delete s_units_2025;
        s_directory = nullptr;
        s_error = nullptr;
    }
    void SetUp() override {
        ASSERT_EQ(s_error, nullptr) << *s_error;
        ASSERT_NE(s_directory, nullptr);
    }
    const Directory& dir() const { return *s_directory; }
    const Unit& unit(const std::string& id) const {
        const Unit* u = dir().find(UnitId{id});
        EXPECT_NE(u, nullptr) << id;
        static const Unit k_none{};
        return u ? *u : k_none;
    }
    Resolution resolve(std::string_view mention, std::optional<std::string> issuer,
                       std::optional<CivilDate> on = std::nullopt) const {
        return dir().resolve(mention, issuer ? std::optional(UnitId{*issuer}) : std::nullopt, on);
    }
    std::vector<const Unit*> of_kind(UnitKind kind) const {
        std::vector<const Unit*> out;
        for (const Unit* u : dir().all()) {
            if (u->kind == kind) out.push_back(u);
        }
        return out;
    }

    static inline Directory* s_directory = nullptr;
    static inline std::string* s_error = nullptr;
    static inline std::string* s_units_2024 = nullptr;
    static inline std::string* s_units_2025 = nullptr;
};

// ------------------------------------------------------------------ the data

TEST(DemoFixturesTest, FixturesAreTheSharedData) {
    for (std::string name : {"units_2024.csv", "units_2025.csv"}) {
        const std::string shared = DONDOC_SHARED_DATA "/" + name;
        if (!std::filesystem::exists(shared)) GTEST_SKIP() << "no shared data at " << shared;
        EXPECT_EQ(slurp(DONDOC_PROJECT_DATA "/quang-ngai/" + name), slurp(shared))
            << name << " differs from " << shared;
    }
}

TEST(DemoFixturesTest, BuildsFromTheSharedDataToo) {
    const std::string shared = DONDOC_SHARED_DATA;
    if (!std::filesystem::exists(shared + "/units_2024.csv"))
        GTEST_SKIP() << "no shared data at " << shared;
    auto built =
        quang_ngai_directory(slurp(shared + "/units_2024.csv"), slurp(shared + "/units_2025.csv"));
    ASSERT_TRUE(built.ok()) << built.error().describe();
    EXPECT_EQ(built->all().size(), 447U);
}

TEST_F(DemoDirectoryTest, HasEveryUnitOfTheData) {
    // 1 province; 14 districts; 184 communes before 2025 + 96 after; 20
    // provincial bodies (the 21st, UBND tỉnh, is the province); 132 offices.
    EXPECT_EQ(dir().all().size(), 447U);
    EXPECT_EQ(of_kind(UnitKind::province).size(), 1U);
    EXPECT_EQ(of_kind(UnitKind::district).size(), 14U);
    EXPECT_EQ(of_kind(UnitKind::commune).size(), 184U + 96U);
    EXPECT_EQ(of_kind(UnitKind::department).size(), 20U);
    EXPECT_EQ(of_kind(UnitKind::district_office).size(), 132U);

    const Unit& province = unit("51");
    EXPECT_EQ(province.name, "Tỉnh Quảng Ngãi");
    EXPECT_FALSE(province.valid_to);  // it continues after 2025, with Kon Tum merged in
    EXPECT_NE(std::find(province.aliases.begin(), province.aliases.end(), "UBND tỉnh"),
              province.aliases.end());
    EXPECT_NE(province.note.find("62 Tỉnh Kon Tum"), std::string::npos);

    const Unit& snv = unit("51-so-noi-vu");
    EXPECT_EQ(snv.name, "Sở Nội vụ tỉnh Quảng Ngãi");
    EXPECT_EQ(snv.kind, UnitKind::department);
    EXPECT_EQ(snv.aliases, Ids{"SNV"});
    EXPECT_EQ(unit("51-van-phong-uy-ban-nhan-dan").aliases, Ids{"VPUB"});

    const Unit& commune = unit("21331");
    EXPECT_EQ(commune.name, "Xã Sơn Bua");
    EXPECT_EQ(commune.parent, UnitId{"530"});
}

TEST_F(DemoDirectoryTest, DistrictOfficesComeFromTheTemplates) {
    const Unit& tckh = unit("530-tckh");
    EXPECT_EQ(tckh.name, "Phòng Tài chính - Kế hoạch huyện Sơn Tây");
    EXPECT_EQ(tckh.kind, UnitKind::district_office);
    EXPECT_EQ(tckh.parent, UnitId{"530"});
    EXPECT_EQ(tckh.aliases, (Ids{"Phòng Tài chính - Kế hoạch", "TCKH", "Phòng TC-KH"}));
    EXPECT_EQ(tckh.valid_to, date(2025, 6, 30));
    EXPECT_NE(tckh.note.find("Derived by dondoc from the template row"), std::string::npos);

    EXPECT_EQ(unit("522-tt").name, "Thanh tra thành phố Quảng Ngãi");
    EXPECT_EQ(unit("534-nv").name, "Phòng Nội vụ thị xã Đức Phổ");
    EXPECT_EQ(unit("530-vphdndubnd").name,
              "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Sơn Tây");
    EXPECT_EQ(unit("530-ldtbxh").aliases,
              (Ids{"Phòng Lao động - Thương binh và Xã hội", "Phòng LĐ-TBXH"}));
    // Tây Trà's offices ended with it.
    EXPECT_EQ(unit("526-nv").valid_to, date(2020, 1, 31));

    // The ten offices of every district, except the island district the
    // data names as an exception.
    std::map<std::string, int> per_district;
    for (const Unit* u : of_kind(UnitKind::district_office)) ++per_district[u->parent->value];
    for (const Unit* d : of_kind(UnitKind::district)) {
        const int expected = d->id.value == "536" ? 0 : d->id.value == "522" ? 12 : 10;
        EXPECT_EQ(per_district[d->id.value], expected) << d->id.value;
    }
    // Phòng Kinh tế and Phòng Quản lý đô thị were seen only at TP Quảng Ngãi;
    // where Phòng Dân tộc existed is not in the data.
    EXPECT_NE(dir().find(UnitId{"522-kt"}), nullptr);
    EXPECT_NE(dir().find(UnitId{"522-qldt"}), nullptr);
    EXPECT_EQ(dir().find(UnitId{"530-kt"}), nullptr);
    for (const Unit* u : of_kind(UnitKind::district_office))
        EXPECT_FALSE(u->id.value.ends_with("-dt")) << u->id.value;
}

TEST_F(DemoDirectoryTest, RemovedUnitsEndWhereTheNotesSay) {
    struct Removal {
        std::string id;
        CivilDate valid_to;
        Ids successors;
    };
    // NQ 867 took effect 01/02/2020; where a note gives no date, the unit
    // ends the day before the first GSO list without it.
    const std::vector<Removal> removals{
        {"526", date(2020, 1, 31), {"525"}},      // Huyện Tây Trà into Huyện Trà Bồng
        {"21076", date(2020, 1, 31), {"21040"}},  // Bình Thới into TT Châu Ổ
        {"21151", date(2020, 1, 31), {"21148"}},  // Trà Quân into Sơn Trà
        {"21160", date(2020, 1, 31), {"21157"}},  // Trà Nham into Hương Trà
        {"21169", date(2020, 1, 31), {"21166"}},  // Trà Trung into Trà Tây
        {"21094", date(2020, 2, 29), {}},         // Bình Phú: no resolution text read
        {"21097", date(2020, 2, 29), {}},         // Bình Thanh Đông: idem
        {"21265", date(2020, 2, 29), {}},         // Nghĩa Thọ: target unknown
        {"21514", date(2020, 2, 29), {}},         // Ba Chùa: only a draft read
        {"21541", date(2020, 5, 31), {}},         // Lý Sơn's communes
        {"21544", date(2020, 5, 31), {}},         {"21547", date(2020, 5, 31), {}},
        {"21253", date(2024, 12, 31), {"21262"}},  // Nghĩa Phú into An Phú (NQ 1279)
        {"21403", date(2024, 12, 31), {"21406"}},  // Đức Lợi into Thắng Lợi
        {"21286", date(2024, 12, 31), {}},  // Nghĩa Mỹ: only part of it went to Sông Vệ
    };
    std::set<std::string> listed;
    for (const auto& r : removals) {
        const Unit& u = unit(r.id);
        EXPECT_EQ(u.valid_to, r.valid_to) << r.id;
        EXPECT_EQ(ids(u.successors), r.successors) << r.id;
        listed.insert(r.id);
    }
    // No other pre-2025 unit ends before the reorganization.
    for (const Unit* u : dir().all()) {
        if (listed.contains(u->id.value) || u->kind == UnitKind::district_office || !u->valid_to)
            continue;
        EXPECT_EQ(u->valid_to, date(2025, 6, 30)) << u->id.value;
    }
}

TEST_F(DemoDirectoryTest, FormerNamesAreAliases) {
    EXPECT_EQ(unit("21262").aliases, Ids{"Xã Nghĩa An"});
    EXPECT_EQ(unit("534").aliases, (Ids{"TX Đức Phổ", "Huyện Đức Phổ"}));
    EXPECT_EQ(unit("21439").aliases, Ids{"Thị trấn Đức Phổ"});
    EXPECT_EQ(ids(resolve("UBND xã Nghĩa An", "522", date(2023, 1, 1)).units), Ids{"21262"});
    EXPECT_EQ(ids(resolve("UBND huyện Đức Phổ", std::nullopt).units), Ids{"534"});
}

TEST_F(DemoDirectoryTest, The2025CommunesSucceedTheUnitsTheyWereFormedFrom) {
    const Unit& tinh_khe = unit("21211-2025");
    EXPECT_EQ(tinh_khe.name, "Xã Tịnh Khê");
    EXPECT_EQ(tinh_khe.parent, UnitId{"51"});
    EXPECT_EQ(tinh_khe.valid_from, date(2025, 7, 1));
    EXPECT_FALSE(tinh_khe.valid_to);
    for (std::string old : {"21190", "21199", "21208", "21211", "21214"}) {
        EXPECT_EQ(ids(unit(old).successors), Ids{"21211-2025"}) << old;
        EXPECT_EQ(unit(old).valid_to, date(2025, 6, 30)) << old;
    }
    // Trà Bùi was split between two new communes; Lý Sơn became a đặc khu.
    EXPECT_EQ(ids(unit("21142").successors), (Ids{"21136-2025", "21157-2025"}));
    EXPECT_EQ(ids(unit("536").successors), Ids{"21548-2025"});
    EXPECT_EQ(unit("21548-2025").name, "Đặc khu Lý Sơn");
    // A unit formed only from Kon Tum units has nothing to succeed here.
    EXPECT_NE(dir().find(UnitId{"23530-2025"}), nullptr);

    // Every commune and district alive on 2025-03-01 ends on 2025-06-30;
    // every commune has a successor.
    for (const Unit* u : dir().all()) {
        if ((u->kind != UnitKind::commune && u->kind != UnitKind::district) || u->valid_from)
            continue;
        if (u->valid_to && *u->valid_to < date(2025, 3, 1)) continue;
        EXPECT_EQ(u->valid_to, date(2025, 6, 30)) << u->id.value;
        if (u->kind == UnitKind::commune) {
            EXPECT_FALSE(u->successors.empty()) << u->id.value;
        }
    }
    EXPECT_EQ(of_kind(UnitKind::commune).size() - 184U, 96U);
}

TEST_F(DemoDirectoryTest, CurrentHolderFollowsTheMergers) {
    EXPECT_EQ(dir().current_holder(UnitId{"21076"}, date(2019, 12, 1)).value, "21076");
    EXPECT_EQ(dir().current_holder(UnitId{"21076"}, date(2023, 1, 1)).value, "21040");
    EXPECT_EQ(dir().current_holder(UnitId{"21076"}, date(2026, 1, 1)).value, "21040-2025");
    EXPECT_EQ(dir().current_holder(UnitId{"21253"}, date(2025, 3, 1)).value, "21262");
    EXPECT_EQ(dir().current_holder(UnitId{"21253"}, date(2026, 1, 1)).value, "21034-2025");
    EXPECT_EQ(dir().current_holder(UnitId{"21190"}, date(2026, 1, 1)).value, "21211-2025");
    EXPECT_EQ(dir().current_holder(UnitId{"21142"}, date(2026, 1, 1)).value,
              "21142");  // split: a person decides
    EXPECT_EQ(dir().current_holder(UnitId{"21286"}, date(2026, 1, 1)).value,
              "21286");  // no successor in the data
    EXPECT_EQ(dir().current_holder(UnitId{"530-tckh"}, date(2026, 1, 1)).value, "530-tckh");
}

TEST_F(DemoDirectoryTest, ErrorsInTheDataNameFileLineAndColumn) {
    // Line 10 is Huyện Sơn Tây (530); its kind cell starts at column 19.
    std::string bad = *s_units_2024;
    const std::string row = "530,Huyện Sơn Tây,huyện,51,";
    const std::size_t at = bad.find(row);
    ASSERT_NE(at, std::string::npos);
    bad.replace(at, row.size(), "530,Huyện Sơn Tây,làng,51,");
    auto built = quang_ngai_directory(bad, *s_units_2025);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.error().message, "unknown kind 'làng'");
    EXPECT_EQ(built.error().where, "units_2024.csv line 10, column 19");

    std::string unclosed = *s_units_2025;
    unclosed += "99999,\"Xã Chưa Đóng,xã,51,,,\n";
    built = quang_ngai_directory(*s_units_2024, unclosed);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.error().message, "the quoted field is not closed");
    EXPECT_EQ(built.error().where, "units_2025.csv line 99, column 7");

    std::string unknown_old = *s_units_2025;
    const std::string item = "21190 Xã Tịnh Kỳ (Thành phố Quảng Ngãi";
    const std::size_t from = unknown_old.find(item);
    ASSERT_NE(from, std::string::npos);
    unknown_old.replace(from, 5, "21191");
    built = quang_ngai_directory(*s_units_2024, unknown_old);
    ASSERT_FALSE(built.ok());
    EXPECT_EQ(built.error().message, "formed_from names 21191, which units_2024.csv does not have");
    EXPECT_EQ(built.error().where.rfind("units_2025.csv line 3, column ", 0), 0U)
        << built.error().where;
}

// ------------------------------------------------------------------ resolution rules

TEST_F(DemoDirectoryTest, ExactNamesAliasesAndAbbreviations) {
    const auto on = date(2023, 6, 1);
    auto one = [&](std::string_view mention, std::optional<std::string> issuer = std::nullopt) {
        const auto r = resolve(mention, std::move(issuer), on);
        return r.units.size() == 1 && !r.group ? r.units.front().value : "(" + r.how + ")";
    };
    EXPECT_EQ(one("Huyện Sơn Tây"), "530");
    EXPECT_EQ(one("UBND huyện Sơn Tây"), "530");
    EXPECT_EQ(one("Uỷ ban nhân dân huyện Sơn Tây"), "530");
    EXPECT_EQ(one("Phòng Tài chính - Kế hoạch huyện Sơn Tây"), "530-tckh");
    EXPECT_EQ(one("UBND TP. Quảng Ngãi"), "522");
    EXPECT_EQ(one("UBND TP Quảng Ngãi"), "522");
    EXPECT_EQ(one("TX Đức Phổ"), "534");
    EXPECT_EQ(one("UBND TT Châu Ổ"), "21040");
    EXPECT_EQ(one("Xã Bình Hoà"), "21079");  // printed "Bình Hòa" in the data
    EXPECT_EQ(one("SNV"), "51-so-noi-vu");
    EXPECT_EQ(one("SKHĐT"), "51-so-ke-hoach-va-dau-tu");
    EXPECT_EQ(one("VPUB"), "51-van-phong-uy-ban-nhan-dan");
    EXPECT_EQ(one("Văn phòng UBND tỉnh", "530"), "51-van-phong-uy-ban-nhan-dan");
    EXPECT_EQ(one("Sở TN-MT"), "51-so-tai-nguyen-va-moi-truong");
    EXPECT_EQ(one("Sở Tài nguyên - Môi trường"), "51-so-tai-nguyen-va-moi-truong");
    EXPECT_EQ(one("BQL KKT Dung Quất và các KCN Quảng Ngãi"),
              "51-ban-quan-ly-khu-kinh-te-dung-quat-va-cac-khu-cong-nghiep-quang-ngai");
    EXPECT_EQ(one("DEZA"),
              "51-ban-quan-ly-khu-kinh-te-dung-quat-va-cac-khu-cong-nghiep-quang-ngai");
    EXPECT_EQ(one("TCKH", "530"), "530-tckh");
    EXPECT_EQ(one("Phòng TC-KH", "522"), "522-tckh");
    EXPECT_EQ(one("VP HĐND&UBND", "524"), "524-vphdndubnd");
    EXPECT_EQ(one("Văn phòng HĐND và UBND huyện", "524"), "524-vphdndubnd");
    EXPECT_EQ(one("UBND xa Son Bua"), "21331");  // typed without diacritics
    // HĐND is written out, but no council is in the data.
    EXPECT_EQ(one("HĐND tỉnh Quảng Ngãi"), "(unresolved)");
    // Two Phường Nguyễn Nghiêm (TP Quảng Ngãi, and Đức Phổ's former thị trấn).
    EXPECT_EQ(one("Phường Nguyễn Nghiêm"), "(unresolved)");
    EXPECT_EQ(one("Phường Nguyễn Nghiêm", "522"), "21025");
    EXPECT_EQ(one("Phường Nguyễn Nghiêm", "534"), "21439");
}

TEST_F(DemoDirectoryTest, ATrailingTypeWordOrABareOfficeNameMeansTheIssuersOwn) {
    const auto on = date(2023, 6, 1);
    EXPECT_EQ(ids(resolve("Phòng Tài chính - Kế hoạch huyện", "530", on).units), Ids{"530-tckh"});
    EXPECT_EQ(ids(resolve("Phòng Tài chính - Kế hoạch huyện", "524", on).units), Ids{"524-tckh"});
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "530", on).units), Ids{"530-nv"});
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "21331", on).units),
              Ids{"530-nv"});  // from a commune of Sơn Tây
    EXPECT_EQ(ids(resolve("Phòng Nội vụ thành phố", "522", on).units), Ids{"522-nv"});
    EXPECT_EQ(ids(resolve("Thanh tra thị xã", "534", on).units), Ids{"534-tt"});
    EXPECT_EQ(ids(resolve("UBND huyện", "530-tckh", on).units), Ids{"530"});
    EXPECT_EQ(ids(resolve("UBND tỉnh", "530", on).units), Ids{"51"});
    EXPECT_EQ(ids(resolve("Thanh tra tỉnh", "530", on).units), Ids{"51-thanh-tra"});
    // A department from anywhere in the province, and with no issuer.
    for (const std::optional<std::string>& issuer :
         {std::optional<std::string>("51"), std::optional<std::string>("530"),
          std::optional<std::string>("21331"), std::optional<std::string>("522-tckh"),
          std::optional<std::string>()}) {
        EXPECT_EQ(ids(resolve("Sở Kế hoạch và Đầu tư", issuer, on).units),
                  Ids{"51-so-ke-hoach-va-dau-tu"});
    }
    // From the province, or another district's, a bare office name is not one office.
    EXPECT_EQ(resolve("Phòng Nội vụ", "51", on).how, "unresolved");
    EXPECT_EQ(resolve("Phòng Kinh tế", "530", on).how, "unresolved");  // only TP Quảng Ngãi has one
    EXPECT_EQ(resolve("Phòng Nội vụ", "536", on).how,
              "unresolved");  // Lý Sơn's offices are not in the data
    EXPECT_EQ(resolve("Phòng Nội vụ huyện", "522", on).how, "unresolved");  // 522 is a thành phố
}

TEST_F(DemoDirectoryTest, RelativeGroups) {
    const auto on = date(2023, 6, 1);
    auto group = [&](std::string_view mention, const std::string& issuer) {
        const auto r = resolve(mention, issuer, on);
        EXPECT_TRUE(r.group) << mention;
        EXPECT_EQ(r.how, "group") << mention;
        return ids(r.units);
    };
    const Ids son_tay_communes{"21331", "21334", "21335", "21337", "21338",
                               "21340", "21341", "21343", "21346"};
    EXPECT_EQ(group("UBND các xã", "530"), son_tay_communes);
    // Bình Sơn: one thị trấn (Châu Ổ) and 21 xã.
    const Ids binh_son_xa = group("UBND các xã", "524");
    EXPECT_EQ(binh_son_xa.size(), 21U);
    EXPECT_EQ(std::count(binh_son_xa.begin(), binh_son_xa.end(), "21040"), 0);
    const Ids binh_son = group("UBND các xã, thị trấn", "524");
    EXPECT_EQ(binh_son.size(), 22U);
    EXPECT_EQ(std::count(binh_son.begin(), binh_son.end(), "21040"), 1);
    // TP Quảng Ngãi in 2023: 9 phường and 14 xã (Nghĩa Phú until the end of 2024).
    EXPECT_EQ(group("UBND các phường", "522").size(), 9U);
    EXPECT_EQ(group("UBND các xã, phường", "522").size(), 23U);
    EXPECT_EQ(ids(resolve("UBND các xã, phường", "522", date(2025, 3, 1)).units).size(), 22U);

    const Ids son_tay_offices{"530-gddt", "530-ldtbxh", "530-nv",   "530-tckh",       "530-tnmt",
                              "530-tp",   "530-tt",     "530-vhtt", "530-vphdndubnd", "530-yt"};
    EXPECT_EQ(group("Các phòng, ban, đơn vị thuộc huyện", "530"), son_tay_offices);
    EXPECT_EQ(group("Các phòng, ban, cơ quan, đơn vị trực thuộc UBND huyện", "530"),
              son_tay_offices);
    EXPECT_EQ(group("Các phòng, ban, đơn vị trực thuộc TP", "522").size(), 12U);

    const Ids districts{"522", "524", "525", "527", "528", "529", "530",
                        "531", "532", "533", "534", "535", "536"};
    EXPECT_EQ(group("UBND các huyện, thị xã, thành phố", "51"), districts);
    EXPECT_EQ(group("UBND các huyện", "51").size(), 11U);
    EXPECT_EQ(group("Các sở, ban, ngành", "51").size(), 20U);
    EXPECT_EQ(group("các sở, ban ngành, đơn vị trực thuộc UBND tỉnh", "51").size(), 20U);
    EXPECT_EQ(group("Các sở, ban, ngành", "51-so-noi-vu").size(), 19U);  // not itself
    for (const auto& id : group("Các sở, ban, ngành", "530")) {
        EXPECT_EQ(unit(id).kind, UnitKind::department) << id;
    }
}

TEST_F(DemoDirectoryTest, IssuersFromHeaders) {
    EXPECT_EQ(dir().resolve_issuer("ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY", std::nullopt), UnitId{"530"});
    EXPECT_EQ(dir().resolve_issuer("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", std::nullopt), UnitId{"51"});
    EXPECT_EQ(dir().resolve_issuer("ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI", std::nullopt),
              UnitId{"522"});
    EXPECT_EQ(dir().resolve_issuer("ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN", std::nullopt), UnitId{"524"});
    EXPECT_EQ(dir().resolve_issuer("Sở Nội vụ", std::nullopt),
              UnitId{"51-so-noi-vu"});  // inferred issuer
    EXPECT_EQ(dir().resolve_issuer("SỞ NỘI VỤ", "UBND TỈNH QUẢNG NGÃI"), UnitId{"51-so-noi-vu"});
    EXPECT_EQ(dir().resolve_issuer("PHÒNG TÀI CHÍNH - KẾ HOẠCH", "UBND HUYỆN SƠN TÂY"),
              UnitId{"530-tckh"});
    // A commune and the 2025 commune of the same name: the date tells.
    EXPECT_EQ(dir().resolve_issuer("UBND XÃ TỊNH KHÊ", std::nullopt), std::nullopt);
    EXPECT_EQ(dir().resolve_issuer("UBND XÃ TỊNH KHÊ", std::nullopt, date(2024, 5, 1)),
              UnitId{"21211"});
    EXPECT_EQ(dir().resolve_issuer("UBND XÃ TỊNH KHÊ", std::nullopt, date(2025, 9, 1)),
              UnitId{"21211-2025"});
    EXPECT_EQ(dir().resolve_issuer("CÔNG AN TỈNH QUẢNG NGÃI", std::nullopt), std::nullopt);
}

TEST_F(DemoDirectoryTest, ValidityKeepsMergedUnitsOutOfLaterDocuments) {
    // Xã Tịnh Kỳ was merged into the new Xã Tịnh Khê on 2025-07-01.
    EXPECT_EQ(ids(resolve("UBND xã Tịnh Kỳ", "522", date(2024, 5, 1)).units), Ids{"21190"});
    EXPECT_EQ(resolve("UBND xã Tịnh Kỳ", "51", date(2026, 3, 1)).how, "unresolved");
    EXPECT_EQ(resolve("UBND xã Tịnh Kỳ", std::nullopt, date(2026, 3, 1)).how, "unresolved");
    EXPECT_EQ(ids(resolve("UBND xã Tịnh Khê", "51", date(2026, 3, 1)).units), Ids{"21211-2025"});
    EXPECT_EQ(ids(resolve("UBND xã Tịnh Khê", "522", date(2024, 5, 1)).units), Ids{"21211"});
    // Bình Thới ended in 2020.
    EXPECT_EQ(ids(resolve("Xã Bình Thới", "524", date(2019, 12, 1)).units), Ids{"21076"});
    EXPECT_EQ(resolve("Xã Bình Thới", "524", date(2021, 1, 1)).how, "unresolved");
    // No district, no district office after the reorganization.
    EXPECT_EQ(resolve("UBND huyện Sơn Tây", std::nullopt, date(2026, 3, 1)).how, "unresolved");
    EXPECT_EQ(resolve("Phòng Nội vụ", "530", date(2026, 3, 1)).how, "unresolved");
    // In 2026 the province's communes are the 96 new ones.
    const auto r = resolve("UBND các xã, phường, đặc khu", "51", date(2026, 3, 1));
    EXPECT_EQ(r.units.size(), 96U);
    for (const auto& id : r.units) EXPECT_TRUE(id.value.ends_with("-2025")) << id.value;
    // Before the reorganization, with Lý Sơn's communes dissolved: 173 (README, Counts).
    EXPECT_EQ(resolve("UBND các xã, phường, thị trấn", "51", date(2020, 12, 17)).units.size(),
              173U);
}

TEST_F(DemoDirectoryTest, MentionsTheDataDoesNotHaveStayUnresolved) {
    const auto on = date(2023, 12, 1);
    for (std::string_view m :
         {"Đồn biên phòng cửa khẩu Cảng Sa Kỳ", "Công an thành phố", "Công an huyện",
          "Ban Chỉ huy Quân sự thành phố", "Các hội, đoàn thể huyện", "Phòng Dân tộc",
          "các cơ quan liên quan"}) {
        const auto r = resolve(m, "522", on);
        EXPECT_TRUE(r.units.empty()) << m;
        EXPECT_EQ(r.how, "unresolved") << m;
    }
}

TEST_F(DemoDirectoryTest, MappingsAreRememberedPerIssuer) {
    Directory d = dir();
    const auto on = date(2023, 12, 1);
    d.add_mapping("Đồn biên phòng cửa khẩu Cảng Sa Kỳ", UnitId{"522"}, {UnitId{"51"}});
    EXPECT_EQ(ids(d.resolve("Đồn Biên phòng Cửa khẩu cảng Sa Kỳ", UnitId{"522"}, on).units),
              Ids{"51"});
    EXPECT_EQ(d.resolve("Đồn Biên phòng Cửa khẩu cảng Sa Kỳ", UnitId{"524"}, on).how, "unresolved");
    d.add_mapping("Phòng Nội vụ", UnitId{"51"}, {UnitId{"522-nv"}});
    EXPECT_EQ(d.resolve("Phòng Nội vụ", UnitId{"51"}, on).how, "mapping");
    EXPECT_EQ(ids(d.resolve("Phòng Nội vụ", UnitId{"530"}, on).units), Ids{"530-nv"});
}

// ------------------------------------------------------------------ the seeds

// Every body named in a seed's golden record: recipients, task assignees,
// report_to and report_via (tests/data/read/seeds/seed_00N.expected.json).
// `expected` is one unit id; "group:<kind>:<anchor>:<count>" for a group of
// that many units of that kind under the anchor; "" for unresolved.
struct SeedMention {
    std::string mention;
    std::string expected;
};

struct Seed {
    std::string file;
    std::string issuer_name;
    CivilDate on;  // the document's date; the first day of what the record gives
    std::string issuer;
    std::vector<SeedMention> mentions;
};

const std::vector<Seed>& seeds() {
    static const std::vector<Seed> k_seeds{
        {"seed_000",
         "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY",
         date(2023, 5, 26),
         "530",
         {
             {"Các phòng, ban, cơ quan, đơn vị trực thuộc UBND huyện",
              "group:district_office:530:10"},
             {"Các hội, đoàn thể huyện", ""},
             {"UBND các xã", "group:commune:530:9"},
             {"Các phòng, ban, các cơ quan, đơn vị trực thuộc UBND huyện",
              "group:district_office:530:10"},
             {"các hội, đoàn thể huyện", ""},
             {"Phòng Tài chính - Kế hoạch", "530-tckh"},
             {"các cơ quan, đơn vị, địa phương", ""},
             {"UBND huyện", "530"},
             {"Phòng Tài chính - Kế hoạch huyện", "530-tckh"},
         }},
        {"seed_001",
         "ỦY BAN NHÂN DÂN THÀNH PHỐ QUẢNG NGÃI",
         date(2023, 12, 1),
         "522",
         {
             {"Các phòng, ban, đơn vị trực thuộc TP", "group:district_office:522:12"},
             {"Công an, BCH Quân sự thành phố", ""},
             {"Đồn biên phòng cửa khẩu Cảng Sa Kỳ", ""},
             {"UBND các xã, phường", "group:commune:522:23"},
             {"các Phòng, Ban, Đơn vị trực thuộc UBND thành phố", "group:district_office:522:12"},
             {"Phòng Tài chính - Kế hoạch", "522-tckh"},
             {"Phòng Quản lý Đô thị", "522-qldt"},
             {"Phòng Kinh Tế", "522-kt"},
             {"Phòng Tài nguyên và Môi trường", "522-tnmt"},
             {"Phòng Văn hoá – Thông tin", "522-vhtt"},
             {"Phòng Lao động - Thương binh và Xã hội", "522-ldtbxh"},
             {"Phòng Y tế", "522-yt"},
             {"Phòng Giáo dục và Đào tạo", "522-gddt"},
             {"Phòng Nội vụ thành phố", "522-nv"},
             {"các đơn vị, địa phương có liên quan", ""},
             {"Công an thành phố", ""},
             {"Ban Chỉ huy Quân sự thành phố", ""},
             {"Đoàn biên phòng cửa khẩu Cảng Sa Kỳ", ""},
         }},
        {"seed_002",
         "Sở Nội vụ",
         date(2023, 2, 1),
         "51-so-noi-vu",
         {
             {"Các sở, ban, ngành cấp tỉnh", "group:department:51:19"},
             {"UBND các huyện, thị xã, thành phố", "group:district:51:13"},
             {"các sở, ban, ngành", "group:department:51:19"},
             {"Sở Nội vụ", "51-so-noi-vu"},
         }},
        {"seed_003",
         "ỦY BAN NHÂN DÂN HUYỆN BÌNH SƠN",
         date(2024, 1, 1),
         "524",
         {
             {"Các phòng, ban, đơn vị thuộc huyện", "group:district_office:524:10"},
             {"UBND các xã, thị trấn", "group:commune:524:22"},
             {"Phòng Nội vụ", "524-nv"},
             {"các cơ quan liên quan", ""},
         }},
        {"seed_004",
         "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
         date(2020, 12, 17),
         "51",
         {
             {"Các sở, ban ngành, đơn vị trực thuộc UBND tỉnh", "group:department:51:20"},
             {"UBND các huyện, thị xã, thành phố", "group:district:51:13"},
             {"các sở, ban ngành, đơn vị trực thuộc UBND tỉnh", "group:department:51:20"},
             {"Sở Kế hoạch và Đầu tư", "51-so-ke-hoach-va-dau-tu"},
             {"các cơ quan, đơn vị liên quan", ""},
             {"UBND tỉnh", "51"},
         }},
    };
    return k_seeds;
}

// The names of the bodies in a golden record, read line by line from its
// pretty-printed JSON (the layout the reader's golden files keep): the
// recipients' strings, the assignees' "name"s, report_to and report_via.
std::set<std::string> bodies_in_record(const std::string& json) {
    std::set<std::string> out;
    auto string_value = [](const std::string& line,
                           std::size_t from) -> std::optional<std::string> {
        const std::size_t open = line.find('"', from);
        const std::size_t close = open == std::string::npos ? open : line.rfind('"');
        if (open == std::string::npos || close <= open) return std::nullopt;
        return line.substr(open + 1, close - open - 1);
    };
    std::istringstream in(json);
    std::string line;
    enum class In { other, recipients, assignees } in_list = In::other;
    while (std::getline(in, line)) {
        const std::string trimmed = line.substr(std::min(line.find_first_not_of(' '), line.size()));
        const bool empty_list = trimmed.find("[]") != std::string::npos;
        if (trimmed.starts_with("\"recipients\": [")) {
            in_list = empty_list ? In::other : In::recipients;
            continue;
        }
        if (trimmed.starts_with("\"assignees\": [")) {
            in_list = empty_list ? In::other : In::assignees;
            continue;
        }
        if (in_list != In::other && trimmed.starts_with("]")) {
            in_list = In::other;
            continue;
        }
        if (in_list == In::recipients) {
            if (auto v = string_value(trimmed, 0)) out.insert(*v);
        } else if (in_list == In::assignees && trimmed.starts_with("\"name\": ")) {
            if (auto v = string_value(trimmed, 7)) out.insert(*v);
        } else if (trimmed.starts_with("\"report_to\": \"") ||
                   trimmed.starts_with("\"report_via\": \"")) {
            if (auto v = string_value(trimmed, trimmed.find(':'))) out.insert(*v);
        }
    }
    return out;
}

TEST_F(DemoDirectoryTest, SeedTablesListEveryBodyOfTheGoldenRecords) {
    for (const auto& seed : seeds()) {
        const std::string json =
            slurp(DONDOC_TEST_DATA "/read/seeds/" + seed.file + ".expected.json");
        ASSERT_FALSE(json.empty()) << seed.file;
        EXPECT_NE(json.find("\"name\": \"" + seed.issuer_name + "\""), std::string::npos)
            << seed.file;
        std::set<std::string> listed;
        for (const auto& m : seed.mentions) listed.insert(m.mention);
        EXPECT_EQ(listed, bodies_in_record(json)) << seed.file;
    }
}

TEST_F(DemoDirectoryTest, ResolvesTheSeedsIssuers) {
    for (const auto& seed : seeds()) {
        EXPECT_EQ(dir().resolve_issuer(seed.issuer_name, std::nullopt, seed.on),
                  UnitId{seed.issuer})
            << seed.file;
    }
}

TEST_F(DemoDirectoryTest, ResolvesEveryBodyOfTheSeeds) {
    for (const auto& seed : seeds()) {
        for (const auto& m : seed.mentions) {
            SCOPED_TRACE(seed.file + ": " + m.mention);
            const Resolution r = resolve(m.mention, seed.issuer, seed.on);
            if (m.expected.empty()) {
                EXPECT_TRUE(r.units.empty());
                EXPECT_EQ(r.how, "unresolved");
                continue;
            }
            if (!m.expected.starts_with("group:")) {
                EXPECT_FALSE(r.group);
                EXPECT_EQ(ids(r.units), Ids{m.expected});
                continue;
            }
            // group:<kind>:<anchor>:<count>
            const std::string spec = m.expected.substr(6);
            const std::size_t a = spec.find(':');
            const std::size_t b = spec.find(':', a + 1);
            const auto kind = unit_kind_from_name(spec.substr(0, a));
            const UnitId anchor{spec.substr(a + 1, b - a - 1)};
            const std::size_t count = std::stoul(spec.substr(b + 1));
            EXPECT_TRUE(r.group);
            EXPECT_EQ(r.how, "group");
            EXPECT_EQ(r.units.size(), count);
            for (const auto& id : r.units) {
                const Unit& u = unit(id.value);
                EXPECT_EQ(u.kind, kind) << id.value;
                EXPECT_EQ(u.parent, anchor) << id.value;
                EXPECT_NE(id.value, seed.issuer);
                EXPECT_TRUE(!u.valid_to || seed.on <= *u.valid_to) << id.value;
            }
        }
    }
}

TEST_F(DemoDirectoryTest, SeedGroupsHaveTheRightMembers) {
    // Seed 001, 12/2023: Nghĩa Phú (merged at the end of 2024) is still a commune.
    const auto tp = ids(resolve("UBND các xã, phường", "522", date(2023, 12, 1)).units);
    EXPECT_EQ(std::count(tp.begin(), tp.end(), "21253"), 1);
    // Seed 004, 17/12/2020: Tây Trà (526) is gone; Lý Sơn (536) is there.
    const auto districts =
        ids(resolve("UBND các huyện, thị xã, thành phố", "51", date(2020, 12, 17)).units);
    EXPECT_EQ(std::count(districts.begin(), districts.end(), "526"), 0);
    EXPECT_EQ(std::count(districts.begin(), districts.end(), "536"), 1);
    // Seed 002: Sở Nội vụ writes to the other 19 bodies.
    const auto departments =
        ids(resolve("Các sở, ban, ngành cấp tỉnh", "51-so-noi-vu", date(2023, 2, 1)).units);
    EXPECT_EQ(std::count(departments.begin(), departments.end(), "51-so-noi-vu"), 0);
    EXPECT_EQ(std::count(departments.begin(), departments.end(), "51-van-phong-uy-ban-nhan-dan"),
              1);
}

}  // namespace
}  // namespace dondoc::domain
