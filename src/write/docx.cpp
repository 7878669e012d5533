// write/docx.h: WordprocessingML by pugixml, zipped in memory by libzip.
// Elements are written in the order the OOXML schema requires (Word refuses
// a document whose w:pPr children are out of order; LibreOffice forgives).
#include "write/docx.h"

#include <zip.h>

#include <cmath>
#include <memory>
#include <pugixml.hpp>
#include <sstream>
#include <utility>

namespace dondoc::write::docx {
namespace {

constexpr const char* k_w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* k_r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string twips(double cm) {
    return std::to_string(std::lround(cm * 1440.0 / 2.54));
}
std::string half_points(double pt) {
    return std::to_string(std::lround(pt * 2.0));
}
std::string twentieths(double pt) {
    return std::to_string(std::lround(pt * 20.0));
}

void val(pugi::xml_node node, const std::string& value) {
    node.append_attribute("w:val") = value.c_str();
}

std::string xml_text(const pugi::xml_document& doc) {
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw, pugi::encoding_utf8);
    return out.str();
}

pugi::xml_document xml_with_declaration() {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    decl.append_attribute("standalone") = "yes";
    return doc;
}

void write_run(pugi::xml_node p, const Run& run) {
    auto r = p.append_child("w:r");
    auto rpr = r.append_child("w:rPr");
    if (run.bold) {
        rpr.append_child("w:b");
        rpr.append_child("w:bCs");
    }
    if (run.italic) {
        rpr.append_child("w:i");
        rpr.append_child("w:iCs");
    }
    if (run.size_pt > 0) {
        val(rpr.append_child("w:sz"), half_points(run.size_pt));
        val(rpr.append_child("w:szCs"), half_points(run.size_pt));
    }
    if (run.underline) val(rpr.append_child("w:u"), "single");
    std::size_t start = 0;
    while (start <= run.text.size()) {
        std::size_t end = run.text.find('\n', start);
        if (end == std::string::npos) end = run.text.size();
        if (start > 0) r.append_child("w:br");
        if (end > start) {
            auto t = r.append_child("w:t");
            t.append_attribute("xml:space") = "preserve";
            t.text().set(run.text.substr(start, end - start).c_str());
        }
        start = end + 1;
    }
}

const char* align_name(Align a) {
    switch (a) {
        case Align::left:
            return "left";
        case Align::center:
            return "center";
        case Align::right:
            return "right";
        case Align::justify:
            return "both";
    }
    return "left";
}

void write_paragraph(pugi::xml_node parent, const Paragraph& para) {
    auto p = parent.append_child("w:p");
    auto ppr = p.append_child("w:pPr");
    if (para.keep_with_next) ppr.append_child("w:keepNext");
    if (para.rule_below) {
        auto bottom = ppr.append_child("w:pBdr").append_child("w:bottom");
        val(bottom, "single");
        bottom.append_attribute("w:sz") = "6";
        bottom.append_attribute("w:space") = "1";
        bottom.append_attribute("w:color") = "000000";
    }
    auto spacing = ppr.append_child("w:spacing");
    spacing.append_attribute("w:before") = twentieths(para.before_pt).c_str();
    spacing.append_attribute("w:after") = twentieths(para.after_pt).c_str();
    spacing.append_attribute("w:line") = std::to_string(std::lround(para.line * 240)).c_str();
    spacing.append_attribute("w:lineRule") = "auto";
    if (para.left_cm != 0 || para.right_cm != 0 || para.first_line_cm != 0) {
        auto ind = ppr.append_child("w:ind");
        ind.append_attribute("w:left") = twips(para.left_cm).c_str();
        ind.append_attribute("w:right") = twips(para.right_cm).c_str();
        if (para.first_line_cm > 0)
            ind.append_attribute("w:firstLine") = twips(para.first_line_cm).c_str();
    }
    val(ppr.append_child("w:jc"), align_name(para.align));
    for (const auto& run : para.runs) write_run(p, run);
}

void borders(pugi::xml_node parent, const char* element, bool visible) {
    auto b = parent.append_child(element);
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
        auto edge = b.append_child(side);
        val(edge, visible ? "single" : "nil");
        if (visible) {
            edge.append_attribute("w:sz") = "4";
            edge.append_attribute("w:space") = "0";
            edge.append_attribute("w:color") = "000000";
        }
    }
}

void write_table(pugi::xml_node parent, const Table& table) {
    auto tbl = parent.append_child("w:tbl");
    auto pr = tbl.append_child("w:tblPr");
    double total = 0;
    for (double w : table.widths_cm) total += w;
    auto width = pr.append_child("w:tblW");
    width.append_attribute("w:w") = twips(total).c_str();
    width.append_attribute("w:type") = "dxa";
    val(pr.append_child("w:jc"), "center");
    borders(pr, "w:tblBorders", table.borders);
    pr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
    auto margins = pr.append_child("w:tblCellMar");
    for (const char* side : {"w:left", "w:right"}) {
        auto m = margins.append_child(side);
        m.append_attribute("w:w") = table.borders ? "85" : "0";
        m.append_attribute("w:type") = "dxa";
    }
    auto grid = tbl.append_child("w:tblGrid");
    for (double w : table.widths_cm)
        grid.append_child("w:gridCol").append_attribute("w:w") = twips(w).c_str();
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        auto tr = tbl.append_child("w:tr");
        auto trpr = tr.append_child("w:trPr");
        if (table.cant_split) trpr.append_child("w:cantSplit");
        if (static_cast<int>(i) < table.header_rows) trpr.append_child("w:tblHeader");
        std::size_t column = 0;
        for (const auto& cell : table.rows[i]) {
            double cell_width = 0;
            for (int k = 0; k < cell.span && column < table.widths_cm.size(); ++k)
                cell_width += table.widths_cm[column++];
            auto tc = tr.append_child("w:tc");
            auto tcpr = tc.append_child("w:tcPr");
            auto tcw = tcpr.append_child("w:tcW");
            tcw.append_attribute("w:w") = twips(cell_width).c_str();
            tcw.append_attribute("w:type") = "dxa";
            if (cell.span > 1) val(tcpr.append_child("w:gridSpan"), std::to_string(cell.span));
            if (cell.shaded) {
                auto shd = tcpr.append_child("w:shd");
                val(shd, "clear");
                shd.append_attribute("w:color") = "auto";
                shd.append_attribute("w:fill") = "E7E6E6";
            }
            val(tcpr.append_child("w:vAlign"), table.borders ? "center" : "top");
            if (cell.paragraphs.empty()) write_paragraph(tc, Paragraph{});
            for (const auto& para : cell.paragraphs) write_paragraph(tc, para);
        }
    }
}

std::string document_xml(const Document& d) {
    auto doc = xml_with_declaration();
    auto root = doc.append_child("w:document");
    root.append_attribute("xmlns:w") = k_w;
    root.append_attribute("xmlns:r") = k_r;
    auto body = root.append_child("w:body");
    for (const auto& block : d.body) {
        if (const auto* p = std::get_if<Paragraph>(&block)) {
            write_paragraph(body, *p);
        } else {
            write_table(body, std::get<Table>(block));
            // A table is followed by a paragraph (Word needs one before sectPr).
        }
    }
    if (!d.body.empty() && std::holds_alternative<Table>(d.body.back()))
        write_paragraph(body, Paragraph{});
    auto sect = body.append_child("w:sectPr");
    auto size = sect.append_child("w:pgSz");
    size.append_attribute("w:w") = twips(d.page.width_cm).c_str();
    size.append_attribute("w:h") = twips(d.page.height_cm).c_str();
    auto margins = sect.append_child("w:pgMar");
    margins.append_attribute("w:top") = twips(d.page.top_cm).c_str();
    margins.append_attribute("w:right") = twips(d.page.right_cm).c_str();
    margins.append_attribute("w:bottom") = twips(d.page.bottom_cm).c_str();
    margins.append_attribute("w:left") = twips(d.page.left_cm).c_str();
    margins.append_attribute("w:header") = "708";
    margins.append_attribute("w:footer") = "708";
    margins.append_attribute("w:gutter") = "0";
    return xml_text(doc);
}

std::string styles_xml(const Document& d) {
    auto doc = xml_with_declaration();
    auto root = doc.append_child("w:styles");
    root.append_attribute("xmlns:w") = k_w;
    auto defaults = root.append_child("w:docDefaults");
    auto rpr = defaults.append_child("w:rPrDefault").append_child("w:rPr");
    auto fonts = rpr.append_child("w:rFonts");
    for (const char* slot : {"w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"})
        fonts.append_attribute(slot) = d.font.c_str();
    val(rpr.append_child("w:sz"), half_points(d.size_pt));
    val(rpr.append_child("w:szCs"), half_points(d.size_pt));
    val(rpr.append_child("w:lang"), "vi-VN");
    auto ppr = defaults.append_child("w:pPrDefault").append_child("w:pPr");
    auto spacing = ppr.append_child("w:spacing");
    spacing.append_attribute("w:after") = "0";
    spacing.append_attribute("w:line") = "240";
    spacing.append_attribute("w:lineRule") = "auto";
    auto normal = root.append_child("w:style");
    normal.append_attribute("w:type") = "paragraph";
    normal.append_attribute("w:default") = "1";
    normal.append_attribute("w:styleId") = "Normal";
    val(normal.append_child("w:name"), "Normal");
    normal.append_child("w:qFormat");
    return xml_text(doc);
}

std::string settings_xml() {
    auto doc = xml_with_declaration();
    auto root = doc.append_child("w:settings");
    root.append_attribute("xmlns:w") = k_w;
    val(root.append_child("w:defaultTabStop"), "720");
    auto compat = root.append_child("w:compat").append_child("w:compatSetting");
    compat.append_attribute("w:name") = "compatibilityMode";
    compat.append_attribute("w:uri") = "http://schemas.microsoft.com/office/word";
    compat.append_attribute("w:val") = "15";
    return xml_text(doc);
}

std::string core_xml(const Document& d) {
    auto doc = xml_with_declaration();
    auto root = doc.append_child("cp:coreProperties");
    root.append_attribute("xmlns:cp") =
        "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
    root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
    root.append_child("dc:title").text().set(d.title.c_str());
    root.append_child("dc:creator").text().set("dondoc");
    return xml_text(doc);
}

constexpr const char* k_content_types =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
    R"(<Default Extension="xml" ContentType="application/xml"/>)"
    R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
    R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
    R"(<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>)"
    R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
    R"(</Types>)";

constexpr const char* k_package_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
    R"(</Relationships>)";

constexpr const char* k_document_rels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>)"
    R"(</Relationships>)";

// An archive built in memory: libzip writes into a buffer source that is
// kept past zip_close and then read out.
class ZipBuffer {
  public:
    ZipBuffer() {
        zip_error_t error;
        zip_error_init(&error);
        m_source = zip_source_buffer_create(nullptr, 0, 0, &error);
        if (m_source != nullptr) {
            zip_source_keep(m_source);
            m_zip = zip_open_from_source(m_source, ZIP_TRUNCATE, &error);
        }
        zip_error_fini(&error);
    }
    ~ZipBuffer() {
        if (m_zip != nullptr) zip_discard(m_zip);
        if (m_source != nullptr) zip_source_free(m_source);
    }
    ZipBuffer(const ZipBuffer&) = delete;
    ZipBuffer& operator=(const ZipBuffer&) = delete;

    // The entry's bytes are kept here until close().
    bool add(const char* name, std::string bytes) {
        if (m_zip == nullptr) return false;
        m_entries.push_back(std::make_unique<std::string>(std::move(bytes)));
        const std::string& kept = *m_entries.back();
        zip_source_t* s = zip_source_buffer(m_zip, kept.data(), kept.size(), 0);
        if (s == nullptr) return false;
        if (zip_file_add(m_zip, name, s, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(s);
            return false;
        }
        return true;
    }

    Result<std::string> close() {
        if (m_zip == nullptr) return make_error(ErrorCode::io_error, "DOCX: libzip không mở được");
        if (zip_close(m_zip) != 0)
            return make_error(ErrorCode::io_error, "DOCX: không đóng được gói");
        m_zip = nullptr;
        zip_stat_t stat;
        if (zip_source_open(m_source) != 0 || zip_source_stat(m_source, &stat) != 0)
            return make_error(ErrorCode::io_error, "DOCX: không đọc được gói");
        std::string out(static_cast<std::size_t>(stat.size), '\0');
        const zip_int64_t n = zip_source_read(m_source, out.data(), stat.size);
        zip_source_close(m_source);
        if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size)
            return make_error(ErrorCode::io_error, "DOCX: không đọc được gói");
        return out;
    }

  private:
    zip_source_t* m_source = nullptr;
    zip_t* m_zip = nullptr;
    std::vector<std::unique_ptr<std::string>> m_entries;
};

}  // namespace

Paragraph paragraph(std::string text, Align align, bool bold, bool italic, double size_pt) {
    Paragraph p;
    p.align = align;
    p.runs.push_back(Run{std::move(text), bold, italic, false, size_pt});
    return p;
}

Result<std::string> docx_bytes(const Document& document) {
    ZipBuffer zip;
    const bool ok = zip.add("[Content_Types].xml", k_content_types) &&
                    zip.add("_rels/.rels", k_package_rels) &&
                    zip.add("word/_rels/document.xml.rels", k_document_rels) &&
                    zip.add("word/document.xml", document_xml(document)) &&
                    zip.add("word/styles.xml", styles_xml(document)) &&
                    zip.add("word/settings.xml", settings_xml()) &&
                    zip.add("docProps/core.xml", core_xml(document));
    if (!ok) return make_error(ErrorCode::io_error, "DOCX: không thêm được phần vào gói");
    return zip.close();
}

}  // namespace dondoc::write::docx
