#include "domain/directory.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <unordered_map>
#include <utility>

#include "text/normalize.h"
#include "text/utf8.h"

namespace dondoc::domain {
namespace {

using Words = std::vector<std::string>;

// ---------------------------------------------------------------- keys

// Punctuation and spaces end a word; letters, digits and combining marks do
// not. Covers the ASCII punctuation, Latin-1 symbols, the General
// Punctuation block (dashes, quotes, ellipsis, typographic spaces) and CJK
// punctuation that converted documents carry.
bool is_separator(char32_t cp) {
    if (cp < 0x80) {
        return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    }
    return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF ||
           (cp >= 0xFF01 && cp <= 0xFF0F);
}

bool is_hyphen(char32_t cp) {
    return cp == '-' || cp == 0x2010 || cp == 0x2011 || cp == 0x2013;
}

// The words of NFC text. A hyphen written tight between two capitalised
// words joins them, so that "TN-MT", "TC-KH" and "TNMT" read alike; a spaced
// dash ("Tài chính - Kế hoạch") only separates.
Words split_words(std::string_view s) {
    Words words;
    std::string current;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        const char32_t cp = text::next_code_point(s, i);
        if (!is_separator(cp)) {
            current.append(s.substr(start, i - start));
            continue;
        }
        if (is_hyphen(cp) && !current.empty() && text::is_upper_text(current)) {
            std::size_t j = i;
            std::string next;
            while (j < s.size()) {
                const std::size_t at = j;
                if (is_separator(text::next_code_point(s, j))) {
                    j = at;
                    break;
                }
                next.append(s.substr(at, j - at));
            }
            if (!next.empty() && text::is_upper_text(next)) {
                current += next;
                i = j;
                continue;
            }
        }
        if (!current.empty()) words.push_back(std::move(current));
        current.clear();
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

Words tone_words(std::string_view nfc) {
    Words out;
    for (const auto& w : split_words(nfc)) out.push_back(text::tone_key(w));
    return out;
}

std::string join(const Words& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

// The fixed words the matcher knows, as keys. Built once; read-only after.
struct Vocabulary {
    struct Level {
        Words words;
        UnitKind tier;  // province, district or commune: which tier the word names
    };
    std::unordered_map<std::string, Words> expansions;  // "ubnd" → ủy ban nhân dân
    std::string va;
    std::string cac;
    Words ubnd;
    std::vector<Level> levels;  // longest first, so that "thị xã" wins over "xã"
    std::vector<Words> heads;   // titles that stand for their unit: "Chủ tịch UBND …"
    std::vector<Words> connectors;
    Words noun_so, noun_nganh, noun_phong;
    std::vector<Words> nouns;  // collective nouns of a group: phòng, ban, cơ quan …

    Vocabulary() {
        // Abbreviations written out: the five every office uses, and the few
        // that spell out names in the Quảng Ngãi data ("VP HĐND&UBND", "BQL
        // KKT … các KCN", "BCH Quân sự"). Unit-specific ones (SNV, TCKH) are
        // aliases in the data, not here.
        const std::array<std::pair<std::string_view, std::string_view>, 10> table{{
            {"UBND", "Ủy ban nhân dân"},
            {"HĐND", "Hội đồng nhân dân"},
            {"TP", "thành phố"},
            {"TX", "thị xã"},
            {"TT", "thị trấn"},
            {"VP", "văn phòng"},
            {"BQL", "ban quản lý"},
            {"KKT", "khu kinh tế"},
            {"KCN", "khu công nghiệp"},
            {"BCH", "ban chỉ huy"},
        }};
        for (const auto& [abbr, full] : table) expansions[text::tone_key(abbr)] = tone_words(full);
        va = text::tone_key("và");
        cac = text::tone_key("các");
        ubnd = tone_words("ủy ban nhân dân");
        for (auto [word, tier] : {std::pair{"thành phố", UnitKind::district},
                                  {"thị xã", UnitKind::district},
                                  {"thị trấn", UnitKind::commune},
                                  {"đặc khu", UnitKind::commune},
                                  {"tỉnh", UnitKind::province},
                                  {"huyện", UnitKind::district},
                                  {"quận", UnitKind::district},
                                  {"xã", UnitKind::commune},
                                  {"phường", UnitKind::commune}}) {
            levels.push_back({tone_words(word), tier});
        }
        for (const char* h : {"chủ tịch", "giám đốc", "thủ trưởng", "trưởng", "chánh"}) {
            heads.push_back(tone_words(h));
        }
        for (const char* c : {"trực thuộc", "trên địa bàn", "thuộc", "trong", "cấp"}) {
            connectors.push_back(tone_words(c));
        }
        noun_so = tone_words("sở");
        noun_nganh = tone_words("ngành");
        noun_phong = tone_words("phòng");
        for (const char* n : {"cơ quan", "đơn vị", "chuyên môn", "phòng", "ban", "ngành", "sở"}) {
            nouns.push_back(tone_words(n));
        }
    }
};

const Vocabulary& vocabulary() {
    static const Vocabulary v;
    return v;
}

// The mention's words as keys: case and tone placement folded, "và"
// dropped, abbreviations written out. Empty for invalid UTF-8.
Words key_words(std::string_view mention) {
    auto nfc = text::normalize_input(mention);
    if (!nfc) return {};
    const Vocabulary& v = vocabulary();
    Words out;
    for (const auto& w : split_words(*nfc)) {
        std::string k = text::tone_key(w);
        if (k == v.va) continue;
        if (auto it = v.expansions.find(k); it != v.expansions.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            continue;
        }
        out.push_back(std::move(k));
    }
    return out;
}

bool starts_with_at(const Words& words, std::size_t at, const Words& phrase) {
    if (phrase.empty() || at + phrase.size() > words.size()) return false;
    return std::equal(phrase.begin(), phrase.end(),
                      words.begin() + static_cast<std::ptrdiff_t>(at));
}

bool ends_with(const Words& words, const Words& phrase) {
    return phrase.size() <= words.size() &&
           starts_with_at(words, words.size() - phrase.size(), phrase);
}

const Vocabulary::Level* level_at(const Words& words, std::size_t at) {
    for (const auto& level : vocabulary().levels) {
        if (starts_with_at(words, at, level.words)) return &level;
    }
    return nullptr;
}

bool is_admin(UnitKind kind) {
    return kind == UnitKind::province || kind == UnitKind::district || kind == UnitKind::commune;
}

bool is_office(UnitKind kind) {
    return kind == UnitKind::district_office || kind == UnitKind::commune_office;
}

bool valid_on(const Unit& unit, std::optional<CivilDate> on) {
    if (!on) return true;
    if (unit.valid_from && *on < *unit.valid_from) return false;
    if (unit.valid_to && *unit.valid_to < *on) return false;
    return true;
}

Resolution unresolved() {
    return Resolution{{}, false, "unresolved"};
}

// ---------------------------------------------------------------- CSV

std::optional<CivilDate> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        if (i == 4 || i == 7) continue;
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        const int digit = s[i] - '0';
        if (i < 4) {
            y = y * 10 + digit;
        } else if (i < 7) {
            m = m * 10 + static_cast<unsigned>(digit);
        } else {
            d = d * 10 + static_cast<unsigned>(digit);
        }
    }
    const CivilDate date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::vector<std::string> split_list(std::string_view cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        std::size_t end = cell.find(';', start);
        if (end == std::string_view::npos) end = cell.size();
        std::string item = text::collapse_whitespace(cell.substr(start, end - start));
        if (!item.empty()) out.push_back(std::move(item));
        start = end + 1;
    }
    return out;
}

// "51-so-noi-vu" for "Sở Nội vụ tỉnh Quảng Ngãi" under "Tỉnh Quảng Ngãi":
// the name without its parent's name, folded to ASCII words.
std::string generated_id(std::string_view name, const Unit* parent) {
    std::string folded = text::fold_diacritics(name);
    if (parent) {
        const std::string tail = " " + text::fold_diacritics(parent->name);
        if (folded.size() > tail.size() && folded.ends_with(tail)) {
            folded.resize(folded.size() - tail.size());
        }
    }
    std::string slug;
    bool gap = false;
    for (char c : folded) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum) {
            gap = true;
            continue;
        }
        if (gap && !slug.empty()) slug += '-';
        gap = false;
        slug += c;
    }
    if (slug.empty()) slug = "unit";
    return parent ? parent->id.value + "-" + slug : slug;
}

}  // namespace

// ---------------------------------------------------------------- keys (public)

std::string mention_key(std::string_view mention) {
    return join(key_words(mention));
}

// ---------------------------------------------------------------- Directory

void Directory::index(Entry& entry) {
    const Unit& unit = entry.unit;
    const Vocabulary& v = vocabulary();
    struct Key {
        std::string key;
        bool scoped;
        bool is_name;
    };
    std::vector<Key> keys;
    auto add_key = [&](const Words& words, bool scoped, bool is_name) {
        if (words.empty()) return;
        std::string key = join(words);
        for (auto& k : keys) {
            if (k.key != key) continue;
            // The same key twice: keep the stronger reading.
            k.scoped = k.scoped && scoped;
            k.is_name = k.is_name || is_name;
            return;
        }
        keys.push_back({std::move(key), scoped, is_name});
    };
    auto with_ubnd = [&](const Words& words) {
        Words w = v.ubnd;
        w.insert(w.end(), words.begin(), words.end());
        return w;
    };

    const Words name = key_words(unit.name);
    const auto* level = level_at(name, 0);
    entry.level = level ? join(level->words) : std::string();
    add_key(name, false, true);
    // An administrative unit is named by its people's committee as well:
    // "UBND huyện Sơn Tây" is the district.
    if (is_admin(unit.kind)) add_key(with_ubnd(name), false, false);
    for (const auto& alias : unit.aliases) {
        const Words words = key_words(alias);
        // An office's short names ("Phòng TC-KH") are shared by every
        // district's office; they mean one only next to its district.
        add_key(words, is_office(unit.kind), false);
        if (is_admin(unit.kind) && level_at(words, 0)) add_key(with_ubnd(words), false, false);
    }
    // The name without its parent's ("Phòng Nội vụ" of "Phòng Nội vụ huyện
    // Sơn Tây") is how documents of the parent's area print it.
    if (unit.parent) {
        if (auto it = m_units.find(*unit.parent); it != m_units.end()) {
            const Words parent_name = key_words(it->second.unit.name);
            if (name.size() > parent_name.size() && ends_with(name, parent_name)) {
                add_key(Words(name.begin(),
                              name.end() - static_cast<std::ptrdiff_t>(parent_name.size())),
                        true, false);
            }
        }
    }

    entry.keys.clear();
    entry.folded.clear();
    for (const auto& k : keys) {
        m_by_key[k.key].push_back({unit.id, k.scoped, k.is_name});
        entry.keys.push_back(k.key);
        std::string folded = text::fold_diacritics(k.key);
        if (std::find(entry.folded.begin(), entry.folded.end(), folded) != entry.folded.end()) {
            continue;  // two keys that differ only in diacritics
        }
        m_by_folded[folded].push_back({unit.id, k.scoped, k.is_name});
        entry.folded.push_back(std::move(folded));
    }
}

void Directory::unindex(const Entry& entry) {
    auto drop = [&](Index& index, const std::vector<std::string>& keys) {
        for (const auto& key : keys) {
            auto it = index.find(key);
            if (it == index.end()) continue;
            std::erase_if(it->second, [&](const KeyRef& r) { return r.id == entry.unit.id; });
            if (it->second.empty()) index.erase(it);
        }
    };
    drop(m_by_key, entry.keys);
    drop(m_by_folded, entry.folded);
}

Result<void> Directory::add(Unit unit) {
    const std::string who = "unit '" + unit.id.value + "'";
    if (unit.id.value.empty()) {
        return make_error(ErrorCode::invalid_input, "the unit '" + unit.name + "' has an empty id");
    }
    if (text::trim(unit.name).empty()) {
        return make_error(ErrorCode::invalid_input, who + " has no name");
    }
    if (unit.valid_from && unit.valid_to && *unit.valid_to < *unit.valid_from) {
        return make_error(ErrorCode::invalid_input, who + " ends before it begins");
    }
    if (unit.parent) {
        auto parent = m_units.find(*unit.parent);
        if (parent == m_units.end()) {
            return make_error(ErrorCode::invalid_input,
                              who + " has an unknown parent '" + unit.parent->value + "'");
        }
        // Walk up from the parent: meeting the unit itself means a cycle.
        const Entry* at = &parent->second;
        for (std::size_t steps = 0; at && steps <= m_units.size(); ++steps) {
            if (at->unit.id == unit.id) {
                return make_error(
                    ErrorCode::invalid_input,
                    who + " would be its own ancestor through '" + unit.parent->value + "'");
            }
            if (!at->unit.parent) break;
            auto up = m_units.find(*at->unit.parent);
            at = up == m_units.end() ? nullptr : &up->second;
        }
    }

    const UnitId id = unit.id;
    auto [it, inserted] = m_units.try_emplace(id);
    Entry& entry = it->second;
    if (!inserted) {
        unindex(entry);
        if (entry.unit.parent) {
            if (auto old = m_units.find(*entry.unit.parent); old != m_units.end()) {
                std::erase(old->second.children, id);
            }
        }
    }
    entry.unit = std::move(unit);
    if (entry.unit.parent) m_units.find(*entry.unit.parent)->second.children.push_back(id);
    index(entry);
    // The children's short names are cut from this unit's name.
    for (const auto& child : entry.children) {
        Entry& c = m_units.find(child)->second;
        unindex(c);
        index(c);
    }
    return {};
}

const Unit* Directory::find(const UnitId& id) const {
    auto it = m_units.find(id);
    return it == m_units.end() ? nullptr : &it->second.unit;
}

std::vector<const Unit*> Directory::children(const UnitId& id) const {
    std::vector<const Unit*> out;
    auto it = m_units.find(id);
    if (it == m_units.end()) return out;
    for (const auto& child : it->second.children) out.push_back(&m_units.find(child)->second.unit);
    std::sort(out.begin(), out.end(), [](const Unit* a, const Unit* b) { return a->id < b->id; });
    return out;
}

std::vector<const Unit*> Directory::all() const {
    std::vector<const Unit*> out;
    out.reserve(m_units.size());
    for (const auto& [id, entry] : m_units) out.push_back(&entry.unit);
    return out;
}

std::vector<const Directory::Entry*> Directory::chain(const std::optional<UnitId>& issuer) const {
    std::vector<const Entry*> out;
    if (!issuer) return out;
    auto it = m_units.find(*issuer);
    while (it != m_units.end() && out.size() <= m_units.size()) {
        out.push_back(&it->second);
        if (!it->second.unit.parent) break;
        it = m_units.find(*it->second.unit.parent);
    }
    return out;
}

std::optional<Resolution> Directory::lookup(const Index& index, const std::string& key,
                                            const std::vector<const Entry*>& chain,
                                            std::optional<CivilDate> on) const {
    auto found = index.find(key);
    if (found == index.end()) return std::nullopt;
    struct Candidate {
        const KeyRef* ref;
        const Unit* unit;
    };
    std::vector<Candidate> candidates;
    for (const auto& ref : found->second) {
        const Unit* unit = find(ref.id);
        if (unit && valid_on(*unit, on)) candidates.push_back({&ref, unit});
    }
    if (candidates.empty()) return std::nullopt;
    auto distinct = [](const std::vector<Candidate>& cs) {
        std::set<UnitId> ids;
        for (const auto& c : cs) ids.insert(c.unit->id);
        return ids.size();
    };
    const bool unique = distinct(candidates) == 1;
    auto found_as = [&](const Candidate& c, bool relative) {
        std::string how = relative ? "relative" : c.ref->is_name ? "exact" : "alias";
        return Resolution{{c.unit->id}, false, std::move(how)};
    };

    // The nearest place of the issuer that holds the name decides: the
    // issuer itself, its parent, its grandparent…
    for (const Entry* level : chain) {
        std::vector<Candidate> hits;
        for (const auto& c : candidates) {
            if (c.unit->id == level->unit.id || c.unit->parent == level->unit.id) hits.push_back(c);
        }
        if (hits.empty()) continue;
        if (distinct(hits) > 1) return std::nullopt;  // two units of that name there: never guess
        return found_as(hits.front(), !unique || hits.front().ref->scoped);
    }
    // A full name or a unit's own abbreviation means the same unit anywhere.
    std::vector<Candidate> open;
    for (const auto& c : candidates) {
        if (!c.ref->scoped) open.push_back(c);
    }
    if (!open.empty() && distinct(open) == 1) return found_as(open.front(), false);
    // With no issuer, a short name counts at the top of the tree ("Sở Nội
    // vụ" under the one province), where nothing above can disambiguate.
    if (chain.empty()) {
        std::vector<Candidate> top;
        for (const auto& c : candidates) {
            if (!c.ref->scoped || !c.unit->parent) continue;
            const Unit* parent = find(*c.unit->parent);
            if (parent && !parent->parent) top.push_back(c);
        }
        if (!top.empty() && distinct(top) == 1) return found_as(top.front(), false);
    }
    return std::nullopt;
}

std::optional<Resolution> Directory::resolve_level_suffix(const std::vector<std::string>& words,
                                                          const std::vector<const Entry*>& chain,
                                                          std::optional<CivilDate> on) const {
    // "Phòng Tài chính - Kế hoạch huyện", "UBND huyện", "Phòng Nội vụ thành
    // phố": a trailing type word with no name after it names the issuer's
    // own district (or province, commune).
    const Vocabulary& v = vocabulary();
    for (const auto& level : v.levels) {
        if (words.size() < level.words.size() || !ends_with(words, level.words)) continue;
        const std::string level_key = join(level.words);
        const Entry* anchor = nullptr;
        for (const Entry* e : chain) {
            if (e->level == level_key) {
                anchor = e;
                break;
            }
        }
        if (!anchor) return std::nullopt;
        const Words rest(words.begin(),
                         words.end() - static_cast<std::ptrdiff_t>(level.words.size()));
        if (rest.empty() || rest == v.ubnd) return Resolution{{anchor->unit.id}, false, "relative"};
        auto found = m_by_key.find(join(rest));
        if (found == m_by_key.end()) return std::nullopt;
        std::set<UnitId> hits;
        for (const auto& ref : found->second) {
            const Unit* unit = find(ref.id);
            if (unit && unit->parent == anchor->unit.id && valid_on(*unit, on)) {
                hits.insert(unit->id);
            }
        }
        if (hits.size() != 1) return std::nullopt;
        return Resolution{{*hits.begin()}, false, "relative"};
    }
    return std::nullopt;
}

std::optional<Resolution> Directory::resolve_group(const std::vector<std::string>& words,
                                                   const std::vector<const Entry*>& chain,
                                                   const std::optional<UnitId>& issuer,
                                                   std::optional<CivilDate> on) const {
    // [UBND] các ITEM… [connector [UBND] LEVEL]
    //   ITEM: a type of administrative unit (xã, phường, thị trấn, huyện…) or
    //   a collective noun (phòng, ban, ngành, sở, cơ quan, đơn vị).
    // Anything else ("các cơ quan liên quan", "các hội, đoàn thể") is not a
    // group the directory can list, and stays for a person.
    const Vocabulary& v = vocabulary();
    std::size_t i = 0;
    const bool ubnd = starts_with_at(words, 0, v.ubnd);
    if (ubnd) i += v.ubnd.size();
    if (i >= words.size() || words[i] != v.cac) return std::nullopt;
    ++i;

    std::vector<const Vocabulary::Level*> admin;
    std::vector<const Words*> nouns;
    bool admin_before_noun = false;
    const Vocabulary::Level* tail = nullptr;
    while (i < words.size()) {
        if (words[i] == v.cac) {
            ++i;
            continue;
        }
        const Words* connector = nullptr;
        for (const auto& c : v.connectors) {
            if (starts_with_at(words, i, c)) {
                connector = &c;
                break;
            }
        }
        if (connector) {
            i += connector->size();
            if (starts_with_at(words, i, v.ubnd)) i += v.ubnd.size();
            tail = level_at(words, i);
            if (!tail || i + tail->words.size() != words.size()) return unresolved();
            break;
        }
        if (const auto* level = level_at(words, i)) {
            admin.push_back(level);
            i += level->words.size();
            continue;
        }
        const Words* noun = nullptr;
        for (const auto& n : v.nouns) {
            if (starts_with_at(words, i, n)) {
                noun = &n;
                break;
            }
        }
        if (!noun) return std::nullopt;
        if (!admin.empty()) admin_before_noun = true;
        nouns.push_back(noun);
        i += noun->size();
    }
    if (admin.empty() && nouns.empty()) return std::nullopt;
    // "các phòng, ban thành phố": a type word after the nouns is their place.
    if (!nouns.empty() && !admin.empty()) {
        if (admin_before_noun || admin.size() != 1 || tail) return unresolved();
        tail = admin.front();
        admin.clear();
    }

    auto nearest = [&](auto&& matches) -> const Entry* {
        for (const Entry* e : chain) {
            if (matches(*e)) return e;
        }
        return nullptr;
    };
    auto at_level = [&](const Vocabulary::Level* level) {
        const std::string key = join(level->words);
        return nearest([&](const Entry& e) { return e.level == key; });
    };
    auto of_kind = [&](UnitKind kind) {
        return nearest([&](const Entry& e) { return e.unit.kind == kind; });
    };
    auto has_noun = [&](const Words& n) {
        return std::any_of(nouns.begin(), nouns.end(), [&](const Words* w) { return *w == n; });
    };

    const Entry* anchor = nullptr;
    std::vector<UnitId> members;
    auto take = [&](const Entry& e, auto&& wanted) {
        if (valid_on(e.unit, on) && wanted(e)) members.push_back(e.unit.id);
    };
    if (nouns.empty()) {
        const UnitKind tier = admin.front()->tier;
        if (tier == UnitKind::province) return unresolved();
        for (const auto* a : admin) {
            if (a->tier != tier) return unresolved();
        }
        if (tail) {
            anchor = at_level(tail);
        } else if (tier == UnitKind::commune) {
            // A district's communes; from the province (or after 2025), all of them.
            anchor = of_kind(UnitKind::district) ? of_kind(UnitKind::district)
                                                 : of_kind(UnitKind::province);
        } else {
            anchor = of_kind(UnitKind::province);
        }
        if (!anchor) return unresolved();
        auto named = [&](const Entry& e) {
            return e.unit.kind == tier &&
                   std::any_of(admin.begin(), admin.end(),
                               [&](const auto* a) { return join(a->words) == e.level; });
        };
        // Communes sit under a district before 2025 and under the province
        // after: look two levels down.
        for (const auto& child : anchor->children) {
            const Entry& c = m_units.find(child)->second;
            take(c, named);
            if (tier != UnitKind::commune) continue;
            for (const auto& grandchild : c.children) take(m_units.find(grandchild)->second, named);
        }
    } else {
        if (ubnd) return unresolved();
        UnitKind wanted = UnitKind::other;
        if (has_noun(v.noun_so) || has_noun(v.noun_nganh)) {
            anchor = tail ? at_level(tail) : of_kind(UnitKind::province);
            if (anchor && anchor->unit.kind != UnitKind::province) return unresolved();
            wanted = UnitKind::department;
        } else if (has_noun(v.noun_phong)) {
            anchor = tail ? at_level(tail) : of_kind(UnitKind::district);
            if (anchor && anchor->unit.kind != UnitKind::district) return unresolved();
            wanted = UnitKind::district_office;
        } else {
            // "các cơ quan, đơn vị trực thuộc UBND huyện": only the place says which.
            if (!tail) return unresolved();
            anchor = at_level(tail);
            if (anchor && anchor->unit.kind == UnitKind::district) {
                wanted = UnitKind::district_office;
            }
            if (anchor && anchor->unit.kind == UnitKind::province) wanted = UnitKind::department;
        }
        if (!anchor || wanted == UnitKind::other) return unresolved();
        for (const auto& child : anchor->children) {
            take(m_units.find(child)->second,
                 [&](const Entry& e) { return e.unit.kind == wanted; });
        }
    }
    // A unit writing to "các sở, ban, ngành" does not assign work to itself.
    if (issuer) std::erase(members, *issuer);
    if (members.empty()) return unresolved();
    std::sort(members.begin(), members.end());
    return Resolution{std::move(members), true, "group"};
}

Resolution Directory::resolve(std::string_view mention, const std::optional<UnitId>& issuer,
                              std::optional<CivilDate> on) const {
    Words words = key_words(mention);
    if (words.empty()) return unresolved();
    const std::string key = join(words);

    // A person's mapping comes first: it settles what the rules could not.
    const std::string issuer_key = issuer ? issuer->value : std::string();
    for (const auto& scope : {issuer_key, std::string()}) {
        auto it = m_mappings.find({key, scope});
        if (it != m_mappings.end()) return Resolution{it->second, it->second.size() > 1, "mapping"};
        if (scope.empty()) break;
    }

    const auto ch = chain(issuer);
    // "Chủ tịch UBND các xã", "Giám đốc Sở Kế hoạch và Đầu tư": the head
    // answers for the unit.
    for (const auto& head : vocabulary().heads) {
        if (words.size() > head.size() && starts_with_at(words, 0, head)) {
            words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(head.size()));
            break;
        }
    }
    if (auto group = resolve_group(words, ch, issuer, on)) return *group;
    const std::string stripped = join(words);
    if (auto direct = lookup(m_by_key, stripped, ch, on)) return *direct;
    if (auto relative = resolve_level_suffix(words, ch, on)) return *relative;
    // Text typed without any diacritic ("UBND xa Son Tay") is matched on its
    // letters alone; text with diacritics never is, so "Sơn Hà" stays apart
    // from "Sơn Hạ".
    if (text::fold_diacritics(mention) == text::fold_case(mention)) {
        if (auto folded = lookup(m_by_folded, text::fold_diacritics(stripped), ch, on)) {
            folded->how = "folded";
            return *folded;
        }
    }
    return unresolved();
}

std::optional<UnitId> Directory::resolve_issuer(std::string_view name,
                                                std::optional<std::string_view> parent,
                                                std::optional<CivilDate> on) const {
    std::optional<UnitId> context;
    if (parent) context = resolve_issuer(*parent, std::nullopt, on);
    const Resolution r = resolve(name, context, on);
    if (r.group || r.units.size() != 1) return std::nullopt;
    return r.units.front();
}

void Directory::add_mapping(std::string_view mention, std::optional<UnitId> issuer,
                            std::vector<UnitId> units) {
    m_mappings[{mention_key(mention), issuer ? std::move(issuer->value) : std::string()}] =
        std::move(units);
}

UnitId Directory::current_holder(const UnitId& id, CivilDate on) const {
    UnitId at = id;
    // Bounded by the number of units, so that a cycle in bad data ends.
    for (std::size_t steps = 0; steps <= m_units.size(); ++steps) {
        const Unit* unit = find(at);
        if (!unit || !unit->valid_to || on <= *unit->valid_to || unit->successors.size() != 1) {
            return at;
        }
        at = unit->successors.front();
    }
    return at;
}

// ---------------------------------------------------------------- CSV

std::optional<UnitKind> unit_kind_from_csv(std::string_view cell) {
    struct Named {
        std::string key;
        UnitKind kind;
    };
    static const std::vector<Named> k_named = [] {
        std::vector<Named> out;
        for (auto [words, kind] :
             {std::pair{"tỉnh", UnitKind::province},
              {"thành phố trực thuộc trung ương", UnitKind::province},
              {"ủy ban nhân dân cấp tỉnh", UnitKind::province},
              {"huyện", UnitKind::district},
              {"quận", UnitKind::district},
              {"thị xã", UnitKind::district},
              {"thành phố", UnitKind::district},
              {"thành phố thuộc tỉnh", UnitKind::district},
              {"ủy ban nhân dân cấp huyện", UnitKind::district},
              {"xã", UnitKind::commune},
              {"phường", UnitKind::commune},
              {"thị trấn", UnitKind::commune},
              {"đặc khu", UnitKind::commune},
              {"ủy ban nhân dân cấp xã", UnitKind::commune},
              {"cơ quan chuyên môn thuộc ủy ban nhân dân tỉnh", UnitKind::department},
              {"cơ quan trực thuộc ủy ban nhân dân tỉnh", UnitKind::department},
              {"phòng chuyên môn thuộc ủy ban nhân dân cấp huyện", UnitKind::district_office}}) {
            out.push_back({mention_key(words), kind});
        }
        return out;
    }();
    static const std::string k_template = mention_key("mẫu");
    if (auto kind = unit_kind_from_name(text::trim(cell))) return kind;
    Words words = key_words(cell);
    if (!words.empty() && words.back() == k_template) words.pop_back();
    const std::string key = join(words);
    for (const auto& n : k_named) {
        if (n.key == key) return n.kind;
    }
    return std::nullopt;
}

Result<std::size_t> import_units_csv(std::string_view csv, std::string_view source,
                                     Directory& directory) {
    auto read = read_csv(csv, source);
    if (!read) return read.error();
    const CsvTable& table = *read;

    enum Field {
        f_id,
        f_name,
        f_kind,
        f_parent,
        f_aliases,
        f_note,
        f_from,
        f_to,
        f_successors,
        f_formed,
        f_assigns_to,
        f_count
    };
    // dondoc's own names, the shared data's, other trackers' (unit, level,
    // parent_unit, may_assign_to) and the Vietnamese an office types.
    const std::array<std::pair<std::string_view, Field>, 30> k_columns{{
        {"unit", f_id},
        {"level", f_kind},
        {"parent_unit", f_parent},
        {"may_assign_to", f_assigns_to},
        {"mã", f_id},
        {"mã đơn vị", f_id},
        {"tên", f_name},
        {"tên đơn vị", f_name},
        {"loại", f_kind},
        {"cấp", f_kind},
        {"loại đơn vị", f_kind},
        {"đơn vị cấp trên", f_parent},
        {"mã đơn vị cấp trên", f_parent},
        {"tên viết tắt", f_aliases},
        {"ghi chú", f_note},
        {"code", f_id},
        {"id", f_id},
        {"name", f_name},
        {"kind", f_kind},
        {"parent_code", f_parent},
        {"parent", f_parent},
        {"abbreviation", f_aliases},
        {"aliases", f_aliases},
        {"notes", f_note},
        {"note", f_note},
        {"valid_from", f_from},
        {"valid_to", f_to},
        {"successors", f_successors},
        {"formed_from", f_formed},
    }};
    std::array<std::optional<std::size_t>, f_count> at{};
    for (std::size_t k = 0; k < table.header.size(); ++k) {
        const std::string name = text::fold_case(table.header[k]);
        auto known = std::find_if(k_columns.begin(), k_columns.end(),
                                  [&](const auto& c) { return c.first == name; });
        const std::string where =
            text::where_in_file(source, table.header_line, table.header_columns[k]);
        if (known == k_columns.end()) {
            return make_error(ErrorCode::invalid_input, "unknown column '" + table.header[k] + "'",
                              where);
        }
        if (at[known->second]) {
            return make_error(ErrorCode::invalid_input,
                              "the column '" + table.header[k] + "' repeats another", where);
        }
        at[known->second] = k;
    }
    for (auto [field, name] : {std::pair{f_name, "name"}, {f_kind, "kind"}}) {
        if (!at[field]) {
            return make_error(ErrorCode::invalid_input,
                              std::string("the header has no '") + name + "' column",
                              text::where_in_file(source, table.header_line, 1));
        }
    }

    static const std::string k_template = mention_key("mẫu");
    static const std::string k_committee = mention_key("ủy ban nhân dân");
    std::set<std::string> seen;
    std::size_t added = 0;
    for (const auto& record : table.records) {
        auto cell = [&](Field f) {
            return at[f] ? text::collapse_whitespace(record.cells[*at[f]]) : std::string();
        };
        auto where = [&](Field f) {
            return text::where_in_file(source, record.line, at[f] ? record.columns[*at[f]] : 1);
        };
        auto fail = [&](Field f, std::string message) {
            return make_error(ErrorCode::invalid_input, std::move(message), where(f));
        };

        const std::string name = cell(f_name);
        if (name.empty()) return fail(f_name, "the name is empty");
        const std::string kind_text = cell(f_kind);
        const auto kind = unit_kind_from_csv(kind_text);
        if (!kind) return fail(f_kind, "unknown kind '" + kind_text + "'");
        const std::string kind_key = mention_key(kind_text);
        // A template describes an office type, not an office: it has no
        // parent and no place of its own (quang_ngai_directory instantiates it).
        if (kind_key.ends_with(k_template)) continue;

        const Unit* parent = nullptr;
        if (const std::string p = cell(f_parent); !p.empty()) {
            parent = directory.find(UnitId{p});
            if (!parent) {
                return fail(f_parent,
                            "unknown parent '" + p + "' (a parent must come before its units)");
            }
        }
        std::vector<std::string> aliases = split_list(cell(f_aliases));

        // The people's committee of a province is the province as an issuer
        // and recipient: its names become the province's.
        if (kind_key.starts_with(k_committee) && *kind == UnitKind::province) {
            if (!parent) {
                return fail(f_parent,
                            "a people's committee row needs the unit it governs as its parent");
            }
            Unit governed = *parent;
            aliases.insert(aliases.begin(), name);
            for (auto& a : aliases) {
                if (std::find(governed.aliases.begin(), governed.aliases.end(), a) ==
                    governed.aliases.end()) {
                    governed.aliases.push_back(std::move(a));
                }
            }
            if (auto ok = directory.add(std::move(governed)); !ok) {
                return fail(f_name, ok.error().message);
            }
            continue;
        }

        Unit unit;
        unit.id = UnitId{cell(f_id)};
        if (unit.id.value.empty()) unit.id = UnitId{generated_id(name, parent)};
        if (!seen.insert(unit.id.value).second) {
            return fail(at[f_id] ? f_id : f_name, "the id '" + unit.id.value + "' appears twice");
        }
        unit.name = name;
        unit.aliases = std::move(aliases);
        unit.kind = *kind;
        if (parent) unit.parent = parent->id;
        for (auto [field, target] : {std::pair{f_from, &unit.valid_from}, {f_to, &unit.valid_to}}) {
            const std::string date = cell(field);
            if (date.empty()) continue;
            *target = parse_iso_date(date);
            if (!*target) return fail(field, "'" + date + "' is not a date (YYYY-MM-DD)");
        }
        for (auto& s : split_list(cell(f_successors))) {
            unit.successors.push_back(UnitId{std::move(s)});
        }
        unit.note = cell(f_note);
        if (const std::string formed = cell(f_formed); !formed.empty()) {
            unit.note += (unit.note.empty() ? "" : " ") + std::string("Formed from: ") + formed;
        }
        if (const std::string assigns = cell(f_assigns_to); !assigns.empty()) {
            unit.note += (unit.note.empty() ? "" : " ") + std::string("May assign to: ") + assigns;
        }
        if (auto ok = directory.add(std::move(unit)); !ok) return fail(f_name, ok.error().message);
        ++added;
    }
    return added;
}

}  // namespace dondoc::domain
