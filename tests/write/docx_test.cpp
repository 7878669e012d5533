// The DOCX writer and the national letter layout, read back with the
// project's own reader (read/source.h, read/reader.h): the package opens,
// the header table reads as a directive's header, the body and tables are
// there.
#include "write/docx.h"

#include <gtest/gtest.h>

#include "read/ooxml.h"
#include "read/reader.h"
#include "read/source.h"
#include "write/official_letter.h"

namespace dondoc::write {
namespace {

OfficialLetter sample_letter() {
    OfficialLetter l;
    l.issuer = "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY";
    l.symbol = "UBND";
    l.place = "Sơn Tây";
    l.year = 2024;
    l.subject = "đôn đốc thực hiện các nhiệm vụ quá hạn";
    l.recipients = {"Phòng Nội vụ huyện Sơn Tây", "Ủy ban nhân dân xã Sơn Dung"};
    l.body.emplace_back(
        body_paragraph("Qua theo dõi việc thực hiện các nhiệm vụ được giao, đến ngày "
                       "01/07/2024 còn 1 nhiệm vụ quá hạn:"));
    l.body.emplace_back(
        body_table({"STT", "Nhiệm vụ", "Thời hạn"}, {1, 12, 3.5},
                   {{"1", "Rà soát thủ tục hành chính & báo cáo <kết quả>", "30/06/2024"}},
                   {true, false, true}));
    l.copies = {"CT, các PCT UBND huyện"};
    l.authority = "TM. ỦY BAN NHÂN DÂN";
    l.signer_title = "CHỦ TỊCH";
    return l;
}

TEST(Docx, PackageHasItsParts) {
    auto bytes = docx::docx_bytes(official_letter(sample_letter()));
    ASSERT_TRUE(bytes.ok()) << bytes.error().describe();
    auto archive = read::detail::OoxmlArchive::open(*bytes, read::SourceLimits{}, "DOCX");
    ASSERT_TRUE(archive.ok());
    for (const char* name :
         {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
          "word/settings.xml", "word/_rels/document.xml.rels", "docProps/core.xml"}) {
        auto entry = archive->read(name);
        ASSERT_TRUE(entry.ok() && entry->has_value()) << name;
    }
    const std::string document = **archive->read("word/document.xml");
    // A4 with the decree's margins: 3 cm left, 1.5 cm right, 2 cm top and bottom (in twips).
    EXPECT_NE(document.find("<w:pgSz w:w=\"11906\" w:h=\"16838\""), std::string::npos);
    EXPECT_NE(document.find("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""),
              std::string::npos);
    EXPECT_NE(document.find("&amp; báo cáo &lt;kết quả&gt;"), std::string::npos);
    const std::string styles = **archive->read("word/styles.xml");
    EXPECT_NE(styles.find("w:ascii=\"Times New Roman\""), std::string::npos);
    EXPECT_NE(styles.find("<w:sz w:val=\"28\""), std::string::npos);  // 14 pt
}

TEST(Docx, TheReaderReadsTheLetterAsADirective) {
    auto bytes = docx::docx_bytes(official_letter(sample_letter()));
    ASSERT_TRUE(bytes.ok());
    auto text = read::to_text(*bytes);
    ASSERT_TRUE(text.ok()) << text.error().describe();
    EXPECT_EQ(text->format, read::SourceFormat::docx);
    EXPECT_NE(text->text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
    EXPECT_NE(text->text.find("Độc lập - Tự do - Hạnh phúc"), std::string::npos);
    EXPECT_NE(text->text.find("Rà soát thủ tục hành chính"), std::string::npos);
    auto record = read::read_document(text->text);
    ASSERT_TRUE(record.ok()) << record.error().describe();
    EXPECT_EQ(record->issuer.name.value_or(""), "ỦY BAN NHÂN DÂN HUYỆN SƠN TÂY");
    ASSERT_TRUE(record->subject.has_value());
    EXPECT_NE(record->subject->find("đôn đốc thực hiện các nhiệm vụ quá hạn"), std::string::npos);
    ASSERT_EQ(record->recipients.size(), 2u);
    EXPECT_NE(record->recipients[0].find("Phòng Nội vụ huyện Sơn Tây"), std::string::npos);
    EXPECT_EQ(record->date.year.value_or(0), 2024);
    EXPECT_FALSE(record->date.day.has_value());  // left for the clerk
}

}  // namespace
}  // namespace dondoc::write
