// DOCX → text with structure. libzip reads the archive (every size checked
// against SourceLimits before and while inflating), pugixml the parts.
// A part with a DOCTYPE (where entities are declared) is refused.
#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "read/ooxml.h"
#include "read/source_formats.h"
#include "text/legacy_encoding.h"
#include "text/normalize.h"

namespace dondoc::read::detail {
namespace {

Error docx_error(std::string message, std::string where = {}) {
    return make_error(ErrorCode::invalid_input, "DOCX: " + std::move(message), std::move(where));
}

Result<std::unique_ptr<pugi::xml_document>> parse_xml(const std::string& data, const char* name) {
    return parse_ooxml_part(data, name, "DOCX");
}

bool flag_on(const pugi::xml_node& node) {
    if (!node) return false;
    const std::string_view val = node.attribute("w:val").value();
    return val != "0" && val != "false" && val != "none";
}

// ---- numbering.xml: w:num → abstract list, each level's format ----

struct Level {
    std::string format = "decimal";  // w:numFmt
    std::string text = "%1.";        // w:lvlText
    int start = 1;
};

struct Numbering {
    std::map<std::string, std::array<Level, 9>> abstracts;  // by abstractNumId
    struct Num {
        std::string abstract;
        std::map<int, int> start_override;  // by level
    };
    std::map<std::string, Num> nums;                     // by numId
    std::map<std::string, std::array<int, 9>> counters;  // by abstractNumId
    std::map<std::string, bool> num_started;             // numId seen before
};

Numbering load_numbering(const pugi::xml_document* doc) {
    Numbering out;
    if (doc == nullptr) return out;
    const pugi::xml_node root = doc->child("w:numbering");
    for (const pugi::xml_node abs : root.children("w:abstractNum")) {
        std::array<Level, 9> levels;
        for (const pugi::xml_node lvl : abs.children("w:lvl")) {
            const int ilvl = lvl.attribute("w:ilvl").as_int(-1);
            if (ilvl < 0 || ilvl > 8) continue;
            Level& level = levels[static_cast<std::size_t>(ilvl)];
            level.format = lvl.child("w:numFmt").attribute("w:val").as_string("decimal");
            level.text = lvl.child("w:lvlText").attribute("w:val").as_string("");
            level.start = lvl.child("w:start").attribute("w:val").as_int(1);
        }
        out.abstracts[abs.attribute("w:abstractNumId").value()] = levels;
    }
    for (const pugi::xml_node num : root.children("w:num")) {
        Numbering::Num n;
        n.abstract = num.child("w:abstractNumId").attribute("w:val").value();
        for (const pugi::xml_node ov : num.children("w:lvlOverride")) {
            const pugi::xml_node start = ov.child("w:startOverride");
            if (start)
                n.start_override[ov.attribute("w:ilvl").as_int()] =
                    start.attribute("w:val").as_int(1);
        }
        out.nums[num.attribute("w:numId").value()] = n;
    }
    return out;
}

std::string roman(int n, bool upper) {
    static constexpr std::array<std::pair<int, const char*>, 13> k_parts = {{
        {1000, "m"},
        {900, "cm"},
        {500, "d"},
        {400, "cd"},
        {100, "c"},
        {90, "xc"},
        {50, "l"},
        {40, "xl"},
        {10, "x"},
        {9, "ix"},
        {5, "v"},
        {4, "iv"},
        {1, "i"},
    }};
    std::string out;
    for (const auto& [value, digits] : k_parts) {
        for (; n >= value && out.size() < 20; n -= value) out += digits;
    }
    if (upper) {
        for (char& c : out) c = static_cast<char>(c - 32);
    }
    return out;
}

std::string format_number(int n, const std::string& format) {
    if (format == "lowerLetter" || format == "upperLetter") {
        std::string out(1, static_cast<char>((format == "lowerLetter" ? 'a' : 'A') + (n - 1) % 26));
        return out;
    }
    if (format == "lowerRoman") return roman(n, false);
    if (format == "upperRoman") return roman(n, true);
    return std::to_string(n);
}

// The label a numbered paragraph shows ("1.", "a)", "-"), advancing counters.
std::string number_label(Numbering& numbering, const std::string& num_id, int ilvl) {
    const auto num = numbering.nums.find(num_id);
    if (num == numbering.nums.end() || ilvl < 0 || ilvl > 8) return {};
    const auto abs = numbering.abstracts.find(num->second.abstract);
    if (abs == numbering.abstracts.end()) return {};
    const auto& levels = abs->second;
    auto [it, fresh] = numbering.counters.try_emplace(num->second.abstract);
    auto& counters = it->second;
    if (fresh) counters.fill(0);
    if (!numbering.num_started[num_id]) {
        numbering.num_started[num_id] = true;
        for (const auto& [lvl, start] : num->second.start_override) {
            if (lvl >= 0 && lvl <= 8) counters[static_cast<std::size_t>(lvl)] = start - 1;
        }
    }
    const auto level = static_cast<std::size_t>(ilvl);
    counters[level] =
        counters[level] == 0 && levels[level].start > 1 ? levels[level].start : counters[level] + 1;
    for (std::size_t deeper = level + 1; deeper < 9; ++deeper) counters[deeper] = 0;
    if (levels[level].format == "bullet" || levels[level].format == "none") {
        // Symbol-font bullets (, •, ▪) read as the dash Vietnamese documents use.
        const std::string& text = levels[level].text;
        return text == "-" || text == "+" || text == "–" ? text : "-";
    }
    std::string out;
    const std::string& pattern = levels[level].text;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' &&
            pattern[i + 1] <= '9') {
            const auto ref = static_cast<std::size_t>(pattern[i + 1] - '1');
            const int value = counters[ref] == 0 ? levels[ref].start : counters[ref];
            out += format_number(value, levels[ref].format);
            ++i;
        } else {
            out.push_back(pattern[i]);
        }
    }
    return out;
}

// ---- styles.xml: fonts and numbering a style gives ----

struct Style {
    std::string based_on;
    std::string font;
    std::string num_id;
    int ilvl = 0;
};

struct Styles {
    std::map<std::string, Style> by_id;
    std::string default_font;

    std::string font_of(const std::string& id) const {
        std::string cur = id;
        for (int depth = 0; depth < 16 && !cur.empty(); ++depth) {
            const auto it = by_id.find(cur);
            if (it == by_id.end()) break;
            if (!it->second.font.empty()) return it->second.font;
            cur = it->second.based_on;
        }
        return {};
    }
    const Style* numbered(const std::string& id) const {
        std::string cur = id;
        for (int depth = 0; depth < 16 && !cur.empty(); ++depth) {
            const auto it = by_id.find(cur);
            if (it == by_id.end()) break;
            if (!it->second.num_id.empty()) return &it->second;
            cur = it->second.based_on;
        }
        return nullptr;
    }
};

std::string font_of_rpr(const pugi::xml_node& rpr) {
    const pugi::xml_node fonts = rpr.child("w:rFonts");
    if (!fonts) return {};
    std::string font = fonts.attribute("w:ascii").value();
    if (font.empty()) font = fonts.attribute("w:hAnsi").value();
    return font;
}

Styles load_styles(const pugi::xml_document* doc) {
    Styles out;
    if (doc == nullptr) return out;
    const pugi::xml_node root = doc->child("w:styles");
    out.default_font =
        font_of_rpr(root.child("w:docDefaults").child("w:rPrDefault").child("w:rPr"));
    for (const pugi::xml_node st : root.children("w:style")) {
        Style s;
        s.based_on = st.child("w:basedOn").attribute("w:val").value();
        s.font = font_of_rpr(st.child("w:rPr"));
        const pugi::xml_node num = st.child("w:pPr").child("w:numPr");
        s.num_id = num.child("w:numId").attribute("w:val").value();
        s.ilvl = num.child("w:ilvl").attribute("w:val").as_int(0);
        out.by_id[st.attribute("w:styleId").value()] = s;
    }
    return out;
}

// ---- document.xml walk ----

struct Span {
    std::string text;
    bool bold = false;
    bool italic = false;
};

class Writer {
  public:
    Writer(Numbering numbering, Styles styles, const pugi::xml_document* footnotes,
           std::size_t max_bytes)
        : m_numbering(std::move(numbering)),
          m_styles(std::move(styles)),
          m_footnotes(footnotes),
          m_max_bytes(max_bytes) {}

    void body(const pugi::xml_node& node) {
        for (const pugi::xml_node child : node.children()) {
            if (m_out.size() > m_max_bytes) return;
            const std::string_view name = child.name();
            if (name == "w:p") {
                m_out += paragraph(child);
                m_out += "\n\n";
            } else if (name == "w:tbl") {
                table(child);
            } else if (name == "w:sdt") {
                body(child.child("w:sdtContent"));
            }
        }
    }

    std::string take() { return std::move(m_out); }
    [[nodiscard]] const std::vector<std::string>& legacy_fonts() const { return m_legacy_fonts; }

  private:
    std::string paragraph(const pugi::xml_node& p) {
        const pugi::xml_node ppr = p.child("w:pPr");
        const std::string style = ppr.child("w:pStyle").attribute("w:val").value();
        std::vector<Span> spans;
        runs(p, style, spans);
        std::string text = render(spans);
        // Automatic numbering: the paragraph's own w:numPr, else its style's.
        std::string num_id = ppr.child("w:numPr").child("w:numId").attribute("w:val").value();
        int ilvl = ppr.child("w:numPr").child("w:ilvl").attribute("w:val").as_int(0);
        if (num_id.empty()) {
            if (const Style* s = m_styles.numbered(style)) {
                num_id = s->num_id;
                ilvl = s->ilvl;
            }
        }
        if (!num_id.empty() && num_id != "0") {
            const std::string label = number_label(m_numbering, num_id, ilvl);
            if (!label.empty()) text = label + " " + text;
        }
        return text;
    }

    void runs(const pugi::xml_node& parent, const std::string& para_style, std::vector<Span>& out) {
        for (const pugi::xml_node child : parent.children()) {
            const std::string_view name = child.name();
            if (name == "w:r") {
                run(child, para_style, out);
            } else if (name == "w:hyperlink" || name == "w:ins" || name == "w:smartTag" ||
                       name == "w:fldSimple" || name == "w:customXml" || name == "w:sdt" ||
                       name == "w:sdtContent") {
                runs(child, para_style, out);
            }
        }
    }

    void run(const pugi::xml_node& r, const std::string& para_style, std::vector<Span>& out) {
        const pugi::xml_node rpr = r.child("w:rPr");
        Span span;
        span.bold = flag_on(rpr.child("w:b"));
        span.italic = flag_on(rpr.child("w:i"));
        std::string font = font_of_rpr(rpr);
        if (font.empty()) font = m_styles.font_of(rpr.child("w:rStyle").attribute("w:val").value());
        if (font.empty()) font = m_styles.font_of(para_style);
        if (font.empty()) font = m_styles.default_font;
        const text::LegacyEncoding legacy = text::legacy_encoding_of_font(font);
        const bool upper = flag_on(rpr.child("w:caps"));
        for (const pugi::xml_node child : r.children()) {
            const std::string_view name = child.name();
            if (name == "w:t") {
                std::string t = child.text().get();
                if (legacy != text::LegacyEncoding::none) {
                    std::string converted = text::legacy_run_to_utf8(t, legacy);
                    if (converted != t) {
                        note_legacy(font);
                        if (text::is_legacy_upper_case_font(font))
                            converted = text::to_upper(converted);
                    }
                    t = std::move(converted);
                }
                if (upper) t = text::to_upper(t);
                span.text += t;
            } else if (name == "w:noBreakHyphen") {
                span.text += "-";  // "53/NQ‑CP" typed with a non-breaking hyphen
            } else if (name == "w:tab") {
                span.text += " ";
            } else if (name == "w:br" || name == "w:cr") {
                if (std::string_view(child.attribute("w:type").value()) != "page")
                    span.text += "\n";
            } else if (name == "w:footnoteReference") {
                span.text += footnote(child.attribute("w:id").value());
            }
        }
        out.push_back(std::move(span));
    }

    // A footnote is set inline, in parentheses, where it is referenced: the
    // documents it cites then stand in the paragraph that cites them.
    std::string footnote(const std::string& id) {
        if (m_footnotes == nullptr) return {};
        for (const pugi::xml_node fn : m_footnotes->child("w:footnotes").children("w:footnote")) {
            if (id != fn.attribute("w:id").value()) continue;
            std::string text;
            for (const pugi::xml_node p : fn.children("w:p")) {
                std::vector<Span> spans;
                runs(p, {}, spans);
                for (const auto& s : spans) text += s.text;
                text += " ";
            }
            text = std::string(text::trim(text::collapse_whitespace(text)));
            return text.empty() ? std::string() : " (" + text + ")";
        }
        return {};
    }

    // Spans as light Markdown: bold **…**, italic *…*; neighbours with the
    // same emphasis are merged, white space never carries emphasis.
    static std::string render(std::vector<Span>& spans) {
        std::vector<Span> merged;
        for (auto& s : spans) {
            if (s.text.empty()) continue;
            const bool blank = s.text.find_first_not_of(" \n") == std::string::npos;
            if (!merged.empty() &&
                (blank || (merged.back().bold == s.bold && merged.back().italic == s.italic))) {
                merged.back().text += s.text;
            } else {
                merged.push_back(std::move(s));
            }
        }
        std::string out;
        for (const auto& s : merged) {
            const std::string_view t = s.text;
            const std::size_t first = t.find_first_not_of(" \n");
            if (first == std::string_view::npos) {
                out += t;
                continue;
            }
            const std::size_t last = t.find_last_not_of(" \n");
            const std::string mark = std::string(s.bold ? "**" : "") + (s.italic ? "*" : "");
            out += t.substr(0, first);
            out += mark;
            out += t.substr(first, last + 1 - first);
            out += std::string(mark.rbegin(), mark.rend());
            out += t.substr(last + 1);
        }
        return out;
    }

    // Cells by grid column: a cell spanning columns (w:gridSpan) leaves the
    // columns it covers empty, and a vertically merged cell (w:vMerge
    // continue) repeats the text of the cell it continues, so that each
    // task row names its lead body even when the table merged it.
    std::vector<std::vector<std::string>> cells_of(const pugi::xml_node& tbl) {
        std::vector<std::vector<std::string>> rows;
        for (const pugi::xml_node tr : tbl.children("w:tr")) {
            std::vector<std::string> row;
            for (const pugi::xml_node tc : tr.children("w:tc")) {
                const pugi::xml_node tcpr = tc.child("w:tcPr");
                const std::size_t column = row.size();
                std::string cell;
                for (const pugi::xml_node p : tc.children("w:p")) {
                    const std::string text = paragraph(p);
                    if (!cell.empty()) cell += "\n";
                    cell += text;
                }
                const pugi::xml_node vmerge = tcpr.child("w:vMerge");
                const std::string_view merge = vmerge.attribute("w:val").value();
                if (vmerge && merge != "restart" && !rows.empty() && column < rows.back().size()) {
                    cell = rows.back()[column];
                }
                row.push_back(std::move(cell));
                const int span = tcpr.child("w:gridSpan").attribute("w:val").as_int(1);
                for (int k = 1; k < span && k < 64; ++k) row.emplace_back();
            }
            if (!row.empty()) rows.push_back(std::move(row));
        }
        return rows;
    }

    // Two columns or fewer: a layout table (the printed header, the
    // signature block), read column by column. More: a table of content,
    // written as a Markdown table the reader turns into rows.
    void table(const pugi::xml_node& tbl) {
        const auto rows = cells_of(tbl);
        std::size_t columns = 0;
        for (const auto& row : rows) columns = std::max(columns, row.size());
        if (columns <= 2) {
            for (std::size_t c = 0; c < columns; ++c) {
                for (const auto& row : rows) {
                    if (c < row.size() && !row[c].empty()) m_out += row[c] + "\n\n";
                }
            }
            return;
        }
        // Title rows above the header ("PHỤ LỤC NHIỆM VỤ" across the table)
        // are paragraphs: the header row must be the table's first.
        std::size_t begin = 0;
        for (; begin + 1 < rows.size(); ++begin) {
            const auto& row = rows[begin];
            const bool title =
                !row.front().empty() && std::all_of(row.begin() + 1, row.end(),
                                                    [](const std::string& c) { return c.empty(); });
            if (!title) break;
            m_out += row.front() + "\n\n";
        }
        bool first = true;
        for (std::size_t r = begin; r < rows.size(); ++r) {
            const auto& row = rows[r];
            m_out += "|";
            for (std::size_t c = 0; c < columns; ++c) {
                std::string cell = c < row.size() ? row[c] : std::string();
                for (char& ch : cell) {
                    if (ch == '\n') ch = ' ';
                }
                std::string escaped;
                for (const char ch : cell) {
                    if (ch == '|') escaped += '\\';
                    escaped += ch;
                }
                m_out += " " + escaped + " |";
            }
            m_out += "\n";
            if (first) {
                m_out += "|";
                for (std::size_t c = 0; c < columns; ++c) m_out += "---|";
                m_out += "\n";
                first = false;
            }
        }
        m_out += "\n";
    }

    void note_legacy(const std::string& font) {
        for (const auto& f : m_legacy_fonts) {
            if (f == font) return;
        }
        m_legacy_fonts.push_back(font);
    }

    Numbering m_numbering;
    const Styles m_styles;
    const pugi::xml_document* const m_footnotes;
    const std::size_t m_max_bytes;
    std::string m_out;
    std::vector<std::string> m_legacy_fonts;
};

}  // namespace

Result<SourceText> docx_to_text(std::string_view bytes, const SourceLimits& limits) {
    auto archive = OoxmlArchive::open(bytes, limits, "DOCX");
    if (!archive) return archive.error();
    auto document_xml = archive->read("word/document.xml");
    if (!document_xml) return document_xml.error();
    if (!*document_xml) return docx_error("tệp nén không phải DOCX: thiếu word/document.xml");

    std::array<std::unique_ptr<pugi::xml_document>, 3> parts;  // numbering, styles, footnotes
    const std::array<const char*, 3> names = {"word/numbering.xml", "word/styles.xml",
                                              "word/footnotes.xml"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        auto data = archive->read(names[i]);
        if (!data) return data.error();
        if (!*data) continue;
        auto doc = parse_xml(**data, names[i]);
        if (!doc) return doc.error();
        parts[i] = std::move(*doc);
    }
    auto document = parse_xml(**document_xml, "word/document.xml");
    if (!document) return document.error();
    const pugi::xml_node body = (*document)->child("w:document").child("w:body");
    if (!body) return docx_error("word/document.xml không có w:body");

    Writer writer(load_numbering(parts[0].get()), load_styles(parts[1].get()), parts[2].get(),
                  limits.max_text_bytes);
    writer.body(body);
    SourceText out;
    out.text = writer.take();
    for (const auto& font : writer.legacy_fonts()) {
        const auto encoding = text::legacy_encoding_of_font(font);
        out.warnings.push_back("encoding: runs in font " + font + " converted from " +
                               std::string(text::legacy_encoding_name(encoding)));
    }
    return out;
}

}  // namespace dondoc::read::detail
