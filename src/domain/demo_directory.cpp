#include "domain/demo_directory.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "text/normalize.h"
#include "text/utf8.h"

namespace dondoc::domain {
namespace {

constexpr std::string_view k_file_2024 = "units_2024.csv";
constexpr std::string_view k_file_2025 = "units_2025.csv";

std::string place(std::string_view source, const CsvRecord& record, std::size_t column) {
    return std::string(source) + " line " + std::to_string(record.line) + ", column " +
           std::to_string(record.columns[column]);
}

Error fail(std::string_view source, const CsvRecord& record, std::size_t column,
           std::string message) {
    return make_error(ErrorCode::invalid_input, std::move(message), place(source, record, column));
}

std::string iso(CivilDate date) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buf;
}

CivilDate day_before(CivilDate date) {
    return CivilDate{std::chrono::sys_days{date} - std::chrono::days{1}};
}

std::optional<unsigned> number(std::string_view digits) {
    if (digits.empty()) return std::nullopt;
    unsigned n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + static_cast<unsigned>(c - '0');
    }
    return n;
}

// "2020-03-01" at the start of `s`.
std::optional<CivilDate> iso_at(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto y = number(s.substr(0, 4));
    auto m = number(s.substr(5, 2));
    auto d = number(s.substr(8, 2));
    if (!y || !m || !d) return std::nullopt;
    const CivilDate date{std::chrono::year{static_cast<int>(*y)}, std::chrono::month{*m},
                         std::chrono::day{*d}};
    return date.ok() ? std::optional(date) : std::nullopt;
}

// "01/02/2020" at the start of `s`.
std::optional<CivilDate> dmy_at(std::string_view s) {
    if (s.size() < 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
    auto d = number(s.substr(0, 2));
    auto m = number(s.substr(3, 2));
    auto y = number(s.substr(6, 4));
    if (!y || !m || !d) return std::nullopt;
    const CivilDate date{std::chrono::year{static_cast<int>(*y)}, std::chrono::month{*m},
                         std::chrono::day{*d}};
    return date.ok() ? std::optional(date) : std::nullopt;
}

// The code in the first "(…)" after `from`, when that parenthesis holds only
// digits: "Merged into Xã An Phú (21262) per …" → "21262".
std::optional<std::string> code_after(std::string_view note, std::size_t from) {
    const std::size_t open = note.find('(', from);
    if (open == std::string_view::npos) return std::nullopt;
    const std::size_t close = note.find(')', open);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view inside = note.substr(open + 1, close - open - 1);
    if (!number(inside)) return std::nullopt;
    return std::string(inside);
}

std::vector<std::string> split(std::string_view s, std::string_view separator) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find(separator, start);
        if (end == std::string_view::npos) end = s.size();
        std::string item = text::collapse_whitespace(s.substr(start, end - start));
        if (!item.empty()) out.push_back(std::move(item));
        start = end + separator.size();
    }
    return out;
}

void add_once(std::vector<UnitId>& ids, const UnitId& id) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}

bool has_name(const Unit& unit, std::string_view name) {
    if (text::same_words(unit.name, name)) return true;
    return std::any_of(unit.aliases.begin(), unit.aliases.end(),
                       [&](const std::string& a) { return text::same_words(a, name); });
}

// The columns a step needs, by header name; an error names the missing one.
Result<std::vector<std::size_t>> columns(const CsvTable& table, std::string_view source,
                                         std::initializer_list<std::string_view> names) {
    std::vector<std::size_t> out;
    for (auto name : names) {
        auto c = table.column(name);
        if (!c) {
            return make_error(ErrorCode::invalid_input,
                              "the header has no '" + std::string(name) + "' column",
                              std::string(source) + " line " + std::to_string(table.header_line));
        }
        out.push_back(*c);
    }
    return out;
}

// What the notes of a GSO row of units_2024 record: former names
// ("Changed in the … list: name "Xã Nghĩa An" -> "Xã An Phú""), and for a
// removed unit ("absent from the 2020-03-01 list onward") its end and the
// unit it was merged into ("Merged into Xã Sơn Trà (21148)", "Nhập toàn bộ …
// vào thị trấn Châu Ổ" (21040)).
Result<void> apply_history(Directory& directory, const CsvRecord& record, std::size_t code_column,
                           std::size_t note_column) {
    const UnitId id{text::collapse_whitespace(record.cells[code_column])};
    const Unit* found = directory.find(id);
    if (!found) {
        return fail(k_file_2024, record, code_column,
                    "the unit '" + id.value + "' was not imported");
    }
    Unit unit = *found;
    const std::string_view note = record.cells[note_column];
    bool changed = false;

    for (std::size_t at = note.find("name \""); at != std::string_view::npos;
         at = note.find("name \"", at)) {
        at += 6;
        const std::size_t end = note.find('"', at);
        if (end == std::string_view::npos) break;
        const std::string former(note.substr(at, end - at));
        if (note.substr(end + 1).starts_with(" -> \"") && !has_name(unit, former)) {
            unit.aliases.push_back(former);
            changed = true;
        }
        at = end;
    }

    constexpr std::string_view k_absent = "absent from the ";
    if (const std::size_t absent = note.find(k_absent); absent != std::string_view::npos) {
        const auto list_date = iso_at(note.substr(absent + k_absent.size()));
        if (!list_date) {
            return fail(k_file_2024, record, note_column,
                        "no GSO list date after \"absent from the\"");
        }
        constexpr std::string_view k_effective = "effective ";
        std::optional<CivilDate> effective;
        if (const std::size_t e = note.find(k_effective); e != std::string_view::npos) {
            effective = dmy_at(note.substr(e + k_effective.size()));
        }
        unit.valid_to = day_before(effective ? *effective : *list_date);
        std::string derived =
            " [dondoc: valid to " + iso(*unit.valid_to) +
            (effective
                 ? ", the day before the resolution took effect"
                 : ", the day before the first GSO list without it (no legal date in the data)");
        for (std::string_view marker : {"Merged into ", "Nhập toàn bộ "}) {
            const std::size_t m = note.find(marker);
            if (m == std::string_view::npos) continue;
            if (auto code = code_after(note, m + marker.size())) {
                if (!directory.find(UnitId{*code})) {
                    return fail(k_file_2024, record, note_column,
                                "the note merges the unit into " + *code +
                                    ", which the file does not have");
                }
                add_once(unit.successors, UnitId{*code});
                derived += "; successor " + *code + " from this note";
            }
            break;
        }
        unit.note += derived + "]";
        changed = true;
    }
    if (!changed) return {};
    if (auto ok = directory.add(std::move(unit)); !ok) {
        return fail(k_file_2024, record, code_column, ok.error().message);
    }
    return {};
}

// Every row of units_2025: the province continues under its code (Kon Tum
// merged into it); each commune becomes "<code>-2025", successor of the
// Quảng Ngãi units it was formed from. Kon Tum's old units have no rows, so
// their part of formed_from stays in the note only.
Result<void> add_2025(Directory& directory, const CsvTable& table, const UnitId& province) {
    auto cols =
        columns(table, k_file_2025,
                {"code", "name", "kind", "parent_code", "abbreviation", "notes", "formed_from"});
    if (!cols) return cols.error();
    const std::size_t c_code = (*cols)[0], c_name = (*cols)[1], c_kind = (*cols)[2],
                      c_parent = (*cols)[3], c_abbr = (*cols)[4], c_notes = (*cols)[5],
                      c_formed = (*cols)[6];
    const CivilDate last_old_day = day_before(k_reorganized_on);
    const std::string province_name = directory.find(province)->name;

    for (const auto& record : table.records) {
        const std::string code = text::collapse_whitespace(record.cells[c_code]);
        const std::string kind_text = text::collapse_whitespace(record.cells[c_kind]);
        const auto kind = unit_kind_from_csv(kind_text);
        if (!kind) return fail(k_file_2025, record, c_kind, "unknown kind '" + kind_text + "'");
        const std::string formed = text::collapse_whitespace(record.cells[c_formed]);
        if (*kind == UnitKind::province) {
            if (code != province.value) {
                return fail(k_file_2025, record, c_code,
                            "the province '" + code + "' is not the province of units_2024.csv (" +
                                province.value + ")");
            }
            Unit p = *directory.find(province);
            p.note += " [From " + iso(k_reorganized_on) +
                      ", units_2025.csv: " + text::collapse_whitespace(record.cells[c_notes]) +
                      " Formed from: " + formed + "]";
            if (auto ok = directory.add(std::move(p)); !ok) {
                return fail(k_file_2025, record, c_code, ok.error().message);
            }
            continue;
        }
        if (*kind != UnitKind::commune) {
            return fail(k_file_2025, record, c_kind,
                        "expected a commune-level unit, not '" + kind_text + "'");
        }
        if (text::collapse_whitespace(record.cells[c_parent]) != province.value) {
            return fail(k_file_2025, record, c_parent,
                        "a 2025 commune must belong to the province " + province.value);
        }
        if (code.empty()) {
            return fail(k_file_2025, record, c_code, "a 2025 commune needs its GSO code");
        }

        Unit unit;
        unit.id = UnitId{code + std::string(k_reorganized_suffix)};
        unit.name = text::collapse_whitespace(record.cells[c_name]);
        for (auto& a : split(record.cells[c_abbr], ";")) unit.aliases.push_back(std::move(a));
        unit.kind = UnitKind::commune;
        unit.parent = province;
        unit.valid_from = k_reorganized_on;
        unit.note = text::collapse_whitespace(record.cells[c_notes]) + " Formed from: " + formed;
        const UnitId new_id = unit.id;
        if (auto ok = directory.add(std::move(unit)); !ok) {
            return fail(k_file_2025, record, c_name, ok.error().message);
        }

        // "21142 Xã Trà Bùi (Huyện Trà Bồng, Tỉnh Quảng Ngãi) [một phần (part)]"
        for (const auto& item : split(formed, "; ")) {
            const std::size_t space = item.find(' ');
            const std::size_t open = item.find(" (");
            const std::size_t close = open == std::string::npos ? open : item.find(')', open);
            if (space == std::string::npos || open == std::string::npos ||
                close == std::string::npos || !number(std::string_view(item).substr(0, space))) {
                return fail(k_file_2025, record, c_formed,
                            "cannot read the formed_from item '" + item + "'");
            }
            const std::string old_code = item.substr(0, space);
            const std::string old_name = item.substr(space + 1, open - space - 1);
            const std::string where = item.substr(open + 2, close - open - 2);
            if (where != province_name && !where.ends_with(", " + province_name)) continue;
            const Unit* old = directory.find(UnitId{old_code});
            if (!old) {
                return fail(
                    k_file_2025, record, c_formed,
                    "formed_from names " + old_code + ", which units_2024.csv does not have");
            }
            if (!has_name(*old, old_name)) {
                std::string message = "formed_from calls " + old_code;
                message += " '" + old_name + "', units_2024.csv '";
                message += old->name + "'";
                return fail(k_file_2025, record, c_formed, std::move(message));
            }
            Unit o = *old;
            add_once(o.successors, new_id);
            if (!o.valid_to || last_old_day < *o.valid_to) o.valid_to = last_old_day;
            if (auto ok = directory.add(std::move(o)); !ok) {
                return fail(k_file_2025, record, c_formed, ok.error().message);
            }
        }
    }
    return {};
}

// The district level ended with the 2025 reorganization: units_2025 has no
// district, and its communes belong to the province.
Result<void> close_districts(Directory& directory, const UnitId& province) {
    const CivilDate last_old_day = day_before(k_reorganized_on);
    std::vector<Unit> open;
    for (const Unit* u : directory.children(province)) {
        if (u->kind == UnitKind::district && !u->valid_to) open.push_back(*u);
    }
    for (auto& u : open) {
        u.valid_to = last_old_day;
        u.note +=
            " [dondoc: valid to " + iso(last_old_day) + ": units_2025.csv has no district level]";
        if (auto ok = directory.add(std::move(u)); !ok) return ok;
    }
    return {};
}

// The words of a template's name as folded ASCII words: "phong", "tai", …
std::vector<std::string> folded_words(std::string_view name) {
    std::vector<std::string> out;
    std::string word;
    for (char c : text::fold_diacritics(name)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            word += c;
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

// "tckh" for "Phòng Tài chính - Kế hoạch", "tt" for "Thanh tra huyện": the
// initials of the name without "Phòng", "và" and a trailing "huyện".
std::string office_slug(std::string_view template_name) {
    auto words = folded_words(template_name);
    if (!words.empty() && words.front() == "phong") words.erase(words.begin());
    if (!words.empty() && words.back() == "huyen") words.pop_back();
    std::string slug;
    for (const auto& w : words) {
        if (w != "va") slug += w.front();
    }
    return slug;
}

// "Phòng TC-KH" for "Phòng Tài chính - Kế hoạch": the initials of each
// dash-separated part, as offices print them. Only for names of three words
// or more; "Phòng NV", "Phòng TP" would be read as other things.
std::optional<std::string> office_initials(std::string_view base) {
    constexpr std::string_view k_phong = "Phòng ";
    if (!base.starts_with(k_phong)) return std::nullopt;
    std::string out;
    std::size_t count = 0;
    for (const auto& part : split(base.substr(k_phong.size()), " - ")) {
        std::string initials;
        for (const auto& word : split(part, " ")) {
            if (text::same_words(word, "và")) continue;
            std::size_t end = 0;
            text::next_code_point(word, end);
            initials += text::to_upper(word.substr(0, end));
            ++count;
        }
        if (!out.empty()) out += '-';
        out += initials;
    }
    if (count < 3) return std::nullopt;
    return std::string(k_phong) + out;
}

// "huyện Sơn Tây" for "Huyện Sơn Tây": how an office's name ends.
std::string lower_type_word(const std::string& district_name) {
    for (std::string_view type : {"Thành phố ", "Thị xã ", "Huyện ", "Quận "}) {
        if (district_name.starts_with(type)) {
            return text::fold_case(type) + district_name.substr(type.size());
        }
    }
    return district_name;
}

// The districts a template's notes give it to: every district for an office
// "organised uniformly", except the ones named in the sentence that says
// "are an exception" ("Island districts (Huyện Lý Sơn, 536) are an
// exception"); one district for an office "Seen at UBND TP Quảng Ngãi
// (522)"; none when the notes do not say (Phòng Dân tộc).
Result<std::pair<std::vector<UnitId>, std::string>> template_districts(const Directory& directory,
                                                                       const CsvRecord& record,
                                                                       std::size_t note_column,
                                                                       const UnitId& province) {
    const std::string_view note = record.cells[note_column];
    std::vector<UnitId> out;
    if (const std::size_t seen = note.find("Seen at "); seen != std::string_view::npos) {
        auto code = code_after(note, seen);
        if (!code || !directory.find(UnitId{*code})) {
            return fail(k_file_2024, record, note_column,
                        "cannot read the district after \"Seen at\"");
        }
        out.push_back(UnitId{*code});
        return std::pair{out, std::string("seen at this district in the data")};
    }
    if (note.find("organised uniformly") == std::string_view::npos) {
        return std::pair{out, std::string()};
    }
    std::set<std::string> exceptions;
    if (const std::size_t e = note.find("are an exception"); e != std::string_view::npos) {
        const std::size_t sentence = note.rfind(". ", e);
        const std::size_t start = sentence == std::string_view::npos ? 0 : sentence;
        const std::string_view part = note.substr(start, e - start);
        for (std::size_t close = part.find(')'); close != std::string_view::npos;
             close = part.find(')', close + 1)) {
            const std::size_t comma = part.rfind(", ", close);
            if (comma == std::string_view::npos) continue;
            const std::string_view code = part.substr(comma + 2, close - comma - 2);
            if (number(code)) exceptions.insert(std::string(code));
        }
    }
    for (const Unit* u : directory.children(province)) {
        if (u->kind == UnitKind::district && !exceptions.contains(u->id.value)) {
            out.push_back(u->id);
        }
    }
    return std::pair{
        out, std::string("an office organised in every district (NĐ 37/2014/NĐ-CP Điều 7, per the "
                         "template's note)")};
}

Result<void> add_offices(Directory& directory, const CsvTable& table, const UnitId& province) {
    auto cols = columns(table, k_file_2024, {"name", "kind", "abbreviation", "notes"});
    if (!cols) return cols.error();
    const std::size_t c_name = (*cols)[0], c_kind = (*cols)[1], c_abbr = (*cols)[2],
                      c_notes = (*cols)[3];
    static const std::string k_template = mention_key("mẫu");
    std::set<std::string> slugs;
    for (const auto& record : table.records) {
        if (!mention_key(record.cells[c_kind]).ends_with(k_template)) continue;
        const std::string name = text::collapse_whitespace(record.cells[c_name]);
        const std::string slug = office_slug(name);
        if (slug.empty() || !slugs.insert(slug).second) {
            return fail(k_file_2024, record, c_name,
                        "two office templates would share the id suffix '" + slug + "'");
        }
        auto targets = template_districts(directory, record, c_notes, province);
        if (!targets) return targets.error();
        // "Thanh tra huyện" is named after the unit: "Thanh tra thành phố Quảng Ngãi".
        std::string base = name;
        if (base.ends_with(" huyện")) base.resize(base.size() - std::string_view(" huyện").size());
        std::vector<std::string> aliases{base};
        for (auto& a : split(record.cells[c_abbr], ";")) aliases.push_back(std::move(a));
        if (auto initials = office_initials(base)) aliases.push_back(*initials);

        for (const auto& district_id : targets->first) {
            const Unit* district = directory.find(district_id);
            Unit office;
            office.id = UnitId{district_id.value + "-" + slug};
            office.name = base + " " + lower_type_word(district->name);
            office.aliases = aliases;
            office.kind = UnitKind::district_office;
            office.parent = district_id;
            office.valid_from = district->valid_from;
            office.valid_to = district->valid_to;
            office.note = "Derived by dondoc from the template row \"" + name +
                          "\" (units_2024.csv line " + std::to_string(record.line) +
                          "): " + targets->second +
                          "; the data has no row of its own for this office, and it lasts as long "
                          "as its district.";
            if (auto ok = directory.add(std::move(office)); !ok) {
                return fail(k_file_2024, record, c_name, ok.error().message);
            }
        }
    }
    return {};
}

}  // namespace

Result<Directory> quang_ngai_directory(std::string_view units_2024_csv,
                                       std::string_view units_2025_csv) {
    Directory directory;
    if (auto imported = import_units_csv(units_2024_csv, k_file_2024, directory); !imported) {
        return imported.error();
    }
    auto table_2024 = read_csv(units_2024_csv, k_file_2024);
    if (!table_2024) return table_2024.error();
    auto table_2025 = read_csv(units_2025_csv, k_file_2025);
    if (!table_2025) return table_2025.error();

    auto cols = columns(*table_2024, k_file_2024, {"code", "notes"});
    if (!cols) return cols.error();
    const std::size_t c_code = (*cols)[0], c_notes = (*cols)[1];

    // The province is the one GSO unit without a parent.
    std::optional<UnitId> province;
    for (const Unit* u : directory.all()) {
        if (u->kind != UnitKind::province || u->parent) continue;
        if (province) {
            return make_error(ErrorCode::invalid_input, "the demo directory expects one province",
                              std::string(k_file_2024));
        }
        province = u->id;
    }
    if (!province) {
        return make_error(ErrorCode::invalid_input, "no province row", std::string(k_file_2024));
    }

    for (const auto& record : table_2024->records) {
        if (text::trim(record.cells[c_code]).empty()) continue;
        if (auto ok = apply_history(directory, record, c_code, c_notes); !ok) return ok.error();
    }
    if (auto ok = add_2025(directory, *table_2025, *province); !ok) return ok.error();
    if (auto ok = close_districts(directory, *province); !ok) return ok.error();
    if (auto ok = add_offices(directory, *table_2024, *province); !ok) return ok.error();
    return directory;
}

}  // namespace dondoc::domain
