// write/official_letter.h: the layout of Phụ lục I of Decree 30/2020.
#include "write/official_letter.h"

#include <algorithm>
#include <cstddef>

#include "text/utf8.h"

namespace dondoc::write {
namespace {

using docx::Align;
using docx::Paragraph;
using docx::Run;

constexpr double k_text_width_cm = 21.0 - 3.0 - 1.5;
constexpr double k_left_column_cm = 6.3;
constexpr double k_right_column_cm = k_text_width_cm - k_left_column_cm;

// The width of a line of Times New Roman, estimated from its length: bold
// capitals average about 0.70 em, mixed text about 0.48 em. Only used to
// size the short rules under the header lines.
double estimated_width_cm(std::string_view text, double size_pt, bool capitals) {
    const double em_cm = size_pt / 72.0 * 2.54;
    return static_cast<double>(text::code_point_count(text)) * (capitals ? 0.70 : 0.48) * em_cm;
}

// A rule as an empty, 1 pt paragraph with a bottom border, centred in a
// column by its indents.
Paragraph rule(double column_cm, double length_cm) {
    Paragraph p;
    const double side = std::max(0.0, (column_cm - length_cm) / 2);
    p.left_cm = side;
    p.right_cm = side;
    p.rule_below = true;
    p.runs.push_back(Run{"", false, false, false, 1});
    p.line = 0.5;
    return p;
}

Paragraph centered(std::string text, double size_pt, bool bold = false, bool italic = false) {
    return docx::paragraph(std::move(text), Align::center, bold, italic, size_pt);
}

docx::Table header(const OfficialLetter& l) {
    docx::TableCell left;
    if (!l.superior.empty()) left.paragraphs.push_back(centered(l.superior, 12));
    left.paragraphs.push_back(centered(l.issuer, 12, true));
    // The issuer's rule: between a third and a half of the line (the
    // longest line of the name when it wraps).
    std::string longest_line;
    for (std::size_t start = 0; start <= l.issuer.size();) {
        std::size_t end = l.issuer.find('\n', start);
        if (end == std::string::npos) end = l.issuer.size();
        if (end - start > longest_line.size()) longest_line = l.issuer.substr(start, end - start);
        start = end + 1;
    }
    const double issuer_cm = std::min(estimated_width_cm(longest_line, 12, true), k_left_column_cm);
    left.paragraphs.push_back(rule(k_left_column_cm, std::max(1.8, issuer_cm * 0.4)));

    docx::TableCell right;
    right.paragraphs.push_back(centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, true));
    const std::string motto = "Độc lập - Tự do - Hạnh phúc";
    right.paragraphs.push_back(centered(motto, 13, true));
    // The Tiêu ngữ's rule is as long as the line itself (5.6 cm at 13 pt bold).
    right.paragraphs.push_back(rule(k_right_column_cm, 5.6));

    docx::TableCell number;
    Paragraph so = centered("Số:          /" + l.symbol, 13);
    so.before_pt = 6;
    number.paragraphs.push_back(so);
    if (l.type_name.empty() && !l.subject.empty()) {
        Paragraph vv = centered("V/v " + l.subject, 12);
        vv.before_pt = 3;
        vv.left_cm = 0.3;
        vv.right_cm = 0.3;
        number.paragraphs.push_back(vv);
    }
    docx::TableCell date;
    Paragraph when =
        centered(l.place + ", ngày      tháng      năm " + std::to_string(l.year), 14, false, true);
    when.before_pt = 6;
    date.paragraphs.push_back(when);

    docx::Table t;
    t.widths_cm = {k_left_column_cm, k_right_column_cm};
    t.borders = false;
    t.rows = {{left, right}, {number, date}};
    return t;
}

docx::Table closing(const OfficialLetter& l) {
    docx::TableCell copies;
    copies.paragraphs.push_back(docx::paragraph("Nơi nhận:", Align::left, true, true, 12));
    std::vector<std::string> lines;
    if (!l.recipients.empty()) lines.emplace_back("Như trên");
    lines.insert(lines.end(), l.copies.begin(), l.copies.end());
    lines.push_back(l.archive);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string line = "- ";
        line += lines[i];
        line += i + 1 == lines.size() ? "." : ";";
        copies.paragraphs.push_back(docx::paragraph(line, Align::left, false, false, 11));
    }

    docx::TableCell sign;
    if (!l.authority.empty()) sign.paragraphs.push_back(centered(l.authority, 14, true));
    sign.paragraphs.push_back(centered(l.signer_title, 14, true));
    for (int i = 0; i < 3; ++i) sign.paragraphs.push_back(centered("", 14));
    sign.paragraphs.push_back(
        centered(l.signer_name.empty() ? std::string("……………………………") : l.signer_name, 14, true));

    docx::Table t;
    t.widths_cm = {8.0, k_text_width_cm - 8.0};
    t.borders = false;
    t.rows = {{copies, sign}};
    return t;
}

void recipients(const OfficialLetter& l, std::vector<docx::Block>& body) {
    if (l.recipients.empty()) return;
    if (l.recipients.size() == 1) {
        Paragraph p = centered("Kính gửi: " + l.recipients.front() + ".", 14);
        p.before_pt = 12;
        p.after_pt = 6;
        body.emplace_back(std::move(p));
        return;
    }
    Paragraph head = docx::paragraph("Kính gửi:", Align::left, false, false, 14);
    head.left_cm = 2.5;
    head.before_pt = 12;
    body.emplace_back(std::move(head));
    for (std::size_t i = 0; i < l.recipients.size(); ++i) {
        std::string line = "- ";
        line += l.recipients[i];
        line += i + 1 == l.recipients.size() ? "." : ";";
        Paragraph p = docx::paragraph(line, Align::left, false, false, 14);
        p.left_cm = 4.5;
        if (i + 1 == l.recipients.size()) p.after_pt = 6;
        body.emplace_back(std::move(p));
    }
}

}  // namespace

docx::Paragraph body_paragraph(std::string text) {
    Paragraph p = docx::paragraph(std::move(text), Align::justify);
    p.first_line_cm = 1.27;
    p.before_pt = 6;
    p.line = 1.1;
    return p;
}

docx::Paragraph body_paragraph(std::string bold_lead, std::string text) {
    Paragraph p = body_paragraph(std::move(text));
    p.runs.insert(p.runs.begin(), Run{std::move(bold_lead), true});
    return p;
}

docx::Table body_table(const std::vector<std::string>& headers,
                       const std::vector<double>& widths_cm,
                       const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& centered_columns) {
    docx::Table t;
    t.widths_cm = widths_cm;
    t.header_rows = 1;
    std::vector<docx::TableCell> head;
    for (const auto& h : headers) {
        docx::TableCell c;
        c.shaded = true;
        c.paragraphs.push_back(centered(h, 12, true));
        head.push_back(std::move(c));
    }
    t.rows.push_back(std::move(head));
    for (const auto& row : rows) {
        std::vector<docx::TableCell> cells;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool middle = i < centered_columns.size() && centered_columns[i];
            docx::TableCell c;
            c.paragraphs.push_back(
                docx::paragraph(row[i], middle ? Align::center : Align::left, false, false, 12));
            cells.push_back(std::move(c));
        }
        t.rows.push_back(std::move(cells));
    }
    return t;
}

docx::Document official_letter(const OfficialLetter& l) {
    docx::Document d;
    d.page.top_cm = 2.0;
    d.page.bottom_cm = 2.0;
    d.page.left_cm = 3.0;
    d.page.right_cm = 1.5;
    d.size_pt = 14;
    d.title = l.type_name.empty() ? "V/v " + l.subject : l.type_name + " " + l.subject;
    d.body.emplace_back(header(l));
    if (!l.type_name.empty()) {
        Paragraph type = centered(l.type_name, 14, true);
        type.before_pt = 18;
        d.body.emplace_back(std::move(type));
        d.body.emplace_back(centered(l.subject, 14, true));
        const double subject_cm =
            std::min(estimated_width_cm(l.subject, 14, false), k_text_width_cm);
        d.body.emplace_back(rule(k_text_width_cm, std::max(3.0, subject_cm * 0.4)));
    }
    recipients(l, d.body);
    d.body.insert(d.body.end(), l.body.begin(), l.body.end());
    // The last paragraph goes with the signature: never "Nơi nhận" alone on a page.
    if (auto* last = std::get_if<Paragraph>(&d.body.back())) last->keep_with_next = true;
    Paragraph gap;
    gap.after_pt = 6;
    gap.keep_with_next = true;
    d.body.emplace_back(std::move(gap));
    d.body.emplace_back(closing(l));
    return d;
}

}  // namespace dondoc::write
