// The directory on a small made-up province (so that each rule is seen in
// isolation), the CSV reader and the importer. The real Quảng Ngãi data is
// exercised in demo_directory_test.cpp.
#include "domain/directory.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace dondoc::domain {
namespace {

CivilDate date(int y, unsigned m, unsigned d) {
    return CivilDate{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::vector<std::string> ids(const Resolution& r) {
    std::vector<std::string> out;
    for (const auto& id : r.units) out.push_back(id.value);
    return out;
}

using Ids = std::vector<std::string>;

// A province with two districts. "Xã Hoà An" exists in both; 111 merged
// into 113 at the end of 2024.
constexpr std::string_view k_province_csv =
    "id,name,kind,parent,aliases,valid_from,valid_to,successors\n"
    "1,Tỉnh Thuận Hoà,tỉnh,,,,,\n"
    "1-snv,Sở Nội vụ tỉnh Thuận Hoà,department,1,SNV,,,\n"
    "1-sngv,Sở Ngoại vụ tỉnh Thuận Hoà,department,1,,,,\n"
    "1-hd,Hội đồng nhân dân tỉnh Thuận Hoà,other,1,,,,\n"
    "11,Huyện Đông Sơn,huyện,1,,,,\n"
    "12,Thị xã Bắc Sơn,thị xã,1,TX Bắc Sơn,,,\n"
    "11-nv,Phòng Nội vụ huyện Đông Sơn,district_office,11,Phòng Nội vụ,,,\n"
    "11-tckh,Phòng Tài chính - Kế hoạch huyện Đông Sơn,district_office,11,TCKH; Phòng TC-KH,,,\n"
    "12-nv,Phòng Nội vụ thị xã Bắc Sơn,district_office,12,Phòng Nội vụ,,,\n"
    "12-tt,Thanh tra thị xã Bắc Sơn,district_office,12,Thanh tra,,,\n"
    "111,Xã Hoà An,xã,11,,,2024-12-31,113\n"
    "112,Thị trấn Đông Sơn,thị trấn,11,,,,\n"
    "113,Xã An Thủy,xã,11,,2025-01-01,,\n"
    "121,Phường Bắc Sơn,phường,12,,,,\n"
    "122,Xã Hoà An,xã,12,,,,\n";

class DirectoryTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto added = import_units_csv(k_province_csv, "province.csv", m_directory);
        ASSERT_TRUE(added.ok()) << added.error().describe();
        ASSERT_EQ(*added, 15U);
    }
    Resolution resolve(std::string_view mention, std::optional<std::string> issuer = std::nullopt,
                       std::optional<CivilDate> on = std::nullopt) const {
        return m_directory.resolve(mention, issuer ? std::optional(UnitId{*issuer}) : std::nullopt,
                                   on);
    }
    Directory m_directory;
};

// ------------------------------------------------------------------ unit kinds

TEST(UnitKindTest, NamesRoundTripAndLabelsAreVietnamese) {
    for (auto kind :
         {UnitKind::province, UnitKind::district, UnitKind::commune, UnitKind::department,
          UnitKind::district_office, UnitKind::commune_office, UnitKind::police, UnitKind::military,
          UnitKind::association, UnitKind::party, UnitKind::other}) {
        EXPECT_EQ(unit_kind_from_name(unit_kind_name(kind)), kind);
        EXPECT_FALSE(unit_kind_label(kind).empty());
    }
    EXPECT_EQ(unit_kind_name(UnitKind::district_office), "district_office");
    EXPECT_EQ(unit_kind_label(UnitKind::district_office), "Phòng chuyên môn");
    EXPECT_EQ(unit_kind_from_name("District_Office"), std::nullopt);
    EXPECT_EQ(unit_kind_from_name(""), std::nullopt);
}

TEST(UnitKindTest, CsvKindsOfTheSharedData) {
    EXPECT_EQ(unit_kind_from_csv("tỉnh"), UnitKind::province);
    EXPECT_EQ(unit_kind_from_csv("thành phố"), UnitKind::district);
    EXPECT_EQ(unit_kind_from_csv("thị xã"), UnitKind::district);
    EXPECT_EQ(unit_kind_from_csv("huyện"), UnitKind::district);
    EXPECT_EQ(unit_kind_from_csv("xã"), UnitKind::commune);
    EXPECT_EQ(unit_kind_from_csv("phường"), UnitKind::commune);
    EXPECT_EQ(unit_kind_from_csv("thị trấn"), UnitKind::commune);
    EXPECT_EQ(unit_kind_from_csv("đặc khu"), UnitKind::commune);
    EXPECT_EQ(unit_kind_from_csv("cơ quan chuyên môn thuộc UBND tỉnh"), UnitKind::department);
    EXPECT_EQ(unit_kind_from_csv("cơ quan trực thuộc UBND tỉnh"), UnitKind::department);
    EXPECT_EQ(unit_kind_from_csv("ủy ban nhân dân cấp tỉnh"), UnitKind::province);
    EXPECT_EQ(unit_kind_from_csv("phòng chuyên môn thuộc UBND cấp huyện (mẫu)"),
              UnitKind::district_office);
    EXPECT_EQ(unit_kind_from_csv("Uỷ ban nhân dân cấp tỉnh"),
              UnitKind::province);  // old tone placement
    EXPECT_EQ(unit_kind_from_csv("police"), UnitKind::police);
    EXPECT_EQ(unit_kind_from_csv("làng"), std::nullopt);
}

// ------------------------------------------------------------------ keys

TEST(MentionKeyTest, FoldsCaseTonePlacementAndForm) {
    EXPECT_EQ(mention_key("Uỷ ban nhân dân"), mention_key("Ủy ban nhân dân"));
    EXPECT_EQ(mention_key("Xã Hoà An"), mention_key("xã hòa an"));
    EXPECT_EQ(mention_key("ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY"),
              mention_key("Ủy ban nhân dân huyện Sơn Tây"));
    // NFD input (as some converters write it) reads as NFC.
    EXPECT_EQ(mention_key("Xa\xCC\x83 Ho\xCC\x80"
                          "a An"),
              mention_key("Xã Hoà An"));
    EXPECT_NE(mention_key("Sơn Hà"), mention_key("Sơn Hạ"));  // different tones are different words
}

TEST(MentionKeyTest, PunctuationAndVaDoNotCount) {
    EXPECT_EQ(mention_key("Phòng Văn hoá – Thông tin"), mention_key("Phòng Văn hóa và Thông tin"));
    EXPECT_EQ(mention_key("Sở Tài nguyên - Môi trường"),
              mention_key("Sở Tài nguyên và Môi trường"));
    EXPECT_EQ(mention_key("  Phòng   Nội vụ.  "), mention_key("Phòng Nội vụ"));
    // A tight hyphen between capitals joins; a spaced dash separates.
    EXPECT_EQ(mention_key("Phòng TC-KH"), mention_key("Phòng TCKH"));
    EXPECT_EQ(mention_key("Sở TN-MT"), mention_key("Sở TNMT"));
    EXPECT_NE(mention_key("Phòng TC - KH"), mention_key("Phòng TCKH"));
}

TEST(MentionKeyTest, WritesOutCommonAbbreviations) {
    EXPECT_EQ(mention_key("UBND huyện"), mention_key("Ủy ban nhân dân huyện"));
    EXPECT_EQ(mention_key("HĐND tỉnh"), mention_key("Hội đồng nhân dân tỉnh"));
    EXPECT_EQ(mention_key("TP. Quảng Ngãi"), mention_key("thành phố Quảng Ngãi"));
    EXPECT_EQ(mention_key("TP Quảng Ngãi"), mention_key("thành phố Quảng Ngãi"));
    EXPECT_EQ(mention_key("TX Đức Phổ"), mention_key("thị xã Đức Phổ"));
    EXPECT_EQ(mention_key("TT Châu Ổ"), mention_key("thị trấn Châu Ổ"));
    EXPECT_EQ(mention_key("VP HĐND&UBND"),
              mention_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"));
}

TEST(MentionKeyTest, IsIdempotentAndEmptyForInvalidText) {
    for (std::string_view s :
         {"Phòng Tài chính - Kế hoạch huyện", "UBND các xã, thị trấn", "Sở TN-MT",
          "Uỷ ban nhân dân tỉnh Quảng Ngãi", "Phòng Văn hoá – Thông tin"}) {
        const std::string key = mention_key(s);
        EXPECT_EQ(mention_key(key), key) << s;
    }
    EXPECT_EQ(mention_key("\xFF\xFE"), "");
    EXPECT_EQ(mention_key(" - , ; "), "");
}

// ------------------------------------------------------------------ add, find, children

TEST_F(DirectoryTest, FindChildrenAndAllInIdOrder) {
    ASSERT_NE(m_directory.find(UnitId{"11-nv"}), nullptr);
    EXPECT_EQ(m_directory.find(UnitId{"11-nv"})->name, "Phòng Nội vụ huyện Đông Sơn");
    EXPECT_EQ(m_directory.find(UnitId{"nope"}), nullptr);
    std::vector<std::string> kids;
    for (const Unit* u : m_directory.children(UnitId{"11"})) kids.push_back(u->id.value);
    EXPECT_EQ(kids, (Ids{"11-nv", "11-tckh", "111", "112", "113"}));
    EXPECT_TRUE(m_directory.children(UnitId{"nope"}).empty());
    const auto all = m_directory.all();
    ASSERT_EQ(all.size(), 15U);
    EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                               [](const Unit* a, const Unit* b) { return a->id < b->id; }));
}

TEST_F(DirectoryTest, AddRejectsUnknownParentCycleEmptyIdAndBackwardDates) {
    Unit orphan{UnitId{"9"}, "Xã Mồ Côi", {}, UnitKind::commune, UnitId{"99"}, {}, {}, {}, {}};
    auto r = m_directory.add(orphan);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input);
    EXPECT_NE(r.error().message.find("unknown parent '99'"), std::string::npos);

    Unit province = *m_directory.find(UnitId{"1"});
    province.parent = UnitId{"111"};  // the province under one of its communes
    r = m_directory.add(province);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("own ancestor"), std::string::npos);

    EXPECT_FALSE(
        m_directory.add(Unit{UnitId{""}, "Xã Không Mã", {}, UnitKind::commune, {}, {}, {}, {}, {}})
            .ok());
    EXPECT_FALSE(
        m_directory.add(Unit{UnitId{"8"}, "  ", {}, UnitKind::commune, {}, {}, {}, {}, {}}).ok());
    EXPECT_FALSE(m_directory
                     .add(Unit{UnitId{"7"},
                               "Xã Ngược",
                               {},
                               UnitKind::commune,
                               UnitId{"11"},
                               date(2020, 1, 2),
                               date(2020, 1, 1),
                               {},
                               {}})
                     .ok());
    EXPECT_EQ(m_directory.all().size(), 15U);  // nothing half-added
}

TEST_F(DirectoryTest, ReplacingAUnitReindexesItAndItsChildren) {
    Unit district = *m_directory.find(UnitId{"11"});
    district.name = "Huyện Tây Sơn";
    ASSERT_TRUE(m_directory.add(district).ok());
    EXPECT_TRUE(resolve("Huyện Đông Sơn").units.empty());
    EXPECT_EQ(ids(resolve("UBND huyện Tây Sơn")), Ids{"11"});
    // The child's short name is cut from the new name now.
    Unit office = *m_directory.find(UnitId{"11-nv"});
    office.name = "Phòng Nội vụ huyện Tây Sơn";
    office.aliases.clear();
    ASSERT_TRUE(m_directory.add(office).ok());
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "11")), Ids{"11-nv"});
    // Moving a unit moves it between its parents' children.
    Unit commune = *m_directory.find(UnitId{"112"});
    commune.parent = UnitId{"12"};
    ASSERT_TRUE(m_directory.add(commune).ok());
    EXPECT_EQ(m_directory.children(UnitId{"11"}).size(), 4U);
    EXPECT_EQ(m_directory.children(UnitId{"12"}).size(), 5U);
}

// ------------------------------------------------------------------ names

TEST_F(DirectoryTest, ExactNamesAndAliases) {
    auto r = resolve("Sở Nội vụ tỉnh Thuận Hoà");
    EXPECT_EQ(ids(r), Ids{"1-snv"});
    EXPECT_EQ(r.how, "exact");
    EXPECT_FALSE(r.group);
    r = resolve("SNV");
    EXPECT_EQ(ids(r), Ids{"1-snv"});
    EXPECT_EQ(r.how, "alias");
    EXPECT_EQ(ids(resolve("TX Bắc Sơn")), Ids{"12"});
    EXPECT_EQ(ids(resolve("Thị xã Bắc Sơn")), Ids{"12"});
    EXPECT_EQ(ids(resolve("UBND thị xã Bắc Sơn")), Ids{"12"});
    EXPECT_EQ(ids(resolve("UBND TX Bắc Sơn")), Ids{"12"});
    EXPECT_EQ(ids(resolve("Uỷ ban nhân dân huyện Đông Sơn")), Ids{"11"});
    EXPECT_EQ(ids(resolve("ỦY BAN NHÂN DÂN TỈNH THUẬN HÒA")), Ids{"1"});
    EXPECT_EQ(ids(resolve("UBND TT Đông Sơn")), Ids{"112"});
    // HĐND is written out but is not the UBND: it finds the council only.
    EXPECT_EQ(ids(resolve("HĐND tỉnh Thuận Hoà")), Ids{"1-hd"});
    EXPECT_TRUE(resolve("HĐND huyện Đông Sơn").units.empty());
}

TEST_F(DirectoryTest, ShortNamesMeanTheUnitNearTheIssuer) {
    auto r = resolve("Phòng Nội vụ", "11");
    EXPECT_EQ(ids(r), Ids{"11-nv"});
    EXPECT_EQ(r.how, "relative");
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "12")), Ids{"12-nv"});
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "111")), Ids{"11-nv"});  // from a commune of the district
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "11-tckh")), Ids{"11-nv"});  // from a sister office
    EXPECT_EQ(ids(resolve("Phòng TC-KH", "11")), Ids{"11-tckh"});
    EXPECT_EQ(ids(resolve("TCKH", "11")), Ids{"11-tckh"});
    // From the province or an unknown issuer, two districts have one: never guess.
    EXPECT_EQ(resolve("Phòng Nội vụ", "1").how, "unresolved");
    EXPECT_EQ(resolve("Phòng Nội vụ").how, "unresolved");
    // An office's short name is not a name outside its district, even when
    // only one district has such an office.
    EXPECT_EQ(resolve("Thanh tra", "11").how, "unresolved");
    EXPECT_EQ(ids(resolve("Thanh tra", "12")), Ids{"12-tt"});
    EXPECT_EQ(resolve("Phòng TC-KH", "12").how, "unresolved");
    // A department's short name: from anywhere in the province, and with no
    // issuer at all (there is one province).
    EXPECT_EQ(ids(resolve("Sở Nội vụ", "111")), Ids{"1-snv"});
    EXPECT_EQ(ids(resolve("Sở Nội vụ")), Ids{"1-snv"});
    EXPECT_EQ(ids(resolve("Sở Ngoại vụ")), Ids{"1-sngv"});
}

TEST_F(DirectoryTest, ATrailingTypeWordNamesTheIssuersOwnPlace) {
    EXPECT_EQ(ids(resolve("Phòng Tài chính - Kế hoạch huyện", "11")), Ids{"11-tckh"});
    EXPECT_EQ(ids(resolve("Phòng Nội vụ thị xã", "12")), Ids{"12-nv"});
    EXPECT_EQ(ids(resolve("Thanh tra thị xã", "12")), Ids{"12-tt"});
    EXPECT_EQ(ids(resolve("UBND huyện", "11-nv")), Ids{"11"});
    EXPECT_EQ(ids(resolve("Ủy ban nhân dân tỉnh", "111")), Ids{"1"});
    EXPECT_EQ(ids(resolve("Sở Nội vụ tỉnh", "11")), Ids{"1-snv"});
    EXPECT_EQ(resolve("UBND huyện", "11").how, "relative");
    // The type word must be the issuer's own: a thị xã is not a huyện.
    EXPECT_EQ(resolve("Phòng Nội vụ huyện", "12").how, "unresolved");
    EXPECT_EQ(resolve("UBND huyện").how, "unresolved");
}

TEST_F(DirectoryTest, TheSameNameInTwoPlacesNeedsAnIssuer) {
    const auto on = date(2024, 6, 1);
    EXPECT_EQ(resolve("Xã Hoà An", std::nullopt, on).how, "unresolved");
    EXPECT_EQ(ids(resolve("Xã Hoà An", "11", on)), Ids{"111"});
    EXPECT_EQ(ids(resolve("UBND xã Hòa An", "12", on)), Ids{"122"});
    EXPECT_EQ(ids(resolve("Xã Hoà An", "1-snv", on)).size(), 0U);  // the province is above both
    // After 2024 the Đông Sơn one is gone, and the name is the Bắc Sơn one's.
    EXPECT_EQ(ids(resolve("Xã Hoà An", std::nullopt, date(2025, 3, 1))), Ids{"122"});
}

TEST_F(DirectoryTest, HeadsStandForTheirUnits) {
    EXPECT_EQ(ids(resolve("Giám đốc Sở Nội vụ")), Ids{"1-snv"});
    EXPECT_EQ(ids(resolve("Chủ tịch UBND huyện Đông Sơn")), Ids{"11"});
    EXPECT_EQ(ids(resolve("Chủ tịch UBND huyện", "11")), Ids{"11"});
    EXPECT_EQ(ids(resolve("Trưởng Phòng Nội vụ", "12")), Ids{"12-nv"});
    auto r = resolve("Chủ tịch UBND các xã, thị trấn", "11", date(2024, 6, 1));
    EXPECT_TRUE(r.group);
    EXPECT_EQ(ids(r), (Ids{"111", "112"}));
}

TEST_F(DirectoryTest, DiacriticFreeTextMatchesOnLettersAlone) {
    auto r = resolve("UBND huyen Dong Son");
    EXPECT_EQ(ids(r), Ids{"11"});
    EXPECT_EQ(r.how, "folded");
    EXPECT_EQ(ids(resolve("So Noi vu")), Ids{"1-snv"});
    // Text with diacritics is never matched on letters alone: a wrong tone
    // is another name.
    EXPECT_EQ(resolve("UBND huyện Đồng Sơn").how, "unresolved");
}

TEST_F(DirectoryTest, UnknownOrEmptyMentionsStayUnresolved) {
    for (std::string_view m : {"", "   ", "Công an huyện", "Ban Chỉ huy Quân sự huyện", "\xC3\x28",
                               "Đồn biên phòng cửa khẩu"}) {
        const auto r = resolve(m, "11");
        EXPECT_TRUE(r.units.empty()) << m;
        EXPECT_FALSE(r.group) << m;
        EXPECT_EQ(r.how, "unresolved") << m;
    }
    EXPECT_EQ(resolve("Phòng Nội vụ", "no-such-issuer").how, "unresolved");
}

// ------------------------------------------------------------------ groups

TEST_F(DirectoryTest, CommuneGroupsOfTheIssuersDistrict) {
    const auto on = date(2024, 6, 1);
    auto r = resolve("UBND các xã", "11", on);
    EXPECT_TRUE(r.group);
    EXPECT_EQ(r.how, "group");
    EXPECT_EQ(ids(r), Ids{"111"});  // 113 is not yet valid, 112 is a thị trấn
    EXPECT_EQ(ids(resolve("UBND các xã, thị trấn", "11", on)), (Ids{"111", "112"}));
    EXPECT_EQ(ids(resolve("các xã, thị trấn", "11", on)), (Ids{"111", "112"}));
    EXPECT_EQ(ids(resolve("UBND các xã, thị trấn", "11", date(2025, 2, 1))), (Ids{"112", "113"}));
    EXPECT_EQ(ids(resolve("UBND các xã, phường", "12", on)), (Ids{"121", "122"}));
    EXPECT_EQ(ids(resolve("UBND các phường", "12", on)), Ids{"121"});
    EXPECT_EQ(ids(resolve("UBND các xã, thị trấn trên địa bàn huyện", "11", on)),
              (Ids{"111", "112"}));
    // From the province: every commune of those kinds.
    EXPECT_EQ(ids(resolve("UBND các xã, phường, thị trấn", "1", on)),
              (Ids{"111", "112", "121", "122"}));
    // Without a date every period counts.
    EXPECT_EQ(ids(resolve("UBND các xã", "11")), (Ids{"111", "113"}));
}

TEST_F(DirectoryTest, DistrictAndDepartmentGroups) {
    EXPECT_EQ(ids(resolve("UBND các huyện, thị xã, thành phố", "1")), (Ids{"11", "12"}));
    EXPECT_EQ(ids(resolve("UBND các huyện", "1-snv")), Ids{"11"});
    // The issuer does not assign work to itself.
    EXPECT_EQ(ids(resolve("Các sở, ban, ngành", "1-snv")), Ids{"1-sngv"});
    EXPECT_EQ(ids(resolve("các sở, ban ngành, đơn vị trực thuộc UBND tỉnh", "1")),
              (Ids{"1-sngv", "1-snv"}));
    EXPECT_EQ(ids(resolve("Các sở, ban, ngành cấp tỉnh", "11")), (Ids{"1-sngv", "1-snv"}));
    EXPECT_EQ(ids(resolve("các cơ quan, đơn vị trực thuộc UBND tỉnh", "1")),
              (Ids{"1-sngv", "1-snv"}));
}

TEST_F(DirectoryTest, OfficeGroupsOfTheIssuersDistrict) {
    const Ids dong_son{"11-nv", "11-tckh"};
    EXPECT_EQ(ids(resolve("Các phòng, ban, đơn vị thuộc huyện", "11")), dong_son);
    EXPECT_EQ(ids(resolve("Các phòng, ban, cơ quan, đơn vị trực thuộc UBND huyện", "11")),
              dong_son);
    EXPECT_EQ(ids(resolve("Các phòng, ban, các cơ quan, đơn vị trực thuộc UBND huyện", "11")),
              dong_son);
    EXPECT_EQ(ids(resolve("các phòng chuyên môn", "11")), dong_son);
    EXPECT_EQ(ids(resolve("Các phòng, ban, đơn vị trực thuộc TX", "12")), (Ids{"12-nv", "12-tt"}));
    EXPECT_EQ(ids(resolve("các phòng, ban thị xã", "12")), (Ids{"12-nv", "12-tt"}));
    EXPECT_EQ(ids(resolve("Các phòng, ban", "11-nv")), Ids{"11-tckh"});  // not the issuer itself
}

TEST_F(DirectoryTest, GroupsTheDirectoryCannotListStayUnresolved) {
    for (std::string_view m :
         {"các cơ quan liên quan", "các cơ quan, đơn vị, địa phương", "Các hội, đoàn thể huyện",
          "các đơn vị, địa phương có liên quan", "các cơ quan, đơn vị", "Các phòng, ban thuộc tỉnh",
          "UBND các tỉnh", "UBND các xã, huyện", "các phòng, ban, đơn vị thuộc thị xã"}) {
        const auto r = resolve(m, "11", date(2024, 6, 1));
        EXPECT_TRUE(r.units.empty()) << m;
        EXPECT_EQ(r.how, "unresolved") << m;
    }
    // A district group needs a district: none above the province.
    EXPECT_EQ(resolve("Các phòng, ban", "1").how, "unresolved");
    EXPECT_EQ(resolve("UBND các xã").how, "unresolved");
}

// ------------------------------------------------------------------ validity, holders

TEST_F(DirectoryTest, OnSelectsTheUnitsValidThatDay) {
    EXPECT_EQ(ids(resolve("Xã An Thủy", "11", date(2025, 1, 1))), Ids{"113"});
    EXPECT_EQ(resolve("Xã An Thủy", "11", date(2024, 12, 31)).how, "unresolved");
    EXPECT_EQ(ids(resolve("Xã Hoà An", "11", date(2024, 12, 31))), Ids{"111"});
    // In 2025 the only Xã Hoà An left is Bắc Sơn's, and a full name means it
    // from anywhere.
    EXPECT_EQ(ids(resolve("Xã Hoà An", "11", date(2025, 1, 1))), Ids{"122"});
}

TEST_F(DirectoryTest, CurrentHolderFollowsSuccessors) {
    EXPECT_EQ(m_directory.current_holder(UnitId{"111"}, date(2024, 12, 31)).value, "111");
    EXPECT_EQ(m_directory.current_holder(UnitId{"111"}, date(2025, 1, 1)).value, "113");
    EXPECT_EQ(m_directory.current_holder(UnitId{"122"}, date(2030, 1, 1)).value, "122");
    EXPECT_EQ(m_directory.current_holder(UnitId{"unknown"}, date(2030, 1, 1)).value, "unknown");
}

TEST(DirectoryHolderTest, StopsAtSplitsAndCycles) {
    Directory d;
    auto unit = [](std::string id, std::optional<CivilDate> to, std::vector<UnitId> next) {
        return Unit{UnitId{std::move(id)},
                    "Xã " + std::string("X"),
                    {},
                    UnitKind::commune,
                    {},
                    {},
                    to,
                    std::move(next),
                    {}};
    };
    ASSERT_TRUE(d.add(unit("a", date(2020, 1, 1), {UnitId{"b"}, UnitId{"c"}})).ok());  // split
    ASSERT_TRUE(d.add(unit("b", date(2021, 1, 1), {UnitId{"d"}})).ok());
    ASSERT_TRUE(d.add(unit("d", date(2021, 1, 1), {UnitId{"b"}})).ok());  // bad data: a cycle
    EXPECT_EQ(d.current_holder(UnitId{"a"}, date(2022, 1, 1)).value, "a");
    const std::string end = d.current_holder(UnitId{"b"}, date(2022, 1, 1)).value;
    EXPECT_TRUE(end == "b" || end == "d");
}

// ------------------------------------------------------------------ mappings, issuers

TEST_F(DirectoryTest, MappingsAreRememberedPerIssuerAndComeFirst) {
    EXPECT_EQ(resolve("Các hội, đoàn thể huyện", "11").how, "unresolved");
    m_directory.add_mapping("Các hội, đoàn thể huyện", UnitId{"11"},
                            {UnitId{"111"}, UnitId{"112"}});
    auto r = resolve("các hội, đoàn thể huyện", "11");  // same key: case differs
    EXPECT_EQ(ids(r), (Ids{"111", "112"}));
    EXPECT_TRUE(r.group);
    EXPECT_EQ(r.how, "mapping");
    EXPECT_EQ(resolve("Các hội, đoàn thể huyện", "12").how, "unresolved");  // another issuer

    // A mapping beats the rules, and one without issuer holds everywhere.
    m_directory.add_mapping("Phòng Nội vụ", std::nullopt, {UnitId{"12-nv"}});
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "11")), Ids{"12-nv"});
    EXPECT_EQ(resolve("Phòng Nội vụ").how, "mapping");
    // An issuer's own mapping beats the general one; a stored key works as the mention.
    m_directory.add_mapping(mention_key("Phòng Nội vụ"), UnitId{"11"}, {UnitId{"11-nv"}});
    EXPECT_EQ(ids(resolve("Phòng Nội vụ", "11")), Ids{"11-nv"});
    EXPECT_FALSE(resolve("Phòng Nội vụ", "11").group);
}

TEST_F(DirectoryTest, ResolvesIssuersFromHeaders) {
    EXPECT_EQ(m_directory.resolve_issuer("ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN", std::nullopt),
              UnitId{"11"});
    EXPECT_EQ(m_directory.resolve_issuer("SỞ NỘI VỤ", std::nullopt), UnitId{"1-snv"});
    EXPECT_EQ(m_directory.resolve_issuer("SỞ NỘI VỤ", "UBND TỈNH THUẬN HOÀ"), UnitId{"1-snv"});
    EXPECT_EQ(m_directory.resolve_issuer("PHÒNG NỘI VỤ", "UBND THỊ XÃ BẮC SƠN"), UnitId{"12-nv"});
    EXPECT_EQ(m_directory.resolve_issuer("PHÒNG NỘI VỤ", std::nullopt), std::nullopt);
    EXPECT_EQ(m_directory.resolve_issuer("UBND XÃ HOÀ AN", "UBND HUYỆN ĐÔNG SƠN", date(2024, 1, 1)),
              UnitId{"111"});
    EXPECT_EQ(m_directory.resolve_issuer("UBND CÁC XÃ", "UBND HUYỆN ĐÔNG SƠN"),
              std::nullopt);  // a group is no issuer
    EXPECT_EQ(m_directory.resolve_issuer("CÔNG AN HUYỆN", std::nullopt), std::nullopt);
}

// ------------------------------------------------------------------ CSV

TEST(ImportTest, SharedLayoutGeneratesIdsSkipsTemplatesAndFoldsTheCommittee) {
    const std::string csv =
        "code,name,kind,parent_code,abbreviation,notes\n"
        "51,Tỉnh Quảng Ngãi,tỉnh,,,GSO\n"
        ",Ủy ban nhân dân tỉnh Quảng Ngãi,ủy ban nhân dân cấp tỉnh,51,UBND tỉnh,header\n"
        ",Sở Nội vụ tỉnh Quảng Ngãi,cơ quan chuyên môn thuộc UBND tỉnh,51,SNV,seed 002\n"
        ",\"Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi\",cơ quan chuyên môn thuộc UBND "
        "tỉnh,51,,\n"
        ",Phòng Nội vụ,phòng chuyên môn thuộc UBND cấp huyện (mẫu),,,template\n";
    Directory d;
    auto n = import_units_csv(csv, "qn.csv", d);
    ASSERT_TRUE(n.ok()) << n.error().describe();
    EXPECT_EQ(*n, 3U);
    ASSERT_EQ(d.all().size(), 3U);
    const Unit* snv = d.find(UnitId{"51-so-noi-vu"});
    ASSERT_NE(snv, nullptr);
    EXPECT_EQ(snv->kind, UnitKind::department);
    EXPECT_EQ(snv->parent, UnitId{"51"});
    EXPECT_EQ(snv->aliases, std::vector<std::string>{"SNV"});
    EXPECT_EQ(snv->note, "seed 002");
    EXPECT_NE(d.find(UnitId{"51-so-van-hoa-the-thao-va-du-lich"}), nullptr);
    const Unit* province = d.find(UnitId{"51"});
    EXPECT_EQ(province->aliases,
              (std::vector<std::string>{"Ủy ban nhân dân tỉnh Quảng Ngãi", "UBND tỉnh"}));
    EXPECT_EQ(d.resolve_issuer("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", std::nullopt), UnitId{"51"});
}

TEST(ImportTest, OwnExportLayoutWithDatesAndSuccessors) {
    const std::string csv =
        "id,name,kind,parent,aliases,note,valid_from,valid_to,successors\n"
        "1,Tỉnh A,province,,,,,,\n"
        "2,Xã B,commune,1,B; Bê,n,2020-01-01,2025-06-30,3\n"
        "3,Xã C,commune,1,,,2025-07-01,,\n";
    Directory d;
    auto n = import_units_csv(csv, "own.csv", d);
    ASSERT_TRUE(n.ok()) << n.error().describe();
    EXPECT_EQ(*n, 3U);
    const Unit* b = d.find(UnitId{"2"});
    EXPECT_EQ(b->aliases, (std::vector<std::string>{"B", "Bê"}));
    EXPECT_EQ(b->valid_from, date(2020, 1, 1));
    EXPECT_EQ(b->valid_to, date(2025, 6, 30));
    EXPECT_EQ(b->successors, std::vector<UnitId>{UnitId{"3"}});
    EXPECT_EQ(d.current_holder(UnitId{"2"}, date(2026, 1, 1)), UnitId{"3"});
}

struct CsvErrorCase {
    std::string csv;
    std::string message_part;
    std::string where;
};

TEST(ImportTest, ErrorsNameTheFileLineAndColumn) {
    const std::string head = "code,name,kind,parent_code\n";
    const std::vector<CsvErrorCase> cases{
        {head + "1,Tỉnh A,tỉnh,\n2,Xã B,làng,1\n", "unknown kind 'làng'", "u.csv line 3, column 8"},
        {head + "1,Tỉnh A,tỉnh,\n2,Xã B,xã,9\n", "unknown parent '9'", "u.csv line 3, column 11"},
        {head + "1,Tỉnh A,tỉnh,\n1,Tỉnh B,tỉnh,\n", "the id '1' appears twice",
         "u.csv line 3, column 1"},
        {head + "1,,tỉnh,\n", "the name is empty", "u.csv line 2, column 3"},
        {"code,name,kind,colour\n", "unknown column 'colour'", "u.csv line 1, column 16"},
        {"code,name\n", "no 'kind' column", "u.csv line 1, column 1"},
        {"code,id,name,kind\n", "repeats another", "u.csv line 1, column 6"},
        {"code,name,kind,valid_to\n1,Tỉnh A,tỉnh,2025-02-30\n", "not a date",
         "u.csv line 2, column 15"},
        {head + ",Ủy ban nhân dân tỉnh A,ủy ban nhân dân cấp tỉnh,\n", "needs the unit it governs",
         "u.csv line 2, column 50"},
        {"code,name,kind,valid_from,valid_to\n1,Tỉnh A,tỉnh,2025-01-02,2025-01-01\n",
         "ends before it begins", "u.csv line 2, column 3"},
    };
    for (const auto& c : cases) {
        Directory d;
        auto n = import_units_csv(c.csv, "u.csv", d);
        ASSERT_FALSE(n.ok()) << c.csv;
        EXPECT_EQ(n.error().code, ErrorCode::invalid_input);
        EXPECT_NE(n.error().message.find(c.message_part), std::string::npos)
            << n.error().describe();
        EXPECT_EQ(n.error().where, c.where) << n.error().describe();
    }
}

}  // namespace
}  // namespace dondoc::domain

namespace dondoc::domain {
namespace {

TEST(UnitsExport, RoundTripsThroughImport) {
    Unit province;
    province.id = UnitId{"51"};
    province.name = "Tỉnh Quảng Ngãi";
    province.kind = UnitKind::province;
    Unit office;
    office.id = UnitId{"51-so-noi-vu"};
    office.name = "Sở Nội vụ tỉnh Quảng Ngãi";
    office.kind = UnitKind::department;
    office.parent = UnitId{"51"};
    office.aliases = {"SNV", "Sở Nội vụ"};
    office.note = "Ghi chú, có dấu phẩy và \"ngoặc kép\"";
    const std::string csv = export_units_csv({province, office});
    Directory directory;
    auto read = import_units_csv(csv, "export.csv", directory);
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(*read, 2u);
    const Unit* back = directory.find(UnitId{"51-so-noi-vu"});
    ASSERT_NE(back, nullptr);
    EXPECT_EQ(back->name, office.name);
    EXPECT_EQ(back->kind, UnitKind::department);
    EXPECT_EQ(back->parent, office.parent);
    EXPECT_EQ(back->note, office.note);
    EXPECT_NE(std::find(back->aliases.begin(), back->aliases.end(), "SNV"), back->aliases.end());
}

}  // namespace
}  // namespace dondoc::domain
