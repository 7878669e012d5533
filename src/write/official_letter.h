// A letter in the national layout of Decree 30/2020/NĐ-CP (Phụ lục I), as
// a docx::Document: the borderless two-column header (left: the superior
// body, the issuing body in bold capitals with a short rule, "Số: …/…" and,
// for a công văn, "V/v …"; right: the Quốc hiệu and the Tiêu ngữ with its
// rule, then the place and date in italics), the type name and summary for
// a titled document (BÁO CÁO…), "Kính gửi:", the body, and at the bottom
// "Nơi nhận:" on the left and the signature block on the right. Times New
// Roman 14 pt on A4 with the decree's margins (top and bottom 2 cm, left
// 3 cm, right 1.5 cm).
//
// What the register cannot know is left for the clerk: the number (blank,
// filled in after signature as Điều 15 says), the day and month (blank),
// the signer's name (dotted). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "write/docx.h"

namespace dondoc::write {

struct OfficialLetter {
    std::string superior;  // cơ quan chủ quản, upper case, not bold; empty: none
    std::string issuer;    // cơ quan ban hành, upper case, bold
    std::string symbol;    // ký hiệu after the blank number: "UBND-VP", "BC-UBND"
    std::string place;     // địa danh: "Quảng Ngãi"
    int year = 2024;       // the year of the date line ("ngày   tháng   năm 2024")
    // Empty: a công văn, whose summary follows "V/v" under the number. Else
    // the type name in capitals ("BÁO CÁO") with the summary under it.
    std::string type_name;
    std::string subject;                  // trích yếu
    std::vector<std::string> recipients;  // Kính gửi; none: no such line
    std::vector<docx::Block> body;
    std::vector<std::string> copies;  // Nơi nhận, after "Như trên" (when there are recipients)
    std::string archive = "Lưu: VT";  // the last line of Nơi nhận
    std::string authority;            // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"; empty: none
    std::string signer_title;         // "CHỦ TỊCH"
    std::string signer_name;          // empty: a dotted line
};

docx::Document official_letter(const OfficialLetter& letter);

// A body paragraph: justified, first line indented 1.27 cm, 6 pt before.
docx::Paragraph body_paragraph(std::string text);
// A body paragraph starting with a bold lead-in ("1. Phòng Nội vụ:") .
docx::Paragraph body_paragraph(std::string bold_lead, std::string text);

// A bordered table for the body: a shaded bold header row repeated on each
// page, then rows of plain text, 12 pt; `centered` columns are centred.
docx::Table body_table(const std::vector<std::string>& headers,
                       const std::vector<double>& widths_cm,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& centered = {});

}  // namespace dondoc::write
